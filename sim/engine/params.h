#pragma once
// The run's parameters, read once from the resolved scenario JSON (io/scenario_loader
// has already validated it and filled every default from scenarios/scenario.schema.json,
// so reading here never needs a fallback value).
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/json_reads.h"

namespace prosim {

struct CountyInput {
  std::string name;
  double population, urbanisation, income_per_capita, urban_rural_ratio, gdp, area_km2;
  int villages, towns, parks, min_wage_tier;
  double terrain[3];  // plain, hill, mountain shares of villages
  bool mountain_county;
  double dibao_standard, household_size_urban, household_size_rural;
};

struct EconomyParams {
  int retirement_age, employee_retirement_age, labour_entry_age_min, labour_entry_age_max;
  double employee_pension_share_urban_hukou, employee_pension_share_rural_hukou;
  double life_expectancy, total_fertility_rate, participation_rate, self_employment_share, farm_share_rural;
  double commuting_reach_minutes;
  int applications_per_month;
  double quit_rate, layoff_speed, rent_sharing_elasticity, skill_sigma;
  double firms_per_1000_persons, markup;
  int exit_loss_months;
  double entry_rate, export_share, mpc_income, mpc_wealth, local_purchase_share;
  double income_tax_allowance, social_contribution_rate, employer_contribution_rate;
  double urban_pension_replacement, rural_pension_monthly, farm_income_per_worker, farm_land_per_farmer;
  double migration_rate, reserve_share, nominal_growth, wage_adjustment_speed;
  double demand_elasticity, productivity_sigma, firm_size_pareto_alpha, production_tax_rate;
  double intermediate_share, fixed_cost_share, capital_consumption_share, appeal_volatility, profit_payout_share;
  double public_spending_share, self_employment_demand_share, productivity_growth, wage_phillips;
  int burn_in_months;
  double dividend_tax_rate, urban_hukou_share_towns, on_the_job_search;
  double spillover_band, spillover_strength, deposit_rate, export_volatility;
  double out_migration_rate, return_migration_rate, remittance_share;
  double inmigrant_share, inmigrant_exit_rate, inmigrant_leave_rate, inmigrant_come_back_rate, inmigrant_rent_share, inmigrant_remittance_share;
  double inmigrant_savings_months;
  double imputed_rent_share, imputed_rent_village_factor;
  // Observed nominal growth by calendar year (growth of the year's annual total over the
  // previous year's), strictly increasing years; other years grow at nominal_growth.
  std::vector<std::pair<int, double>> nominal_growth_path;
  // Derived from nominal_growth_path (resolve_nominal_path): the growth applied from July
  // of Y-1 to June of Y, for each year Y of the path, such that calendar-year means of the
  // monthly path grow exactly as the path says.
  std::vector<std::pair<int, double>> nominal_window_growth;
  // Indexation of resident pensions and the upper-level village subsidy (model.md 4.8).
  double resident_pension_indexation;
};

// The nominal growth factor of one month. The growth G_Y of year Y's annual total over
// year Y-1's is applied from July of Y-1 to June of Y (the twelve months between the two
// years' mid-points), so that annual means grow by G_Y.
double monthly_nominal_factor(const EconomyParams& e, YearMonth date);
// Sets nominal_window_growth from nominal_growth_path (params.cpp explains).
void resolve_nominal_path(EconomyParams& e);

struct OutputParams {
  std::vector<YearMonth> distribution_dates;  // empty: every December
  int household_sample_size;
  std::vector<YearMonth> household_sample_dates;
  std::vector<std::pair<double, double>> middle_income_bands;
  double low_income_threshold, village_total_threshold, village_operating_threshold,
      village_strong_threshold;
};

struct Params {
  std::string name, description;
  std::uint64_t seed;
  YearMonth start, end;
  double scale;
  std::string region_name;
  std::vector<CountyInput> counties;
  EconomyParams economy;
  OutputParams output;
  nlohmann::ordered_json policies;  // each policy module reads its own block
  int months() const { return end.serial() - start.serial() + 1; }
};

// Reads a resolved, validated scenario. `seed_override` >= 0 replaces the scenario seed.
Params params_from_json(const nlohmann::ordered_json& scenario);

// Reads "YYYY-MM" from an already validated JSON value.
// An integer of the resolved scenario, read as 64 bits and checked to fit an int: the schema
// bounds every integer far below that, so a failure here is a schema defect, not bad input.
int int_of(const nlohmann::ordered_json& value);
YearMonth year_month_of(const nlohmann::ordered_json& value);
// The same, through a view that records the read (core/json_reads.h).
int int_of(const JsonReads& value);
YearMonth year_month_of(const JsonReads& value);

}  // namespace prosim
