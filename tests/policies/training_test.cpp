// Skills training (the fifth policy, one file plus one registry line): trainees' skill
// and wages rise against the same persons in the baseline, and the cost is reported.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "paired_runs.h"

using namespace prosim;

TEST_CASE("training raises trainees' skill and pay at a reported cost") {
  const nlohmann::ordered_json policy = {{"policies", {{"training", {{"start", "2022-01"}, {"annual_quota", 200000}}}}}};
  testing::PairedRuns runs({{"seed", 51}}, policy, 0.003, "2023-06");
  // Occupant numbers of the slots when the runs start (the burn-ins are the same in both).
  const std::vector<std::uint16_t> start = runs.base.world().persons.occupant;
  runs.run();
  const auto& b = runs.base.world();
  const auto& p = runs.policy.world();
  double trained = 0, dlog_wage = 0, both = 0;
  std::size_t replaced = 0;
  for (std::size_t i = 0; i < b.persons.size(); ++i) {
    // Follow only persons who are still in their slot in both runs: a slot whose person
    // died or left the region (in-migrants, at different times in the two runs) since the
    // start holds somebody else, drawn afresh.
    if (b.persons.occupant[i] != start[i] || p.persons.occupant[i] != start[i]) {
      replaced += 1;
      continue;
    }
    if (p.persons.skill[i] <= b.persons.skill[i] * 1.05) continue;  // not trained
    trained += 1;
    // One course (+10 %) or, for those still below the threshold a year later, two.
    const double ratio = p.persons.skill[i] / b.persons.skill[i];
    INFO("ratio " << ratio);
    CHECK((std::abs(ratio - 1.10) < 1e-5 || std::abs(ratio - 1.21) < 1e-5));
    if (b.persons.status[i] == LabourStatus::Employed && p.persons.status[i] == LabourStatus::Employed) {
      dlog_wage += std::log(p.persons.wage[i] / b.persons.wage[i]);
      both += 1;
    }
  }
  auto stat = [](const Simulation& sim, const char* name) {
    return policy_indicator(sim.params(), sim.world(), name) / sim.world().weight;  // simulated units
  };
  const double trainees = stat(runs.policy, "trainees"), spending = stat(runs.policy, "training_spending");
  MESSAGE(trained << " trained; " << replaced << " slots with a new occupant skipped; mean log wage gain of those employed in both runs " << dlog_wage / both
                  << "; spending " << spending * p.weight);
  CHECK(trained > 50);
  CHECK(trained <= trainees);  // enrolments, some of them the same person twice
  CHECK(dlog_wage / both > 0.03);
  CHECK(spending == doctest::Approx(3000.0 * trainees));
  CHECK(stat(runs.base, "trainees") == 0);
}
