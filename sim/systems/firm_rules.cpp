#include "systems/firm_rules.h"
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
  const double sigma = e.productivity_sigma;
  f.productivity[id] = std::exp(sigma * rng.normal() - 0.5 * sigma * sigma);
  c.mean_productivity = 1.0;  // lognormal with mean one by construction
  const double appeal = std::min(rng.pareto(1.0, e.firm_size_pareto_alpha), kAppealCap);
  f.appeal[id] = entrant ? kEntrantAppealFactor * appeal : appeal;
  f.compliant[id] = 1;
  f.loss_months[id] = 0;
  f.birth_month[id] = w.month_index;
}

}  // namespace prosim
