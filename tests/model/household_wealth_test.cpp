// Household deposits (model.md 3.1 and 4.6, issue 12): households are built with the
// savings at which the consumption rule C = c_y Y + c_w A keeps them on the growth path,
// (1 - c_y) / (c_w + g) months of income, in proportion to their members' earning
// capacity, so deposits grow with income instead of drifting towards the rule's steady
// state. Small scale (0.003), several seeds, no timing.
#include <doctest/doctest.h>

#include "engine/simulation.h"
#include "small_world.h"

using namespace prosim;

namespace {

struct YearEnd {
  double deposits_per_head = 0;  // December
  double income_per_head = 0;    // the calendar year's disposable income
};

// Deposits and the year's income per head at the end of December 2021 and 2022.
std::pair<YearEnd, YearEnd> two_year_ends(std::uint64_t seed, const nlohmann::ordered_json& economy) {
  nlohmann::ordered_json patch = {{"seed", seed}};
  if (!economy.empty()) patch["economy"] = economy;
  Simulation sim(testing::small_world(patch, 0.003, "2022-12"));
  sim.calibrate();
  YearEnd y21, y22;
  while (!sim.done()) {
    sim.step();
    const auto& w = sim.world();
    if (w.date.month != 12) continue;
    YearEnd now;
    double persons = 0;
    for (std::size_t h = 0; h < w.households.size_(); ++h) {
      persons += w.households.size[h];
      now.deposits_per_head += w.households.savings[h];
      now.income_per_head += w.households.disposable_last_year[h];
    }
    now.deposits_per_head /= persons;
    now.income_per_head /= persons;
    (w.date.year == 2021 ? y21 : y22) = now;
  }
  return {y21, y22};
}

}  // namespace

// Mechanism: savings at the build at the consumption rule's steady state on the growth path,
// with mpc_income set so that it is about 20 months of income (Jinhua's household deposits,
// end of 2021). With the earlier rule restored (mpc_income 0.62, steady state about 190
// months; two years of income at the build) deposits were 36.7-36.8 months of income in
// December 2021 and grew 9.4-9.6 % in 2022 against income 7.7-7.9 % (seeds 1-3, scale 0.003):
// the test failed on both. Income grows faster at this scale than at 0.01 (docs/validation.md).
TEST_CASE("deposits per head grow with income in 2022, not faster (mechanism: savings at the consumption rule's steady state)") {
  for (std::uint64_t seed : {1, 2, 3}) {
    const auto [y21, y22] = two_year_ends(seed, {});
    const double months = y21.deposits_per_head / (y21.income_per_head / 12);
    const double deposit_growth = y22.deposits_per_head / y21.deposits_per_head - 1;
    const double income_growth = y22.income_per_head / y21.income_per_head - 1;
    INFO("seed " << seed);
    CAPTURE(months);
    CAPTURE(deposit_growth);
    CAPTURE(income_growth);
    CHECK(months > 14);  // Jinhua, end of 2021: about 20 months (model.md 4.6)
    CHECK(months < 26);
    CHECK(deposit_growth > 0);
    CHECK(deposit_growth < income_growth + 0.01);
  }
}
