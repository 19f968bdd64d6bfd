// Step 5b: income from outside the region that the model's production does not generate:
// earnings sent or brought home by residents who work or trade elsewhere (Dongyang's
// construction contractors, Yiwu's traders), and transfers the model does not represent.
// Jinhua's households earn about three quarters of its GDP per head, Zhejiang's about
// half; the counties differ from 0.5 (Lanxi) to 0.9 (Yiwu). The model's incomes come from
// local production, so this channel is calibrated: during the burn-in each county's two
// rates move until the county's urban and rural incomes per head match their inputs
// (Simulation::calibrate); afterwards the rates stay fixed and the amounts grow with
// market incomes. Each household receives its group's rate times its market income this
// month (wages, own-account, farm income and profits): outside earnings go with earning
// power (a trader with a bigger business earns more elsewhere too), so the channel
// scales incomes without changing the shape of their distribution. The rate
// belongs to the household's origin, not to where it lives: households of village
// origin have the rural rate, also after they move to a town (relocation or migration
// does not bring a Yiwu trader's earnings), local town households the urban rate, and
// in-migrant households from outside the region none. It is paid as a transfer (the
// household survey counts remittances from members working away as transfer income).
#include <algorithm>

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

void pay_external_income(World& w) {
  auto& hh = w.households;
  w.row.external_income += deterministic_sum(hh.size_(), [&](std::size_t h) {
    const auto& c = w.counties[hh.county[h]];
    const auto group = outside_income_group(hh, h);
    const double rate = group == OutsideIncomeGroup::None    ? 0.0
                        : group == OutsideIncomeGroup::Rural ? c.external_income_rural
                                                             : c.external_income_urban;
    const double amount = rate * std::max(0.0, market_income(w, h));
    hh.income[kOtherTransfers][h] += amount;
    hh.savings[h] += amount;
    return amount;
  });
}

}  // namespace prosim
