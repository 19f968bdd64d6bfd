#include "metrics/recorder.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/parallel.h"
#include "core/rng.h"
#include "metrics/inequality.h"

namespace prosim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kHistogramBins = 50;          // per-capita income bins of 10k yuan/yr
constexpr double kHistogramWidth = 10000.0;  // the last bin is open-ended
// Upper edge of the near-poor band (低保边缘), in multiples of the dibao standard: the Ministry
// of Civil Affairs' 2021 measures for identifying near-poor households set it at up to 1.5x
// the local standard; that Jinhua uses the full 1.5 is an assumption.
constexpr double kNearPoorMultiple = 1.5;
constexpr int kFirmSizeBins = 16;            // employees in [2^b, 2^(b+1)), b = 0..15

double ratio(double a, double b) { return b != 0 ? a / b : kNaN; }

std::size_t index_of(const std::vector<IndicatorDef>& defs, const char* name) {
  for (std::size_t i = 0; i < defs.size(); ++i)
    if (std::string(defs[i].name) == name) return i;
  return defs.size();
}

}  // namespace

Recorder::Recorder(const Params& params, const World& world)
    : params_(params),
      region_(region_indicators().size()),
      county_(county_indicators().size()),
      village_(village_indicators().size()),
      deciles_(3),
      histogram_(3),
      annual_(annual_indicators().size()) {
  init_household_sample(world);  // metrics/household_sample.cpp
}

void Recorder::record_month(const World& w) {
  const auto& hh = w.households;
  const auto& ps = w.persons;
  const auto& f = w.firms;
  const auto& e = params_.economy;
  const std::size_t H = hh.size_(), C = w.counties.size();
  months_.push_back(w.date);
  auto put = [&](const char* name, double v) { region_[index_of(region_indicators(), name)].push_back(v); };

  // Per-capita incomes (annualised) and groups: one parallel pass over households that
  // fills the per-household arrays and reduces every sum (fixed split: same bits at any
  // thread count).
  obs_.resize(H);
  urban_.resize(H);
  auto& obs = obs_;
  auto& urban = urban_;
  const auto& bands = params_.output.middle_income_bands;
  struct HouseholdSums {
    double persons = 0, income = 0, urban_persons = 0, urban_income = 0, mid_a = 0, mid_b = 0, low = 0, poor = 0,
           gap = 0, dibao_persons = 0, wages = 0, disposable = 0, business = 0, property = 0, transfers = 0;
    std::vector<double> c_persons, c_income, c_urban_p, c_urban_i, c_gdp;
    // Poverty by county, [0..4] = poor and gap before dibao, poor and gap after, near-poor
    // (the region's totals are their sums).
    std::vector<std::array<double, 5>> c_pov;
  } zero;
  for (auto* v : {&zero.c_persons, &zero.c_income, &zero.c_urban_p, &zero.c_urban_i, &zero.c_gdp}) v->assign(C, 0.0);
  zero.c_pov.assign(C, {0, 0, 0, 0, 0});
  const auto sums = deterministic_reduce(
      H, zero,
      [&](std::size_t h, HouseholdSums& a) {
        const double annual = 12 * hh.disposable[h];
        const double n = hh.size[h];
        const int c = hh.county[h];
        obs[h] = {annual / n, n};
        urban[h] = w.settlements.is_urban(hh.settlement[h]) ? 1 : 0;
        a.persons += n;
        a.income += annual;
        a.c_persons[c] += n;
        a.c_income[c] += annual;
        if (urban[h]) {
          a.urban_persons += n;
          a.urban_income += annual;
          a.c_urban_p[c] += n;
          a.c_urban_i[c] += annual;
        }
        if (bands.size() > 0 && annual >= bands[0].first && annual < bands[0].second) a.mid_a += 1;
        if (bands.size() > 1 && annual >= bands[1].first && annual < bands[1].second) a.mid_b += 1;
        if (annual < params_.output.low_income_threshold) a.low += 1;
        // Poverty against the county's dibao standard, before dibao (and its near-poor top-up)
        // and after it (all transfers counted), and the near-poor band above the standard.
        const double before_dibao = hh.disposable[h] - hh.income[kDibao][h], after = hh.disposable[h];
        const double standard = w.counties[c].dibao_standard * n;
        auto& pov = a.c_pov[c];
        if (before_dibao < standard) {
          a.poor += n;
          a.gap += 12 * (standard - before_dibao);
          pov[0] += n;
          pov[1] += 12 * (standard - before_dibao);
        }
        if (after < standard) {
          pov[2] += n;
          pov[3] += 12 * (standard - after);
        } else if (after < kNearPoorMultiple * standard) {
          pov[4] += n;
        }
        if (hh.dibao[h]) a.dibao_persons += n;
        a.wages += hh.income[kWages][h];
        a.business += hh.income[kSelfEmployment][h] + hh.income[kFarm][h] + hh.income[kProfits][h];
        a.property += hh.income[kProperty][h];
        a.transfers += hh.income[kPensions][h] + hh.income[kDibao][h] + hh.income[kOtherTransfers][h];
        a.disposable += hh.disposable[h];
        a.c_gdp[c] += hh.income[kFarm][h] + hh.income[kSelfEmployment][h];
      },
      [](HouseholdSums& a, const HouseholdSums& b) {
        for (auto [x, y] : {std::pair{&a.persons, &b.persons}, {&a.income, &b.income}, {&a.urban_persons, &b.urban_persons},
                            {&a.urban_income, &b.urban_income}, {&a.mid_a, &b.mid_a}, {&a.mid_b, &b.mid_b}, {&a.low, &b.low},
                            {&a.poor, &b.poor}, {&a.gap, &b.gap}, {&a.dibao_persons, &b.dibao_persons}, {&a.wages, &b.wages},
                            {&a.disposable, &b.disposable}, {&a.business, &b.business}, {&a.property, &b.property},
                            {&a.transfers, &b.transfers}})
          *x += *y;
        for (std::size_t c = 0; c < a.c_persons.size(); ++c) {
          a.c_persons[c] += b.c_persons[c];
          a.c_income[c] += b.c_income[c];
          a.c_urban_p[c] += b.c_urban_p[c];
          a.c_urban_i[c] += b.c_urban_i[c];
          a.c_gdp[c] += b.c_gdp[c];
          for (int k = 0; k < 5; ++k) a.c_pov[c][k] += b.c_pov[c][k];
        }
      });
  const double persons = sums.persons, income = sums.income, urban_persons = sums.urban_persons,
               urban_income = sums.urban_income, mid_a = sums.mid_a, mid_b = sums.mid_b, low = sums.low, poor = sums.poor,
               gap = sums.gap, dibao_persons = sums.dibao_persons, wages = sums.wages, disposable = sums.disposable,
               business = sums.business, property = sums.property, transfers = sums.transfers;
  const auto &c_persons = sums.c_persons, &c_income = sums.c_income, &c_urban_p = sums.c_urban_p,
             &c_urban_i = sums.c_urban_i;
  const double rural_persons = persons - urban_persons, rural_income = income - urban_income;
  put("population", persons * w.weight);
  put("income_per_capita", income / persons);
  put("income_per_capita_urban", ratio(urban_income, urban_persons));
  put("income_per_capita_rural", ratio(rural_income, rural_persons));
  put("urban_rural_ratio", ratio(ratio(urban_income, urban_persons), ratio(rural_income, rural_persons)));
  put("theil", theil(obs));
  put("theil_between_urban_rural", theil_between(obs, urban, 2));
  put("theil_between_counties", theil_between(obs, hh.county, static_cast<int>(C)));  // int32_t is int
  auto& sorted = sorted_;
  sorted = obs;
  put("gini", gini(sorted));  // sorts
  put("p90_p10", ratio(quantile_sorted(sorted, 0.9), quantile_sorted(sorted, 0.1)));
  put("quintile_share_top", share_between_sorted(sorted, 0.8, 1.0));
  put("quintile_share_bottom", share_between_sorted(sorted, 0.0, 0.2));
  put("middle_income_share_100k_500k", mid_a / H);
  put("middle_income_share_200k_600k", mid_b / H);
  put("low_income_share_50k", low / H);
  put("poverty_headcount", poor / persons);
  put("poverty_gap", ratio(gap, poor));
  std::array<double, 5> pov{};
  for (const auto& cp : sums.c_pov)
    for (int k = 0; k < 5; ++k) pov[k] += cp[k];
  put("poverty_headcount_after_transfers", pov[2] / persons);
  put("poverty_gap_after_transfers", ratio(pov[3], pov[2]));
  put("near_poor_share", pov[4] / persons);
  put("dibao_recipients", dibao_persons * w.weight);
  put("dibao_spending", w.dibao_spending * w.weight);

  // Panel of the initially low-income households: fixed in the first December.
  double panel_growth = kNaN;
  if (w.date.month == 12) {
    if (panel_base_.empty()) {
      panel_base_.assign(H, kNaN);
      double sum = 0, n = 0;
      for (std::size_t h = 0; h < H; ++h)
        if (hh.disposable_last_year[h] < params_.output.low_income_threshold) {
          panel_base_[h] = hh.disposable_last_year[h];
          sum += hh.disposable_last_year[h];
          n += hh.size[h];
        }
      panel_base_mean_ = ratio(sum, n);
    } else {
      double sum = 0, n = 0;
      for (std::size_t h = 0; h < H; ++h)
        if (!std::isnan(panel_base_[h])) {
          sum += hh.disposable_last_year[h];
          n += hh.size[h];
        }
      const double mean = ratio(sum, n);
      panel_growth = 100.0 * (mean / panel_base_mean_ - 1.0);
      panel_base_mean_ = mean;
    }
  }
  put("low_income_income_growth", panel_growth);

  // Production, employment and wages.
  double gdp = 0, labour_cost = 0;
  std::vector<double> c_gdp = sums.c_gdp;  // farm and own-account value added, by county
  for (std::size_t k = 0; k < f.size(); ++k) {
    if (!f.alive[k]) continue;
    const double va = (1 - e.intermediate_share) * f.sales[k];
    c_gdp[f.county[k]] += va;
    labour_cost += f.labour_cost[k];
  }
  for (std::size_t v = 0; v < w.villages.size(); ++v) c_gdp[w.villages.county[v]] += w.villages.operating_income[v];
  for (double g : c_gdp) gdp += g;
  put("gdp", 12 * gdp * w.weight);
  put("gdp_per_capita", 12 * gdp / persons);
  put("labour_share", ratio(labour_cost, gdp));
  put("wage_share_of_income", ratio(wages, disposable));
  put("business_share_of_income", ratio(business, disposable));
  put("property_share_of_income", ratio(property, disposable));
  put("transfer_share_of_income", ratio(transfers, disposable));

  struct PersonSums {
    double employed = 0, working = 0, unemployed = 0, reg_lf = 0, reg_unemployed = 0, near_min = 0, wage_sum = 0,
           migrants = 0;
    std::vector<double> c_lf, c_unemp;
  } pzero;
  pzero.c_lf.assign(C, 0.0);
  pzero.c_unemp.assign(C, 0.0);
  const auto psums = deterministic_reduce(
      ps.size(), pzero,
      [&](std::size_t i, PersonSums& a) {
        const auto st = ps.status[i];
        a.migrants += st == LabourStatus::Migrant;
        if (!in_labour_force(st)) return;
        const auto h = ps.household[i];
        const int c = hh.county[h];
        a.c_lf[c] += 1;
        const bool registered = urban[h] && ps.urban_hukou[i];
        a.reg_lf += registered;
        if (st == LabourStatus::Unemployed) {
          a.unemployed += 1;
          a.c_unemp[c] += 1;
          a.reg_unemployed += registered;
        } else {
          a.working += 1;
        }
        if (st == LabourStatus::Employed) {
          a.employed += 1;
          a.wage_sum += ps.wage[i];
          const double mw = w.counties[f.county[ps.employer[i]]].min_wage;
          if (mw > 0 && ps.wage[i] <= 1.05 * mw) a.near_min += 1;
        }
      },
      [](PersonSums& a, const PersonSums& b) {
        for (auto [x, y] : {std::pair{&a.employed, &b.employed}, {&a.working, &b.working}, {&a.unemployed, &b.unemployed},
                            {&a.reg_lf, &b.reg_lf}, {&a.reg_unemployed, &b.reg_unemployed}, {&a.near_min, &b.near_min},
                            {&a.wage_sum, &b.wage_sum}, {&a.migrants, &b.migrants}})
          *x += *y;
        for (std::size_t c = 0; c < a.c_lf.size(); ++c) {
          a.c_lf[c] += b.c_lf[c];
          a.c_unemp[c] += b.c_unemp[c];
        }
      });
  const double employed = psums.employed, working = psums.working, unemployed = psums.unemployed,
               reg_lf = psums.reg_lf, reg_unemployed = psums.reg_unemployed, near_min = psums.near_min;
  const auto &c_lf = psums.c_lf, &c_unemp = psums.c_unemp;
  // The median wage: employed persons' wages gathered in id order, then nth_element.
  auto& wage_list = wage_list_;
  collect_if(ps.size(), [&](std::size_t i) { return ps.status[i] == LabourStatus::Employed; }, employed_ids_);
  wage_list.resize(employed_ids_.size());
  for_each_index(employed_ids_.size(), [&](std::size_t j) { wage_list[j] = ps.wage[employed_ids_[j]]; });
  double vacancies = 0, firms_alive = 0;
  for (std::size_t k = 0; k < f.size(); ++k)
    if (f.alive[k]) {
      vacancies += f.vacancies[k];
      firms_alive += 1;
    }
  const double wage_sum = psums.wage_sum;
  if (!wage_list.empty()) std::nth_element(wage_list.begin(), wage_list.begin() + wage_list.size() / 2, wage_list.end());
  put("employment", working * w.weight);
  put("unemployment_rate", ratio(unemployed, working + unemployed));
  put("registered_unemployment_rate", ratio(reg_unemployed, reg_lf));
  put("vacancies", vacancies * w.weight);
  put("mean_wage", ratio(wage_sum, employed));
  put("median_wage", wage_list.empty() ? kNaN : wage_list[wage_list.size() / 2]);
  put("min_wage_workers_share", ratio(near_min, employed));
  put("firms", firms_alive * w.weight);
  put("firm_entries", w.firm_entries * w.weight);
  put("firm_exits", w.firm_exits * w.weight);
  put("firm_exits_low_productivity", w.firm_exits_low_productivity * w.weight);
  put("urbanisation_rate", urban_persons / persons);
  put("migrants", psums.migrants * w.weight);
  put("remittances", w.row.remittances * w.weight);
  put("external_income", w.row.external_income * w.weight);

  // Village collectives (annualised month).
  const auto& vl = w.villages;
  double above = 0, strong = 0, weak = 0, dividends = 0, members = 0;
  std::vector<double> c_weak(C, 0);
  for (std::size_t v = 0; v < vl.size(); ++v) {
    const double operating = 12 * vl.operating_income[v] * w.weight;
    const double total = 12 * (vl.operating_income[v] + vl.subsidy_income[v]) * w.weight;
    const bool ok = total >= params_.output.village_total_threshold &&
                    operating >= params_.output.village_operating_threshold;
    above += ok;
    weak += !ok;
    c_weak[vl.county[v]] += !ok;
    strong += operating >= params_.output.village_strong_threshold;
    dividends += 12 * vl.dividends[v];
    members += vl.registered_members[v];
  }
  put("village_income_threshold_share", above / vl.size());
  put("village_operating_500k_share", strong / vl.size());
  put("weak_villages", weak);
  put("village_dividends_per_member", ratio(dividends, members));
  const auto& pol = w.policy;
  put("enclave_projects", pol.enclave_projects);
  put("enclave_returns", pol.enclave_returns * w.weight);
  put("enclave_investment", pol.enclave_investment * w.weight);
  put("enclave_grants", pol.enclave_grants * w.weight);
  put("enclave_guarantees", pol.enclave_guarantees * w.weight);
  put("relocated_households", pol.relocated_households * w.weight);
  put("relocation_spending", pol.relocation_spending * w.weight);
  put("relocation_cost_per_household", ratio(pol.relocation_spending, pol.relocated_households));
  put("trainees", pol.trainees * w.weight);
  put("training_spending", pol.training_spending * w.weight);
  put("fiscal_cost_total", w.programme_spending * w.weight);

  // Counties.
  double gdp_max = 0, gdp_min = 1e300, inc_max = 0, inc_min = 1e300;
  for (std::size_t c = 0; c < C; ++c) {
    const double inc = ratio(c_income[c], c_persons[c]);
    const double gpc = ratio(12 * c_gdp[c], c_persons[c]);
    const double rural_p = c_persons[c] - c_urban_p[c];
    const double values[] = {
        c_persons[c] * w.weight,
        inc,
        gpc,
        ratio(ratio(c_urban_i[c], c_urban_p[c]), ratio(c_income[c] - c_urban_i[c], rural_p)),
        ratio(c_unemp[c], c_lf[c]),
        ratio(c_urban_p[c], c_persons[c]),
        c_weak[c],
        w.counties[c].min_wage,
        w.counties[c].dibao_standard,
        ratio(sums.c_pov[c][0], c_persons[c]),
        ratio(sums.c_pov[c][1], sums.c_pov[c][0]),
        ratio(sums.c_pov[c][2], c_persons[c]),
        ratio(sums.c_pov[c][3], sums.c_pov[c][2]),
        ratio(sums.c_pov[c][4], c_persons[c]),
    };
    for (std::size_t k = 0; k < county_.size(); ++k) county_[k].push_back(values[k]);
    gdp_max = std::max(gdp_max, gpc);
    gdp_min = std::min(gdp_min, gpc);
    inc_max = std::max(inc_max, inc);
    inc_min = std::min(inc_min, inc);
  }
  put("county_gdp_per_capita_max_min_ratio", ratio(gdp_max, gdp_min));
  put("county_income_per_capita_max_min_ratio", ratio(inc_max, inc_min));

  // Snapshots.
  const auto& dates = params_.output.distribution_dates;
  const bool snapshot = dates.empty() ? w.date.month == 12 : std::find(dates.begin(), dates.end(), w.date) != dates.end();
  const auto& sdates = params_.output.household_sample_dates.empty() ? dates : params_.output.household_sample_dates;
  const bool sample_now = sdates.empty() ? w.date.month == 12 : std::find(sdates.begin(), sdates.end(), w.date) != sdates.end();
  if (!sample_.empty() && sample_now) record_household_sample(w);
  if (snapshot) {
    std::vector<double> pc(H);
    for (std::size_t h = 0; h < H; ++h) pc[h] = obs[h].value;
    record_distribution(w, pc);
  }
  sources_.add_month(w);
  if (w.date.month == 12) {
    record_village_year(w);
    record_calendar_year(w);
  }
}

void Recorder::record_calendar_year(const World& w) {
  const auto& hh = w.households;
  const auto& bands = params_.output.middle_income_bands;
  years_.push_back(w.date.year);
  std::vector<WeightedValue> obs;
  double persons = 0, income = 0, up = 0, ui = 0, mid_a = 0, mid_b = 0, low = 0;
  for (std::size_t h = 0; h < hh.size_(); ++h) {
    const double y = hh.disposable_last_year[h], n = hh.size[h];
    obs.push_back({y / n, n});
    persons += n;
    income += y;
    if (w.settlements.is_urban(hh.settlement[h])) {
      up += n;
      ui += y;
    }
    if (bands.size() > 0 && y >= bands[0].first && y < bands[0].second) mid_a += 1;
    if (bands.size() > 1 && y >= bands[1].first && y < bands[1].second) mid_b += 1;
    low += y < params_.output.low_income_threshold;
  }
  const auto& v = w.villages;
  double weak = 0, strong = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    weak += v.weak[i];
    strong += v.operating_last_year[i] * w.weight >= params_.output.village_strong_threshold;
  }
  const double H = static_cast<double>(hh.size_()), V = static_cast<double>(v.size());
  const double values[] = {income / persons, ratio(ui, up), ratio(income - ui, persons - up),
                           ratio(ratio(ui, up), ratio(income - ui, persons - up)), gini(obs), mid_a / H, mid_b / H,
                           low / H, weak, 1 - weak / V, strong / V};
  const auto by_source = sources_.close_year();
  std::size_t k = 0;
  for (const double v : values) annual_[k++].push_back(v);
  for (const double v : by_source) annual_[k++].push_back(v);
}

void Recorder::record_distribution(const World& w, const std::vector<double>& pc) {
  const auto& hh = w.households;
  const std::size_t C = w.counties.size();
  snapshots_.push_back(w.date);
  std::vector<double> sizes(kFirmSizeBins, 0.0);
  for (std::size_t k = 0; k < w.firms.size(); ++k) {
    if (!w.firms.alive[k] || w.firms.employees[k] <= 0) continue;
    const int b = std::min(kFirmSizeBins - 1, static_cast<int>(std::floor(std::log2(w.firms.employees[k]))));
    sizes[b] += w.weight;
  }
  firm_sizes_.insert(firm_sizes_.end(), sizes.begin(), sizes.end());
  // group 0 all, 1 urban, 2 rural, 3 + c county c
  std::vector<std::vector<WeightedValue>> groups(3 + C);
  for (std::size_t h = 0; h < hh.size_(); ++h) {
    const WeightedValue o{pc[h], static_cast<double>(hh.size[h])};
    groups[0].push_back(o);
    groups[w.settlements.is_urban(hh.settlement[h]) ? 1 : 2].push_back(o);
    groups[3 + hh.county[h]].push_back(o);
  }
  for (std::size_t g = 0; g < groups.size(); ++g) {
    auto& s = groups[g];
    sort_by_value(s);
    double W = 0;
    for (const auto& o : s) W += o.weight;
    for (int d = 0; d < 10; ++d) {
      // Mean per-capita income of persons between the d-th and (d+1)-th tenth.
      double cum = 0, held = 0;
      for (const auto& o : s) {
        const double a = std::max(cum, d * W / 10), b = std::min(cum + o.weight, (d + 1) * W / 10);
        if (b > a) held += (b - a) * o.value;
        cum += o.weight;
      }
      const double mean = W > 0 ? held / (W / 10) : kNaN;
      if (g < 3) deciles_[g].push_back(mean);
      else county_deciles_.push_back(mean);
    }
    std::vector<double> bins(kHistogramBins, 0.0);
    for (const auto& o : s) {
      const int b = std::clamp(static_cast<int>(o.value / kHistogramWidth), 0, kHistogramBins - 1);
      bins[b] += o.weight / W;
    }
    auto& target = g < 3 ? histogram_[g] : county_histogram_;
    target.insert(target.end(), bins.begin(), bins.end());
  }
}

void Recorder::record_village_year(const World& w) {
  const auto& v = w.villages;
  village_years_.push_back(w.date.year);
  for (std::size_t i = 0; i < v.size(); ++i) {
    const double values[] = {
        v.members[i] * w.weight,
        v.operating_last_year[i] * w.weight,
        v.total_last_year[i] * w.weight,
        v.cash[i] * w.weight,
        v.dividends_last_year[i] * w.weight,
        v.enclave_shares[i] * w.weight,
        static_cast<double>(v.weak[i]),
    };
    for (std::size_t k = 0; k < village_.size(); ++k) village_[k].push_back(values[k]);
  }
}

RunRecord Recorder::finish(const World& w) {
  RunRecord r;
  const auto start = params_.start;
  const std::string epoch = "days since " + std::to_string(start.year) + "-" + (start.month < 10 ? "0" : "") +
                            std::to_string(start.month) + "-01";
  auto time_axis = [&](const std::string& name, const std::vector<YearMonth>& months) {
    Axis a{name, epoch, "time (first day of the month)", {}, {}, true, "standard"};
    for (const auto& m : months) {
      a.values.push_back(static_cast<double>(days_between(start, m)));
      a.labels.push_back(m.str());
    }
    return a;
  };
  auto county_axis = [&]() {
    Axis a{"county", "1", "county index", {}, {}, false, ""};
    for (std::size_t c = 0; c < w.counties.size(); ++c) {
      a.values.push_back(static_cast<double>(c));
      a.labels.push_back(w.counties[c].name);
    }
    return a;
  };

  auto& root = r.group("/");
  root.axes.push_back(time_axis("time", months_));
  root.strings.push_back({"month", "calendar month (YYYY-MM)", "time", root.axes.back().labels});
  root.axes.back().labels.clear();
  for (std::size_t k = 0; k < region_.size(); ++k) {
    const auto& d = region_indicators()[k];
    root.variables.push_back({d.name, d.units, d.long_name, {"time"}, std::move(region_[k])});
  }

  auto& cg = r.group("/county");
  cg.axes.push_back(time_axis("time", months_));
  cg.axes.back().labels.clear();
  cg.axes.push_back(county_axis());
  for (std::size_t k = 0; k < county_.size(); ++k) {
    const auto& d = county_indicators()[k];
    cg.variables.push_back({d.name, d.units, d.long_name, {"time", "county"}, std::move(county_[k])});
  }

  auto& ag = r.group("/annual");
  Axis calendar_years{"year", "year", "calendar year", {}, {}, false, ""};
  for (int y : years_) calendar_years.values.push_back(y);
  ag.axes.push_back(calendar_years);
  for (std::size_t k = 0; k < annual_.size(); ++k) {
    const auto& d = annual_indicators()[k];
    ag.variables.push_back({d.name, d.units, d.long_name, {"year"}, std::move(annual_[k])});
  }

  auto& vg = r.group("/village");
  Axis years{"year", "year", "calendar year", {}, {}, false, ""};
  for (int y : village_years_) years.values.push_back(y);
  vg.axes.push_back(years);
  Axis villages{"village", "1", "village index", {}, {}, false, ""};
  std::vector<double> v_county, v_terrain;
  for (std::size_t i = 0; i < w.villages.size(); ++i) {
    villages.values.push_back(static_cast<double>(i));
    char label[96];
    std::snprintf(label, sizeof label, "%s-%04zu", w.counties[w.villages.county[i]].name.c_str(), i);
    villages.labels.push_back(label);
    v_county.push_back(w.villages.county[i]);
    v_terrain.push_back(static_cast<double>(w.settlements.terrain[w.villages.settlement[i]]));
  }
  vg.axes.push_back(villages);
  vg.variables.push_back({"county_index", "1", "county of the village (index into /county/county)", {"village"}, v_county});
  vg.variables.push_back({"terrain", "1", "terrain class: 0 plain, 1 hill, 2 mountain", {"village"}, v_terrain});
  for (std::size_t k = 0; k < village_.size(); ++k) {
    const auto& d = village_indicators()[k];
    vg.variables.push_back({d.name, d.units, d.long_name, {"year", "village"}, std::move(village_[k])});
  }

  auto& dg = r.group("/distribution");
  dg.axes.push_back(time_axis("snapshot", snapshots_));
  dg.axes.back().unlimited = false;
  dg.axes.back().long_name = "snapshot month (first day)";
  dg.axes.back().labels.clear();
  Axis decile{"decile", "1", "tenth of persons ranked by per-capita income (1 = poorest)", {}, {}, false, ""};
  for (int d = 1; d <= 10; ++d) decile.values.push_back(d);
  dg.axes.push_back(decile);
  Axis bins{"income_bin", "yuan/yr", "lower edge of the per-capita income bin (last bin open-ended)", {}, {}, false, ""};
  for (int b = 0; b < kHistogramBins; ++b) bins.values.push_back(b * kHistogramWidth);
  dg.axes.push_back(bins);
  dg.axes.push_back(county_axis());
  const char* names[3] = {"all", "urban", "rural"};
  for (int g = 0; g < 3; ++g) {
    dg.variables.push_back({std::string("decile_mean_") + names[g], "yuan/yr",
                            std::string("mean per-capita disposable income by decile, ") + names[g] + " residents",
                            {"snapshot", "decile"}, std::move(deciles_[g])});
    dg.variables.push_back({std::string("histogram_") + names[g], "1",
                            std::string("share of persons by per-capita income bin, ") + names[g] + " residents",
                            {"snapshot", "income_bin"}, std::move(histogram_[g])});
  }
  dg.variables.push_back({"decile_mean_county", "yuan/yr", "mean per-capita disposable income by decile and county",
                          {"snapshot", "county", "decile"}, std::move(county_deciles_)});
  dg.variables.push_back({"histogram_county", "1", "share of persons by per-capita income bin, by county",
                          {"snapshot", "county", "income_bin"}, std::move(county_histogram_)});
  Axis size_bins{"firm_size_bin", "employees", "lower edge of the firm-size bin [2^b, 2^(b+1)) employees", {}, {}, false, ""};
  for (int b = 0; b < kFirmSizeBins; ++b) size_bins.values.push_back(std::ldexp(1.0, b));
  dg.axes.push_back(size_bins);
  dg.variables.push_back({"firm_size_count", "count", "firms by number of employees (real units)",
                          {"snapshot", "firm_size_bin"}, std::move(firm_sizes_)});

  finish_household_sample(r, time_axis("sample_date", sample_dates_));
  return r;
}

}  // namespace prosim
