// A firm's appeal reverts towards its value at entry (firm_planning.cpp, model.md 4.2): log appeal is
// an AR(1) around its log at entry with annual persistence
// appeal_persistence, so the dispersion of firms' appeal about its entry value stays below the
// AR(1)'s stationary bound s / sqrt(1 - rho^2) (s = appeal_volatility, rho the monthly
// persistence) however long the run. Under the random walk it had until issue 12 (which
// appeal_persistence 1 gives back bit for bit) that dispersion grows like s sqrt(months):
// over a decade a county's few large firms drifted far from the shares the burn-in
// calibrated (Wuyi, seed 4: 9.3 % unemployment in 2028, docs/validation.md).
// Checked by switching the mechanism off (appeal_persistence 1 in the patch): the spread of
// the build's surviving firms in December 2026 is then 0.398 and 0.407 (seeds 51, 52)
// against a random walk's 0.416 after 108 months, above 0.8 x 0.416, and the check fails;
// with the reversion it is 0.271 and 0.282, below the stationary bound 0.303.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "engine/simulation.h"
#include "small_world.h"

using namespace prosim;

namespace {

// Standard deviation of log(appeal) - anchor among the firms of the build (the lowest ids:
// entrants are appended) that are alive now; entrants start at half their draw, on
// purpose, and are left out.
double dispersion(const World& w, std::size_t built) {
  const auto& f = w.firms;
  double n = 0, sum = 0, sum2 = 0;
  for (std::size_t k = 0; k < built; ++k) {
    if (!f.alive[k]) continue;
    const double x = std::log(f.appeal[k]) - f.appeal_anchor[k];
    n += 1;
    sum += x;
    sum2 += x * x;
  }
  REQUIRE(n > 100);
  const double mean = sum / n;
  return std::sqrt(sum2 / n - mean * mean);
}

}  // namespace

TEST_CASE("firms' appeal stays within the mean-reverting band about its draw") {
  for (int seed : {51, 52}) {
    const Params p = testing::small_world({{"seed", seed}}, 0.01, "2026-12");
    Simulation sim(p);
    const std::size_t built = sim.world().firms.size();
    sim.calibrate();
    double sd_2021 = 0;
    int month = 0;
    while (!sim.done()) {
      sim.step();
      if (++month == 12) sd_2021 = dispersion(sim.world(), built);
    }
    const double sd_end = dispersion(sim.world(), built);
    const double s = p.economy.appeal_volatility;
    const double rho = std::pow(p.economy.appeal_persistence, 1.0 / 12.0);
    // The AR(1)'s stationary bound (0.303 at 0.04 a month and 0.9 a year; infinite for the
    // random walk) and the random walk's spread after the burn-in's and the run's shocks.
    const double bound = rho < 1 ? s / std::sqrt(1 - rho * rho) : HUGE_VAL;
    const double walk = s * std::sqrt(p.economy.burn_in_months + month);
    MESSAGE("seed " << seed << ": sd of log appeal about the draw, firms of the build alive in Dec 2021 " << sd_2021
                    << ", in Dec 2026 " << sd_end << " (stationary bound " << bound << ", random walk " << walk << ")");
    CHECK(sd_end < bound);
    CHECK(sd_end < 0.8 * walk);
  }
}
