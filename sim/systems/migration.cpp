// Step 7c: voluntary rural-urban migration. A village household with working-age
// members moves to its county seat with an annual probability `migration_rate`,
// doubled when the household has an unemployed member (people move for jobs). Its
// farmers become job seekers in town; it keeps its collective membership (dividends)
// and its land contract, which it no longer farms.
#include "core/parallel.h"
#include "core/rng.h"
#include "systems/systems.h"

namespace prosim {

// Migration to and from the rest of the world (out-migration for work, 外出务工): a
// village resident under 45 who is unemployed, or who farms in a village with no
// workplace within commuting reach (remote mountain villages, where young people work
// outside), leaves to work outside the region with probability `out_migration_rate` a month; a migrant returns (as a job seeker) with
// probability `return_migration_rate`, and retires at the retirement age. Migrants stay
// household members (they are counted in the household's per-capita income, as the
// registered-household surveys do) and send `remittance_share` x the region's mean wage
// home each month. In-migration from outside the region is not modelled: the population
// is the scenario's resident population.
void run_out_migration(const Params& p, World& w) {
  const auto& e = p.economy;
  auto& hh = w.households;
  auto& ps = w.persons;
  const auto m = rng_month(w);
  const double remittance = e.remittance_share * w.mean_wage_last_year;
  std::vector<double> sent(hh.size_(), 0.0);
  for_each_index(hh.size_(), [&](std::size_t h) {
    const bool village = !w.settlements.is_urban(hh.settlement[h]);
    // With no workplace within commuting reach, young farmers leave for work too.
    const bool remote = village && w.settlements.reachable_work[hh.settlement[h]].empty();
    for (int k = 0; k < hh.size[h]; ++k) {
      const std::size_t i = hh.first_member[h] + k;
      if (ps.status[i] == LabourStatus::Migrant) {
        RandomStream rng(p.seed, Purpose::Migration, m, (1ULL << 40) + i);
        if (ps.age_months[i] >= e.retirement_age * 12) {
          ps.status[i] = LabourStatus::Retired;
          ps.pension[i] = PensionKind::RuralResident;
        } else if (rng.bernoulli(e.return_migration_rate)) {
          ps.status[i] = LabourStatus::Unemployed;
        } else {
          sent[h] += remittance;
        }
      } else if (village && ps.age_months[i] < 45 * 12 &&
                 (ps.status[i] == LabourStatus::Unemployed ||
                  (ps.status[i] == LabourStatus::Farming && remote))) {
        RandomStream rng(p.seed, Purpose::Migration, m, (1ULL << 40) + i);
        if (rng.bernoulli(e.out_migration_rate)) ps.status[i] = LabourStatus::Migrant;
      }
    }
    hh.income[kOtherTransfers][h] += sent[h];
    hh.savings[h] += sent[h];
  });
  w.row.remittances += deterministic_sum(hh.size_(), [&](std::size_t h) { return sent[h]; });
}

void run_migration(const Params& p, World& w, Workspace&) {
  run_out_migration(p, w);
  auto& hh = w.households;
  auto& ps = w.persons;
  const auto m = rng_month(w);
  for (std::size_t h = 0; h < hh.size_(); ++h) {
    const auto s = hh.settlement[h];
    if (w.settlements.is_urban(s)) continue;
    int working = 0, unemployed = 0;
    for (int k = 0; k < hh.size[h]; ++k) {
      const auto st = ps.status[hh.first_member[h] + k];
      working += in_labour_force(st) || st == LabourStatus::Migrant;
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
