#pragma once
// The month's aggregation pass: one parallel pass over households (fixed split: the same bits
// at any thread count), close_month's counts of the labour force (world/labour_force.h), the
// median wage, the firms and villages reduce the world to the sums every core indicator row
// is computed from (metrics/indicators.cpp).
// The recorder runs it once a month and evaluates the table on it.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/scratch_arena.h"
#include "model/params.h"
#include "metrics/income_sources.h"
#include "metrics/inequality.h"
#include "world/world.h"

namespace prosim {

// Calendar-year sums, from households' and villages' annual totals (each December).
struct YearSums {
  double persons = 0, income = 0, urban_persons = 0, urban_income = 0, mid_a = 0, mid_b = 0, low = 0, gini = 0;
  double mid_a3 = 0, mid_b3 = 0;  // persons counted per typical three-person household (see HouseholdPassSums)
  double weak = 0, strong = 0;  // villages
  // Income per head by source over the year, [urban sources..., rural sources...]
  // (metrics/income_sources.h; the recorder accumulates it month by month).
  std::array<double, 8> by_source{};
};

// The sums of the household pass (simulated units; incomes annualised: month x 12). The pass
// reduces into this part of MonthSums itself, so each sum is named once.
struct HouseholdPassSums {
  double persons = 0, income = 0, urban_persons = 0, urban_income = 0;
  double mid_a = 0, mid_b = 0, low = 0;  // households in the two middle-income bands, below the low line
  // Persons whose household's per-capita income x 3 is in each band: the NBS convention of the
  // middle-income group, a "typical three-person household" (docs/indicators.md).
  double mid_a3 = 0, mid_b3 = 0;
  double poor = 0, gap = 0;               // persons below the poverty line before social assistance, their gap
  double wages = 0, disposable = 0, business = 0, property = 0, transfers = 0;  // this month, not annualised
  std::vector<double> c_persons, c_income, c_urban_p, c_urban_i;
  // Poverty by county: [0..4] = poor and gap before social assistance, poor and gap after, near-poor.
  std::vector<std::array<double, 5>> c_pov;
  IncomeSourceMonth sources;  // income by source and residence (the recorder's calendar year)
};

// The labour-force counts (world/labour_force.h) are close_month's, copied.
struct MonthSums : HouseholdPassSums, LabourForce {
  std::array<double, 5> pov{};  // region totals of c_pov
  // Value added by county this month: own-account and farm income, firms, collectives.
  std::vector<double> c_gdp;
  double gdp = 0, labour_cost = 0;
  // The distribution of per-capita income (persons-weighted).
  double theil = 0, theil_between_urban_rural = 0, theil_between_counties = 0, gini = 0, p90_p10 = 0;
  double quintile_share_top = 0, quintile_share_bottom = 0;
  double low_income_income_growth = 0;  // the recorder's panel (it keeps the panel between years)
  double median_wage = 0;  // of the employed persons
  // Firms and villages.
  double vacancies = 0, firms_alive = 0;
  double villages_above = 0, villages_strong = 0, villages_weak = 0, village_dividends = 0, village_members = 0;
  std::vector<double> c_weak;
  YearSums year;  // filled in December only (aggregate_year)

  // Per household, for the month: per-capita income and persons, town or not, the sorted
  // copy and its keys. Arrays of the lease aggregate_month is given (core/scratch_arena.h:
  // the memory the month's systems borrowed before), valid while the lease lasts.
  std::span<WeightedValue> obs, sorted;
  std::span<std::uint64_t> sort_keys;
  std::span<std::uint8_t> urban;
  std::vector<std::size_t> select_counts;  // the median wage's radix select
  // Keys [lo, hi) around last month's median wage (hi = 0: none yet, after a start or a load),
  // and the employed persons' wage keys in it, by block of persons, then gathered.
  std::uint32_t wage_window_lo = 0, wage_window_hi = 0;
  std::vector<std::vector<std::uint32_t>> wage_window_blocks;
  std::vector<std::uint32_t> wage_window;
  std::vector<double> terms;  // Theil's terms, a chunk at a time
  SortScratch sort_scratch;   // the sort's bucket counts
};

// Fills `s` from the world at the end of a month (all but low_income_income_growth and year);
// its per-household arrays are taken from `scratch`.
void aggregate_month(const Params& params, const World& w, MonthSums& s, ScratchArena::Lease& scratch);
// Fills `y` from the calendar-year totals (all but by_source), in December. The households'
// observations are made and sorted in `obs`, `sorted` and `keys` (buffers of the households'
// number: nothing in them is read): the recorder lends the month's own (MonthSums), read no
// more once the month is recorded.
void aggregate_year(const Params& params, const World& w, YearSums& y, std::span<WeightedValue> obs,
                    std::span<WeightedValue> sorted, std::span<std::uint64_t> keys, SortScratch& scratch);

}  // namespace prosim
