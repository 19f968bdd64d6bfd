// The prosim command line: run, validate, inspect, compare. Exit codes (docs/cli.md):
//   0 ok, 2 usage error, 3 invalid scenario, 4 runtime failure.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "app/commands.h"
#include "core/error.h"
#include "io/schema_validator.h"
#include "core/interrupt.h"
#include "prosim/version.h"

int main(int argc, char** argv) {
  using namespace prosim;
  CLI::App app{"prosim: agent-based simulator of regional common-prosperity policies"};
  app.set_version_flag("--version", std::string("prosim ") + PROSIM_VERSION);
  app.require_subcommand(1);

  RunArgs run_args;
  auto* run = app.add_subcommand("run", "Run a scenario and write its indicators to an HDF5 file");
  run->add_option("scenario", run_args.scenario, "Scenario JSON file")->required()->check(CLI::ExistingFile);
  run->add_option("-o,--output", run_args.output, "Output file (default: results/<scenario name>.h5)");
  // Plain digit strings only: CLI11 would wrap "-1" around into a huge unsigned seed. A seed is
  // any unsigned 64-bit value (replicate seeds use the whole range); 20 digits are compared
  // with 2^64 - 1 as text.
  const auto unsigned_64 = [](const std::string& s) {
    const bool ok = !s.empty() && s.size() <= 20 && s.find_first_not_of("0123456789") == std::string::npos &&
                    (s.size() < 20 || s <= "18446744073709551615");
    return ok ? std::string() : "must be an integer from 0 to 18446744073709551615, got '" + printable(s, 40) + "'";
  };
  const auto thread_count = [](const std::string& s) {
    const bool ok = !s.empty() && s.size() <= 4 && s.find_first_not_of("0123456789") == std::string::npos &&
                    std::stoi(s) <= 1024;
    return ok ? std::string() : "must be an integer from 0 (all cores) to 1024, got '" + printable(s, 40) + "'";
  };
  run->add_option("--threads", run_args.threads, "Worker threads (default 0: all cores); results do not depend on it")
      ->check(thread_count);
  run->add_option("--seed", run_args.seed, "Override the scenario's seed (0 .. 2^64-1)")->check(unsigned_64);
  run->add_option("--replicates", run_args.replicates,
                  "Run R replicates with seeds derived from the scenario seed; writes OUT_r001.h5 .. OUT_rRRR.h5")
      ->check(CLI::Range(1, 10000));
  run->add_flag("--overwrite", run_args.overwrite, "Replace an existing output file (without it, an existing file is an error)");
  run->add_option("--checkpoint-every", run_args.checkpoint_every,
                  "Keep OUT.h5.ckpt, the run's state, up to date every N months (burn-in months included)")
      ->check(CLI::Range(1, 100000));
  run->add_flag("--resume", run_args.resume, "Continue a killed run from OUT.h5.ckpt (written by --checkpoint-every)");
  run->add_option("--save-state", run_args.save_states,
                  "YYYY-MM=STATE.h5: write the state at the start of that month (repeatable)");
  run->add_option("--from-state", run_args.from_state,
                  "Run from a state saved by --save-state (of this scenario, or one differing only in later policy)")
      ->check(CLI::ExistingFile);
  run->add_flag("--profile", run_args.profile,
                "Print wall and CPU seconds per monthly system, the recorder and the burn-in to stderr at the end");
  run->add_option("--state-cache", run_args.state_cache,
                  "Directory of states shared by runs: start from the latest one that fits, save states where this "
                  "scenario's policy settings first act (docs/cli.md, \"States\")");

  SweepArgs sweep_args;
  std::string shard;
  auto* sweep = app.add_subcommand("sweep", "Run a parameter sweep (docs/sweeps.md): many runs, resumable, with an index DIR/sweep.h5");
  sweep->add_option("sweep", sweep_args.sweep_file, "Sweep JSON file")->check(CLI::ExistingFile);
  sweep->add_option("-o,--output", sweep_args.out_dir, "Sweep directory: runs/ and the index sweep.h5");
  sweep->add_option("--jobs", sweep_args.jobs, "Runs at the same time (default 0: as many as cores)")->check(CLI::Range(0, 4096));
  sweep->add_option("--threads-per-run", sweep_args.threads_per_run, "Worker threads of each run (default 1)")
      ->check(CLI::Range(0, 4096));
  sweep->add_flag("--fresh", sweep_args.fresh, "Discard the runs already in the directory (needed when the sweep file changed)");
  sweep->add_flag("--fail-fast", sweep_args.fail_fast, "Stop at the first failed run");
  sweep->add_option("--shard", shard, "Run only share K of N (1 <= K <= N; runs i with i mod N = K - 1), no index")
      ->check([](const std::string& s) {
        int k = 0, n = 0;
        char extra = 0;
        return std::sscanf(s.c_str(), "%d/%d%c", &k, &n, &extra) == 2 && n >= 1 && k >= 1 && k <= n
                   ? std::string()
                   : "must be K/N with 1 <= K <= N, got '" + s + "'";
      });
  std::string merge_dir;
  sweep->add_option("--merge", merge_dir, "Build DIR/sweep.h5 from the runs in DIR (after --shard runs)");

  std::string validate_file;
  auto* validate = app.add_subcommand("validate", "Check a scenario file and report the first problems found");
  validate->add_option("scenario", validate_file, "Scenario JSON file")->required()->check(CLI::ExistingFile);

  std::string inspect_file;
  auto* inspect = app.add_subcommand("inspect", "Show the metadata and final indicator values of an output file");
  inspect->add_option("file", inspect_file, "prosim output file (.h5)")->required()->check(CLI::ExistingFile);

  std::vector<std::string> compare_files;
  std::string compare_indicators;
  auto* compare = app.add_subcommand(
      "compare", "Final values of indicators in several runs and their differences to the first scenario");
  compare->add_option("files", compare_files, "prosim output files; replicates of a scenario are grouped by scenario_name")
      ->required()
      ->check(CLI::ExistingFile);
  compare->add_option("--indicators", compare_indicators, "Comma-separated indicator names (default: ten key ones)");

  // An unknown first word is a mistyped command more often than anything else: name it and
  // suggest the nearest one (CLI11 alone says only "A subcommand is required").
  if (argc >= 2 && argv[1][0] != '-') {
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands([](CLI::App*) { return true; })) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      const std::string nearest = nearest_key(argv[1], names);
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      std::fprintf(stderr, "prosim: unknown command '%s'%s; the commands are %s (prosim --help)\n",
                   printable(argv[1], 60).c_str(), nearest.empty() ? "" : ("; did you mean '" + nearest + "'?").c_str(),
                   list.c_str());
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  if (*sweep) {
    if (!merge_dir.empty()) {
      sweep_args.merge = true;
      sweep_args.out_dir = merge_dir;
    } else if (sweep_args.sweep_file.empty() || sweep_args.out_dir.empty()) {
      std::fprintf(stderr, "prosim sweep: give a sweep file and -o DIR (or --merge DIR)\n");
      return kExitUsage;
    }
    if (!shard.empty()) std::sscanf(shard.c_str(), "%d/%d", &sweep_args.shard_k, &sweep_args.shard_n);
  }

  const char* command = *run ? "run" : *validate ? "validate" : *compare ? "compare" : *sweep ? "sweep" : "inspect";
  try {
    if (*sweep) return cmd_sweep(sweep_args);
    if (*run) return cmd_run(run_args);
    if (*validate) return cmd_validate(validate_file);
    if (*inspect) return cmd_inspect(inspect_file);
    if (*compare) {
      std::vector<std::string> names;
      std::stringstream list(compare_indicators);
      for (std::string name; std::getline(list, name, ',');)
        if (!name.empty()) names.push_back(name);
      return cmd_compare(compare_files, names);
    }
  } catch (const Interrupted& e) {
    std::fprintf(stderr, "prosim %s: %s; stopped, no output written\n", command, e.what());
    return e.exit_code();
  } catch (const StateRefused& e) {
    std::fprintf(stderr, "prosim %s: state refused: %s\n", command, e.what());
    return kExitState;
  } catch (const ScenarioError& e) {
    std::fprintf(stderr, "prosim %s: invalid scenario: %s\n", command, e.what());
    return kExitInvalidScenario;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "prosim %s: failed: %s\n", command, e.what());
    return kExitRuntime;
  }
  return kExitUsage;
}
