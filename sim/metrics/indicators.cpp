// The core indicator rows (INDICATORS.md), in output order: {name, units, long_name, group,
// reducer}. Each reducer reads the month's sums (metrics/month_sums.h), computed by one
// aggregation pass, or the world directly. Policies add their rows in their own files
// (policies/policy.h). Keep docs/indicators.md in step with this table.
#include <algorithm>
#include <limits>
#include <stdexcept>

#include "metrics/indicator.h"
#include "metrics/month_sums.h"

namespace prosim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
double ratio(double a, double b) { return b != 0 ? a / b : kNaN; }

using V = const MonthView&;
using I = std::size_t;

double households(V m) { return static_cast<double>(m.world.households.size_()); }
double villages(V m) { return static_cast<double>(m.world.villages.size()); }
double county_income(V m, I c) { return ratio(m.sums.c_income[c], m.sums.c_persons[c]); }
double county_gdp_pc(V m, I c) { return ratio(12 * m.sums.c_gdp[c], m.sums.c_persons[c]); }

// Highest / lowest over counties (the first county sets neither bound above 0 / below 1e300).
template <class F>
double max_min_ratio(V m, F per_county) {
  double hi = 0, lo = 1e300;
  for (std::size_t c = 0; c < m.world.counties.size(); ++c) {
    const double x = per_county(m, c);
    hi = std::max(hi, x);
    lo = std::min(lo, x);
  }
  return ratio(hi, lo);
}

std::vector<Indicator> region_rows() {
  const auto R = IndicatorGroup::Region;
  return {
      {"population", "persons", "resident population", R, [](V m, I) { return m.sums.persons * m.world.weight; }},
      {"income_per_capita", "yuan/yr", "mean per-capita disposable income, all residents (month x 12)", R,
       [](V m, I) { return m.sums.income / m.sums.persons; }},
      {"income_per_capita_urban", "yuan/yr", "mean per-capita disposable income of town residents (month x 12)", R,
       [](V m, I) { return ratio(m.sums.urban_income, m.sums.urban_persons); }},
      {"income_per_capita_rural", "yuan/yr", "mean per-capita disposable income of village residents (month x 12)", R,
       [](V m, I) { return ratio(m.sums.income - m.sums.urban_income, m.sums.persons - m.sums.urban_persons); }},
      {"urban_rural_ratio", "1", "urban / rural per-capita disposable income", R,
       [](V m, I) {
         const auto& s = m.sums;
         return ratio(ratio(s.urban_income, s.urban_persons), ratio(s.income - s.urban_income, s.persons - s.urban_persons));
       }},
      {"gini", "1", "Gini of per-capita household disposable income, person-weighted", R, [](V m, I) { return m.sums.gini; }},
      {"theil", "1", "Theil T of per-capita disposable income", R, [](V m, I) { return m.sums.theil; }},
      {"theil_between_urban_rural", "1", "between-group (urban/rural) part of Theil T", R,
       [](V m, I) { return m.sums.theil_between_urban_rural; }},
      {"theil_between_counties", "1", "between-county part of Theil T", R,
       [](V m, I) { return m.sums.theil_between_counties; }},
      {"p90_p10", "1", "90th / 10th percentile of per-capita disposable income", R, [](V m, I) { return m.sums.p90_p10; }},
      {"quintile_share_top", "1", "income share of the top 20 % of persons", R,
       [](V m, I) { return m.sums.quintile_share_top; }},
      {"quintile_share_bottom", "1", "income share of the bottom 20 % of persons", R,
       [](V m, I) { return m.sums.quintile_share_bottom; }},
      {"middle_income_share_100k_500k", "1", "share of households with annual disposable income in [100k, 500k) yuan", R,
       [](V m, I) { return m.sums.mid_a / households(m); }},
      {"middle_income_share_200k_600k", "1", "share of households with annual disposable income in [200k, 600k) yuan", R,
       [](V m, I) { return m.sums.mid_b / households(m); }},
      {"middle_income_share_100k_500k_per3", "1",
       "share of persons whose household's per-capita annual disposable income x 3 (a typical three-person household, the NBS convention) is in [100k, 500k) yuan",
       R, [](V m, I) { return m.sums.mid_a3 / m.sums.persons; }},
      {"middle_income_share_200k_600k_per3", "1",
       "share of persons whose household's per-capita annual disposable income x 3 is in [200k, 600k) yuan", R,
       [](V m, I) { return m.sums.mid_b3 / m.sums.persons; }},
      {"low_income_share_50k", "1", "share of households with annual disposable income below 50k yuan", R,
       [](V m, I) { return m.sums.low / households(m); }},
      {"low_income_income_growth", "percent/yr",
       "per-capita income growth of households in the low-income group in the first year (panel; December only)", R,
       [](V m, I) { return m.sums.low_income_income_growth; }},
      {"poverty_headcount", "1",
       "share of persons whose household income before social assistance is below the county's dibao_standard", R,
       [](V m, I) { return m.sums.poor / m.sums.persons; }},
      {"poverty_gap", "yuan/yr", "mean shortfall below the dibao_standard per poor person, before social assistance", R,
       [](V m, I) { return ratio(m.sums.gap, m.sums.poor); }},
      {"poverty_headcount_after_transfers", "1",
       "share of persons whose household income after all transfers is below the county's dibao_standard", R,
       [](V m, I) { return m.sums.pov[2] / m.sums.persons; }},
      {"poverty_gap_after_transfers", "yuan/yr",
       "mean shortfall below the dibao_standard per poor person, after all transfers", R,
       [](V m, I) { return ratio(m.sums.pov[3], m.sums.pov[2]); }},
      {"near_poor_share", "1", "share of persons whose household income after transfers is in [1, 1.5) x the dibao_standard",
       R, [](V m, I) { return m.sums.pov[4] / m.sums.persons; }},
      {"gdp", "yuan/yr", "value added of firms, farms, own-account work and collectives (month x 12)", R,
       [](V m, I) { return 12 * m.sums.gdp * m.world.weight; }},
      {"gdp_per_capita", "yuan/yr", "GDP per resident", R, [](V m, I) { return 12 * m.sums.gdp / m.sums.persons; }},
      {"labour_share", "1", "compensation of employees (wages + employer contributions) / GDP", R,
       [](V m, I) { return ratio(m.sums.labour_cost, m.sums.gdp); }},
      {"wage_share_of_income", "1", "wages / household disposable income", R,
       [](V m, I) { return ratio(m.sums.wages, m.sums.disposable); }},
      {"business_share_of_income", "1", "own-account, farm and business-profit income / disposable income", R,
       [](V m, I) { return ratio(m.sums.business, m.sums.disposable); }},
      {"property_share_of_income", "1", "property income (dividends, rents) / disposable income", R,
       [](V m, I) { return ratio(m.sums.property, m.sums.disposable); }},
      {"transfer_share_of_income", "1", "pensions, social assistance and programme transfers / disposable income", R,
       [](V m, I) { return ratio(m.sums.transfers, m.sums.disposable); }},
      {"employment", "persons", "employees + self-employed + farmers", R,
       [](V m, I) { return m.sums.working * m.world.weight; }},
      {"unemployment_rate", "1", "unemployed / labour force (ILO-style)", R,
       [](V m, I) { return ratio(m.sums.unemployed, m.sums.working + m.sums.unemployed); }},
      {"registered_unemployment_rate", "1", "unemployed / labour force, urban-hukou town residents", R,
       [](V m, I) { return ratio(m.sums.registered_unemployed, m.sums.registered_lf); }},
      {"vacancies", "jobs", "open vacancies at the end of the month", R,
       [](V m, I) { return m.sums.vacancies * m.world.weight; }},
      {"mean_wage", "yuan/month", "mean gross monthly wage of employees", R,
       [](V m, I) { return ratio(m.sums.wage_sum, m.sums.employed); }},
      {"median_wage", "yuan/month", "median gross monthly wage of employees", R, [](V m, I) { return m.sums.median_wage; }},
      {"firms", "count", "firms in operation", R, [](V m, I) { return m.sums.firms_alive * m.world.weight; }},
      {"firm_entries", "count/month", "firms entering this month", R,
       [](V m, I) { return m.world.firm_entries * m.world.weight; }},
      {"firm_exits", "count/month", "firms exiting this month", R, [](V m, I) { return m.world.firm_exits * m.world.weight; }},
      {"firm_exits_low_productivity", "count/month",
       "exits this month of firms in the bottom quartile of live firms' productivity", R,
       [](V m, I) { return m.world.firm_exits_low_productivity * m.world.weight; }},
      {"urbanisation_rate", "1", "residents of towns / all residents", R,
       [](V m, I) { return m.sums.urban_persons / m.sums.persons; }},
      {"migrants", "persons", "household members working outside the region (out-migration)", R,
       [](V m, I) { return m.sums.migrants * m.world.weight; }},
      {"remittances", "yuan/month", "sent home by members working outside the region", R,
       [](V m, I) { return m.world.row.remittances * m.world.weight; }},
      {"external_income", "yuan/month", "residents' other income from outside the region, calibrated per county", R,
       [](V m, I) { return m.world.row.external_income * m.world.weight; }},
      {"village_income_threshold_share", "1",
       "villages with total income >= 200k and operating income >= 100k yuan/yr (month x 12)", R,
       [](V m, I) { return m.sums.villages_above / villages(m); }},
      {"village_operating_500k_share", "1", "villages with operating income >= 500k yuan/yr (month x 12)", R,
       [](V m, I) { return m.sums.villages_strong / villages(m); }},
      {"weak_villages", "count", "weak villages: income this month x 12 below the total/operating thresholds", R,
       [](V m, I) { return m.sums.villages_weak; }},
      {"village_dividends_per_member", "yuan/yr", "collective dividends per registered member (month x 12)", R,
       [](V m, I) { return ratio(m.sums.village_dividends, m.sums.village_members); }},
      {"fiscal_cost_total", "yuan/month", "all programme spending this month (every policy's)", R,
       [](V m, I) { return m.world.programme_spending * m.world.weight; }},
      {"county_gdp_per_capita_max_min_ratio", "1", "highest / lowest county GDP per capita", R,
       [](V m, I) { return max_min_ratio(m, county_gdp_pc); }},
      {"county_income_per_capita_max_min_ratio", "1", "highest / lowest county per-capita disposable income", R,
       [](V m, I) { return max_min_ratio(m, county_income); }},
  };
}

std::vector<Indicator> county_rows() {
  const auto C = IndicatorGroup::County;
  return {
      {"population", "persons", "resident population", C, [](V m, I c) { return m.sums.c_persons[c] * m.world.weight; }},
      {"income_per_capita", "yuan/yr", "mean per-capita disposable income (month x 12)", C, county_income},
      {"gdp_per_capita", "yuan/yr", "GDP per resident (month x 12)", C, county_gdp_pc},
      {"urban_rural_ratio", "1", "urban / rural per-capita disposable income", C,
       [](V m, I c) {
         const auto& s = m.sums;
         return ratio(ratio(s.c_urban_i[c], s.c_urban_p[c]), ratio(s.c_income[c] - s.c_urban_i[c], s.c_persons[c] - s.c_urban_p[c]));
       }},
      {"unemployment_rate", "1", "unemployed / labour force", C,
       [](V m, I c) { return ratio(m.sums.c_unemployed[c], m.sums.c_lf[c]); }},
      {"urbanisation_rate", "1", "residents of towns / all residents", C,
       [](V m, I c) { return ratio(m.sums.c_urban_p[c], m.sums.c_persons[c]); }},
      {"weak_villages", "count", "weak villages of the county: income this month x 12 below the thresholds", C,
       [](V m, I c) { return m.sums.c_weak[c]; }},
      {"dibao_standard", "yuan/person/month", "the county's poverty line in force (its dibao_standard)", C,
       [](V m, I c) { return m.world.counties[c].dibao_standard; }},
      {"poverty_headcount", "1",
       "share of persons whose household income before social assistance is below the county's dibao_standard", C,
       [](V m, I c) { return ratio(m.sums.c_pov[c][0], m.sums.c_persons[c]); }},
      {"poverty_gap", "yuan/yr", "mean shortfall below the dibao_standard per poor person, before social assistance", C,
       [](V m, I c) { return ratio(m.sums.c_pov[c][1], m.sums.c_pov[c][0]); }},
      {"poverty_headcount_after_transfers", "1",
       "share of persons whose household income after all transfers is below the county's dibao_standard", C,
       [](V m, I c) { return ratio(m.sums.c_pov[c][2], m.sums.c_persons[c]); }},
      {"poverty_gap_after_transfers", "yuan/yr", "mean shortfall below the dibao_standard per poor person, after all transfers",
       C, [](V m, I c) { return ratio(m.sums.c_pov[c][3], m.sums.c_pov[c][2]); }},
      {"near_poor_share", "1", "share of persons whose household income after transfers is in [1, 1.5) x the dibao_standard",
       C, [](V m, I c) { return ratio(m.sums.c_pov[c][4], m.sums.c_persons[c]); }},
  };
}

std::vector<Indicator> village_rows() {
  const auto G = IndicatorGroup::Village;
  return {
      {"population", "persons", "residents at the end of the year", G,
       [](V m, I v) { return m.world.villages.members[v] * m.world.weight; }},
      {"operating_income", "yuan/yr", "collective operating income in the calendar year", G,
       [](V m, I v) { return m.world.villages.operating_last_year[v] * m.world.weight; }},
      {"total_income", "yuan/yr", "operating income + subsidies in the calendar year", G,
       [](V m, I v) { return m.world.villages.total_last_year[v] * m.world.weight; }},
      {"reserve", "yuan", "reserve fund and cash at the end of the year", G,
       [](V m, I v) { return m.world.villages.cash[v] * m.world.weight; }},
      {"dividends", "yuan/yr", "dividends paid to members in the calendar year", G,
       [](V m, I v) { return m.world.villages.dividends_last_year[v] * m.world.weight; }},
      {"weak", "1", "1 if below the total/operating income thresholds", G,
       [](V m, I v) { return static_cast<double>(m.world.villages.weak[v]); }},
  };
}

std::vector<Indicator> annual_rows() {
  const auto A = IndicatorGroup::Annual;
  auto source = [](int k) { return [k](V m, I) { return m.sums.year.by_source[k]; }; };
  return {
      {"income_per_capita", "yuan/yr", "per-capita disposable income over the calendar year, all residents", A,
       [](V m, I) { return m.sums.year.income / m.sums.year.persons; }},
      {"income_per_capita_urban", "yuan/yr", "same, town residents at the end of the year", A,
       [](V m, I) { return ratio(m.sums.year.urban_income, m.sums.year.urban_persons); }},
      {"income_per_capita_rural", "yuan/yr", "same, village residents at the end of the year", A,
       [](V m, I) {
         const auto& y = m.sums.year;
         return ratio(y.income - y.urban_income, y.persons - y.urban_persons);
       }},
      {"urban_rural_ratio", "1", "urban / rural per-capita disposable income over the calendar year", A,
       [](V m, I) {
         const auto& y = m.sums.year;
         return ratio(ratio(y.urban_income, y.urban_persons), ratio(y.income - y.urban_income, y.persons - y.urban_persons));
       }},
      {"gini", "1", "Gini of calendar-year per-capita household disposable income, person-weighted", A,
       [](V m, I) { return m.sums.year.gini; }},
      {"middle_income_share_100k_500k", "1", "share of households with calendar-year disposable income in [100k, 500k)", A,
       [](V m, I) { return m.sums.year.mid_a / households(m); }},
      {"middle_income_share_200k_600k", "1", "share of households with calendar-year disposable income in [200k, 600k)", A,
       [](V m, I) { return m.sums.year.mid_b / households(m); }},
      {"middle_income_share_100k_500k_per3", "1",
       "share of persons whose household's calendar-year per-capita disposable income x 3 (a typical three-person household) is in [100k, 500k)",
       A, [](V m, I) { return m.sums.year.mid_a3 / m.sums.year.persons; }},
      {"middle_income_share_200k_600k_per3", "1",
       "share of persons whose household's calendar-year per-capita disposable income x 3 is in [200k, 600k)", A,
       [](V m, I) { return m.sums.year.mid_b3 / m.sums.year.persons; }},
      {"low_income_share_50k", "1", "share of households with calendar-year disposable income below 50k", A,
       [](V m, I) { return m.sums.year.low / households(m); }},
      {"weak_villages", "count", "villages with calendar-year total income < 200k or operating income < 100k yuan", A,
       [](V m, I) { return m.sums.year.weak; }},
      {"village_income_threshold_share", "1", "villages with calendar-year total >= 200k and operating >= 100k yuan", A,
       [](V m, I) { return 1 - m.sums.year.weak / villages(m); }},
      {"village_operating_500k_share", "1", "villages with calendar-year operating income >= 500k yuan", A,
       [](V m, I) { return m.sums.year.strong / villages(m); }},
      {"income_urban_wages", "yuan/yr", "wages per head of town residents over the calendar year (by residence each month)",
       A, source(0)},
      {"income_urban_business", "yuan/yr", "own-account, farm and profit income per head of town residents over the year",
       A, source(1)},
      {"income_urban_property", "yuan/yr", "property income per head of town residents over the year", A, source(2)},
      {"income_urban_net_transfers", "yuan/yr",
       "pensions, social assistance and other transfers less income tax and contributions, per head of town residents "
       "over the year",
       A, source(3)},
      {"income_rural_wages", "yuan/yr",
       "wages per head of village residents over the calendar year (by residence each month)", A, source(4)},
      {"income_rural_business", "yuan/yr",
       "own-account, farm and profit income per head of village residents over the year", A, source(5)},
      {"income_rural_property", "yuan/yr", "property income per head of village residents over the year", A, source(6)},
      {"income_rural_net_transfers", "yuan/yr",
       "pensions, social assistance and other transfers less income tax and contributions, per head of village "
       "residents over the year",
       A, source(7)},
  };
}

}  // namespace

const std::vector<Indicator>& core_indicators(IndicatorGroup group) {
  static const std::vector<Indicator> region = region_rows(), county = county_rows(), village = village_rows(),
                                      annual = annual_rows();
  switch (group) {
    case IndicatorGroup::Region: return region;
    case IndicatorGroup::County: return county;
    case IndicatorGroup::Village: return village;
    case IndicatorGroup::Annual: return annual;
  }
  throw std::logic_error("unknown indicator group");
}

std::vector<Indicator> indicator_table(IndicatorGroup group, const std::vector<Indicator>& added) {
  const auto& core = core_indicators(group);
  std::vector<Indicator> out;
  std::vector<const Indicator*> mine;
  for (const auto& row : added)
    if (row.group == group) mine.push_back(&row);
  for (const auto* row : mine) {
    const bool anchored = row->after.empty() || std::any_of(core.begin(), core.end(), [&](const Indicator& c) {
                            return c.name == row->after;
                          });
    if (!anchored) throw std::logic_error("indicator " + row->name + ": no core row " + row->after + " to follow");
  }
  for (const auto& row : core) {
    out.push_back(row);
    for (const auto* extra : mine)
      if (extra->after == row.name) out.push_back(*extra);
  }
  for (const auto* extra : mine)
    if (extra->after.empty()) out.push_back(*extra);
  for (std::size_t i = 0; i < out.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (out[i].name == out[j].name) throw std::logic_error("indicator " + out[i].name + " is declared twice");
  return out;
}

}  // namespace prosim
