// The macro environment of the month (model.md 4.0), the first system of every month, in the
// burn-in too: nominal growth on the scenario's path (model/params.h monthly_nominal_factor),
// the region's business cycle in external demand, and county wage levels with a Phillips
// response to local unemployment.
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/rng.h"
#include "model/constants.h"
#include "systems/systems.h"

namespace prosim {

void run_macro_environment(const Params& p, World& w, bool business_cycle) {
  const auto& e = p.economy;
  // Nominal growth, in the burn-in too (it runs on the growth path, so the recorded run
  // starts without a transient): wages (with a Phillips-curve response to local
  // unemployment once the burn-in has set the reference), export demand, farm prices, the
  // nominal level.
  const double g = monthly_nominal_factor(e, w.date);
  w.nominal_level *= g;
  if (w.date.month == 1) w.nominal_level_january = w.nominal_level;
  // External demand grows at the nominal rate around an AR(1) cycle in logs (the region's
  // business cycle: what moves vacancies and unemployment in opposite directions along a
  // Beveridge curve), in recorded months.
  // The years up to the last one of economy.nominal_growth_path are history: the replayed
  // growth already holds their business cycle, so no shock is drawn in them (the cycle
  // stays at zero and export demand follows the path). Until issue 12 it was drawn from the
  // first recorded month: in the Jinhua baseline, seeds 1-5, it added 2.3 points to the
  // replayed 2022 GDP growth (4.42 %) by chance draws.
  int last_replayed = std::numeric_limits<int>::min();
  for (const auto& step : e.nominal_growth_path) last_replayed = std::max(last_replayed, step.first);
  const bool history = w.date.year <= last_replayed;
  double cycle = 0;
  if (business_cycle && !history) {
    RandomStream rng(p.seed, Purpose::FirmDemand, rng_month(w), 0xFFFFFFFFFFULL);
    const double previous = w.export_cycle;
    w.export_cycle = kExportCyclePersistence * w.export_cycle + e.export_volatility * rng.normal();
    cycle = w.export_cycle - previous;
  }
  w.export_demand *= g * std::exp(cycle);
  // Housing rents, paid and imputed (systems/migration.cpp), follow the housing market, not
  // wages: from the first recorded month their reference wage moves by the month's rent
  // factor (economy.housing_price_path, else the nominal factor). In the burn-in, and in the
  // first recorded month, it is last year's mean wage (the burn-in calibrates the input year).
  // Until issue 12 rents followed last year's mean wage every year, so they carried 2021's
  // growth into 2022 when Jinhua's housing prices fell (model.md 5.2).
  if (w.month_index <= 0 || w.rent_reference_wage == 0) w.rent_reference_wage = w.mean_wage_last_year;
  else w.rent_reference_wage *= monthly_rent_factor(e, w.date);
  for (std::size_t c = 0; c < w.counties.size(); ++c) {
    auto& county = w.counties[c];
    const double u = w.county_unemployment.empty() ? 0 : w.county_unemployment[c];
    const double slack = w.unemployment_reference.empty() ? 0 : w.unemployment_reference[c] - u;
    county.wage_level *= g * (1 + e.wage_phillips * slack / 12.0);
    county.farm_income *= g;
  }
}

}  // namespace prosim
