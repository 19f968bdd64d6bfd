// The build's farmers by age (farmer_ages_from_census; population/population.cpp, model.md
// 3.2): in Zhejiang's 2016 agricultural census 54.0 % of the persons farming were 55 or
// older and 4.8 % 35 or younger; the build draws its village farmers by age band to follow
// that, at the same number, so the young and middle-aged villagers work off the farm.
// Small scale (0.004), several seeds, no timing.
#include <doctest/doctest.h>

#include "engine/simulation.h"
#include "small_world.h"

using namespace prosim;

namespace {

struct VillageFarmers {
  double residents = 0;
  double farmers = 0;
  double farmers_55 = 0;     // farmers aged 55 or more
  double farmers_under_36 = 0;
  double employees = 0;      // village residents employed by a firm
  double wages = 0;          // their wages of the month
  double own_account = 0, unemployed = 0, retired = 0, migrants = 0;  // for the printed diagnosis
};

VillageFarmers village_farmers(const Simulation& sim) {
  const auto& w = sim.world();
  const auto& ps = w.persons;
  const auto& hh = w.households;
  VillageFarmers v;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (ps.status[i] == LabourStatus::Vacant) continue;
    if (w.settlements.is_urban(hh.settlement[ps.household[i]])) continue;
    v.residents += 1;
    const double age = ps.age_months[i] / 12.0;
    if (ps.status[i] == LabourStatus::Farming) {
      v.farmers += 1;
      v.farmers_55 += age >= 55;
      v.farmers_under_36 += age < 36;
    } else if (ps.status[i] == LabourStatus::Employed) {
      v.employees += 1;
      v.wages += ps.wage[i];
    }
    v.own_account += ps.status[i] == LabourStatus::SelfEmployed;
    v.unemployed += ps.status[i] == LabourStatus::Unemployed;
    v.retired += ps.status[i] == LabourStatus::Retired;
    v.migrants += ps.status[i] == LabourStatus::Migrant;
  }
  return v;
}

// December 2021, after the burn-in and a recorded year.
VillageFarmers run(std::uint64_t seed, bool by_age) {
  nlohmann::ordered_json patch = {{"seed", seed}, {"economy", {{"farmer_ages_from_census", by_age}}}};
  Simulation sim(testing::small_world(patch, 0.004, "2021-12"));
  sim.calibrate();
  while (!sim.done()) sim.step();
  return village_farmers(sim);
}

}  // namespace

// Mechanism: farmer_ages_from_census. With it the village farmers are older (the census's
// 55-plus farm, the young work for wages) and more village residents are employees, with more
// wages per village resident; switched off (every village worker farms at the same rate, the
// rule before) the farmers' 55-plus share is the off runs' own and every check fails when the
// off runs are taken as the measured ones.
TEST_CASE("the build's village farmers follow the census's ages, and the young work off the farm (mechanism: farmer_ages_from_census)") {
  double employee_gain = 0, wage_gain = 0;
  for (std::uint64_t seed : {1, 2, 3}) {
    const VillageFarmers on = run(seed, true);
    const VillageFarmers off = run(seed, false);
    INFO("seed " << seed);
    const double old_on = on.farmers_55 / on.farmers, old_off = off.farmers_55 / off.farmers;
    const double young_on = on.farmers_under_36 / on.farmers, young_off = off.farmers_under_36 / off.farmers;
    const double emp = (on.employees / on.residents) / (off.employees / off.residents);
    const double wage = (on.wages / on.residents) / (off.wages / off.residents);
    MESSAGE("seed " << seed << ": farmers 55+ " << old_on << " against " << old_off << ", under 36 " << young_on
                    << " against " << young_off << ", farmers per resident " << on.farmers / on.residents
                    << " against " << off.farmers / off.residents << ", employees per village resident x " << emp
                    << ", wages per village resident x " << wage);
    // Where the village residents are (shares of residents; the village labour force's
    // unemployment rate last): model.md 4.11, "What remains of the shortfall".
    for (const VillageFarmers* v : {&on, &off})
      MESSAGE("  " << (v == &on ? "on " : "off") << ": employees " << v->employees / v->residents << ", own-account "
                   << v->own_account / v->residents << ", farmers " << v->farmers / v->residents << ", retired "
                   << v->retired / v->residents << ", migrants " << v->migrants / v->residents
                   << ", unemployment " << v->unemployed / (v->employees + v->own_account + v->farmers + v->unemployed)
                   << ", farmers' share of the employed "
                   << v->farmers / (v->employees + v->own_account + v->farmers));
    CHECK(old_on > old_off + 0.1);
    CHECK(young_on < young_off - 0.05);
    CHECK(emp > 1.0);
    employee_gain += emp / 3;
    wage_gain += wage / 3;
  }
  MESSAGE("mean over the seeds: employees per village resident x " << employee_gain << ", wages x " << wage_gain);
  CHECK(employee_gain > 1.01);
  CHECK(wage_gain > 1.0);
}
