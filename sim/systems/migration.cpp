// Step 7c: voluntary rural-urban migration. A village household with working-age
// members moves to its county seat with an annual probability `migration_rate`,
// doubled when the household has an unemployed member (people move for jobs). Its
// farmers become job seekers in town; it keeps its collective membership (dividends)
// and its land contract, which it no longer farms.
#include <algorithm>
#include <atomic>
#include <cmath>

#include "core/group_lists.h"
#include "core/parallel.h"
#include "core/rare_events.h"
#include "core/rng.h"
#include "model/person_rules.h"
#include "systems/systems.h"
#include "model/constants.h"

namespace prosim {
namespace {

// Migration to and from the rest of the world (out-migration for work, 外出务工): a
// village resident under 45 who is unemployed, or who farms in a village with no
// workplace within commuting reach (remote mountain villages, where young people work
// outside), leaves to work outside the region with probability `out_migration_rate` a month; a migrant returns (as a job seeker) with
// probability `return_migration_rate`, and retires at the retirement age. Migrants stay
// household members (they are counted in the household's per-capita income, as the
// registered-household surveys do) and send `remittance_share` x the region's mean wage
// home each month. In-migration from outside the region: run_in_migration below.
// One household's month of out-migration; returns the remittances it received (run_migration
// sums them in the same pass).
// `trial` marks the persons whose return (bit 1) or out-migration (bit 2) trial of the month
// succeeded, drawn by skipping in run_migration (core/rare_events.h).
double out_migrate(const Params& p, World& w, std::size_t h, const std::uint8_t* trial, double remittance) {
  const auto& e = p.economy;
  auto& hh = w.households;
  auto& ps = w.persons;
  double sent = 0;
  const bool village = !w.settlements.is_urban(hh.settlement[h]);
  // With no workplace within commuting reach, young farmers leave for work too.
  const bool remote = village && w.settlements.reachable_work[hh.settlement[h]].empty();
  // The members' arrays through pointers and the size and bounds as locals: a one-byte status
  // store may alias anything, so they would be reloaded after each one.
  LabourStatus* const status = ps.status.data() + hh.first_member[h];
  const std::uint16_t* const age = ps.age_months.data() + hh.first_member[h];
  const std::uint8_t* const tried = trial + hh.first_member[h];
  const int n = hh.size[h], retirement = e.retirement_age * 12;
  for (int k = 0; k < n; ++k) {
    const LabourStatus st = status[k];
    if (st == LabourStatus::Migrant) {
      if (age[k] >= retirement) {
        status[k] = LabourStatus::Retired;
        ps.pension[hh.first_member[h] + k] = PensionKind::RuralResident;
      } else if (tried[k] & 1) {
        status[k] = LabourStatus::Unemployed;
      } else {
        sent += remittance;
      }
    } else if (village && age[k] < kOutMigrationMaxAge * 12 &&
               (st == LabourStatus::Unemployed || (st == LabourStatus::Farming && remote))) {
      if (tried[k] & 2) status[k] = LabourStatus::Migrant;
    }
  }
  hh.income[kOtherTransfers][h] += sent;
  hh.savings[h] += sent;
  return sent;
}

// In-migration from outside the region (外来务工). In-migrant households (`nonlocal`, no
// local hukou) live in towns. Every month each of them
//  - pays rent `inmigrant_rent_share` x the rent reference wage (World::rent_reference_wage:
//    last year's mean wage moved by the housing market, model.md 4.12) to a local
//    household of its county living in a town (the landlord: property income), and sends
//    `inmigrant_remittance_share` of its wages home (out of the region); both at most its
//    savings;
//  - each of its unemployed workers goes back to the home region with probability
//    `inmigrant_leave_rate` (status Away: still a household member, outside the labour
//    force), and each one away comes back as a job seeker with probability
//    `inmigrant_come_back_rate` x (2 - u_c / 3 %), clamped to [0, 2] x the rate (the rule
//    quits follow too, model/person_rules.h labour_market_response, with slope 1), u_c the
//    county's unemployment last month. Migrants come where jobs are and go when they are
//    gone (Harris-Todaro; China's migrant workers went home by the million when export
//    demand collapsed in 2008-09): in a slump the county's labour force shrinks instead of
//    its unemployment soaring, in a boom it grows. (Before, every departure was replaced at
//    once by job seekers, so the labour force never moved and regional unemployment swung
//    between 1 % and 9 % with the export cycle.)
//  - if it has a job seeker and nobody at work (employed or self-employed), leaves the
//    region with probability `inmigrant_exit_rate`, taking its savings. Its slot (the same
//    household id and member ids, so membership stays contiguous) is taken at once by a
//    new in-migrant household of the same size arriving from outside, in the same county
//    (migrant networks, 老乡 chains, bring newcomers where their predecessors were; Jinhua's
//    county populations moved by at most 0.6 % in 2022, jinhua_2022_2023.md [J4]; placing
//    arrivals by open vacancies let small counties with vacancies grow without limit),
//    its town as at build (seat with probability 0.5),
//    two working-age adults aged 18-45 (one if the household has one member) who look
//    for work, children aged 0-14 for the other members, non-local (rural) hukou, and
//    savings of `inmigrant_savings_months` x the mean wage per adult, brought from outside.
//  - net arrivals (from the recorded run on, `inmigrant_arrival_rate` > 0): the departures'
//    replacements keep the number of in-migrants fixed, while Jinhua's resident population
//    grows by net in-migration (4.6 and 5.3 per mille in 2023 and 2024, more than its natural
//    increase, model.md 4.12) and the locals' labour force shrinks with ageing. Each month the
//    county expects `inmigrant_arrival_rate` / 12 x its residents x (2 - u_c / 3 %), clamped
//    to [0, 2] (the come-back rule's response), arrivals; they are spread over the county's
//    in-migrant households with a free slot, each taking in one with probability expected /
//    (such households), at most 1: a job seeker aged 18-45 with non-local hukou (a relative
//    or 老乡 following the network) bringing `inmigrant_savings_months` x the mean wage. The
//    county's labour supply then grows where jobs go begging and not where they are scarce;
//    without it the Harris-Todaro flows above could only shed in-migrants and take back those
//    who had left. With `inmigrant_arrival_by_vacancies` they follow demand instead: the
//    region expects at most `inmigrant_arrival_rate` / 12 x its residents a month, shared
//    among the counties in proportion to the vacancies their firms left unfilled this month,
//    each county at most its unfilled vacancies and at most twice its share of the rate (so
//    no county grows faster than twice the sourced rate; assumption, model.md 4.12).
// Each in-migrant household's own books, its members' comings and goings and a departure
// with its replacement touch only its own slots, so they run in parallel; what flows between
// households (the rent to landlords, local households that are never tenants) is then added
// in parallel over fixed blocks of landlords, each landlord's rents in tenant order, and the
// region's totals in tenant order on one thread, as a sequential loop over households would
// add them: the same bits at any thread count.
// An in-migrant household's flows to other households and out of the region this month
// (one per tenant, in a buffer of the month's scratch lease).
struct InMigrantFlow {
  std::int32_t landlord;  // -1: none
  bool departed;
  double rent, sent, savings_out, savings_in, arrival_savings;
};
constexpr InMigrantFlow kNoFlow{-1, false, 0, 0, 0, 0, 0};

void run_in_migration(const Params& p, World& w, Workspace& ws, ScratchArena::Lease& scratch) {
  const auto& e = p.economy;
  auto& hh = w.households;
  auto& ps = w.persons;
  const auto m = rng_month(w);
  const std::size_t C = w.counties.size();
  auto& tenants = ws.inmigrant_ids;
  collect_nonzero(hh.nonlocal.data(), hh.size_(), tenants);
  if (tenants.empty()) return;
  // Each county's landlords (its local town households) in id order, built in parallel.
  auto& landlords = ws.county_landlords;
  collect_by_group(hh.size_(), C, [&](std::size_t h) {
    return !hh.nonlocal[h] && w.settlements.is_urban(hh.settlement[h]) ? hh.county[h] : -1;
  }, landlords);
  const double rent = e.inmigrant_rent_share * w.rent_reference_wage;
  if (ws.landlord_county.size() != hh.size_()) {
    ws.landlord_county.assign(hh.size_(), -1);
    ws.landlord_uniform.assign(hh.size_(), 0.0);
  }
  // Net arrivals: each county's probability per in-migrant household with a free slot.
  auto& arrival = ws.arrival_probability;
  arrival.clear();
  if (e.inmigrant_arrival_rate > 0 && w.month_index >= 0) {
    const auto& residents = ws.county_residents(w);
    auto& open = ws.county_open_tenants;
    open.assign(C, 0);
    for (const auto t : tenants) {
      const auto h = static_cast<std::size_t>(t);
      open[static_cast<std::size_t>(hh.county[h])] += hh.size[h] < hh.capacity[h];
    }
    arrival.assign(C, 0.0);
    auto& expected = ws.county_expected_arrivals;
    expected.assign(C, 0.0);
    if (e.inmigrant_arrival_by_vacancies) {
      // Demand: the vacancies the county's firms left unfilled this month (after the labour
      // market), at most twice the county's share of the rate; the region's total at most the
      // rate (in county order: the same bits at any thread count).
      auto& unfilled = ws.county_unfilled;
      unfilled.assign(C, 0);
      const auto& f = w.firms;
      for (std::size_t k = 0; k < f.size(); ++k)
        if (f.alive[k] && f.vacancies[k] > 0) unfilled[static_cast<std::size_t>(f.county[k])] += f.vacancies[k];
      double region = 0, demand = 0;
      for (std::size_t c = 0; c < C; ++c) {
        region += e.inmigrant_arrival_rate / 12.0 * static_cast<double>(residents[c]);
        expected[c] = std::min(static_cast<double>(unfilled[c]), 2 * e.inmigrant_arrival_rate / 12.0 * static_cast<double>(residents[c]));
        demand += expected[c];
      }
      const double scale = demand > region ? region / demand : 1.0;
      for (auto& x : expected) x *= scale;
    } else {
      for (std::size_t c = 0; c < C; ++c) {
        const double u = c < w.county_unemployment.size() ? w.county_unemployment[c] : kReferenceUnemployment;
        expected[c] = e.inmigrant_arrival_rate / 12.0 * static_cast<double>(residents[c]) * labour_market_response(1.0, u);
      }
    }
    for (std::size_t c = 0; c < C; ++c)
      arrival[c] = open[c] > 0 ? std::min(1.0, expected[c] / static_cast<double>(open[c])) : 0.0;
  }
  const auto flows = scratch.take<InMigrantFlow>(tenants.size());  // each set to kNoFlow by its tenant
  // The rare events of a tenant household, out of its pass: not inlined, so that the pass
  // keeps its values in registers.
  // A net arrival into the household's first free slot, drawn from the arrival's stream.
  const auto arrive = [&](std::size_t h, int c, RandomStream& ra, InMigrantFlow& flow) __attribute__((noinline)) {
    const std::size_t i = hh.first_member[h] + hh.size[h];
    ps.vacate(i);
    const double age = kInmigrantAdultAgeMin + kInmigrantAdultAgeSpan * ra.uniform();
    ps.age_months[i] = static_cast<std::uint16_t>(age * 12);
    const int entry = e.labour_entry_age_min + static_cast<int>(ra.below(e.labour_entry_age_max - e.labour_entry_age_min + 1));
    ps.entry_age_months[i] = static_cast<std::uint16_t>(std::min(entry * 12, static_cast<int>(ps.age_months[i])));
    ps.urban_hukou[i] = 0;
    ps.skill[i] = static_cast<float>(draw_skill(ra, e.skill_sigma, false, age < kSkillYoungAge, false));
    ps.status[i] = LabourStatus::Unemployed;
    hh.size[h] = static_cast<std::uint8_t>(hh.size[h] + 1);
    ws.add_residents(c, 1);
    flow.arrival_savings = e.inmigrant_savings_months * w.mean_wage_last_year;
    hh.savings[h] += flow.arrival_savings;
  };
  // Departure, and a new household arriving in the slot, drawn from the household's stream.
  const auto depart = [&](std::size_t h, int c, RandomStream& rng, InMigrantFlow& flow) __attribute__((noinline)) {
    flow.departed = true;
    flow.savings_out = hh.savings[h];
    const auto& towns = w.counties[c].towns;
    hh.settlement[h] = rng.uniform() < kCountySeatShare || towns.size() == 1 ? towns[0] : towns[1 + rng.below(towns.size() - 1)];
    hh.occupant[h] += 1;
    int adults = 0;
    for (int k = 0; k < hh.size[h]; ++k) {
      const std::size_t i = hh.first_member[h] + k;
      RandomStream rp(p.seed, Purpose::InMigration, m, (1ULL << 40) + i);
      ps.vacate(i);  // the departed member's record goes with him
      const bool adult = k < 2;
      const double age = adult ? kInmigrantAdultAgeMin + kInmigrantAdultAgeSpan * rp.uniform() : kInmigrantChildAgeSpan * rp.uniform();
      ps.age_months[i] = static_cast<std::uint16_t>(age * 12);
      const int entry = e.labour_entry_age_min + static_cast<int>(rp.below(e.labour_entry_age_max - e.labour_entry_age_min + 1));
      ps.entry_age_months[i] = static_cast<std::uint16_t>(entry * 12 + rp.below(12));
      ps.urban_hukou[i] = 0;
      ps.skill[i] = static_cast<float>(draw_skill(rp, e.skill_sigma, false, age < kSkillYoungAge, false));
      ps.status[i] = ps.age_months[i] < ps.entry_age_months[i] ? LabourStatus::Child : LabourStatus::Unemployed;
      adults += ps.status[i] == LabourStatus::Unemployed;
    }
    hh.savings[h] = e.inmigrant_savings_months * w.mean_wage_last_year * adults;
    flow.savings_in = hh.savings[h];
  };
  const auto tenant = [&](std::size_t j) {
    const std::size_t h = static_cast<std::size_t>(tenants[j]);
    auto& flow = flows[j];
    flow = kNoFlow;
    const int c = hh.county[h];
    const auto& list = landlords[c];
    if (rent > 0 && !list.empty()) {
      // The landlord: the tenant's stream is keyed by county, not month, so its draw is the
      // same every month (kept in the workspace) and only the list of landlords changes.
      if (ws.landlord_county[h] != c) {
        ws.landlord_uniform[h] = RandomStream(p.seed, Purpose::InMigration, static_cast<std::uint32_t>(c), h).uniform();
        ws.landlord_county[h] = c;
      }
      flow.landlord = list[RandomStream::below(ws.landlord_uniform[h], list.size())];
      flow.rent = std::min(rent, std::max(0.0, hh.savings[h]));
      hh.savings[h] -= flow.rent;
      hh.consumption[h] += flow.rent;  // housing is consumption of the tenant ...
    }
    flow.sent = std::min(e.inmigrant_remittance_share * hh.income[kWages][h], std::max(0.0, hh.savings[h]));
    hh.savings[h] -= flow.sent;

    // Going home for lack of work, and coming back where there is work.
    const double u = c < static_cast<int>(w.county_unemployment.size()) ? w.county_unemployment[c] : kReferenceUnemployment;
    const double come_back = e.inmigrant_come_back_rate * labour_market_response(1.0, u);
    // The same pass counts the members at work and the job seekers after the comings and
    // goings (the departure test below; an arrival adds a seeker).
    int working = 0, seekers = 0;
    {
      const std::size_t first = hh.first_member[h];
      LabourStatus* const status = ps.status.data() + first;
      for (int k = 0, n = hh.size[h]; k < n; ++k) {
        auto st = status[k];
        if (st == LabourStatus::Unemployed || st == LabourStatus::Away) {
          RandomStream r(p.seed, Purpose::InMigration, m, (2ULL << 40) + first + k);
          if (st == LabourStatus::Unemployed) {
            if (r.bernoulli(e.inmigrant_leave_rate)) st = LabourStatus::Away;
          } else if (r.bernoulli(come_back)) {
            st = LabourStatus::Unemployed;
          }
          status[k] = st;
        }
        working += st == LabourStatus::Employed || st == LabourStatus::SelfEmployed;
        seekers += st == LabourStatus::Unemployed;
      }
    }

    // A net arrival, into the first free slot.
    if (!arrival.empty() && hh.size[h] < hh.capacity[h]) {
      RandomStream ra(p.seed, Purpose::InMigration, m, (3ULL << 40) + h);
      if (ra.bernoulli(arrival[static_cast<std::size_t>(c)])) {
        arrive(h, c, ra, flow);
        ++seekers;
      }
    }

    if (working > 0 || seekers == 0) return;
    RandomStream rng(p.seed, Purpose::InMigration, m, h);
    if (!rng.bernoulli(e.inmigrant_exit_rate)) return;
    depart(h, c, rng, flow);
  };
  // Fixed blocks of tenants run in parallel; each lists its paying tenants, in tenant order, by
  // the block of landlords (household ids) they pay. The rents are then added in parallel over
  // the blocks of landlords, each block's lists in tenant-block order, so every landlord adds
  // its rents in the order the sequential loop over tenants added them (the same bits at any
  // thread count and any number of blocks).
  const std::size_t H = hh.size_(), landlord_blocks = fixed_blocks(H, 4096, 64);
  const std::size_t tenant_blocks = fixed_blocks(tenants.size(), 4096, 64);
  auto& payers = ws.inmigrant_payers;
  payers.resize(tenant_blocks * landlord_blocks);
  for (auto& run : payers) run.clear();
  for_each_block(tenants.size(), tenant_blocks, [&](std::size_t tb, std::size_t begin, std::size_t end) {
    auto* const run = payers.data() + tb * landlord_blocks;
    for (std::size_t j = begin; j < end; ++j) {
      tenant(j);
      if (const auto l = flows[j].landlord; l >= 0)
        run[static_cast<std::size_t>(l) * landlord_blocks / H].push_back(static_cast<std::int32_t>(j));
    }
  });
  for_each_block(landlord_blocks, landlord_blocks, [&](std::size_t lb, std::size_t, std::size_t) {
    for (std::size_t tb = 0; tb < tenant_blocks; ++tb)
      for (const auto j : payers[tb * landlord_blocks + lb]) {
        const auto& flow = flows[static_cast<std::size_t>(j)];
        hh.income[kProperty][flow.landlord] += flow.rent;  // ... and rental income of the landlord
        hh.savings[flow.landlord] += flow.rent;
      }
  });
  // The region's totals, in tenant order.
  for (const auto& flow : flows) {
    w.row.remittances_out += flow.sent;
    if (flow.arrival_savings > 0) w.row.migrant_savings_in += flow.arrival_savings;
    if (flow.departed) {
      w.row.migrant_savings_out += flow.savings_out;
      w.row.migrant_savings_in += flow.savings_in;
    }
  }
}

// Village houses are self-built on homestead land (宅基地) and not traded on the housing
// market that economy.housing_price_path measures (cities' commercial housing, NBS 70
// cities), so their imputed rent follows the nominal level: the town reference wage with the
// path's deviation from the nominal factor taken out of every recorded month so far (months
// 1 .. month_index, those in which systems/macro.cpp moved it). Assumption (model.md 4.12).
double village_rent_reference(const EconomyParams& e, const World& w) {
  double deviation = 1;
  for (int m = 1; m <= w.month_index; ++m) {
    const YearMonth date = w.date.plus(m - w.month_index);
    deviation *= monthly_rent_factor(e, date) / monthly_nominal_factor(e, date);
  }
  return w.rent_reference_wage / deviation;
}

// With village_imputed_rent_at_cost: the imputed rent of a village house a month per member,
// valued at cost (the cost method of rural owner-occupied housing): floor space per head x
// building-cost value per m² (moved by village_house_value_growth, compounded monthly from
// January of kVillageHouseValueYear) x the depreciation rate, over 12. model.md 4.12.
double village_rent_at_cost_per_member(const EconomyParams& e, YearMonth date) {
  const int months = date.serial() - YearMonth{kVillageHouseValueYear, 1}.serial();
  const double value = e.village_house_value_per_m2 * std::pow(1.0 + e.village_house_value_growth, months / 12.0);
  return e.village_house_floor_area * value * e.village_house_depreciation_rate / 12.0;
}

// Owner-occupied housing (自有住房折算净租金, part of property income in the NBS household
// survey's disposable income). Every local household owns its dwelling and is imputed
// the rent it would pay for it: `imputed_rent_share` x the rent reference wage (the rent
// in-migrant tenants pay) a month in a town; in a village, with village_imputed_rent_at_cost,
// the depreciation of its house at cost for each member (`village`, per member), else
// `imputed_rent_village_factor` x the town rent on a reference that follows the nominal level
// (village_rent_reference; `village`, per household). It is income in kind
// consumed as housing: property income and
// consumption of the same amount, so savings do not change, and run_consumption does not
// spend it. In-migrant households rent (run_in_migration) and are not imputed any.
void impute_rent(const Params& p, Households& hh, const Settlements& settlements, std::size_t h, double town,
                 double village) {
  const double village_rent = p.economy.village_imputed_rent_at_cost
                                  ? village * hh.size[h]
                                  : p.economy.imputed_rent_village_factor * village;
  const double r = hh.nonlocal[h] ? 0.0 : settlements.is_urban(hh.settlement[h]) ? town : village_rent;
  hh.imputed_rent[h] = r;
  hh.income[kProperty][h] += r;
  hh.consumption[h] += r;
}

}  // namespace

void run_migration(const Params& p, World& w, Workspace& ws) {
  // Housing and out-migration touch only the household's own slots (and different ones):
  // one pass over households does both and sums the remittances (the fixed split of
  // deterministic_sum: the same bits as a separate sum over the same range).
  const auto m = rng_month(w);
  const double town_rent = p.economy.imputed_rent_share * w.rent_reference_wage;
  const double village_rent = p.economy.village_imputed_rent_at_cost
                                  ? village_rent_at_cost_per_member(p.economy, w.date)
                                  : p.economy.imputed_rent_share * village_rent_reference(p.economy, w);
  const double remittance = p.economy.remittance_share * w.mean_wage_last_year;
  // Returns and departures are rare (1 % and 3 % a month): drawn by skipping over person
  // slots, applied in the pass to the migrants and to those who may leave (was a draw each).
  // The marks and the in-migrants' flows are borrowed for the call (Workspace::scratch).
  auto lease = ws.scratch.borrow();
  const auto trial = lease.take<std::uint8_t>(w.persons.size());
  std::fill(trial.begin(), trial.end(), std::uint8_t{0});
  for_each_success(p.seed, Purpose::ReturnTrials, m, w.persons.size(), p.economy.return_migration_rate,
                   [&](std::size_t i, RandomStream&) { trial[i] |= 1; });
  for_each_success(p.seed, Purpose::OutMigrationTrials, m, w.persons.size(), p.economy.out_migration_rate,
                   [&](std::size_t i, RandomStream&) { trial[i] |= 2; });
  w.row.remittances += deterministic_sum(w.households.size_(), [&](std::size_t h) {
    impute_rent(p, w.households, w.settlements, h, town_rent, village_rent);
    return out_migrate(p, w, h, trial.data(), remittance);
  });
  run_in_migration(p, w, ws, lease);
  // Rural-urban moves start with the recorded run: the build's urban shares are the
  // counties' 2021 inputs, which moves during the burn-in would overshoot.
  if (w.month_index < 0) return;
  // Each household decides and moves on its own slots, in parallel; the villages' head
  // counts are integers, so the order of their updates does not matter.
  auto& hh = w.households;
  auto& ps = w.persons;
  for_each_index(hh.size_(), [&](std::size_t h) {
    const auto s = hh.settlement[h];
    if (w.settlements.is_urban(s)) return;
    // Whether a member works (or looks for work, or works outside) and whether one is
    // unemployed: the members up to the first unemployed one (who is both).
    bool working = false, unemployed = false;
    const LabourStatus* const status = ps.status.data() + hh.first_member[h];
    for (int k = 0, n = hh.size[h]; k < n; ++k) {
      const auto st = status[k];
      if (st == LabourStatus::Unemployed) {
        working = unemployed = true;
        break;
      }
      working = working || in_labour_force(st) || st == LabourStatus::Migrant;
    }
    if (!working) return;
    RandomStream rng(p.seed, Purpose::Migration, m, h);
    const double annual = p.economy.migration_rate * (unemployed ? kUnemployedMigrationFactor : 1.0);
    if (!rng.bernoulli(annual / 12.0)) return;
    const auto v = w.settlements.village[s];
    std::atomic_ref<std::int32_t>(w.villages.members[v]).fetch_sub(hh.size[h], std::memory_order_relaxed);
    hh.settlement[h] = w.counties[hh.county[h]].towns[0];
    hh.migrated[h] = 1;
    for (int k = 0; k < hh.size[h]; ++k) {
      const auto i = hh.first_member[h] + k;
      if (ps.status[i] == LabourStatus::Farming) ps.status[i] = LabourStatus::Unemployed;
    }
  });
}

}  // namespace prosim
