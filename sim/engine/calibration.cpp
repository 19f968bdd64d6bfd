// The calibration burn-in (Simulation::calibrate) and its convergence record.
// The burn-in runs `burn_in_months` before `start` on the nominal growth path (the same
// monthly growth as the recorded run, so nothing jumps when recording begins), with the
// export cycle and the Phillips term off. Four levers move a fraction of the way to their
// targets every month (model.md section 5):
//  - a county's wage level falls while the county's unemployment is above
//    kCalibrationUnemployment and rises while it is below (wages clear the labour market);
//  - firms' county demand weights and the region's external demand -> county GDP. The
//    county lever integrates on the county's effective weight (below: weight_basis);
//  - a county's rate of income from outside (a share of market income) for local town
//    households and for village-born households -> the county's urban and rural income
//    per head (income_per_capita split by urban_rural_ratio at the simulated urban share).
//    The rate may be negative (a net outflow: income earned in the county by people who
//    do not live there), down to kMinOutsideRate.
// Every target moves with the nominal path: the inputs are annual means of the first
// simulated year, so the target of burn-in month m is input x level(m) / mean level of the
// first year. Inequality, middle-income shares, income composition, the labour share, ...
// are outcomes: docs/calibration.md compares them with the targets.
#include <algorithm>
#include <cmath>

#include "engine/simulation.h"
#include "core/parallel.h"
#include "metrics/county_gdp.h"
#include "model/constants.h"
#include "model/firm_rules.h"

namespace prosim {
namespace {
constexpr double kCalibrationUnemployment = kReferenceUnemployment;
// Controller gains per month. Employment answers wages and demand with lags of months
// (wage rates move 10 % of the way a month, expected sales are smoothed), so integral
// controllers with the earlier gains (0.5 on unemployment, 0.3 on GDP) overshot into
// 15-20 month cycles of county unemployment between 0 and 13 %; the wage controller now
// also damps on the month's change of unemployment (a derivative term). Values chosen by
// trial on seeds 1-3 (docs/calibration.md section 0): assumption.
// The gains (kWageGain, kWageDamping, kDemandGain, kRateGain, kExportDemandGain) and
// kMinOutsideRate are rows of the constants table, model/constants.h.
// Why the levers swung (issue 12, docs/calibration.md section 00c): a firm's demand weight
// is demand_weight x appeal x (price / county price level)^-elasticity, and the county price
// level is the wage level. Every step of the wage lever moved the county's demand share at
// once (prices follow wages only 10 % a month), and prices, appeal, entry and exit kept
// moving it month after month: to the demand lever a ramp, which an integral controller
// follows with a steady gap of ramp / gain (Pan'an seed 6: GDP 3-16 % above target over
// months -20..-2 while its demand_weight fell 21 %). The demand lever now undoes the move of the
// county's summed weight per unit of demand_weight since it last set it, and its gain is per
// unit of the GDP share that answers demand (firms' value added; farm, own-account and
// collective income do not).
// Firms per task of the demand weights (a power each: a few hundred are well above a task's
// overhead, and scale 0.1's 8,000 firms make several tasks).
constexpr std::size_t kCalibrationFirmGrain = 512;
constexpr double kMinResponsiveShare = 0.25;  // floor of the responsive share (gain at most 4 x kDemandGain): assumption
// Convergence criteria (issue 12): every county over the last kConvergenceMonths months of
// the burn-in, on average.
constexpr int kConvergenceMonths = 6;
constexpr double kIncomeTolerance = 0.05, kGdpTolerance = 0.05, kUnemploymentLow = 0.01, kUnemploymentHigh = 0.06;
}  // namespace

void Simulation::calibrate() {
  if (!burn_in_begun_) begin_burn_in();
  while (!calibrated_) burn_in_month();
}

// The burn-in one month at a time (Simulation::advance), so that a state can be saved between
// any two of its months (engine/snapshot.cpp).
void Simulation::begin_burn_in() {
  const int B = params_.economy.burn_in_months;
  calibration_ = CalibrationLog{};
  calibration_.months = B;
  calibration_.counties = static_cast<int>(world_.counties.size());
  burn_in_begun_ = true;
  world_.month_index = -B;
  world_.date = params_.start.plus(-B);
  if (B == 0) end_burn_in();
}

void Simulation::burn_in_month() {
  auto& w = world_;
  const auto& e = params_.economy;
  const std::size_t C = w.counties.size();
  const int B = e.burn_in_months;
  {
    const int m = w.month_index;
    w.date = params_.start.plus(m);
    run_month(/*recorded=*/false);
    const double scale_now = nominal_path_[B + m] / first_year_level_;  // target level this month
    // Each county's sums over its towns' and its villages' households (income, persons) and over
    // the two groups paid an outside-income rate (market income x 12), each in household order
    // (their bits): the counties in parallel, each over its households listed in id order
    // (Workspace::households_by_county, as pay_external_income's group sums).
    std::vector<double> income(2 * C, 0.0), persons(2 * C, 0.0);  // 2c + 1: county c's towns, 2c: its villages
    std::vector<double> market(2 * C, 0.0);  // 2c + 1: its urban group, 2c: its rural group
    {
      const auto& hh = w.households;
      const auto& by_county = ws_.households_by_county(w);
      for_each_block(C, C, [&](std::size_t c, std::size_t, std::size_t) {
        double in[2] = {0, 0}, n[2] = {0, 0}, mk[2] = {0, 0};  // [villages or rural, towns or urban]
        for (const auto id : by_county[c]) {
          const auto h = static_cast<std::size_t>(id);
          const int r = w.settlements.is_urban(hh.settlement[h]) ? 1 : 0;
          in[r] += 12 * hh.disposable[h];
          n[r] += hh.size[h];
          const auto group = outside_income_group(hh, h);
          if (group != OutsideIncomeGroup::None)
            mk[group == OutsideIncomeGroup::Urban ? 1 : 0] += 12 * std::max(0.0, market_income(w, h));
        }
        for (int k = 0; k < 2; ++k) {
          income[2 * c + k] = in[k];
          persons[2 * c + k] = n[k];
          market[2 * c + k] = mk[k];
        }
      });
    }
    std::vector<double> income_u(C), income_r(C), persons_u(C), persons_r(C), market_u(C), market_r(C);
    for (std::size_t c = 0; c < C; ++c) {
      income_u[c] = income[2 * c + 1], income_r[c] = income[2 * c];
      persons_u[c] = persons[2 * c + 1], persons_r[c] = persons[2 * c];
      market_u[c] = market[2 * c + 1], market_r[c] = market[2 * c];
    }
    // County GDP as the recorder measures it (metrics/county_gdp.h), annualised.
    auto gdp = county_value_added(params_, w);
    for (auto& g : gdp) g *= 12;
    double gdp_sum = 0, gdp_target_sum = 0;
    // Wage levels first (the demand lever below reads the county price levels they set).
    for (std::size_t c = 0; c < C; ++c) {
      const double u_now = w.county_unemployment[c];
      const double u_prev = m > -B ? calibration_.at(B + m - 1, c, 0) : u_now;
      w.counties[c].wage_level *= std::exp(-kWageGain * (u_now - kCalibrationUnemployment) - kWageDamping * (u_now - u_prev));
    }
    // Each county's demand weight per unit of demand_weight at the new wage levels and the
    // firms alive now (sum of appeal x (price / county price level)^-elasticity), the part of
    // it that this month's entrants hold, firms' value added (the part of county GDP that the
    // demand weight moves) and the value added of the demand firms could not serve. One pass
    // over firms.
    // (The weights, a power each, in parallel; the sums in firm order.)
    std::vector<double> basis(C, 0.0), entrants(C, 0.0), firm_value_added(C, 0.0), unserved(C, 0.0);
    std::vector<double> weights(w.firms.size(), 0.0);
    for_each_index(w.firms.size(), [&](std::size_t k) {
      if (w.firms.alive[k]) weights[k] = demand_weight(params_, w, k) / w.counties[w.firms.county[k]].demand_weight;
    }, kCalibrationFirmGrain);
    for (std::size_t k = 0; k < w.firms.size(); ++k) {
      if (!w.firms.alive[k]) continue;
      const int c = w.firms.county[k];
      const double weight = weights[k];
      basis[c] += weight;
      if (w.firms.birth_month[k] == m) entrants[c] += weight;
      firm_value_added[c] += 12 * (1 - e.intermediate_share) * w.firms.sales[k];
      unserved[c] += 12 * (1 - e.intermediate_share) * std::max(0.0, w.firms.demand[k] - w.firms.sales[k]);
    }
    auto& basis_prev = calibration_.weight_basis;
    if (basis_prev.size() != C) basis_prev.assign(C, 0.0);
    for (std::size_t c = 0; c < C; ++c) {
      const auto& in = params_.counties[c];
      auto& county = w.counties[c];
      const double gdp_target = in.gdp * params_.scale * scale_now;
      const double u_now = w.county_unemployment[c];
      // The integral acts on the county's effective weight (demand_weight x basis): what the
      // basis moved since the weight was last set (the wage lever's step, prices, appeal,
      // entry and exit) is undone, so it does not pile up into a steady GDP gap. The gain
      // is per unit of the GDP share that answers demand (firms' value added).
      // Above its target, a county whose firms could not serve all their demand is steered
      // on the GDP that demand would make (sales plus the unserved part): cutting demand
      // that was never served changes nothing, and the lever would wind up for months
      // (Jindong seed 23: GDP 4-12 % above target over the last 15 burn-in months while its
      // firms' demand ran up to 21 % over their sales; docs/calibration.md section 00e).
      // Below its target the lever stays on GDP, so that a county short of workers is not
      // sent ever more demand.
      const double steered = gdp[c] > gdp_target ? gdp[c] + unserved[c] : gdp[c];
      const double responsive = std::clamp(firm_value_added[c] / gdp[c], kMinResponsiveShare, 1.0);
      county.demand_weight *= std::pow(gdp_target / steered, kDemandGain / responsive);
      // This month's entrants are left out of the weight that is undone: an entrant starts
      // with a few workers but its full appeal, so its demand goes mostly unserved (and
      // leaves the county: consumption.cpp); undoing its weight took that share from the
      // county's incumbents at once (seed 2568590093355073523, replicate 4 of the baseline:
      // an entrant with about a quarter of Pan'an's weight cut demand_weight 27 % at the end
      // of month -4 and Pan'an's GDP 22 % in month -3). From its second month on it counts
      // like every other firm: its later moves (price, appeal) are undone.
      const double basis_incumbents = basis[c] - entrants[c];
      if (basis_prev[c] > 0 && basis_incumbents > 0) county.demand_weight *= basis_prev[c] / basis_incumbents;
      basis_prev[c] = basis[c];
      gdp_sum += gdp[c];
      gdp_target_sum += gdp_target;
      double gap_u = 0, gap_r = 0;
      const double persons = persons_u[c] + persons_r[c];
      if (persons_u[c] > 0 && persons_r[c] > 0) {
        const double u = persons_u[c] / persons;
        const double rural_target = in.income_per_capita * scale_now / (u * in.urban_rural_ratio + 1 - u);
        const double urban_target = in.urban_rural_ratio * rural_target;
        const double y_u = income_u[c] / persons_u[c], y_r = income_r[c] / persons_r[c];
        gap_u = y_u / urban_target - 1;
        gap_r = y_r / rural_target - 1;
        // The rate closes half of the gap in income per head each month.
        if (market_u[c] > 0)
          county.external_income_urban = std::max(
              kMinOutsideRate, county.external_income_urban + kRateGain * (urban_target - y_u) * persons_u[c] / market_u[c]);
        if (market_r[c] > 0)
          county.external_income_rural = std::max(
              kMinOutsideRate, county.external_income_rural + kRateGain * (rural_target - y_r) * persons_r[c] / market_r[c]);
      }
      calibration_.values.insert(calibration_.values.end(),
                                 {u_now, gap_u, gap_r, gdp[c] / gdp_target - 1, county.external_income_urban,
                                  county.external_income_rural});
    }
    w.export_demand *= std::pow(gdp_target_sum / gdp_sum, kExportDemandGain);
    w.month_index = m + 1;
    w.date = params_.start.plus(m + 1);
  }
  if (w.month_index == 0) end_burn_in();
}

void Simulation::end_burn_in() {
  auto& w = world_;
  const std::size_t C = w.counties.size();
  const int B = params_.economy.burn_in_months;
  // Convergence: every county's mean over the last months within the bands.
  calibration_.converged = B >= kConvergenceMonths;
  if (!calibration_.converged) calibration_.first_failure = "(burn-in shorter than 6 months)";
  for (std::size_t c = 0; c < C && calibration_.converged; ++c) {
    double mean[CalibrationLog::kVariables] = {};
    for (int m = B - kConvergenceMonths; m < B; ++m)
      for (int k = 0; k < CalibrationLog::kVariables; ++k) mean[k] += calibration_.at(m, c, k) / kConvergenceMonths;
    if (mean[0] < kUnemploymentLow || mean[0] > kUnemploymentHigh || std::abs(mean[1]) > kIncomeTolerance ||
        std::abs(mean[2]) > kIncomeTolerance || std::abs(mean[3]) > kGdpTolerance) {
      calibration_.converged = false;
      calibration_.first_failure = w.counties[c].name;
    }
  }
  // Wage growth then responds to each county's unemployment against the same rate.
  w.unemployment_reference.assign(C, kCalibrationUnemployment);
  w.month_index = 0;
  w.date = params_.start;
  // The recorded run starts from clean calendar-year accumulators.
  std::fill(w.households.disposable_ytd.begin(), w.households.disposable_ytd.end(), 0.0);
  for (auto* v : {&w.villages.operating_ytd, &w.villages.total_ytd, &w.villages.dividends_ytd})
    std::fill(v->begin(), v->end(), 0.0);
  w.mean_wage_ytd_sum = w.mean_wage_ytd_count = 0;
  calibrated_ = true;
}

RunRecord Simulation::finish() {
  RunRecord r = recorder_.finish(world_);
  // The burn-in's convergence record: /calibration (burn_in_month x county), attributes.
  auto& g = r.group("/calibration");
  const int B = calibration_.months, C = calibration_.counties;
  Axis months{"burn_in_month", "1", "month before start (-1 = the month before the first recorded one)", {}, {}, false, ""};
  for (int m = -B; m < 0; ++m) months.values.push_back(m);
  Axis county{"county", "1", "county index", {}, {}, false, ""};
  for (int c = 0; c < C; ++c) {
    county.values.push_back(c);
    county.labels.push_back(world_.counties[c].name);
  }
  g.axes.push_back(months);
  g.axes.push_back(county);
  static const char* kNames[CalibrationLog::kVariables][3] = {
      {"unemployment_rate", "1", "county unemployment rate (target 0.03)"},
      {"income_urban_gap", "1", "town residents' income per head / target - 1"},
      {"income_rural_gap", "1", "village residents' income per head / target - 1"},
      {"gdp_gap", "1", "county GDP / target - 1"},
      {"outside_rate_urban", "1", "outside-income rate of local town households (share of market income)"},
      {"outside_rate_rural", "1", "outside-income rate of village-born households (share of market income)"}};
  for (int k = 0; k < CalibrationLog::kVariables; ++k) {
    Variable v{kNames[k][0], kNames[k][1], kNames[k][2], {"burn_in_month", "county"}, {}};
    for (int m = 0; m < B; ++m)
      for (int c = 0; c < C; ++c) v.data.push_back(calibration_.at(m, c, k));
    g.variables.push_back(std::move(v));
  }
  g.attributes["converged"] = calibration_.converged ? "1" : "0";
  g.attributes["criteria"] =
      "every county, mean of the last 6 burn-in months: unemployment 1-6 %, urban and rural income and GDP within 5 % "
      "of their targets";
  r.attributes["burn_in_converged"] = calibration_.converged ? "1" : "0";
  if (!calibration_.converged) r.attributes["burn_in_first_failure"] = calibration_.first_failure;
  return r;
}

}  // namespace prosim
