// Step 4a, first part: the land market (土地流转, model.md 4.4). Contract land stays with
// the household that holds it (`land_mu`), but a household in which nobody farms any more
// lets it to households that still farm. They pay a rent per mu: property income of the
// household that lets it (the NBS counts rent for transferred contract land in 财产净收入)
// and a cost of the farming household's business (经营净收入 is net of it), so the rent moves
// money inside the region only. A farming household takes land up to
// `farm_land_max_per_farmer` mu per farmer (its own included); what farmers cannot take lies
// idle and earns nothing. When more land is offered than the farmers can take, every
// letting household lets the same share of its land; when less, every farming household
// takes the same share of its room.
// The market is a pool per county and terrain of the household's origin village, not per
// village: every real village is simulated whatever the scale (model.md 1), so at scale
// 0.01 a village has a handful of member households and a village market would leave most
// land idle for want of a farmer nearby, a result of the scale, not of the economy (at
// scale 0.004, seed 1, January 2021: 24 % of the land on offer let by village against
// 99.9 % by county and terrain). Households of village origin that moved to town keep their land in
// the pool of their village.
#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "core/parallel.h"
#include "model/land_rent.h"
#include "model/tables.h"
#include "systems/systems.h"

namespace prosim {

int household_farmers(const World& w, std::size_t h) {
  const auto& hh = w.households;
  const LabourStatus* const status = w.persons.status.data() + hh.first_member[h];
  int n = 0;
  for (int k = 0, size = hh.size[h]; k < size; ++k) n += status[k] == LabourStatus::Farming;
  return n;
}

void let_farm_land(const Params& p, World& w, Workspace& ws) {
  const auto& e = p.economy;
  auto& hh = w.households;
  const std::size_t H = hh.size_();
  const auto pool_of = [&](std::size_t h) {
    const auto v = hh.origin_village[h];
    return static_cast<std::size_t>(w.villages.county[v]) * 3 +
           static_cast<std::size_t>(w.settlements.terrain[w.villages.settlement[v]]);
  };
  const auto in_market = [&](std::size_t h) {
    return e.land_transfer && hh.origin_village[h] >= 0 && hh.size[h] > 0 && hh.land_mu[h] > 0;
  };
  // Each household's offer (nobody farms) or room (farmers x the most land per farmer, less
  // its own), kept for now in land_let_mu and land_taken_mu; each household touches its own.
  // This pass is the month's first writer of farm income (simulation.cpp does not clear it):
  // zero here, less the rent below, plus the farm income the wage pass adds.
  // The pools' totals add their households' amounts in id order (the same bits at any thread
  // count), the pools in parallel: fixed blocks of households append each trading household's
  // two amounts, in id order, to the block's run for its pool, and each pool sums its runs
  // block after block. A household with neither an offer nor room (outside the market, or in
  // it with nothing to trade) is skipped here and below: it would add +0.0 to sums that start
  // at +0.0 and add only amounts >= 0 (never -0.0), which leaves their bits, and the pass below
  // changes nothing for it.
  const auto trades = [&](std::size_t h) { return hh.land_let_mu[h] != 0 || hh.land_taken_mu[h] != 0; };
  const std::size_t P = w.counties.size() * 3, B = fixed_blocks(H, 4096, 64);
  auto& runs = ws.land_runs;  // [block * P + pool]: (offer, room)
  runs.resize(B * P);
  for (auto& run : runs) run.clear();
  for_each_block(H, B, [&](std::size_t b, std::size_t begin, std::size_t end) {
    for (std::size_t h = begin; h < end; ++h) {
      hh.income[kFarm][h] = 0;
      // The amounts in locals, stored once (a float store may alias the arrays read here).
      float let = 0, taken = 0;
      if (in_market(h)) {
        const int n = household_farmers(w, h);
        if (n == 0) let = hh.land_mu[h];
        else taken = static_cast<float>(std::max(0.0, n * e.farm_land_max_per_farmer - hh.land_mu[h]));
        if (let != 0 || taken != 0) runs[b * P + pool_of(h)].push_back({let, taken});
      }
      hh.land_let_mu[h] = let;
      hh.land_taken_mu[h] = taken;
    }
  });
  if (!e.land_transfer) return;
  std::vector<double> offered(P, 0.0), room(P, 0.0);
  for_each_block(P, P, [&](std::size_t q, std::size_t, std::size_t) {
    double o = 0, r = 0;
    for (std::size_t b = 0; b < B; ++b)
      for (const auto& x : runs[b * P + q]) {
        o += x[0];
        r += x[1];
      }
    offered[q] = o;
    room[q] = r;
  });
  // This month's rent per mu follows farm prices (model/land_rent.h).
  for_each_index(H, [&](std::size_t h) {
    if (!trades(h)) return;
    const std::size_t q = pool_of(h);
    if (!(offered[q] > 0) || !(room[q] > 0)) {
      hh.land_let_mu[h] = hh.land_taken_mu[h] = 0;
      return;
    }
    const double rent = land_rent_per_mu_month(p, w.counties[q / 3]);
    if (hh.land_let_mu[h] > 0) {
      const double let = std::min(1.0, room[q] / offered[q]) * hh.land_let_mu[h];
      hh.land_let_mu[h] = static_cast<float>(let);
      hh.income[kProperty][h] += rent * let;
      hh.savings[h] += rent * let;
    } else if (hh.land_taken_mu[h] > 0) {
      const double take = std::min(1.0, offered[q] / room[q]) * hh.land_taken_mu[h];
      hh.land_taken_mu[h] = static_cast<float>(take);
      hh.income[kFarm][h] -= rent * take;
      hh.savings[h] -= rent * take;
    }
  });
}

double farm_land_factor(const Params& p, const World& w, std::size_t h, int farmers) {
  const auto& e = p.economy;
  const auto& hh = w.households;
  if (!(e.farm_land_returns_exponent > 0) || !(e.farm_land_per_farmer > 0) || farmers <= 0) return 1.0;
  // Decreasing returns to the land a farmer works (the household's own and what it took
  // in, shared by its farmers, at most farm_land_max_per_farmer each), relative to
  // Zhejiang's mean land per farmer: farm_income_per_worker is the income of a farmer on
  // that much land.
  const double land = std::min(e.farm_land_max_per_farmer, (static_cast<double>(hh.land_mu[h]) + hh.land_taken_mu[h]) / farmers);
  return std::pow(land / e.farm_land_per_farmer, e.farm_land_returns_exponent);
}

double farm_income_per_farmer(const Params& p, const World& w, std::size_t h, int farmers) {
  const auto& hh = w.households;
  const auto v = hh.origin_village[h];
  if (v < 0) return 0.0;  // urban households have no land (production pays them nothing)
  const double terrain = kFarmIncomeByTerrain[static_cast<int>(w.settlements.terrain[w.villages.settlement[v]])];
  return w.counties[hh.county[h]].farm_income * terrain * farm_land_factor(p, w, h, farmers);
}

}  // namespace prosim
