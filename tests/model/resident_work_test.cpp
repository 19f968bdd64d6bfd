// Work past 60 on the resident pension (resident_work_age; systems/demography.cpp,
// population/population.cpp, model.md 4.11): a person without an urban-employee pension
// record keeps the job or own-account business he holds until resident_work_age, as rural
// China's older workers do (local migrant workers, 本地农民工, averaged 46.8 years in 2024,
// NBS). Small scale (0.004), several seeds, no timing.
#include <doctest/doctest.h>

#include "engine/simulation.h"
#include "small_world.h"

using namespace prosim;

namespace {

struct VillageWork {
  double residents = 0;
  double wages = 0;          // wages of the month of employed village residents
  double employees = 0;      // village residents employed
  double employees_60 = 0;   // of whom aged 60 or more
  double employee_age = 0;   // their mean age, years
};

VillageWork village_work(const Simulation& sim) {
  const auto& w = sim.world();
  const auto& ps = w.persons;
  const auto& hh = w.households;
  VillageWork v;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (ps.status[i] == LabourStatus::Vacant) continue;
    if (w.settlements.is_urban(hh.settlement[ps.household[i]])) continue;
    v.residents += 1;
    if (ps.status[i] != LabourStatus::Employed) continue;
    const double age = ps.age_months[i] / 12.0;
    v.wages += ps.wage[i];
    v.employees += 1;
    v.employees_60 += age >= 60;
    v.employee_age += age;
  }
  v.employee_age /= v.employees;
  return v;
}

// December 2021, after the burn-in and a recorded year; resident_work_age < 0: the default.
// The build's farmers are drawn at one rate at every age (farmer_ages_from_census false, the
// rule this test was written on), to isolate resident_work_age: with the census's farmer ages
// (population.cpp, model.md 3.2) most village workers aged 55-69 farm from the build, so few
// are employees to keep working past 60, and the mechanism moves less (employees 60+ 3.8 /
// 6.0 / 3.7 %, mean age 42.1 / 42.8 / 41.9 against 41.4 / 41.6 / 41.2, wages per village
// resident x 1.0047 / 1.0086 / 0.9969, seeds 1-3; both mechanisms on against farmer ages on
// and resident_work_age 60).
VillageWork run(std::uint64_t seed, int resident_work_age) {
  nlohmann::ordered_json patch = {{"seed", seed}, {"economy", {{"farmer_ages_from_census", false}}}};
  if (resident_work_age >= 0) patch["economy"]["resident_work_age"] = resident_work_age;
  return village_work(testing::run_small_world(patch, 0.004, "2021-12"));
}

}  // namespace

// Mechanism: resident_work_age. Village residents aged 60-64 without an employee pension
// record keep their jobs, so more village residents work for wages, they are older, and
// village wages per resident rise (the burn-in then pays less of village income through the
// outside-income channel, counted as transfers). With resident_work_age = retirement_age
// (60, the rule before; the `off` runs below) nobody employed is 60 or older and wages per
// village resident are lower: with the off runs as the measured ones every check fails.
// Measured (scale 0.004, December 2021, seeds 1-3, default 65 against 60): employees aged
// 60+ 8.0 / 9.6 / 7.6 %, their mean age 43.5 / 44.0 / 43.6 against 42.1 / 42.1 / 42.0,
// wages per village resident +3.8 / +6.5 / +2.9 %. The wage gain is smaller than the employment gain:
// the burn-in's wage lever lowers every county's wage level until the larger labour force
// is employed at the same GDP (model.md 5).
TEST_CASE("village residents on the resident pension keep working until resident_work_age (mechanism: resident_work_age)") {
  double wage_gain = 0;  // mean over the seeds of the ratio of wages per village resident
  for (std::uint64_t seed : {1, 2, 3}) {
    const VillageWork on = run(seed, -1);
    const VillageWork off = run(seed, 60);
    INFO("seed " << seed);
    CAPTURE(on.employees_60 / on.employees);
    CAPTURE(off.employees_60 / off.employees);
    CAPTURE(on.employee_age);
    CAPTURE(off.employee_age);
    CAPTURE(on.wages / on.residents);
    CAPTURE(off.wages / off.residents);
    MESSAGE("seed " << seed << ": employees 60+ " << on.employees_60 / on.employees << ", mean age " << on.employee_age
                    << " against " << off.employee_age << ", wages per village resident x "
                    << (on.wages / on.residents) / (off.wages / off.residents));
    CHECK(on.employees_60 > 0.05 * on.employees);
    CHECK(on.employee_age > off.employee_age + 1.0);
    // The wage gain is held per seed above 1 and on the mean of the seeds above 1.02: it is small
    // against the paths' noise at this scale. Per seed it was x 1.0367 / 1.0433 / 1.0219 before
    // the dibao's classified supplements (model.md 4.9) and x 1.0369 / 1.0493 / 1.0165 with them
    // (seed 3 below 1.02: the supplements change 2021's paths, not this mechanism; means x 1.0340
    // and x 1.0342).
    CHECK(on.wages / on.residents > off.wages / off.residents);
    wage_gain += (on.wages / on.residents) / (off.wages / off.residents) / 3;
  }
  MESSAGE("wages per village resident, mean ratio over the seeds x " << wage_gain);
  CHECK(wage_gain > 1.02);
}
