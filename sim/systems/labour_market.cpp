// Step 3: the labour market. Job seekers (the unemployed and some employed people
// searching on the job) send a few applications to vacancies within commuting reach;
// a vacancy is picked with probability proportional to its settlement's open slots,
// so crowded places fill fast and remote seekers see few offers. Applications to a
// slot that has been filled meanwhile fail: that friction, plus commuting reach, is
// what produces unemployment and vacancies at the same time (the Beveridge curve).
// Seekers are served one at a time in an order drawn from the month's random stream
// (not thread order), so the outcome is deterministic.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <tbb/parallel_sort.h>

#include "core/parallel.h"
#include "core/rng.h"
#include "systems/firm_rules.h"
#include "systems/systems.h"
#include "model/constants.h"

namespace prosim {

void run_labour_market(const Params& p, World& w, Workspace& ws) {
  const auto& e = p.economy;
  auto& f = w.firms;
  auto& ps = w.persons;
  auto& hh = w.households;
  const auto m = rng_month(w);

  // The farm/job-search switch, by household: an unemployed village resident falls back on
  // farming (hidden unemployment) only while the household's land has work for another
  // farmer, ceil(land_mu / farm_land_per_farmer) full-time farmers (0 = no limit); the
  // household's other job seekers stay unemployed and keep searching (rural surplus labour
  // looks for non-farm work, model.md 4.3). Farmers look for non-farm work now and then.
  // Each household touches only its own members.
  enum : std::uint8_t { kNone = 0, kSeek = 1, kQuit = 2 };
  std::vector<std::uint8_t> action(ps.size(), kNone);
  for_each_index(hh.size_(), [&](std::size_t h) {
    if (!(hh.land_mu[h] > 0) || w.settlements.is_urban(hh.settlement[h])) return;
    const std::size_t first = hh.first_member[h], last = first + hh.size[h];
    int farmers = 0;
    for (std::size_t i = first; i < last; ++i) farmers += ps.status[i] == LabourStatus::Farming;
    const int room = e.farm_land_per_farmer > 0
                         ? static_cast<int>(std::ceil(hh.land_mu[h] / e.farm_land_per_farmer))
                         : std::numeric_limits<int>::max();
    for (std::size_t i = first; i < last; ++i) {
      if (ps.status[i] != LabourStatus::Unemployed && ps.status[i] != LabourStatus::Farming) continue;
      RandomStream rng(p.seed, Purpose::Farm, m, i);
      if (ps.status[i] == LabourStatus::Unemployed) {
        if (rng.bernoulli(kFarmFallbackRate) && farmers < room) {
          ps.status[i] = LabourStatus::Farming;
          farmers += 1;
        }
      } else if (ps.pension[i] == PensionKind::None && rng.bernoulli(e.on_the_job_search)) {
        action[i] = kSeek;  // (farmers on a pension do not)
      }
    }
  });
  // Quits and on-the-job search, each person's decision drawn in parallel (it touches only
  // that person); all the unemployed search. The seekers are then collected in id order and
  // firms' head counts adjusted sequentially.
  for_each_index(ps.size(), [&](std::size_t i) {
    if (ps.status[i] == LabourStatus::Employed) {
      RandomStream rng(p.seed, Purpose::Quit, m, i);
      if (rng.bernoulli(e.quit_rate)) action[i] = kQuit;
      else if (rng.bernoulli(e.on_the_job_search)) action[i] = kSeek;
    } else if (ps.status[i] == LabourStatus::Unemployed) {
      action[i] = kSeek;
    }
  });
  // Quits leave their firm in id order (the firm's efficiency units are a floating-point
  // sum); seekers are then served in an order drawn from the month's stream. The keys are
  // distinct (mix is a bijection), so the parallel sort has one possible result.
  collect_if(ps.size(), [&](std::size_t i) { return action[i] != kNone; }, ws.seeker_ids);
  for (const auto i : ws.seeker_ids) {
    if (action[i] != kQuit) continue;
    ps.status[i] = LabourStatus::Unemployed;
    f.employees[ps.employer[i]] -= 1;
    f.efficiency_units[ps.employer[i]] -= ps.skill[i];
    ps.employer[i] = -1;
    ps.wage[i] = 0;
  }
  std::vector<std::pair<std::uint64_t, std::int32_t>> seekers(ws.seeker_ids.size());  // (order key, person)
  for_each_index(seekers.size(), [&](std::size_t j) {
    const auto i = ws.seeker_ids[j];
    seekers[j] = {RandomStream::mix(p.seed ^ (std::uint64_t(m) << 40) ^ static_cast<std::uint64_t>(i)), i};
  });
  tbb::parallel_sort(seekers.begin(), seekers.end());

  // Open slots by work settlement. Filled slots stay in the lists (an application to one
  // fails), so each home settlement's reach and its slot counts are fixed for the month:
  // cumulative counts are built once per home settlement that has a seeker.
  std::vector<std::vector<std::int32_t>> slots(w.settlements.size());
  for (std::size_t k = 0; k < f.size(); ++k)
    if (f.alive[k])
      for (int v = 0; v < f.vacancies[k]; ++v) slots[f.settlement[k]].push_back(static_cast<std::int32_t>(k));
  std::vector<std::vector<std::size_t>> cumulative(w.settlements.size());  // per home settlement, by reach entry
  std::vector<std::uint8_t> built(w.settlements.size(), 0);

  for (const auto& [key, i] : seekers) {
    const auto home = hh.settlement[ps.household[i]];
    const auto& reach = w.settlements.reachable_work[home];
    auto& cum = cumulative[home];
    if (!built[home]) {
      built[home] = 1;
      std::size_t running = 0;
      for (auto s : reach) cum.push_back(running += slots[s].size());
    }
    const std::size_t total = cum.empty() ? 0 : cum.back();
    if (total == 0) continue;
    RandomStream rng(p.seed, Purpose::JobSearch, m, static_cast<std::uint64_t>(i));
    std::int32_t best = -1;
    // Employees move only for 5 % more; farmers only for more than their farm income.
    double best_wage = ps.status[i] == LabourStatus::Employed ? kJobToJobPremium * ps.wage[i]
                       : ps.status[i] == LabourStatus::Farming ? w.counties[hh.county[ps.household[i]]].farm_income
                                                                : 0.0;
    for (int a = 0; a < e.applications_per_month; ++a) {
      const std::size_t u = rng.below(total);
      // The reach entry whose cumulative count first exceeds u, and the slot within it.
      const std::size_t r = std::upper_bound(cum.begin(), cum.end(), u) - cum.begin();
      const std::int32_t firm = slots[reach[r]][u - (r == 0 ? 0 : cum[r - 1])];
      if (f.vacancies[firm] <= 0 || firm == ps.employer[i]) continue;
      const double min_wage = w.counties[f.county[firm]].min_wage;
      const double wage = worker_wage(p, f.wage_rate[firm] * ps.skill[i], min_wage, f.compliant[firm]);
      // The firm takes the applicant only if the worker covers the cost (picks by skill).
      if ((1 + e.markup) * f.wage_rate[firm] * ps.skill[i] < wage) continue;
      if (wage > best_wage) { best_wage = wage; best = firm; }
    }
    if (best < 0) continue;
    if (ps.employer[i] >= 0) {
      f.employees[ps.employer[i]] -= 1;
      f.efficiency_units[ps.employer[i]] -= ps.skill[i];
    }
    ps.status[i] = LabourStatus::Employed;
    ps.employer[i] = best;
    ps.wage[i] = static_cast<float>(best_wage);
    f.vacancies[best] -= 1;
    f.employees[best] += 1;
    f.efficiency_units[best] += ps.skill[i];
  }
}

}  // namespace prosim
