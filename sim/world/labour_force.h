#pragma once
// The labour force at the end of a month, counted once by close_month's person pass
// (systems/household_accounts.cpp) and read that month by the wage-setting response (through
// World::county_unemployment) and by the recorder (metrics/month_sums.cpp), which counted
// the same persons again in a pass of its own before. Sums of one deterministic reduction
// over persons (core/parallel.h): the same bits at any thread count.
#include <vector>

namespace prosim {

struct LabourForce {
  double employed = 0, working = 0, unemployed = 0, wage_sum = 0;  // wage_sum: of the employed
  // The labour force and its unemployed with urban hukou living in a town (the registered rate).
  double registered_lf = 0, registered_unemployed = 0;
  double migrants = 0;                     // persons working outside the region
  std::vector<double> c_lf, c_unemployed;  // by county of residence
};

}  // namespace prosim
