#include "engine/simulation.h"

#include <cmath>

#include <tbb/global_control.h>
#include <tbb/info.h>

#include "build/world_builder.h"
#include "core/rng.h"

namespace prosim {

Simulation::Simulation(Params params)
    : params_(std::move(params)), world_(build_world(params_)), policies_(make_policies(params_)),
      recorder_(params_, world_) {
  for (auto& c : world_.counties) c.farm_income = params_.economy.farm_income_per_worker / 12.0;
  ws_.county_se_pool.assign(world_.counties.size(), 0.0);
  ws_.county_households.resize(world_.counties.size());
  for (std::size_t h = 0; h < world_.households.size_(); ++h)
    ws_.county_households[world_.households.county[h]].push_back(static_cast<std::int32_t>(h));
}

void Simulation::run_month(bool grow) {
  auto& w = world_;
  const auto& e = params_.economy;
  money_before_ = w.total_money();
  w.row.clear();
  w.dibao_spending = w.programme_spending = 0;
  w.firm_entries = w.firm_exits = w.firm_exits_low_productivity = 0;
  w.policy.enclave_returns = 0;
  if (grow) {
    // Nominal growth: wages (with a Phillips-curve response to local unemployment),
    // export demand and farm prices.
    // External demand grows at the nominal rate around an AR(1) cycle in logs (the
    // region's business cycle: what moves vacancies and unemployment in opposite
    // directions along a Beveridge curve).
    const double g = std::pow(1 + e.nominal_growth, 1.0 / 12.0);
    RandomStream rng(params_.seed, Purpose::FirmDemand, rng_month(w), 0xFFFFFFFFFFULL);
    const double previous = w.export_cycle;
    w.export_cycle = 0.9 * w.export_cycle + e.export_volatility * rng.normal();
    w.export_demand *= g * std::exp(w.export_cycle - previous);
    for (std::size_t c = 0; c < w.counties.size(); ++c) {
      auto& county = w.counties[c];
      const double u = ws_.county_unemployment.empty() ? 0 : ws_.county_unemployment[c];
      const double slack = unemployment_reference_.empty() ? 0 : unemployment_reference_[c] - u;
      county.wage_level *= g * (1 + e.wage_phillips * slack / 12.0);
      county.farm_income *= g;
    }
  }
  // A new month of household income: every flow from here on is recorded by source.
  for (auto& src : w.households.income) std::fill(src.begin(), src.end(), 0.0);
  for (auto& p : policies_) p->begin_month(params_, w);
  plan_firms(params_, w, ws_);
  run_labour_market(params_, w, ws_);
  pay_wages_and_farm_income(params_, w, ws_);
  run_collectives(params_, w, ws_);
  run_consumption(params_, w, ws_);
  settle_firms(params_, w, ws_);
  run_government(params_, w, ws_);
  pay_external_income(w);
  for (auto& p : policies_) p->transfers(params_, w);
  run_firm_entry_exit(params_, w, ws_);
  run_demography(params_, w, ws_);
  run_migration(params_, w, ws_);
  close_month(params_, w, ws_);
}

void Simulation::calibrate() {
  auto& w = world_;
  const auto& e = params_.economy;
  const std::size_t C = w.counties.size();
  // Targets: the counties' 2021 aggregates are annual means, i.e. about mid-year levels;
  // the run starts in January, half a year of nominal growth earlier.
  const double back = std::pow(1 + e.nominal_growth, -0.5);
  // Three levers, each moved a fraction of the way to its target every month:
  //  - a county's wage level falls while the county's unemployment is above
  //    kCalibrationUnemployment and rises while it is below (wages clear the labour
  //    market; a small gain, because employment answers wages with a lag);
  //  - firms' county demand weights and the region's external demand -> county GDP;
  //  - a county's rate of income from outside (a share of market income) for local town
  //    households and for village-born households -> the county's urban and rural
  //    income per head (income_per_capita split by urban_rural_ratio at the simulated
  //    urban share); never below zero, so a county whose production alone pays more than
  //    its input stays above it.
  // Inequality, middle-income shares, income composition, the labour share, ... are
  // outcomes: docs/calibration.md compares them with the targets.
  constexpr double kCalibrationUnemployment = 0.03;
  for (int m = -e.burn_in_months; m < 0; ++m) {
    w.month_index = m;
    w.date = params_.start.plus(m);
    run_month(/*grow=*/false);
    std::vector<double> gdp(C, 0), income_u(C, 0), income_r(C, 0), persons_u(C, 0), persons_r(C, 0);
    std::vector<double> market_u(C, 0), market_r(C, 0);  // market income (x 12) of the groups paid each rate
    for (std::size_t h = 0; h < w.households.size_(); ++h) {
      const int c = w.households.county[h];
      const bool urban = w.settlements.is_urban(w.households.settlement[h]);
      (urban ? income_u : income_r)[c] += 12 * w.households.disposable[h];
      (urban ? persons_u : persons_r)[c] += w.households.size[h];
      const auto group = outside_income_group(w.households, h);
      if (group != OutsideIncomeGroup::None)
        (group == OutsideIncomeGroup::Rural ? market_r : market_u)[c] += 12 * market_income(w, h);
      gdp[c] += 12 * (w.households.income[kFarm][h] + w.households.income[kSelfEmployment][h]);
    }
    for (std::size_t k = 0; k < w.firms.size(); ++k)
      if (w.firms.alive[k]) gdp[w.firms.county[k]] += 12 * (1 - e.intermediate_share) * w.firms.sales[k];
    for (std::size_t v = 0; v < w.villages.size(); ++v) gdp[w.villages.county[v]] += 12 * w.villages.operating_income[v];
    double gdp_sum = 0, gdp_target_sum = 0;
    for (std::size_t c = 0; c < C; ++c) {
      const auto& in = params_.counties[c];
      auto& county = w.counties[c];
      const double gdp_target = in.gdp * params_.scale * back;
      county.demand_weight *= std::pow(gdp_target / gdp[c], 0.3);
      county.wage_level *= std::exp(-0.5 * (ws_.county_unemployment[c] - kCalibrationUnemployment));
      gdp_sum += gdp[c];
      gdp_target_sum += gdp_target;
      const double persons = persons_u[c] + persons_r[c];
      if (persons_u[c] > 0 && persons_r[c] > 0) {
        const double u = persons_u[c] / persons;
        const double rural_target = in.income_per_capita * back / (u * in.urban_rural_ratio + 1 - u);
        const double urban_target = in.urban_rural_ratio * rural_target;
        // The rate closes half of the gap in income per head each month.
        if (market_u[c] > 0)
          county.external_income_urban = std::max(
              0.0, county.external_income_urban + 0.5 * (urban_target - income_u[c] / persons_u[c]) * persons_u[c] / market_u[c]);
        if (market_r[c] > 0)
          county.external_income_rural = std::max(
              0.0, county.external_income_rural + 0.5 * (rural_target - income_r[c] / persons_r[c]) * persons_r[c] / market_r[c]);
      }
    }
    w.export_demand *= std::pow(gdp_target_sum / gdp_sum, 0.3);
  }
  // Wage growth then responds to each county's unemployment against the same rate.
  unemployment_reference_.assign(C, kCalibrationUnemployment);
  w.month_index = 0;
  w.date = params_.start;
  // The recorded run starts from clean calendar-year accumulators.
  std::fill(w.households.disposable_ytd.begin(), w.households.disposable_ytd.end(), 0.0);
  for (auto* v : {&w.villages.operating_ytd, &w.villages.total_ytd, &w.villages.dividends_ytd})
    std::fill(v->begin(), v->end(), 0.0);
  w.mean_wage_ytd_sum = w.mean_wage_ytd_count = 0;
}

void Simulation::step() {
  run_month(/*grow=*/true);
  recorder_.record_month(world_);
  world_.month_index += 1;
  world_.date = params_.start.plus(world_.month_index);
}

RunRecord run_simulation(const Params& params, int threads, const ProgressFn& progress) {
  const int n = threads > 0 ? threads : tbb::info::default_concurrency();
  tbb::global_control control(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(n));
  Simulation sim(params);
  sim.calibrate();
  const int total = params.months();
  while (!sim.done()) {
    sim.step();
    if (progress) progress(sim.world().month_index, total);
  }
  RunRecord record = sim.finish();
  record.threads = n;
  return record;
}

}  // namespace prosim
