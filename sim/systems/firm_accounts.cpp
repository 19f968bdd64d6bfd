// Step 6b: firms' accounts for the month. Value added is sales less intermediate
// inputs (bought outside the region); the county takes production taxes; an overhead
// (rent, utilities, management) is set by the firm's expected sales, not its current
// ones, so a firm whose sales fall, or whose costs rise, makes losses. Of the cash above a buffer of two months' labour cost, a share
// `profit_payout_share` is paid to the owner household as business profit and the rest
// is invested: spent next month on local firms' output (investment demand). Chinese
// firms retain and invest most of their earnings; paying all of it to a few owner
// households would give a far more unequal income distribution than observed.
#include <algorithm>

#include "core/parallel.h"
#include "systems/systems.h"

namespace prosim {

void settle_firms(const Params& p, World& w, Workspace& ws) {
  const auto& e = p.economy;
  auto& f = w.firms;
  auto& hh = w.households;

  std::vector<double> inputs(f.size(), 0.0), tax(f.size(), 0.0), payout(f.size(), 0.0), invest(f.size(), 0.0);
  for_each_index(f.size(), [&](std::size_t k) {
    if (!f.alive[k]) return;
    const double overhead = e.fixed_cost_share * f.expected_sales[k];
    const double value_added = (1 - e.intermediate_share) * f.sales[k];
    inputs[k] = e.intermediate_share * f.sales[k] + overhead;
    tax[k] = e.production_tax_rate * value_added;
    f.cash[k] -= inputs[k] + tax[k];
    f.profit[k] = value_added - tax[k] - f.labour_cost[k] - overhead;
    f.loss_months[k] = f.profit[k] < 0 ? static_cast<std::int16_t>(f.loss_months[k] + 1) : 0;
    const double buffer = 2.0 * f.labour_cost[k];
    if (f.cash[k] > buffer) {
      payout[k] = e.profit_payout_share * (f.cash[k] - buffer);
      invest[k] = 0.5 * (1 - e.profit_payout_share) * (f.cash[k] - buffer);
    }
    f.cash[k] -= payout[k] + invest[k];
  });
  for (std::size_t k = 0; k < f.size(); ++k) {
    if (!f.alive[k]) continue;
    w.row.imports_firms += inputs[k];
    w.counties[f.county[k]].budget += tax[k];
    w.counties[f.county[k]].revenue += tax[k];
    ws.investment_spending += invest[k];
    hh.income[kProfits][f.owner[k]] += payout[k];
    hh.savings[f.owner[k]] += payout[k];
  }
}

}  // namespace prosim
