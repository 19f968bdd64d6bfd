#pragma once
// The prosim subcommands. Each returns a process exit code (core/error.h).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace prosim {

struct RunArgs {
  std::string scenario;
  std::string output;  // empty: results/<scenario name>.h5
  int threads = 0;
  std::optional<std::uint64_t> seed;
  int replicates = 0;  // > 0: that many runs with seeds derived from the scenario seed
  bool overwrite = false;  // replace an existing output file (refused otherwise)
};

// Seed of replicate r (1-based) of a scenario whose seed is `seed`: two scenarios with the
// same seed get the same replicate seeds, so their replicates are paired (common random numbers).
std::uint64_t replicate_seed(std::uint64_t seed, int r);
// OUT.h5 -> OUT_r001.h5
std::string replicate_path(const std::string& out, int r);

int cmd_run(const RunArgs& args);
int cmd_validate(const std::string& scenario);
int cmd_inspect(const std::string& file);
int cmd_compare(const std::vector<std::string>& files, const std::vector<std::string>& indicators);
const std::vector<std::string>& default_compare_indicators();

}  // namespace prosim
