// The burn-in's demand lever (engine/calibration.cpp) integrates on each county's effective
// demand weight: what the county's firms' summed weight per unit of demand_weight moved since
// the lever last set it (the wage lever's step, prices lagging the wage level, appeal, entry
// and exit) is undone. Without that, the drift piled up into a steady GDP gap: seeds 6 and 9
// missed the bands (Pan'an +7.2 %, Wuyi +6.3 %; issue 12, docs/calibration.md section 00c),
// and this test fails with the compensation switched off (checked: seed 6 Pan'an and seed 9
// Wuyi outside the GDP band, neither seed converged).
#include <doctest/doctest.h>

#include <cmath>

#include "engine/simulation.h"
#include "small_world.h"

namespace prosim {

TEST_CASE("the burn-in converges in seeds that used to miss (mechanism: demand lever on the effective weight)") {
  for (std::uint64_t seed : {6, 9}) {
    const RunRecord r = run_simulation(testing::small_world({{"seed", seed}}, 0.01, "2021-01"), 2);
    const auto* g = r.find_group("/calibration");
    REQUIRE(g != nullptr);
    const auto& gdp = g->variable("gdp_gap")->data;
    const auto& u = g->variable("unemployment_rate")->data;
    const std::size_t months = 36, C = gdp.size() / months;
    INFO("seed " << seed);
    CHECK(r.attributes.at("burn_in_converged") == "1");
    for (std::size_t c = 0; c < C; ++c) {
      double gap = 0, unemployment = 0;
      for (std::size_t m = months - 6; m < months; ++m) {
        gap += gdp[m * C + c] / 6;
        unemployment += u[m * C + c] / 6;
      }
      CAPTURE(c);
      CHECK(std::abs(gap) < 0.05);
      CHECK(unemployment > 0.01);
      CHECK(unemployment < 0.06);
    }
  }
}

}  // namespace prosim
