#include "metrics/county_gdp.h"

#include <utility>

#include "core/parallel.h"

namespace prosim {

std::vector<double> county_value_added(const Params& params, const World& w) {
  const auto& hh = w.households;
  auto gdp = deterministic_group_sum(hh.size_(), w.counties.size(), [&](std::size_t h) {
    return std::pair{static_cast<int>(hh.county[h]), hh.income[kFarm][h] + hh.income[kSelfEmployment][h]};
  });
  const auto& f = w.firms;
  for (std::size_t k = 0; k < f.size(); ++k)
    if (f.alive[k]) gdp[f.county[k]] += (1 - params.economy.intermediate_share) * f.sales[k];
  for (std::size_t v = 0; v < w.villages.size(); ++v) gdp[w.villages.county[v]] += w.villages.operating_income[v];
  return gdp;
}

}  // namespace prosim
