#pragma once
// A parallel sort of (value, weight) pairs by value, ties by weight: the recorder's
// distributions (metrics/inequality.h) and family support's income ranks
// (systems/family_support.cpp). The same result at any thread count.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace prosim {

// Order-preserving map of a double to an unsigned key (negative values flipped, -0 as +0).
inline std::uint64_t sort_key(double v) {
  if (v == 0) v = 0.0;
  const auto bits = std::bit_cast<std::uint64_t>(v);
  return (bits >> 63) ? ~bits : bits | (std::uint64_t{1} << 63);
}

struct WeightedValue {
  double value;
  double weight;
};

// Buffers of sort_by_value: the bucket counts (per block and bucket), kept by a caller that
// sorts every month so that no month allocates them anew; key and out are the buffers of the
// overloads on vectors (the span overload takes its keys from the caller).
struct SortScratch {
  std::vector<std::uint64_t> key;
  std::vector<WeightedValue> out;
  std::vector<std::uint32_t> pos;
};

// Sorts by value, ties by weight (a parallel bucket sort; same result at any thread count).
void sort_by_value(std::vector<WeightedValue>& obs);
void sort_by_value(std::vector<WeightedValue>& obs, SortScratch& scratch);
// The same order of `obs` into `sorted` (another vector), leaving `obs` as it is.
void sort_by_value(const std::vector<WeightedValue>& obs, std::vector<WeightedValue>& sorted, SortScratch& scratch);
// The same into `sorted` (obs.size() elements, not overlapping obs); `keys` (as many) is
// scratch, left holding the sorted values' keys. The buffers a caller lends (e.g. from a
// core/scratch_arena.h lease): every element of sorted and keys is written before it is read.
void sort_by_value(std::span<const WeightedValue> obs, std::span<WeightedValue> sorted, std::span<std::uint64_t> keys,
                   SortScratch& scratch);

// Buffers of sort_ids_by_value, kept by a caller that sorts every month.
struct IdSortScratch {
  struct Entry {
    std::uint64_t key;  // sort_key of the id's value
    std::int32_t id;
  };
  std::vector<Entry> in, out;
  std::vector<std::uint32_t> start;  // ids are 32-bit: so are the counts
};

// Sorts `ids`, given in increasing order, by value[id], ties by id (-0 and +0 one value): the
// order std::sort gives on (value, id) pairs, by a bucket sort on one thread (for the many
// short lists that callers sort in parallel).
void sort_ids_by_value(std::vector<std::int32_t>& ids, const std::vector<double>& value, IdSortScratch& scratch);
// The same with the entries' buffers lent (`in` and `out`, ids.size() each, e.g. from a
// core/scratch_arena.h lease: every entry is written before it is read) and the bucket
// counts in `start`.
void sort_ids_by_value(std::span<std::int32_t> ids, std::span<const double> value, std::span<IdSortScratch::Entry> in,
                       std::span<IdSortScratch::Entry> out, std::vector<std::uint32_t>& start);

}  // namespace prosim
