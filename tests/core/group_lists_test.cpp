// Tests of sim/core/group_lists.h: collect_by_group must build the lists a sequential loop in
// id order builds, whatever the number of threads and of blocks (sizes below and above one
// block of 16,384 indexes), with negative groups skipped. And sim/core/parallel.h's collect_if:
// the indexes a sequential filter keeps, in id order, with the predicate called once per index;
// collect_nonzero, its form for byte flags: the same indexes.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdint>
#include <vector>

#include <tbb/global_control.h>

#include "core/group_lists.h"
#include "core/parallel.h"
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

TEST_CASE("collect_if: the kept indexes in id order, the predicate called once per index") {
  // Sizes around a 64-index word and below, at and above the 65,536 indexes of a block (16 blocks
  // at most: 1,048,581 has 16, split between words).
  for (const std::size_t n : {0UL, 1UL, 63UL, 64UL, 65UL, 1000UL, 65536UL, 131149UL, 1048581UL}) {
    prosim::RandomStream rng(11, prosim::Purpose::BuildHousehold, 0, n);
    std::vector<std::uint8_t> keep(n);
    for (auto& k : keep) k = rng.below(5) == 0;  // a fifth of the indexes
    if (n > 70) keep[63] = keep[64] = 1;           // either side of a word's end
    std::vector<std::int32_t> expected;
    for (std::size_t i = 0; i < n; ++i)
      if (keep[i]) expected.push_back(static_cast<std::int32_t>(i));
    for (const int threads : {1, 2, 3}) {
      tbb::global_control control(tbb::global_control::max_allowed_parallelism, threads);
      std::vector<std::int32_t> out(7, 42);  // stale contents are replaced
      std::atomic<std::size_t> calls{0};
      prosim::collect_if(n, [&](std::size_t i) {
        calls.fetch_add(1, std::memory_order_relaxed);
        return keep[i] != 0;
      }, out);
      CHECK(out == expected);
      CHECK(calls.load() == n);
    }
  }
}

TEST_CASE("collect_nonzero: the indexes of the nonzero bytes, as collect_if finds them") {
  // Every byte value (the test of eight bytes at a time must not carry between bytes), sizes
  // that end inside and at the end of a group of eight, a word and a block.
  for (const std::size_t n : {0UL, 1UL, 7UL, 8UL, 9UL, 63UL, 64UL, 65UL, 1001UL, 65536UL, 131149UL}) {
    prosim::RandomStream rng(13, prosim::Purpose::BuildHousehold, 0, n);
    std::vector<std::uint8_t> flags(n);
    for (std::size_t i = 0; i < n; ++i) flags[i] = rng.below(3) == 0 ? 0 : static_cast<std::uint8_t>(rng.below(256));
    if (n > 300)
      for (std::size_t v = 0; v < 256; ++v) flags[v] = static_cast<std::uint8_t>(v);
    std::vector<std::int32_t> expected;
    for (std::size_t i = 0; i < n; ++i)
      if (flags[i] != 0) expected.push_back(static_cast<std::int32_t>(i));
    for (const int threads : {1, 2}) {
      tbb::global_control control(tbb::global_control::max_allowed_parallelism, threads);
      std::vector<std::int32_t> out(3, 42);  // stale contents are replaced
      prosim::collect_nonzero(flags.data(), n, out);
      CHECK(out == expected);
    }
  }
}
