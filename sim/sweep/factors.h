#pragma once
// Factor values and their application to a resolved scenario (docs/sweeps.md, "Factors").
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sweep/sweep_spec.h"

namespace prosim {

struct FactorValue {
  nlohmann::ordered_json json;  // what is written (set) or multiplied by (scale)
  double real = 0;              // the same as a number, for the index
};

// The value of factor `f` at unit coordinate u in [0, 1].
//  lattice (grid, oat, morris): u is a lattice position l / (m - 1); levels[l], or the range
//    point at u in the distribution's scale (uniform: lo + u (hi - lo); log-uniform:
//    geometric; integer: lo + round(u (hi - lo))).
//  sampling (lhs, sobol): u is a quantile; levels[floor(u m)], uniform lo + u (hi - lo),
//    log-uniform exp(log lo + u log(hi / lo)), integer floor(lo + u (hi - lo + 1)) (each
//    integer equally likely).
FactorValue factor_value(const FactorSpec& f, double u, bool lattice);

// Checks that every pointer of every factor exists in `scenario` and, for scale, holds a
// number. Throws ScenarioError at "SWEEP: /factors/NAME/pointer(s)" naming the pointer.
void check_factor_pointers(const std::vector<FactorSpec>& factors, const nlohmann::ordered_json& scenario,
                           const std::string& base_name);

// Applies one factor's value at all its pointers (set, or scale: an integer stays an
// integer, rounded to the nearest).
void apply_factor(const FactorSpec& f, const FactorValue& v, nlohmann::ordered_json& scenario);

}  // namespace prosim
