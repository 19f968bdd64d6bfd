#pragma once
// County-level governments (districts and county-level cities).
#include <cstdint>
#include <string>
#include <vector>

namespace prosim {

struct County {
  std::string name;
  bool mountain_county = false;
  int min_wage_tier = 1;          // 1-based tier of the provincial schedule
  // The wage floor in force, yuan/month (0: none). A policy sets it (the minimum wage's
  // tiers); firms' wage rules read it (model/firm_rules.h worker_wage), so it is county
  // data the systems share, not a policy's own state.
  double min_wage = 0;
  double dibao_standard = 0;      // yuan per person per month in force
  double budget = 0;              // fiscal balance (an account), yuan; negative = debt
  double wage_level = 0;          // wage per efficiency unit of a firm of average productivity
  double mean_productivity = 0;   // of its firms at build time
  double demand_weight = 1;       // share of regional demand its firms attract, relative
  // Share of its firms' value added (after production tax) that is the return to capital
  // owned outside the region: paid out of the region, not to residents (set at the build
  // from the county's GDP and income inputs, population/firms.cpp; model.md 4.7).
  double capital_share = 0;
  double farm_income = 0;         // per full-time farmer per month, yuan
  double village_subsidy = 0;     // yuan per village per month
  // Income from outside the region, as a share of a household's market income, for
  // local town households and households of village origin (calibrated in the burn-in;
  // systems/external_income.cpp).
  double external_income_urban = 0, external_income_rural = 0;
  double transfer_in = 0;         // provincial transfer per month, yuan (rest of world)
  double revenue = 0;             // net revenue this month (taxes + transfers - outlays so far)
  double revenue_last_month = 0;  // what public purchases are budgeted from
  std::vector<std::int32_t> towns;  // settlement ids; towns[0] is the county seat
  std::vector<std::int32_t> parks;  // settlement ids
};

}  // namespace prosim
