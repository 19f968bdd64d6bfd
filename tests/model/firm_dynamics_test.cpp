// Firm turnover the baseline must show, from its mechanisms (firm_accounts.cpp,
// firm_entry_exit.cpp): firms make losses at a realistic rate, persistent losses close
// them, and the least productive close most often. (The share of 2021 entrants alive at
// the end of 2023 is printed, not checked: no source for a target was found.)
// Data: 17.6 % of Guangzhou's industrial enterprises above designated size made a loss
// in 2021 (1,190 of 6,757; Guangzhou Statistical Yearbook 2022, table 11-15); less
// productive Chinese manufacturing firms are more likely to fail (He & Yang 2016,
// Growth and Change 47(1)). With the firm accounts before commit 9f1d641 (no capital
// consumption, fixed_cost_share 0.05, overhead on the planned scale) seed 31 gives exits of
// 2.3 % a year and 2.6 % of firms losing money: the first checks fail.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "engine/simulation.h"
#include "small_world.h"

using namespace prosim;

namespace {

struct Turnover {
  double exit_rate = 0, loss_share = 0, exit_low = 0, exit_high = 0, entrant_survival = 0;
};

// Years 2021-2023 of the baseline at scale 0.01: per calendar year, firms alive on
// 1 January are followed to 31 December.
Turnover measure(const nlohmann::ordered_json& patch) {
  Simulation sim(testing::small_world(patch, 0.01, "2023-12"));
  sim.calibrate();
  Turnover t;
  double years = 0, entrants = 0, entrants_alive = 0;
  std::vector<std::uint8_t> alive0;
  std::vector<double> prod0, profit;
  int month = 0;
  while (!sim.done()) {
    const auto& f0 = sim.world().firms;
    if (month % 12 == 0) {
      alive0.assign(f0.alive.begin(), f0.alive.end());
      prod0.assign(f0.productivity.begin(), f0.productivity.end());
      profit.assign(f0.size(), 0.0);
    }
    sim.step();
    ++month;
    const auto& f = sim.world().firms;
    profit.resize(f.size(), 0.0);
    for (std::size_t k = 0; k < f.size(); ++k)
      if (f.alive[k]) profit[k] += f.profit[k];
    if (month % 12 != 0) continue;
    std::vector<double> p;
    for (std::size_t k = 0; k < alive0.size(); ++k)
      if (alive0[k]) p.push_back(prod0[k]);
    std::sort(p.begin(), p.end());
    const double low = p[p.size() / 3], high = p[2 * p.size() / 3];
    double n = 0, exits = 0, survivors = 0, losing = 0, n_low = 0, x_low = 0, n_high = 0, x_high = 0;
    for (std::size_t k = 0; k < alive0.size(); ++k) {
      if (!alive0[k]) continue;
      n += 1;
      exits += !f.alive[k];
      if (f.alive[k]) {
        survivors += 1;
        losing += profit[k] < 0;
      }
      if (prod0[k] < low) { n_low += 1; x_low += !f.alive[k]; }
      if (prod0[k] >= high) { n_high += 1; x_high += !f.alive[k]; }
    }
    t.exit_rate += exits / n;
    t.loss_share += losing / survivors;
    t.exit_low += x_low / n_low;
    t.exit_high += x_high / n_high;
    years += 1;
  }
  // Entrants born in 2021 (after the build), seen at the end of 2023.
  const auto& f = sim.world().firms;
  for (std::size_t k = 0; k < f.size(); ++k)
    if (f.birth_month[k] >= 1 && f.birth_month[k] < 12) {
      entrants += 1;
      entrants_alive += f.alive[k];
    }
  t.exit_rate /= years;
  t.loss_share /= years;
  t.exit_low /= years;
  t.exit_high /= years;
  t.entrant_survival = entrants_alive / entrants;
  return t;
}

}  // namespace

TEST_CASE("firms make losses and exit at realistic rates, the least productive most often") {
  // The tercile exit rates rest on a few dozen exits a seed at this scale (seed 32 gave a
  // ratio of 2.7, seed 31 of 5.8, on the December 2026 merge), so the ratio is checked on
  // the rates pooled over six seeds, and each seed only for its direction.
  double low = 0, high = 0;
  const int seeds[] = {31, 32, 33, 34, 35, 36};
  for (int seed : seeds) {
    const auto t = measure({{"seed", seed}});
    MESSAGE("seed " << seed << ": exit rate " << t.exit_rate << "/yr, loss-making share " << t.loss_share
                    << ", exit rate bottom / top productivity tercile " << t.exit_low << " / " << t.exit_high
                    << ", 2021 entrants alive at the end of 2023 " << t.entrant_survival);
    CHECK(t.exit_rate > 0.03);   // stable firm numbers with entry at 7.2 % a year
    CHECK(t.exit_rate < 0.12);
    CHECK(t.loss_share > 0.08);  // Guangzhou 2021: 17.6 %
    CHECK(t.loss_share < 0.30);
    CHECK(t.exit_low > t.exit_high);
    low += t.exit_low;
    high += t.exit_high;
  }
  MESSAGE("pooled exit rate bottom / top productivity tercile " << low / std::size(seeds) << " / " << high / std::size(seeds));
  CHECK(low > 3 * high);
}
