// The minimum living guarantee against the same world without it (same seeds): the
// poverty headcount and gap after transfers fall, and the cost is reported; the
// near-poor band adds support above the standard at a further cost.
#include <doctest/doctest.h>

#include <algorithm>

#include "model/household_income.h"
#include "paired_runs.h"

using namespace prosim;

namespace {
// Poverty after transfers: persons in households whose income is below the standard,
// among local-hukou households (nonlocal = false: the households the dibao's rules admit)
// or among in-migrant households (nonlocal = true: excluded by the local-hukou rule).
std::pair<double, double> poverty_after(const World& w, bool nonlocal = false) {
  double poor = 0, gap = 0, persons = 0;
  for (std::size_t h = 0; h < w.households.size_(); ++h) {
    if (static_cast<bool>(w.households.nonlocal[h]) != nonlocal) continue;
    // A firm that exits passes its debt to its owner household after the month's transfers
    // (systems/firm_entry_exit.cpp): that household is poor this month whatever the dibao
    // paid (one such exit, -150k yuan, at this scale dominated the gap), so it is left out.
    if (w.households.income[kProfits][h] < 0) continue;
    const double standard = w.counties[w.households.county[h]].dibao_standard * w.households.size[h];
    persons += w.households.size[h];
    if (w.households.disposable[h] < standard - 1e-6) {
      poor += w.households.size[h];
      gap += standard - w.households.disposable[h];
    }
  }
  return {persons > 0 ? poor / persons : 0.0, persons > 0 ? gap / persons : 0.0};
}
// Dibao paid this month, simulated yuan (the policy's dibao_spending row is in real yuan).
double paid(const Params& params, const World& w) { return policy_indicator(params, w, "dibao_spending") / w.weight; }
}  // namespace

// The top-up itself, without the review of applications (application_months 0): with it,
// households in their first month below the line are not paid yet and stay poor that month
// (headcount 1.50 % -> 1.01 % instead of -> 0.38 %, scale 0.003, December 2022); the review
// has its own test below. The asset test is off in this file (asset_limit_months 0): its
// tests are about the top-up and the review; with the asset test (the default, 24 months,
// model.md 4.9; tests/model/means_test_test.cpp) households poor by income but holding
// savings above the limit stay below the line, as the rule intends (here the headcount went
// from 1.74 % to 1.76 % with it, scale 0.003, December 2022).
TEST_CASE("dibao lowers poverty after transfers and reports its cost") {
  const nlohmann::ordered_json without = {{"policies", {{"dibao", {{"enabled", false}}}}}};
  const nlohmann::ordered_json with = {{"policies", {{"dibao", {{"enabled", true}, {"application_months", 0}, {"asset_limit_months", 0}}}}}};
  testing::PairedRuns runs(without, with, 0.003, "2022-12");
  double spending = 0;
  runs.run([&](const World&, const World& p) { spending += paid(runs.policy.params(), p); });
  const auto [head_b, gap_b] = poverty_after(runs.base.world());
  const auto [head_p, gap_p] = poverty_after(runs.policy.world());
  MESSAGE("poverty after transfers: headcount " << head_b << " -> " << head_p << ", gap per person " << gap_b << " -> "
                                                << gap_p << "; dibao spending " << spending * runs.policy.world().weight);
  CHECK(head_b > 0.01);
  // The poverty line counts every member, the dibao not those of working age who stay out of
  // the labour force or work outside the region (model.md 4.9): their households stay below
  // the line (0.38 % of persons against 1.48 % without dibao, scale 0.003).
  CHECK(head_p < 0.35 * head_b);
  // The gap of the members not covered stays too: 0.205 of the gap without dibao (scale
  // 0.003, with short time and procyclical quits in the labour market; 0.19 before them).
  CHECK(gap_p < 0.25 * gap_b);
  CHECK(spending > 0);
  CHECK(paid(runs.base.params(), runs.base.world()) == 0);
  // In-migrant households cannot claim (local-hukou rule): their poverty is what it was.
  const auto [head_nb, gap_nb] = poverty_after(runs.base.world(), true);
  const auto [head_np, gap_np] = poverty_after(runs.policy.world(), true);
  MESSAGE("in-migrant households (not eligible): headcount " << head_nb << " -> " << head_np << ", gap per person "
                                                               << gap_nb << " -> " << gap_np);
  CHECK(head_np >= 0.8 * head_nb);
}

// Without the review (application_months 0) in both runs, as above: the band's top-up itself.
TEST_CASE("near-poor band: more support, more cost, a smaller shortfall below twice the standard") {
  const nlohmann::ordered_json band = {
      {"policies", {{"dibao", {{"near_poor_multiple", 2.0}, {"near_poor_topup_share", 0.5}, {"asset_limit_months", 0}}}}}};
  const nlohmann::ordered_json no_review = {{"policies", {{"dibao", {{"application_months", 0}, {"asset_limit_months", 0}}}}}};
  testing::PairedRuns runs(no_review, band, 0.003, "2022-12");
  double cost_b = 0, cost_p = 0;
  runs.run([&](const World& b, const World& p) {
    cost_b += paid(runs.base.params(), b);
    cost_p += paid(runs.policy.params(), p);
  });
  auto near_poor_gap = [](const World& w) {
    double gap = 0;
    for (std::size_t h = 0; h < w.households.size_(); ++h)
      gap += std::max(0.0, 2 * w.counties[w.households.county[h]].dibao_standard * w.households.size[h] -
                               w.households.disposable[h]);
    return gap;
  };
  const double gap_b = near_poor_gap(runs.base.world()), gap_p = near_poor_gap(runs.policy.world());
  MESSAGE("near-poor band: cost " << cost_b << " -> " << cost_p << ", shortfall below 2x standard " << gap_b << " -> "
                                  << gap_p);
  CHECK(cost_p > 1.2 * cost_b);
  // 0.8 until employee pensions followed the national adjustment (docs/model.md 4.8): with
  // pensions in payment raised 4.5 % (2021) and 4 % (2022) instead of with wages the
  // shortfall fell to 0.85 of the base's (2.31m -> 1.96m); with the raises at 7 % (a probe
  // of the same test) it fell to 0.79 (2.37m -> 1.86m).
  CHECK(gap_p < 0.9 * gap_b);
}

// The review of an application (model.md 4.9, `application_months` 1): a household receives
// dibao only from its second month in a row below the line, so a month without work does not
// qualify. Counted as receipts that last a single month with nothing the month before or
// after: with the review they need two months below the line, the first unpaid; without it
// (application_months 0) every month out of work is one.
namespace {
struct Spells {
  int paid = 0, single = 0;  // household-months paid; of them, single months of receipt
};
Spells receipts(int application_months) {
  Simulation sim(testing::small_world({{"policies", {{"dibao", {{"application_months", application_months}, {"asset_limit_months", 0}}}}}}, 0.003,
                                      "2022-12"));
  sim.calibrate();
  // Per household slot: paid two months ago, last month (with the occupant then).
  std::vector<std::uint8_t> before, last;
  std::vector<std::uint16_t> occupant;
  Spells s;
  while (!sim.done()) {
    sim.step();
    const auto& hh = sim.world().households;
    before.resize(hh.size_(), 0);
    last.resize(hh.size_(), 0);
    occupant.resize(hh.size_(), 0);
    for (std::size_t h = 0; h < hh.size_(); ++h) {
      if (occupant[h] != hh.occupant[h]) before[h] = last[h] = 0;  // a new household in the slot
      const std::uint8_t now = hh.income[kSocialAssistance][h] > 0;
      s.paid += now;
      s.single += last[h] && !before[h] && !now;  // last month's receipt stood alone
      before[h] = last[h];
      last[h] = now;
      occupant[h] = hh.occupant[h];
    }
  }
  return s;
}
}  // namespace

TEST_CASE("a month without work does not qualify for dibao (mechanism: application_months)") {
  const Spells review = receipts(1), none = receipts(0);
  MESSAGE("household-months paid, single-month receipts: with the review " << review.paid << ", " << review.single
                                                                            << "; without " << none.paid << ", "
                                                                            << none.single);
  CHECK(none.single > 50);
  // 0.5 and 0.85 until the family-support relative was drawn near the parents' income rank
  // with a draw kept for the household's life (docs/model.md 4.8c): before, a new random
  // relative every month paid in some months and not in others, and most single months came
  // from that churn (scale 0.003, seed 1, family_support_persistence 0: without the review
  // 468 single months and 6346 paid, with it 207 and 5215); with the stable relative the
  // single months are fewer and the review's cut smaller (114 and 7156 -> 79 and 6733).
  CHECK(review.single < 0.8 * none.single);
  CHECK(review.paid < 0.97 * none.paid);
}
