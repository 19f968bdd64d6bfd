#pragma once
// A sweep's plan: every run (design point x replicate) with its seed, factor values and
// scenario, checked before anything runs. A pure function of the sweep file and the
// resolved base scenario, so every process of a sweep (jobs, MPI ranks, shards, --merge)
// computes the same plan.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sweep/designs.h"
#include "sweep/sweep_spec.h"

namespace prosim {

struct PlannedRun {
  int point = 0;
  int replicate = 1;  // 1-based, as `prosim run --replicates`
  std::uint64_t seed = 0;
  std::string stem;             // "runs/p0003_r01": output stem.h5, scenario stem.json, log stem.log
  std::string scenario_text;    // the run's resolved scenario (what stem.json holds)
  std::string scenario_sha256;  // what a complete output of this run carries
  std::string output() const { return stem + ".h5"; }
  std::string scenario_file() const { return stem + ".json"; }
  std::string log_file() const { return stem + ".log"; }
};

struct Plan {
  SweepSpec spec;
  nlohmann::ordered_json base;                // the resolved base scenario
  Design design;
  std::uint64_t seed = 0;                     // sweep seed (file, else the base scenario's)
  std::vector<std::vector<double>> values;    // [point][factor] real values
  std::vector<PlannedRun> runs;               // point-major, then replicate
  std::vector<SummarySpec> summaries;         // given, or the defaults
  int first_year = 0, last_year = 0;          // calendar years of the base scenario
};

// Throws ScenarioError (located in the sweep file) for a missing pointer, a value the scenario
// schema rejects (naming factor, pointer and design point), or an unknown indicator.
Plan make_plan(const SweepSpec& spec, const nlohmann::ordered_json& base, const std::string& base_name);

}  // namespace prosim
