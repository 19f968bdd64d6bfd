// The status-word primitives of world/persons.h (eight person slots' statuses tested at once)
// against the one-slot-at-a-time test they stand for, on every status and on random slots.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "world/persons.h"

using namespace prosim;

namespace {

LabourStatus status_of(int k) { return static_cast<LabourStatus>(k); }

// The high bit of byte k set where the predicate holds for byte k of the eight statuses.
template <class Pred>
std::uint64_t expected_mask(const LabourStatus* s, Pred&& pred) {
  std::uint64_t m = 0;
  for (int k = 0; k < 8; ++k)
    if (pred(s[k])) m |= std::uint64_t{0x80} << (8 * k);
  return m;
}

}  // namespace

TEST_CASE("statuses_between and statuses_equal select exactly the statuses named, byte by byte") {
  std::mt19937 gen(12345);
  std::uniform_int_distribution<int> any(0, kLabourStatusCount - 1);
  for (int trial = 0; trial < 2000; ++trial) {
    LabourStatus s[8];
    for (auto& x : s) x = status_of(any(gen));
    const auto word = status_word(s);
    for (int lo = 0; lo <= kLabourStatusCount; ++lo)
      for (int hi = lo; hi <= kLabourStatusCount; ++hi)
        REQUIRE(statuses_between(word, status_of(lo), status_of(hi)) ==
                expected_mask(s, [&](LabourStatus x) { return int(x) >= lo && int(x) < hi; }));
    for (int v = 0; v < kLabourStatusCount; ++v)
      REQUIRE(statuses_equal(word, status_of(v)) == expected_mask(s, [&](LabourStatus x) { return int(x) == v; }));
  }
}

TEST_CASE("for_each_status_hit visits the selected slots in increasing order, tail included") {
  std::mt19937 gen(777);
  std::uniform_int_distribution<int> any(0, kLabourStatusCount - 1);
  for (std::size_t n : {0u, 1u, 7u, 8u, 9u, 63u, 100u}) {
    std::vector<LabourStatus> status(n);
    for (auto& x : status) x = status_of(any(gen));
    for (std::size_t begin : {std::size_t{0}, std::size_t{3}}) {
      if (begin > n) continue;
      std::vector<std::size_t> want, got;
      for (std::size_t i = begin; i < n; ++i)
        if (status[i] == LabourStatus::Migrant || status[i] == LabourStatus::SelfEmployed) want.push_back(i);
      for_each_status_hit(
          status.data(), begin, n,
          [](std::uint64_t word) {
            return statuses_equal(word, LabourStatus::Migrant) | statuses_equal(word, LabourStatus::SelfEmployed);
          },
          [&](std::size_t i) { got.push_back(i); });
      CHECK(got == want);
    }
  }
}
