// `prosim sweep`: plan, resume, run (jobs, MPI ranks or one shard), index. docs/sweeps.md.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/commands.h"
#include "app/sweep_mpi.h"
#include "app/sweep_runner.h"
#include "core/error.h"
#include "io/scenario_loader.h"
#include "sweep/sweep_index.h"

namespace prosim {

namespace {
namespace fs = std::filesystem;

// The sweep directory keeps the sweep file and the resolved base scenario it was planned
// from, so `--merge DIR` needs nothing else and a changed sweep file is recognised.
constexpr const char* kSweepCopy = "sweep.json";
constexpr const char* kBaseCopy = "base_scenario.json";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_atomically(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw RuntimeFailure("cannot write " + tmp.string());
  }
  fs::rename(tmp, path);
}

Plan plan_sweep(const std::string& sweep_file) {
  const SweepSpec spec = load_sweep(sweep_file);
  LoadedScenario base;
  try {
    base = load_scenario(spec.base_path);
  } catch (const ScenarioError& e) {
    throw ScenarioError(e.where(), std::string(e.what()).substr(e.where().size() + 2) + " (base scenario of " +
                                       sweep_file + ")");
  }
  return make_plan(spec, base.json, spec.base_path);
}

Plan plan_from_dir(const std::string& dir) {
  const fs::path sweep = fs::path(dir) / kSweepCopy, base = fs::path(dir) / kBaseCopy;
  if (!fs::exists(sweep) || !fs::exists(base))
    throw RuntimeFailure(dir + " is not a sweep directory (no " + kSweepCopy + " and " + kBaseCopy + ")");
  const SweepSpec spec = load_sweep_text(slurp(sweep), sweep.string(), dir);
  std::string text;
  const auto base_json = read_json_document(base.string(), text);
  return make_plan(spec, base_json, base.string());
}

}  // namespace

void prepare_sweep_dir(const Plan& plan, const std::string& dir, bool fresh) {
  const fs::path d(dir), copy = d / kSweepCopy;
  if (fs::exists(d) && !fs::is_directory(d)) throw RuntimeFailure("output " + dir + " exists and is not a directory");
  if (fs::exists(copy) && slurp(copy) != plan.spec.text) {
    if (!fresh)
      throw RuntimeFailure(dir + " holds a sweep made from a different sweep file (" + copy.string() +
                           " differs from " + plan.spec.path + "); use --fresh to discard its runs, or another -o");
  }
  if (fresh) {
    fs::remove_all(d / "runs");
    for (const char* f : {"sweep.h5", kSweepCopy, kBaseCopy}) fs::remove(d / f);
  }
  fs::create_directories(d / "runs");
  write_atomically(copy, plan.spec.text);
  write_atomically(d / kBaseCopy, plan.base.dump(2));
}

std::vector<std::size_t> runs_to_compute(const Plan& plan, const std::string& dir, int shard_k, int shard_n,
                                         int& reused) {
  std::vector<std::size_t> todo;
  reused = 0;
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    if (shard_n > 0 && static_cast<int>(i % shard_n) != shard_k - 1) continue;
    if (run_complete(plan.runs[i], dir)) ++reused;
    else todo.push_back(i);
  }
  return todo;
}

void print_plan(const Plan& plan, const std::string& dir, std::size_t share, int reused, std::size_t todo,
                const std::string& how) {
  const auto plural = [](std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  std::fprintf(stderr, "sweep %s: %s design, %s, %s x %s = %s -> %s\n", plan.spec.name.c_str(),
               design_name(plan.design.type), plural(plan.spec.factors.size(), "factor").c_str(),
               plural(plan.design.points.size(), "point").c_str(), plural(plan.spec.replicates, "replicate").c_str(),
               plural(plan.runs.size(), "run").c_str(), dir.c_str());
  std::fprintf(stderr, "%s%zu runs: %d reused (complete, same scenario), %zu to compute (%s)\n",
               share == plan.runs.size() ? "" : "this share: ", share, reused, todo, how.c_str());
}

int finish_sweep(const Plan& plan, const std::string& dir) {
  const int failed = write_index(plan, dir);
  std::fprintf(stderr, "index: %s (%zu runs, %d failed)\n", (fs::path(dir) / "sweep.h5").string().c_str(),
               plan.runs.size(), failed);
  if (failed > 0) {
    std::fprintf(stderr, "%d runs failed: their errors are in the index (variable error) and in %s/runs/*.log\n",
                 failed, dir.c_str());
    return kExitRuntime;
  }
  return kExitOk;
}

int cmd_sweep(const SweepArgs& args) {
  if (args.merge) {
    const Plan plan = plan_from_dir(args.out_dir);
    return finish_sweep(plan, args.out_dir);
  }
  const Plan plan = plan_sweep(args.sweep_file);  // every problem surfaces here, before any run
  if (mpi_world_size() > 1) return sweep_mpi(plan, args);

  prepare_sweep_dir(plan, args.out_dir, args.fresh);
  int reused = 0;
  const auto todo = runs_to_compute(plan, args.out_dir, args.shard_k, args.shard_n, reused);
  const int jobs = args.jobs > 0 ? args.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  print_plan(plan, args.out_dir, reused + todo.size(), reused, todo.size(),
             std::to_string(jobs) + (jobs == 1 ? " job, " : " jobs, ") + std::to_string(args.threads_per_run) +
                 (args.threads_per_run == 1 ? " thread per run" : " threads per run"));
  const auto t0 = std::chrono::steady_clock::now();
  const LocalSummary sum = run_local(plan, todo, args.out_dir, jobs, args.threads_per_run, args.fail_fast);
  std::fprintf(stderr, "reused %d runs, computed %d (%d failed) in %.1f s\n", reused, sum.computed, sum.failed,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  if (args.shard_n > 0) {
    std::fprintf(stderr, "shard %d/%d finished; when all shards have, build the index: prosim sweep --merge %s\n",
                 args.shard_k, args.shard_n, args.out_dir.c_str());
    return sum.failed > 0 ? kExitRuntime : kExitOk;
  }
  const int code = finish_sweep(plan, args.out_dir);
  return sum.stopped ? kExitRuntime : code;
}

}  // namespace prosim
