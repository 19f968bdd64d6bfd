// Policy dates outside the run through the command line (issue 17, point 3): a date after the
// end in the file given is refused by `validate` and `run` (exit 3, nothing written); a date
// before the start is a warning that both commands print, saying what applies at the start.
// The loader's messages themselves are tested in tests/io/names_and_dates_test.cpp.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "cli_helpers.h"
#include "core/error.h"

using namespace prosim::testing::cli;

TEST_CASE("cli: a policy start before the run is a warning of validate and run, after the end an error") {
  const auto dir = scratch("policy_dates");
  const auto early = write_scenario(dir, "early.json", "early", std::string(kTiny) + R"(, "policies": {"enclave": {"start": "2019-01"}})");
  const std::string warning = early.string() + ": /policies/enclave/start: \"2019-01\" is before the run's start \"2021-01\"; "
                                                "the policy acts from the start";
  const auto v = cli(dir, "validate " + quote(early.string()));
  CAPTURE(v.err);
  CHECK(v.code == prosim::kExitOk);
  CHECK(contains(v.err, "prosim validate: warning: " + warning));
  const fs::path out = dir / "early.h5";
  const auto r = cli(dir, "run " + quote(early.string()) + " -o " + quote(out.string()));
  CAPTURE(r.err);
  CHECK(r.code == prosim::kExitOk);
  CHECK(contains(r.err, "prosim run: warning: " + warning));
  CHECK(fs::exists(out));

  const auto late = write_scenario(dir, "late.json", "late", std::string(kTiny) + R"(, "policies": {"enclave": {"start": "2035-01"}})");
  const std::string error = late.string() + ": /policies/enclave/start: found \"2035-01\", expected a month not after end \"2021-06\"";
  const auto lv = cli(dir, "validate " + quote(late.string()));
  CAPTURE(lv.err);
  CHECK(lv.code == prosim::kExitInvalidScenario);
  CHECK(contains(lv.err, error));
  const fs::path late_out = dir / "late.h5";
  const auto lr = cli(dir, "run " + quote(late.string()) + " -o " + quote(late_out.string()));
  CHECK(lr.code == prosim::kExitInvalidScenario);
  CHECK(contains(lr.err, error));
  CHECK_FALSE(fs::exists(late_out));
}
