// The synthetic population matches the county aggregates it was built from, and the
// same seed builds the same world.
#include <doctest/doctest.h>

#include <cmath>

#include <tbb/global_control.h>

#include "../model/small_world.h"
#include "population/world_builder.h"

using namespace prosim;

TEST_CASE("population, urban share and villages per county follow the scenario") {
  const auto p = testing::small_world({}, 0.005);
  const World w = build_world(p);
  REQUIRE(w.counties.size() == p.counties.size());
  std::vector<double> persons(w.counties.size(), 0), urban(w.counties.size(), 0);
  for (std::size_t h = 0; h < w.households.size_(); ++h) {
    persons[w.households.county[h]] += w.households.size[h];
    if (w.settlements.is_urban(w.households.settlement[h])) urban[w.households.county[h]] += w.households.size[h];
  }
  for (std::size_t c = 0; c < w.counties.size(); ++c) {
    INFO(p.counties[c].name);
    const double target = p.counties[c].population * p.scale;
    // Households are added until the target is reached: at most one household (<= 6) over.
    CHECK(persons[c] >= target);
    CHECK(persons[c] <= target + 12);
    CHECK(urban[c] / persons[c] == doctest::Approx(p.counties[c].urbanisation).epsilon(0.02));
    int villages = 0;
    for (std::size_t v = 0; v < w.villages.size(); ++v) villages += w.villages.county[v] == static_cast<int>(c);
    CHECK(villages == p.counties[c].villages);  // every real village, at any scale
  }
  CHECK(w.weight == doctest::Approx(200.0));
}

TEST_CASE("mountain villages are the ones out of commuting reach") {
  const auto p = testing::small_world({}, 0.002);
  const World w = build_world(p);
  int reach[3] = {0, 0, 0}, count[3] = {0, 0, 0};
  for (std::size_t v = 0; v < w.villages.size(); ++v) {
    const auto s = w.villages.settlement[v];
    const int t = static_cast<int>(w.settlements.terrain[s]);
    count[t] += 1;
    reach[t] += w.settlements.reachable_work[s].empty() ? 0 : 1;
  }
  const double plain = double(reach[0]) / count[0], mountain = double(reach[2]) / count[2];
  CHECK(plain > 0.9);
  CHECK(mountain < plain - 0.3);
}

TEST_CASE("the same seed builds the same world, another seed a different one") {
  const auto p = testing::small_world({}, 0.002);
  const World a = build_world(p), b = build_world(p);
  CHECK(a.persons.skill == b.persons.skill);
  CHECK(a.households.settlement == b.households.settlement);
  CHECK(a.firms.productivity == b.firms.productivity);
  auto q = p;
  q.seed += 1;
  const World c = build_world(q);
  CHECK(a.persons.skill != c.persons.skill);
}

TEST_CASE("the world built on 1 and on 3 threads is the same") {
  // The build's loops run in parallel (households' sizes in batches, persons per block of
  // households, the first job matching's draws): at a scale where they split into tasks.
  const auto p = testing::small_world({}, 0.004);
  const auto build = [&](int threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    return build_world(p);
  };
  const World a = build(1), b = build(3);
  REQUIRE(a.households.size_() > 4096);
  // The members of x and y named by `fields` are equal (bit for bit: none holds a NaN).
  const auto same = [](const auto& x, const auto& y, auto... fields) { return ((x.*fields == y.*fields) && ...); };
  CHECK(same(a.households, b.households, &Households::settlement, &Households::county, &Households::size,
             &Households::first_member, &Households::nonlocal, &Households::land_mu, &Households::disposable,
             &Households::savings));
  CHECK(same(a.persons, b.persons, &Persons::household, &Persons::age_months, &Persons::entry_age_months,
             &Persons::skill, &Persons::urban_hukou, &Persons::status, &Persons::pension, &Persons::employer,
             &Persons::months_employed, &Persons::contribution_index));
  CHECK(same(a.firms, b.firms, &Firms::employees, &Firms::efficiency_units, &Firms::cash, &Firms::owner));
  CHECK(same(a, b, &World::farm_age_factor, &World::export_demand));
  for (std::size_t c = 0; c < a.counties.size(); ++c) CHECK(a.counties[c].wage_level == b.counties[c].wage_level);
}
