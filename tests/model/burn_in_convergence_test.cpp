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

namespace {
// Runs the burn-in of `seed` at scale 0.01 and checks the convergence flag and every county's
// mean GDP gap and unemployment over the last 6 burn-in months against the bands.
void check_burn_in_converges(std::uint64_t seed) {
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
}  // namespace

TEST_CASE("the burn-in converges in seeds that used to miss (mechanism: demand lever on the effective weight)") {
  for (std::uint64_t seed : {6, 9}) check_burn_in_converges(seed);
}

// Two more causes of a miss (docs/calibration.md section 00e), one seed each:
// - replicate 4 of the baseline (seed 2568590093355073523): an entrant in Pan'an with about a
//   quarter of the county's demand weight; undoing its weight took that demand from Pan'an's
//   incumbents while the entrant could serve little of it: GDP 22 % short in month -3, -9.3 %
//   over the last 6 months. Fails with entrants counted in the undone weight (checked: -8.9 %).
// - seed 23: Jindong's firms ran up to 21 % more demand than they could serve, so cutting
//   demand did not move GDP, 4-12 % above target over the last 15 months. Fails with the lever
//   steered on GDP alone above target (checked: +8.1 %).
TEST_CASE("the burn-in converges after a large entrant and with unserved demand (mechanism: demand lever leaves entrants out, steers on unserved demand above target)") {
  for (std::uint64_t seed : {2568590093355073523ULL, 23ULL}) check_burn_in_converges(seed);
}

}  // namespace prosim
