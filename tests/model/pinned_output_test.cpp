// The pinned output (Box2D's test_determinism EXPECTED_HASH): the baseline and the combined
// policy scenario, run at a small scale, must record exactly the bits whose SHA-256 is
// written below. A refactor that claims "same output" proves it by leaving these constants
// alone. A deliberate model change updates them visibly, in the same commit, with the reason
// in the commit message: the failure message prints the new hash and, to show where the
// change is, the hash of every group.
//
// Release builds (-O3) and the RelWithDebInfo sanitizer builds give the same bits on x86-64
// (no -ffast-math, no FMA contraction without -march), but the sanitizer job is for races,
// not for pinning, so .ci/run leaves this test out of it.
#include <doctest/doctest.h>

#include <string>

#include "engine/simulation.h"
#include "record_hash.h"
#include "small_world.h"

using namespace prosim;

namespace {

constexpr const char* kExpectedBaseline = "e9b5f90d7a5e67e46a3b3d305d3c4b3fd0f231375e14612a4f590986c81027a0";
constexpr const char* kExpectedCombined = "b1ed9745bc859c304efa1c7409bc1aaf8637649685a9dd8b7d3c6555605d93d7";

void check_pinned(const Params& params, const char* expected) {
  const RunRecord record = run_simulation(params, 2);
  const std::string actual = testing::record_hash(record);
  if (actual != expected) {
    std::string groups;
    for (const auto& g : record.groups) groups += "  " + g.path + " " + testing::group_hash(g) + "\n";
    MESSAGE("pinned output changed; new hash: " << actual << "\nper group:\n" << groups);
  }
  CHECK(actual == expected);
}

}  // namespace

TEST_CASE("pinned output: baseline, scale 0.002, 2021-01..2023-12") {
  check_pinned(testing::small_world({}, 0.002, "2023-12"), kExpectedBaseline);
}

TEST_CASE("pinned output: combined policies, scale 0.002, 2021-01..2023-12") {
  const std::string combined = std::string(PROSIM_SOURCE_DIR) + "/scenarios/combined.json";
  check_pinned(testing::small_world({{"extends", combined}}, 0.002, "2023-12"), kExpectedCombined);
}
