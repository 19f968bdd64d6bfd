#pragma once
// Income per head by source for town and village residents over a calendar year, the
// breakdown of the household survey's disposable income (工资性收入, 经营净收入, 财产净收入,
// 转移净收入) that the statistical bulletins publish for urban and rural residents
// (docs/validation.md compares them). Accumulated month by month by residence that month.
#include <array>

#include "core/state_archive.h"

namespace prosim {

// One month's income by source and residence, [urban sources..., rural sources...], and the
// residents: the recorder's household pass adds every household into it (metrics/month_sums.cpp).
struct IncomeSourceMonth {
  static constexpr int kSources = 4;  // wages, business, property, net transfers
  std::array<double, 2 * kSources> s{};
  double persons[2] = {0, 0};
  // A household's month: residence g (0 town, 1 village), its wages, business income (own
  // account, farm, profits), property income, transfers net of tax and contributions, members.
  void add(int g, double wages, double business, double property, double net_transfers, double members) {
    s[g * kSources + 0] += wages;
    s[g * kSources + 1] += business;
    s[g * kSources + 2] += property;
    s[g * kSources + 3] += net_transfers;
    persons[g] += members;
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
