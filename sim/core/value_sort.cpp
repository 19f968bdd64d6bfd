#include "core/value_sort.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <memory>

#include "core/parallel.h"

namespace prosim {

namespace {

// Orders (key, weight) pairs: the order every sort below gives.
bool before(std::uint64_t ka, const WeightedValue& a, std::uint64_t kb, const WeightedValue& b) {
  return ka != kb ? ka < kb : a.weight < b.weight;
}

// Sorts v[0, n) and its keys k[0, n) by (key, weight); a and ak are scratch of n elements.
// Small runs by insertion; larger ones by one more bucket pass over their own key range
// (fine buckets where the values crowd), each bucket again by this function.
void sort_bucket(WeightedValue* v, std::uint64_t* k, WeightedValue* a, std::uint64_t* ak, std::size_t n) {
  if (n <= 32) {
    for (std::size_t i = 1; i < n; ++i) {
      const std::uint64_t kk = k[i];
      const WeightedValue vv = v[i];
      std::size_t j = i;
      for (; j > 0 && before(kk, vv, k[j - 1], v[j - 1]); --j) {
        k[j] = k[j - 1];
        v[j] = v[j - 1];
      }
      k[j] = kk;
      v[j] = vv;
    }
    return;
  }
  std::uint64_t lo = k[0], hi = k[0];
  for (std::size_t i = 1; i < n; ++i) {
    lo = std::min(lo, k[i]);
    hi = std::max(hi, k[i]);
  }
  if (lo == hi) {  // one value: by weight
    std::sort(v, v + n, [](const WeightedValue& x, const WeightedValue& y) { return x.weight < y.weight; });
    return;
  }
  const int bits = std::clamp(static_cast<int>(std::bit_width(n)) - 1, 4, 12);
  const int shift = std::max(0, static_cast<int>(std::bit_width(hi - lo)) - bits);
  const std::size_t D = static_cast<std::size_t>((hi - lo) >> shift) + 1;
  std::vector<std::size_t> start(D + 1, 0);
  for (std::size_t i = 0; i < n; ++i) ++start[((k[i] - lo) >> shift) + 1];
  for (std::size_t d = 0; d < D; ++d) start[d + 1] += start[d];
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t j = start[(k[i] - lo) >> shift]++;
    a[j] = v[i];
    ak[j] = k[i];
  }
  for (std::size_t d = 0, s = 0; d < D; ++d) {  // start[d] is now bucket d's end
    sort_bucket(a + s, ak + s, v + s, k + s, start[d] - s);
    s = start[d];
  }
  std::copy(a, a + n, v);
  std::copy(ak, ak + n, k);
}

}  // namespace

// A most-significant-digit bucket sort on the value's 64-bit key: one counting pass and one
// scatter in parallel over fixed blocks, into about n/2 buckets (at most 2^16) over the range
// of the positive values' keys (the zero and negative values, few, share bucket 0), then
// every bucket sorted on its own (in parallel; insertion for small ones, another bucket pass
// for crowded ones), by value and, for equal values, by weight. Elements that compare equal
// are identical, so the result is the one sequence any correct sort gives, at any thread
// count. It replaced an LSD radix sort (six counting passes of 11 bits), which had itself
// replaced a comparison sort that took ~11 % of a run: the monthly Gini sorts every household.
void sort_by_value(std::vector<WeightedValue>& obs) {
  SortScratch scratch;
  sort_by_value(obs, scratch);
}

void sort_by_value(std::vector<WeightedValue>& obs, SortScratch& scratch) {
  sort_by_value(obs, scratch.out, scratch);
  obs.swap(scratch.out);  // both stay allocated: the next call reuses them
}

void sort_by_value(const std::vector<WeightedValue>& obs, std::vector<WeightedValue>& sorted, SortScratch& scratch) {
  sorted.resize(obs.size());
  scratch.key.resize(obs.size());
  sort_by_value(std::span<const WeightedValue>(obs), std::span<WeightedValue>(sorted), std::span<std::uint64_t>(scratch.key),
                scratch);
}

void sort_by_value(std::span<const WeightedValue> obs, std::span<WeightedValue> sorted, std::span<std::uint64_t> keys,
                   SortScratch& scratch) {
  const std::size_t n = obs.size();
  if (n < 2) {
    std::copy(obs.begin(), obs.end(), sorted.begin());
    return;
  }
  // Block counts are 32-bit: n < 2^32 (16 bytes an element: 64 GiB).
  const std::size_t B = fixed_blocks(n, 65536, 16);
  // Every element of sorted and keys is written before it is read; pos is cleared. The keys
  // are computed in each of the three passes over obs rather than stored by the first (a few
  // instructions an element, against 8 bytes a household more at the peak: issue 18).
  auto& pos = scratch.pos;
  // The range of the positive values' keys (integers: the same whatever the blocks' order).
  // Keys up to that of +0 go to bucket 0.
  constexpr std::uint64_t kZero = std::uint64_t{1} << 63;  // sort_key(0.0)
  std::uint64_t block_lo[16], block_hi[16];
  for_each_block(n, B, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::uint64_t lo = ~std::uint64_t{0}, hi = kZero;
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint64_t k = sort_key(obs[i].value);
      if (k > kZero) lo = std::min(lo, k);
      hi = std::max(hi, k);
    }
    block_lo[b] = lo;
    block_hi[b] = hi;
  });
  std::uint64_t lo = block_lo[0], hi = block_hi[0];
  for (std::size_t b = 1; b < B; ++b) {
    lo = std::min(lo, block_lo[b]);
    hi = std::max(hi, block_hi[b]);
  }
  if (hi == kZero) lo = hi;  // no positive value: everything in bucket 0
  const int bits = std::clamp(static_cast<int>(std::bit_width(n)) - 1, 4, 16);
  const int shift = std::max(0, static_cast<int>(std::bit_width(hi - lo)) - bits);
  const std::size_t D = static_cast<std::size_t>((hi - lo) >> shift) + 2;
  const auto bucket = [&](std::uint64_t k) -> std::size_t { return k <= kZero ? 0 : ((k - lo) >> shift) + 1; };
  pos.assign(B * D, 0);
  for_each_block(n, B, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::uint32_t* count = pos.data() + b * D;
    for (std::size_t i = begin; i < end; ++i) ++count[bucket(sort_key(obs[i].value))];
  });
  std::uint32_t start = 0;  // bucket-major, then block
  for (std::size_t d = 0; d < D; ++d)
    for (std::size_t b = 0; b < B; ++b) {
      const std::uint32_t c = pos[b * D + d];
      pos[b * D + d] = start;
      start += c;
    }
  for_each_block(n, B, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::uint32_t* slot = pos.data() + b * D;
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint64_t k = sort_key(obs[i].value);
      const std::size_t j = slot[bucket(k)]++;
      sorted[j] = obs[i];
      keys[j] = k;
    }
  });
  // Bucket d ends where the last block's slice of it ends. A bucket of more than 32 elements
  // needs scratch of its size for its own bucket passes: its task allocates it (buckets are
  // small, about two elements each on average), instead of two more arrays of n.
  for_each_index(D, [&](std::size_t d) {
    const std::size_t end = pos[(B - 1) * D + d], begin = d == 0 ? 0 : pos[(B - 1) * D + d - 1];
    const std::size_t m = end - begin;
    if (m <= 1) return;
    std::unique_ptr<WeightedValue[]> a;
    std::unique_ptr<std::uint64_t[]> ak;
    if (m > 32) {
      a = std::make_unique_for_overwrite<WeightedValue[]>(m);
      ak = std::make_unique_for_overwrite<std::uint64_t[]>(m);
    }
    sort_bucket(sorted.data() + begin, keys.data() + begin, a.get(), ak.get(), m);
  });
}

// One stable bucket pass on the keys (the ids come in increasing order and keep it within a
// bucket), about one bucket per id over the keys' range, then each bucket by insertion
// (stable: ties stay in id order) or, when crowded, by std::sort on (key, id).
void sort_ids_by_value(std::vector<std::int32_t>& ids, const std::vector<double>& value, IdSortScratch& scratch) {
  scratch.in.resize(ids.size());
  scratch.out.resize(ids.size());
  sort_ids_by_value(std::span<std::int32_t>(ids), std::span<const double>(value), std::span<IdSortScratch::Entry>(scratch.in),
                    std::span<IdSortScratch::Entry>(scratch.out), scratch.start);
}

void sort_ids_by_value(std::span<std::int32_t> ids, std::span<const double> value, std::span<IdSortScratch::Entry> in,
                       std::span<IdSortScratch::Entry> out, std::vector<std::uint32_t>& start) {
  const std::size_t n = ids.size();
  if (n < 2) return;
  std::uint64_t lo = ~std::uint64_t{0}, hi = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t k = sort_key(value[static_cast<std::size_t>(ids[i])]);
    in[i] = {k, ids[i]};
    lo = std::min(lo, k);
    hi = std::max(hi, k);
  }
  if (lo == hi) return;  // one value: id order
  const int bits = std::clamp(static_cast<int>(std::bit_width(n)) - 1, 4, 16);
  const int shift = std::max(0, static_cast<int>(std::bit_width(hi - lo)) - bits);
  const std::size_t D = static_cast<std::size_t>((hi - lo) >> shift) + 1;
  start.assign(D + 1, 0);
  for (std::size_t i = 0; i < n; ++i) ++start[((in[i].key - lo) >> shift) + 1];
  for (std::size_t d = 0; d < D; ++d) start[d + 1] += start[d];
  for (std::size_t i = 0; i < n; ++i) out[start[(in[i].key - lo) >> shift]++] = in[i];
  const auto before = [](const IdSortScratch::Entry& a, const IdSortScratch::Entry& b) {
    return a.key != b.key ? a.key < b.key : a.id < b.id;
  };
  for (std::size_t d = 0, b = 0; d < D; ++d) {  // start[d] is now bucket d's end
    const std::size_t e = start[d];
    if (e - b > 32) {
      std::sort(out.data() + b, out.data() + e, before);
    } else {
      for (std::size_t i = b + 1; i < e; ++i) {
        const auto x = out[i];
        std::size_t j = i;
        for (; j > b && x.key < out[j - 1].key; --j) out[j] = out[j - 1];
        out[j] = x;
      }
    }
    b = e;
  }
  for (std::size_t i = 0; i < n; ++i) ids[i] = out[i].id;
}

}  // namespace prosim
