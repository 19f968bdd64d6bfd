// `prosim run --checkpoint-every / --resume / --save-state / --from-state` and `prosim inspect`
// of a state, end to end with the real binary: a run SIGKILLed at seeded random points and
// resumed writes the uninterrupted run's bits; unusable states exit 5 naming what is wrong.
#include <doctest/doctest.h>

#include <chrono>
#include <set>
#include <sstream>

#include "../model/record_hash.h"
#include "cli_helpers.h"
#include "core/error.h"
#include "io/h5_reader.h"

using namespace prosim::testing::cli;

namespace {

constexpr const char* kSmall = R"("scale": 0.002, "end": "2022-03", "economy": {"burn_in_months": 12})";

// The data and the attributes of an output, timing attributes aside: a line per group (its
// hash) and per attribute, so that a difference names where it is (bits_difference).
std::string output_bits(const std::string& path) {
  const auto r = prosim::read_run(path);
  std::string bits;
  for (const auto& g : r.groups) bits += "group " + g.path + " " + prosim::testing::group_hash(g) + "\n";
  static const std::set<std::string> timing = {"history", "wall_seconds", "threads"};
  for (const auto& [k, v] : r.attributes)
    if (!timing.count(k)) bits += "attribute " + k + "=" + v + "\n";
  return bits + "seed=" + std::to_string(r.seed) + " sha=" + r.scenario_sha256 + "\njson=" + r.scenario_json;
}

// "" when `a` and `b` are equal, else the first lines that differ (each cut to 160 characters).
std::string bits_difference(const std::string& a, const std::string& b) {
  std::istringstream sa(a), sb(b);
  std::string la, lb, diff;
  int shown = 0;
  for (int line = 1; (std::getline(sa, la) ? 1 : 0) + (std::getline(sb, lb) ? 1 : 0) > 0 && shown < 4; ++line, la.clear(), lb.clear())
    if (la != lb) {
      diff += "line " + std::to_string(line) + ": '" + la.substr(0, 160) + "' vs '" + lb.substr(0, 160) + "'; ";
      ++shown;
    }
  return diff;
}

}  // namespace

TEST_CASE("states: SIGKILL at random points, then --resume, gives the uninterrupted run's bits") {
  const auto dir = scratch("state_sigkill");
  const auto scenario = write_scenario(dir, "run.json", "killed", kSmall);
  const std::string ref = (dir / "ref.h5").string(), out = (dir / "out.h5").string();
  const std::string ckpt = out + ".ckpt", err = (dir / "attempt.err").string();
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(cli(dir, "run " + quote(scenario.string()) + " -o " + quote(ref) + " --threads 1").code == prosim::kExitOk);
  // Kill delays are drawn over the length of a whole run on this machine, whatever its speed.
  const int run_ms = static_cast<int>(
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  const std::string expected = output_bits(ref);
  std::uint64_t state = 20261205;  // fixed: a failure can be replayed
  int resumed = 0, after_output = 0, stale = 0;
  for (int k = 0; k < 6; ++k) {
    fs::remove(out);
    fs::remove(ckpt);
    std::string log = "run " + std::to_string(k + 1) + " of 6 (a whole run took " + std::to_string(run_ms) + " ms):";
    INFO(log);  // read when a check fails: what each attempt did
    // Kill the first run, then keep killing resumed runs, until one finishes.
    std::string args = " --checkpoint-every 2 --threads 2";
    int code = -1;
    for (int attempt = 0; attempt < 20; ++attempt) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const int delay_ms = run_ms / 10 + static_cast<int>((state >> 33) % static_cast<std::uint64_t>(run_ms));
      // The subshell's status is the run's: 0 when it finished before the kill, 128 + 9 when killed.
      const std::string cmd = "cd " + quote(dir.string()) + " && (" + kBinary + " run " + quote(scenario.string()) +
                              " -o " + quote(out) + args + " >/dev/null 2>" + quote(err) + " & pid=$!; sleep " +
                              std::to_string(delay_ms / 1000.0) + "; kill -KILL $pid 2>/dev/null; wait $pid) 2>/dev/null";
      const int status = std::system(cmd.c_str());
      code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      const std::string said = slurp(err);
      const auto from = said.find("(month ");  // "resuming from OUT.h5.ckpt (month YYYY-MM)"
      log += " [" + std::string(args.find("--resume") == std::string::npos ? "fresh" : "--resume") +
             (from == std::string::npos ? "" : " from " + said.substr(from + 7, 7)) + ", kill at " +
             std::to_string(delay_ms) + " ms: exit " + std::to_string(code) + (fs::exists(out) ? ", output" : "") +
             (fs::exists(ckpt) ? ", checkpoint" : "") + "]";
      // Anything but a finish or the kill (a refused checkpoint, a crash) is a failure, with what the run said.
      REQUIRE_MESSAGE((code == prosim::kExitOk || code == 128 + 9), "the run said: " << said);
      if (fs::exists(out)) {
        // SIGKILL after the output's rename but before the checkpoint's removal (run_one:
        // write_run, then RunStates::finished) leaves a complete output and the checkpoint
        // beside it. No order of the two avoids it: removing the checkpoint first would lose
        // the run to a kill before the rename. It failed 3 of 40 runs of this test on a loaded
        // machine before the test allowed it; 2 of 30 runs since met it (the message below).
        if (code != prosim::kExitOk) {
          ++after_output;
          stale += fs::exists(ckpt);
        }
        break;
      }
      if (fs::exists(ckpt)) {
        args = " --checkpoint-every 2 --threads 2 --resume";
        ++resumed;
      } else {
        args = " --checkpoint-every 2 --threads 2";  // killed before the first checkpoint
      }
    }
    if (!fs::exists(out)) {  // finish without a kill
      const auto r = cli(dir, "run " + quote(scenario.string()) + " -o " + quote(out) + args);
      code = r.code;
      log += " [finish without a kill: exit " + std::to_string(code) + "]";
      REQUIRE_MESSAGE(code == prosim::kExitOk, "the run said: " << r.err);
    }
    CHECK(bits_difference(output_bits(out), expected) == "");
    CHECK(!fs::exists(out + ".part"));  // renamed into the output
    // A run that exited by itself has removed its checkpoint (and any .part) once the output was written.
    if (code == prosim::kExitOk) {
      CHECK(!fs::exists(ckpt));
      CHECK(!fs::exists(ckpt + ".part"));
    }
  }
  MESSAGE("6 killed runs, " << resumed << " resumptions from a checkpoint, " << after_output
                            << " kills after the output's rename (" << stale << " before the checkpoint's removal)");
  CHECK(resumed > 0);
}

TEST_CASE("states: --resume without a usable checkpoint, and unfitting states, exit 5 saying why") {
  const auto dir = scratch("state_refused");
  const auto scenario = write_scenario(dir, "run.json", "base", kSmall);
  const std::string out = (dir / "out.h5").string();
  auto r = cli(dir, "run " + quote(scenario.string()) + " -o " + quote(out) + " --resume");
  CHECK(r.code == prosim::kExitState);
  CHECK(contains(r.err, "no checkpoint " + out + ".ckpt"));
  CHECK(!fs::exists(out));
  // A finished output with a checkpoint beside it (a kill between the output's rename and the
  // checkpoint's removal): --resume refuses, saying what the pair means, and touches neither.
  {
    const std::string done = (dir / "done.h5").string();
    spit(done, "finished output");
    spit(done + ".ckpt", "checkpoint");
    const auto d = cli(dir, "run " + quote(scenario.string()) + " -o " + quote(done) + " --resume");
    CHECK(d.code != prosim::kExitOk);
    CHECK(contains(d.err, "exists, with the checkpoint " + done + ".ckpt beside it"));
    CHECK(contains(d.err, "give --overwrite"));
    CHECK(slurp(done) == "finished output");
    CHECK(slurp(done + ".ckpt") == "checkpoint");
  }
  // A checkpoint of another seed.
  const std::string state = (dir / "jan.h5").string();
  REQUIRE(cli(dir, "run " + quote(scenario.string()) + " -o " + quote((dir / "b.h5").string()) + " --save-state 2022-01=" +
                       quote(state))
              .code == prosim::kExitOk);
  fs::copy_file(state, out + ".ckpt");
  r = cli(dir, "run " + quote(scenario.string()) + " -o " + quote(out) + " --resume --seed 9");
  CHECK(r.code == prosim::kExitState);
  CHECK(contains(r.err, "/seed differs (state: 20210101, scenario: 9)"));
  // A damaged checkpoint.
  spit(out + ".ckpt", slurp(state).substr(0, 5000));
  r = cli(dir, "run " + quote(scenario.string()) + " -o " + quote(out) + " --resume");
  CHECK(r.code == prosim::kExitState);
  CHECK(contains(r.err, "checkpoint"));
  // A policy starting before the state's month.
  const auto early = write_scenario(dir, "early.json", "early",
                                    std::string(kSmall) + R"(, "policies": {"training": {"start": "2021-06"}})");
  r = cli(dir, "run " + quote(early.string()) + " -o " + quote((dir / "e.h5").string()) + " --from-state " + quote(state));
  CHECK(r.code == prosim::kExitState);
  CHECK(contains(r.err, "/policies/training"));
  CHECK(contains(r.err, "acts from 2021-06, before the state's month 2022-01"));
  // A month outside the run is a usage error.
  r = cli(dir, "run " + quote(scenario.string()) + " -o " + quote((dir / "x.h5").string()) + " --save-state 2031-01=x.h5");
  CHECK(r.code == prosim::kExitUsage);
  CHECK(contains(r.err, "2031-01 is not a month of this run"));
}

TEST_CASE("states: --from-state a baseline state runs a policy scenario to its full run's bits; inspect shows the state") {
  const auto dir = scratch("state_fork");
  const auto base = write_scenario(dir, "base.json", "base", kSmall);
  const auto policy = write_scenario(dir, "policy.json", "policy",
                                     std::string(kSmall) + R"(, "policies": {"training": {"start": "2022-01"}})");
  const std::string state = (dir / "jan.h5").string();
  REQUIRE(cli(dir, "run " + quote(base.string()) + " -o " + quote((dir / "b.h5").string()) + " --save-state 2022-01=" +
                       quote(state))
              .code == prosim::kExitOk);
  const std::string full = (dir / "full.h5").string(), fork = (dir / "fork.h5").string();
  REQUIRE(cli(dir, "run " + quote(policy.string()) + " -o " + quote(full)).code == prosim::kExitOk);
  const auto r = cli(dir, "run " + quote(policy.string()) + " -o " + quote(fork) + " --from-state " + quote(state));
  REQUIRE(r.code == prosim::kExitOk);
  CHECK(contains(r.err, "starting from " + state + " (scenario \"base\", month 2022-01)"));
  CHECK(output_bits(fork) == output_bits(full));
  const auto i = cli(dir, "inspect " + quote(state));
  CHECK(i.code == prosim::kExitOk);
  CHECK(contains(i.out, "month                  2022-01"));
  CHECK(contains(i.out, "scenario_name          base"));
  CHECK(contains(i.out, "persons"));
  CHECK(contains(i.out, "households"));
}

TEST_CASE("states: --replicates with --state-cache fork from the states an earlier scenario left, to the same bits") {
  const auto dir = scratch("state_cache");
  const auto base = write_scenario(dir, "base.json", "base", kSmall);
  const auto policy = write_scenario(dir, "policy.json", "policy",
                                     std::string(kSmall) + R"(, "policies": {"enclave": {"start": "2022-01"}})");
  const std::string cache = (dir / "states").string();
  for (const auto& s : {base, policy}) {
    const std::string stem = s.stem().string();
    const auto a = cli(dir, "run " + quote(s.string()) + " -o " + quote((dir / (stem + "_c.h5")).string()) +
                                " --replicates 2 --state-cache " + quote(cache));
    REQUIRE(a.code == prosim::kExitOk);
    // The policy scenario's replicates start from the baseline's latest state: its minimum-wage entry of 2021-08.
    if (stem == "policy") CHECK(contains(a.err, "(month 2021-08)"));
    REQUIRE(cli(dir, "run " + quote(s.string()) + " -o " + quote((dir / (stem + "_n.h5")).string()) + " --replicates 2")
                .code == prosim::kExitOk);
    for (const char* r : {"_r001.h5", "_r002.h5"})
      CHECK(output_bits((dir / (stem + "_c" + r)).string()) == output_bits((dir / (stem + "_n" + r)).string()));
  }
}

TEST_CASE("states: a sweep of policy settings forks its runs from DIR/states, to the plain runs' bits") {
  const auto dir = scratch("state_sweep");
  const auto base = write_scenario(dir, "base.json", "enc_small",
                                   std::string(kSmall) + R"(, "policies": {"enclave": {"start": "2022-01"}})");
  spit(dir / "sw.json", R"({"base": "base.json", "name": "sw", "replicates": 2, "design": {"type": "grid"},
 "factors": {"ret": {"pointer": "/policies/enclave/fixed_return", "levels": [0.06, 0.12]}},
 "outputs": {"series": ["gini"], "summaries": {"g": {"indicator": "gini", "year": 2021}}}})");
  const auto out = dir / "out";
  REQUIRE(cli(dir, "sweep " + quote((dir / "sw.json").string()) + " -o " + quote(out.string()) + " --jobs 2").code ==
          prosim::kExitOk);
  REQUIRE(fs::is_directory(out / "states"));
  int forked = 0;
  for (const auto& e : fs::directory_iterator(out / "runs")) {
    if (e.path().extension() != ".json") continue;
    auto stem = e.path();
    stem.replace_extension("");
    forked += contains(slurp(stem.string() + ".log"), "starting from");
    const std::string plain = stem.string() + "_plain.h5";
    REQUIRE(cli(dir, "run " + quote(e.path().string()) + " -o " + quote(plain) + " --threads 1").code == prosim::kExitOk);
    CHECK(output_bits(stem.string() + ".h5") == output_bits(plain));
  }
  // With 2 jobs the first point's replicates run first; the second point's replicate 1 starts
  // only after the first's has finished (and left its states), so at least it forks.
  MESSAGE(forked << " of 4 sweep runs forked");
  CHECK(forked >= 1);
}
