#pragma once
// Households, struct-of-arrays. Members are the persons [first_member, first_member + size);
// the slots [first_member + size, first_member + capacity) are empty (room for births).
// Income is kept by source for the current month (yuan), so indicators such as the
// wage share of disposable income or the effect of a transfer can be read directly.
#include <array>
#include <cstdint>
#include <vector>

namespace prosim {

enum IncomeSource : int {
  kWages = 0,          // gross wages of employed members
  kSelfEmployment,     // own-account and small-business income
  kFarm,               // farm income from the household's land
  kProfits,            // profits paid out by firms this household owns
  kProperty,           // village dividends, land rent
  kPensions,           // urban-employee and rural-resident pensions
  kSocialAssistance,   // means-tested top-ups (the minimum living guarantee and near-poor support)
  kOtherTransfers,     // programme transfers (relocation subsidy, family support, ...)
  kIncomeTax,          // paid (stored positive, subtracted)
  kSocialContributions,// employee contributions paid (stored positive, subtracted)
  kIncomeSourceCount
};

struct Households {
  std::vector<std::int32_t> settlement;
  std::vector<std::int32_t> county;
  std::vector<std::int32_t> first_member;
  std::vector<std::uint8_t> size;      // living members
  std::vector<std::uint8_t> capacity;  // slots owned (>= size)
  std::vector<float> land_mu;          // farm land (mu); 0 for urban households
  // The village land market this month (systems/land_market.cpp): mu of its land let to
  // the village's farmers, and mu it took in from households that no longer farm.
  std::vector<float> land_let_mu;
  std::vector<float> land_taken_mu;
  std::vector<double> savings;         // deposits, yuan (an account: see accounts)
  std::array<std::vector<double>, kIncomeSourceCount> income;  // this month, yuan
  std::vector<double> disposable;      // this month, yuan
  std::vector<double> disposable_ytd;  // since January, yuan
  std::vector<double> disposable_last_year;  // last complete calendar year, yuan (NaN before)
  std::vector<double> consumption;     // this month, yuan
  // Incremented when a new household takes over the slot (an in-migrant household replacing
  // one that left), so that a policy keeping per-household state can tell it is not the same.
  std::vector<std::uint16_t> occupant;
  // 1 if a resettlement programme moved the household (set by a policy). Kept here, not in
  // the policy's state block, because the household sample (metrics/household_sample.cpp)
  // records it for every household; moving it needs sample columns a policy can declare.
  std::vector<std::uint8_t> relocated;
  std::vector<std::uint8_t> migrated;  // 1 if it moved to a town voluntarily
  std::vector<std::uint8_t> initial_low_income;  // in the bottom group at the start (panel)
  std::vector<double> initial_income_pc;         // per-capita income in the first recorded year
  std::vector<std::int32_t> origin_village;      // village it lived in at the start, -1 if urban
  std::vector<std::uint8_t> nonlocal;  // 1 = in-migrant household from outside the region (no local hukou)
  std::vector<double> imputed_rent;    // this month's imputed rent of its owner-occupied dwelling, yuan (non-cash)
  // This month's wages earned away from the region (外出从业: resident members working
  // elsewhere), booked by the outside-income channel (systems/external_income.cpp,
  // economy.outside_income_wage_share_rural); part of income[kWages], yuan. Set to 0 by the
  // month's first writer of wages (pay_wages_and_farm_income), so before step 5b it is 0 and
  // in a month's begin_month it is last month's, like income[kWages].
  std::vector<double> wages_away;

  std::size_t size_() const { return settlement.size(); }
  void resize(std::size_t n);
  double gross_income(std::size_t h) const;  // all positive sources
  // Wages of jobs in the region: income[kWages] less the wages earned away. What the
  // outside channel's base and the rules that stand for local jobs read (external_income.cpp).
  double local_wages(std::size_t h) const { return income[kWages][h] - wages_away[h]; }
};

}  // namespace prosim
