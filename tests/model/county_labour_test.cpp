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

bool rural_county(const std::string& name) {
  return name == "Lanxi" || name == "Pujiang" || name == "Wuyi" || name == "Pan'an";
}

// 2021 unemployment of the four most rural counties (Lanxi, Pujiang, Wuyi, Pan'an:
// urbanisation 53-56 %), seeds 1-4: the recorded county rate (mean of the counties' monthly
// rates), and the rate among the village residents of households with land (unemployed over
// the labour force, persons at the end of each month, pooled), whom the mechanism acts on.
struct RuralUnemployment {
  double county = 0, land_households = 0;
};

RuralUnemployment rural_unemployment_2021(double farm_land_per_farmer) {
  double sum = 0, unemployed = 0, labour_force = 0;
  int n = 0;
  for (std::uint64_t seed : {1, 2, 3, 4}) {
    const auto params = testing::small_world({{"seed", seed}, {"economy", {{"farm_land_per_farmer", farm_land_per_farmer}}}},
                                             0.004, "2021-12");
    StateHooks hooks;
    hooks.month_start = [&](Simulation& sim) {  // the start of month k >= 1: the end of recorded month k
      const auto& w = sim.world();
      if (!sim.calibrated() || w.month_index < 1) return;
      const auto& ps = w.persons;
      const auto& hh = w.households;
      for (std::size_t i = 0; i < ps.size(); ++i) {
        const auto st = ps.status[i];
        if (st != LabourStatus::Employed && st != LabourStatus::SelfEmployed && st != LabourStatus::Farming &&
            st != LabourStatus::Unemployed)
          continue;
        const auto h = ps.household[i];
        if (w.settlements.is_urban(hh.settlement[h]) || !(hh.land_mu[h] > 0) || !rural_county(w.counties[hh.county[h]].name))
          continue;
        labour_force += 1;
        unemployed += st == LabourStatus::Unemployed;
      }
    };
    const RunRecord r = run_simulation(params, 2, {}, hooks);
    const auto& u = series(r, "/county", "unemployment_rate");
    const std::size_t C = params.counties.size();
    for (std::size_t c = 0; c < C; ++c) {
      if (!rural_county(params.counties[c].name)) continue;
      for (std::size_t t = 0; t < 12; ++t) sum += u[t * C + c];
      n += 12;
    }
  }
  return {sum / n, unemployed / labour_force};
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
  const auto with_limit = rural_unemployment_2021(5.6);
  const auto without = rural_unemployment_2021(0.0);
  CAPTURE(with_limit.county);
  CAPTURE(without.county);
  CAPTURE(with_limit.land_households);
  CAPTURE(without.land_households);
  CHECK(with_limit.county > 0.01);  // the lower band (1 %), on the four counties' mean
  // The effect is checked where the mechanism acts, among the village residents of households
  // with land, not on the county rate: the burn-in's wage lever brings every county's
  // unemployment to 3 % (engine/calibration.cpp), so the land limit's job seekers are largely
  // offset by lower unemployment of the county's other residents, and the county rates with
  // and without the limit differ by the calibration's remainder. The county rates were
  // checked until December 2026 (with > 1.1 x without, then 1.05 x): since the added-worker
  // rule (model.md 4.11) the earlier farming rule alone gave 1.73 % and the land limit 2.47 %;
  // since county capital shares (model.md 4.7) 3.46 % and 4.08 % (ratio 1.18); since family
  // support was sourced (model.md 4.8c) 3.02 % and 3.26 % (1.081), 2.95 % and 3.23 % (1.098)
  // at the earlier allowance of 2 x the standard. That move was not caused by family support
  // as such: on the code of commit a252f7a the four seeds' ratios of the county rates are
  // 1.087, 1.104, 1.203, 1.058 (mean rates 3.33 % and 2.99 %, 1.112); at the allowance of
  // 2 x the standard 1.060, at 3.5 x (a 2 % change) 1.069 with seed 1 at 0.905, without family
  // support (share 0) 1.106, without the pension disregard 1.113: any change of a run's path
  // moves the ratio by up to 0.05, the size of the land limit's effect on the county rate.
  // Among the village residents of households with land the seeds' ratios are 1.63, 1.92,
  // 2.18, 1.95 (3.1-4.3 % against 1.9-2.1 %; pooled 3.93 % and 2.04 %, 1.92), and 1.53-2.14
  // in each of the four variants; the county's other residents are unemployed at 2.3-3.8 %
  // with the limit and 3.1-4.8 % without. With both runs at farm_land_per_farmer 0 the ratio
  // is 1 and the check fails.
  CHECK(with_limit.land_households > 1.3 * without.land_households);
}
