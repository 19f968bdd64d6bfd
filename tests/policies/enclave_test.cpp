// Flying enclave at a guaranteed 8-10 % a year against the baseline, same seeds: the
// weak-village count falls sharply, the operating income of the villages that were weak
// rises, dividends reach members, and the project firms employ people in the host park
// (at least 10 at scale 0.005 two years on).
// With the policy off, nothing moves.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "paired_runs.h"

using namespace prosim;

namespace {
struct Outcome {
  double weak_base = 0, weak_policy = 0, operating_base = 0, operating_policy = 0, dividends_base = 0,
         dividends_policy = 0, project_jobs = 0;
};

Outcome measure(std::uint64_t seed, double fixed_return, bool enabled) {
  const nlohmann::ordered_json policy = {
      {"policies",
       {{"enclave",
         {{"enabled", enabled}, {"start", "2022-01"}, {"host_county", "Wucheng"}, {"fixed_return", fixed_return}}}}}};
  testing::PairedRuns runs({{"seed", seed}}, policy, 0.005, "2023-12");
  std::vector<std::uint8_t> weak_at_start;
  std::size_t firms_at_start = 0;
  int month = 0;
  runs.run([&](const World& b, const World&) {
    if (++month == 12) {  // December 2021, before the projects
      weak_at_start = b.villages.weak;
      firms_at_start = b.firms.size();
    }
  });
  Outcome o;
  const auto& b = runs.base.world();
  const auto& p = runs.policy.world();
  for (std::size_t v = 0; v < b.villages.size(); ++v) {
    o.weak_base += b.villages.weak[v];
    o.weak_policy += p.villages.weak[v];
    if (!weak_at_start[v]) continue;
    o.operating_base += b.villages.operating_last_year[v];
    o.operating_policy += p.villages.operating_last_year[v];
    o.dividends_base += b.villages.dividends_last_year[v];
    o.dividends_policy += p.villages.dividends_last_year[v];
  }
  // Jobs in the project firms: the policy run's firms owned by a county platform, counted
  // only where they sit in a park of the host county (Wucheng).
  int host = -1;
  for (std::size_t c = 0; c < p.counties.size(); ++c)
    if (p.counties[c].name == "Wucheng") host = static_cast<int>(c);
  REQUIRE(host >= 0);
  const auto& parks = p.counties[host].parks;
  for (std::size_t k = firms_at_start; k < p.firms.size(); ++k)
    if (p.firms.alive[k] && p.firms.owner[k] < 0 && p.firms.county[k] == host &&
        std::find(parks.begin(), parks.end(), p.firms.settlement[k]) != parks.end())
      o.project_jobs += p.firms.employees[k];
  MESSAGE("seed " << seed << " return " << fixed_return << std::string(enabled ? " on" : " off") << ": weak " << o.weak_base
                  << " -> " << o.weak_policy << ", operating " << o.operating_base << " -> " << o.operating_policy
                  << ", dividends " << o.dividends_base << " -> " << o.dividends_policy << ", project jobs "
                  << o.project_jobs);
  return o;
}
}  // namespace

TEST_CASE("enclave at 8 and 10 %: fewer weak villages, more operating income and dividends") {
  // The guaranteed return is the host county's promise and does not end when a project
  // firm exits (policies/enclave.cpp). Host-park jobs: until issue 12 each project of 50
  // villages was its own firm of 1-2 workers at this scale, which lost money every month
  // and exited within about two years (0 jobs left in all four runs by December 2023; with
  // that rule restored this check fails); each January's cohort now builds one plant of
  // ordinary size: 21-25 jobs in each run (scale 0.005, about 2,100-2,500 real jobs).
  double jobs = 0;
  for (double r : {0.08, 0.10}) {
    for (std::uint64_t seed : {31, 32}) {
      const auto o = measure(seed, r, true);
      CHECK(o.weak_policy < 0.7 * o.weak_base);  // "falls sharply": by at least 30 % in two years
      CHECK(o.operating_policy > 1.3 * o.operating_base);  // of the villages that were weak
      CHECK(o.dividends_policy > 1.05 * o.dividends_base);
      CHECK(o.project_jobs >= 10);  // the plant employs people in the host park
      jobs += o.project_jobs;
    }
  }
  MESSAGE("jobs in project firms, four runs: " << jobs);
}

TEST_CASE("enclave switched off: no effect at all (common random numbers)") {
  const auto o = measure(31, 0.10, false);
  CHECK(o.weak_policy == o.weak_base);
  CHECK(o.operating_policy == o.operating_base);
  CHECK(o.project_jobs == 0);
}
