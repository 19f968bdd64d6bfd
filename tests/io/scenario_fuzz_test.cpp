// Fuzz test of the scenario loader (issue 16; docs/reliability.md): thousands of seeded mutations
// of the shipped scenarios (tests/io/scenario_mutator.h) are loaded in-process. Each must either
// load, and then give parameters and (for some) a tiny run without any exception, or be refused
// with a ScenarioError located as "FILE:LINE:COL", "FILE: /pointer" or "FILE" (unreadable file).
// Any other exception, a crash or (under the asan preset) a memory error fails the test.
// PROSIM_FUZZ_CASES overrides the number of cases (default 3000).
#include <doctest/doctest.h>

#include <cstdlib>
#include <regex>
#include <string>

#include "core/error.h"
#include "model/params.h"
#include "engine/simulation.h"
#include "io/scenario_loader.h"
#include "scenario_mutator.h"

namespace {

int fuzz_cases() {
  const char* env = std::getenv("PROSIM_FUZZ_CASES");
  return env ? std::atoi(env) : 3000;
}

}  // namespace

TEST_CASE("fuzz: mutated scenarios load or give a located error, nothing else") {
  const std::string scenarios = std::string(PROSIM_SOURCE_DIR) + "/scenarios/";
  const auto dir = std::filesystem::path(PROSIM_TEST_TMP) / "fuzz_loader";
  std::filesystem::remove_all(dir);
  prosim::testing::ScenarioMutator mutator(
      dir, {scenarios + "jinhua_baseline.json", scenarios + "combined.json", scenarios + "zhejiang_province.json",
            scenarios + "minimum_wage_dosi.json"},
      20261204);
  // "FILE:LINE:COL" (syntax) or "FILE: /pointer" (a value); a file that cannot be read at all
  // is named alone.
  const std::regex located(R"(^.+:\d+:\d+$|^.+: /.*$)");
  int valid = 0, refused = 0, runs = 0;
  const int n = fuzz_cases();
  for (int i = 0; i < n; ++i) {
    const auto c = mutator.next(i);
    CAPTURE(c.description);
    try {
      auto loaded = prosim::load_scenario(c.path);
      // Valid: the parameters must read, and a few runs (made tiny) must complete.
      auto params = prosim::params_from_json(loaded.json);
      ++valid;
      if (runs < 40) {
        loaded.json["scale"] = 0.0002;
        loaded.json["end"] = loaded.json["start"];
        loaded.json["economy"]["burn_in_months"] = 1;
        params = prosim::params_from_json(loaded.json);
        prosim::run_simulation(params, 1);
        ++runs;
      }
    } catch (const prosim::ScenarioError& e) {
      ++refused;
      const std::string where = e.where();
      CAPTURE(e.what());
      CHECK((where.rfind(c.path, 0) == 0 || where.rfind(scenarios, 0) == 0 || where.rfind(dir.string(), 0) == 0 ||
             where.rfind("/dev/", 0) == 0));
      CHECK((std::regex_match(where, located) || where == c.path));
      CHECK(std::string(e.what()).size() > where.size() + 2);  // says what, not only where
      CHECK(std::string(e.what()).find('\x1b') == std::string::npos);
    } catch (const std::exception& e) {
      FAIL("case " << i << " (" << c.description << ") threw " << e.what());
    }
  }
  MESSAGE(n << " fuzz cases: " << valid << " valid (" << runs << " run), " << refused << " refused with a location");
  CHECK(valid + refused == n);
  CHECK(refused > n / 2);  // the mutations do reach the checks
}
