// Tests of sim/metrics/inequality.h: weighted Gini, quantiles, shares, Theil T and its
// between-group part. The expected values are worked out by hand in the comments.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <vector>

#include <tbb/global_control.h>

#include "metrics/inequality.h"

using prosim::WeightedValue;

namespace {

std::vector<WeightedValue> unweighted(const std::vector<double>& values) {
  std::vector<WeightedValue> obs;
  for (double v : values) obs.push_back({v, 1.0});
  return obs;
}

std::vector<WeightedValue> sorted(std::vector<WeightedValue> obs) {
  std::sort(obs.begin(), obs.end(), [](const auto& a, const auto& b) { return a.value < b.value; });
  return obs;
}

// Brute force: G = sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mean).
double gini_pairs(const std::vector<WeightedValue>& obs) {
  double W = 0, X = 0, d = 0;
  for (const auto& a : obs) {
    W += a.weight;
    X += a.weight * a.value;
    for (const auto& b : obs) d += a.weight * b.weight * std::abs(a.value - b.value);
  }
  return d / (2 * W * X);
}

// A skewed, unsorted sample with unequal weights.
std::vector<WeightedValue> sample() {
  return {{12000, 3}, {3500, 1}, {80000, 0.5}, {25000, 2}, {7000, 4}, {400000, 0.25}, {15000, 1.5}, {3500, 2}};
}

}  // namespace

TEST_CASE("inequality: gini of equal incomes is 0") {
  auto obs = unweighted({5, 5, 5, 5, 5});
  CHECK(prosim::gini(obs) == doctest::Approx(0.0));
  std::vector<WeightedValue> weighted = {{3, 1}, {3, 7}, {3, 0.5}};
  CHECK(prosim::gini(weighted) == doctest::Approx(0.0));
  // All zero: no income to distribute, defined as 0.
  auto zeros = unweighted({0, 0, 0});
  CHECK(prosim::gini(zeros) == 0.0);
}

TEST_CASE("inequality: gini of n-1 zeros and a one with equal weights is 1 - 1/n") {
  for (int n : {2, 3, 4, 10, 100}) {
    CAPTURE(n);
    std::vector<double> v(n, 0.0);
    v[n / 2] = 1.0;  // not last: gini sorts its input
    auto obs = unweighted(v);
    CHECK(prosim::gini(obs) == doctest::Approx(1.0 - 1.0 / n));
  }
}

TEST_CASE("inequality: gini treats a weight as repetition") {
  // Value 1 with weight 2 and value 3 with weight 1 is the population {1, 1, 3}.
  // By hand: mean 5/3, ordered pairs with |diff| = 2: four of them, sum 8;
  // G = 8 / (2 * 3^2 * 5/3) = 8/30 = 4/15.
  std::vector<WeightedValue> w = {{3, 1}, {1, 2}};
  auto r = unweighted({1, 3, 1});
  CHECK(prosim::gini(w) == doctest::Approx(4.0 / 15));
  CHECK(prosim::gini(r) == doctest::Approx(4.0 / 15));

  // Scaling every weight does not change anything.
  auto s = sample(), s10 = sample();
  for (auto& o : s10) o.weight *= 10;
  CHECK(prosim::gini(s) == doctest::Approx(prosim::gini(s10)).epsilon(1e-12));
}

TEST_CASE("inequality: gini of a small example computed by hand") {
  // {1, 2, 3, 4}: mean 2.5; |diffs| over unordered pairs 1+2+3+1+2+1 = 10, ordered 20;
  // G = 20 / (2 * 16 * 2.5) = 0.25.
  auto obs = unweighted({4, 1, 3, 2});
  CHECK(prosim::gini(obs) == doctest::Approx(0.25));
  // gini sorts its argument in place.
  CHECK(obs.front().value == 1);
  CHECK(obs.back().value == 4);

  // Weighted, unsorted: agrees with the pairwise definition.
  auto s = sample();
  CHECK(prosim::gini(s) == doctest::Approx(gini_pairs(sample())).epsilon(1e-12));
  // Scale invariance in the values.
  auto s2 = sample();
  for (auto& o : s2) o.value *= 6.5;
  CHECK(prosim::gini(s2) == doctest::Approx(gini_pairs(sample())).epsilon(1e-12));
}

TEST_CASE("inequality: quantile_sorted") {
  const auto s = unweighted({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  CHECK(prosim::quantile_sorted(s, 0.0) == 1);
  CHECK(prosim::quantile_sorted(s, 0.1) == 1);
  CHECK(prosim::quantile_sorted(s, 0.5) == 5);   // first value whose cumulative weight reaches 5
  CHECK(prosim::quantile_sorted(s, 0.55) == 6);
  CHECK(prosim::quantile_sorted(s, 0.9) == 9);
  CHECK(prosim::quantile_sorted(s, 1.0) == 10);

  // Weighted: 1 has weight 3, 2 has weight 1 -> the first 75% of people have 1.
  const std::vector<WeightedValue> w = {{1, 3}, {2, 1}};
  CHECK(prosim::quantile_sorted(w, 0.5) == 1);
  CHECK(prosim::quantile_sorted(w, 0.75) == 1);
  CHECK(prosim::quantile_sorted(w, 0.8) == 2);

  // Monotone in q.
  const auto ss = sorted(sample());
  double prev = -1;
  for (int i = 0; i <= 100; ++i) {
    const double qv = prosim::quantile_sorted(ss, i / 100.0);
    CHECK(qv >= prev);
    prev = qv;
  }

  CHECK(std::isnan(prosim::quantile_sorted({}, 0.5)));
}

TEST_CASE("inequality: share_between_sorted") {
  const double quintiles[] = {0, 0.2, 0.4, 0.6, 0.8, 1.0};

  SUBCASE("equal incomes: each quintile holds 0.2") {
    const auto s = unweighted(std::vector<double>(7, 3.0));  // 7 people: boundaries split people
    for (int k = 0; k < 5; ++k) CHECK(prosim::share_between_sorted(s, quintiles[k], quintiles[k + 1]) == doctest::Approx(0.2));
  }
  SUBCASE("quintile shares sum to 1 and rise") {
    const auto s = sorted(sample());
    double total = 0, prev = 0;
    for (int k = 0; k < 5; ++k) {
      const double share = prosim::share_between_sorted(s, quintiles[k], quintiles[k + 1]);
      CHECK(share >= prev);
      prev = share;
      total += share;
    }
    CHECK(total == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(prosim::share_between_sorted(s, 0, 1) == doctest::Approx(1.0).epsilon(1e-12));
  }
  SUBCASE("a person straddling a boundary is split") {
    // {1, 3}, one person each: the bottom half holds 1/4, the top half 3/4; the bottom
    // quarter is half of the first person: 0.5/4.
    const auto s = unweighted({1, 3});
    CHECK(prosim::share_between_sorted(s, 0, 0.5) == doctest::Approx(0.25));
    CHECK(prosim::share_between_sorted(s, 0.5, 1) == doctest::Approx(0.75));
    CHECK(prosim::share_between_sorted(s, 0, 0.25) == doctest::Approx(0.125));
    CHECK(prosim::share_between_sorted(s, 0.25, 0.75) == doctest::Approx(0.5));
  }
  SUBCASE("top 10% holds everything when one of ten has all") {
    auto v = std::vector<double>(10, 0.0);
    v.back() = 5;
    const auto s = unweighted(v);
    CHECK(prosim::share_between_sorted(s, 0.9, 1.0) == doctest::Approx(1.0));
    CHECK(prosim::share_between_sorted(s, 0.0, 0.9) == doctest::Approx(0.0));
  }
  SUBCASE("no income: undefined") {
    CHECK(std::isnan(prosim::share_between_sorted(unweighted({0, 0}), 0, 0.5)));
  }
}

TEST_CASE("inequality: theil") {
  CHECK(prosim::theil(unweighted({4, 4, 4, 4})) == doctest::Approx(0.0));
  CHECK(prosim::theil({{2, 1}, {2, 5}}) == doctest::Approx(0.0));

  // One person holding everything: T = ln(n); zero incomes count (x ln x -> 0).
  for (int n : {2, 5, 10, 100}) {
    CAPTURE(n);
    std::vector<double> v(n, 0.0);
    v[0] = 1.0;
    CHECK(prosim::theil(unweighted(v)) == doctest::Approx(std::log(n)).epsilon(1e-12));
  }
  // Negative incomes are left out.
  CHECK(prosim::theil(unweighted({-5, 4, 4})) == doctest::Approx(0.0));

  // By hand, {1, 3}: mean 2; T = (1/2)[(1/2) ln(1/2) + (3/2) ln(3/2)] = 0.130812035941...
  const double t13 = 0.5 * (0.5 * std::log(0.5) + 1.5 * std::log(1.5));
  CHECK(prosim::theil(unweighted({1, 3})) == doctest::Approx(t13));
  CHECK(t13 == doctest::Approx(0.1308120359));
  // Weight as repetition, and scale invariance.
  CHECK(prosim::theil({{1, 2}, {3, 2}}) == doctest::Approx(t13));
  CHECK(prosim::theil({{10, 1}, {30, 1}}) == doctest::Approx(t13));
  CHECK(prosim::theil({{1, 2}, {3, 1}}) == doctest::Approx(prosim::theil(unweighted({1, 1, 3}))));

  CHECK(std::isnan(prosim::theil({})));
}

TEST_CASE("inequality: theil_between") {
  const auto obs = sample();
  const double total = prosim::theil(obs);
  REQUIRE(total > 0);

  SUBCASE("singleton groups: between = total") {
    std::vector<int> group(obs.size());
    std::iota(group.begin(), group.end(), 0);
    CHECK(prosim::theil_between(obs, group, static_cast<int>(obs.size())) == doctest::Approx(total).epsilon(1e-12));
  }
  SUBCASE("one group: between = 0") {
    CHECK(prosim::theil_between(obs, std::vector<int>(obs.size(), 0), 1) == doctest::Approx(0.0));
  }
  SUBCASE("any grouping: 0 <= between <= total") {
    for (int n_groups : {2, 3, 4}) {
      std::vector<int> group(obs.size());
      for (std::size_t i = 0; i < obs.size(); ++i) group[i] = static_cast<int>((i * 5 + 1) % n_groups);
      const double b = prosim::theil_between(obs, group, n_groups);
      CAPTURE(n_groups);
      CHECK(b >= -1e-15);
      CHECK(b <= total + 1e-12);
    }
  }
  SUBCASE("equal group means: between = 0") {
    // Group 0 = {1, 3}, group 1 = {2, 2}: both means 2, though group 0 is unequal inside.
    const auto o = unweighted({1, 2, 3, 2});
    const double b = prosim::theil_between(o, {0, 1, 0, 1}, 2);
    CHECK(b == doctest::Approx(0.0));
    CHECK(prosim::theil(o) > 0.01);
    // Weighted groups with equal means: {5 (w 2), 15 (w 2)} and {10 (w 3)}.
    CHECK(prosim::theil_between({{5, 2}, {10, 3}, {15, 2}}, {0, 1, 0}, 2) == doctest::Approx(0.0));
  }
  SUBCASE("by hand: groups equal inside so between = total") {
    // {1, 1} and {3, 3}: all inequality is between the groups; same value as {1, 3}.
    const auto o = unweighted({1, 3, 1, 3});
    CHECK(prosim::theil_between(o, {0, 1, 0, 1}, 2) == doctest::Approx(prosim::theil(o)));
    CHECK(prosim::theil_between(o, {0, 1, 0, 1}, 2) == doctest::Approx(prosim::theil(unweighted({1, 3}))));
  }
  SUBCASE("empty group is ignored") {
    const auto o = unweighted({1, 3});
    CHECK(prosim::theil_between(o, {0, 2}, 3) == doctest::Approx(prosim::theil(o)));
  }
}

TEST_CASE("inequality: sort_by_value equals std::sort by (value, weight) at any thread count") {
  // Enough observations for several blocks, with ties, zeros, -0, negatives and huge values.
  std::vector<WeightedValue> obs;
  std::uint64_t z = 12345;
  auto next = [&]() {
    z = z * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(z >> 11) / 9007199254740992.0;
  };
  for (int i = 0; i < 300000; ++i) {
    const double u = next();
    double v = u < 0.05 ? 0.0 : u < 0.06 ? -0.0 : u < 0.10 ? -5000 * next() : u < 0.30 ? std::floor(20 * next()) * 1000
                                                                                         : 1e6 * std::pow(next(), 4.0);
    if (u > 0.999) v = 1e12 * next();
    obs.push_back({v, 1.0 + std::floor(5 * next())});
  }
  auto expected = obs;
  std::sort(expected.begin(), expected.end(), [](const WeightedValue& a, const WeightedValue& b) {
    return a.value != b.value ? a.value < b.value : a.weight < b.weight;
  });
  for (int threads : {1, 3}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    auto s = obs;
    prosim::sort_by_value(s);
    bool same = s.size() == expected.size();
    for (std::size_t i = 0; same && i < s.size(); ++i)
      same = s[i].value == expected[i].value && s[i].weight == expected[i].weight;
    CHECK(same);
    // Into another vector, the input left as it was.
    const auto before = obs;
    std::vector<WeightedValue> into;
    prosim::SortScratch scratch;
    prosim::sort_by_value(obs, into, scratch);
    same = into.size() == expected.size();
    for (std::size_t i = 0; same && i < into.size(); ++i)
      same = into[i].value == expected[i].value && into[i].weight == expected[i].weight;
    CHECK(same);
    CHECK(std::memcmp(obs.data(), before.data(), obs.size() * sizeof(WeightedValue)) == 0);
  }
  // Only zeros and negatives, one value, two elements, one element.
  for (const std::vector<WeightedValue>& small :
       {std::vector<WeightedValue>{{-3, 1}, {0, 2}, {-1e9, 1}, {0, 1}, {-3, 0.5}}, std::vector<WeightedValue>(40, {7.0, 1.0}),
        std::vector<WeightedValue>{{2, 1}, {1, 1}}, std::vector<WeightedValue>{{5, 1}}}) {
    auto want = small;
    std::sort(want.begin(), want.end(), [](const WeightedValue& a, const WeightedValue& b) {
      return a.value != b.value ? a.value < b.value : a.weight < b.weight;
    });
    auto got = small;
    prosim::sort_by_value(got);
    bool same = got.size() == want.size();
    for (std::size_t i = 0; same && i < got.size(); ++i) same = got[i].value == want[i].value && got[i].weight == want[i].weight;
    CHECK(same);
  }
}

namespace {

// Bit-for-bit equality (NaN equal to NaN): the fused functions must give exactly the bits of
// the single ones, which the recorded output was produced with.
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

std::vector<WeightedValue> household_like(int n, std::uint64_t seed) {
  std::vector<WeightedValue> obs;
  std::uint64_t z = seed;
  auto next = [&]() {
    z = z * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(z >> 11) / 9007199254740992.0;
  };
  for (int i = 0; i < n; ++i) {
    const double u = next();
    const double v = u < 0.03 ? 0.0 : u < 0.05 ? -3000 * next() : 2e5 * std::pow(next(), 3.0) + 1000 * next();
    obs.push_back({v, 1.0 + std::floor(5 * next())});
  }
  return obs;
}

}  // namespace

TEST_CASE("inequality: summarise_sorted gives the bits of gini, quantile_sorted and share_between_sorted") {
  for (int n : {0, 1, 7, 1000, 200000}) {
    INFO("n = " << n);
    auto obs = household_like(n, 99 + n);
    auto by_gini = obs;
    const double g = prosim::gini(by_gini);  // sorts
    prosim::SortScratch scratch;
    auto s = obs;
    prosim::sort_by_value(s, scratch);
    const auto d = prosim::summarise_sorted(s);
    CHECK(same_bits(d.gini, g));
    CHECK(same_bits(d.q10, prosim::quantile_sorted(s, 0.1)));
    CHECK(same_bits(d.q90, prosim::quantile_sorted(s, 0.9)));
    CHECK(same_bits(d.share_bottom, prosim::share_between_sorted(s, 0.0, 0.2)));
    CHECK(same_bits(d.share_top, prosim::share_between_sorted(s, 0.8, 1.0)));
    // The weights' sum given (whole-number weights, summed here in the observations' order,
    // not the sorted one): the same bits as its own pass.
    double persons = 0;
    for (const auto& o : obs) persons += o.weight;
    const auto e = prosim::summarise_sorted(s, persons);
    CHECK(same_bits(e.gini, d.gini));
    CHECK(same_bits(e.q10, d.q10));
    CHECK(same_bits(e.q90, d.q90));
    CHECK(same_bits(e.share_bottom, d.share_bottom));
    CHECK(same_bits(e.share_top, d.share_top));
  }
  // All weight zero: every statistic's own fallback (0 for the Gini, NaN otherwise).
  const std::vector<WeightedValue> zero = {{1.0, 0.0}, {2.0, 0.0}};
  const auto d = prosim::summarise_sorted(zero);
  CHECK(d.gini == 0.0);
  CHECK(std::isnan(d.q10));
  CHECK(std::isnan(d.share_top));
}

TEST_CASE("inequality: theil_parts gives the bits of theil and theil_between at any thread count") {
  const auto obs = household_like(150000, 7);
  std::vector<int> urban(obs.size()), county(obs.size());
  for (std::size_t i = 0; i < obs.size(); ++i) {
    urban[i] = static_cast<int>((i * 2654435761u) % 2);
    county[i] = static_cast<int>((i * 40503u) % 9);
  }
  for (int threads : {1, 3}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    std::vector<double> terms;
    const auto t = prosim::theil_parts(obs, std::vector<std::uint8_t>(urban.begin(), urban.end()), 2, county, 9, terms);
    CHECK(same_bits(t.total, prosim::theil(obs)));
    CHECK(same_bits(t.between_a, prosim::theil_between(obs, urban, 2)));
    CHECK(same_bits(t.between_b, prosim::theil_between(obs, county, 9)));
  }
}

TEST_CASE("inequality: theil_parts with groups in runs (households county by county) gives the bits of theil_between") {
  // theil_parts holds a group's sums in locals through a run of that group: runs of every
  // length, a group coming back after others, and the last run stored at the end.
  const auto obs = household_like(60000, 11);
  std::vector<int> urban(obs.size()), county(obs.size());
  for (std::size_t i = 0; i < obs.size(); ++i) {
    county[i] = static_cast<int>(i * 9 / obs.size());
    if (i % 5000 < 7) county[i] = static_cast<int>(i % 9);  // a few households away from their run
    urban[i] = (i / (1 + i % 3 + i / 1000)) % 2 == 0 ? 1 : 0;
  }
  std::vector<double> terms;
  const auto t = prosim::theil_parts(obs, std::vector<std::uint8_t>(urban.begin(), urban.end()), 2, county, 9, terms);
  CHECK(same_bits(t.total, prosim::theil(obs)));
  CHECK(same_bits(t.between_a, prosim::theil_between(obs, urban, 2)));
  CHECK(same_bits(t.between_b, prosim::theil_between(obs, county, 9)));
}
