#pragma once
// The Dosi et al. minimum-wage indexation rule, as a pure function so that it can be
// tested term by term (tests/policies/minimum_wage_indexation_test.cpp):
//   w_min(t) = w_min(t-1) * [1 + f(psi_p * dP + psi_a * dA + psi_u * dU)]
// where dP, dA, dU are the relative changes of the price index, labour productivity and
// the unemployment rate between two consecutive periods, and f clamps the change to
// [min_change, max_change] (min_change = 0: nominal minimum wages are never cut).
#include <algorithm>

namespace prosim {

struct DosiRule {
  double psi_prices = 1.0, psi_productivity = 1.0, psi_unemployment = -0.1;
  double min_change = 0.0, max_change = 0.2;
};

// Period averages of the indicators the rule reads.
struct MacroIndicators {
  double price_index = 0;   // sales-weighted average unit price of firms' output
  double productivity = 0;  // real output (sales / price) per firm employee
  double unemployment = 0;  // unemployed / labour force
};

// Relative change of the minimum wage implied by the rule (0 when a previous value is
// missing or zero).
inline double dosi_minimum_wage_change(const DosiRule& r, const MacroIndicators& before, const MacroIndicators& now) {
  if (before.price_index <= 0 || before.productivity <= 0 || before.unemployment <= 0) return 0.0;
  const double dp = now.price_index / before.price_index - 1;
  const double da = now.productivity / before.productivity - 1;
  const double du = now.unemployment / before.unemployment - 1;
  const double x = r.psi_prices * dp + r.psi_productivity * da + r.psi_unemployment * du;
  return std::clamp(x, r.min_change, r.max_change);
}

}  // namespace prosim
