// Firm exit (docs/model.md 4.7): a firm exits after exit_loss_months consecutive losses once
// its cash is gone. The indicator firm_exits_low_productivity counts the exits of firms in the
// bottom quartile of the live firms' productivity, the firms a minimum-wage rise should
// cleanse first (policies.md).
#include <doctest/doctest.h>

#include <algorithm>

#include "../model/small_world.h"
#include "population/world_builder.h"
#include "systems/systems.h"

using namespace prosim;

TEST_CASE("firm exit: loss months and no cash close a firm, low-productivity exits are counted apart") {
  auto p = testing::small_world({{"economy", {{"entry_rate", 0.0}}}}, 0.005);
  World w = build_world(p);
  auto& f = w.firms;
  const int months = p.economy.exit_loss_months;
  std::vector<double> prod(f.productivity.begin(), f.productivity.end());
  std::sort(prod.begin(), prod.end());
  const double q25 = prod[prod.size() / 4];
  REQUIRE(f.size() > 40);

  // Every tenth firm has lost money long enough and has no cash; every tenth + 1 has lost
  // money long enough but still has cash; every tenth + 2 has no cash but one loss month
  // too few. Only the first group may exit.
  int expected = 0, expected_low = 0;
  for (std::size_t k = 0; k < f.size(); ++k) {
    f.loss_months[k] = 0;
    f.cash[k] = 1e6;
    if (k % 10 == 0) {
      f.loss_months[k] = static_cast<std::int16_t>(months);
      f.cash[k] = -1;
      expected += 1;
      expected_low += f.productivity[k] < q25;
    } else if (k % 10 == 1) {
      f.loss_months[k] = static_cast<std::int16_t>(months + 3);
    } else if (k % 10 == 2) {
      f.loss_months[k] = static_cast<std::int16_t>(months - 1);
      f.cash[k] = -1;
    }
  }
  REQUIRE(expected_low > 0);
  REQUIRE(expected_low < expected);

  Workspace ws;
  rebuild_employee_index(w, ws);
  w.firm_exits = w.firm_exits_low_productivity = 0;
  run_firm_entry_exit(p, w, ws);

  CHECK(w.firm_exits == expected);
  CHECK(w.firm_exits_low_productivity == expected_low);
  int wrong_state = 0, staff_left = 0, working_for_closed = 0;
  for (std::size_t k = 0; k < f.size(); ++k) {
    wrong_state += f.alive[k] != (k % 10 == 0 ? 0 : 1);
    staff_left += k % 10 == 0 && f.employees[k] != 0;
  }
  // The exited firms' workers are unemployed: nobody works for a closed firm.
  for (std::size_t i = 0; i < w.persons.size(); ++i)
    working_for_closed += w.persons.employer[i] >= 0 && !f.alive[w.persons.employer[i]];
  CHECK(wrong_state == 0);
  CHECK(staff_left == 0);
  CHECK(working_for_closed == 0);
}
