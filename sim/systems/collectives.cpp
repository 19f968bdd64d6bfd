// Step 4b: village collectives. Operating income (rents, collective enterprises) is
// earned from outside the region; the county adds a subsidy (both grow with the nominal level); policies add
// returns on the village's outside investments. A share of total income covers running costs (spent at local firms); of
// the rest, `reserve_share` stays in the reserve fund and the remainder is paid as
// dividends per registered member (optionally tilted to low-income members), who keep
// their membership if they move away.
#include <cmath>

#include "core/parallel.h"

#include "systems/systems.h"
#include "model/constants.h"

namespace prosim {
namespace {

// Built at the first month of a run (or of a run loaded from a state: the Workspace is not
// state) from the households' origin villages, which never change.
const Workspace::VillageHouseholds& village_households(const World& w, Workspace& ws) {
  auto& m = ws.village_households;
  const auto& hh = w.households;
  const std::size_t V = w.villages.size();
  if (m.offset.size() == V + 1 && m.households == hh.size_()) return m;
  m.offset.assign(V + 1, 0);
  for (std::size_t h = 0; h < hh.size_(); ++h)
    if (hh.origin_village[h] >= 0) m.offset[hh.origin_village[h] + 1] += 1;
  for (std::size_t i = 0; i < V; ++i) m.offset[i + 1] += m.offset[i];
  m.ids.resize(m.offset[V]);
  std::vector<std::int32_t> next(m.offset.begin(), m.offset.end() - 1);
  for (std::size_t h = 0; h < hh.size_(); ++h)
    if (hh.origin_village[h] >= 0) m.ids[next[hh.origin_village[h]]++] = static_cast<std::int32_t>(h);
  m.households = hh.size_();
  return m;
}

}  // namespace

void run_collectives(const Params& p, World& w, Workspace& ws) {
  auto& v = w.villages;
  auto& hh = w.households;
  // Rents and the upper-level subsidy follow the nominal level (model/params.h): rents are
  // reset to market rents, and the subsidy is paid from county budgets whose revenue grows
  // with nominal GDP (assumption: no indexation rule for it was found).
  const double growth = w.nominal_level;
  // Members' weights: 1, or 1 + dividend_tilt for low-income households (household
  // income last year below the low-income line) when a policy tilts dividends to them.
  const auto& hh_size = hh.size;
  const auto weight = [&](std::size_t h) {
    const bool low = hh.disposable_last_year[h] < p.output.low_income_threshold;  // NaN: not low
    return hh_size[h] * (low ? 1 + w.dividend_tilt : 1.0);
  };
  // Each village's member households, in id order (a household's origin village never
  // changes): each village sums and pays its own members in parallel, adding in the order a
  // pass over households would, so the bits do not depend on the thread count.
  const auto& members = village_households(w, ws);
  auto& village_weight = ws.village_value;
  village_weight.resize(v.size());
  for_each_index(v.size(), [&](std::size_t i) {
    double sum = 0;
    for (auto j = members.offset[i]; j < members.offset[i + 1]; ++j) sum += weight(members.ids[j]);
    village_weight[i] = sum;
  }, kGroupGrain);
  auto& per_weight = ws.village_share;
  per_weight.resize(v.size());  // every village's written below
  for (std::size_t i = 0; i < v.size(); ++i) {
    v.operating_income[i] = v.assets[i] * v.asset_yield[i] / 12.0 * growth + v.investment_returns[i];
    v.subsidy_income[i] = w.counties[v.county[i]].village_subsidy * growth;
    w.row.village_rents += v.assets[i] * v.asset_yield[i] / 12.0 * growth;
    w.counties[v.county[i]].budget -= v.subsidy_income[i];
    w.counties[v.county[i]].revenue -= v.subsidy_income[i];
    const double total = v.operating_income[i] + v.subsidy_income[i];
    const double costs = kRunningCostShare * total;
    v.cash[i] += total - costs;
    ws.collective_spending += costs;
    const double distributable = (1 - p.economy.reserve_share) * (total - costs);
    per_weight[i] = village_weight[i] > 0 ? distributable / village_weight[i] : 0.0;
    v.dividends[i] = 0;
  }
  // Pay members in household order; the village pays exactly what members receive.
  for_each_index(v.size(), [&](std::size_t vi) {
    if (per_weight[vi] <= 0) return;
    for (auto j = members.offset[vi]; j < members.offset[vi + 1]; ++j) {
      const auto h = members.ids[j];
      const double d = per_weight[vi] * weight(h);
      hh.income[kProperty][h] += d;
      hh.savings[h] += d;
      v.cash[vi] -= d;
      v.dividends[vi] += d;
    }
  }, kGroupGrain);
  for (std::size_t i = 0; i < v.size(); ++i) {
    v.operating_ytd[i] += v.operating_income[i];
    v.total_ytd[i] += v.operating_income[i] + v.subsidy_income[i];
    v.dividends_ytd[i] += v.dividends[i];
    v.investment_returns[i] = 0;  // policies add next month's returns afresh
  }
}

}  // namespace prosim
