// Names, units and long names of every recorded indicator: the public interface
// (INDICATORS.md). Keep docs/indicators.md in step with this table.
#include "metrics/recorder.h"

namespace prosim {

const std::vector<IndicatorDef>& region_indicators() {
  static const std::vector<IndicatorDef> defs = {
      {"population", "persons", "resident population"},
      {"income_per_capita", "yuan/yr", "mean per-capita disposable income, all residents (month x 12)"},
      {"income_per_capita_urban", "yuan/yr", "mean per-capita disposable income of town residents (month x 12)"},
      {"income_per_capita_rural", "yuan/yr", "mean per-capita disposable income of village residents (month x 12)"},
      {"urban_rural_ratio", "1", "urban / rural per-capita disposable income"},
      {"gini", "1", "Gini of per-capita household disposable income, person-weighted"},
      {"theil", "1", "Theil T of per-capita disposable income"},
      {"theil_between_urban_rural", "1", "between-group (urban/rural) part of Theil T"},
      {"theil_between_counties", "1", "between-county part of Theil T"},
      {"p90_p10", "1", "90th / 10th percentile of per-capita disposable income"},
      {"quintile_share_top", "1", "income share of the top 20 % of persons"},
      {"quintile_share_bottom", "1", "income share of the bottom 20 % of persons"},
      {"middle_income_share_100k_500k", "1", "share of households with annual disposable income in [100k, 500k) yuan"},
      {"middle_income_share_200k_600k", "1", "share of households with annual disposable income in [200k, 600k) yuan"},
      {"low_income_share_50k", "1", "share of households with annual disposable income below 50k yuan"},
      {"low_income_income_growth", "percent/yr",
       "per-capita income growth of households in the low-income group in the first year (panel; December only)"},
      {"poverty_headcount", "1", "share of persons whose household income before dibao is below the dibao standard"},
      {"poverty_gap", "yuan/yr", "mean shortfall below the dibao standard per poor person, before dibao"},
      {"poverty_headcount_after_transfers", "1",
       "share of persons whose household income after dibao (all transfers) is below the dibao standard"},
      {"poverty_gap_after_transfers", "yuan/yr",
       "mean shortfall below the dibao standard per poor person, after dibao (all transfers)"},
      {"near_poor_share", "1",
       "share of persons whose household income after transfers is in [1, 1.5) x the dibao standard"},
      {"dibao_recipients", "persons", "persons in households receiving dibao"},
      {"dibao_spending", "yuan/month", "dibao paid this month"},
      {"gdp", "yuan/yr", "value added of firms, farms, own-account work and collectives (month x 12)"},
      {"gdp_per_capita", "yuan/yr", "GDP per resident"},
      {"labour_share", "1", "compensation of employees (wages + employer contributions) / GDP"},
      {"wage_share_of_income", "1", "wages / household disposable income"},
      {"business_share_of_income", "1", "own-account, farm and business-profit income / disposable income"},
      {"property_share_of_income", "1", "property income (dividends, rents) / disposable income"},
      {"transfer_share_of_income", "1", "pensions, dibao and programme transfers / disposable income"},
      {"employment", "persons", "employees + self-employed + farmers"},
      {"unemployment_rate", "1", "unemployed / labour force (ILO-style)"},
      {"registered_unemployment_rate", "1", "unemployed / labour force, urban-hukou town residents"},
      {"vacancies", "jobs", "open vacancies at the end of the month"},
      {"mean_wage", "yuan/month", "mean gross monthly wage of employees"},
      {"median_wage", "yuan/month", "median gross monthly wage of employees"},
      {"min_wage_workers_share", "1", "employees paid within 5 % of their county's minimum wage"},
      {"firms", "count", "firms in operation"},
      {"firm_entries", "count/month", "firms entering this month"},
      {"firm_exits", "count/month", "firms exiting this month"},
      {"firm_exits_low_productivity", "count/month",
       "exits this month of firms in the bottom quartile of live firms' productivity"},
      {"urbanisation_rate", "1", "residents of towns / all residents"},
      {"migrants", "persons", "household members working outside the region (out-migration)"},
      {"remittances", "yuan/month", "sent home by members working outside the region"},
      {"external_income", "yuan/month", "residents' other income from outside the region, calibrated per county"},
      {"village_income_threshold_share", "1",
       "villages with total income >= 200k and operating income >= 100k yuan/yr (month x 12)"},
      {"village_operating_500k_share", "1", "villages with operating income >= 500k yuan/yr (month x 12)"},
      {"weak_villages", "count", "weak villages: income this month x 12 below the total/operating thresholds"},
      {"village_dividends_per_member", "yuan/yr", "collective dividends per registered member (month x 12)"},
      {"enclave_projects", "count", "flying-enclave projects paying returns"},
      {"enclave_returns", "yuan/month", "enclave returns paid to village collectives this month"},
      {"enclave_investment", "yuan", "cumulative investment in enclave projects (village funds + grants)"},
      {"enclave_grants", "yuan", "cumulative government grants to enclave projects"},
      {"enclave_guarantees", "yuan", "cumulative guaranteed returns paid by host counties when projects could not"},
      {"relocated_households", "count", "cumulative households relocated under the programme"},
      {"relocation_spending", "yuan", "cumulative relocation subsidies"},
      {"relocation_cost_per_household", "yuan", "cumulative relocation subsidies per relocated household"},
      {"trainees", "persons", "cumulative persons trained"},
      {"training_spending", "yuan", "cumulative training spending"},
      {"fiscal_cost_total", "yuan/month", "all programme spending this month (dibao, enclave grants, relocation, training, ...)"},
      {"county_gdp_per_capita_max_min_ratio", "1", "highest / lowest county GDP per capita"},
      {"county_income_per_capita_max_min_ratio", "1", "highest / lowest county per-capita disposable income"},
  };
  return defs;
}

const std::vector<IndicatorDef>& county_indicators() {
  static const std::vector<IndicatorDef> defs = {
      {"population", "persons", "resident population"},
      {"income_per_capita", "yuan/yr", "mean per-capita disposable income (month x 12)"},
      {"gdp_per_capita", "yuan/yr", "GDP per resident (month x 12)"},
      {"urban_rural_ratio", "1", "urban / rural per-capita disposable income"},
      {"unemployment_rate", "1", "unemployed / labour force"},
      {"urbanisation_rate", "1", "residents of towns / all residents"},
      {"weak_villages", "count", "weak villages of the county: income this month x 12 below the thresholds"},
      {"min_wage", "yuan/month", "minimum wage in force"},
      {"dibao_standard", "yuan/person/month", "dibao standard in force"},
      {"poverty_headcount", "1", "share of persons whose household income before dibao is below the dibao standard"},
      {"poverty_gap", "yuan/yr", "mean shortfall below the dibao standard per poor person, before dibao"},
      {"poverty_headcount_after_transfers", "1",
       "share of persons whose household income after dibao (all transfers) is below the dibao standard"},
      {"poverty_gap_after_transfers", "yuan/yr",
       "mean shortfall below the dibao standard per poor person, after dibao (all transfers)"},
      {"near_poor_share", "1",
       "share of persons whose household income after transfers is in [1, 1.5) x the dibao standard"},
  };
  return defs;
}

const std::vector<IndicatorDef>& annual_indicators() {
  static const std::vector<IndicatorDef> defs = {
      {"income_per_capita", "yuan/yr", "per-capita disposable income over the calendar year, all residents"},
      {"income_per_capita_urban", "yuan/yr", "same, town residents at the end of the year"},
      {"income_per_capita_rural", "yuan/yr", "same, village residents at the end of the year"},
      {"urban_rural_ratio", "1", "urban / rural per-capita disposable income over the calendar year"},
      {"gini", "1", "Gini of calendar-year per-capita household disposable income, person-weighted"},
      {"middle_income_share_100k_500k", "1", "share of households with calendar-year disposable income in [100k, 500k)"},
      {"middle_income_share_200k_600k", "1", "share of households with calendar-year disposable income in [200k, 600k)"},
      {"low_income_share_50k", "1", "share of households with calendar-year disposable income below 50k"},
      {"weak_villages", "count", "villages with calendar-year total income < 200k or operating income < 100k yuan"},
      {"village_income_threshold_share", "1", "villages with calendar-year total >= 200k and operating >= 100k yuan"},
      {"village_operating_500k_share", "1", "villages with calendar-year operating income >= 500k yuan"},
      {"income_urban_wages", "yuan/yr", "wages per head of town residents over the calendar year (by residence each month)"},
      {"income_urban_business", "yuan/yr", "own-account, farm and profit income per head of town residents over the year"},
      {"income_urban_property", "yuan/yr", "property income per head of town residents over the year"},
      {"income_urban_net_transfers", "yuan/yr",
       "pensions, dibao and other transfers less income tax and contributions, per head of town residents over the year"},
      {"income_rural_wages", "yuan/yr", "wages per head of village residents over the calendar year (by residence each month)"},
      {"income_rural_business", "yuan/yr", "own-account, farm and profit income per head of village residents over the year"},
      {"income_rural_property", "yuan/yr", "property income per head of village residents over the year"},
      {"income_rural_net_transfers", "yuan/yr",
       "pensions, dibao and other transfers less income tax and contributions, per head of village residents over the year"},
  };
  return defs;
}

const std::vector<IndicatorDef>& village_indicators() {
  static const std::vector<IndicatorDef> defs = {
      {"population", "persons", "residents at the end of the year"},
      {"operating_income", "yuan/yr", "collective operating income in the calendar year"},
      {"total_income", "yuan/yr", "operating income + subsidies in the calendar year"},
      {"reserve", "yuan", "reserve fund and cash at the end of the year"},
      {"dividends", "yuan/yr", "dividends paid to members in the calendar year"},
      {"enclave_shares", "yuan", "book value of enclave project shares at the end of the year"},
      {"weak", "1", "1 if below the total/operating income thresholds"},
  };
  return defs;
}

}  // namespace prosim
