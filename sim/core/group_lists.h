#pragma once
// Index lists by group, built in parallel with the lists a loop in id order would build
// (core/parallel.h's fixed blocks: the same at any thread count).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/parallel.h"

namespace prosim {

// The indexes i in [0, n) whose group(i) is in [0, groups), listed by group in increasing
// order: lists[g] holds those of group g (a negative group skips the index). Fixed blocks
// count their indexes by group, then each block fills its own slice of every list: the
// lists a loop in id order would build, at any thread count (group is called twice per
// index: keep it pure).
template <class Group>
void collect_by_group(std::size_t n, std::size_t groups, Group&& group, std::vector<std::vector<std::int32_t>>& lists) {
  const std::size_t blocks = fixed_blocks(n, 16384, 64);
  std::vector<std::size_t> at(blocks * groups, 0);  // per block and group: its count, then where its slice starts
  for_each_block(n, blocks, [&](std::size_t b, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      if (const auto g = group(i); g >= 0) at[b * groups + static_cast<std::size_t>(g)] += 1;
  });
  lists.resize(groups);
  for (std::size_t g = 0; g < groups; ++g) {
    std::size_t total = 0;
    for (std::size_t b = 0; b < blocks; ++b) {
      const std::size_t count = at[b * groups + g];
      at[b * groups + g] = total;
      total += count;
    }
    lists[g].resize(total);
  }
  for_each_block(n, blocks, [&](std::size_t b, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      if (const auto g = group(i); g >= 0) {
        const auto gi = static_cast<std::size_t>(g);
        lists[gi][at[b * groups + gi]++] = static_cast<std::int32_t>(i);
      }
  });
}

}  // namespace prosim
