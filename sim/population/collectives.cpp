// Village collective assets. Operating income (rents, collective enterprises, shares)
// is drawn lognormal with a median that falls from plain to mountain villages and
// rises with the county's income level, so that - as in Jinhua in 2021 - a minority
// of villages is below the 200k total / 100k operating thresholds, concentrated in the
// mountain counties. All money is in simulated units (real yuan x scale), like every
// other account, so that flows between villages and households add up.
#include <cmath>

#include "population/world_builder.h"
#include "core/rng.h"
#include "model/constants.h"
#include "model/tables.h"

namespace prosim {

void build_collectives(const Params& p, World& w) {
  auto& v = w.villages;
  double mean_income = 0, pop = 0;
  for (const auto& c : p.counties) {
    mean_income += c.income_per_capita * c.population;
    pop += c.population;
  }
  mean_income /= pop;

  for (std::size_t i = 0; i < v.size(); ++i) {
    RandomStream rng(p.seed, Purpose::BuildVillage, 0, i);
    const int terrain = static_cast<int>(w.settlements.terrain[v.settlement[i]]);
    const double county_factor = p.counties[v.county[i]].income_per_capita / mean_income;
    const double operating = kCollectiveMedianOperating[terrain] * county_factor * std::exp(kCollectiveIncomeLogSigma * rng.normal());
    v.asset_yield[i] = kCollectiveAssetYield;
    v.assets[i] = operating / kCollectiveAssetYield * p.scale;
    v.cash[i] = kCollectiveReserveYears * operating * p.scale;  // the reserve fund
  }
  for (std::size_t h = 0; h < w.households.size_(); ++h) {
    const auto vi = w.households.origin_village[h];
    if (vi >= 0) v.registered_members[vi] += w.households.size[h];
  }
  for (std::size_t i = 0; i < v.size(); ++i) v.members[i] = v.initial_members[i] = v.registered_members[i];
  for (auto& c : w.counties) c.village_subsidy = kVillageSubsidy / 12 * p.scale;  // upper-level subsidy per village
}

}  // namespace prosim
