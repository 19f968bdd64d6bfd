// Step 7c: voluntary rural-urban migration. A village household with working-age
// members moves to its county seat with an annual probability `migration_rate`,
// doubled when the household has an unemployed member (people move for jobs). Its
// farmers become job seekers in town; it keeps its collective membership (dividends)
// and its land contract, which it no longer farms.
#include "core/rng.h"
#include "systems/systems.h"

namespace prosim {

void run_migration(const Params& p, World& w, Workspace&) {
  auto& hh = w.households;
  auto& ps = w.persons;
  const auto m = rng_month(w);
  for (std::size_t h = 0; h < hh.size_(); ++h) {
    const auto s = hh.settlement[h];
    if (w.settlements.is_urban(s)) continue;
    int working = 0, unemployed = 0;
    for (int k = 0; k < hh.size[h]; ++k) {
      const auto st = ps.status[hh.first_member[h] + k];
      working += st == LabourStatus::Employed || st == LabourStatus::Unemployed || st == LabourStatus::Farming ||
                 st == LabourStatus::SelfEmployed;
      unemployed += st == LabourStatus::Unemployed;
    }
    if (working == 0) continue;
    RandomStream rng(p.seed, Purpose::Migration, m, h);
    const double annual = p.economy.migration_rate * (unemployed > 0 ? 2.0 : 1.0);
    if (!rng.bernoulli(annual / 12.0)) continue;
    const auto v = w.settlements.village[s];
    w.villages.members[v] -= hh.size[h];
    hh.settlement[h] = w.counties[hh.county[h]].towns[0];
    hh.migrated[h] = 1;
    for (int k = 0; k < hh.size[h]; ++k) {
      const auto i = hh.first_member[h] + k;
      if (ps.status[i] == LabourStatus::Farming) ps.status[i] = LabourStatus::Unemployed;
    }
  }
}

}  // namespace prosim
