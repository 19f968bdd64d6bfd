#pragma once
// Design generators: which points of the unit cube [0,1]^k a sweep runs (docs/sweeps.md).
// Deterministic functions of the factors and the sweep seed (counter-based RNG, core/rng.h).
#include <cstdint>
#include <vector>

#include "sweep/sweep_spec.h"

namespace prosim {

struct DesignPoint {
  std::vector<double> unit;  // one coordinate per factor, in [0, 1]
  int sobol_block = -1;      // sobol: 0 = A, 1 = B, 2 + i = AB_i (A with column i from B)
  int sobol_sample = -1;     // sobol: row j of the base sample
  int morris_trajectory = -1, morris_step = -1;
  int morris_factor = -1;    // morris: factor changed to reach this step (-1 at step 0)
};

struct Design {
  DesignType type = DesignType::Grid;
  // Lattice designs (grid, oat, morris) put factors on evenly spaced positions; their values are
  // read with factor_value(..., lattice = true). lhs and sobol sample the unit interval.
  bool lattice = true;
  std::vector<DesignPoint> points;
  int sobol_n = 0;
  int morris_levels = 0;
  double morris_delta = 0;
};

// Throws ScenarioError (at /design) when the design would be unreasonably large.
Design make_design(const DesignSpec& spec, const std::vector<FactorSpec>& factors, std::uint64_t seed);

// Latin hypercube of n points in `dims` dimensions: in every column each of the n strata
// [i/n, (i+1)/n) holds exactly one point. `tag` separates independent hypercubes of one seed.
std::vector<std::vector<double>> latin_hypercube(int n, int dims, std::uint64_t seed, std::uint32_t tag);

}  // namespace prosim
