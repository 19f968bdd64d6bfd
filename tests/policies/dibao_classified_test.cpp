// The dibao's classified supplements (分类施保, docs/model.md 4.9): a recipient household's
// covered members who are elderly, minors or severely disabled receive a share of the standard
// on top of the gap (`classified_share_*`, Jilin city's shares, the highest category only).
// Against the same world without them (same seeds): the same households qualify in the
// policy's first month (the supplement is paid on top of the gap, it moves nobody across the
// line) and more money is paid, in the first month and in 2022 per recipient.
#include <doctest/doctest.h>

#include "dibao_cover.h"

using namespace prosim;

TEST_CASE("the dibao pays recipients in special categories a share of the standard on top (mechanism: classified_share)") {
  // The first month: both runs share the burn-in, so the supplement is the only difference.
  const auto each = [](const testing::DibaoCover& b, const testing::DibaoCover& p) {
    CHECK(p.first_spending > b.first_spending);
  };
  // null in the policy's block restores the key's default.
  const auto r = testing::compare_dibao_rule(
      {1, 2, 3}, {{"classified_share_elderly", 0}, {"classified_share_minor", 0}, {"classified_share_disabled", 0}},
      {{"classified_share_elderly", nullptr}, {"classified_share_minor", nullptr}, {"classified_share_disabled", nullptr}},
      each);
  // Measured: see docs/model.md 4.9. With the supplement switched off in the code both runs are
  // the same, both ratios are exactly 1 and every check fails.
  CHECK(r.per_recipient > 1.03);
  // Paid on top of the gap, the supplement moves few households across the line (later, more
  // savings can fail the asset test): the recipients change little.
  CHECK(r.recipients == doctest::Approx(1.0).epsilon(0.05));
}
