// The dibao means test counts income as the real one does (docs/model.md 4.9): the centrally
// set basic part of the residents' pension is not counted (`pension_disregard_monthly`,
// 民发〔2021〕57号). Against the same world with the whole pension counted (same seeds): more
// recipients (households of resident pensioners just above the line fall below it) and more
// spending (every recipient household with a resident pensioner is topped up by the
// disregard more).
#include <doctest/doctest.h>

#include "dibao_cover.h"

using namespace prosim;

TEST_CASE("the dibao means test disregards the basic resident pension (mechanism: pension_disregard_monthly)") {
  // Each seed, in the policy's first month (both runs share the burn-in, so the disregard is
  // the only difference): more money. Later the paths part after the first payments: in 2022
  // seed 2 spent 1.2 % less with the disregard (scale 0.003, since family support's allowance
  // was sourced, model.md 4.8c), and at this scale seed 1 once had 29,778 recipients without
  // the disregard and 29,500 with it; so 2022 is held on the mean only.
  const auto each = [](const testing::DibaoCover& b, const testing::DibaoCover& p) {
    CHECK(p.first_spending > b.first_spending);
  };
  const auto r = testing::compare_dibao_rule({1, 2, 3, 4, 5}, {{"pension_disregard_monthly", 0}},
                                             {{"pension_disregard_monthly", 93}}, each);
  // Measured (scale 0.003, 2022): seeds 1-3 before family support's allowance was sourced:
  // recipients -0.9 %, +4.5 %, +3.8 %, spending +1.4 %, +8.6 %, +2.9 %. With it (seeds 1-5):
  // recipients +4.0 %, -0.6 %, +3.5 %, +1.9 %, +1.5 %, spending +3.5 %, -1.2 %, +3.0 %, +4.7 %,
  // +4.5 % (means x 1.020 and x 1.029); January 2021 spending +2.9 %, +1.5 %, +4.2 %, +2.9 %,
  // +2.3 %. With the disregard switched off in the code both runs are the same, both ratios
  // are exactly 1 and every check fails.
  CHECK(r.recipients > 1.0);
  CHECK(r.spending > 1.02);
}
