// Step 7a: firm exit and entry. A firm exits after `exit_loss_months` consecutive
// losses once its cash is gone: its workers become unemployed and what is left of its
// cash (positive or negative) passes to the owner household. This is where a cost
// shock such as a minimum-wage rise "cleanses" low-productivity firms. Entrants appear
// at `entry_rate` per month per live firm in each county, but never fewer than
// `entry_rate` per firm the county's population supports (`firms_per_1000_persons`, as at
// the build): founders come from the county's residents, so a small county whose firms
// happened to exit is refilled instead of collapsing (at scale 0.004 Pan'an, ~8 firms,
// lost them all in one seed's burn-in: 37 % unemployment). Entrants start small and are
// owned by a household of that county.
#include <algorithm>
#include <cmath>
#include <vector>

#include "core/parallel.h"
#include "core/rng.h"
#include "model/firm_rules.h"
#include "systems/systems.h"
#include "model/constants.h"

namespace prosim {

void run_firm_entry_exit(const Params& p, World& w, Workspace& ws) {
  const auto& e = p.economy;
  auto& f = w.firms;
  auto& ps = w.persons;
  auto& hh = w.households;
  const auto m = rng_month(w);

  // The bottom productivity quartile of the live firms, for the cleansing indicator.
  std::vector<double> live_productivity;
  for (std::size_t k = 0; k < f.size(); ++k)
    if (f.alive[k]) live_productivity.push_back(f.productivity[k]);
  double q25 = 0;
  if (!live_productivity.empty()) {
    const auto nth = live_productivity.begin() + live_productivity.size() / 4;
    std::nth_element(live_productivity.begin(), nth, live_productivity.end());
    q25 = *nth;
  }

  for (std::size_t k = 0; k < f.size(); ++k) {
    if (!f.alive[k] || f.loss_months[k] < e.exit_loss_months || f.cash[k] >= 0) continue;
    f.alive[k] = 0;
    w.firm_exits += 1;
    w.firm_exits_low_productivity += f.productivity[k] < q25;
    for (auto j = ws.employee_offset[k]; j < ws.employee_offset[k + 1]; ++j) {
      const auto i = ws.employees_of[j];
      if (ps.employer[i] != static_cast<std::int32_t>(k)) continue;
      ps.status[i] = LabourStatus::Unemployed;
      ps.employer[i] = -1;
      ps.wage[i] = 0;
    }
    if (f.owner[k] >= 0) {
      hh.income[kProfits][f.owner[k]] += f.cash[k];
      hh.savings[f.owner[k]] += f.cash[k];
    } else {  // a county platform's firm: the county takes what is left (or the debt)
      w.counties[f.county[k]].budget += f.cash[k];
    }
    f.cash[k] = 0;
    f.employees[k] = 0;
    f.efficiency_units[k] = 0;
    f.hours[k] = 1;
    f.vacancies[k] = 0;
    f.sales[k] = f.expected_sales[k] = 0;
  }

  std::vector<int> alive(w.counties.size(), 0);
  const auto& residents = ws.households_by_county(w);
  for (std::size_t k = 0; k < f.size(); ++k) alive[f.county[k]] += f.alive[k];
  // Entrants' expected sales: a small share of the county's average firm.
  std::vector<double> mean_sales(w.counties.size(), 0.0);
  for (std::size_t k = 0; k < f.size(); ++k)
    if (f.alive[k]) mean_sales[f.county[k]] += f.expected_sales[k] / std::max(1, alive[f.county[k]]);

  // Persons by county: whole numbers, so summed exactly in any order (as integers, by fixed
  // blocks of households in parallel; the same values as the sum in id order it replaces).
  const std::size_t C = w.counties.size(), H = hh.size_(), B = fixed_blocks(H, 16384, 64);
  auto& block_persons = ws.block_county_persons;  // kept: no month allocates it anew
  block_persons.assign(B * C, 0);
  for_each_block(H, B, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::int64_t* const n = block_persons.data() + b * C;
    for (std::size_t h = begin; h < end; ++h) n[hh.county[h]] += hh.size[h];
  });
  for (std::size_t c = 0; c < C; ++c) {
    RandomStream rng(p.seed, Purpose::FirmEntry, m, c);
    std::int64_t people = 0;
    for (std::size_t b = 0; b < B; ++b) people += block_persons[b * C + c];
    const double persons = static_cast<double>(people);
    const double supported = e.firms_per_1000_persons * persons / 1000.0;
    const double expected = e.entry_rate * std::max<double>(alive[c], supported);
    const int n = static_cast<int>(expected) + (rng.uniform() < expected - std::floor(expected) ? 1 : 0);
    for (int j = 0; j < n && !residents[c].empty(); ++j) {
      const auto id = f.add();
      // Keyed by (county, month, j), not by the new id, so entrants match across scenarios
      // even when exits differ.
      RandomStream frng(p.seed, Purpose::FirmEntry, m, (static_cast<std::uint64_t>(c) << 32) + 1 + j);
      init_firm(p, w, id, static_cast<int>(c), frng, /*entrant=*/true);
      f.owner[id] = residents[c][frng.below(residents[c].size())];
      price_new_firm(p, w, id);
      f.expected_sales[id] = kEntrantSalesShare * mean_sales[c];
      f.sales[id] = f.expected_sales[id];
      w.firm_entries += 1;
    }
  }
}

}  // namespace prosim
