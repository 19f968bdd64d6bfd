// rebuild_employee_index (sim/systems/firm_planning.cpp) is a counting sort split over
// fixed blocks of persons; with enough persons it uses several blocks. Its result must be
// the plain sequential sort (by firm, then person id) whatever the thread count.
#include <doctest/doctest.h>

#include <tbb/global_control.h>

#include <cmath>
#include <vector>

#include "core/rng.h"
#include "systems/systems.h"

using namespace prosim;

TEST_CASE("employee index: multi-block counting sort equals the sequential sort at any thread count") {
  World w;
  const std::size_t N = 400000, F = 3000;  // 6 blocks of persons
  w.persons.resize(N);
  for (std::size_t k = 0; k < F; ++k) w.firms.add();
  RandomStream rng(7, Purpose::BuildPerson, 0, 0);
  for (std::size_t i = 0; i < N; ++i) {
    // A third not employed; firm sizes very unequal (low ids get most workers).
    const double u = rng.uniform();
    w.persons.employer[i] = u < 0.33 ? -1 : static_cast<std::int32_t>(F * std::pow(rng.uniform(), 3.0)) % F;
    w.persons.skill[i] = static_cast<float>(0.5 + rng.uniform());
  }
  // Reference: the sequential counting sort.
  std::vector<std::vector<std::int32_t>> by_firm(F);
  for (std::size_t i = 0; i < N; ++i)
    if (w.persons.employer[i] >= 0) by_firm[w.persons.employer[i]].push_back(static_cast<std::int32_t>(i));
  std::vector<std::int32_t> expected;
  std::vector<std::int32_t> expected_offset{0};
  for (const auto& list : by_firm) {
    expected.insert(expected.end(), list.begin(), list.end());
    expected_offset.push_back(static_cast<std::int32_t>(expected.size()));
  }
  for (int threads : {1, 2, 5}) {
    INFO("threads = " << threads);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    Workspace ws;
    rebuild_employee_index(w, ws);
    CHECK(ws.employee_offset == expected_offset);
    CHECK(ws.employees_of == expected);
    for (std::size_t k = 0; k < F; k += 397) {
      double eff = 0;
      for (auto i : by_firm[k]) eff += w.persons.skill[i];
      CHECK(w.firms.employees[k] == static_cast<std::int32_t>(by_firm[k].size()));
      CHECK(w.firms.efficiency_units[k] == eff);
    }
  }
}
