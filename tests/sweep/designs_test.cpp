// Design generators (sweep/designs.h): sizes, bounds, structure, determinism.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "sweep/designs.h"

using namespace prosim;

namespace {

std::vector<FactorSpec> range_factors(int k, int n = 0) {
  std::vector<FactorSpec> out;
  for (int i = 0; i < k; ++i) {
    FactorSpec f;
    f.name = "f" + std::to_string(i);
    f.lo = 0;
    f.hi = 1;
    f.n = n;
    out.push_back(f);
  }
  return out;
}

DesignSpec spec(DesignType t, int samples = 0, int levels = 0, int trajectories = 0) {
  DesignSpec s;
  s.type = t;
  s.samples = samples;
  s.levels = levels;
  s.trajectories = trajectories;
  return s;
}

void check_bounds(const Design& d, std::size_t k) {
  for (const auto& p : d.points) {
    REQUIRE(p.unit.size() == k);
    for (double u : p.unit) CHECK((u >= 0.0 && u <= 1.0));
  }
}

}  // namespace

TEST_CASE("grid: the full factorial, first factor slowest, lattice positions") {
  auto f = range_factors(3);
  f[0].n = 2;
  f[1].n = 3;
  f[2].levels = {1, 2, 3, 4};
  const Design d = make_design(spec(DesignType::Grid), f, 1);
  CHECK(d.points.size() == 2 * 3 * 4);
  check_bounds(d, 3);
  CHECK(d.points[0].unit == std::vector<double>{0, 0, 0});
  CHECK(d.points[1].unit == std::vector<double>{0, 0, 1.0 / 3});
  CHECK(d.points[4].unit == std::vector<double>{0, 0.5, 0});
  CHECK(d.points.back().unit == std::vector<double>{1, 1, 1});
  std::set<std::vector<double>> distinct;
  for (const auto& p : d.points) distinct.insert(p.unit);
  CHECK(distinct.size() == d.points.size());
}

TEST_CASE("oat: the centre, then each factor through its other levels") {
  auto f = range_factors(3, 3);
  f[2].n = 4;
  const Design d = make_design(spec(DesignType::Oat), f, 1);
  CHECK(d.points.size() == 1 + 2 + 2 + 3);
  check_bounds(d, 3);
  const auto& centre = d.points[0].unit;
  CHECK(centre == std::vector<double>{0.5, 0.5, 1.0 / 3});
  for (std::size_t p = 1; p < d.points.size(); ++p) {
    int changed = 0;
    for (int i = 0; i < 3; ++i) changed += d.points[p].unit[i] != centre[i];
    CHECK(changed == 1);
  }
}

TEST_CASE("lhs: one point per stratum in every column, deterministic in the seed") {
  const auto f = range_factors(5);
  const Design d = make_design(spec(DesignType::Lhs, 20), f, 42);
  CHECK(d.points.size() == 20);
  CHECK_FALSE(d.lattice);
  check_bounds(d, 5);
  for (int j = 0; j < 5; ++j) {
    std::set<int> strata;
    for (const auto& p : d.points) strata.insert(static_cast<int>(p.unit[j] * 20));
    CHECK(strata.size() == 20);
  }
  const Design again = make_design(spec(DesignType::Lhs, 20), f, 42);
  const Design other = make_design(spec(DesignType::Lhs, 20), f, 43);
  bool same = true, differs = false;
  for (std::size_t p = 0; p < d.points.size(); ++p) {
    same = same && again.points[p].unit == d.points[p].unit;
    differs = differs || other.points[p].unit != d.points[p].unit;
  }
  CHECK(same);
  CHECK(differs);
}

TEST_CASE("sobol: N (k + 2) points; AB_i is A with column i from B") {
  const int k = 4, n = 8;
  const auto f = range_factors(k);
  const Design d = make_design(spec(DesignType::Sobol, n), f, 5);
  REQUIRE(d.points.size() == static_cast<std::size_t>(n * (k + 2)));
  CHECK(d.sobol_n == n);
  check_bounds(d, k);
  for (int j = 0; j < n; ++j) {
    const auto& a = d.points[j * (k + 2)];
    const auto& b = d.points[j * (k + 2) + 1];
    CHECK(a.sobol_block == 0);
    CHECK(b.sobol_block == 1);
    CHECK(a.sobol_sample == j);
    for (int i = 0; i < k; ++i) {
      const auto& ab = d.points[j * (k + 2) + 2 + i];
      CHECK(ab.sobol_block == 2 + i);
      CHECK(ab.sobol_sample == j);
      for (int c = 0; c < k; ++c) CHECK(ab.unit[c] == (c == i ? b.unit[c] : a.unit[c]));
    }
  }
  // A and B are independent halves: no column of A equals the same column of B.
  for (int i = 0; i < k; ++i) CHECK(d.points[0].unit[i] != d.points[1].unit[i]);
}

TEST_CASE("morris: r (k + 1) points, each step moves one factor by +-delta on the p-level lattice") {
  const int k = 5, r = 6, p = 4;
  const auto f = range_factors(k);
  const Design d = make_design(spec(DesignType::Morris, 0, p, r), f, 9);
  REQUIRE(d.points.size() == static_cast<std::size_t>(r * (k + 1)));
  CHECK(d.morris_levels == p);
  CHECK(d.morris_delta == doctest::Approx(p / (2.0 * (p - 1))));
  check_bounds(d, k);
  for (int t = 0; t < r; ++t) {
    std::set<int> moved;
    for (int s = 0; s <= k; ++s) {
      const auto& pt = d.points[t * (k + 1) + s];
      CHECK(pt.morris_trajectory == t);
      CHECK(pt.morris_step == s);
      for (double u : pt.unit) CHECK(std::fabs(u * (p - 1) - std::round(u * (p - 1))) < 1e-12);
      if (s == 0) {
        CHECK(pt.morris_factor == -1);
        continue;
      }
      const auto& prev = d.points[t * (k + 1) + s - 1];
      int changed = 0;
      for (int i = 0; i < k; ++i)
        if (pt.unit[i] != prev.unit[i]) {
          ++changed;
          CHECK(i == pt.morris_factor);
          CHECK(std::fabs(pt.unit[i] - prev.unit[i]) == doctest::Approx(d.morris_delta));
        }
      CHECK(changed == 1);
      moved.insert(pt.morris_factor);
    }
    CHECK(moved.size() == static_cast<std::size_t>(k));  // every factor moves once
  }
}
