// Family support (docs/model.md 4.8c) follows the published local rules on the support a
// dibao review counts: the obligor household keeps `family_support_allowance` x the standard
// per member (Yinzhou, Zhejiang, 2022: 3.42) and owes a share of the rest. Against the same
// worlds with the allowance at twice the standard (the assumption before it was sourced; same
// seeds): relatives keep more, parents in difficulty receive less support and more of them
// fall to the dibao, which pays more.
#include <doctest/doctest.h>

#include "../policies/dibao_cover.h"

using namespace prosim;

TEST_CASE("family support leaves the obligor its allowance per member (mechanism: family_support_allowance)") {
  double more_recipients = 0, more_spending = 0;
  const int seeds[] = {1, 2, 3};
  for (int seed : seeds) {
    const nlohmann::ordered_json twice = {{"seed", seed}, {"economy", {{"family_support_allowance", 2.0}}}};
    const nlohmann::ordered_json sourced = {{"economy", {{"family_support_allowance", 3.42}}}};
    const auto [b, p] = testing::dibao_cover_2022(twice, sourced);
    MESSAGE("seed " << seed << ": dibao recipients (mean of months, 2022) " << b.recipients / 12 << " -> "
                    << p.recipients / 12 << ", spending " << b.spending << " -> " << p.spending << " yuan");
    CHECK(p.spending > b.spending);
    more_recipients += p.recipients / b.recipients / 3;
    more_spending += p.spending / b.spending / 3;
  }
  MESSAGE("mean ratios, allowance 3.42 / 2 x the standard: recipients " << more_recipients << ", spending "
                                                                          << more_spending);
  CHECK(more_recipients > 1.05);
  CHECK(more_spending > 1.05);
}
