#pragma once
// Small rules about firms shared by the builder and several monthly systems.
#include "core/rng.h"
#include "model/params.h"
#include "model/constants.h"
#include "world/world.h"

namespace prosim {

// Sets up firm `id` (already allocated) in `county`: sector, place, productivity,
// appeal. Entrants start smaller than incumbents.
void init_firm(const Params& p, World& w, std::size_t id, int county, RandomStream& rng, bool entrant);

// Price per unit of output: a markup over labour cost per unit, grossed up for
// intermediate inputs, production taxes and the return to capital owned outside the region
// (the county's capital share: value added per worker is not the wage times one markup
// everywhere; model.md 4.2).
inline double unit_price(const Params& p, const County& county, double labour_cost_per_eff, double productivity) {
  const auto& e = p.economy;
  return (1 + e.markup) * labour_cost_per_eff /
         ((1 - e.intermediate_share) * (1 - e.production_tax_rate) * (1 - county.capital_share) * productivity);
}

// The county's price level a firm's price is compared with: its wage level grossed up by its
// capital share, so that the capital share raises value added per worker without moving
// demand between counties by itself (the burn-in's demand weights set that).
inline double county_price_level(const County& county) { return county.wage_level / (1 - county.capital_share); }

// Relative demand a firm attracts: county weight x appeal x price^-elasticity.
inline double demand_weight(const Params& p, const World& w, std::size_t id) {
  const auto& f = w.firms;
  const auto& county = w.counties[f.county[id]];
  return county.demand_weight * f.appeal[id] * std::pow(f.price[id] / county_price_level(county), -p.economy.demand_elasticity);
}

// Sales a firm's current staff can produce in a month at the hours set this month (with
// 15 % unpaid overtime on top).
inline double sales_capacity(const World& w, std::size_t id) {
  const auto& f = w.firms;
  return kOvertimeFactor * f.hours[id] * f.efficiency_units[id] * f.productivity[id] * f.price[id];
}

// Wage rate (per efficiency unit) a firm aims at: the county's wage level shared with
// the firm's productivity relative to the county's mean (rent sharing).
inline double target_wage_rate(const Params& p, const World& w, std::size_t id) {
  const auto& county = w.counties[w.firms.county[id]];
  return county.wage_level *
         std::pow(w.firms.productivity[id] / county.mean_productivity, p.economy.rent_sharing_elasticity);
}

// A new firm's wage rate and price (no staff yet: the price covers the posted wage).
inline void price_new_firm(const Params& p, World& w, std::size_t id) {
  w.firms.wage_rate[id] = target_wage_rate(p, w, id);
  w.firms.price[id] = unit_price(p, w.counties[w.firms.county[id]], w.firms.wage_rate[id] * (1 + p.economy.employer_contribution_rate),
                                 w.firms.productivity[id]);
}

// Monthly wage of a worker whose firm offers `offer` (= wage rate x skill), given the
// minimum wage in force. Compliant firms pay at least the minimum; offers just above it
// are pulled up a little (spillover), fading to zero at (1 + band) x minimum. Made once per
// firm (its county's minimum, its compliance) where a pass pays a firm's whole staff
// (production.cpp); worker_wage for one worker.
class WorkerWage {
 public:
  WorkerWage(const Params& p, double min_wage, bool compliant)
      : applies_(compliant && !(min_wage <= 0)),
        min_wage_(min_wage),
        band_(p.economy.spillover_band * min_wage),
        top_(min_wage + band_),
        strength_(p.economy.spillover_strength) {}

  double operator()(double offer) const {
    if (!applies_) return offer;
    if (offer <= min_wage_) return min_wage_;
    if (offer >= top_) return offer;
    const double above = offer - min_wage_;
    return offer + strength_ * (band_ - above) * above / band_;
  }

 private:
  bool applies_;
  double min_wage_, band_, top_, strength_;
};

inline double worker_wage(const Params& p, double offer, double min_wage, bool compliant) {
  return WorkerWage(p, min_wage, compliant)(offer);
}

}  // namespace prosim
