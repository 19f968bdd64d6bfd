// End-to-end tests of the `prosim` command line (docs/cli.md): runs the real binary and
// checks what it prints and its exit codes (core/error.h: 0 ok, 2 usage, 3 invalid
// scenario, 4 runtime failure). Each run is tiny; the whole file takes a few seconds.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "cli_helpers.h"
#include "core/error.h"

using namespace prosim::testing::cli;

TEST_CASE("cli: --version prints the version and exits 0") {
  const auto dir = scratch("version");
  const auto r = cli(dir, "--version");
  CHECK(r.code == prosim::kExitOk);
  CHECK(r.out.rfind("prosim ", 0) == 0);
}

TEST_CASE("cli: --help of the program and of each subcommand exits 0") {
  const auto dir = scratch("help");
  const auto top = cli(dir, "--help");
  CHECK(top.code == prosim::kExitOk);
  for (const char* sub : {"run", "validate", "inspect"}) CHECK(contains(top.out, sub));

  const auto run = cli(dir, "run --help");
  CHECK(run.code == prosim::kExitOk);
  for (const char* opt : {"--output", "--threads", "--seed"}) CHECK(contains(run.out, opt));
  CHECK(cli(dir, "validate --help").code == prosim::kExitOk);
  CHECK(cli(dir, "inspect --help").code == prosim::kExitOk);
  CHECK(cli(dir, "run -h").code == prosim::kExitOk);
}

TEST_CASE("cli: usage errors exit 2") {
  const auto dir = scratch("usage");
  SUBCASE("no subcommand") {
    const auto r = cli(dir, "");
    CHECK(r.code == prosim::kExitUsage);
    CHECK(contains(r.err, "subcommand"));
  }
  SUBCASE("unknown subcommand") { CHECK(cli(dir, "frobnicate").code == prosim::kExitUsage); }
  SUBCASE("unknown flag") {
    const auto r = cli(dir, "run --bogus " + quote(kBaseline));
    CHECK(r.code == prosim::kExitUsage);
    CHECK(contains(r.err, "--bogus"));
    CHECK(cli(dir, "validate --bogus " + quote(kBaseline)).code == prosim::kExitUsage);
  }
  SUBCASE("missing scenario argument") { CHECK(cli(dir, "run").code == prosim::kExitUsage); }
  SUBCASE("run on a missing file") {
    const auto r = cli(dir, "run " + quote((dir / "no_such.json").string()));
    CHECK(r.code == prosim::kExitUsage);
    CHECK(contains(r.err, "no_such.json"));
  }
  SUBCASE("validate and inspect on a missing file") {
    CHECK(cli(dir, "validate " + quote((dir / "no_such.json").string())).code == prosim::kExitUsage);
    CHECK(cli(dir, "inspect " + quote((dir / "no_such.h5").string())).code == prosim::kExitUsage);
  }
  SUBCASE("negative or non-numeric --threads") {
    CHECK(cli(dir, "run --threads -1 " + quote(kBaseline)).code == prosim::kExitUsage);
    CHECK(cli(dir, "run --threads many " + quote(kBaseline)).code == prosim::kExitUsage);
  }
}

TEST_CASE("cli: validate accepts the baseline") {
  const auto dir = scratch("validate_ok");
  const auto r = cli(dir, "validate " + quote(kBaseline));
  CHECK(r.code == prosim::kExitOk);
  CHECK(contains(r.out, "valid scenario"));
  CHECK(contains(r.out, "jinhua_baseline"));
}

TEST_CASE("cli: invalid scenarios exit 3 with the location of the problem") {
  const auto dir = scratch("invalid");
  SUBCASE("bad value: names the JSON pointer") {
    const auto bad = write_scenario(dir, "bad.json", "bad", R"("scale": 2)");
    const auto r = cli(dir, "validate " + quote(bad.string()));
    CHECK(r.code == prosim::kExitInvalidScenario);
    CHECK(contains(r.err, "/scale"));
    CHECK(contains(r.err, bad.string()));
  }
  SUBCASE("syntax error: names FILE:LINE:COL") {
    const fs::path p = dir / "syntax.json";
    // The stray second comma is on line 4, column 16 (1-based).
    spit(p, "{\n  \"extends\": \"" + kBaseline + "\",\n  \"name\": \"syntax\",\n  \"scale\": 0.5,,\n}\n");
    const auto r = cli(dir, "validate " + quote(p.string()));
    CHECK(r.code == prosim::kExitInvalidScenario);
    CHECK(contains(r.err, p.string() + ":4:16"));
    CAPTURE(r.err);
  }
  SUBCASE("unknown key: suggests the closest one") {
    const auto p = write_scenario(dir, "unknown.json", "unknown", R"("scael": 0.001)");
    const auto r = cli(dir, "validate " + quote(p.string()));
    CHECK(r.code == prosim::kExitInvalidScenario);
    CHECK(contains(r.err, "did you mean"));
    CHECK(contains(r.err, "scale"));
  }
  SUBCASE("not JSON at all") {
    const fs::path p = dir / "garbage.json";
    spit(p, "this is not json\n");
    CHECK(cli(dir, "validate " + quote(p.string())).code == prosim::kExitInvalidScenario);
  }
}

TEST_CASE("cli: run on an invalid scenario exits 3 and writes nothing") {
  const auto dir = scratch("run_invalid");
  const auto bad = write_scenario(dir, "bad.json", "bad", R"("scale": 2)");
  const fs::path out = dir / "sub" / "bad.h5";
  const auto r = cli(dir, "run " + quote(bad.string()) + " -o " + quote(out.string()) + " --threads 0");
  CHECK(r.code == prosim::kExitInvalidScenario);
  CHECK(contains(r.err, "/scale"));
  CHECK_FALSE(fs::exists(out));
  CHECK_FALSE(fs::exists(out.string() + ".part"));
  CHECK_FALSE(fs::exists(out.parent_path()));
  // Nor the default output (results/bad.h5 relative to the working directory).
  CHECK_FALSE(fs::exists(dir / "results"));
  const auto r2 = cli(dir, "run " + quote(bad.string()), dir.string());
  CHECK(r2.code == prosim::kExitInvalidScenario);
  CHECK_FALSE(fs::exists(dir / "results"));
}

TEST_CASE("cli: inspect on a file that is not HDF5 exits 4") {
  const auto dir = scratch("inspect_bad");
  const fs::path p = dir / "not.h5";
  spit(p, "hello, I am not an HDF5 file\n");
  const auto r = cli(dir, "inspect " + quote(p.string()));
  CHECK(r.code == prosim::kExitRuntime);
  CHECK(contains(r.err, p.string()));
  // A scenario is not an output file either.
  CHECK(cli(dir, "inspect " + quote(kBaseline)).code == prosim::kExitRuntime);
}

TEST_CASE("cli: a tiny run succeeds and inspect reads it back") {
  const auto dir = scratch("tiny");
  const auto scenario = write_scenario(dir, "tiny.json", "tiny", kTiny);
  const fs::path out = dir / "out" / "tiny.h5";  // the directory is created by prosim
  const auto r = cli(dir, "run " + quote(scenario.string()) + " -o " + quote(out.string()) + " --threads 0 --seed 4242");
  CAPTURE(r.out);
  CAPTURE(r.err);
  REQUIRE(r.code == prosim::kExitOk);
  CHECK(contains(r.out, "output: " + out.string()));
  CHECK(contains(r.out, "income_per_capita"));
  CHECK_FALSE(contains(r.err, "\r"));  // no progress bar when stderr is not a terminal
  // Two burn-in months cannot show convergence (the bands are judged over the last 6): the
  // run warns on stderr and still succeeds (engine/calibration.cpp, cmd_run.cpp).
  CHECK(contains(r.err, "warning: the calibration burn-in did not converge"));
  CHECK(fs::is_regular_file(out));
  CHECK_FALSE(fs::exists(out.string() + ".part"));

  const auto i = cli(dir, "inspect " + quote(out.string()));
  CAPTURE(i.out);
  CAPTURE(i.err);
  CHECK(i.code == prosim::kExitOk);
  CHECK(contains(i.out, "income_per_capita"));
  CHECK(contains(i.out, "gini"));
  CHECK(contains(i.out, "4242"));     // the --seed override is recorded
  CHECK(contains(i.out, "2021-06"));  // last month
  CHECK(contains(i.out, "tiny"));     // scenario name
}

TEST_CASE("cli: run writes to results/<scenario name>.h5 by default") {
  const auto dir = scratch("default_output");
  const auto scenario = write_scenario(dir, "some_file.json", "tiny_default", kTiny);
  const auto r = cli(dir, "run " + quote(scenario.string()) + " --threads 2", dir.string());
  CAPTURE(r.out);
  CAPTURE(r.err);
  REQUIRE(r.code == prosim::kExitOk);
  CHECK(contains(r.out, "output: results/tiny_default.h5"));
  CHECK(fs::is_regular_file(dir / "results" / "tiny_default.h5"));
  CHECK_FALSE(fs::exists(dir / "results" / "tiny_default.h5.part"));
}

TEST_CASE("cli: run into a directory that cannot be created exits 4 and writes nothing") {
  const auto dir = scratch("bad_output_dir");
  const auto scenario = write_scenario(dir, "tiny.json", "tiny", kTiny);
  const fs::path blocker = dir / "regular_file";
  spit(blocker, "x");
  const fs::path out = blocker / "sub" / "tiny.h5";  // parent is under a regular file
  const auto r = cli(dir, "run " + quote(scenario.string()) + " -o " + quote(out.string()));
  CAPTURE(r.err);
  CHECK(r.code == prosim::kExitRuntime);
  CHECK(contains(r.err, "prosim run: failed"));
  // Found before the simulation starts (issue 17, point 4): no month was simulated.
  CHECK_FALSE(contains(r.out + r.err, "months in"));
  CHECK(contains(r.err, "cannot create directory"));
  CHECK_FALSE(fs::exists(out));
  CHECK_FALSE(fs::exists(out.string() + ".part"));
  CHECK(fs::is_regular_file(blocker));
  CHECK(slurp(blocker) == "x");
}

TEST_CASE("cli: compare refuses to pool two different scenarios that share a name") {
  const auto dir = scratch("compare_same_name");
  const auto base = write_scenario(dir, "base.json", "same", kTiny);
  const auto other = write_scenario(dir, "other.json", "same", std::string(kTiny) + R"(, "policies": {"dibao": {"near_poor_multiple": 2.0}})");
  REQUIRE(cli(dir, "run " + quote(base.string()) + " -o " + quote((dir / "a.h5").string())).code == prosim::kExitOk);
  REQUIRE(cli(dir, "run " + quote(other.string()) + " -o " + quote((dir / "b.h5").string())).code == prosim::kExitOk);
  REQUIRE(cli(dir, "run " + quote(base.string()) + " --seed 9 -o " + quote((dir / "a9.h5").string())).code == prosim::kExitOk);
  const auto r = cli(dir, "compare " + quote((dir / "a.h5").string()) + " " + quote((dir / "b.h5").string()));
  CHECK(r.code == prosim::kExitRuntime);
  CHECK(contains(r.err, (dir / "b.h5").string() + " and " + (dir / "a.h5").string() +
                            " are both named \"same\" but were run from different scenarios"));
  // Replicates (same scenario, other seed) still pool.
  CHECK(cli(dir, "compare " + quote((dir / "a.h5").string()) + " " + quote((dir / "a9.h5").string())).code == prosim::kExitOk);
}

TEST_CASE("cli: run --profile prints the time of every monthly system, the recorder and the burn-in") {
  const auto dir = scratch("profile");
  const auto scenario = write_scenario(dir, "tiny.json", "tiny", kTiny);
  const auto r = cli(dir, "run " + quote(scenario.string()) + " -o " + quote((dir / "p.h5").string()) + " --threads 1 --profile");
  CAPTURE(r.err);
  REQUIRE(r.code == prosim::kExitOk);
  // Written out here (systems/systems.h gives the order), not taken from the code.
  for (const char* name : {"build_world", "start_of_month", "policies.begin_month", "plan_firms", "run_labour_market",
                           "pay_wages_and_farm_income", "run_collectives", "run_consumption", "settle_firms",
                           "run_government", "pay_external_income", "run_family_support", "policies.transfers", "run_firm_entry_exit",
                           "run_demography", "run_migration", "close_month", "recorder", "calibration",
                           "write_output", "total"}) {
    INFO("section " << name);
    CHECK(contains(r.err, "\n" + std::string(name) + " "));
  }
  CHECK(contains(r.err, "(2 months)"));  // the burn-in's column: kTiny has 2 burn-in months
  CHECK(contains(r.err, "(6 months)"));  // and 2021-01 .. 2021-06 recorded
  CHECK(contains(r.err, "profile: seconds per section, 1 thread"));
  CHECK_FALSE(contains(r.out, "profile: "));  // stderr only: stdout stays the results
  // Without the flag: no profile.
  const auto plain = cli(dir, "run " + quote(scenario.string()) + " -o " + quote((dir / "q.h5").string()) + " --threads 1");
  REQUIRE(plain.code == prosim::kExitOk);
  CHECK_FALSE(contains(plain.err, "profile: "));
}
