// State files: a save / load / save round trip is byte-stable, and a run resumed from a state
// saved at any month (in the burn-in, at the first recorded month, right after a December,
// with policies under way) records the same bits as the uninterrupted run.
#include <doctest/doctest.h>

#include "state_helpers.h"

using namespace prosim;
using namespace prosim::testing;

TEST_CASE("state: save, load, save gives the same bytes (in the burn-in and after a December)") {
  const auto s = small_scenario("combined.json", "2022-06");
  const auto dir = state_dir("roundtrip");
  Simulation sim(s.params);
  // Month 5 of the burn-in, then month 14 (after the first December, enclaves and relocation under way).
  for (const int months : {5, 12 + 14 - 5}) {
    for (int m = 0; m < months; ++m) sim.advance();
    const auto a = dir / "a.h5", a2 = dir / "a2.h5", b = dir / "b.h5";
    save_state(sim, s.json.dump(2), a.string());
    save_state(sim, s.json.dump(2), a2.string());
    CHECK(file_bytes(a) == file_bytes(a2));
    Simulation copy(s.params);
    load_state(copy, a.string());
    save_state(copy, s.json.dump(2), b.string());
    CHECK(file_bytes(a).size() > 1000);
    CHECK(file_bytes(a) == file_bytes(b));
    CHECK(!fs::exists(a.string() + ".part"));
    const auto h = read_state_header(a.string());
    CHECK(h.month_index == sim.world().month_index);
    std::uint64_t living = 0;
    for (const auto n : sim.world().households.size) living += n;
    CHECK(h.persons == living);
    CHECK(h.scenario_name == "combined");
  }
}

TEST_CASE("state: resuming at any month gives the uninterrupted run's bits") {
  const auto s = small_scenario("combined.json", "2022-06");
  const auto dir = state_dir("resume");
  const std::string full = record_hash(run_simulation(s.params, 2));
  // First burn-in month, mid burn-in, first recorded month, mid-year, right after the first
  // December (the start of January 2022, when the combined policies begin), with them under way.
  for (const int at : {-12, -5, 0, 7, 12, 16}) {
    CAPTURE(at);
    const auto path = (dir / ("at" + std::to_string(at + 100) + ".h5")).string();
    CHECK(record_hash(run_saving(s, at, path)) == full);  // saving changes nothing
    REQUIRE(fs::exists(path));
    CHECK(record_hash(run_from(s, path, at == 7 ? 1 : 2)) == full);
  }
}

TEST_CASE("state: policies that keep their own state resume exactly (training, Dosi minimum wage)") {
  const auto dir = state_dir("resume_policies");
  // Training: enrolled in January 2022 (month 12), graduating three months later.
  const auto training = small_scenario("training.json", "2022-08");
  // Dosi indexation with a 3-month period from 2022-01: revisions in 2022-01 and 2022-04.
  const auto dosi = small_scenario(
      "minimum_wage_dosi.json", "2022-08",
      {{"policies", {{"minimum_wage", {{"indexation", {{"start", "2022-01"}, {"period_months", 3}}}}}}}});
  for (const auto* s : {&training, &dosi}) {
    const std::string full = record_hash(run_simulation(s->params, 2));
    const auto path = (dir / "s.h5").string();
    run_saving(*s, 14, path);
    CHECK(record_hash(run_from(*s, path)) == full);
  }
}
