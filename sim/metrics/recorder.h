#pragma once
// Computes the indicators of INDICATORS.md from the world at the end of each month
// and collects them into a RunRecord (record/run_record.h). The recorder only reads
// the world.
#include <string>
#include <vector>

#include "core/scratch_arena.h"
#include "model/params.h"
#include "metrics/income_sources.h"
#include "metrics/indicator.h"
#include "metrics/month_sums.h"
#include "metrics/inequality.h"
#include "record/run_record.h"
#include "world/world.h"

namespace prosim {

struct IndicatorDef {
  const char* name;
  const char* units;
  const char* long_name;
};

// Calendar-year indicators from households' and villages' annual totals (year).
const std::vector<IndicatorDef>& annual_indicators();
class Recorder {
 public:
  // `added`: the rows policies declare (policies/registry.h policy_indicators()), placed
  // after their anchors in the core tables.
  Recorder(const Params& params, const World& world, const std::vector<Indicator>& added = {});
  // The month's per-household arrays are borrowed from `scratch` (the Workspace's, which the
  // month's systems borrowed before: core/scratch_arena.h) for the call; without it, from the
  // recorder's own.
  void record_month(const World& world, ScratchArena& scratch);
  void record_month(const World& world) { record_month(world, own_scratch_); }
  // Moves everything recorded into a RunRecord (axes, variables, attributes).
  RunRecord finish(const World& world);
  // Saves or loads everything recorded so far and every running accumulator; the per-month
  // scratch is not state (metrics/recorder_state.cpp).
  void archive_state(StateArchive& a);

 private:
  // The income distributions at a snapshot: the household pass's sorted observations and
  // each group's, made in the month's arrays (MonthSums::obs, sorted, sort_keys).
  void record_distribution(const World& world);
  void record_village_year(const World& world);
  // The household microdata sample (metrics/household_sample.cpp).
  void init_household_sample(const World& world);
  void record_household_sample(const World& world);
  void finish_household_sample(RunRecord& record, Axis dates);
  void record_calendar_year(const World& world);

  const Params& params_;
  std::vector<Indicator> region_rows_, county_rows_, village_rows_, annual_rows_;  // the tables, in output order
  MonthSums sums_;                            // this month's aggregation pass (scratch reused)
  std::vector<YearMonth> months_;
  std::vector<std::vector<double>> region_;   // [indicator][month]
  std::vector<std::vector<double>> county_;   // [indicator][month * n_counties + county]
  std::vector<int> village_years_;
  std::vector<std::vector<double>> village_;  // [indicator][year * n_villages + village]
  std::vector<YearMonth> snapshots_;
  std::vector<std::vector<double>> deciles_;  // [all, urban, rural][snapshot * 10 + decile]
  std::vector<double> county_deciles_;        // [snapshot][county][decile]
  std::vector<double> county_histogram_;      // [snapshot][county][bin]
  std::vector<std::vector<double>> histogram_;  // [all, urban, rural][snapshot * bins + bin]
  std::vector<int> years_;
  std::vector<std::vector<double>> annual_;   // [indicator][year]
  IncomeSourceYear sources_;                  // this calendar year's income by source, urban / rural
  std::vector<double> firm_sizes_;            // [snapshot * kFirmSizeBins + bin], count of firms (real units)
  std::vector<std::int32_t> sample_;          // household ids in the microdata sample
  std::vector<YearMonth> sample_dates_;
  std::vector<std::vector<double>> sample_values_;  // [variable][date * n + k]
  std::vector<double> panel_base_;            // per household: per-capita income, first full year
  double panel_base_mean_ = 0;
  ScratchArena own_scratch_;  // for a recorder run without a Workspace (tests)
};

}  // namespace prosim
