#pragma once
// Cost-effectiveness of a policy scenario against the baseline, from runs' output
// (`prosim compare`, docs/policies.md). The definitions are those of
// `python3 -m analysis report` (analysis/report.py, cost_effectiveness), number for
// number; tests/analysis/test_prosim_compare.py checks that the two agree on the same
// files.
//  - extra cost: the sum of `fiscal_cost_total` (yuan/month) over the months all runs
//    share, scenario minus baseline;
//  - bottom-40 % income gain: over the calendar years with all 12 months shared and an
//    income snapshot (the year's last), the sum of 0.4 x population x mean of the first
//    four decile means (`distribution/decile_mean_all`, yuan a year), scenario minus
//    baseline; its cost is the extra cost in those years; cost per yuan = cost / gain;
//  - weak villages lifted: baseline minus scenario `weak_villages` in the last month;
//    cost per village = extra cost / villages lifted;
//  - weak village-years lifted: the same difference summed over the shared months / 12;
//    cost per village-year = extra cost / that (the report shows this one);
//  - extra relocated households: scenario minus baseline `relocated_households` in the
//    last month; cost per household = extra cost / that.
// Each ratio charges the whole extra cost to one outcome and is NaN when the outcome did
// not improve. Differences are paired by seed as in analysis/stats.py (match_seeds: every
// seed unique and at least two shared, or one run each with the same seed): the mean of
// the per-seed differences over the pairs; otherwise the difference of the means.
#include <string>
#include <vector>

#include "metrics/run_record.h"

namespace prosim {

struct CostEffectiveness {
  std::string scenario;
  bool paired = false;
  int first_month = 0, last_month = 0;  // YearMonth serials of the shared months
  double extra_cost = 0;                // yuan
  int b40_first_year = 0, b40_last_year = 0;  // 0: no years with snapshots
  double b40_gain = 0, b40_cost = 0, cost_per_b40 = 0;  // yuan a year summed over the years, yuan, yuan per yuan
  double villages_lifted = 0, cost_per_village = 0;
  double village_years = 0, cost_per_village_year = 0;  // weak villages lifted x years, summed over the run
  double relocated = 0, cost_per_relocated = 0;
};

// `baseline` and `scenario` are the replicates of each; runs lacking fiscal_cost_total
// throw RuntimeFailure. Outcomes an indicator is missing for are NaN.
CostEffectiveness cost_effectiveness(const std::vector<const RunRecord*>& baseline,
                                     const std::vector<const RunRecord*>& scenario, const std::string& name);

}  // namespace prosim
