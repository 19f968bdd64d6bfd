#include "sweep/designs.h"

#include <numeric>
#include <string>

#include "core/error.h"
#include "core/rng.h"

namespace prosim {

namespace {

constexpr std::size_t kMaxPoints = 1000000;  // a typo such as levels: 1000 on six factors stops here

// Independent streams of the design RNG: (seed, SweepDesign, tag, entity).
enum Tag : std::uint32_t { kLhsPermutation = 1, kLhsJitter = 2, kMorris = 3, kSobolBase = 4 };

void shuffle(std::vector<int>& v, RandomStream& rs) {
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rs.below(i)]);
}

// Position of lattice level l of m on [0, 1]; a single level sits in the middle.
double lattice_unit(int l, int m) { return m > 1 ? static_cast<double>(l) / (m - 1) : 0.5; }

std::vector<int> lattice_sizes(const DesignSpec& spec, const std::vector<FactorSpec>& factors) {
  std::vector<int> m;
  for (const auto& f : factors) m.push_back(f.lattice_points(spec.levels));
  return m;
}

[[noreturn]] void too_large(std::size_t n) {
  throw ScenarioError("/design", "the design has " + std::to_string(n) + " points, more than the limit of " +
                                     std::to_string(kMaxPoints));
}

Design grid(const DesignSpec& spec, const std::vector<FactorSpec>& factors) {
  Design d;
  const auto m = lattice_sizes(spec, factors);
  std::size_t total = 1;
  for (int mi : m) {
    total *= static_cast<std::size_t>(mi);
    if (total > kMaxPoints) too_large(total);
  }
  // First factor varies slowest (nested loops in file order).
  for (std::size_t p = 0; p < total; ++p) {
    DesignPoint pt;
    pt.unit.resize(factors.size());
    std::size_t rest = p;
    for (std::size_t i = factors.size(); i-- > 0;) {
      const int l = static_cast<int>(rest % m[i]);
      rest /= m[i];
      pt.unit[i] = lattice_unit(l, m[i]);
    }
    d.points.push_back(std::move(pt));
  }
  return d;
}

Design one_at_a_time(const DesignSpec& spec, const std::vector<FactorSpec>& factors) {
  Design d;
  const auto m = lattice_sizes(spec, factors);
  std::vector<double> centre;
  for (int mi : m) centre.push_back(lattice_unit((mi - 1) / 2, mi));
  d.points.push_back({centre});
  for (std::size_t i = 0; i < factors.size(); ++i)
    for (int l = 0; l < m[i]; ++l) {
      if (l == (m[i] - 1) / 2) continue;
      DesignPoint pt{centre};
      pt.unit[i] = lattice_unit(l, m[i]);
      d.points.push_back(std::move(pt));
    }
  return d;
}

Design lhs(const DesignSpec& spec, const std::vector<FactorSpec>& factors, std::uint64_t seed) {
  Design d;
  d.lattice = false;
  if (static_cast<std::size_t>(spec.samples) > kMaxPoints) too_large(spec.samples);
  for (auto& row : latin_hypercube(spec.samples, static_cast<int>(factors.size()), seed, 0)) d.points.push_back({row});
  return d;
}

// Saltelli's scheme: A and B are the two halves of one 2k-dimensional Latin hypercube
// (not a Sobol' low-discrepancy sequence: an LHS base needs no direction-number tables and
// stratifies every margin); AB_i is A with column i taken from B. Runs N (k + 2).
Design sobol(const DesignSpec& spec, const std::vector<FactorSpec>& factors, std::uint64_t seed) {
  Design d;
  d.lattice = false;
  const int k = static_cast<int>(factors.size()), n = spec.samples;
  d.sobol_n = n;
  const std::size_t total = static_cast<std::size_t>(n) * (k + 2);
  if (total > kMaxPoints) too_large(total);
  const auto base = latin_hypercube(n, 2 * k, seed, kSobolBase);
  for (int j = 0; j < n; ++j) {
    const std::vector<double> a(base[j].begin(), base[j].begin() + k), b(base[j].begin() + k, base[j].end());
    d.points.push_back({a, 0, j});
    d.points.push_back({b, 1, j});
    for (int i = 0; i < k; ++i) {
      DesignPoint pt{a, 2 + i, j};
      pt.unit[i] = b[i];
      d.points.push_back(std::move(pt));
    }
  }
  return d;
}

// Morris' elementary-effects trajectories on a p-level lattice with step delta = p / (2 (p - 1)):
// a random start on the lower half of the levels (moved up by delta when the factor's random
// direction is downwards), then one factor at a time in random order moves by +-delta.
Design morris(const DesignSpec& spec, const std::vector<FactorSpec>& factors, std::uint64_t seed) {
  Design d;
  const int k = static_cast<int>(factors.size()), p = spec.levels, r = spec.trajectories;
  d.morris_levels = p;
  d.morris_delta = p / (2.0 * (p - 1));
  const std::size_t total = static_cast<std::size_t>(r) * (k + 1);
  if (total > kMaxPoints) too_large(total);
  for (int t = 0; t < r; ++t) {
    RandomStream rs(seed, Purpose::SweepDesign, kMorris, static_cast<std::uint64_t>(t));
    std::vector<int> level(k);
    std::vector<bool> up(k);
    for (int i = 0; i < k; ++i) {
      level[i] = static_cast<int>(rs.below(static_cast<std::uint64_t>(p / 2)));
      up[i] = rs.bernoulli(0.5);
      if (!up[i]) level[i] += p / 2;  // start high, step down
    }
    std::vector<int> order(k);
    std::iota(order.begin(), order.end(), 0);
    shuffle(order, rs);
    auto point = [&](int step, int changed) {
      DesignPoint pt;
      for (int i = 0; i < k; ++i) pt.unit.push_back(lattice_unit(level[i], p));
      pt.morris_trajectory = t;
      pt.morris_step = step;
      pt.morris_factor = changed;
      return pt;
    };
    d.points.push_back(point(0, -1));
    for (int s = 0; s < k; ++s) {
      const int i = order[s];
      level[i] += up[i] ? p / 2 : -p / 2;
      d.points.push_back(point(s + 1, i));
    }
  }
  return d;
}

}  // namespace

std::vector<std::vector<double>> latin_hypercube(int n, int dims, std::uint64_t seed, std::uint32_t tag) {
  std::vector<std::vector<double>> rows(n, std::vector<double>(dims));
  for (int j = 0; j < dims; ++j) {
    const std::uint64_t column = (static_cast<std::uint64_t>(tag) << 32) | static_cast<std::uint32_t>(j);
    RandomStream perm_rs(seed, Purpose::SweepDesign, kLhsPermutation, column);
    RandomStream jitter_rs(seed, Purpose::SweepDesign, kLhsJitter, column);
    std::vector<int> perm(n);
    std::iota(perm.begin(), perm.end(), 0);
    shuffle(perm, perm_rs);
    for (int i = 0; i < n; ++i) rows[i][j] = (perm[i] + jitter_rs.uniform()) / n;
  }
  return rows;
}

Design make_design(const DesignSpec& spec, const std::vector<FactorSpec>& factors, std::uint64_t seed) {
  Design d;
  switch (spec.type) {
    case DesignType::Grid: d = grid(spec, factors); break;
    case DesignType::Oat: d = one_at_a_time(spec, factors); break;
    case DesignType::Lhs: d = lhs(spec, factors, seed); break;
    case DesignType::Sobol: d = sobol(spec, factors, seed); break;
    case DesignType::Morris: d = morris(spec, factors, seed); break;
  }
  d.type = spec.type;
  return d;
}

}  // namespace prosim
