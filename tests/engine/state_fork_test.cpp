// Forking: a policy scenario run from the baseline's state at the month its first difference
// acts records the same bits as its full run; a fork from a later month does not (and is
// refused by the rule), which shows the comparison can fail.
#include <doctest/doctest.h>

#include "engine/fork_check.h"
#include "state_helpers.h"

using namespace prosim;
using namespace prosim::testing;

namespace {

int month_index_of(const Params& p, YearMonth d) { return d.serial() - p.start.serial(); }

}  // namespace

TEST_CASE("fork: every shipped policy scenario forked from the baseline's state equals its full run") {
  const auto dir = state_dir("fork");
  const auto base = small_scenario("jinhua_baseline.json", "2022-06");
  for (const std::string file : {"combined.json", "dibao_near_poor.json", "enclave.json", "minimum_wage_dosi.json",
                                  "minimum_wage_rise.json", "relocation.json", "training.json"}) {
    CAPTURE(file);
    const auto p = small_scenario(file, "2022-06");
    // The latest month the fork may start from, within the run.
    YearMonth at = std::min(first_acting_difference(base.json, p.json), p.params.end);
    CHECK(at >= p.params.start);  // policies only: every fork skips at least the burn-in
    CHECK(fork_difference(base.json, p.json, at).empty());
    const auto path = (dir / "base.h5").string();
    run_saving(base, month_index_of(base.params, at), path);
    const std::string full = record_hash(run_simulation(p.params, 2));
    CHECK(record_hash(run_from(p, path)) == full);
    MESSAGE(file << " forks at " << at.str());
  }
}

TEST_CASE("fork: from a month after the policy starts the result differs, and the rule refuses it") {
  const auto dir = state_dir("fork_late");
  const auto base = small_scenario("jinhua_baseline.json", "2022-06");
  const auto p = small_scenario("training.json", "2022-06");
  const YearMonth late{2022, 3};
  const auto why = fork_difference(base.json, p.json, late);
  CHECK(why.find("/policies/training") != std::string::npos);
  CHECK(why.find("2022-01") != std::string::npos);
  const auto path = (dir / "base.h5").string();
  run_saving(base, month_index_of(base.params, late), path);
  CHECK(record_hash(run_from(p, path)) != record_hash(run_simulation(p.params, 2)));
}
