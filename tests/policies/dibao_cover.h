#pragma once
// The dibao's cover in 2022 of a pair of runs that differ in one dibao rule (the base with the
// rule off, the policy with it on), shared by the tests of the dibao's income and cover rules.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "paired_runs.h"
#include "policies/registry.h"

namespace prosim::testing {

struct DibaoCover {
  double recipients = 0, spending = 0;  // sums over the months of 2022, real persons and yuan
  double first_spending = 0;            // spending in the first month run, January 2021 (yuan)
};

// Runs the pair at scale 0.003 to December 2022 and returns {base, policy}.
inline std::pair<DibaoCover, DibaoCover> dibao_cover_2022(const nlohmann::ordered_json& off,
                                                          const nlohmann::ordered_json& on) {
  PairedRuns runs(off, on, 0.003, "2022-12");
  DibaoCover b, p;
  bool first = true;
  runs.run([&](const World& base, const World& policy) {
    if (first) {  // the first month stepped
      b.first_spending = policy_indicator(runs.base.params(), base, "dibao_spending");
      p.first_spending = policy_indicator(runs.policy.params(), policy, "dibao_spending");
      first = false;
    }
    if (base.date.year != 2022) return;
    b.recipients += policy_indicator(runs.base.params(), base, "dibao_recipients");
    b.spending += policy_indicator(runs.base.params(), base, "dibao_spending");
    p.recipients += policy_indicator(runs.policy.params(), policy, "dibao_recipients");
    p.spending += policy_indicator(runs.policy.params(), policy, "dibao_spending");
  });
  return {b, p};
}

// One line for a seed's pair: January 2021 spending, 2022 recipients (mean of months), spending
// and spending per recipient-month, base -> policy.
inline std::string describe(int seed, const DibaoCover& b, const DibaoCover& p) {
  std::ostringstream s;
  s << "seed " << seed << ": spending January 2021 " << b.first_spending << " -> " << p.first_spending
    << " yuan; recipients (mean of months, 2022) " << b.recipients / 12 << " -> " << p.recipients / 12
    << ", spending " << b.spending << " -> " << p.spending << " yuan, per recipient-month "
    << b.spending / b.recipients << " -> " << p.spending / p.recipients;
  return s.str();
}

// The policy run's 2022 figures over the base run's, averaged over seeds.
struct MeanRatios {
  double recipients = 0, spending = 0, per_recipient = 0;
};

// For each seed, the pair whose dibao blocks are `off` (base) and `on` (policy; a null value
// there restores the key's default): prints the pair, lets `each(base, policy)` check it, and
// returns the mean ratios over the seeds.
template <class Each>
MeanRatios compare_dibao_rule(const std::vector<int>& seeds, const nlohmann::ordered_json& off,
                              const nlohmann::ordered_json& on, Each each) {
  MeanRatios r;
  const double n = static_cast<double>(seeds.size());
  for (int seed : seeds) {
    const auto [b, p] = dibao_cover_2022({{"seed", seed}, {"policies", {{"dibao", off}}}}, {{"policies", {{"dibao", on}}}});
    MESSAGE(describe(seed, b, p));
    each(b, p);
    r.recipients += p.recipients / b.recipients / n;
    r.spending += p.spending / b.spending / n;
    r.per_recipient += (p.spending / p.recipients) / (b.spending / b.recipients) / n;
  }
  MESSAGE("mean ratios with / without the rule: recipients " << r.recipients << ", spending " << r.spending
                                                             << ", per recipient " << r.per_recipient);
  return r;
}

}  // namespace prosim::testing
