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
};

int cmd_run(const RunArgs& args);
int cmd_validate(const std::string& scenario);
int cmd_inspect(const std::string& file);

}  // namespace prosim
