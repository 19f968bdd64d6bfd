#pragma once
// An indicator is one row of a table: {name, units, long_name, group, reducer}. The
// recorder (metrics/recorder.cpp) evaluates every row once a month (the village rows each
// December) on a MonthView: the world, the parameters and the month's sums, which one
// aggregation pass computes (metrics/month_sums.h). The core rows are in
// metrics/indicators.cpp; a policy declares its own rows in its file (policies/policy.h),
// placed in the output after the core row named in `after`.
#include <functional>
#include <string>
#include <vector>

#include "model/params.h"
#include "world/world.h"

namespace prosim {

struct MonthSums;

struct MonthView {
  const Params& params;
  const World& world;
  const MonthSums& sums;
};

// Where a row is recorded (docs/output-format.md).
enum class IndicatorGroup {
  Region,   // "/": one value a month
  County,   // "/county": one value a month per county (index = county)
  Village,  // "/village": one value each December per village (index = village)
  Annual,   // "/annual": one value each December, from calendar-year totals (MonthSums::year)
};

struct Indicator {
  std::string name, units, long_name;
  IndicatorGroup group = IndicatorGroup::Region;
  // The value; `index` is the county or the village (0 for region rows).
  std::function<double(const MonthView&, std::size_t index)> reducer;
  // Rows a policy adds: the core row of the same group they follow in the output ("" = the
  // end of the group). Rows after the same core row keep registry order.
  std::string after = {};
};

// The core rows of a group, in output order (metrics/indicators.cpp; docs/indicators.md).
const std::vector<Indicator>& core_indicators(IndicatorGroup group);

// The core rows with `added` placed after their anchors (throws std::logic_error on an
// anchor that is not a core row of the group, or on a name used twice).
std::vector<Indicator> indicator_table(IndicatorGroup group, const std::vector<Indicator>& added);

}  // namespace prosim
