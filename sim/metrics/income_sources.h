#pragma once
// Income per head by source for town and village residents over a calendar year, the
// breakdown of the household survey's disposable income (工资性收入, 经营净收入, 财产净收入,
// 转移净收入) that the statistical bulletins publish for urban and rural residents
// (docs/validation.md compares them). Accumulated month by month by residence that month.
#include <array>

#include "core/state_archive.h"
#include "world/world.h"

namespace prosim {

class IncomeSourceYear {
 public:
  static constexpr int kSources = 4;  // wages, business, property, net transfers
  // Adds this month's household incomes (reads the world only).
  void add_month(const World& w);
  // Annual income per head by source, [urban sources..., rural sources...], then restarts.
  std::array<double, 2 * kSources> close_year();
  // Saves or loads the year's running sums (metrics/recorder_state.cpp).
  void archive_state(StateArchive& a);

 private:
  std::array<double, 2 * kSources> sums_{};
  double person_months_[2] = {0, 0};
};

}  // namespace prosim
