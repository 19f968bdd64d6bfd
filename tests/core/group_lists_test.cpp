// Tests of sim/core/group_lists.h: collect_by_group must build the lists a sequential loop in
// id order builds, whatever the number of threads and of blocks (sizes below and above one
// block of 16,384 indexes), with negative groups skipped.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include <tbb/global_control.h>

#include "core/group_lists.h"
#include "core/rng.h"

namespace {

std::vector<std::vector<std::int32_t>> sequential(const std::vector<int>& group, std::size_t groups) {
  std::vector<std::vector<std::int32_t>> lists(groups);
  for (std::size_t i = 0; i < group.size(); ++i)
    if (group[i] >= 0) lists[static_cast<std::size_t>(group[i])].push_back(static_cast<std::int32_t>(i));
  return lists;
}

}  // namespace

TEST_CASE("collect_by_group: the id-order lists at any thread count") {
  for (const std::size_t n : {0UL, 1UL, 1000UL, 16384UL, 100003UL}) {
    const std::size_t groups = 9;
    prosim::RandomStream rng(7, prosim::Purpose::BuildHousehold, 0, n);
    std::vector<int> group(n);
    for (auto& g : group) g = static_cast<int>(rng.below(groups + 2)) - 2;  // -2, -1: skipped
    const auto expected = sequential(group, groups);
    for (const int threads : {1, 2, 3}) {
      tbb::global_control control(tbb::global_control::max_allowed_parallelism, threads);
      std::vector<std::vector<std::int32_t>> lists(3, std::vector<std::int32_t>(5, 42));  // stale contents are replaced
      prosim::collect_by_group(n, groups, [&](std::size_t i) { return group[i]; }, lists);
      CHECK(lists == expected);
    }
  }
}
