#pragma once
// County GDP: the one definition used by the recorder (metrics/month_sums.cpp, the
// gdp indicators) and by the calibration burn-in (engine/calibration.cpp, its GDP lever).
#include <vector>

#include "model/params.h"
#include "world/world.h"

namespace prosim {

// Value added by county this month (simulated units, not annualised): households' farm and
// own-account income (county of residence), firms' value added, sales less intermediate
// inputs (county of the firm), and village collectives' operating income. Deterministic
// sums (the same bits at any thread count).
std::vector<double> county_value_added(const Params& params, const World& w);

}  // namespace prosim
