// County labour markets at the start of the run (issue 12, points 2 and 3). Small scale
// (0.004), several seeds, no timing.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "engine/simulation.h"
#include "record_series.h"
#include "small_world.h"

using namespace prosim;

namespace {

using testing::series;

// 2021 mean unemployment of the four most rural counties (Lanxi, Pujiang, Wuyi, Pan'an:
// urbanisation 53-56 %), averaged over seeds 1-4.
double rural_county_unemployment_2021(double farm_land_per_farmer) {
  double sum = 0;
  int n = 0;
  for (std::uint64_t seed : {1, 2, 3, 4}) {
    const auto params = testing::small_world({{"seed", seed}, {"economy", {{"farm_land_per_farmer", farm_land_per_farmer}}}},
                                             0.004, "2021-12");
    const RunRecord r = run_simulation(params, 2);
    const auto& u = series(r, "/county", "unemployment_rate");
    const std::size_t C = params.counties.size();
    for (std::size_t c = 0; c < C; ++c) {
      const auto& name = params.counties[c].name;
      if (name != "Lanxi" && name != "Pujiang" && name != "Wuyi" && name != "Pan'an") continue;
      for (std::size_t t = 0; t < 12; ++t) sum += u[t * C + c];
      n += 12;
    }
  }
  return sum / n;
}

}  // namespace

// Mechanism: an unemployed village resident falls back on farming only while the
// household's land has work for another full-time farmer (farm_land_per_farmer,
// systems/labour_market.cpp); the others stay job seekers. When anyone in a village
// household with land could farm (farm_land_per_farmer 0, the earlier rule), village job
// seekers vanished into farming and the rural counties' unemployment sat at 0.2-0.5 % (issue
// 12). Measured (scale 0.004, seeds 1-4, 2021 means of the four counties): 1.16, 1.31, 1.57,
// 1.76 % with the land limit; 0.36, 0.74, 0.46, 0.83 % without it.
TEST_CASE("rural job seekers stay unemployed when the household's land is worked (mechanism: farm_land_per_farmer)") {
  const double with_limit = rural_county_unemployment_2021(5.6);
  const double without = rural_county_unemployment_2021(0.0);
  CAPTURE(with_limit);
  CAPTURE(without);
  CHECK(with_limit > 0.01);  // the lower band (1 %), on the four counties' mean
  // Since the added-worker rule (model.md 4.11) the earlier farming rule alone gives 1.73 %
  // and the land limit 2.47 % (December 2026); before it, 0.36-0.83 % against 1.16-1.76 %.
  // Since county capital shares (outside_owned_capital, model.md 4.7) these counties' firms
  // no longer hire nearly every job seeker: 3.46 % without the land limit, 4.08 % with it
  // (ratio 1.18; with both runs at farm_land_per_farmer 0 the ratio is 1). Since family
  // support was sourced (model.md 4.8c; it runs in the burn-in, which calibrates these
  // counties' labour markets): 3.26 % with the land limit, 3.02 % without (ratio 1.081); with
  // the same code at the earlier allowance of 2 x the standard (the earlier rule but for the
  // sharing among parents) 3.23 % and 2.95 % (1.098): the ratio was near 1.1 before this
  // change (`prosim run` of this scenario at scale 0.004 ending 2021-12, seeds 1-4, the four
  // counties' 2021 mean; why family support moves it was not traced further). The bound is
  // 1.05, above the 1 that both runs at farm_land_per_farmer 0 give.
  CHECK(with_limit > 1.05 * without);
}
