// `prosim run` and `prosim validate`.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "app/commands.h"
#include "app/progress.h"
#include "core/error.h"
#include "engine/simulation.h"
#include "io/h5_writer.h"
#include "io/scenario_loader.h"
#include "io/sha256.h"
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
  const auto params = params_from_json(loaded.json);
  std::printf("%s: valid scenario \"%s\", %d counties, %s .. %s (%d months), scale %g\n", scenario.c_str(),
              params.name.c_str(), static_cast<int>(params.counties.size()), params.start.str().c_str(),
              params.end.str().c_str(), params.months(), params.scale);
  return kExitOk;
}

int cmd_run(const RunArgs& args) {
  auto loaded = load_scenario(args.scenario);  // throws ScenarioError: nothing written
  if (args.seed) loaded.json["seed"] = *args.seed;
  const auto params = params_from_json(loaded.json);
  const std::string out = args.output.empty() ? "results/" + params.name + ".h5" : args.output;

  const auto t0 = std::chrono::steady_clock::now();
  ProgressBar bar;
  RunRecord record = run_simulation(params, args.threads, [&](int done, int total) { bar.update(done, total); });
  record.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  record.seed = params.seed;
  record.scenario_json = loaded.json.dump(2);
  record.scenario_sha256 = sha256_hex(record.scenario_json);
  record.attributes["title"] = "prosim run of scenario " + params.name;
  record.attributes["source"] = std::string("prosim ") + PROSIM_VERSION;
  record.attributes["history"] = utc_now() + " prosim run " + args.scenario + " (seed " +
                                 std::to_string(params.seed) + ", " + std::to_string(record.threads) + " threads)";
  record.attributes["scenario_name"] = params.name;
  record.attributes["scenario_description"] = params.description;
  record.attributes["region"] = params.region_name;
  record.attributes["scale"] = std::to_string(params.scale);

  const auto parent = std::filesystem::path(out).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) throw RuntimeFailure("cannot create directory " + parent.string() + ": " + ec.message());
  write_run(record, out);
  print_summary(record, out);
  std::fprintf(stderr, "%d months in %.2f s with %d threads\n", params.months(), record.wall_seconds, record.threads);
  return kExitOk;
}

}  // namespace prosim
