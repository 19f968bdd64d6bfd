// Step 6: consumption and demand. Households spend a share of last month's
// disposable income and a little of their savings; part of it goes to own-account
// businesses in their county (self-employment income), most to firms, the rest out of
// the region. Firms' sales are that spending plus government and collective purchases
// plus export demand, shared among firms by demand weight (appeal x price^-elasticity).
#include <algorithm>
#include <cmath>

#include "core/parallel.h"
#include "model/firm_rules.h"
#include "systems/systems.h"
#include "model/constants.h"

namespace prosim {

void run_consumption(const Params& p, World& w, Workspace& ws) {
  const auto& e = p.economy;
  auto& hh = w.households;
  auto& ps = w.persons;
  auto& f = w.firms;

  // One pass: each household's spending, and by reduction the region's spending and each
  // county's pool for own-account services. (Three passes until now: the spending, then its
  // sum and the pools by deterministic_sum and deterministic_group_sum; the same fixed split
  // tree adds the same terms in the same order, so the sums have the same bits.)
  struct Spending {
    double total = 0;
    std::vector<double> se_pool;
  } none{0.0, std::vector<double>(w.counties.size(), 0.0)};
  auto spent = deterministic_reduce(
      hh.size_(), none,
      [&](std::size_t h, Spending& a) {
        // Imputed rent is income in kind (housing the household already consumes): not spent.
        const double wanted = e.mpc_income * std::max(0.0, hh.disposable[h] - hh.imputed_rent[h]) + e.mpc_wealth * std::max(0.0, hh.savings[h]);
        const double consumption = std::min(wanted, std::max(0.0, hh.savings[h]));
        hh.consumption[h] = consumption;
        hh.savings[h] -= consumption;
        a.total += consumption;
        a.se_pool[hh.county[h]] += e.local_purchase_share * e.self_employment_demand_share * consumption;
      },
      [](Spending& a, const Spending& b) {
        a.total += b.total;
        for (std::size_t c = 0; c < a.se_pool.size(); ++c) a.se_pool[c] += b.se_pool[c];
      });
  const double spending = spent.total;
  ws.county_se_pool = std::move(spent.se_pool);
  double se_total = 0;
  for (double x : ws.county_se_pool) se_total += x;
  const double local_firms = e.local_purchase_share * spending - se_total;
  w.row.imports_households += (1 - e.local_purchase_share) * spending;

  // Government purchases: counties spend a share of last month's net revenue locally.
  double public_purchases = 0;
  for (std::size_t c = 0; c < w.counties.size(); ++c) {
    const double g = e.public_spending_share * std::max(0.0, w.counties[c].revenue_last_month);
    w.counties[c].budget -= g;
    public_purchases += g;
  }
  w.public_purchases = public_purchases;
  w.row.exports += w.export_demand;
  const double pool = local_firms + public_purchases + ws.collective_spending + w.investment_fund + w.export_demand;
  w.consumption_pool = local_firms;
  ws.collective_spending = 0;
  w.investment_fund = 0;

  // Firms' sales: demand is shared by demand weight, but a firm cannot sell more than its
  // staff can produce (with 15 % overtime); what it cannot serve goes to firms with spare
  // capacity in proportion to their weights, and what nobody in the region can serve is
  // bought from outside (imports).
  std::vector<double> weight(f.size(), 0.0), capacity(f.size(), 0.0);
  for_each_index(f.size(), [&](std::size_t k) {
    weight[k] = f.alive[k] ? demand_weight(p, w, k) : 0.0;
    capacity[k] = sales_capacity(w, k);
    f.sales[k] = 0;
  });
  const double total_weight = deterministic_sum(f.size(), [&](std::size_t k) { return weight[k]; });
  for (std::size_t k = 0; k < f.size(); ++k) f.demand[k] = total_weight > 0 ? pool * weight[k] / total_weight : 0.0;
  // The weight of the firms with spare capacity is summed in firm order, for the first round
  // before it and for each later round in the round before it, as each firm's sales are
  // updated (until issue 18's fourteenth round, a pass of its own at the start of each round:
  // a firm closed in a round stays closed, so the same firms in the same order, the same bits).
  double unmet = pool;
  double open_weight = 0;
  for (std::size_t k = 0; k < f.size(); ++k)
    if (f.sales[k] < capacity[k]) open_weight += weight[k];
  for (int round = 0; round < kAllocationRounds && unmet > 1e-9 * pool; ++round) {
    if (open_weight <= 0) break;
    double served = 0, next_open_weight = 0;
    for (std::size_t k = 0; k < f.size(); ++k) {
      if (f.sales[k] >= capacity[k]) continue;
      const double add = std::min(unmet * weight[k] / open_weight, capacity[k] - f.sales[k]);
      f.sales[k] += add;
      served += add;
      if (f.sales[k] < capacity[k]) next_open_weight += weight[k];
    }
    unmet -= served;
    open_weight = next_open_weight;
  }
  for (std::size_t k = 0; k < f.size(); ++k) f.cash[k] += f.sales[k];
  w.row.imports_households += unmet;

  // Self-employment income: each county's pool shared by the skill of its own-account workers.
  // Only the self-employed add: each leaf visits them alone, eight statuses tested at once (in
  // slot order: the same terms in the same order).
  const auto se_skill = deterministic_group_sum_ranges(
      ps.size(), w.counties.size(), [&](std::size_t begin, std::size_t end, std::vector<double>& acc) {
        for_each_status_hit(
            ps.status.data(), begin, end,
            [](std::uint64_t word) { return statuses_equal(word, LabourStatus::SelfEmployed); },
            [&](std::size_t i) { acc[static_cast<std::size_t>(hh.county[ps.household[i]])] += static_cast<double>(ps.skill[i]); });
      });
  struct Paid {
    std::vector<double> se_paid;
    std::vector<std::int64_t> last_se;
  } zero{std::vector<double>(w.counties.size(), 0.0), std::vector<std::int64_t>(w.counties.size(), -1)};
  const auto paid = deterministic_reduce(
      hh.size_(), zero,
      [&](std::size_t h, Paid& a) {
        const int c = hh.county[h];
        double income = 0;
        for (int k = 0; k < hh.size[h]; ++k) {
          const std::size_t i = hh.first_member[h] + k;
          if (ps.status[i] == LabourStatus::SelfEmployed && se_skill[c] > 0)
            income += ws.county_se_pool[c] * ps.skill[i] / se_skill[c];
        }
        hh.income[kSelfEmployment][h] = income;  // the month's first writer (not cleared before)
        if (income == 0) return;
        hh.savings[h] += income;
        a.se_paid[c] += income;
        a.last_se[c] = static_cast<std::int64_t>(h);
      },
      [](Paid& a, const Paid& b) {
        for (std::size_t c = 0; c < a.se_paid.size(); ++c) {
          a.se_paid[c] += b.se_paid[c];
          a.last_se[c] = std::max(a.last_se[c], b.last_se[c]);
        }
      });
  const auto& se_paid = paid.se_paid;
  const auto& last_se = paid.last_se;
  // A county with no own-account workers buys those services from outside; rounding
  // residue goes to the last paid household.
  for (std::size_t c = 0; c < w.counties.size(); ++c) {
    const double residue = ws.county_se_pool[c] - se_paid[c];
    if (last_se[c] >= 0) {
      hh.income[kSelfEmployment][last_se[c]] += residue;
      hh.savings[last_se[c]] += residue;
    } else {
      w.row.imports_households += residue;
    }
  }
  w.self_employment_pool = se_total;
}

}  // namespace prosim
