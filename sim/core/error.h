#pragma once
// Two tiers of errors (the pbrt-v4 idea):
//  - PROSIM_CHECK (check.h) for programmer errors: abort with both operands printed.
//  - the exceptions below for things a user can fix; the command line maps each
//    to its own exit code, documented in docs/cli.md.
#include <cstddef>
#include <stdexcept>
#include <string>

namespace prosim {

// Exit codes of the `prosim` command (docs/cli.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 2,            // bad command line (unknown flag, missing file argument)
  kExitInvalidScenario = 3,  // scenario file unreadable, unparsable or invalid
  kExitRuntime = 4,          // the run itself failed (I/O error, unreadable output file)
  kExitState = 5,            // a state file (--resume, --from-state) missing, unusable or of another scenario
  // A failed internal check (PROSIM_CHECK) is a bug: it aborts (SIGABRT, status 134).
};

// Text from a user's file (keys, paths, values) made safe to echo: control bytes are shown as
// \xNN (a message must not move the cursor or ring the bell), each line is cut to
// `line_limit` bytes at a UTF-8 boundary. Newlines are kept: an error may list several problems.
inline std::string printable(const std::string& text, std::size_t line_limit = 400) {
  std::string out;
  std::size_t line = 0;
  bool cut = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += '\n';
      line = 0;
      cut = false;
      continue;
    }
    if (cut) continue;
    if (line >= line_limit && (c & 0xC0) != 0x80) {
      out += "...";
      cut = true;
      continue;
    }
    if (c < 0x20 || c == 0x7f) {
      static const char* hex = "0123456789abcdef";
      out += std::string("\\x") + hex[c >> 4] + hex[c & 15];
      line += 4;
    } else {
      out += static_cast<char>(c);
      ++line;
    }
  }
  return out;
}

// A mistake in a scenario file. `where` is "FILE: /json/pointer" or "FILE:LINE:COL".
class ScenarioError : public std::runtime_error {
 public:
  // Both parts may echo a user's text, so both go through printable().
  ScenarioError(const std::string& where, const std::string& what)
      : std::runtime_error(where.empty() ? printable(what) : printable(where) + ": " + printable(what)),
        where_(printable(where)) {}
  const std::string& where() const { return where_; }

 private:
  std::string where_;
};

// A failure while running or writing output (disk full, HDF5 error, ...).
class RuntimeFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A state file that cannot be used: missing, damaged, of another version, or of a scenario
// that differs from the run's in something acting before the state's month (exit 5).
class StateRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace prosim
