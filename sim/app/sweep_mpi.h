#pragma once
// `mpirun -n N prosim sweep ...`: rank 0 plans and hands out runs one at a time to the other
// ranks (a dynamic queue: runs differ in length), then writes the index. Without MPI support
// in the build these say "one process". docs/sweeps.md, "MPI".
#include <string>
#include <vector>

#include "app/sweep_runner.h"

namespace prosim {

// Initialises MPI when the process was started by mpirun (and the build has MPI); returns the
// number of ranks (1 otherwise). Idempotent; MPI is finalised at exit.
int mpi_world_size();

int sweep_mpi(const Plan& plan, const SweepArgs& args);

// Shared with cmd_sweep.cpp.
void prepare_sweep_dir(const Plan& plan, const std::string& dir, bool fresh);
std::vector<std::size_t> runs_to_compute(const Plan& plan, const std::string& dir, int shard_k, int shard_n,
                                         int& reused);
void print_plan(const Plan& plan, const std::string& dir, std::size_t share, int reused, std::size_t todo,
                const std::string& how);
int finish_sweep(const Plan& plan, const std::string& dir);

}  // namespace prosim
