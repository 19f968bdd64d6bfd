#pragma once
// The prosim subcommands. Each returns a process exit code (core/error.h).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/sweep_runner.h"  // SweepArgs
#include "core/seeds.h"  // replicate_seed

namespace prosim {

struct RunArgs {
  std::string scenario;
  std::string output;  // empty: results/<scenario name>.h5
  int threads = 0;
  std::optional<std::uint64_t> seed;
  int replicates = 0;  // > 0: that many runs with seeds derived from the scenario seed
  bool overwrite = false;  // replace an existing output file (refused otherwise)
  int checkpoint_every = 0;  // > 0: keep OUT.h5.ckpt up to date every N months
  bool resume = false;       // continue from OUT.h5.ckpt
  std::vector<std::string> save_states;  // "YYYY-MM=STATE.h5"
  std::string from_state;    // run from this state (app/run_states.cpp)
  std::string state_cache;   // a directory of states shared by runs (app/run_states.cpp)
  bool profile = false;      // print wall and CPU time per system to stderr (core/profile.h)
};

// OUT.h5 -> OUT_r001.h5
std::string replicate_path(const std::string& out, int r);

int cmd_run(const RunArgs& args);
int cmd_validate(const std::string& scenario);
int cmd_sweep(const SweepArgs& args);
int cmd_inspect(const std::string& file);
int cmd_compare(const std::vector<std::string>& files, const std::vector<std::string>& indicators);
const std::vector<std::string>& default_compare_indicators();

}  // namespace prosim
