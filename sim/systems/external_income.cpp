// Step 5b: income from outside the region that the model's production does not generate:
// earnings sent or brought home by residents who work or trade elsewhere (Dongyang's
// construction contractors, Yiwu's traders), and transfers the model does not represent.
// Jinhua's households earn about three quarters of its GDP per head, Zhejiang's about
// half; the counties differ from 0.5 (Lanxi) to 0.9 (Yiwu). The model's incomes come from
// local production, so this channel is calibrated: during the burn-in each county's two
// rates move until the county's urban and rural incomes per head match their inputs
// (Simulation::calibrate); afterwards the rates stay fixed and the amounts grow with
// market incomes. Each household receives its group's rate times its market income this
// month (wages, own-account, farm income and profits) -- outside earnings go with earning
// power (a trader with a bigger business earns more elsewhere too) -- except two parts read
// from Jinhua's bulletin by source against the model's own flows (model.md 4.8b): a share
// paid per member, transfers (pension top-ups, subsidies, medical reimbursements come per
// person, not per yuan earned: outside_income_per_person_share_urban and _rural), and in
// towns a share paid as property income with business ownership, in proportion to the
// profits the household received this month (outside_income_property_share_urban):
// wealth, and the property income it yields, is concentrated at the top, with the
// business owners. In towns the channel is mostly transfers and property income, in
// villages mostly wages earned elsewhere. The per-member amount is the county group's
// market income per head this month and the property part is scaled by the group's
// market income over its profits, so the group's base (and the burn-in's lever on it) is
// its market income. Paid per member alone the transfers thinned the Pareto tail of
// incomes (the top gained less than the rest); with the property part they do not. The rate
// belongs to the household's origin, not to where it lives: households of village
// origin have the rural rate, also after they move to a town (relocation or migration
// does not bring a Yiwu trader's earnings), local town households the urban rate, and
// in-migrant households from outside the region none. It is paid as a transfer, except the
// property part, which is property income, and, in the rural group, the part that goes
// with market income (outside_income_wage_share_rural of it, by default all), which is
// wages: the household survey counts the earnings of resident members working away
// (外出从业) as wages (工资性收入) and only what non-resident members send home as
// transfers (model.md 4.8b); in villages the channel stands mostly for wages earned
// elsewhere, and its transfers are the per-member part. An outflow (negative rate: the
// county's production pays its village households more than their surveyed income) is taken
// from the same wages when outside_income_outflow_from_wages_rural (the default): the part
// that goes with the household's local wages, outside_income_wage_share_rural of it, is
// negative wages earned away, the rest (the part with farm and own-account income and
// profits) stays a negative transfer; the rate is at least kMinOutsideRate (-0.5), so wages
// stay positive. The wages earned away are kept apart (Households::wages_away) so
// that what stands for local jobs reads the local wages only (Households::local_wages):
// the channel's own base (market_income, also the burn-in's lever), the relocation
// policy's estimate of the income a mover keeps (the channel stays with the household's
// origin) and the family-support rule's working households. What reads wages as income
// earned from work counts them: the survey's sources in the recorder and the dibao's
// work-cost deduction and employment disregard (policies/dibao.cpp). Income tax is
// computed before this step on members' own wages (run_government): the wages earned away
// are booked net, as the channel is calibrated on disposable income.
#include <algorithm>
#include <vector>

#include "core/parallel.h"
#include "systems/systems.h"

namespace prosim {

OutsideIncomeGroup outside_income_group(const Households& hh, std::size_t h) {
  if (hh.nonlocal[h]) return OutsideIncomeGroup::None;
  return hh.origin_village[h] >= 0 ? OutsideIncomeGroup::Rural : OutsideIncomeGroup::Urban;
}

// Local wages: after step 5b the month's wages include the wages earned away, which the
// base must not (it is what they are paid on). Before it wages_away is 0 (x - 0 = x: the
// same bits as income[kWages]).
double market_income(const World& w, std::size_t h) {
  const auto& hh = w.households;
  const auto& in = hh.income;
  return hh.local_wages(h) + in[kSelfEmployment][h] + in[kFarm][h] + in[kProfits][h];
}

void pay_external_income(const Params& p, World& w, Workspace& ws) {
  auto& hh = w.households;
  const auto& e = p.economy;
  const std::size_t C = w.counties.size(), G = 2 * C;
  // Market income and persons per county and group (rural, urban) this month.
  std::vector<double> market(G, 0.0), persons(G, 0.0), profits(G, 0.0);
  // The town channel's property part cannot exceed what the per-member part leaves.
  const double property_share =
      std::min(e.outside_income_property_share_urban, 1 - e.outside_income_per_person_share_urban);
  const bool shares = e.outside_income_per_person_share_urban > 0 || e.outside_income_per_person_share_rural > 0 ||
                      property_share > 0;
  if (shares) {
    // Each group's sums add its households' amounts in household order, as a serial pass over
    // all households did (the same additions in the same order: the same bits at any thread
    // count), the counties in parallel: each county's households, listed in id order
    // (Workspace::households_by_county), are its two groups' households in household order.
    // It replaced per-block runs of every household's two amounts, summed group by group
    // (16 bytes a household kept between months). Persons are whole numbers, summed exactly.
    const auto& by_county = ws.households_by_county(w);
    for_each_block(C, C, [&](std::size_t c, std::size_t, std::size_t) {
      double m[2] = {0, 0}, pr[2] = {0, 0};  // [rural, urban]: groups 2c, 2c + 1
      std::size_t n[2] = {0, 0};
      for (const auto id : by_county[c]) {
        const auto h = static_cast<std::size_t>(id);
        const auto group = outside_income_group(hh, h);
        if (group == OutsideIncomeGroup::None) continue;
        const int k = group == OutsideIncomeGroup::Urban ? 1 : 0;
        m[k] += std::max(0.0, market_income(w, h));
        pr[k] += std::max(0.0, hh.income[kProfits][h]);
        n[k] += hh.size[h];
      }
      for (int k = 0; k < 2; ++k) {
        market[2 * c + k] = m[k];
        profits[2 * c + k] = pr[k];
        persons[2 * c + k] = static_cast<double>(n[k]);
      }
    });
  }
  // Each county group's terms, evaluated once per group instead of once per household (the
  // same expressions on the same values, so the same bits).
  struct GroupTerms {
    double rate = 0, per_person_share = 0, with_profits = 0, per_head = 0, market = 0, profits = 0;
    double kept = 1, property_rate = 0;  // 1 - per_person_share - with_profits, rate x with_profits
    double wage_share = 0;  // of the market-income part, booked as wages earned away
  };
  std::vector<GroupTerms> terms(2 * C);
  for (std::size_t k = 0; k < 2 * C; ++k) {
    const auto& c = w.counties[k / 2];
    const bool rural = k % 2 == 0;
    auto& t = terms[k];
    t.rate = rural ? c.external_income_rural : c.external_income_urban;
    // A net outflow (negative rate: earnings in the county of people who live elsewhere)
    // goes with market income only; the per-member part is transfers coming in.
    t.per_person_share =
        t.rate <= 0 ? 0.0 : rural ? e.outside_income_per_person_share_rural : e.outside_income_per_person_share_urban;
    // The town channel's property part goes with business ownership: the household's share
    // of the profits its group's households received this month (market[k] / profits[k]
    // scales it so that the group's base is still its market income). In a month when no
    // household of the group received profits it goes with market income.
    t.with_profits = t.rate <= 0 || rural || profits[k] <= 0 ? 0.0 : property_share;
    t.per_head = persons[k] > 0 ? market[k] / persons[k] : 0.0;
    t.market = market[k];
    t.profits = profits[k];
    t.kept = 1 - t.per_person_share - t.with_profits;
    t.property_rate = t.rate * t.with_profits;
    // In villages the part that goes with market income is wages earned away by resident
    // members (外出从业). An outflow (rate < 0) is taken from local wages, as far as it goes
    // with them, when outside_income_outflow_from_wages_rural; else it stays with other
    // transfers (wage_share 0).
    t.wage_share = rural && (t.rate > 0 || (t.rate < 0 && e.outside_income_outflow_from_wages_rural))
                       ? e.outside_income_wage_share_rural
                       : 0.0;
  }
  w.row.external_income += deterministic_sum(hh.size_(), [&](std::size_t h) {
    const auto group = outside_income_group(hh, h);
    if (group == OutsideIncomeGroup::None) return 0.0;
    const auto& t = terms[2 * static_cast<std::size_t>(hh.county[h]) + (group == OutsideIncomeGroup::Rural ? 0 : 1)];
    const double owned = t.with_profits > 0 ? std::max(0.0, hh.income[kProfits][h]) * t.market / t.profits : 0.0;
    const double with_market = t.kept * std::max(0.0, market_income(w, h));
    const double base = with_market + t.per_person_share * hh.size[h] * t.per_head;
    // The property part is property income (dividends of the household's business stakes).
    const double property = t.property_rate * owned;
    const double amount = t.rate * base;
    if (t.wage_share > 0) {
      // Wages earned away: household wages, not a member's (no member's wage, hours or
      // employer changes; income tax was computed on members' wages before this step).
      // An outflow goes with the household's market income; the part of it with the local
      // wages (at most the market-income base, both at least 0) is taken from wages.
      const double wage_base =
          t.rate < 0 ? t.kept * std::min(std::max(0.0, hh.local_wages(h)), std::max(0.0, market_income(w, h))) : with_market;
      const double earned = t.rate * (t.wage_share * wage_base);
      hh.income[kWages][h] += earned;
      hh.wages_away[h] = earned;
      hh.income[kOtherTransfers][h] += amount - earned;
    } else {
      hh.income[kOtherTransfers][h] += amount;
    }
    if (t.with_profits > 0) hh.income[kProperty][h] += property;
    hh.savings[h] += amount + property;
    return amount + property;
  });
}

}  // namespace prosim
