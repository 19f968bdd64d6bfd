// Family support (docs/model.md 4.8c) follows the published local rules on the support a
// dibao review counts: the obligor household keeps `family_support_allowance` x the standard
// per member (Yinzhou, Zhejiang, 2022: 3.42) and owes a share of the rest. Against the same
// worlds with the allowance at twice the standard (the assumption before it was sourced; same
// seeds): relatives keep more, parents in difficulty receive less support and more of them
// fall to the dibao, which pays more.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include <boost/math/special_functions/erf.hpp>

#include "../policies/dibao_cover.h"
#include "model/household_income.h"
#include "systems/systems.h"

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

// Adult children resemble their parents (docs/model.md 4.8c): the obliged relative is drawn
// at an income rank that follows the parents' (family_support_persistence, Fan, Yi & Zhang
// 2021: 0.442). Against the same worlds with the relative a random household with wages
// (persistence 0, the draws before it; same seeds): the poor parents' relatives are poorer,
// owe less, and more parents fall to the dibao.
TEST_CASE("family support's relative is drawn near the parents' income rank (mechanism: family_support_persistence)") {
  double more_recipients = 0, more_spending = 0;
  const int seeds[] = {1, 2, 3};
  for (int seed : seeds) {
    const nlohmann::ordered_json random = {{"seed", seed}, {"economy", {{"family_support_persistence", 0.0}}}};
    const nlohmann::ordered_json persistent = {{"economy", {{"family_support_persistence", 0.442}}}};
    const auto [b, p] = testing::dibao_cover_2022(random, persistent);
    MESSAGE("seed " << seed << ": dibao recipients (mean of months, 2022) " << b.recipients / 12 << " -> "
                    << p.recipients / 12 << ", spending " << b.spending << " -> " << p.spending << " yuan");
    more_recipients += p.recipients / b.recipients / 3;
    more_spending += p.spending / b.spending / 3;
  }
  MESSAGE("mean ratios, persistence 0.442 / 0: recipients " << more_recipients << ", spending " << more_spending);
  CHECK(more_recipients > 1.05);
  CHECK(more_spending > 1.05);
}

namespace {
// Members past working life (aged 60+ or retired): the parents of family_support.cpp.
int elderly(const World& w, std::size_t h) {
  int n = 0;
  for (int k = 0; k < w.households.size[h]; ++k) {
    const auto i = w.households.first_member[h] + k;
    n += w.persons.age_months[i] >= 60 * 12 || w.persons.status[i] == LabourStatus::Retired;
  }
  return n;
}

// Normal scores Phi^-1((i + 0.5) / n) of the households passing `in`, by their place i in
// their county's order of income per member before assistance (ties by id); NaN elsewhere.
template <class In>
std::vector<double> normal_scores(const World& w, In&& in) {
  const auto& hh = w.households;
  std::vector<std::vector<std::size_t>> by_county(w.counties.size());
  for (std::size_t h = 0; h < hh.size_(); ++h)
    if (!hh.nonlocal[h] && in(h)) by_county[hh.county[h]].push_back(h);
  const auto per_member = [&](std::size_t h) { return income_before_assistance(hh, h) / hh.size[h]; };
  std::vector<double> z(hh.size_(), std::nan(""));
  for (auto& list : by_county) {
    std::sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
      return per_member(a) < per_member(b) || (per_member(a) == per_member(b) && a < b);
    });
    for (std::size_t i = 0; i < list.size(); ++i)
      z[list[i]] = -std::sqrt(2.0) * boost::math::erfc_inv(2.0 * (i + 0.5) / static_cast<double>(list.size()));
  }
  return z;
}

// The slope of the relatives' normal score on their parents' (the parents in difficulty
// that have a relative, every month of 2021-2022, seeds 1-3), computed from the world's
// households: the parents ranked among the parent generation, the relatives among the child
// generation. Selecting parents on their own income leaves the slope of a Gaussian copula
// unbiased (not its correlation): it estimates the persistence. The runs pay no support
// (family_support_share 0; the relatives are found all the same): support paid would select
// the parents still in difficulty on their relative's draw, which is kept from month to
// month (0.61 with the support paid).
double relative_score_slope(double persistence) {
  double sxy = 0, sxx = 0, sx = 0, sy = 0, n = 0;
  for (int seed : {1, 2, 3}) {
    Simulation sim(testing::small_world(
        {{"seed", seed}, {"economy", {{"family_support_persistence", persistence}, {"family_support_share", 0.0}}}},
        0.003, "2022-12"));
    sim.calibrate();
    while (!sim.done()) {
      sim.step();
      const World& w = sim.world();  // the month's incomes: find the relatives again
      const auto z_parent = normal_scores(w, [&](std::size_t h) { return elderly(w, h) > 0; });
      const auto z_child = normal_scores(w, [&](std::size_t h) { return w.households.income[kWages][h] > 0 && elderly(w, h) == 0; });
      Workspace ws;
      find_family_relatives(sim.params(), w, ws);
      for (std::size_t h = 0; h < w.households.size_(); ++h) {
        if (ws.family_relative[h] < 0) continue;
        const double x = z_parent[h], y = z_child[static_cast<std::size_t>(ws.family_relative[h])];
        sxy += x * y, sxx += x * x, sx += x, sy += y, n += 1;
      }
    }
  }
  MESSAGE("persistence " << persistence << ": " << n << " parent-relative pairs");
  return (sxy - sx * sy / n) / (sxx - sx * sx / n);
}
}  // namespace

TEST_CASE("family support's relatives reproduce the sourced income persistence (mechanism: family_support_persistence)") {
  const double slope = relative_score_slope(0.442);
  MESSAGE("slope of the relative's normal score on the parents': " << slope << " (persistence 0.442)");
  CHECK(slope == doctest::Approx(0.442).epsilon(0.3));
}
