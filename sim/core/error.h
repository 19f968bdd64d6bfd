#pragma once
// Two tiers of errors (the pbrt-v4 idea):
//  - PROSIM_CHECK (check.h) for programmer errors: abort with both operands printed.
//  - the exceptions below for things a user can fix; the command line maps each
//    to its own exit code, documented in docs/cli.md.
#include <stdexcept>
#include <string>

namespace prosim {

// Exit codes of the `prosim` command (docs/cli.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 2,            // bad command line (unknown flag, missing file argument)
  kExitInvalidScenario = 3,  // scenario file unreadable, unparsable or invalid
  kExitRuntime = 4,          // the run itself failed (I/O error, unreadable output file)
  // A failed internal check (PROSIM_CHECK) is a bug: it aborts (SIGABRT, status 134).
};

// A mistake in a scenario file. `where` is "FILE: /json/pointer" or "FILE:LINE:COL".
class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(std::string where, const std::string& what)
      : std::runtime_error(where.empty() ? what : where + ": " + what), where_(std::move(where)) {}
  const std::string& where() const { return where_; }

 private:
  std::string where_;
};

// A failure while running or writing output (disk full, HDF5 error, ...).
class RuntimeFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace prosim
