// Step 6b: firms' accounts for the month. Value added is sales less intermediate
// inputs (bought outside the region); the county takes production taxes; fixed assets
// wear out at `capital_consumption_share` of value added, replaced by buying from local
// firms next month; in a county with a capital share (County::capital_share) that share of
// value added after tax is the return to capital owned outside the region and leaves it; an overhead (rent, utilities, management) grows less than
// proportionally with size: `fixed_cost_share` x the geometric mean of the firm's
// operating scale and its county's median firm's expected sales. Small firms therefore
// run on thin margins, and a cost shock or a fall in demand turns them to losses (about
// a sixth of firms lose money over a year, as in Chinese industry; docs/model.md 4.7).
// Of the cash above a buffer of two months' labour cost, a share `profit_payout_share`
// is paid to the owner households as business profit, the founding owner keeping the
// controlling stake (founder_profit_share, 0.5 by default, 0 for equal shares: most
// Chinese private firms are controlled by one person or family), and the rest is invested: spent next month on local firms' output
// (investment demand). Chinese firms retain and invest most of their earnings; paying all
// of it to a few owner households would give a far more unequal income distribution than
// observed.
#include <algorithm>
#include <cmath>

#include "core/group_lists.h"
#include "core/parallel.h"
#include "core/rng.h"
#include "model/firm_rules.h"
#include "systems/systems.h"
#include "model/constants.h"

namespace prosim {

void settle_firms(const Params& p, World& w, Workspace& ws) {
  const auto& e = p.economy;
  auto& f = w.firms;
  auto& hh = w.households;

  // Each county's median expected sales of its live firms, the counties in parallel (the
  // order statistic itself: the same value whatever the order nth_element sees).
  const std::size_t C = w.counties.size();
  std::vector<std::vector<std::int32_t>> county_firms;
  collect_by_group(f.size(), C, [&](std::size_t k) { return f.alive[k] ? f.county[k] : -1; }, county_firms);
  std::vector<double> median(C, 0.0);
  for_each_block(C, C, [&](std::size_t c, std::size_t, std::size_t) {
    const auto& ids = county_firms[c];
    if (ids.empty()) return;
    std::vector<double> v(ids.size());
    for (std::size_t j = 0; j < ids.size(); ++j) v[j] = f.expected_sales[static_cast<std::size_t>(ids[j])];
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    median[c] = v[v.size() / 2];
  });
  std::vector<double> inputs(f.size(), 0.0), tax(f.size(), 0.0), payout(f.size(), 0.0), invest(f.size(), 0.0),
      depreciation(f.size(), 0.0), outside_capital(f.size(), 0.0);
  for_each_index(f.size(), [&](std::size_t k) {
    if (!f.alive[k]) return;
    // The part of the firm run on local capital: its county's capital share of value added
    // (after production tax) is the return to capital owned outside the region, paid out of
    // the region; overhead and capital consumption are charged on the local part, so the
    // local accounts are those of a firm without outside capital (model.md 4.7).
    const double local = 1 - w.counties[f.county[k]].capital_share;
    // Overhead scales with the operation actually running: a firm still hiring up to its
    // expected sales (an entrant) pays for the scale its staff can serve, not the scale it
    // plans. Without this, entrants paid full overhead on no sales and died in six months.
    const double scale = std::min(f.expected_sales[k], sales_capacity(w, k));
    const double overhead = local * e.fixed_cost_share * std::sqrt(scale * median[f.county[k]]);
    const double value_added = (1 - e.intermediate_share) * f.sales[k];
    inputs[k] = e.intermediate_share * f.sales[k] + overhead;
    tax[k] = e.production_tax_rate * value_added;
    outside_capital[k] = (1 - local) * (value_added - tax[k]);
    f.cash[k] -= inputs[k] + tax[k] + outside_capital[k];
    // Capital consumption: the fixed assets wear out in proportion to what they produce;
    // the firm replaces them by buying from local firms next month (investment demand).
    depreciation[k] = e.capital_consumption_share * local * value_added;
    f.cash[k] -= depreciation[k];
    f.profit[k] = value_added - tax[k] - outside_capital[k] - f.labour_cost[k] - overhead - depreciation[k];
    f.loss_months[k] = f.profit[k] < 0 ? static_cast<std::int16_t>(f.loss_months[k] + 1) : 0;
    const double buffer = std::max(kBufferLabourMonths * f.labour_cost[k], kBufferSalesMonths * f.expected_sales[k]);
    if (f.cash[k] > buffer) {
      payout[k] = e.profit_payout_share * (f.cash[k] - buffer);
      invest[k] = kInvestedShareOfRetained * (1 - e.profit_payout_share) * (f.cash[k] - buffer);
    }
    f.cash[k] -= payout[k] + invest[k];
  });
  // The firms' flows to the region's and the counties' accounts, added in firm order on one
  // thread. The same loop counts each owned firm's owners: bigger firms have more owners
  // (partners, shareholders, managers with equity), one per 25 employees, up to 50, the
  // first being the founding owner household and the others households of the same county
  // drawn by firm id (stable across months).
  const std::size_t F = f.size();
  auto& first_payee = ws.firm_first_payee;
  first_payee.resize(F + 1);
  std::size_t payees = 0;
  for (std::size_t k = 0; k < F; ++k) {
    first_payee[k] = payees;
    if (!f.alive[k]) continue;
    w.row.imports_firms += inputs[k];
    w.row.capital_income_out += outside_capital[k];
    w.counties[f.county[k]].budget += tax[k];
    w.counties[f.county[k]].revenue += tax[k];
    w.investment_fund += invest[k] + depreciation[k];
    if (f.owner[k] < 0) {  // owned by the county's investment platform (enclave projects)
      w.counties[f.county[k]].budget += payout[k];
      w.counties[f.county[k]].revenue += payout[k];
      continue;
    }
    payees += static_cast<std::size_t>(std::min(kMaxOwners, 1 + f.employees[k] / kEmployeesPerOwner));
  }
  first_payee[F] = payees;
  // The payouts: each firm's owners and amounts in parallel over firms, then paid in parallel
  // over fixed blocks of households, each block's payments listed in (firm, owner) order
  // (collect_by_group), so that every household adds its amounts in the order the sequential
  // loop over firms added them: the same bits at any thread count.
  auto& payee = ws.firm_payee;
  auto& amount = ws.firm_payee_amount;
  payee.resize(payees);
  amount.resize(payees);
  for_each_index(F, [&](std::size_t k) {
    const auto at = first_payee[k];
    const int n_owners = static_cast<int>(first_payee[k + 1] - at);
    if (n_owners == 0) return;
    const double share = payout[k] / n_owners;
    // The founding owner keeps the controlling stake (founder_profit_share of the payout)
    // and the partners share the rest; with 0, or a stake below an equal share, all equal.
    const bool founder_stake = n_owners > 1 && e.founder_profit_share * n_owners > 1;
    const double founder = founder_stake ? e.founder_profit_share * payout[k] : share;
    const double partner = founder_stake ? (payout[k] - founder) / (n_owners - 1) : share;
    double paid = 0;
    for (int j = 0; j < n_owners; ++j) {
      const auto& pool = ws.county_households[f.county[k]];
      payee[at + j] = j == 0 ? f.owner[k] : pool[RandomStream::mix(p.seed ^ (static_cast<std::uint64_t>(k) << 8) ^ j) % pool.size()];
      amount[at + j] = j + 1 == n_owners ? payout[k] - paid : j == 0 ? founder : partner;
      paid += amount[at + j];
    }
  });
  const std::size_t H = hh.size_(), blocks = fixed_blocks(H, 4096, 64);
  auto& by_block = ws.payee_blocks;  // per block of households: indexes into payee
  collect_by_group(payees, blocks, [&](std::size_t x) {
    return static_cast<std::int64_t>(static_cast<std::size_t>(payee[x]) * blocks / H);
  }, by_block);
  for_each_block(blocks, blocks, [&](std::size_t b, std::size_t, std::size_t) {
    for (const auto x : by_block[b]) {
      const auto h = payee[static_cast<std::size_t>(x)];
      hh.income[kProfits][h] += amount[static_cast<std::size_t>(x)];
      hh.savings[h] += amount[static_cast<std::size_t>(x)];
    }
  });
}

}  // namespace prosim
