#pragma once
// The monthly systems, called by engine/simulation.cpp in this order (MODEL.md §3,
// with government after firms' accounts so that dibao sees the month's whole income):
//   policies.begin_month -> plan_firms -> run_labour_market -> pay_wages_and_farm_income
//   -> run_collectives -> run_consumption -> settle_firms -> run_government ->
//   pay_external_income (+ policy transfers) -> run_firm_entry_exit -> run_demography
//   -> run_migration -> close_month
// Each system is in the file of the same name.
#include <cstdint>
#include <utility>
#include <vector>

#include "engine/params.h"
#include "world/world.h"

namespace prosim {

// The unemployment rate the burn-in calibrates every county to (engine/calibration.cpp) and
// against which the Phillips term and in-migrants' comings and goings respond afterwards.
inline constexpr double kReferenceUnemployment = 0.03;

// Per-month scratch space shared by systems (rebuilt, never carried as state).
struct Workspace {
  // Employees of each firm, CSR: persons employees_of[offset[f] .. offset[f+1]), by id.
  std::vector<std::int32_t> employee_offset, employees_of;
  std::vector<std::int32_t> seeker_ids;  // labour market: persons searching this month, by id
  // Labour market scratch (labour_market.cpp), kept so that no month allocates it anew: each
  // person's action, the seekers in serving order, the open slots by work settlement, their
  // cumulative counts by home settlement's reach, and each seeker's applications that pass
  // every test but the slot still being open (firm and wage, in application order).
  std::vector<std::uint8_t> person_action;
  std::vector<std::pair<std::uint64_t, std::int32_t>> seeker_order;
  std::vector<std::vector<std::int32_t>> open_slots;
  std::vector<std::vector<std::size_t>> reach_cumulative;
  std::vector<std::int32_t> offer_firm, offer_count;
  std::vector<double> offer_wage, seeker_reservation;
  std::vector<std::int32_t> block_next;  // counting-sort scratch: per block of persons, per firm
  std::vector<double> county_se_pool;    // household spending at own-account businesses, by county
  std::vector<double> county_unemployment;  // unemployment rate by county of residence, last month
  double collective_spending = 0;        // village collectives' local purchases this month
  std::vector<std::vector<std::int32_t>> county_households;  // households by county of residence (built once)
  // In-migration (migration.cpp): in-migrant households by id, each one's flows to other
  // households and out of the region this month, and the local town households of each
  // county (their landlords). Kept here so that no month allocates them anew.
  struct InMigrantFlow {
    std::int32_t landlord = -1;
    bool departed = false;
    double rent = 0, sent = 0, savings_out = 0, savings_in = 0;
  };
  std::vector<std::int32_t> inmigrant_ids;
  std::vector<InMigrantFlow> inmigrant_flows;
  std::vector<std::vector<std::int32_t>> county_landlords;
  // One value per household, scratch for one system at a time (its contents are undefined on
  // entry: a system writes every slot it reads): a month reuses them instead of allocating.
  std::vector<double> household_value;
  std::vector<std::int8_t> household_flag;
  // Collectives (collectives.cpp): each village's member households (by origin village, in id
  // order; CSR), built at the first month, and per-village scratch.
  struct VillageHouseholds {
    std::vector<std::int32_t> offset, ids;
    std::size_t households = 0;
  };
  VillageHouseholds village_households;
  std::vector<double> village_value, village_share;
};

void rebuild_employee_index(World& w, Workspace& ws);
void plan_firms(const Params& p, World& w, Workspace& ws);
void run_labour_market(const Params& p, World& w, Workspace& ws);
void pay_wages_and_farm_income(const Params& p, World& w, Workspace& ws);
void run_collectives(const Params& p, World& w, Workspace& ws);
void run_consumption(const Params& p, World& w, Workspace& ws);
void settle_firms(const Params& p, World& w, Workspace& ws);
void run_government(const Params& p, World& w, Workspace& ws);
void pay_external_income(World& w);
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

// Random-stream month coordinate: burn-in months are negative month indexes.
inline std::uint32_t rng_month(const World& w) { return static_cast<std::uint32_t>(w.month_index + 100000); }

// Chinese individual income tax on a month's taxable wage (after the allowance),
// the 2019 monthly brackets.
double monthly_income_tax(double taxable);

}  // namespace prosim
