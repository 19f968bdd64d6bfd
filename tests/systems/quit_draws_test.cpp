// Quits are drawn by skipping at a bound that does not depend on the state (model/person_rules.h
// kLabourMarketResponseMax), then thinned to each county's rate (labour_market.cpp). So a
// change in one county's unemployment changes quits in that county only: two scenarios with
// the same seed keep the same quits elsewhere (common random numbers). With the bound taken as
// the month's highest county rate, as before issue 12's review, one county's slump moved every
// gap of the skipping and with it the quits of every county.
#include <doctest/doctest.h>

#include "../model/small_world.h"
#include "population/world_builder.h"
#include "systems/systems.h"

using namespace prosim;

namespace {
// Persons who quit in the labour market step of the built world's first month, with county 0's
// unemployment last month set to `u0` and every other county's to the reference 3 %. No firm
// has a vacancy, so nobody is hired and a quitter stays unemployed.
std::vector<std::size_t> quits(const Params& p, double u0) {
  World w = build_world(p);
  w.county_unemployment.assign(w.counties.size(), 0.03);
  w.county_unemployment[0] = u0;
  for (auto& v : w.firms.vacancies) v = 0;
  std::vector<bool> employed(w.persons.size());
  for (std::size_t i = 0; i < w.persons.size(); ++i) employed[i] = w.persons.status[i] == LabourStatus::Employed;
  Workspace ws;
  run_labour_market(p, w, ws);
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < w.persons.size(); ++i)
    if (employed[i] && w.persons.status[i] == LabourStatus::Unemployed) out.push_back(i);
  return out;
}
}  // namespace

TEST_CASE("one county's unemployment does not move the quits of the others (common random numbers)") {
  auto p = testing::small_world({}, 0.004);
  REQUIRE(p.economy.quit_cyclicality > 0);
  REQUIRE(p.counties.size() > 1);
  // County 0 at 0 % unemployment quits at the rule's highest rate (twice quit_rate), the
  // others at quit_rate.
  const auto base = quits(p, 0.03), tight = quits(p, 0.0);
  const World w = build_world(p);
  auto elsewhere = [&](const std::vector<std::size_t>& q) {
    std::vector<std::size_t> out;
    for (auto i : q)
      if (w.households.county[w.persons.household[i]] != 0) out.push_back(i);
    return out;
  };
  auto in_county0 = [&](const std::vector<std::size_t>& q) { return q.size() - elsewhere(q).size(); };
  MESSAGE("quits in county 0: " << in_county0(base) << " at 3 %, " << in_county0(tight) << " at 0 %; elsewhere "
                                << elsewhere(base).size() << " and " << elsewhere(tight).size());
  REQUIRE(elsewhere(base).size() > 20);
  CHECK(elsewhere(tight) == elsewhere(base));
  // The county itself quits more (the rule's response), so the draws did change there.
  CHECK(in_county0(tight) > in_county0(base));
}
