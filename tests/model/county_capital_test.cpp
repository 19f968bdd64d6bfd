// County capital shares (issue 12, point 2): value added per worker is not the county's
// wage times one markup everywhere; the part of a county's GDP that its labour cost does not
// explain is the return to capital owned outside the region (population/firms.cpp,
// systems/firm_accounts.cpp, model.md 4.7). Small scale (0.004), several seeds, no timing.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/simulation.h"
#include "population/world_builder.h"
#include "small_world.h"

using namespace prosim;

namespace {

struct BurnInEnd {
  double gdp_gap = 0, unemployment = 0;  // Pan'an and Lanxi: the worse of the two
};

// Mean of the last 6 burn-in months (the convergence window, engine/calibration.cpp) for the
// two counties whose GDP per head is more than twice their income per head.
BurnInEnd capital_intensive_counties(std::uint64_t seed, bool outside_capital) {
  const auto params =
      testing::small_world({{"seed", seed}, {"economy", {{"outside_owned_capital", outside_capital}}}}, 0.01, "2021-01");
  const RunRecord r = run_simulation(params, 2);
  const auto* g = r.find_group("/calibration");
  const std::size_t C = params.counties.size(), months = g->variable("gdp_gap")->data.size() / C;
  BurnInEnd worst;
  worst.unemployment = 1;
  for (std::size_t c = 0; c < C; ++c) {
    const auto& name = params.counties[c].name;
    if (name != "Pan'an" && name != "Lanxi") continue;
    double gap = 0, u = 0;
    for (std::size_t m = months - 6; m < months; ++m) {
      gap += g->variable("gdp_gap")->data[m * C + c] / 6;
      u += g->variable("unemployment_rate")->data[m * C + c] / 6;
    }
    if (std::abs(gap) > std::abs(worst.gdp_gap)) worst.gdp_gap = gap;
    worst.unemployment = std::min(worst.unemployment, u);
  }
  return worst;
}

}  // namespace

TEST_CASE("county capital shares follow the county's GDP and income inputs") {
  const auto params = testing::small_world();
  for (std::size_t c = 0; c < params.counties.size(); ++c) {
    const auto& in = params.counties[c];
    const double kappa = outside_capital_share(params, c);
    CAPTURE(in.name);
    CAPTURE(kappa);
    CHECK(kappa >= 0);
    CHECK(kappa < 0.6);
    // Yiwu's GDP per head is 1.16 times its income per head: its labour explains it all.
    if (in.name == "Yiwu") CHECK(kappa == 0);
    // Pan'an and Lanxi: 2.16 and 2.06 times.
    if (in.name == "Pan'an" || in.name == "Lanxi") CHECK(kappa > 0.3);
  }
}

// Mechanism: outside_owned_capital (county capital shares). Without it Pan'an's firms, short
// of workers, cannot make the county's GDP with its labour force, and Lanxi's firms hire
// nearly every job seeker. Measured (scale 0.01 as in the scenario; at 0.004 Pan'an has a
// handful of firms and its gap is noise), mean of the last 6 burn-in months, the worse of
// the two counties, seeds 1 / 2 / 3: with the mechanism GDP gaps -3.9 / -3.1 / +3.4 %,
// lowest unemployment 3.9 / 3.6 / 2.6 %; without it (false) Pan'an's GDP -19.6 / -11.0 /
// -13.1 % and Lanxi's unemployment 0.9 / 1.0 / 0.7 %. With the burn-in's demand lever of
// calibration.md 00e (December 2026): with the mechanism -0.7 / +0.5 / +0.2 %, lowest
// unemployment 2.8 / 2.5 / 1.8 %; without it -20.4 / -8.0 / -11.7 %, 0.8 / 1.0 / 0.4 %.
// With the counties at their seats (the baseline since the commute-time decay, model.md 1 and
// 4.3) the two counties' firms also hire neighbours' workers (Lanxi's seat reaches Wucheng's
// workplaces; 17-19 % of Lanxi's employed residents work in another county), so
// without the mechanism the burn-in's demand lever now brings their GDP into the +-5 % band
// (-4.4 / -0.7 / +0.7 %) and the shortage of labour shows in unemployment alone: lowest
// 0.70 / 1.00 / 0.42 % without it, 2.70 / 2.17 / 2.36 % with it (GDP +0.5 / +0.8 / +0.3 %).
// On the ring, where only their own labour force was in reach, both showed.
TEST_CASE("capital-intensive counties reach their GDP without draining their labour force (mechanism: outside_owned_capital)") {
  for (std::uint64_t seed : {1, 2, 3}) {
    CAPTURE(seed);
    const BurnInEnd with = capital_intensive_counties(seed, true);
    const BurnInEnd without = capital_intensive_counties(seed, false);
    CAPTURE(with.gdp_gap);
    CAPTURE(with.unemployment);
    CAPTURE(without.gdp_gap);
    CAPTURE(without.unemployment);
    CHECK(std::abs(with.gdp_gap) < 0.05);
    CHECK(with.unemployment > 0.01);
    MESSAGE("seed " << seed << ": with " << with.gdp_gap << " / " << with.unemployment << ", without "
                    << without.gdp_gap << " / " << without.unemployment);
    // Without the mechanism the counties' firms need more workers than their labour market
    // holds: the county's unemployment is drained to well below its level with the mechanism
    // (on the ring their GDP also ended below the burn-in's -5 % band; at the seats neighbours'
    // workers make up the GDP, above).
    CHECK(without.unemployment < 0.6 * with.unemployment);
  }
}
