#pragma once
// The sweep index DIR/sweep.h5 (netCDF-4; layout in docs/sweeps.md, "The index"): one row per
// run with its design point, seed, factor values, status and the stacked outcomes. Built from
// the plan and the run files on disk alone, so it does not depend on how (jobs, MPI ranks,
// shards, resumes) the runs were made.
#include <string>

#include "io/nc_writer.h"
#include "sweep/plan.h"

namespace prosim {

inline constexpr int kSweepFormatVersion = 1;

// Is DIR/<run>.h5 a complete output of exactly this run (scenario hash)? If not, `why` says why.
bool run_complete(const PlannedRun& run, const std::string& dir, std::string* why = nullptr);

// Path of the file where a failed run's error text is kept (DIR/<stem>.err).
std::string run_error_path(const PlannedRun& run, const std::string& dir);

NcFile build_index(const Plan& plan, const std::string& dir);

// Builds the index and writes DIR/sweep.h5 atomically. Returns the number of failed runs.
int write_index(const Plan& plan, const std::string& dir);

}  // namespace prosim
