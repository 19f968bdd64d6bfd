// `prosim run` and `prosim validate`.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>

#include "app/commands.h"
#include "app/progress.h"
#include "app/run_states.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "engine/simulation.h"
#include "io/h5_writer.h"
#include "io/output_path.h"
#include "io/scenario_loader.h"
#include "io/sha256.h"
#include "core/rng.h"
#include "prosim/version.h"

namespace prosim {
namespace {

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

void print_summary(const RunRecord& r, const std::string& path) {
  const auto* root = r.find_group("/");
  const char* keys[] = {"income_per_capita", "urban_rural_ratio", "gini", "middle_income_share_100k_500k",
                        "unemployment_rate", "urbanisation_rate", "labour_share", "gdp_per_capita",
                        "weak_villages", "fiscal_cost_total"};
  const auto* time = root->axis("time");
  const auto* month = root->strings.empty() ? nullptr : &root->strings[0];
  std::printf("%-32s %14s %14s\n", "indicator", month ? month->data.front().c_str() : "first",
              month ? month->data.back().c_str() : "last");
  for (const char* k : keys) {
    const auto* v = root->variable(k);
    if (!v || v->data.empty()) continue;
    std::printf("%-32s %14.4g %14.4g\n", k, v->data.front(), v->data.back());
  }
  (void)time;
  std::printf("output: %s\n", path.c_str());
}

}  // namespace

int cmd_validate(const std::string& scenario) {
  const auto loaded = load_scenario(scenario);
  for (const auto& w : loaded.warnings) std::fprintf(stderr, "prosim validate: warning: %s\n", w.c_str());
  const auto params = params_from_json(loaded.json);  // refuses a value no code reads
  (void)make_policies(params);                          // and one of a policy block
  std::printf("%s: valid scenario \"%s\", %d counties, %s .. %s (%d months), scale %g\n", scenario.c_str(),
              params.name.c_str(), static_cast<int>(params.counties.size()), params.start.str().c_str(),
              params.end.str().c_str(), params.months(), params.scale);
  return kExitOk;
}

std::string replicate_path(const std::string& out, int r) {
  const auto path = std::filesystem::path(out);
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "_r%03d", r);
  return (path.parent_path() / (path.stem().string() + suffix + path.extension().string())).string();
}

namespace {

int run_one(const RunArgs& args, nlohmann::ordered_json scenario, const std::string& out, int replicate,
            std::uint64_t base_seed);

}  // namespace

int cmd_run(const RunArgs& args) {
  auto loaded = load_scenario(args.scenario);  // throws ScenarioError: nothing written
  for (const auto& w : loaded.warnings) std::fprintf(stderr, "prosim run: warning: %s\n", w.c_str());
  if (args.seed) loaded.json["seed"] = *args.seed;
  if (args.replicates > 0 && (args.resume || !args.from_state.empty() || !args.save_states.empty() || args.checkpoint_every > 0)) {
    std::fprintf(stderr, "prosim run: --checkpoint-every, --resume, --save-state and --from-state are for single runs, not --replicates (--state-cache is for both)\n");
    return kExitUsage;
  }
  const auto name = loaded.json.at("name").get<std::string>();
  const std::string out = args.output.empty() ? "results/" + safe_file_stem(name) + ".h5" : args.output;
  const auto base_seed = loaded.json.at("seed").get<std::uint64_t>();
  // A kill between the output's rename and the checkpoint's removal leaves a finished output
  // with its checkpoint beside it (docs/reliability.md); no write order avoids that gap, so
  // --resume says what the pair means instead of only "exists".
  if (args.replicates <= 0 && args.resume && !args.overwrite && std::filesystem::exists(out) &&
      std::filesystem::exists(RunStates::checkpoint_path(out)))
    throw RuntimeFailure("output " + out + ": exists, with the checkpoint " + RunStates::checkpoint_path(out) +
                         " beside it: a run killed after writing its output leaves both (its output is then "
                         "complete and the checkpoint can be deleted); to resume from the checkpoint and "
                         "replace the output, give --overwrite");
  // Every output path is checked before simulating, not after (io/output_path.h).
  if (args.replicates <= 0) check_output_path(out, loaded.chain, args.overwrite);
  for (int r = 1; r <= args.replicates; ++r) check_output_path(replicate_path(out, r), loaded.chain, args.overwrite);
  install_interrupt_handlers();
  if (args.replicates <= 0) return run_one(args, loaded.json, out, 0, base_seed);
  for (int r = 1; r <= args.replicates; ++r) {
    auto j = loaded.json;
    j["seed"] = replicate_seed(base_seed, r);
    std::fprintf(stderr, "replicate %d/%d (seed %llu)\n", r, args.replicates,
                 static_cast<unsigned long long>(j["seed"].get<std::uint64_t>()));
    run_one(args, j, replicate_path(out, r), r, base_seed);
  }
  return kExitOk;
}

namespace {

int run_one(const RunArgs& args, nlohmann::ordered_json scenario, const std::string& out, int replicate,
            std::uint64_t base_seed) {
  const auto params = params_from_json(scenario);
  auto& loaded_json = scenario;
  RunStates states(args, scenario, params, out);  // checks the states to read: StateRefused
  if (!states.usage_error.empty()) {
    std::fprintf(stderr, "prosim run: %s\n", states.usage_error.c_str());
    return kExitUsage;
  }

  const auto t0 = std::chrono::steady_clock::now();
  std::unique_ptr<Profile> profile = args.profile ? std::make_unique<Profile>() : nullptr;
  ProgressBar bar;
  RunRecord record = run_simulation(
      params, args.threads,
      [&](int done, int total) {
        throw_if_interrupted();  // between months: a safe point
        bar.update(done, total);
      },
      states.hooks(), profile.get());
  record.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  record.seed = params.seed;
  record.scenario_json = loaded_json.dump(2);
  record.scenario_sha256 = sha256_hex(record.scenario_json);
  record.attributes["title"] = "prosim run of scenario " + params.name;
  record.attributes["source"] = std::string("prosim ") + PROSIM_VERSION;
  record.attributes["history"] = utc_now() + " prosim run " + args.scenario + " (seed " +
                                 std::to_string(params.seed) + ", " + std::to_string(record.threads) + " threads)" + states.origin();
  record.attributes["scenario_name"] = params.name;
  record.attributes["scenario_description"] = params.description;
  record.attributes["region"] = params.region_name;
  record.scale = params.scale;
  if (replicate > 0) {
    record.replicate = replicate;
    record.base_seed = base_seed;
  }

  write_run(record, out);
  if (profile) profile->lap("write_output");
  states.finished();
  print_summary(record, out);
  if (record.attributes.count("burn_in_converged") && record.attributes.at("burn_in_converged") != "1")
    std::fprintf(stderr,
                 "warning: the calibration burn-in did not converge (first county outside the bands: %s); "
                 "see the /calibration group of %s (docs/model.md section 5)\n",
                 record.attributes.count("burn_in_first_failure") ? record.attributes.at("burn_in_first_failure").c_str() : "?",
                 out.c_str());
  std::fprintf(stderr, "%d months in %.2f s with %d threads\n", params.months(), record.wall_seconds, record.threads);
  if (profile) profile->print(stderr, record.threads);
  return kExitOk;
}

}  // namespace

}  // namespace prosim
