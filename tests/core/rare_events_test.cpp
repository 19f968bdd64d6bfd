// Tests of sim/core/rare_events.h: Bernoulli trials drawn by skipping (geometric gaps per
// fixed block of ids) against the per-entity draws they replace (one RandomStream uniform
// per entity and month, as run_demography, run_labour_market and run_migration drew them).
//
// Rates are compared over 10^7 trials (50 seeds x 200,000 ids) with a two-sample z-test and a
// tolerance of 5 standard errors: a correct implementation fails with probability below 1e-6
// (and, the streams being deterministic, a passing test keeps passing). Each comparison is
// also run against a deliberately wrong rate (5 % too high), which it must reject: the test
// can see an error of that size.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include <tbb/global_control.h>

#include "core/rare_events.h"
#include "core/rng.h"

using prosim::for_each_success;
using prosim::kSkipBlock;
using prosim::Purpose;
using prosim::RandomStream;

namespace {

constexpr std::size_t kIds = 200000;  // not a multiple of kSkipBlock: a partial last block
constexpr int kSeeds = 50;
constexpr double kSigmas = 5.0;

// z statistic of two success counts out of n trials each (pooled two-sample test).
double z_two_sample(double a, double b, double n) {
  const double p = (a + b) / (2 * n);
  return (a - b) / std::sqrt(2 * n * p * (1 - p));
}

// Successes of trials with per-id probability prob(i), by skipping at rate q with thinning
// (q >= every prob(i)); q_factor scales the kept probability (1: correct, 1.05: wrong).
template <class Prob>
double skipped(Prob prob, double q, double factor = 1.0) {
  double count = 0;
  for (int s = 0; s < kSeeds; ++s) {
    std::vector<std::uint8_t> hit(kIds, 0);
    for_each_success(1000 + s, Purpose::DeathTrials, 7, kIds, q, [&](std::size_t i, RandomStream& rng) {
      const double u = rng.uniform();
      if (u * q < factor * prob(i)) hit[i] = 1;
    });
    for (auto h : hit) count += h;
  }
  return count;
}

// Successes of plain (unthinned) trials. Blocks run in parallel, so each success marks its
// own id and the marks are counted afterwards (a shared counter would race).
double count_successes(std::uint64_t seed, Purpose purpose, std::size_t n, double q) {
  std::vector<std::uint8_t> hit(n, 0);
  for_each_success(seed, purpose, 7, n, q, [&](std::size_t i, RandomStream&) { hit[i] = 1; });
  double count = 0;
  for (auto h : hit) count += h;
  return count;
}

// The same trials drawn the way the systems drew them before: one uniform per id.
template <class Prob>
double per_entity(Prob prob) {
  double count = 0;
  for (int s = 0; s < kSeeds; ++s)
    for (std::size_t i = 0; i < kIds; ++i) count += RandomStream(1000 + s, Purpose::Demography, 7, i).uniform() < prob(i);
  return count;
}

}  // namespace

TEST_CASE("rare events: the success rate is the per-entity draws' rate, and a wrong rate is seen") {
  const double n = static_cast<double>(kSeeds) * kIds;
  for (const double q : {0.003, 0.01, 0.03}) {
    CAPTURE(q);
    auto constant = [q](std::size_t) { return q; };
    const double reference = per_entity(constant);
    // Without thinning (the labour market's and migration's use): every success counts.
    double plain = 0;
    for (int s = 0; s < kSeeds; ++s)
      plain += count_successes(1000 + s, Purpose::QuitTrials, kIds, q);
    CHECK(std::abs(z_two_sample(plain, reference, n)) < kSigmas);
    CHECK(std::abs(plain - n * q) < kSigmas * std::sqrt(n * q * (1 - q)));
    // A rate 5 % too high is rejected by the same comparison.
    double wrong = 0;
    for (int s = 0; s < kSeeds; ++s)
      wrong += count_successes(1000 + s, Purpose::QuitTrials, kIds, 1.05 * q);
    CHECK(std::abs(z_two_sample(wrong, reference, n)) > kSigmas);
  }
}

TEST_CASE("rare events: thinning gives each entity its own probability (mortality by age)") {
  // Probabilities rising over 100 'ages' as a hazard does, bounded by q (demography's use).
  const double q = 0.02;
  auto hazard = [&](std::size_t i) { return q * std::exp(-0.05 * static_cast<double>(i % 100)); };
  const double n = static_cast<double>(kSeeds) * kIds;
  const double reference = per_entity(hazard);
  CHECK(std::abs(z_two_sample(skipped(hazard, q), reference, n)) < kSigmas);
  CHECK(std::abs(z_two_sample(skipped(hazard, q, 1.05), reference, n)) > kSigmas);
  // By 'age': the youngest tenth (highest hazard) and the oldest tenth each keep their rate.
  for (const std::size_t band : {std::size_t{0}, std::size_t{90}}) {
    auto in_band = [&](std::size_t i) { return i % 100 >= band && i % 100 < band + 10 ? hazard(i) : 0.0; };
    CHECK(std::abs(z_two_sample(skipped(in_band, q), per_entity(in_band), n / 10)) < kSigmas);
  }
}

TEST_CASE("rare events: successes are spread evenly over the positions within a block") {
  // A gap carried wrongly across a block boundary would crowd or thin the first ids of each
  // block: count successes by position within the block, in 16 bins, chi-square with 15 df.
  const double q = 0.01;
  std::vector<double> bins(16, 0.0);
  const std::size_t n = 64 * kSkipBlock;
  for (int s = 0; s < 20; ++s) {
    // Blocks run in parallel: each success marks its own id, the bins are counted after.
    std::vector<std::uint8_t> hit(n, 0);
    for_each_success(5000 + s, Purpose::SearchTrials, 3, n, q, [&](std::size_t i, RandomStream&) { hit[i] = 1; });
    for (std::size_t i = 0; i < n; ++i) bins[(i % kSkipBlock) * 16 / kSkipBlock] += hit[i];
  }
  const double expected = 20.0 * n * q / 16;
  double chi2 = 0;
  for (const double b : bins) chi2 += (b - expected) * (b - expected) / expected;
  CHECK(chi2 < 45.0);  // P(chi2_15 > 45) ~ 7e-5
}

TEST_CASE("rare events: the same successes at any thread count, and the edge rates") {
  auto successes = [](int threads, double q, std::size_t n) {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    std::vector<std::uint8_t> hit(n, 0);
    for_each_success(42, Purpose::BirthTrials, 5, n, q, [&](std::size_t i, RandomStream& rng) { hit[i] = static_cast<std::uint8_t>(1 + rng.uniform() * 100); });
    return hit;
  };
  const auto one = successes(1, 0.05, 10 * kSkipBlock + 17);
  CHECK(one == successes(4, 0.05, 10 * kSkipBlock + 17));
  // An id's trial does not depend on how many ids there are (common random numbers between
  // worlds of different sizes).
  const auto longer = successes(2, 0.05, 12 * kSkipBlock);
  CHECK(std::vector<std::uint8_t>(longer.begin(), longer.begin() + one.size()) == one);
  // q >= 1: every id; q <= 0: none.
  const auto all = successes(2, 1.0, 1000);
  CHECK(std::count(all.begin(), all.end(), 0) == 0);
  const auto none = successes(2, 0.0, 1000);
  CHECK(std::count(none.begin(), none.end(), 0) == 1000);
}

TEST_CASE("rare events: success marks hold the bits of the month's successes, and reset sets every one back") {
  const std::size_t n = 3 * kSkipBlock + 5;
  prosim::SuccessMarks marks;
  marks.fit(n);
  for (std::uint32_t month = 0; month < 3; ++month) {
    std::vector<std::uint8_t> expected(n, 0);
    for (const auto& [purpose, bits] : {std::pair{Purpose::ReturnTrials, 1}, std::pair{Purpose::OutMigrationTrials, 2}})
      for_each_success(9, purpose, month, n, 0.05, [&](std::size_t i, RandomStream&) {
        marks.mark(i, static_cast<std::uint8_t>(bits));
        expected[i] = static_cast<std::uint8_t>(expected[i] | bits);
      });
    CHECK(std::equal(expected.begin(), expected.end(), marks.data()));
    CHECK(std::count(expected.begin(), expected.end(), 3) > 0);  // some ids have both marks
    marks.reset();
    CHECK(std::all_of(marks.data(), marks.data() + n, [](std::uint8_t m) { return m == 0; }));
  }
  marks.fit(n + 1);  // another size: all unmarked
  CHECK(std::all_of(marks.data(), marks.data() + n + 1, [](std::uint8_t m) { return m == 0; }));
}
