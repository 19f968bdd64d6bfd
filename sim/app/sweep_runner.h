#pragma once
// Running a sweep's runs as `prosim run` child processes (docs/sweeps.md, "Running"): each run is
// a separate process writing its own crash-safe output, so a crash or a kill of one run
// cannot damage another, and a killed sweep leaves only complete outputs or .part files.
#include <string>
#include <vector>

#include "sweep/plan.h"

namespace prosim {

struct SweepArgs {
  std::string sweep_file;
  std::string out_dir;
  int jobs = 0;             // 0: as many as cores
  int threads_per_run = 1;  // --threads of each run
  bool fresh = false, fail_fast = false, merge = false;
  int shard_k = 0, shard_n = 0;  // --shard K/N (1 <= K <= N); 0: no sharding
};

struct RunResult {
  bool ok = false;
  std::string error;  // "" when ok
  double seconds = 0;
};

// Runs one run to completion (blocking): writes DIR/<stem>.json, spawns `prosim run` with
// stderr to DIR/<stem>.log, checks the output, and on failure writes DIR/<stem>.err.
RunResult run_one_blocking(const Plan& plan, std::size_t run, const std::string& dir, int threads);

struct LocalSummary {
  int computed = 0, failed = 0;
  bool stopped = false;  // --fail-fast stopped the sweep
};

// Runs `todo` (indices into plan.runs) with up to `jobs` concurrent children; a progress line
// (done / failed / running / ETA) goes to stderr when it is a terminal.
LocalSummary run_local(const Plan& plan, const std::vector<std::size_t>& todo, const std::string& dir, int jobs,
                       int threads, bool fail_fast);

}  // namespace prosim
