#pragma once
// Small runs that go through state files (tests/engine/*_test.cpp).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/simulation.h"
#include "io/scenario_loader.h"
#include "io/state_file.h"
#include "../model/record_hash.h"

namespace prosim::testing {

namespace fs = std::filesystem;

// A shipped scenario (file name in scenarios/) made small: scale 0.002, a 12-month burn-in,
// `end`. The patch goes through `extends`, as a user's file would.
struct SmallScenario {
  nlohmann::ordered_json json;
  Params params;
};
inline SmallScenario small_scenario(const std::string& file, const char* end = "2022-06",
                                    const nlohmann::ordered_json& patch = nlohmann::ordered_json::object()) {
  const std::string dir = std::string(PROSIM_SOURCE_DIR) + "/scenarios";
  nlohmann::ordered_json j = {{"extends", dir + "/" + file},
                              {"scale", 0.002},
                              {"end", end},
                              {"economy", {{"burn_in_months", 12}}}};
  j.merge_patch(patch);
  auto loaded = load_scenario_text(j.dump(), file, dir);
  // The name and description of the shipped file, as the full run's.
  return {loaded.json, params_from_json(loaded.json)};
}

inline fs::path state_dir(const std::string& name) {
  const fs::path dir = fs::path(PROSIM_TEST_TMP) / "states" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

inline std::string file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A full run; with `save_at` (a month index, burn-in months negative), the state at the start
// of that month is written to `path` on the way.
inline RunRecord run_saving(const SmallScenario& s, int save_at = 1 << 30, const std::string& path = "") {
  StateHooks hooks;
  hooks.month_start = [&](Simulation& sim) {
    if (sim.world().month_index == save_at && !(save_at == 0 && !sim.calibrated())) save_state(sim, s.json.dump(2), path);
  };
  return run_simulation(s.params, 2, {}, hooks);
}

// A run that starts from the state in `path`.
inline RunRecord run_from(const SmallScenario& s, const std::string& path, int threads = 2) {
  StateHooks hooks;
  hooks.load = [&](Simulation& sim) { load_state(sim, path); };
  return run_simulation(s.params, threads, {}, hooks);
}

}  // namespace prosim::testing
