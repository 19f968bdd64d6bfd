#include "engine/params.h"

#include <limits>
#include <cmath>

#include "core/check.h"
#include "core/error.h"
#include "core/json_reads.h"

namespace prosim {

YearMonth year_month_of(const nlohmann::ordered_json& value) {
  auto ym = parse_year_month(value.get<std::string>());
  PROSIM_CHECK(ym.has_value());  // the loader validated every date
  return *ym;
}

int int_of(const nlohmann::ordered_json& value) {
  const auto x = value.get<std::int64_t>();
  PROSIM_CHECK(x >= std::numeric_limits<int>::min() && x <= std::numeric_limits<int>::max());
  return static_cast<int>(x);
}

YearMonth year_month_of(const JsonReads& value) { return year_month_of(value.json()); }
int int_of(const JsonReads& value) { return int_of(value.json()); }

Params params_from_json(const nlohmann::ordered_json& scenario) {
  // Every value is read through `j`, which records what was read (core/json_reads.h).
  const JsonReads j(scenario);
  Params p;
  p.name = j.at("name").get<std::string>();
  p.description = j.at("description").get<std::string>();
  p.seed = j.at("seed").get<std::uint64_t>();
  p.start = year_month_of(j.at("start"));
  p.end = year_month_of(j.at("end"));
  p.scale = j.at("scale").get<double>();
  const auto& region = j.at("region");
  p.region_name = region.at("name").get<std::string>();
  for (const auto& [name, c] : region.at("counties").items()) {
    CountyInput ci;
    ci.name = name;
    ci.population = c.at("population").get<double>();
    ci.urbanisation = c.at("urbanisation").get<double>();
    ci.income_per_capita = c.at("income_per_capita").get<double>();
    ci.urban_rural_ratio = c.at("urban_rural_ratio").get<double>();
    ci.gdp = c.at("gdp").get<double>();
    ci.area_km2 = c.at("area_km2").get<double>();
    ci.villages = int_of(c.at("villages"));
    ci.towns = int_of(c.at("towns"));
    ci.parks = int_of(c.at("parks"));
    ci.min_wage_tier = int_of(c.at("min_wage_tier"));
    ci.terrain[0] = c.at("terrain").at("plain").get<double>();
    ci.terrain[1] = c.at("terrain").at("hill").get<double>();
    ci.terrain[2] = c.at("terrain").at("mountain").get<double>();
    ci.mountain_county = c.at("mountain_county").get<bool>();
    ci.dibao_standard = c.at("dibao_standard").get<double>();
    ci.household_size_urban = c.at("household_size_urban").get<double>();
    ci.household_size_rural = c.at("household_size_rural").get<double>();
    p.counties.push_back(ci);
  }
  const auto& e = j.at("economy");
  auto& x = p.economy;
#define PROSIM_READ(field) x.field = e.at(#field).get<decltype(x.field)>()
  PROSIM_READ(retirement_age);
  PROSIM_READ(employee_retirement_age);
  PROSIM_READ(employee_pension_share_urban_hukou);
  PROSIM_READ(employee_pension_share_rural_hukou);
  PROSIM_READ(labour_entry_age_min);
  PROSIM_READ(labour_entry_age_max);
  PROSIM_READ(life_expectancy);
  PROSIM_READ(total_fertility_rate);
  PROSIM_READ(participation_rate);
  PROSIM_READ(self_employment_share);
  PROSIM_READ(farm_share_rural);
  PROSIM_READ(commuting_reach_minutes);
  PROSIM_READ(applications_per_month);
  PROSIM_READ(quit_rate);
  PROSIM_READ(layoff_speed);
  PROSIM_READ(rent_sharing_elasticity);
  PROSIM_READ(skill_sigma);
  PROSIM_READ(firms_per_1000_persons);
  PROSIM_READ(markup);
  PROSIM_READ(exit_loss_months);
  PROSIM_READ(entry_rate);
  PROSIM_READ(export_share);
  PROSIM_READ(mpc_income);
  PROSIM_READ(mpc_wealth);
  PROSIM_READ(local_purchase_share);
  PROSIM_READ(income_tax_allowance);
  PROSIM_READ(social_contribution_rate);
  PROSIM_READ(employer_contribution_rate);
  PROSIM_READ(urban_pension_replacement);
  PROSIM_READ(rural_pension_monthly);
  PROSIM_READ(farm_income_per_worker);
  PROSIM_READ(farm_land_per_farmer);
  PROSIM_READ(migration_rate);
  PROSIM_READ(reserve_share);
  PROSIM_READ(nominal_growth);
  for (const auto& step : e.at("nominal_growth_path").elements())
    x.nominal_growth_path.emplace_back(step.at("year").get<int>(), step.at("growth").get<double>());
  resolve_nominal_path(x);
  PROSIM_READ(resident_pension_indexation);
  PROSIM_READ(wage_adjustment_speed);
  PROSIM_READ(demand_elasticity);
  PROSIM_READ(productivity_sigma);
  PROSIM_READ(firm_size_pareto_alpha);
  PROSIM_READ(production_tax_rate);
  PROSIM_READ(intermediate_share);
  PROSIM_READ(fixed_cost_share);
  PROSIM_READ(capital_consumption_share);
  PROSIM_READ(appeal_volatility);
  PROSIM_READ(profit_payout_share);
  PROSIM_READ(public_spending_share);
  PROSIM_READ(self_employment_demand_share);
  PROSIM_READ(productivity_growth);
  PROSIM_READ(wage_phillips);
  PROSIM_READ(burn_in_months);
  PROSIM_READ(dividend_tax_rate);
  PROSIM_READ(urban_hukou_share_towns);
  PROSIM_READ(on_the_job_search);
  PROSIM_READ(spillover_band);
  PROSIM_READ(spillover_strength);
  PROSIM_READ(deposit_rate);
  PROSIM_READ(export_volatility);
  PROSIM_READ(out_migration_rate);
  PROSIM_READ(return_migration_rate);
  PROSIM_READ(remittance_share);
  PROSIM_READ(inmigrant_share);
  PROSIM_READ(inmigrant_exit_rate);
  PROSIM_READ(inmigrant_leave_rate);
  PROSIM_READ(inmigrant_come_back_rate);
  PROSIM_READ(inmigrant_rent_share);
  PROSIM_READ(inmigrant_remittance_share);
  PROSIM_READ(inmigrant_savings_months);
  PROSIM_READ(imputed_rent_share);
  PROSIM_READ(imputed_rent_village_factor);
#undef PROSIM_READ
  const auto& o = j.at("output");
  for (const auto& d : o.at("distribution_dates").elements()) p.output.distribution_dates.push_back(year_month_of(d));
  p.output.household_sample_size = int_of(o.at("household_sample_size"));
  for (const auto& d : o.at("household_sample_dates").elements())
    p.output.household_sample_dates.push_back(year_month_of(d));
  for (const auto& b : o.at("middle_income_bands").elements())
    p.output.middle_income_bands.emplace_back(b.at(0).get<double>(), b.at(1).get<double>());
  p.output.low_income_threshold = o.at("low_income_threshold").get<double>();
  p.output.village_total_threshold = o.at("village_total_threshold").get<double>();
  p.output.village_operating_threshold = o.at("village_operating_threshold").get<double>();
  p.output.village_strong_threshold = o.at("village_strong_threshold").get<double>();
  p.policies = j.at("policies").json();  // each policy reads its own block (policies/registry.cpp)
  // Not read: the schema's informative keys, and what the loader resolved away.
  for (const char* key : {"$schema", "extends"})
    if (scenario.contains(key)) j.at(key).mark();
  if (const auto unread = j.unread(); !unread.empty()) {
    std::string list;
    for (const auto& u : unread) list += (list.empty() ? "" : ", ") + u;
    throw ScenarioError(unread.front(), "no code reads this value (a key of the scenario schema that the program "
                                        "does not use: " + list + ")");
  }
  return p;
}

double monthly_nominal_factor(const EconomyParams& e, YearMonth date) {
  const int year = date.month >= 7 ? date.year + 1 : date.year;
  double g = e.nominal_growth;
  for (const auto& [y, growth] : e.nominal_window_growth)
    if (y == year) g = growth;
  return std::pow(1 + g, 1.0 / 12.0);
}

// A calendar year's mean of a monthly path depends on the growth of the window before and
// after it (mean(Y) / mean(Y-1) weighs the months from February Y-1 to December Y in a
// triangle), so applying a year's observed growth to its own window alone misses where
// growth changes (7 %, 4.42 %, 7.5 % for 2021-2023 gave 5.1 % in 2022). The window growths
// are solved so that every path year's mean grows exactly as observed: a fixed-point
// iteration, each step moving a window's growth by the miss of its year (the own window
// carries about three quarters of the weight, so it converges geometrically).
void resolve_nominal_path(EconomyParams& e) {
  e.nominal_window_growth = e.nominal_growth_path;
  if (e.nominal_growth_path.empty()) return;
  auto calendar_growth = [&](int year) {
    // Means of year-1 and year on a path starting at 1 in January of year-1.
    double level = 1, before = 0, during = 0;
    for (int m = 0; m < 24; ++m) {
      if (m > 0) level *= monthly_nominal_factor(e, YearMonth{year - 1, 1}.plus(m));
      (m < 12 ? before : during) += level;
    }
    return during / before - 1;
  };
  for (int iteration = 0; iteration < 200; ++iteration) {
    double worst = 0;
    for (std::size_t k = 0; k < e.nominal_growth_path.size(); ++k) {
      const double miss = e.nominal_growth_path[k].second - calendar_growth(e.nominal_growth_path[k].first);
      e.nominal_window_growth[k].second += miss;
      worst = std::max(worst, std::abs(miss));
    }
    if (worst < 1e-12) break;
  }
}

}  // namespace prosim
