#pragma once
// The whole state of a run. Systems read and write it in a fixed monthly order
// (engine/simulation.cpp); nothing else holds state between months.
#include <cstdint>
#include <vector>

#include "core/calendar.h"
#include "world/accounts.h"
#include "world/counties.h"
#include "world/firms.h"
#include "world/households.h"
#include "world/labour_force.h"
#include "world/persons.h"
#include "world/policy_state.h"
#include "world/settlements.h"
#include "world/villages.h"

namespace prosim {

struct World {
  Settlements settlements;
  Persons persons;
  Households households;
  Firms firms;
  Villages villages;
  std::vector<County> counties;
  RestOfWorld row;

  int month_index = 0;     // 0 = first simulated month
  YearMonth date;          // calendar month being simulated
  double weight = 100.0;   // real persons per simulated person (1 / scale)

  // Region-wide state carried between months.
  double export_demand = 0;        // yuan/month (real units / weight, i.e. simulated units)
  double export_cycle = 0;         // log deviation of external demand from its trend (AR(1))
  // Nominal level (1 in the first simulated month, lower in the burn-in): the product of the
  // monthly nominal growth factors (model/params.h monthly_nominal_factor). Collective rents
  // and the upper-level village subsidy follow it.
  double nominal_level = 1;
  double nominal_level_january = 1;  // its value in January of the current year (yearly adjustments)
  double public_purchases = 0;     // government purchases of local output last month
  double consumption_pool = 0;     // household spending at local firms last month
  double self_employment_pool = 0; // household spending at own-account businesses last month
  double investment_fund = 0;      // firms' retained earnings set aside for investment, spent next month (an account)
  double mean_wage_last_year = 0;  // employees' mean monthly wage, previous calendar year
  // The farmers' age pattern kept over the run (economy.farmer_ages_kept, model.md 3.2, 4.3):
  // per age band of the 2016 agricultural census (35 or less, 36-54, 55 or more;
  // farmer_age_band in model/person_rules.h), the build's by-age farming probability over its
  // one-rate probability, the factor on the monthly rules that move villagers into farming.
  // Set by the build (population.cpp); empty: the same probability at every age.
  std::vector<double> farm_age_factor;
  // The wage to which housing rents, paid (in-migrant tenants) and imputed (owner-occupiers),
  // are proportional, yuan/month: in the burn-in and the first recorded month last year's mean
  // wage, then moved each month by the housing market (economy.housing_price_path, else the
  // nominal factor; systems/macro.cpp, model.md 4.0).
  double rent_reference_wage = 0;
  double mean_wage_ytd_sum = 0;    // running sums for this year's mean wage
  double mean_wage_ytd_count = 0;
  double mean_income_pc_last_year = 0, mean_income_pc_this_year_sum = 0;
  // Unemployment rate by county of residence at the end of last month (close_month), read
  // the month after by the Phillips wage term, the burn-in and in-migrants' returns; empty
  // until the first month has ended.
  std::vector<double> county_unemployment;
  LabourForce labour;  // this month's counts behind it (close_month), read by the recorder
  // The unemployment rate against which each county's wages respond (systems/macro.cpp):
  // set by the end of the burn-in (engine/calibration.cpp), empty before.
  std::vector<double> unemployment_reference;

  // Each registered policy's state block (world/policy_state.h), in registry order.
  PolicyStates policy_states;
  double dividend_tilt = 0;            // extra dividend weight of low-income members (set by a policy)

  // Programme spending this month (yuan, simulated units), all programmes: fiscal cost.
  double programme_spending = 0;
  int firm_entries = 0, firm_exits = 0;
  // Exits this month of firms in the bottom quartile of live firms' productivity (region),
  // the firms a cost shock such as a minimum-wage rise should "cleanse" first.
  int firm_exits_low_productivity = 0;

  // Money held inside the region: the stock whose change must equal row inflow - outflow.
  double total_money() const;
};

}  // namespace prosim
