// Step 5b: income from outside the region that the model's production does not generate:
// earnings sent or brought home by residents who work or trade elsewhere (Dongyang's
// construction contractors, Yiwu's traders), and transfers the model does not represent.
// Jinhua's households earn about three quarters of its GDP per head, Zhejiang's about
// half; the counties differ from 0.5 (Lanxi) to 0.9 (Yiwu). The model's incomes come from
// local production, so this channel is calibrated: during the burn-in each county's two
// rates move until the county's urban and rural incomes per head match their inputs
// (Simulation::calibrate); afterwards the rates stay fixed and the amounts grow with
// market incomes. Each household receives its group's rate times its market income this
// month (wages, own-account, farm income and profits) -- outside earnings and property go
// with earning power (a trader with a bigger business earns more elsewhere too) -- except
// a share paid per member: transfers (pension top-ups, subsidies, medical reimbursements)
// come per person, not per yuan earned. The shares (outside_income_per_person_share_urban
// and _rural) are the net transfers' part of what the channel stands for, read from
// Jinhua's bulletin by source against the model's own flows (model.md 4.8b): in towns the
// channel is mostly transfers and property income, in villages mostly wages earned
// elsewhere. The per-member amount is the county group's market income per head this
// month, so the group's base (and the burn-in's lever on it) is its market income. The
// shares default to 0 (all with market income): the bulletin's 0.7 and 0.3 thin the Pareto
// tail of the stylised-facts tests (model.md 4.8b). The rate
// belongs to the household's origin, not to where it lives: households of village
// origin have the rural rate, also after they move to a town (relocation or migration
// does not bring a Yiwu trader's earnings), local town households the urban rate, and
// in-migrant households from outside the region none. It is paid as a transfer (the
// household survey counts remittances from members working away as transfer income).
#include <algorithm>
#include <vector>

#include "core/parallel.h"
#include "systems/systems.h"

namespace prosim {

OutsideIncomeGroup outside_income_group(const Households& hh, std::size_t h) {
  if (hh.nonlocal[h]) return OutsideIncomeGroup::None;
  return hh.origin_village[h] >= 0 ? OutsideIncomeGroup::Rural : OutsideIncomeGroup::Urban;
}

double market_income(const World& w, std::size_t h) {
  const auto& in = w.households.income;
  return in[kWages][h] + in[kSelfEmployment][h] + in[kFarm][h] + in[kProfits][h];
}

void pay_external_income(const Params& p, World& w) {
  auto& hh = w.households;
  const auto& e = p.economy;
  // Market income and persons per county and group (rural, urban) this month; a serial pass
  // in household order, so the sums are the same bits whatever the thread count.
  const std::size_t C = w.counties.size();
  std::vector<double> market(2 * C, 0.0), persons(2 * C, 0.0);
  const bool per_member = e.outside_income_per_person_share_urban > 0 || e.outside_income_per_person_share_rural > 0;
  for (std::size_t h = 0; per_member && h < hh.size_(); ++h) {
    const auto group = outside_income_group(hh, h);
    if (group == OutsideIncomeGroup::None) continue;
    const std::size_t k = 2 * static_cast<std::size_t>(hh.county[h]) + (group == OutsideIncomeGroup::Urban ? 1 : 0);
    market[k] += std::max(0.0, market_income(w, h));
    persons[k] += hh.size[h];
  }
  w.row.external_income += deterministic_sum(hh.size_(), [&](std::size_t h) {
    const auto& c = w.counties[hh.county[h]];
    const auto group = outside_income_group(hh, h);
    if (group == OutsideIncomeGroup::None) return 0.0;
    const bool rural = group == OutsideIncomeGroup::Rural;
    const double rate = rural ? c.external_income_rural : c.external_income_urban;
    // A net outflow (negative rate: earnings in the county of people who live elsewhere)
    // goes with market income only; the per-member part is transfers coming in.
    const double per_person_share =
        rate <= 0 ? 0.0 : rural ? e.outside_income_per_person_share_rural : e.outside_income_per_person_share_urban;
    const std::size_t k = 2 * static_cast<std::size_t>(hh.county[h]) + (rural ? 0 : 1);
    const double per_head = persons[k] > 0 ? market[k] / persons[k] : 0.0;
    const double base = (1 - per_person_share) * std::max(0.0, market_income(w, h)) + per_person_share * hh.size[h] * per_head;
    const double amount = rate * base;
    hh.income[kOtherTransfers][h] += amount;
    hh.savings[h] += amount;
    return amount;
  });
}

}  // namespace prosim
