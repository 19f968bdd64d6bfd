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

// update_employee_index (pay_wages_and_farm_income) updates plan_firms' index from the labour
// market's hires instead of rebuilding it: it must give the rebuild's index, head counts and
// efficiency units (the same bits), also for a person laid off and hired back by the same firm.
TEST_CASE("employee index: the update from the month's hires equals a rebuild") {
  World w;
  const std::size_t N = 200000, F = 2000;
  w.persons.resize(N);
  for (std::size_t k = 0; k < F; ++k) w.firms.add();
  RandomStream rng(11, Purpose::BuildPerson, 0, 0);
  for (std::size_t i = 0; i < N; ++i) {
    const double u = rng.uniform();
    w.persons.employer[i] = u < 0.4 ? -1 : static_cast<std::int32_t>(F * std::pow(rng.uniform(), 2.0)) % F;
    w.persons.skill[i] = static_cast<float>(0.5 + rng.uniform());
  }
  for (int threads : {1, 2, 5}) {
    INFO("threads = " << threads);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    World month;  // (a World is not copied: its policy states are unique)
    month.persons = w.persons;
    month.firms = w.firms;
    Workspace ws;
    rebuild_employee_index(month, ws);
    ws.employee_index_month = rng_month(month);  // as plan_firms marks it
    ws.hires_month = rng_month(month);
    // Layoffs and quits, then hires in a drawn order: job changes, hires of the unemployed,
    // and rehires by the firm just left.
    RandomStream draws(12, Purpose::BuildPerson, 1, 0);
    std::vector<std::int32_t> left;
    for (std::size_t i = 0; i < N; ++i)
      if (month.persons.employer[i] >= 0 && draws.bernoulli(0.03)) {
        left.push_back(static_cast<std::int32_t>(i));
        month.persons.employer[i] = -1;
      }
    // Each person is hired at most once, as the labour market serves each seeker once.
    std::vector<char> hired(N, 0);
    for (std::size_t n = 0; n < N / 20; ++n) {
      const auto i = static_cast<std::int32_t>(draws.below(N));
      const auto firm = static_cast<std::int32_t>(draws.below(F));
      if (hired[i] || month.persons.employer[i] == firm) continue;
      month.persons.employer[i] = firm;
      ws.hires.emplace_back(firm, i);
      hired[i] = 1;
    }
    std::size_t rehires = 0;
    for (std::size_t n = 0; n < left.size(); n += 3) {  // hired back by the firm just left
      const auto i = left[n];
      if (hired[i]) continue;
      month.persons.employer[i] = w.persons.employer[i];
      ws.hires.emplace_back(w.persons.employer[i], i);
      hired[i] = 1;
      rehires += 1;
    }
    CHECK(rehires > 100);
    update_employee_index(month, ws);
    World rebuilt;
    rebuilt.persons = month.persons;
    rebuilt.firms = month.firms;
    Workspace expected;
    rebuild_employee_index(rebuilt, expected);
    CHECK(ws.employee_offset == expected.employee_offset);
    CHECK(ws.employees_of == expected.employees_of);
    CHECK(month.firms.employees == rebuilt.firms.employees);
    CHECK(month.firms.efficiency_units == rebuilt.firms.efficiency_units);
  }
}
