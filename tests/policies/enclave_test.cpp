// Flying enclave at a guaranteed 8-10 % a year against the baseline, same seeds: the
// weak-village count falls sharply, village operating income rises, dividends reach
// members, and the host park gains jobs. With the policy off, nothing moves.
#include <doctest/doctest.h>

#include "paired_runs.h"

using namespace prosim;

namespace {
struct Outcome {
  double weak_base = 0, weak_policy = 0, operating_base = 0, operating_policy = 0, dividends_base = 0,
         dividends_policy = 0, host_jobs_base = 0, host_jobs_policy = 0;
};

Outcome measure(std::uint64_t seed, double fixed_return, bool enabled) {
  const nlohmann::ordered_json policy = {
      {"policies",
       {{"enclave",
         {{"enabled", enabled}, {"start", "2022-01"}, {"host_county", "Wucheng"}, {"fixed_return", fixed_return}}}}}};
  testing::PairedRuns runs({{"seed", seed}}, policy, 0.003, "2023-12");
  runs.run();
  Outcome o;
  const auto& b = runs.base.world();
  const auto& p = runs.policy.world();
  for (std::size_t v = 0; v < b.villages.size(); ++v) {
    o.weak_base += b.villages.weak[v];
    o.weak_policy += p.villages.weak[v];
    o.operating_base += b.villages.operating_last_year[v];
    o.operating_policy += p.villages.operating_last_year[v];
    o.dividends_base += b.villages.dividends_last_year[v];
    o.dividends_policy += p.villages.dividends_last_year[v];
  }
  for (const auto* w : {&b, &p}) {
    double jobs = 0;
    for (auto park : w->counties[0].parks)
      for (std::size_t k = 0; k < w->firms.size(); ++k)
        if (w->firms.alive[k] && w->firms.settlement[k] == park) jobs += w->firms.employees[k];
    (w == &b ? o.host_jobs_base : o.host_jobs_policy) = jobs;
  }
  MESSAGE("seed " << seed << " return " << fixed_return << (enabled ? " on" : " off") << ": weak " << o.weak_base
                  << " -> " << o.weak_policy << ", operating " << o.operating_base << " -> " << o.operating_policy
                  << ", dividends " << o.dividends_base << " -> " << o.dividends_policy << ", host park jobs "
                  << o.host_jobs_base << " -> " << o.host_jobs_policy);
  return o;
}
}  // namespace

TEST_CASE("enclave at 8 and 10 %: fewer weak villages, more operating income and dividends, host-park jobs") {
  for (double r : {0.08, 0.10}) {
    for (std::uint64_t seed : {31, 32}) {
      const auto o = measure(seed, r, true);
      CHECK(o.weak_policy < 0.6 * o.weak_base);  // "falls sharply": by at least 40 %
      CHECK(o.operating_policy > 1.1 * o.operating_base);
      CHECK(o.dividends_policy > o.dividends_base);
      CHECK(o.host_jobs_policy > o.host_jobs_base);
    }
  }
}

TEST_CASE("enclave switched off: no effect at all (common random numbers)") {
  const auto o = measure(31, 0.10, false);
  CHECK(o.weak_policy == o.weak_base);
  CHECK(o.operating_policy == o.operating_base);
}
