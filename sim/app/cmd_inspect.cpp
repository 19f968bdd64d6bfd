// `prosim inspect`: metadata and final indicator values of an output file.
#include <cstdio>

#include "app/commands.h"
#include "core/error.h"
#include "io/h5_reader.h"
#include "io/state_file.h"

namespace prosim {
namespace {

// A state file (io/state_file.h): what it holds and whose it is.
int inspect_state(const std::string& file) {
  const StateHeader h = read_state_header(file);
  std::printf("state: %s\n", file.c_str());
  std::printf("  %-22s %s%s\n", "month", h.date.c_str(), h.calibrated ? "" : " (burn-in)");
  std::printf("  %-22s %lld\n", "month_index", static_cast<long long>(h.month_index));
  std::printf("  %-22s %s\n", "scenario_name", h.scenario_name.c_str());
  std::printf("  %-22s %s\n", "scenario_sha256", h.scenario_sha256.c_str());
  std::printf("  %-22s %llu\n", "seed", static_cast<unsigned long long>(h.seed));
  std::printf("  %-22s %g\n", "scale", h.scale);
  std::printf("  %-22s %llu\n", "persons", static_cast<unsigned long long>(h.persons));
  std::printf("  %-22s %llu\n", "households", static_cast<unsigned long long>(h.households));
  std::printf("  %-22s %llu\n", "firms", static_cast<unsigned long long>(h.firms));
  std::printf("  %-22s %llu\n", "villages", static_cast<unsigned long long>(h.villages));
  std::printf("  %-22s %lld (prosim %s)\n", "format_version", static_cast<long long>(h.format_version),
              h.code_version.c_str());
  return kExitOk;
}

}  // namespace

int cmd_inspect(const std::string& file) {
  if (is_state_file(file)) return inspect_state(file);
  const RunRecord r = read_run(file);
  std::printf("file: %s\n", file.c_str());
  for (const auto& [k, v] : r.attributes) std::printf("  %-22s %s\n", k.c_str(), v.c_str());
  std::printf("  %-22s %llu\n", "seed", static_cast<unsigned long long>(r.seed));
  if (r.scale > 0) std::printf("  %-22s %g\n", "scale", r.scale);
  if (r.replicate > 0)
    std::printf("  %-22s %d (base seed %llu)\n", "replicate", r.replicate, static_cast<unsigned long long>(r.base_seed));
  std::printf("  %-22s %s\n", "scenario_sha256", r.scenario_sha256.c_str());
  std::printf("  %-22s %.3f\n", "wall_seconds", r.wall_seconds);
  std::printf("  %-22s %d\n", "threads", r.threads);
  const auto* root = r.find_group("/");
  if (!root) return kExitOk;
  std::string last_month = "?";
  for (const auto& s : root->strings)
    if (s.name == "month" && !s.data.empty()) last_month = s.data.back();
  const auto* time = root->axis("time");
  std::printf("months: %zu, last %s\n", time ? time->values.size() : 0, last_month.c_str());
  std::printf("groups:");
  for (const auto& g : r.groups) std::printf(" %s", g.path.c_str());
  std::printf("\n\n%-40s %16s  %s\n", "indicator (final month)", "value", "units");
  for (const auto& v : root->variables) {
    if (v.dims.size() != 1 || v.dims[0] != "time" || v.data.empty()) continue;
    std::printf("%-40s %16.6g  %s\n", v.name.c_str(), v.data.back(), v.units.c_str());
  }
  return kExitOk;
}

}  // namespace prosim
