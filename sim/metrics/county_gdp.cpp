#include "metrics/county_gdp.h"

#include <utility>

#include "core/parallel.h"
#include "model/land_rent.h"

namespace prosim {

std::vector<double> county_value_added(const Params& params, const World& w) {
  const auto& hh = w.households;
  // Farm value added is the farm income before the land rent a farming household paid
  // (income[kFarm] is net of it: model.md 4.4); the rent is paid out of value added.
  auto gdp = deterministic_group_sum(hh.size_(), w.counties.size(), [&](std::size_t h) {
    const auto v = hh.origin_village[h];
    const double rent_paid =
        v >= 0 && hh.land_taken_mu[h] > 0 ? hh.land_taken_mu[h] * land_rent_per_mu_month(params, w.counties[w.villages.county[v]]) : 0.0;
    return std::pair{static_cast<int>(hh.county[h]), hh.income[kFarm][h] + rent_paid + hh.income[kSelfEmployment][h]};
  });
  const auto& f = w.firms;
  for (std::size_t k = 0; k < f.size(); ++k)
    if (f.alive[k]) gdp[f.county[k]] += (1 - params.economy.intermediate_share) * f.sales[k];
  for (std::size_t v = 0; v < w.villages.size(); ++v) gdp[w.villages.county[v]] += w.villages.operating_income[v];
  return gdp;
}

}  // namespace prosim
