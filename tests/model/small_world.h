#pragma once
// A small version of the shipped Jinhua baseline for model tests: same counties and
// parameters, fewer people and months, so a run takes well under a second.
#include <string>

#include <nlohmann/json.hpp>

#include "engine/params.h"
#include "io/scenario_loader.h"

namespace prosim::testing {

// The baseline with `patch` merged on top (RFC 7396: objects merge, null deletes).
inline Params small_world(const nlohmann::ordered_json& patch = nlohmann::ordered_json::object(),
                          double scale = 0.002, const char* end = "2022-12") {
  auto loaded = load_scenario(std::string(PROSIM_SOURCE_DIR) + "/scenarios/jinhua_baseline.json");
  auto& j = loaded.json;
  j["scale"] = scale;
  j["end"] = end;
  j["economy"]["burn_in_months"] = 36;
  if (patch.is_object()) j.merge_patch(patch);
  return params_from_json(j);
}

}  // namespace prosim::testing
