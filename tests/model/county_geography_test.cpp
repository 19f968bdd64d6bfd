// Counties placed at their real seats (issue 12, "stable counties"; model.md section 1): a
// county's labour market is open to its neighbours' workplaces within commuting reach, and
// job search prefers near workplaces (the commute-time decay, model.md 4.3). The baseline
// (scenarios/jinhua_baseline.json) gives the seats; the ring is the baseline with them taken
// out. Small scale, several seeds, no timing.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/error.h"
#include "engine/simulation.h"
#include "model/constants.h"
#include "model/travel.h"
#include "population/world_builder.h"
#include "record_series.h"
#include "small_world.h"

using namespace prosim;

namespace {

// The baseline made small, as testing::small_world makes it; `region` is written into the
// test's file as it is, so that its nulls reach the loader, whose merge over the parent
// (`extends`) deletes those keys (RFC 7396).
Params seats_world(std::uint64_t seed = 1, double scale = 0.002, const char* end = "2022-12",
                   const nlohmann::ordered_json& region = nlohmann::ordered_json::object(),
                   const nlohmann::ordered_json& economy = nlohmann::ordered_json::object()) {
  const std::string dir = std::string(PROSIM_SOURCE_DIR) + "/scenarios";
  nlohmann::ordered_json j = {{"extends", dir + "/jinhua_baseline.json"}, {"name", "test"}, {"seed", seed},
                              {"scale", scale}, {"end", end}, {"economy", {{"burn_in_months", 36}}}};
  if (!region.empty()) j["region"] = region;
  if (!economy.empty()) j["economy"].merge_patch(economy);
  return params_from_json(load_scenario_text(j.dump(), "test.json", dir).json);
}

// The baseline on the ring: every county's seat taken out.
Params ring_world(std::uint64_t seed = 1, double scale = 0.002, const char* end = "2022-12") {
  nlohmann::ordered_json counties = nlohmann::ordered_json::object();
  for (const auto& c : testing::small_world().counties) counties[c.name] = {{"seat", nullptr}};
  return seats_world(seed, scale, end, {{"counties", counties}});
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

// Where the employed work at the end of a run (after the burn-in and `end`): by county of
// residence, the share employed by a firm of another county; over the region, the share
// employed by a firm of another county, and, among persons living in a town (the urban
// commuters the commuting report counts), the share whose employer's settlement is within
// 5 km by road (travel.h: 1.3 x the straight line) of home.
struct Commuting {
  std::vector<double> elsewhere;  // by county of residence
  double region_elsewhere = 0, town_within_5km = 0;
};

Commuting commuting(const Params& p) {
  Simulation sim(p);
  while (!sim.done()) sim.advance();
  const World& w = sim.world();
  const auto& st = w.settlements;
  const std::size_t C = w.counties.size();
  std::vector<double> employed(C, 0.0), elsewhere(C, 0.0);
  double town = 0, town_near = 0;
  for (std::size_t i = 0; i < w.persons.size(); ++i) {
    const auto f = w.persons.employer[i];
    if (f < 0) continue;
    const auto h = w.persons.household[i];
    const auto c = w.households.county[h];
    employed[c] += 1;
    elsewhere[c] += w.firms.county[f] != c ? 1 : 0;
    const auto a = w.households.settlement[h], b = w.firms.settlement[f];
    if (st.kind[a] != SettlementKind::Town) continue;
    const double dx = st.x_km[a] - st.x_km[b], dy = st.y_km[a] - st.y_km[b];
    town += 1;
    town_near += kRoadDetour * std::sqrt(dx * dx + dy * dy) <= 5.0 ? 1 : 0;
  }
  Commuting out;
  double all = 0, away = 0;
  for (std::size_t c = 0; c < C; ++c) {
    out.elsewhere.push_back(elsewhere[c] / employed[c]);
    all += employed[c];
    away += elsewhere[c];
  }
  out.region_elsewhere = away / all;
  out.town_within_5km = town_near / town;
  return out;
}

}  // namespace

// Mechanism: build_geography centres each county at its seat (scenario key `seat`). On the
// ring (the baseline without seats) Wuyi's ring neighbours were Pujiang and Pan'an and no
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

  const auto ring = ring_world();
  const World r = build_world(ring);
  CHECK(reached_from_seat(ring, r, "Wuyi").empty());
}

// Mechanism: job search covers the workplaces in reach of a household's settlement
// (labour_market.cpp), so with the seats Wuyi's workers also work for firms of Yongkang and
// Jinhua's urban districts; on the ring they cannot. Measured (scale 0.004, December 2021,
// seeds 1-3): 16, 19 and 14 % of Wuyi's employed residents work for a firm of another county
// at the seats with the commute-time decay (77, 80 and 84 % without it), 0 % on the ring
// (0.6 % in seed 1 before the decay: households that moved into Wuyi keeping their jobs).
TEST_CASE("some of Wuyi's workers work in another county (mechanism: county seats)") {
  const int wuyi = county_index(seats_world(), "Wuyi");
  for (std::uint64_t seed : {1, 2, 3}) {
    const double with = commuting(seats_world(seed, 0.004, "2021-12")).elsewhere[wuyi];
    const double ring = commuting(ring_world(seed, 0.004, "2021-12")).elsewhere[wuyi];
    INFO("seed " << seed);
    CAPTURE(with);
    CAPTURE(ring);
    MESSAGE("seed " << seed << ": share of Wuyi's workers employed in another county " << with << " (ring " << ring << ")");
    CHECK(ring < 0.02);
    CHECK(with > 0.05);
  }
}

// Mechanism: the commute-time decay of job search (economy.commute_decay_minutes, model.md
// 4.3): a vacancy t minutes away is drawn with relative weight exp(-t / 6 min). Its source is
// the share of urban commuters working within 5 km of home (55 % in China's Type II large
// cities, 2022; the schema's x-source), so the town residents' share is checked against it.
// With the decay off (a decay time of 1e9 minutes: every slot in reach equally likely, as
// before) town residents take jobs anywhere in reach and most workers of some counties work
// in another. Measured (scale 0.004, December 2021, seeds 1-3): town residents working within
// 5 km 0.55 / 0.52 / 0.63 (0.15 / 0.13 / 0.16 without the decay); workers employed in another
// county 0.16 / 0.12 / 0.13 of the region's (0.53 / 0.54 / 0.52); the highest county Jindong,
// 0.35 / 0.25 / 0.33 (its seat 12 km from Wucheng's: one city; model.md 4.3 by county).
TEST_CASE("job search prefers near workplaces: most workers work in their own county (mechanism: commute-time decay)") {
  for (std::uint64_t seed : {1, 2, 3}) {
    const auto with = commuting(seats_world(seed, 0.004, "2021-12"));
    const auto without = commuting(seats_world(seed, 0.004, "2021-12", {}, {{"commute_decay_minutes", 1e9}}));
    double highest = 0;
    std::string by_county;
    for (std::size_t c = 0; c < with.elsewhere.size(); ++c) {
      highest = std::max(highest, with.elsewhere[c]);
      by_county += " " + std::to_string(with.elsewhere[c]).substr(0, 5);
    }
    INFO("seed " << seed);
    CAPTURE(with.town_within_5km);
    CAPTURE(without.town_within_5km);
    CAPTURE(with.region_elsewhere);
    CAPTURE(without.region_elsewhere);
    CAPTURE(highest);
    MESSAGE("seed " << seed << ": town residents within 5 km " << with.town_within_5km << " (no decay "
                    << without.town_within_5km << "), workers in another county " << with.region_elsewhere
                    << " (no decay " << without.region_elsewhere << "), by county (scenario order)" << by_county);
    CHECK(with.town_within_5km > 0.45);
    CHECK(with.town_within_5km < 0.65);
    CHECK(with.region_elsewhere < 0.5 * without.region_elsewhere);
    CHECK(highest < 0.4);
  }
}

// Mechanism: county seats. A county's job seekers also reach its neighbours' workplaces, so
// one county's slump no longer stays inside it (Wuyi's 2025-2029 episode, docs/validation.md).
// Measured (scale 0.004, 2021-2030 yearly means, every county, seeds 1-3): 1.5-5.8 %,
// 1.8-5.6 %, 0.9-4.9 % at
// the seats with the commute-time decay (2.0-5.5 %, 2.5-5.0 %, 1.0-4.7 % without it); on the
// ring with the random walk 0.5-5.9 %, 1.5-10.5 %, 1.0-6.0 %, so the ring fails the issue's
// 8 % (seed 2; with the appeal's reversion seed 2's ring run reached 12.9 %). The lower end
// (1 %) is not checked: at this scale a county-year of the ring and one at the seats both sit
// near it.
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
  CHECK_NOTHROW(ring_world());  // none: the ring
}
