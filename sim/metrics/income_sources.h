#pragma once
// Income per head by source for town and village residents over a calendar year, the
// breakdown of the household survey's disposable income (工资性收入, 经营净收入, 财产净收入,
// 转移净收入) that the statistical bulletins publish for urban and rural residents
// (docs/validation.md compares them). Accumulated month by month by residence that month.
#include <array>
#include <cstddef>

#include "core/state_archive.h"
#include "world/world.h"

namespace prosim {

// One month's income by source and residence, [urban sources..., rural sources...], and the
// residents: the recorder's household pass adds every household into it (metrics/month_sums.cpp).
struct IncomeSourceMonth {
  static constexpr int kSources = 4;  // wages, business, property, net transfers
  std::array<double, 2 * kSources> s{};
  double persons[2] = {0, 0};
  // Household h this month (inline: called for every household).
  void add(const World& w, std::size_t h) {
    const auto& hh = w.households;
    const int g = w.settlements.is_urban(hh.settlement[h]) ? 0 : 1;
    const auto& in = hh.income;
    s[g * kSources + 0] += in[kWages][h];
    s[g * kSources + 1] += in[kSelfEmployment][h] + in[kFarm][h] + in[kProfits][h];
    s[g * kSources + 2] += in[kProperty][h];
    s[g * kSources + 3] += in[kPensions][h] + in[kSocialAssistance][h] + in[kOtherTransfers][h] - in[kIncomeTax][h] -
                           in[kSocialContributions][h];
    persons[g] += hh.size[h];
  }
  void join(const IncomeSourceMonth& b) {
    for (int k = 0; k < 2 * kSources; ++k) s[k] += b.s[k];
    persons[0] += b.persons[0];
    persons[1] += b.persons[1];
  }
};

class IncomeSourceYear {
 public:
  static constexpr int kSources = IncomeSourceMonth::kSources;
  // Adds this month's household incomes.
  void add_month(const IncomeSourceMonth& m);
  // Annual income per head by source, [urban sources..., rural sources...], then restarts.
  std::array<double, 2 * kSources> close_year();
  // Saves or loads the year's running sums (metrics/recorder_state.cpp).
  void archive_state(StateArchive& a);

 private:
  std::array<double, 2 * kSources> sums_{};
  double person_months_[2] = {0, 0};
};

}  // namespace prosim
