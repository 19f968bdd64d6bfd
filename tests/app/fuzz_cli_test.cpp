// The scenario fuzz cases (tests/io/scenario_mutator.h) through the real binary: `prosim validate`
// on each must exit 0 or 3 (never a signal, never a hang: each call has a 60 s limit), and for
// every case validate refuses, `prosim run` must also exit 3 with a located message and write
// nothing (no output, no .part, no results/ folder). The in-process test
// (tests/io/scenario_fuzz_test.cpp) runs ten times as many cases and the tiny runs.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "../io/scenario_mutator.h"
#include "cli_helpers.h"
#include "core/error.h"

using namespace prosim::testing::cli;

TEST_CASE("fuzz: mutated scenarios through prosim validate and run: exit 0 or 3, nothing written when invalid") {
  const auto dir = scratch("fuzz_cli");
  const std::string scenarios = kSource + "/scenarios/";
  prosim::testing::ScenarioMutator mutator(dir / "cases",
                                           {scenarios + "jinhua_baseline.json", scenarios + "combined.json"}, 7);
  int valid = 0, invalid = 0;
  for (int i = 0; i < 300; ++i) {
    const auto c = mutator.next(i);
    CAPTURE(c.description);
    const auto v = cli(dir, "validate " + quote(c.path), "", 60);
    CAPTURE(v.err);
    REQUIRE((v.code == prosim::kExitOk || v.code == prosim::kExitInvalidScenario || v.code == prosim::kExitUsage));
    if (v.code == prosim::kExitUsage) continue;  // a case file CLI11 refuses to open (e.g. vanished FIFO target)
    if (v.code == prosim::kExitOk) {
      ++valid;
      continue;
    }
    ++invalid;
    CHECK(contains(v.err, "prosim validate: invalid scenario: "));
    const fs::path work = dir / "work";
    fs::remove_all(work);
    fs::create_directories(work);
    const auto r = cli(dir, "run " + quote(c.path) + " -o " + quote((work / "out" / "o.h5").string()), work.string(), 60);
    CAPTURE(r.err);
    CHECK(r.code == prosim::kExitInvalidScenario);
    CHECK(fs::is_empty(work));  // no output, no .part, no directory
  }
  MESSAGE("300 CLI fuzz cases: " << valid << " valid, " << invalid << " invalid");
  CHECK(invalid > 150);
}
