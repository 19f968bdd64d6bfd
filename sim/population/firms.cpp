// Firms and the initial matching of workers to jobs.
//
// Firm heterogeneity has two parts: productivity (lognormal, sigma =
// productivity_sigma) sets wages (rent sharing) and prices; "appeal" (Pareto with tail
// firm_size_pareto_alpha ~ 1, Axtell 2001) stands for everything else that makes a
// firm big (brand, customers, capacity). Demand shares are appeal x price^-elasticity,
// so sizes are Zipf-like and low-productivity firms are the ones a cost shock hurts.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "population/world_builder.h"
#include "core/parallel.h"
#include "core/rng.h"
#include "model/constants.h"
#include "model/firm_rules.h"
#include "model/travel.h"

namespace prosim {

// A county's capital share (County::capital_share, model.md 4.7): the share of its firms'
// value added (after production tax) that is the return to capital owned outside the
// region. Without it, value added per worker is the county's wage times one markup
// everywhere, so a county whose GDP per head is far above its residents' income (Pan'an
// 74.8k against 34.6k, Lanxi 78.8k against 38.3k: hydropower, cement and other
// capital-intensive plants of outside owners) cannot make its GDP with its own labour force,
// and its firms hire every job seeker. The region's own ratio of GDP to residents' income,
// R = sum GDP / sum(income x population) over the scenario's counties, is what the model's
// labour, local profits and the calibrated outside income reproduce; GDP beyond R times
// the county's income is taken as the return to outside-owned capital:
// kappa_c = max(0, 1 - R / R_c), R_c = GDP_c / (income_c x population_c), from the
// county inputs (jinhua_counties.md A2: GDP [S4][S1], income [S3]). That the whole excess
// is owned outside the region is an assumption.
// The reference R is the region's own ratio unless the scenario gives one
// (capital_share_reference_ratio): the province's own ratio, 1.83, is far above what the
// model's households earn from production, so with it the cities' firms needed more workers
// than they had (unemployment 0.3-1.9 % at the end of the burn-in, 2 % of jobs vacant)
// and the burn-in did not converge; with Jinhua's 1.346 it does (calibration.md 00d).
double outside_capital_share(const Params& p, std::size_t c) {
  double gdp = 0, income = 0;
  for (const auto& in : p.counties) {
    gdp += in.gdp;
    income += in.income_per_capita * in.population;
  }
  const double reference = p.economy.capital_share_reference_ratio > 0 ? p.economy.capital_share_reference_ratio : gdp / income;
  const auto& in = p.counties[c];
  const double ratio = in.gdp / (in.income_per_capita * in.population);
  return std::max(0.0, 1 - reference / ratio);
}

void build_firms(const Params& p, World& w) {
  const auto& e = p.economy;
  auto& f = w.firms;
  auto& ps = w.persons;
  auto& hh = w.households;

  // Households by county, urban first, for drawing owners.
  std::vector<std::vector<std::int32_t>> urban_hh(w.counties.size()), all_hh(w.counties.size());
  for (std::size_t h = 0; h < hh.size_(); ++h) {
    all_hh[hh.county[h]].push_back(static_cast<std::int32_t>(h));
    if (w.settlements.is_urban(hh.settlement[h])) urban_hh[hh.county[h]].push_back(static_cast<std::int32_t>(h));
  }

  for (std::size_t c = 0; c < p.counties.size(); ++c) {
    const auto& in = p.counties[c];
    const int n = std::max(3, static_cast<int>(std::lround(e.firms_per_1000_persons * in.population * p.scale / 1000.0)));
    auto& county = w.counties[c];
    county.demand_weight = in.gdp / in.population;  // refined during the calibration burn-in
    for (int k = 0; k < n; ++k) {
      const auto id = f.add();
      RandomStream rng(p.seed, Purpose::BuildFirm, 0, id);
      init_firm(p, w, id, static_cast<int>(c), rng, /*entrant=*/false);
      const auto& owners = rng.uniform() < kOwnerUrbanShare && !urban_hh[c].empty() ? urban_hh[c] : all_hh[c];
      f.owner[id] = owners[rng.below(owners.size())];
    }
  }

  // The job seekers (the unemployed the persons' build left), in id order.
  std::vector<std::int32_t> seekers_list;
  collect_if(ps.size(), [&](std::size_t i) { return ps.status[i] == LabourStatus::Unemployed; }, seekers_list);

  // Initial wage level per county: wages are a share of disposable income (kInitialWageShare).
  // The counts in parallel (sums of ones, exact in any order); the seekers' skills in id
  // order (their bits).
  const std::vector<double> residents = deterministic_group_sum(ps.size(), w.counties.size(), [&](std::size_t i) {
    return std::pair{ps.status[i] == LabourStatus::Vacant ? -1 : hh.county[ps.household[i]], 1.0};
  });
  std::vector<double> seekers_skill(w.counties.size(), 0.0), seekers(w.counties.size(), 0.0);
  for (const auto i : seekers_list) {
    const int c = hh.county[ps.household[i]];
    seekers[c] += 1;
    seekers_skill[c] += ps.skill[i];
  }
  for (std::size_t c = 0; c < w.counties.size(); ++c) {
    const double y = p.counties[c].income_per_capita;
    w.counties[c].wage_level = kInitialWageShare * y * residents[c] / (12.0 * std::max(1.0, seekers_skill[c]));
  }
  if (e.outside_owned_capital)
    for (std::size_t c = 0; c < w.counties.size(); ++c) w.counties[c].capital_share = outside_capital_share(p, c);
  for (std::size_t id = 0; id < f.size(); ++id) price_new_firm(p, w, id);

  // Capacity of each firm (persons): its county's seekers shared by demand weight.
  std::vector<double> weight(f.size()), county_weight(w.counties.size(), 0.0);
  for (std::size_t id = 0; id < f.size(); ++id) {
    weight[id] = demand_weight(p, w, id);
    county_weight[f.county[id]] += weight[id];
  }
  std::vector<std::int32_t> capacity(f.size());
  for (std::size_t id = 0; id < f.size(); ++id)
    capacity[id] = static_cast<std::int32_t>(
        std::ceil(kInitialCapacitySlack * kInitialCapacityFill * seekers[f.county[id]] * weight[id] / county_weight[f.county[id]]));

  // Slots by work settlement; each seeker tries random slots within commuting reach, a
  // settlement drawn by its capacity times the commute weight (travel.h), as in job search.
  // cap_cum[s][k]: the capacity of settlement s's first k + 1 firms (whole numbers, exact).
  std::vector<std::vector<std::int32_t>> firms_at(w.settlements.size());
  std::vector<std::vector<double>> cap_cum(w.settlements.size());
  std::vector<double> cap_at(w.settlements.size(), 0.0);
  for (std::size_t id = 0; id < f.size(); ++id) {
    firms_at[f.settlement[id]].push_back(static_cast<std::int32_t>(id));
    cap_at[f.settlement[id]] += capacity[id];
    cap_cum[f.settlement[id]].push_back(cap_at[f.settlement[id]]);
  }
  // The weights of the reachable settlements (capacity x commute weight) depend on the home
  // settlement only: computed once per home, in parallel.
  const auto& reachable = w.settlements.reachable_work;
  std::vector<std::vector<double>> reach_weight(w.settlements.size());
  std::vector<double> reach_total(w.settlements.size(), 0.0);
  for_each_index(w.settlements.size(), [&](std::size_t home) {
    const auto& reach = reachable[home];
    if (reach.empty()) return;
    std::vector<double> commute;
    reach_commute_weights(w.settlements, static_cast<std::int32_t>(home), e.commute_decay_minutes, commute);
    auto& weights = reach_weight[home];
    weights.resize(reach.size());
    double total = 0;
    for (std::size_t r = 0; r < reach.size(); ++r) total += weights[r] = cap_at[reach[r]] * commute[r];
    reach_total[home] = total;
  }, kGroupGrain);
  // One attempt's firm from a seeker's stream: a settlement by weight, then a firm by its
  // capacity (-1 where the settlement has none). The firm is the first whose capacity, taken
  // from the uniform times the settlement's capacity one firm at a time, exceeds what is left:
  // those subtractions of whole numbers are exact, so it is the first whose cumulative capacity
  // exceeds the product (a binary search instead of a walk over the county seat's firms).
  const auto draw_firm = [&](RandomStream& rng, std::int32_t home) -> std::int32_t {
    const auto& reach = reachable[home];
    const auto& weights = reach_weight[home];
    double u = rng.uniform() * reach_total[home];
    std::int32_t s = reach.back();
    for (std::size_t r = 0; r < reach.size(); ++r) {
      if (u < weights[r]) { s = reach[r]; break; }
      u -= weights[r];
    }
    const auto& list = firms_at[s];
    if (list.empty()) return -1;
    const double v = rng.uniform() * cap_at[s];
    const auto& cum = cap_cum[s];
    const auto k = static_cast<std::size_t>(std::upper_bound(cum.begin(), cum.end(), v) - cum.begin());
    return k < list.size() ? list[k] : list.back();
  };
  // Seekers take jobs in id order, each at the first of its (up to kMatchAttempts) attempts
  // whose firm still has room. The attempts' firms do not depend on the other seekers, so
  // a chunk of seekers draws its first few in parallel; the taking stays in id order. Firms only
  // fill, so a seeker whose drawn firms were all full is tried again from its first attempt
  // (those stay full), on one thread.
  constexpr int kMatchAttempts = 30;
  constexpr int kDrawnAhead = 4;  // firms drawn ahead per seeker: most take the first
  constexpr std::size_t kMatchChunk = 65536;  // seekers per chunk: bounds the drawn firms kept
  struct Drawn {
    std::int32_t firm[kDrawnAhead];
    std::uint8_t firms = 0, attempts = 0;
  };
  const auto take = [&](std::size_t i, std::int32_t firm) {
    if (f.employees[firm] >= capacity[firm]) return false;
    ps.status[i] = LabourStatus::Employed;
    ps.employer[i] = firm;
    f.employees[firm] += 1;
    f.efficiency_units[firm] += ps.skill[i];
    return true;
  };
  std::vector<Drawn> drawn;
  for (std::size_t chunk = 0; chunk < seekers_list.size(); chunk += kMatchChunk) {
    const std::size_t m = std::min(kMatchChunk, seekers_list.size() - chunk);
    drawn.assign(m, Drawn{});
    for_each_index(m, [&](std::size_t j) {
      const auto i = static_cast<std::size_t>(seekers_list[chunk + j]);
      const auto home = hh.settlement[ps.household[i]];
      if (!(reach_total[home] > 0)) return;
      RandomStream rng(p.seed, Purpose::BuildPerson, 1, i);
      auto& d = drawn[j];
      while (d.attempts < kMatchAttempts && d.firms < kDrawnAhead) {
        ++d.attempts;
        if (const auto firm = draw_firm(rng, home); firm >= 0) d.firm[d.firms++] = firm;
      }
    }, 256);
    for (std::size_t j = 0; j < m; ++j) {
      const auto i = static_cast<std::size_t>(seekers_list[chunk + j]);
      const auto& d = drawn[j];
      bool taken = false;
      for (int k = 0; k < d.firms && !taken; ++k) taken = take(i, d.firm[k]);
      if (taken || d.attempts == kMatchAttempts || d.firms < kDrawnAhead) continue;
      const auto home = hh.settlement[ps.household[i]];
      RandomStream rng(p.seed, Purpose::BuildPerson, 1, i);
      for (int attempt = 0; attempt < kMatchAttempts; ++attempt)
        if (const auto firm = draw_firm(rng, home); firm >= 0 && take(i, firm)) break;
    }
  }
  for (std::size_t id = 0; id < f.size(); ++id) {
    // Sales that keep today's staff busy; the burn-in lets demand take over.
    f.expected_sales[id] = f.sales[id] = f.demand[id] = f.efficiency_units[id] * f.price[id] * f.productivity[id];
    // Working capital: months of labour cost.
    f.cash[id] = kInitialCashMonths * f.efficiency_units[id] * f.wage_rate[id] * (1 + e.employer_contribution_rate);
  }
  // External demand (exports, and investment and other demand from outside the
  // household sector) closes the gap between firms' initial sales and what households
  // and governments will spend; the burn-in then tunes it to the counties' GDP.
  double total_sales = 0, household_spending = 0;
  for (std::size_t id = 0; id < f.size(); ++id) total_sales += f.sales[id];
  for (std::size_t h = 0; h < hh.size_(); ++h)
    household_spending += e.mpc_income * hh.disposable[h] + e.mpc_wealth * hh.savings[h];
  const double at_firms = e.local_purchase_share * (1 - e.self_employment_demand_share) * household_spending;
  const double public_spending = e.public_spending_share * e.production_tax_rate * (1 - e.intermediate_share) * total_sales;
  w.export_demand = std::max(e.export_share * total_sales, total_sales - at_firms - public_spending);
}

}  // namespace prosim
