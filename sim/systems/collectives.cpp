// Step 4b: village collectives. Operating income (rents, collective enterprises) is
// earned from outside the region; the county adds a subsidy (both grow with the nominal level); policies add
// returns on the village's outside investments. A share of total income covers running costs (spent at local firms); of
// the rest, `reserve_share` stays in the reserve fund and the remainder is paid as
// dividends per registered member (optionally tilted to low-income members), who keep
// their membership if they move away.
#include <cmath>

#include "systems/systems.h"
#include "model/constants.h"

namespace prosim {

void run_collectives(const Params& p, World& w, Workspace& ws) {
  auto& v = w.villages;
  auto& hh = w.households;
  // Rents and the upper-level subsidy follow the nominal level (engine/params.h): rents are
  // reset to market rents, and the subsidy is paid from county budgets whose revenue grows
  // with nominal GDP (assumption: no indexation rule for it was found).
  const double growth = w.nominal_level;
  // Members' weights: 1, or 1 + dividend_tilt for low-income households (household
  // income last year below the low-income line) when a policy tilts dividends to them.
  const auto& hh_size = hh.size;
  std::vector<double> weight(hh.size_(), 0.0), village_weight(v.size(), 0.0);
  for (std::size_t h = 0; h < hh.size_(); ++h) {
    const auto vi = hh.origin_village[h];
    if (vi < 0) continue;
    const bool low = hh.disposable_last_year[h] < p.output.low_income_threshold;  // NaN: not low
    weight[h] = hh_size[h] * (low ? 1 + w.dividend_tilt : 1.0);
    village_weight[vi] += weight[h];
  }
  std::vector<double> per_weight(v.size(), 0.0);
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
  for (std::size_t h = 0; h < hh.size_(); ++h) {
    const auto vi = hh.origin_village[h];
    if (vi < 0 || per_weight[vi] <= 0) continue;
    const double d = per_weight[vi] * weight[h];
    hh.income[kProperty][h] += d;
    hh.savings[h] += d;
    v.cash[vi] -= d;
    v.dividends[vi] += d;
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    v.operating_ytd[i] += v.operating_income[i];
    v.total_ytd[i] += v.operating_income[i] + v.subsidy_income[i];
    v.dividends_ytd[i] += v.dividends[i];
    v.investment_returns[i] = 0;  // policies add next month's returns afresh
  }
}

}  // namespace prosim
