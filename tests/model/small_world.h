#pragma once
// A small version of the shipped Jinhua baseline for model tests: same counties and
// parameters, fewer people and months, so a run takes well under a second. The patch is
// applied through `extends`, exactly as a user's scenario file would be, so policy blocks
// added by a test get their schema defaults.
#include <string>

#include <nlohmann/json.hpp>

#include "engine/simulation.h"
#include "io/scenario_loader.h"
#include "model/params.h"

namespace prosim::testing {

inline Params small_world(const nlohmann::ordered_json& patch = nlohmann::ordered_json::object(),
                          double scale = 0.002, const char* end = "2022-12") {
  const std::string dir = std::string(PROSIM_SOURCE_DIR) + "/scenarios";
  nlohmann::ordered_json j = {{"extends", dir + "/jinhua_baseline.json"},
                              {"name", "test"},
                              {"scale", scale},
                              {"end", end},
                              {"economy", {{"burn_in_months", 36}}}};
  if (patch.is_object()) j.merge_patch(patch);
  return params_from_json(load_scenario_text(j.dump(), "test.json", dir).json);
}

// The small world calibrated and run to its end month: what most model tests measure.
inline Simulation run_small_world(const nlohmann::ordered_json& patch = nlohmann::ordered_json::object(),
                                  double scale = 0.002, const char* end = "2022-12") {
  Simulation sim(small_world(patch, scale, end));
  sim.calibrate();
  while (!sim.done()) sim.step();
  return sim;
}

// Runs the burn-in and the recorded months up to the start of `month_index` (0 = 2021-01),
// so a test can look at the world in a given month.
inline void run_until(Simulation& sim, int month_index) {
  sim.begin();
  while (!sim.calibrated() || sim.world().month_index < month_index) sim.advance();
}

}  // namespace prosim::testing
