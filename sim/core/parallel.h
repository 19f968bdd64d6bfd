#pragma once
// Parallel loops whose results do not depend on the number of threads.
//  - for_each_index: each index writes only its own slots, so order is irrelevant.
//  - deterministic_sum / deterministic_reduce: tbb::parallel_deterministic_reduce with a
//    fixed grain and the simple partitioner splits the range the same way on every run,
//    so the floating-point association (and hence the bits) are the same whatever the
//    thread count.
//  - for_each_block: fixed blocks of indexes whose boundaries do not depend on the
//    thread count, for passes that keep per-block partial results (counting sorts).
#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/partitioner.h>

namespace prosim {

inline constexpr std::size_t kGrain = 4096;

template <class F>
void for_each_index(std::size_t n, F&& f) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, kGrain),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t i = r.begin(); i != r.end(); ++i) f(i);
                    });
}

template <class F>
double deterministic_sum(std::size_t n, F&& f) {
  return tbb::parallel_deterministic_reduce(
      tbb::blocked_range<std::size_t>(0, n, kGrain), 0.0,
      [&](const tbb::blocked_range<std::size_t>& r, double acc) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) acc += f(i);
        return acc;
      },
      [](double a, double b) { return a + b; }, tbb::simple_partitioner());
}

// deterministic_reduce below with the leaf's whole range at once: body(begin, end, acc) adds
// the indexes [begin, end) into acc, in increasing order where the order matters. The split
// tree is deterministic_reduce's, so a body that adds each index as deterministic_reduce's
// would gives the same bits; it lets a pass keep its pointers and sums in locals over a leaf
// and skip runs of indexes with nothing to add (count_labour_force).
template <class T, class Body, class Join>
T deterministic_reduce_ranges(std::size_t n, const T& identity, Body&& body, Join&& join) {
  return tbb::parallel_deterministic_reduce(
      tbb::blocked_range<std::size_t>(0, n, kGrain), identity,
      [&](const tbb::blocked_range<std::size_t>& r, T acc) {
        body(r.begin(), r.end(), acc);
        return acc;
      },
      [&](T a, const T& b) {
        join(a, b);
        return a;
      },
      tbb::simple_partitioner());
}

// Reduces many quantities in one pass: body(i, acc) adds index i into acc (a struct of
// sums, possibly holding vectors of per-county sums); join(left, right) adds right into
// left. Leaves of the fixed split tree start from a copy of `identity`.
template <class T, class Body, class Join>
T deterministic_reduce(std::size_t n, const T& identity, Body&& body, Join&& join) {
  return deterministic_reduce_ranges(
      n, identity,
      [&](std::size_t begin, std::size_t end, T& acc) {
        for (std::size_t i = begin; i != end; ++i) body(i, acc);
      },
      join);
}

// The number of fixed blocks for n indexes: one per `per_block` indexes, at least 1 and at
// most `most`. It depends on n alone, never on the thread count, so per-block partial results
// and the order they are joined in are the same on every run. A caller's per_block keeps a
// block's work well above a task's overhead; its `most` bounds the per-block buffers (often
// blocks x groups) and the sequential join over blocks.
constexpr std::size_t fixed_blocks(std::size_t n, std::size_t per_block, std::size_t most) {
  return std::clamp<std::size_t>(n / per_block, 1, most);
}

// Splits [0, n) into `blocks` contiguous blocks of (nearly) equal size, numbered in index
// order, and runs f(block, begin, end) for each block in parallel.
template <class F>
void for_each_block(std::size_t n, std::size_t blocks, F&& f) {
  tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) { f(b, n * b / blocks, n * (b + 1) / blocks); });
}

// Sums by group, a leaf's range at once: body(begin, end, acc) adds the indexes [begin, end)
// into acc (the `groups` sums), in increasing order. The tree and the join are
// deterministic_group_sum's below, which adds each index in this way.
template <class Body>
std::vector<double> deterministic_group_sum_ranges(std::size_t n, std::size_t groups, Body&& body) {
  return deterministic_reduce_ranges(n, std::vector<double>(groups, 0.0), body,
                                     [](std::vector<double>& a, const std::vector<double>& b) {
                                       for (std::size_t g = 0; g < a.size(); ++g) a[g] += b[g];
                                     });
}

// Sums by group: f(i) returns (group, value); a group < 0 skips the index. Returns the
// `groups` sums, deterministic like deterministic_reduce.
template <class F>
std::vector<double> deterministic_group_sum(std::size_t n, std::size_t groups, F&& f) {
  return deterministic_group_sum_ranges(n, groups, [&](std::size_t begin, std::size_t end, std::vector<double>& acc) {
    for (std::size_t i = begin; i != end; ++i) {
      const auto [g, v] = f(i);
      if (g >= 0) acc[static_cast<std::size_t>(g)] += v;
    }
  });
}

// The indexes i in [0, n) with pred(i), in increasing order, into `out`. pred is called once
// per index: each fixed block of 64-index words notes its hits as bits and counts them, then
// writes its own slice of `out` from the bits (the result does not depend on the blocks).
template <class Pred>
void collect_if(std::size_t n, Pred&& pred, std::vector<std::int32_t>& out) {
  const std::size_t words = (n + 63) / 64;
  const std::size_t blocks = fixed_blocks(n, 65536, 16);
  const std::unique_ptr<std::uint64_t[]> bits(new std::uint64_t[words]);  // every word written below
  std::vector<std::size_t> start(blocks + 1, 0);
  for_each_block(words, blocks, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::size_t c = 0;
    for (std::size_t k = begin; k < end; ++k) {
      const std::size_t first = 64 * k, last = std::min(n, first + 64);
      std::uint64_t word = 0;
      for (std::size_t i = first; i < last; ++i) word |= static_cast<std::uint64_t>(pred(i) ? 1 : 0) << (i - first);
      bits[k] = word;
      c += static_cast<std::size_t>(std::popcount(word));
    }
    start[b + 1] = c;
  });
  for (std::size_t b = 0; b < blocks; ++b) start[b + 1] += start[b];
  out.resize(start[blocks]);
  for_each_block(words, blocks, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::int32_t* o = out.data() + start[b];
    for (std::size_t k = begin; k < end; ++k)
      for (std::uint64_t word = bits[k]; word != 0; word &= word - 1)
        *o++ = static_cast<std::int32_t>(64 * k + static_cast<std::size_t>(std::countr_zero(word)));
  });
}

}  // namespace prosim
