#include "model/firm_rules.h"
#include "model/constants.h"

#include <algorithm>
#include <cmath>

namespace prosim {

void init_firm(const Params& p, World& w, std::size_t id, int county, RandomStream& rng, bool entrant) {
  const auto& e = p.economy;
  auto& f = w.firms;
  auto& c = w.counties[county];
  f.alive[id] = 1;
  f.county[id] = county;
  const double s = rng.uniform();
  f.sector[id] = s < kAgriProcessingShare ? Sector::AgriProcessing : s < kAgriOrManufacturingShare ? Sector::Manufacturing : Sector::Services;
  // Manufacturing and agri-processing go to industrial parks half the time; services
  // stay in towns, the county seat first.
  if (f.sector[id] != Sector::Services && !c.parks.empty() && rng.uniform() < kParkShare)
    f.settlement[id] = c.parks[rng.below(c.parks.size())];
  else
    f.settlement[id] = rng.uniform() < kCountySeatShare || c.towns.size() == 1 ? c.towns[0] : c.towns[1 + rng.below(c.towns.size() - 1)];
  // Productivity is lognormal around the county's mean, which grows at productivity_growth
  // (firm_planning.cpp); the build's firms set it to one. Until issue 12 every entrant reset
  // the mean to one, so incumbents' relative productivity, and with it their rent-sharing
  // wage (target_wage_rate), rose by productivity_growth x rent_sharing_elasticity a year
  // on top of the county's wage level, and entrants started below them by all the growth
  // since the build.
  if (!entrant) c.mean_productivity = 1.0;
  const double sigma = e.productivity_sigma;
  f.productivity[id] = c.mean_productivity * std::exp(sigma * rng.normal() - 0.5 * sigma * sigma);
  // The largest firm a county can hold is proportional to the economy simulated: appeal is
  // capped at kAppealCap x scale (at least 1). At full scale (about 85,000 firms in Jinhua)
  // 5000 is about 0.7 % of the total appeal; a fixed cap of 5000 let one draw of the Zipf
  // tail at scale 0.01 (about 900 firms) take a third of the region's demand: its county
  // could never staff it, so its unemployment stayed near 0 %, its wages and profits ran
  // away (seed 2: Wucheng's GDP x 3.4 in 2021-2030, the region's x 1.9) and the Gini rose
  // with them.
  const double cap = std::max(1.0, kAppealCap * p.scale);
  const double appeal = std::min(rng.pareto(1.0, e.firm_size_pareto_alpha), cap);
  f.appeal[id] = entrant ? kEntrantAppealFactor * appeal : appeal;
  // Appeal reverts towards its value at entry (firm_planning.cpp): an entrant's half draw is
  // its lasting size, as under the random walk, whose expected appeal stayed there. Reverting
  // to the full draw instead (the entrant making the half up) raised the highest county-year
  // of seeds 1-5 at scale 0.01 from 6.7 % to 7.9 % and 2030's urban-rural ratio from 1.842
  // to 1.828 (docs/validation.md).
  f.appeal_anchor[id] = std::log(f.appeal[id]);
  f.appeal_variance[id] = 0;
  f.compliant[id] = 1;
  f.loss_months[id] = 0;
  f.birth_month[id] = w.month_index;
}

}  // namespace prosim
