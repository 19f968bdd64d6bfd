// A seed a file records can be given back (issue 17, point 2): a replicate's derived seed uses
// the whole unsigned 64-bit range, `--seed` accepts it, and the rerun records the same data
// bit for bit. Also the usage errors around seeds, thread counts and mistyped commands.
#include <doctest/doctest.h>

#include <string>

#include "../model/record_hash.h"
#include "cli_helpers.h"
#include "core/error.h"
#include "io/h5_reader.h"

using namespace prosim::testing::cli;

TEST_CASE("cli: a replicate's recorded seed given to --seed reproduces its data bit for bit") {
  const auto dir = scratch("seed_roundtrip");
  const auto scenario = write_scenario(dir, "tiny.json", "tiny", kTiny);
  const auto rep = cli(dir, "run " + quote(scenario.string()) + " --replicates 2 -o " + quote((dir / "rep.h5").string()));
  CAPTURE(rep.err);
  REQUIRE(rep.code == prosim::kExitOk);
  const auto replicate = prosim::read_run((dir / "rep_r002.h5").string());
  const std::string seed = std::to_string(replicate.seed);
  CAPTURE(seed);
  CHECK(seed.size() >= 18);  // derived seeds use the full range; the old 18-digit limit refused many
  const auto again = cli(dir, "run " + quote(scenario.string()) + " --seed " + seed + " -o " + quote((dir / "again.h5").string()));
  CAPTURE(again.err);
  REQUIRE(again.code == prosim::kExitOk);
  const auto rerun = prosim::read_run((dir / "again.h5").string());
  CHECK(rerun.seed == replicate.seed);
  CHECK(prosim::testing::record_hash(rerun) == prosim::testing::record_hash(replicate));

  const auto max = cli(dir, "run " + quote(scenario.string()) + " --seed 18446744073709551615 -o " +
                                quote((dir / "max.h5").string()));
  CHECK(max.code == prosim::kExitOk);
  for (const char* bad : {"18446744073709551616", "99999999999999999999", "-1", "1e3", "123456789012345678901"}) {
    CAPTURE(bad);
    const auto r = cli(dir, "run " + quote(scenario.string()) + " --seed " + bad);
    CHECK(r.code == prosim::kExitUsage);
    CHECK(contains(r.err, "must be an integer from 0 to 18446744073709551615"));
  }
}

TEST_CASE("cli: --threads above 1024 and unknown commands are usage errors that say what is wrong") {
  const auto dir = scratch("usage_words");
  const auto scenario = write_scenario(dir, "tiny.json", "tiny", kTiny);
  const auto t = cli(dir, "run " + quote(scenario.string()) + " --threads 100000");
  CHECK(t.code == prosim::kExitUsage);
  CHECK(contains(t.err, "must be an integer from 0 (all cores) to 1024, got '100000'"));
  const auto u = cli(dir, "runn " + quote(scenario.string()));
  CHECK(u.code == prosim::kExitUsage);
  CHECK(contains(u.err, "prosim: unknown command 'runn'; did you mean 'run'?"));
  const auto far = cli(dir, "frobnicate");
  CHECK(far.code == prosim::kExitUsage);
  CHECK(contains(far.err, "prosim: unknown command 'frobnicate'; the commands are run, sweep, validate, inspect, compare"));
}
