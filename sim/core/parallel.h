#pragma once
// Parallel loops whose results do not depend on the number of threads.
//  - for_each_index: each index writes only its own slots, so order is irrelevant.
//  - deterministic_sum / deterministic_reduce: tbb::parallel_deterministic_reduce with a
//    fixed grain and the simple partitioner splits the range the same way on every run,
//    so the floating-point association (and hence the bits) are the same whatever the
//    thread count.
//  - for_each_block: fixed blocks of indexes whose boundaries do not depend on the
//    thread count, for passes that keep per-block partial results (counting sorts).
// Each primitive is a parallel region for `prosim run --profile` (core/parallel_clock.h).
#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/parallel_sort.h>
#include <tbb/partitioner.h>

#include "core/parallel_clock.h"

namespace prosim {

inline constexpr std::size_t kGrain = 4096;
// The grain of a loop over groups (a village's member households, a home settlement's reach,
// a relative's parents): with kGrain, a loop over fewer groups than that (Jinhua's 3,966
// villages) would run as one task, on one thread.
inline constexpr std::size_t kGroupGrain = 32;

// f(i) for every i in [0, n), at least `grain` indexes per task. Since each index writes only
// its own slots, the grain changes no result.
template <class F>
void for_each_index(std::size_t n, F&& f, std::size_t grain = kGrain) {
  const ParallelRegion region(n > grain);  // a range of `grain` or fewer is one task
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t i = r.begin(); i != r.end(); ++i) f(i);
                    });
}

template <class F>
double deterministic_sum(std::size_t n, F&& f) {
  const ParallelRegion region(n > kGrain);  // a range of kGrain or fewer is one task
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
  const ParallelRegion region(n > kGrain);  // a range of kGrain or fewer is one task
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

// tbb::parallel_sort as a parallel region. Sorting keys that are all distinct (or whose equal
// keys are indistinguishable) gives the same order whatever the thread count.
inline constexpr std::ptrdiff_t kSerialSortBelow = 500;  // TBB's parallel_sort sorts shorter ranges serially
template <class It>
void sort_in_parallel(It first, It last) {
  const ParallelRegion region(last - first >= kSerialSortBelow);
  tbb::parallel_sort(first, last);
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
  const ParallelRegion region(blocks > 1);
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

// The indexes i in [0, n) whose bit is set, in increasing order, into `out`, where word(k)
// gives the bits of indexes 64k .. 64k + 63 (bit j for index 64k + j; none at or past n). Each
// fixed block of words notes its words and counts their bits, then writes its own slice of
// `out` from them (the result does not depend on the blocks).
template <class Word>
void collect_bits(std::size_t n, Word&& word, std::vector<std::int32_t>& out) {
  const std::size_t words = (n + 63) / 64;
  const std::size_t blocks = fixed_blocks(n, 65536, 16);
  const std::unique_ptr<std::uint64_t[]> bits(new std::uint64_t[words]);  // every word written below
  std::vector<std::size_t> start(blocks + 1, 0);
  for_each_block(words, blocks, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::size_t c = 0;
    for (std::size_t k = begin; k < end; ++k) {
      const std::uint64_t w = word(k);
      bits[k] = w;
      c += static_cast<std::size_t>(std::popcount(w));
    }
    start[b + 1] = c;
  });
  for (std::size_t b = 0; b < blocks; ++b) start[b + 1] += start[b];
  out.resize(start[blocks]);
  for_each_block(words, blocks, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::int32_t* o = out.data() + start[b];
    for (std::size_t k = begin; k < end; ++k)
      for (std::uint64_t w = bits[k]; w != 0; w &= w - 1)
        *o++ = static_cast<std::int32_t>(64 * k + static_cast<std::size_t>(std::countr_zero(w)));
  });
}

// The indexes i in [0, n) with pred(i), in increasing order, into `out`; pred is called once
// per index.
template <class Pred>
void collect_if(std::size_t n, Pred&& pred, std::vector<std::int32_t>& out) {
  collect_bits(n, [&](std::size_t k) {
    const std::size_t first = 64 * k, last = std::min(n, first + 64);
    std::uint64_t word = 0;
    for (std::size_t i = first; i < last; ++i) word |= static_cast<std::uint64_t>(pred(i) ? 1 : 0) << (i - first);
    return word;
  }, out);
}

// The indexes i in [0, n) with flags[i] != 0, in increasing order, into `out`: collect_if for
// a byte flag, eight flags at a time (a byte's high bit after adding 0x7f to its low seven bits,
// or-ed with the byte, is set where it is not 0; a multiplication gathers the eight high bits).
inline void collect_nonzero(const std::uint8_t* flags, std::size_t n, std::vector<std::int32_t>& out) {
  constexpr std::uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fULL, kHigh = 0x8080808080808080ULL;
  constexpr std::uint64_t kGather = 0x0102040810204080ULL;  // byte j's bit 0 to bit 56 + j
  collect_bits(n, [&](std::size_t k) {
    const std::size_t first = 64 * k, last = std::min(n, first + 64);
    std::uint64_t word = 0;
    std::size_t i = first;
    if constexpr (std::endian::native == std::endian::little)
      for (; i + 8 <= last; i += 8) {
        std::uint64_t x;
        std::memcpy(&x, flags + i, 8);
        const std::uint64_t high = (((x & kLow7) + kLow7) | x) & kHigh;
        word |= ((high >> 7) * kGather >> 56) << (i - first);
      }
    for (; i < last; ++i) word |= static_cast<std::uint64_t>(flags[i] != 0 ? 1 : 0) << (i - first);
    return word;
  }, out);
}

}  // namespace prosim
