// The counts and marks the Workspace keeps between months instead of rebuilding them every
// month (issue 18): each county's residents, kept by demography and in-migration's arrivals
// (systems.h, residents_by_county), must equal a count over the households after every month,
// burn-in and recorded (with net arrivals); demography's birth-trial marks (core/rare_events.h,
// SuccessMarks) must all be 0 between months. Scale 0.002, the burn-in and 2021.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "engine/simulation.h"
#include "small_world.h"

using namespace prosim;

TEST_CASE("workspace: the kept county residents and the birth marks after every month") {
  Simulation sim(testing::small_world({}, 0.002, "2021-12"));
  REQUIRE(sim.params().economy.inmigrant_arrival_rate > 0);  // arrivals change sizes too
  sim.begin();
  int months = 0, wrong_residents = 0, marked = 0;
  std::int64_t changed = 0;  // residents gained or lost, all counties, all months
  std::vector<std::int64_t> before;
  while (!sim.done()) {
    sim.advance();
    const World& w = sim.world();
    const Workspace& ws = sim.workspace();
    std::vector<std::int64_t> count(w.counties.size(), 0);
    for (std::size_t h = 0; h < w.households.size_(); ++h)
      count[static_cast<std::size_t>(w.households.county[h])] += w.households.size[h];
    wrong_residents += ws.residents_by_county != count;
    for (std::size_t c = 0; c < count.size() && !before.empty(); ++c) changed += std::abs(count[c] - before[c]);
    before = count;
    const std::uint8_t* births = ws.birth_trials.data();
    marked += std::any_of(births, births + w.households.size_(), [](std::uint8_t b) { return b != 0; });
    ++months;
  }
  CHECK(months == 36 + 12);
  CHECK(wrong_residents == 0);
  CHECK(changed > 100);  // the counts did move (births, deaths, arrivals)
  CHECK(marked == 0);
}
