#pragma once
// Policy mechanism tests run a policy scenario and the baseline with the same seed side
// by side (common random numbers): every person, household, firm and village exists in
// both with the same draws, so their difference is the policy's effect, agent by agent.
#include <cmath>
#include <functional>
#include <utility>
#include <vector>

#include "../model/small_world.h"
#include "engine/simulation.h"

namespace prosim::testing {

struct PairedRuns {
  Simulation base, policy;
  PairedRuns(const nlohmann::ordered_json& base_patch, const nlohmann::ordered_json& policy_patch, double scale,
             const char* end)
      : base(small_world(base_patch, scale, end)), policy(small_world(merged(base_patch, policy_patch), scale, end)) {
    base.calibrate();
    policy.calibrate();
  }
  // Steps both to the end, calling `each` after every month.
  void run(const std::function<void(const World& base, const World& policy)>& each = {}) {
    while (!base.done()) {
      base.step();
      policy.step();
      if (each) each(base.world(), policy.world());
    }
  }
  static nlohmann::ordered_json merged(nlohmann::ordered_json a, const nlohmann::ordered_json& b) {
    if (!a.is_object()) a = nlohmann::ordered_json::object();
    a.merge_patch(b);
    return a;
  }
};

// Mean of per-seed results and its standard error (sample standard deviation / sqrt(n)).
inline std::pair<double, double> mean_se(const std::vector<double>& x) {
  double m = 0, v = 0;
  for (double a : x) m += a / x.size();
  for (double a : x) v += (a - m) * (a - m) / (x.size() - 1);
  return {m, std::sqrt(v / x.size())};
}

}  // namespace prosim::testing
