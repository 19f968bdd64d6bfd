#pragma once
// The monthly systems, called by engine/simulation.cpp in this order (MODEL.md §3,
// with government after firms' accounts so that dibao sees the month's whole income):
//   run_macro_environment -> policies.begin_month -> plan_firms -> run_labour_market -> pay_wages_and_farm_income
//   -> run_collectives -> run_consumption -> settle_firms -> run_government ->
//   pay_external_income (+ policy transfers) -> run_firm_entry_exit -> run_demography
//   -> run_migration -> close_month
// Each system is in the file of the same name.
#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "core/rare_events.h"
#include "core/scratch_arena.h"
#include "core/value_sort.h"
#include "model/params.h"
#include "world/world.h"
#include "model/constants.h"

namespace prosim {

// Scratch space shared by systems: nothing in it carries from one month into the next
// (that is World's), so a state file does not hold it. Each month's systems overwrite what
// they read (the employee index, the seekers, the own-account pools) or reset it
// (collective_spending, spent and zeroed within the month); the households by county are an
// index of the World, rebuilt from it by index_world (households never change county: the
// build sets it).
struct Workspace {
  // One block of scratch memory that the systems and then the recorder borrow in turn for
  // the per-household buffers they use within one call (core/scratch_arena.h): sized to the
  // largest borrower's need instead of each keeping its own between months.
  ScratchArena scratch;
  // Employees of each firm, CSR: persons employees_of[offset[f] .. offset[f+1]), by id.
  std::vector<std::int32_t> employee_offset, employees_of;
  // The month (rng_month) whose plan_firms rebuilt the index, and the persons the labour
  // market hired that month (firm, person; then sorted), from which pay_wages_and_farm_income
  // updates the index instead of rebuilding it (update_employee_index); -1: none. The update
  // writes the new index into the *_next vectors and swaps them in.
  std::int64_t employee_index_month = -1, hires_month = -1;
  std::vector<std::pair<std::int32_t, std::int32_t>> hires;
  std::vector<std::int32_t> employee_offset_next, employees_of_next, hire_offset;
  // The residents' medical insurance: each household's reimbursement this month, set by
  // the wage pass and paid by run_government (taxes_and_pensions.h add_medical).
  std::vector<double> medical_reimbursement;
  std::vector<std::int32_t> seeker_ids;  // labour market: persons searching this month, by id
  // Labour market scratch (labour_market.cpp), kept so that no month allocates it anew: each
  // person's action, the open slots by work settlement, their cumulative counts by home
  // settlement's reach. (The seekers in serving order and their applications are borrowed
  // from `scratch`.)
  std::vector<std::uint8_t> person_action;  // all 0 (none) between months
  std::vector<std::vector<std::int32_t>> open_slots;
  std::vector<std::vector<double>> reach_cumulative;
  // Each home settlement's commute weight by reach entry (travel.h commute_weight): fixed by
  // the geography and the scenario, built in the first month after index_world.
  std::vector<std::vector<double>> reach_weight;
  std::vector<double> county_quit_rate;  // this month's quit probability by county
  // The month's quits by fixed block of firms (indexes into seeker_ids, in id order).
  std::vector<std::vector<std::int32_t>> quit_blocks;
  // The land market (land_market.cpp): per fixed block of households and pool, the trading
  // households' (offer, room), in id order.
  std::vector<std::vector<std::array<float, 2>>> land_runs;
  // Firms' payouts (firm_accounts.cpp): each firm's first payee, the payees (households) and
  // amounts in (firm, owner) order, and the payees by fixed block of households.
  std::vector<std::size_t> firm_first_payee;
  std::vector<std::int32_t> firm_payee;
  std::vector<double> firm_payee_amount;
  std::vector<std::vector<std::int32_t>> payee_blocks;
  std::vector<std::int32_t> block_next;  // counting-sort scratch: per block of persons, per firm
  std::vector<double> county_se_pool;    // household spending at own-account businesses, by county
  double collective_spending = 0;        // village collectives' local purchases this month
  std::vector<std::vector<std::int32_t>> county_households;  // households by county of residence
  // The households by county, in id order: a household's county never changes, so the lists
  // index_world built (after the build or a load) are the ones a pass over households would
  // build each month. A Workspace made without them (a system's own test) gets them here.
  const std::vector<std::vector<std::int32_t>>& households_by_county(const World& w) {
    if (county_households.size() != w.counties.size()) {
      county_households.assign(w.counties.size(), {});
      for (std::size_t h = 0; h < w.households.size_(); ++h)
        county_households[static_cast<std::size_t>(w.households.county[h])].push_back(static_cast<std::int32_t>(h));
    }
    return county_households;
  }
  std::vector<std::int64_t> block_county_persons;  // firm entry: persons per (block of households, county)
  // Family support scratch (family_support.cpp), rebuilt every month: local households by
  // county (with family_support_persistence: the child generation), the parent generation by
  // county, each household's relative, parents grouped by relative (CSR). (The ranks and
  // roles, and the sorts' entries, are borrowed from `scratch`.)
  std::vector<std::vector<std::int32_t>> county_local_households, county_parent_households;
  // Per county, the bucket counts of the sort of its households by income per member.
  std::vector<std::vector<std::uint32_t>> family_sort_counts;
  std::vector<std::int32_t> family_relative, family_offset, family_parents;
  // Each parent household's own normal draw for its life (ranked_relatives: the first normal of
  // RandomStream(seed, FamilySupport, occupant, household), which no month changes), kept with
  // the occupant number it was drawn for (family_normal_set: drawn), so that a month draws it
  // only for a new household in the slot.
  std::vector<double> family_normal;
  std::vector<std::uint16_t> family_normal_occupant;
  std::vector<std::uint8_t> family_normal_set;

  // Sizes the per-county scratch and indexes the households by county, from `w`: after the
  // build, and after a state has replaced the World.
  void index_world(const World& w) {
    county_se_pool.assign(w.counties.size(), 0.0);
    reach_weight.clear();  // rebuilt from this World's geography (labour_market.cpp)
    county_households.clear();
    households_by_county(w);
    landlord_county.assign(w.households.size_(), -1);
    landlord_uniform.assign(w.households.size_(), 0.0);
    max_capacity = 0;
    for (const auto c : w.households.capacity) max_capacity = std::max<int>(max_capacity, c);
    count_residents(w);
  }
  // Sets residents_by_county from the World's households.
  void count_residents(const World& w) {
    residents_by_county.assign(w.counties.size(), 0);
    for (std::size_t h = 0; h < w.households.size_(); ++h)
      residents_by_county[static_cast<std::size_t>(w.households.county[h])] += w.households.size[h];
  }
  // Each county's residents (counted here first where the workspace was not indexed).
  const std::vector<std::int64_t>& county_residents(const World& w) {
    if (residents_by_county.size() != w.counties.size()) count_residents(w);
    return residents_by_county;
  }
  // `delta` members more in county c (atomic: households run in parallel); nothing where the
  // workspace keeps no counts yet (county_residents counts them when first read).
  void add_residents(int c, int delta) {
    if (static_cast<std::size_t>(c) < residents_by_county.size())
      std::atomic_ref<std::int64_t>(residents_by_county[static_cast<std::size_t>(c)]).fetch_add(delta, std::memory_order_relaxed);
  }
  // In-migration (migration.cpp): in-migrant households by id and the local town households
  // of each county (their landlords). Kept here so that no month allocates them anew (each
  // tenant's flows are borrowed from `scratch`).
  // Each county's monthly probability that an in-migrant household with a free slot takes in
  // an arrival (run_in_migration; empty when there are none).
  std::vector<double> arrival_probability;
  // Net arrivals' per-county scratch (run_in_migration): in-migrant households with a free
  // slot, vacancies left unfilled, and the arrivals expected.
  std::vector<std::int64_t> county_open_tenants, county_unfilled;
  std::vector<double> county_expected_arrivals;
  // Each county's residents (household members), which the net arrivals read: counted by
  // index_world (or by county_residents where the workspace was not indexed) and kept by the
  // two systems that change a household's size (demography's deaths, heirs and births,
  // in-migration's arrivals; add_residents), instead of a sequential pass over households a
  // month. A household never changes county. Integers: the same counts in any order.
  std::vector<std::int64_t> residents_by_county;
  std::vector<std::int32_t> inmigrant_ids;
  std::vector<std::vector<std::int32_t>> county_landlords;
  // The paying tenants (indexes into inmigrant_ids, in order) per fixed block of tenants and
  // block of landlords: [tenant block * landlord blocks + landlord block].
  std::vector<std::vector<std::int32_t>> inmigrant_payers;
  // Each in-migrant household's landlord uniform, the first draw of
  // RandomStream(seed, InMigration, county, household), which no month changes: kept with the
  // county it was drawn for (-1: not drawn), so that a month draws it only for a new county.
  std::vector<double> landlord_uniform;
  std::vector<std::int32_t> landlord_county;
  // One value per household, scratch for one system at a time (its contents are undefined on
  // entry: a system writes every slot it reads): a month reuses them instead of allocating.
  std::vector<double> household_value;
  std::vector<std::int8_t> household_flag;
  // Rare events drawn by skipping (core/rare_events.h), marked on the entities they befall
  // before the pass that applies them: demography's deaths (all 0 between months: the pass
  // sets each one back as it applies it) and birth trials (all 0 between months: set back
  // after the pass through their list). (Migration's returns and departures are marked in a
  // buffer borrowed from `scratch`, cleared and filled anew each month.)
  std::vector<std::uint8_t> person_dies;
  SuccessMarks birth_trials;
  // Demography's monthly death hazard by age in months, and the Gompertz level it was made
  // with (NaN: none yet).
  std::vector<double> death_hazard;
  double death_hazard_level = std::numeric_limits<double>::quiet_NaN();
  int max_capacity = 0;  // the most slots a household owns (fixed by the build)
  // Collectives (collectives.cpp): each village's member households (by origin village, in id
  // order; CSR), built at the first month, and per-village scratch.
  struct VillageHouseholds {
    std::vector<std::int32_t> offset, ids;
    std::size_t households = 0;
  };
  VillageHouseholds village_households;
  std::vector<double> village_value, village_share;
};

// The macro environment, first of every month (macro.cpp): nominal growth of wages, farm
// income, external demand and the nominal level; the AR(1) business cycle of external
// demand when `business_cycle` (recorded months); the Phillips response of county wages to
// last month's unemployment (World::county_unemployment) against the reference the burn-in
// set (World::unemployment_reference).
void run_macro_environment(const Params& p, World& w, bool business_cycle);
void rebuild_employee_index(World& w, Workspace& ws);
// The employee index after the labour market, from the one plan_firms rebuilt this month and
// the month's hires (Workspace::hires): the same index, head counts and efficiency units as
// rebuild_employee_index, which it calls when there is no such index (a system run alone).
void update_employee_index(World& w, Workspace& ws);
void plan_firms(const Params& p, World& w, Workspace& ws);
void run_labour_market(const Params& p, World& w, Workspace& ws);
// The land market (land_market.cpp), run by pay_wages_and_farm_income before it pays farm
// income: households in which nobody farms let their land to farming households of the
// same county and terrain for a rent (Households::land_let_mu, land_taken_mu).
void let_farm_land(const Params& p, World& w, Workspace& ws);
// The members of household h who farm.
int household_farmers(const World& w, std::size_t h);
// A farmer's farm income this month in household h with `farmers` farmers: the county's farm
// income per farmer on the terrain of its origin village, with decreasing returns to the land
// each farmer works (its own and what it took in).
double farm_income_per_farmer(const Params& p, const World& w, std::size_t h, int farmers);
// The same land factor without the terrain (the labour market's reservation for farmers).
double farm_land_factor(const Params& p, const World& w, std::size_t h, int farmers);
void pay_wages_and_farm_income(const Params& p, World& w, Workspace& ws);
void run_collectives(const Params& p, World& w, Workspace& ws);
void run_consumption(const Params& p, World& w, Workspace& ws);
void settle_firms(const Params& p, World& w, Workspace& ws);
void run_government(const Params& p, World& w, Workspace& ws);
void pay_external_income(const Params& p, World& w, Workspace& ws);
void run_family_support(const Params& p, World& w, Workspace& ws);
// Its first part: ws.family_relative[h], the relative household of each household in
// difficulty with a parent (-1 for the others), from this month's incomes.
void find_family_relatives(const Params& p, const World& w, Workspace& ws);
// Which outside-income rate a household is paid (external_income.cpp): none for in-migrant
// households, the rural rate for households of village origin, the urban rate otherwise.
enum class OutsideIncomeGroup { None, Urban, Rural };
OutsideIncomeGroup outside_income_group(const Households& hh, std::size_t h);
// A household's market income this month: wages, own-account, farm income, profits.
double market_income(const World& w, std::size_t h);
void run_firm_entry_exit(const Params& p, World& w, Workspace& ws);
void run_demography(const Params& p, World& w, Workspace& ws);
void run_migration(const Params& p, World& w, Workspace& ws);
void close_month(const Params& p, World& w, Workspace& ws);
// close_month's person pass: w.labour from the persons' statuses (world/labour_force.h).
void count_labour_force(World& w);

// Random-stream month coordinate: burn-in months are negative month indexes.
inline std::uint32_t rng_month(const World& w) { return static_cast<std::uint32_t>(w.month_index + 100000); }

}  // namespace prosim
