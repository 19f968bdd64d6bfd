// Counties placed at their real seats (issue 12, "stable counties"; model.md section 1): a
// county's labour market is open to its neighbours' workplaces within commuting reach.
// scenarios/jinhua_county_seats.json is the baseline with the seats; the baseline itself
// (no seats) keeps the ring. Small scale, several seeds, no timing.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/error.h"
#include "engine/simulation.h"
#include "population/world_builder.h"
#include "record_series.h"
#include "small_world.h"

using namespace prosim;

namespace {

// scenarios/jinhua_county_seats.json made small, as testing::small_world makes the baseline
// small; `region` is written into the test's file as it is, so that its nulls reach the
// loader, whose merge over the parent (`extends`) deletes those keys (RFC 7396).
Params seats_world(std::uint64_t seed = 1, double scale = 0.002, const char* end = "2022-12",
                   const nlohmann::ordered_json& region = nlohmann::ordered_json::object()) {
  const std::string dir = std::string(PROSIM_SOURCE_DIR) + "/scenarios";
  nlohmann::ordered_json j = {{"extends", dir + "/jinhua_county_seats.json"}, {"name", "test"}, {"seed", seed},
                              {"scale", scale}, {"end", end}, {"economy", {{"burn_in_months", 36}}}};
  if (!region.empty()) j["region"] = region;
  return params_from_json(load_scenario_text(j.dump(), "test.json", dir).json);
}

int county_index(const Params& p, const std::string& name) {
  for (std::size_t c = 0; c < p.counties.size(); ++c)
    if (p.counties[c].name == name) return static_cast<int>(c);
  FAIL("no county " << name);
  return -1;
}

// The counties whose workplaces (towns, parks) the seat town of `from` reaches.
std::vector<std::string> reached_from_seat(const Params& p, const World& w, const std::string& from) {
  std::vector<std::string> out;
  const auto seat = w.counties[county_index(p, from)].towns.front();
  for (auto s : w.settlements.reachable_work[seat]) {
    const auto& name = p.counties[w.settlements.county[s]].name;
    if (name != from && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Share of `county`'s employed residents whose employer is a firm of another county, in
// December 2021 (after the burn-in and a year).
double commuting_share(const Params& p, const std::string& county) {
  Simulation sim(p);
  while (!sim.done()) sim.advance();
  const World& w = sim.world();
  const int c = county_index(p, county);
  double employed = 0, elsewhere = 0;
  for (std::size_t i = 0; i < w.persons.size(); ++i) {
    const auto f = w.persons.employer[i];
    if (f < 0 || w.households.county[w.persons.household[i]] != c) continue;
    employed += 1;
    elsewhere += w.firms.county[f] != c ? 1 : 0;
  }
  return elsewhere / employed;
}

}  // namespace

// Mechanism: build_geography centres each county at its seat (scenario key `seat`). On the
// ring (the baseline, no seats) Wuyi's ring neighbours were Pujiang and Pan'an and no
// workplace of another county lay within the 60-minute reach of any of its settlements
// (docs/validation.md, Wuyi's 2025-2029 episode). At the real seats Wuyi's seat is 22 km from
// Yongkang's, 26 km from Jindong's and 32 km from Wucheng's, and Yiwu's 16 km from Dongyang's
// (the projected seats, calibration.md section 2): Wuyi's seat town reaches workplaces of
// Wucheng, Jindong and Yongkang, Yiwu's of Dongyang and Pujiang (seed 1, scale 0.002).
TEST_CASE("county seats open Wuyi's labour market to Yongkang and Jinhua's urban districts (mechanism: county seats)") {
  const auto with = seats_world();
  const World w = build_world(with);
  const auto from_wuyi = reached_from_seat(with, w, "Wuyi");
  const auto from_yiwu = reached_from_seat(with, w, "Yiwu");
  CHECK(contains(from_wuyi, "Yongkang"));
  CHECK((contains(from_wuyi, "Jindong") || contains(from_wuyi, "Wucheng")));
  CHECK(contains(from_yiwu, "Dongyang"));
  CHECK_FALSE(contains(from_wuyi, "Pan'an"));  // 64 km away

  const auto ring = testing::small_world({}, 0.002);
  const World r = build_world(ring);
  CHECK(reached_from_seat(ring, r, "Wuyi").empty());
}

// Mechanism: job search covers the workplaces in reach of a household's settlement
// (labour_market.cpp), so with the seats Wuyi's workers also work for firms of Yongkang and
// Jinhua's urban districts; on the ring they cannot. Measured (scale 0.004, December 2021,
// seeds 1-3): 77, 80 and 84 % of Wuyi's employed residents work for a firm of another county
// at the seats (job search has no distance cost within the reach: far too many, model.md
// section 10), 0.6, 0 and 0 % on the ring (households that moved into Wuyi keeping their jobs).
TEST_CASE("some of Wuyi's workers work in another county (mechanism: county seats)") {
  for (std::uint64_t seed : {1, 2, 3}) {
    const double with = commuting_share(seats_world(seed, 0.004, "2021-12"), "Wuyi");
    const double ring = commuting_share(testing::small_world({{"seed", seed}}, 0.004, "2021-12"), "Wuyi");
    INFO("seed " << seed);
    CAPTURE(with);
    CAPTURE(ring);
    MESSAGE("seed " << seed << ": share of Wuyi's workers employed in another county " << with << " (ring " << ring << ")");
    CHECK(ring < 0.02);
    CHECK(with > 0.2);
  }
}

// Mechanism: county seats. A county's job seekers also reach its neighbours' workplaces, so
// one county's slump no longer stays inside it (Wuyi's 2025-2029 episode, docs/validation.md).
// Measured (scale 0.004, 2021-2030 yearly means, every county, seeds 1-3): county-years
// 2.0-5.5 %, 2.5-5.0 %, 1.0-4.7 % at the seats with appeal reverting towards its entry value
// (model.md 4.2; 1.9-5.2 %, 2.5-5.4 %, 1.1-4.5 % with the random walk); with the random walk
// on the ring (the seats taken out of
// jinhua_county_seats.json: the baseline) 0.5-5.9 %, 1.5-10.5 %, 1.0-6.0 %, so the ring fails
// the 8 % (seed 2; with the reversion seed 2's ring run, the same as the
// baseline_dynamics test's, reaches 12.9 %). The lower end (1 %) is not checked: at this scale a county-year of
// the ring and one at the seats both sit near it.
TEST_CASE("every county-year's unemployment stays below 8 % at the county seats (mechanism: county seats)") {
  for (std::uint64_t seed : {1, 2, 3}) {
    const auto params = seats_world(seed, 0.004, "2030-12");
    const RunRecord r = run_simulation(params, 2);
    const auto& u = testing::series(r, "/county", "unemployment_rate");
    const std::size_t C = params.counties.size();
    double low = 1, high = 0;
    for (std::size_t y = 0; y < 10; ++y)
      for (std::size_t c = 0; c < C; ++c) {
        const double m = testing::county_year_mean(u, C, y, c);
        low = std::min(low, m);
        high = std::max(high, m);
      }
    INFO("seed " << seed);
    CAPTURE(low);
    CAPTURE(high);
    MESSAGE("seed " << seed << ": county-years " << low << "-" << high);
    CHECK(high <= 0.08);
  }
}

// Seats place the counties relative to each other, so a scenario gives them for every county
// or for none; a mix is refused (io/scenario_loader.cpp) and the error names a county without
// one.
TEST_CASE("a scenario giving seats for some counties only is refused, naming the county") {
  try {
    seats_world(1, 0.002, "2022-12", {{"counties", {{"Pan'an", {{"seat", nullptr}}}}}});
    FAIL("accepted");
  } catch (const ScenarioError& e) {
    CAPTURE(e.what());
    const std::string where = e.where(), suffix = ": /region/counties/Pan'an";
    CHECK(where.size() > suffix.size());
    CHECK(where.compare(where.size() - suffix.size(), suffix.size(), suffix) == 0);
    CHECK(std::string(e.what()).find("a county with a \"seat\", as county Wucheng gives one") != std::string::npos);
  }
  CHECK_NOTHROW(testing::small_world());  // none: the ring
}
