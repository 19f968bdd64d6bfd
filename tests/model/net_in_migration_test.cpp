// Net in-migration (economy.inmigrant_arrival_rate, systems/migration.cpp run_in_migration;
// issue 12, point 3: stable county populations and county labour markets). Small scale
// (0.004), seeds 1-3, 2021-12 to 2023-12, no timing.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "engine/simulation.h"
#include "record_series.h"
#include "small_world.h"

using namespace prosim;

namespace {

using testing::series;

struct Arrivals {
  std::vector<double> growth;  // the region's population, December 2023 over December 2021, less 1, by seed
  // Arrivals (the growth of an in-migrant household that stayed, i.e. not a departure's
  // replacement, less its newborns) per resident-month, in county-months whose last unemployment
  // was below or above the reference 3 %; recorded months 2022-01..2023-12.
  double low = 0, high = 0, low_residents = 0, high_residents = 0;
  // The same, in county-months whose firms left more (`busy`) or fewer (`slack`) vacancies
  // unfilled per resident than the region's that month; and county-months with more arrivals
  // than unfilled vacancies.
  double busy = 0, slack = 0, busy_residents = 0, slack_residents = 0;
  int over_vacancies = 0;
};

Arrivals measure(const nlohmann::ordered_json& economy) {
  Arrivals a;
  for (std::uint64_t seed : {1, 2, 3}) {
    const auto params = testing::small_world({{"seed", seed}, {"economy", economy}}, 0.004, "2023-12");
    std::vector<int> household_size;
    std::vector<std::uint32_t> household_occupant;
    std::vector<double> county_u, county_residents, county_unfilled;
    StateHooks hooks;
    hooks.month_start = [&](Simulation& sim) {  // the start of month k: the end of month k - 1
      const auto& w = sim.world();
      if (!sim.calibrated() || w.month_index < 12) return;
      const auto& ps = w.persons;
      const auto& hh = w.households;
      const std::size_t C = w.counties.size();
      if (!household_size.empty()) {
        std::vector<double> arrivals(C, 0.0);
        for (std::size_t h = 0; h < hh.size_(); ++h) {
          if (!hh.nonlocal[h] || hh.occupant[h] != household_occupant[h]) continue;
          int newborn = 0;
          for (int k = 0; k < hh.size[h]; ++k) newborn += ps.age_months[hh.first_member[h] + k] == 0;
          arrivals[hh.county[h]] += std::max(0, hh.size[h] - household_size[h] - newborn);
        }
        double unfilled = 0, residents = 0;
        for (std::size_t c = 0; c < C; ++c) unfilled += county_unfilled[c], residents += county_residents[c];
        for (std::size_t c = 0; c < C; ++c) {
          (county_u[c] < 0.03 ? a.low : a.high) += arrivals[c];
          (county_u[c] < 0.03 ? a.low_residents : a.high_residents) += county_residents[c];
          const bool busy = county_unfilled[c] / county_residents[c] > unfilled / residents;
          (busy ? a.busy : a.slack) += arrivals[c];
          (busy ? a.busy_residents : a.slack_residents) += county_residents[c];
          a.over_vacancies += arrivals[c] > county_unfilled[c];
        }
      }
      household_size.assign(hh.size.begin(), hh.size.end());
      household_occupant.assign(hh.occupant.begin(), hh.occupant.end());
      county_u.assign(w.county_unemployment.begin(), w.county_unemployment.end());
      county_residents.assign(C, 0.0);
      county_unfilled.assign(C, 0.0);  // left unfilled last month: what its arrivals followed
      for (std::size_t k = 0; k < w.firms.size(); ++k)
        if (w.firms.alive[k] && w.firms.vacancies[k] > 0) county_unfilled[w.firms.county[k]] += w.firms.vacancies[k];
      for (std::size_t h = 0; h < hh.size_(); ++h) county_residents[hh.county[h]] += hh.size[h];
    };
    const RunRecord r = run_simulation(params, 2, {}, hooks);
    const auto& pop = series(r, "/", "population");
    REQUIRE(pop.size() == 36);
    a.growth.push_back(pop[35] / pop[11] - 1);
  }
  return a;
}

}  // namespace

// Mechanism: net arrivals of in-migrant workers, `inmigrant_arrival_rate` (0.005 a year of the
// county's residents here: Jinhua's net in-migration in 2023 and 2024, 4.6 and 5.3 per mille;
// the baseline uses it with inmigrant_arrival_by_vacancies, model.md 4.12) x (2 - u_c / 3 %), clamped to [0, 2]. Without them the departures' replacements
// keep the number of in-migrants fixed, and the population falls with the locals' natural
// decrease, 0.17-0.44 % a year over 2022-2030 (validation.py seeds 1-5, scale 0.01), while
// Jinhua's rose 712.0 -> 712.7 -> 716.3万 from the end of 2021 to the end of 2023
// (+0.6 %; shared/data/jinhua_2022_2023.md section 2, Jinhua 2024 population bulletin), and a
// county whose locals age out of its labour force sees its unemployment drift down (Pujiang,
// Pan'an; issue 12).
// Measured (scale 0.004, seeds 1-3): growth 2021-12 -> 2023-12 +0.41, +0.03, +0.48 % (mean
// +0.31 %); arrivals per resident-year 0.0063 in county-months below 3 % unemployment, 0.0032
// above. With the rate 0: -0.27, -0.60, -0.26 % (mean -0.38 %) and no arrivals (3 of the 4
// checks fail).
TEST_CASE("net in-migration keeps the population growing as Jinhua's did and goes where jobs are (mechanism: inmigrant_arrival_rate)") {
  const auto a = measure({{"inmigrant_arrival_rate", 0.005}, {"inmigrant_arrival_by_vacancies", false}});
  const double low = 12 * a.low / a.low_residents, high = 12 * a.high / a.high_residents;
  MESSAGE("growth 2021-12 -> 2023-12: " << a.growth[0] << " " << a.growth[1] << " " << a.growth[2]
                                          << "; arrivals per resident-year, u < 3 %: " << low << ", u > 3 %: " << high);
  // Jinhua +0.6 % over the two years; a band around it (mean of the seeds), wide for the small scale.
  const double growth = (a.growth[0] + a.growth[1] + a.growth[2]) / 3;
  CHECK(growth > 0.0);
  CHECK(growth < 0.015);
  // Arrivals at about the rate of the data (0.005 a year at the reference rate) ...
  CHECK(12 * (a.low + a.high) / (a.low_residents + a.high_residents) > 0.0025);
  // ... and more of them where the county's labour market is tight.
  CHECK(low > high);
}

// Mechanism: `inmigrant_arrival_by_vacancies` (with the rate of the data, 0.005; off by default
// and in the baseline, model.md 4.12): arrivals follow the vacancies the county's firms left
// unfilled, not its unemployment; the region's arrivals at most the rate, a county's expected
// arrivals at most its unfilled vacancies and twice its share of the rate. Firms leave few
// vacancies unfilled, so the flow is far below the rate and the population still falls.
// Measured (scale 0.004, seeds 1-3): arrivals per resident-year 0.00030, 0.0080 in county-months
// with more unfilled vacancies per resident than the region, 0.000096 in the others; growth
// 2021-12 -> 2023-12 -0.31 % (mean of the seeds). With the unemployment rule instead (the key
// false) 2 of the 4 checks fail (arrivals 0.0035 per resident-year; busy 0.0072, slack 0.0034);
// with the rate 0, 2 of the 4 (no arrivals).
TEST_CASE("net arrivals follow unfilled vacancies (mechanism: inmigrant_arrival_by_vacancies)") {
  const auto a = measure({{"inmigrant_arrival_rate", 0.005}, {"inmigrant_arrival_by_vacancies", true}});
  const double busy = 12 * a.busy / a.busy_residents, slack = 12 * a.slack / a.slack_residents;
  const double all = 12 * (a.busy + a.slack) / (a.busy_residents + a.slack_residents);
  const double growth = (a.growth[0] + a.growth[1] + a.growth[2]) / 3;
  MESSAGE("growth " << growth << "; arrivals per resident-year " << all << ", busy " << busy << ", slack " << slack
                    << "; county-months with more arrivals than unfilled vacancies " << a.over_vacancies);
  CHECK(growth < 0.015);
  // Some arrivals, bounded by the unfilled vacancies: well below the rate of the data here.
  CHECK(all > 0.0);
  CHECK(all < 0.002);
  // Where the vacancies are.
  CHECK(busy > 5 * slack);
}
