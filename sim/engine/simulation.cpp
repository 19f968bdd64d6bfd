#include "engine/simulation.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include <tbb/global_control.h>
#include <tbb/info.h>

#include "core/parallel.h"
#include "population/world_builder.h"
#include "core/rng.h"

namespace prosim {

Simulation::Simulation(Params params) : Simulation(std::move(params), true) {}

Simulation::Simulation(Params params, EmptyWorld) : Simulation(std::move(params), false) {}

// Without `build` the world stays empty and the loops below do nothing to it (a state file
// then fills it, policy state blocks included).
Simulation::Simulation(Params params, bool build)
    : params_(std::move(params)), world_(build ? build_world(params_) : World{}), policies_(make_policies(params_)),
      recorder_(params_, world_, policy_indicators()) {
  world_.policy_states = make_policy_states();
  ws_.index_world(world_);
  // The nominal path from the first burn-in month to December of the first year: level 1 in
  // the first simulated month (after its growth), the product of the monthly factors.
  const int B = params_.economy.burn_in_months;
  nominal_path_.assign(B + 12, 1.0);
  for (int m = 1; m < 12; ++m)
    nominal_path_[B + m] = nominal_path_[B + m - 1] * monthly_nominal_factor(params_.economy, params_.start.plus(m));
  for (int m = -1; m >= -B; --m)
    nominal_path_[B + m] = nominal_path_[B + m + 1] / monthly_nominal_factor(params_.economy, params_.start.plus(m + 1));
  double first_year = 0;
  for (int m = 0; m < 12; ++m) first_year += nominal_path_[B + m] / 12;
  // The inputs are annual means of the first year; the burn-in starts on the path below them.
  const double level0 = nominal_path_[0] / monthly_nominal_factor(params_.economy, params_.start.plus(-B));
  world_.nominal_level = world_.nominal_level_january = level0;
  for (auto& c : world_.counties) {
    c.farm_income = params_.economy.farm_income_per_worker / 12.0 * level0 / first_year;
    c.wage_level *= level0 / first_year;
  }
  world_.export_demand *= level0 / first_year;
  first_year_level_ = first_year;
}

void Simulation::run_month(bool recorded) {
  if (profile_) profile_->set_phase(recorded ? Profile::kRecorded : Profile::kBurnIn);
  auto& w = world_;
  money_before_ = w.total_money();
  w.row.clear();
  w.programme_spending = 0;
  w.firm_entries = w.firm_exits = w.firm_exits_low_productivity = 0;
  run_macro_environment(params_, w, /*business_cycle=*/recorded);
  // A new month of household income: every flow from here on is recorded by source. Two of
  // the ten sources are cleared here, in parallel over blocks of households (at full scale
  // each array is 21 MB), because a policy's begin_month may add to them: property income
  // and other transfers. The other eight are set by their first writer of the month, every
  // household, after begin_month, instead of cleared and added to: wages and profits
  // (pay_wages_and_farm_income: profits are paid to owners only, by settle_firms, and read
  // by the government's dividend tax), farm income (let_farm_land, before it subtracts the
  // rent farmers pay; the policies' begin_month may read it as last month's earnings: the
  // relocation policy's take-up compares a household's income without wages and farm income
  // with town wages), self-employment (run_consumption), pensions, income tax and social
  // contributions (the wage pass again, with the members' sums of the government's books,
  // systems/taxes_and_pensions.h, which run_government completes; it also sets social
  // assistance to zero before the dibao adds to it). Adding to a cleared +0.0 gives the
  // added value's bits (a sum started at +0.0 is never -0.0), so the assignment changes no
  // bit.
  auto& income = w.households.income;
  const std::size_t H = w.households.size_();
  const std::size_t blocks = fixed_blocks(H, 16384, 1024);
  for_each_block(H, blocks, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (const int s : {kProperty, kOtherTransfers})
      std::fill(income[s].begin() + begin, income[s].begin() + end, 0.0);
  });
  lap("start_of_month");
  for (auto& p : policies_) p->begin_month(params_, w);
  lap("policies.begin_month");
  plan_firms(params_, w, ws_);
  lap("plan_firms");
  run_labour_market(params_, w, ws_);
  lap("run_labour_market");
  pay_wages_and_farm_income(params_, w, ws_);
  lap("pay_wages_and_farm_income");
  run_collectives(params_, w, ws_);
  lap("run_collectives");
  run_consumption(params_, w, ws_);
  lap("run_consumption");
  settle_firms(params_, w, ws_);
  lap("settle_firms");
  run_government(params_, w, ws_);
  lap("run_government");
  pay_external_income(params_, w, ws_);
  lap("pay_external_income");
  run_family_support(params_, w, ws_);
  lap("run_family_support");
  for (auto& p : policies_) p->transfers(params_, w);
  lap("policies.transfers");
  run_firm_entry_exit(params_, w, ws_);
  lap("run_firm_entry_exit");
  run_demography(params_, w, ws_);
  lap("run_demography");
  run_migration(params_, w, ws_);
  lap("run_migration");
  close_month(params_, w, ws_);
  lap("close_month");
}

void Simulation::step() {
  run_month(/*recorded=*/true);
  recorder_.record_month(world_, ws_.scratch);  // the systems' scratch, idle after the month
  lap("recorder");
  world_.month_index += 1;
  world_.date = params_.start.plus(world_.month_index);
}

void Simulation::advance() {
  if (!burn_in_begun_) begin_burn_in();
  if (!calibrated_) {
    burn_in_month();
    lap("calibration");  // the burn-in's county aggregates and tuning after its month
  } else {
    step();
  }
}

RunRecord run_simulation(const Params& params, int threads, const ProgressFn& progress, const StateHooks& hooks,
                         Profile* profile) {
  const int n = threads > 0 ? threads : tbb::info::default_concurrency();
  tbb::global_control control(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(n));
  auto owned = hooks.load ? std::make_unique<Simulation>(params, Simulation::EmptyWorld{}) : std::make_unique<Simulation>(params);
  Simulation& sim = *owned;
  if (profile) profile->lap("build_world");
  sim.set_profile(profile);
  if (hooks.load) hooks.load(sim);
  if (profile && hooks.load) profile->lap("load_state");
  sim.begin();
  const int total = params.months();
  while (!sim.done()) {
    if (hooks.month_start) hooks.month_start(sim);
    if (profile && hooks.month_start) profile->lap("save_states");
    sim.advance();
    // Recorded months only (a burn-in month ends with month_index <= 0).
    if (progress && sim.calibrated() && sim.world().month_index > 0) progress(sim.world().month_index, total);
  }
  if (hooks.month_start) hooks.month_start(sim);
  if (profile && hooks.month_start) profile->lap("save_states");
  RunRecord record = sim.finish();
  if (profile) {
    profile->set_phase(Profile::kOutside);
    profile->lap("finish_record");
  }
  record.threads = n;
  return record;
}

}  // namespace prosim
