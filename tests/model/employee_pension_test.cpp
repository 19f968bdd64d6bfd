// Urban-employee pensions as China sets them (issue 12, point 1; docs/model.md 4.8): a new
// pension is fixed at retirement from last year's mean wage, and every pension in payment is
// raised each January by the year's national adjustment (economy.pension_adjustment_path).
// Small scale (0.004), two seeds, no timing.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "engine/simulation.h"
#include "small_world.h"

using namespace prosim;

namespace {

// Runs the burn-in and the recorded months up to the start of `month_index` (0 = 2021-01).
void run_until(Simulation& sim, int month_index) {
  sim.begin();
  while (!sim.calibrated() || sim.world().month_index < month_index) sim.advance();
}

}  // namespace

// Mechanism: persons.pension_amount, fixed at retirement (systems/demography.cpp) and raised
// each January by pension_adjustment (systems/government.cpp). Followed person by person
// (slot and occupant) over January 2022: the pensions in payment in December 2021 rise by
// exactly the 2022 adjustment (+4 %), the pensions first set in January start at 0.45 x
// 2021's mean wage. With the raise switched off (`amount * raise` -> `amount`), or with every
// pension set from last year's mean wage each month (the rule before issue 12), this test failed.
TEST_CASE("employee pensions in payment rise by the year's national adjustment, new ones start from last year's wage (mechanism: pension_adjustment_path)") {
  for (std::uint64_t seed : {1, 2}) {
    INFO("seed " << seed);
    Simulation sim(testing::small_world({{"seed", seed}}, 0.004, "2022-12"));
    run_until(sim, 12);  // the start of January 2022
    const Persons& ps = sim.world().persons;
    REQUIRE(sim.world().date.year == 2022);
    REQUIRE(sim.world().date.month == 1);
    const std::vector<float> before = ps.pension_amount;
    const std::vector<PensionKind> kind_before = ps.pension;
    const std::vector<std::uint16_t> occupant_before = ps.occupant;
    sim.advance();  // January 2022
    const double adjustment = pension_adjustment(sim.params().economy, 2022);
    CHECK(adjustment == doctest::Approx(0.04));  // the 2022 notice, the schema's default path
    const double new_pension = sim.params().economy.urban_pension_replacement * sim.world().mean_wage_last_year;
    int raised = 0, started = 0;
    double raised_sum = 0;
    for (std::size_t i = 0; i < ps.size(); ++i) {
      if (ps.pension[i] != PensionKind::UrbanEmployee || ps.occupant[i] != occupant_before[i]) continue;
      if (kind_before[i] == PensionKind::UrbanEmployee) {
        // Float storage: a relative tolerance of a few units in the last place.
        CHECK(ps.pension_amount[i] == doctest::Approx(before[i] * (1 + adjustment)).epsilon(1e-6));
        ++raised;
        raised_sum += ps.pension_amount[i];
      } else {
        CHECK(ps.pension_amount[i] == doctest::Approx(new_pension).epsilon(1e-6));
        ++started;
      }
    }
    CAPTURE(raised);
    CAPTURE(started);
    CHECK(raised > 500);  // about 1,900 employee pensioners at this scale
    CHECK(started > 0);
    // The stock's pensions, set over the burn-in and raised at 5 % a year since, are below a
    // new retiree's: pensions in payment lag the wages they started from.
    CHECK(raised_sum / raised < new_pension);
  }
}
