// The Dosi et al. minimum-wage indexation rule (policies/minimum_wage_rule.h): each term
// moves the minimum wage in its direction, f clamps, and in a simulated economy the level
// follows the simulated price index, productivity and unemployment; with the rule
// switched off (all weights zero, or no indexation block) the level is the schedule's.
#include <doctest/doctest.h>

#include <cmath>

#include "paired_runs.h"
#include "policies/minimum_wage_rule.h"

using namespace prosim;

TEST_CASE("Dosi rule: each term moves the minimum wage in its direction, f clamps") {
  const MacroIndicators base{1.0, 1.0, 0.04};
  DosiRule r;  // psi_prices 1, psi_productivity 1, psi_unemployment -0.1, f in [0, 0.2]
  r.min_change = -0.2;
  // Prices +5 %: +5 %.
  CHECK(dosi_minimum_wage_change(r, base, {1.05, 1.0, 0.04}) == doctest::Approx(0.05));
  // Prices -2 %: -2 % (allowed by min_change -0.2).
  CHECK(dosi_minimum_wage_change(r, base, {0.98, 1.0, 0.04}) == doctest::Approx(-0.02));
  // Productivity +3 %: +3 %.
  CHECK(dosi_minimum_wage_change(r, base, {1.0, 1.03, 0.04}) == doctest::Approx(0.03));
  // Unemployment 4 % -> 5 % (+25 %): -2.5 %; 4 % -> 3 %: +2.5 %.
  CHECK(dosi_minimum_wage_change(r, base, {1.0, 1.0, 0.05}) == doctest::Approx(-0.025));
  CHECK(dosi_minimum_wage_change(r, base, {1.0, 1.0, 0.03}) == doctest::Approx(0.025));
  // The terms add up.
  CHECK(dosi_minimum_wage_change(r, base, {1.02, 1.03, 0.05}) == doctest::Approx(0.025));
  // f: no cut with the default floor 0; capped at max_change.
  DosiRule d;
  CHECK(dosi_minimum_wage_change(d, base, {1.0, 1.0, 0.08}) == 0.0);
  CHECK(dosi_minimum_wage_change(d, base, {1.5, 1.0, 0.04}) == doctest::Approx(0.2));
  // Off: all weights zero, no change whatever happens.
  DosiRule off{0, 0, 0, -1, 1};
  CHECK(dosi_minimum_wage_change(off, base, {1.3, 0.8, 0.09}) == 0.0);
  // No previous period: no change.
  CHECK(dosi_minimum_wage_change(r, {}, {1.05, 1.0, 0.04}) == 0.0);
}

namespace {

// Runs the baseline (schedule only) and the same seed with the Dosi rule (6-month
// periods, revisions in 2022-01 and 2022-07) and returns, for the first county, the ratio
// of the policy run's minimum wage to the baseline's in 2022-07, together with the
// ratio implied by the indicators the test recomputes from the policy run itself.
struct Outcome {
  double ratio = 0, expected = 1;
  MacroIndicators first, second, third;  // the three 6-month periods' averages
};

Outcome run_rule(double psi_p, double psi_a, double psi_u, double min_change) {
  const nlohmann::ordered_json rule = {
      {"policies",
       {{"minimum_wage",
         {{"indexation",
           {{"rule", "dosi"},
            {"period_months", 6},
            {"psi_prices", psi_p},
            {"psi_productivity", psi_a},
            {"psi_unemployment", psi_u},
            {"min_change", min_change},
            {"max_change", 0.5}}}}}}}};
  testing::PairedRuns runs({{"seed", 5}}, rule, 0.003, "2022-07");
  // The indicators of the state after each month (months[0]: after the burn-in), which is
  // what the policy reads at the start of the next month.
  std::vector<MacroIndicators> months;
  auto measure = [&](const World& w) {
    const auto& f = w.firms;
    double sales = 0, quantity = 0, employees = 0, unemployed = 0, lf = 0;
    for (std::size_t k = 0; k < f.size(); ++k) {
      if (!f.alive[k] || f.price[k] <= 0) continue;
      sales += f.sales[k];
      quantity += f.sales[k] / f.price[k];
      employees += f.employees[k];
    }
    for (std::size_t i = 0; i < w.persons.size(); ++i) {
      lf += in_labour_force(w.persons.status[i]);
      unemployed += w.persons.status[i] == LabourStatus::Unemployed;
    }
    months.push_back({sales / quantity, quantity / employees, unemployed / lf});
  };
  measure(runs.policy.world());
  runs.run([&](const World&, const World& w) { measure(w); });
  Outcome o;
  o.ratio = runs.policy.world().counties[0].min_wage;
  o.ratio /= runs.base.world().counties[0].min_wage;
  auto average = [&](int from) {
    MacroIndicators m;
    for (int j = from; j < from + 6; ++j) {
      m.price_index += months[j].price_index / 6;
      m.productivity += months[j].productivity / 6;
      m.unemployment += months[j].unemployment / 6;
    }
    return m;
  };
  o.first = average(1);    // after 2021-01 .. 2021-06
  o.second = average(7);   // after 2021-07 .. 2021-12 -> revision 2022-01
  o.third = average(13);   // after 2022-01 .. 2022-06 -> revision 2022-07
  DosiRule r{psi_p, psi_a, psi_u, min_change, 0.5};
  o.expected = (1 + dosi_minimum_wage_change(r, o.first, o.second)) * (1 + dosi_minimum_wage_change(r, o.second, o.third));
  MESSAGE("psi " << psi_p << "/" << psi_a << "/" << psi_u << ": minimum wage x" << o.ratio << " (rule from the indicators: x"
                 << o.expected << "); prices " << o.first.price_index << " -> " << o.third.price_index << ", productivity "
                 << o.first.productivity << " -> " << o.third.productivity << ", unemployment " << o.first.unemployment
                 << " -> " << o.third.unemployment);
  return o;
}

}  // namespace

TEST_CASE("Dosi rule in a simulated economy: the level follows prices, productivity and unemployment") {
  // Each term alone: the minimum wage moves with the simulated indicator (against it for
  // unemployment), exactly as the rule says for the indicators recomputed here.
  auto sign = [](double x) { return (x > 1e-12) - (x < -1e-12); };
  const auto p = run_rule(1, 0, 0, -0.5);
  CHECK(p.ratio == doctest::Approx(p.expected).epsilon(1e-9));
  CHECK(sign(p.ratio - 1) == sign((p.second.price_index / p.first.price_index) * (p.third.price_index / p.second.price_index) - 1));
  const auto a = run_rule(0, 1, 0, -0.5);
  CHECK(a.ratio == doctest::Approx(a.expected).epsilon(1e-9));
  CHECK(a.third.productivity > a.first.productivity);  // trend productivity growth
  CHECK(a.ratio > 1.0);
  const auto u = run_rule(0, 0, -1, -0.5);
  CHECK(u.ratio == doctest::Approx(u.expected).epsilon(1e-9));
  // Against unemployment: the minimum wage rises if unemployment fell over the two periods and
  // falls if it rose. (Re-based for issue 12: unemployment used to fall after the burn-in, a
  // start-up transient; with the burn-in on the growth path it can go either way.)
  // The rule applies once a period, so over two periods the level is the product of two
  // moves, each against that period's change in unemployment (psi_u = -1, no clamp at these
  // sizes): checked with the formula written out, not with the rule's own function. (A sign
  // check on the net change from the first to the third period failed: unemployment
  // 3.418 % -> 3.405 %, a net fall of 0.4 %, with the level x0.998, since the first period's
  // rise weighed more in the product than the second period's fall.)
  const double du1 = u.second.unemployment / u.first.unemployment - 1;
  const double du2 = u.third.unemployment / u.second.unemployment - 1;
  CHECK(du1 != 0);
  CHECK(du2 != 0);
  CHECK(u.ratio == doctest::Approx((1 - du1) * (1 - du2)).epsilon(1e-9));
  // Switched off (all weights zero): the schedule's level, to the bit.
  const auto off = run_rule(0, 0, 0, -0.5);
  CHECK(off.ratio == 1.0);
}
