// `prosim inspect`: metadata and final indicator values of an output file.
#include <cstdio>

#include "app/commands.h"
#include "core/error.h"
#include "io/h5_reader.h"

namespace prosim {

int cmd_inspect(const std::string& file) {
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
