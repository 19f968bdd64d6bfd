#pragma once
// Helpers for the end-to-end tests of the `prosim` command line: run the real binary in a
// scratch folder of its own and capture what it prints and its exit code.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

namespace prosim::testing::cli {

namespace fs = std::filesystem;


inline const std::string kBinary = PROSIM_BINARY;
inline const std::string kSource = PROSIM_SOURCE_DIR;
inline const std::string kBaseline = kSource + "/scenarios/jinhua_baseline.json";

inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void spit(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

// A scratch directory of its own for each test case (CTest may run them in parallel).
inline fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(PROSIM_TEST_TMP) / "cli" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

struct Result {
  int code = -1;
  std::string out, err;
  std::string all() const { return out + err; }
};

// Runs `prosim ARGS` (ARGS already shell-quoted where needed) with stdout and stderr
// captured separately (so not a terminal: no progress bar) and returns its exit code.
// A positive `timeout_s` runs it under coreutils `timeout` (exit 124 when it hangs).
inline Result cli(const fs::path& dir, const std::string& args, const std::string& cwd = "", int timeout_s = 0) {
  const fs::path out = dir / "stdout.txt", err = dir / "stderr.txt";
  std::string cmd = (timeout_s > 0 ? "timeout " + std::to_string(timeout_s) + " " : std::string()) + kBinary + " " + args + " >" + quote(out.string()) + " 2>" + quote(err.string()) + " </dev/null";
  if (!cwd.empty()) cmd = "cd " + quote(cwd) + " && " + cmd;
  const int status = std::system(cmd.c_str());
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

inline bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// A scenario extending the baseline by absolute path, with `extra` JSON members appended.
inline fs::path write_scenario(const fs::path& dir, const std::string& file, const std::string& name, const std::string& extra) {
  const fs::path p = dir / file;
  spit(p, "{\n  \"extends\": \"" + kBaseline + "\",\n  \"name\": \"" + name + "\"" + (extra.empty() ? "" : ",\n  " + extra) +
              "\n}\n");
  return p;
}

// The smallest run that exercises everything: 6 months, 2 burn-in months, scale 0.001.
constexpr const char* kTiny = R"("scale": 0.001, "end": "2021-06", "economy": {"burn_in_months": 2})";


}  // namespace prosim::testing::cli
