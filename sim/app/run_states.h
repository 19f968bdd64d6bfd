#pragma once
// What `prosim run` does with state files (docs/cli.md, "States"): --checkpoint-every keeps
// OUT.h5.ckpt, --resume continues from it, --save-state writes states at given months,
// --from-state starts from one. Every state to be read is checked before the run.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "engine/simulation.h"

namespace prosim {

class RunStates {
 public:
  // Throws StateRefused when a state to be read is missing, unusable or does not fit the
  // scenario (engine/fork_check.h). `usage_error` is set (and nothing else done) when an
  // option is wrong for this scenario (a --save-state month outside the run).
  RunStates(const RunArgs& args, const nlohmann::ordered_json& scenario, const Params& params, const std::string& out);
  std::string usage_error;
  StateHooks hooks();
  // After the output is written: the checkpoint is no longer needed.
  void finished();
  static std::string checkpoint_path(const std::string& out) { return out + ".ckpt"; }
  // For the output's history: " (resumed from X at YYYY-MM)", "" when the run started afresh.
  const std::string& origin() const { return origin_; }

 private:
  const RunArgs& args_;
  std::string scenario_json_;  // the resolved scenario, as saved in states
  std::string out_, read_from_;  // the state to start from ("" = none)
  std::string origin_;
  int checkpoint_every_ = 0, burn_in_ = 0, last_saved_ = -1000000;
  std::map<int, std::string> save_at_;  // month serial -> path
  // --state-cache: the months to save at (serial -> file name in the cache).
  std::string cache_;
  std::map<int, std::string> cache_at_;
  void use_cache(const nlohmann::ordered_json& scenario, const Params& params);
};

}  // namespace prosim
