// sort_ids_by_value (core/value_sort.h): family support's ranking of households by income
// per member. It must give the order std::sort gave on (value, id) pairs, which the pinned
// output was produced with.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/value_sort.h"

namespace {

// Every keep_one_in-th id (in increasing order) of `value`, sorted both ways.
void check_against_pairs(const std::vector<double>& value, int keep_one_in) {
  std::vector<std::int32_t> ids;
  for (std::size_t i = 0; i < value.size(); ++i)
    if (static_cast<int>(i) % keep_one_in == 0) ids.push_back(static_cast<std::int32_t>(i));
  std::vector<std::pair<double, std::int32_t>> pairs;
  for (const auto i : ids) pairs.emplace_back(value[static_cast<std::size_t>(i)], i);
  std::sort(pairs.begin(), pairs.end());
  prosim::IdSortScratch scratch;
  prosim::sort_ids_by_value(ids, value, scratch);
  REQUIRE(ids.size() == pairs.size());
  bool same = true;
  for (std::size_t j = 0; j < ids.size(); ++j) same = same && ids[j] == pairs[j].second;
  CHECK(same);
}

}  // namespace

TEST_CASE("sort_ids_by_value gives std::sort's order on (value, id) pairs") {
  std::uint64_t z = 777;
  auto next = [&]() {
    z = z * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(z >> 11) / 9007199254740992.0;
  };
  // Income-like values with many ties (equal incomes per member), zeros, -0, negatives, a
  // crowded range (more than a bucket's insertion limit) and huge values.
  std::vector<double> value;
  for (int i = 0; i < 20000; ++i) {
    const double u = next();
    double v = u < 0.05 ? 0.0 : u < 0.06 ? -0.0 : u < 0.10 ? -5000 * next() : u < 0.30 ? std::floor(20 * next()) * 1000
                                                                                       : 1e5 * std::pow(next(), 4.0);
    if (u > 0.999) v = 1e12 * next();
    if (u > 0.4 && u < 0.45) v = 30000 + 1e-6 * next();  // crowded: about 1,000 values in one bucket
    value.push_back(v);
  }
  for (const int keep : {1, 3, 97}) check_against_pairs(value, keep);
  // One value, two values, one id, none.
  check_against_pairs(std::vector<double>(50, 7.0), 1);
  check_against_pairs({2.0, 1.0}, 1);
  check_against_pairs({5.0}, 1);
  check_against_pairs({}, 1);
}
