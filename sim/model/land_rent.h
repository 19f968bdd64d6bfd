#pragma once
// The land market's rent per mu this month (systems/land_market.cpp; model.md 4.4):
// farm_land_rent_per_mu a year at the first simulated year's farm prices, growing with the
// county's farm income per farmer (macro.cpp grows it with the nominal level). Declared once
// for the market, which pays it, and for county value added (metrics/county_gdp.cpp), which
// counts the rent farmers paid in farm value added (rent on land is paid out of value added,
// not a cost of it).
#include "model/params.h"
#include "world/counties.h"

namespace prosim {

inline double land_rent_per_mu_month(const Params& p, const County& county) {
  const auto& e = p.economy;
  return e.farm_income_per_worker > 0 ? e.farm_land_rent_per_mu * county.farm_income / e.farm_income_per_worker : 0.0;
}

}  // namespace prosim
