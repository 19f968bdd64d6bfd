#include "app/sweep_mpi.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "core/error.h"

#ifdef PROSIM_WITH_MPI
#define OMPI_SKIP_MPICXX 1  // the C API only (OpenMPI's deprecated C++ bindings need extra libraries)
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace prosim {

#ifndef PROSIM_WITH_MPI

int mpi_world_size() { return 1; }

int sweep_mpi(const Plan&, const SweepArgs&) {
  throw RuntimeFailure("this prosim was built without MPI support (cmake -DPROSIM_MPI=ON with libopenmpi-dev)");
}

#else

namespace {
constexpr int kTagRequest = 1, kTagAssign = 2;

bool launched_by_mpirun() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(v)) return true;
  return false;
}

void finalize() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}
}  // namespace

int mpi_world_size() {
  static const int size = [] {
    if (!launched_by_mpirun()) return 1;
    int initialized = 0;
    MPI_Initialized(&initialized);
    if (!initialized) {
      MPI_Init(nullptr, nullptr);
      std::atexit(finalize);
    }
    int n = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &n);
    return n;
  }();
  return size;
}

// Rank 0 hands out run indices on request; every other rank asks, runs, reports, asks again.
// The index is written from the files alone, so it is the same as with one process.
int sweep_mpi(const Plan& plan, const SweepArgs& args) {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const std::string& dir = args.out_dir;

  if (rank != 0) {
    int start = 0;
    MPI_Bcast(&start, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (!start) return kExitRuntime;  // rank 0 reported why
    long long report[2] = {-1, 0};
    while (true) {
      MPI_Send(report, 2, MPI_LONG_LONG, 0, kTagRequest, MPI_COMM_WORLD);
      long long run = -1;
      MPI_Recv(&run, 1, MPI_LONG_LONG, 0, kTagAssign, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (run < 0) break;
      const RunResult r = run_one_blocking(plan, static_cast<std::size_t>(run), dir, args.threads_per_run);
      if (!r.ok) std::fprintf(stderr, "rank %d: run %s failed: %s\n", rank, plan.runs[run].stem.c_str(), r.error.c_str());
      report[0] = run;
      report[1] = r.ok ? 1 : 0;
    }
    MPI_Barrier(MPI_COMM_WORLD);
    return kExitOk;
  }

  std::vector<std::size_t> todo;
  int reused = 0, start = 1;
  try {
    prepare_sweep_dir(plan, dir, args.fresh);
    todo = runs_to_compute(plan, dir, args.shard_k, args.shard_n, reused);
  } catch (...) {
    start = 0;
    MPI_Bcast(&start, 1, MPI_INT, 0, MPI_COMM_WORLD);
    throw;
  }
  MPI_Bcast(&start, 1, MPI_INT, 0, MPI_COMM_WORLD);
  print_plan(plan, dir, reused + todo.size(), reused, todo.size(),
             std::to_string(size - 1) + " MPI worker ranks, " + std::to_string(args.threads_per_run) +
                 " threads per run");
  const auto t0 = std::chrono::steady_clock::now();
  std::size_t next = 0;
  int active = size - 1, computed = 0, failed = 0;
  bool stopped = false;
  while (active > 0) {
    long long report[2];
    MPI_Status status;
    MPI_Recv(report, 2, MPI_LONG_LONG, MPI_ANY_SOURCE, kTagRequest, MPI_COMM_WORLD, &status);
    if (report[0] >= 0) {
      if (report[1]) ++computed;
      else ++failed, stopped = stopped || args.fail_fast;
      const std::size_t finished = computed + failed;
      if (todo.size() >= 20 && finished * 10 / todo.size() != (finished - 1) * 10 / todo.size())
        std::fprintf(stderr, "%zu/%zu runs finished (%d failed), %.0f s elapsed\n", finished, todo.size(), failed,
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    long long assign = -1;
    if (!stopped && next < todo.size()) assign = static_cast<long long>(todo[next++]);
    MPI_Send(&assign, 1, MPI_LONG_LONG, status.MPI_SOURCE, kTagAssign, MPI_COMM_WORLD);
    if (assign < 0) --active;
  }
  MPI_Barrier(MPI_COMM_WORLD);
  std::fprintf(stderr, "reused %d runs, computed %d (%d failed) in %.1f s\n", reused, computed, failed,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  if (args.shard_n > 0) {
    std::fprintf(stderr, "shard %d/%d finished; when all shards have, build the index: prosim sweep --merge %s\n",
                 args.shard_k, args.shard_n, dir.c_str());
    return failed > 0 ? kExitRuntime : kExitOk;
  }
  const int code = finish_sweep(plan, dir);
  return stopped ? kExitRuntime : code;
}

#endif

}  // namespace prosim
