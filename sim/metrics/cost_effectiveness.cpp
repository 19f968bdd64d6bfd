#include "metrics/cost_effectiveness.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/calendar.h"
#include "core/error.h"

namespace prosim {
namespace {

const double kNaN = std::nan("");

// Months (YearMonth serials) of a CF time axis "days since YYYY-MM-01".
std::vector<int> axis_months(const Axis& a) {
  const std::string prefix = "days since ";
  if (a.units.rfind(prefix, 0) != 0) throw RuntimeFailure("time axis '" + a.name + "' has units '" + a.units + "'");
  const auto epoch = parse_year_month(a.units.substr(prefix.size(), 7));
  if (!epoch) throw RuntimeFailure("time axis '" + a.name + "' has units '" + a.units + "'");
  std::vector<int> out;
  for (double days : a.values) {
    // The month whose first day is `days` after the epoch's first day.
    int s = epoch->serial() + static_cast<int>(std::floor(days / 30.44));
    while (days_between(*epoch, YearMonth::from_serial(s)) > std::lround(days)) --s;
    while (days_between(*epoch, YearMonth::from_serial(s + 1)) <= std::lround(days)) ++s;
    out.push_back(s);
  }
  return out;
}

struct Series {
  std::map<int, double> by_month;
  bool present = false;
  double last = kNaN;
};

Series root_series(const RunRecord& r, const std::string& name) {
  Series s;
  const Group* root = r.find_group("/");
  const Variable* v = root ? root->variable(name) : nullptr;
  if (!v) return s;
  const auto months = axis_months(*root->axis("time"));
  s.present = true;
  for (std::size_t t = 0; t < months.size() && t < v->data.size(); ++t) s.by_month[months[t]] = v->data[t];
  if (!v->data.empty()) s.last = v->data.back();
  return s;
}

// analysis/stats.py match_seeds: index pairs, or empty when the runs cannot be paired.
std::vector<std::pair<std::size_t, std::size_t>> match_seeds(const std::vector<const RunRecord*>& a,
                                                             const std::vector<const RunRecord*>& b) {
  std::set<std::uint64_t> sa, sb;
  for (auto* r : a) sa.insert(r->seed);
  for (auto* r : b) sb.insert(r->seed);
  if (sa.size() != a.size() || sb.size() != b.size()) return {};
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < b.size(); ++j)
      if (a[i]->seed == b[j]->seed) pairs.emplace_back(i, j);
  if (pairs.size() >= 2 || (!pairs.empty() && pairs.size() == a.size() && a.size() == b.size())) return pairs;
  return {};
}

// mean(a) - mean(b), paired when `pairs` is not empty.
double difference(const std::vector<double>& a, const std::vector<double>& b,
                  const std::vector<std::pair<std::size_t, std::size_t>>& pairs) {
  double d = 0;
  if (!pairs.empty()) {
    for (const auto& [i, j] : pairs) d += (a[i] - b[j]) / pairs.size();
    return d;
  }
  double ma = 0, mb = 0;
  for (double x : a) ma += x / a.size();
  for (double x : b) mb += x / b.size();
  return ma - mb;
}

double ratio(double cost, double outcome) { return std::isfinite(outcome) && outcome > 0 ? cost / outcome : kNaN; }

}  // namespace

CostEffectiveness cost_effectiveness(const std::vector<const RunRecord*>& baseline,
                                     const std::vector<const RunRecord*>& scenario, const std::string& name) {
  CostEffectiveness ce;
  ce.scenario = name;
  const auto pairs = match_seeds(scenario, baseline);
  ce.paired = !pairs.empty();
  std::vector<const RunRecord*> all(scenario);
  all.insert(all.end(), baseline.begin(), baseline.end());

  // Extra cost over the months all runs share (missing values count as zero).
  std::vector<Series> cost;
  for (auto* r : all) {
    cost.push_back(root_series(*r, "fiscal_cost_total"));
    if (!cost.back().present) throw RuntimeFailure("a run of " + name + " or of the baseline has no fiscal_cost_total");
  }
  std::vector<int> common;
  for (const auto& [m, v] : cost[0].by_month) {
    bool everywhere = true;
    for (const auto& s : cost) everywhere = everywhere && s.by_month.count(m);
    if (everywhere) common.push_back(m);
  }
  if (common.empty()) throw RuntimeFailure("the runs of " + name + " and of the baseline share no months");
  ce.first_month = common.front();
  ce.last_month = common.back();
  auto total_cost = [&](const Series& s, const std::set<int>* years) {
    double sum = 0;
    for (int m : common) {
      if (years && !years->count(YearMonth::from_serial(m).year)) continue;
      const double v = s.by_month.at(m);
      sum += std::isnan(v) ? 0.0 : v;
    }
    return sum;
  };
  const std::size_t ns = scenario.size();
  auto split = [&](const std::vector<double>& x) {
    return std::make_pair(std::vector<double>(x.begin(), x.begin() + ns), std::vector<double>(x.begin() + ns, x.end()));
  };
  std::vector<double> c;
  for (const auto& s : cost) c.push_back(total_cost(s, nullptr));
  auto [cs, cb] = split(c);
  ce.extra_cost = difference(cs, cb, pairs);

  // Bottom-40 % income over the years with 12 shared months and a snapshot.
  ce.b40_gain = ce.b40_cost = ce.cost_per_b40 = kNaN;
  bool distributions = true;
  std::vector<std::vector<int>> snaps;
  for (auto* r : all) {
    const Group* g = r->find_group("/distribution");
    const Variable* d = g ? g->variable("decile_mean_all") : nullptr;
    distributions = distributions && d && g->axis("snapshot") && root_series(*r, "population").present;
    if (distributions) snaps.push_back(axis_months(*g->axis("snapshot")));
  }
  if (distributions) {
    std::map<int, int> last_snapshot;  // year -> last snapshot month shared by every run
    for (int m : snaps[0]) {
      bool everywhere = true;
      for (const auto& s : snaps) everywhere = everywhere && std::find(s.begin(), s.end(), m) != s.end();
      if (everywhere) last_snapshot[YearMonth::from_serial(m).year] = m;
    }
    std::set<int> years;
    for (const auto& [y, m] : last_snapshot) {
      int n = 0;
      for (int cm : common) n += YearMonth::from_serial(cm).year == y;
      if (n == 12) years.insert(y);
    }
    if (!years.empty()) {
      std::vector<double> income, cost_y;
      for (std::size_t k = 0; k < all.size(); ++k) {
        const Group* g = all[k]->find_group("/distribution");
        const Variable* d = g->variable("decile_mean_all");
        const auto pop = root_series(*all[k], "population");
        const std::size_t deciles = d->data.size() / snaps[k].size();
        double sum = 0;
        for (int y : years) {
          const int m = last_snapshot.at(y);
          const std::size_t s = std::find(snaps[k].begin(), snaps[k].end(), m) - snaps[k].begin();
          double mean4 = 0;
          for (int j = 0; j < 4; ++j) mean4 += d->data[s * deciles + j] / 4;
          const auto it = pop.by_month.find(m);
          sum += 0.4 * (it == pop.by_month.end() ? kNaN : it->second) * mean4;
        }
        income.push_back(sum);
        cost_y.push_back(total_cost(cost[k], &years));
      }
      auto [is, ib] = split(income);
      auto [ys, yb] = split(cost_y);
      ce.b40_gain = difference(is, ib, pairs);
      ce.b40_cost = difference(ys, yb, pairs);
      ce.cost_per_b40 = ratio(ce.b40_cost, ce.b40_gain);
      ce.b40_first_year = *years.begin();
      ce.b40_last_year = *years.rbegin();
    }
  }

  // Final-month outcomes.
  auto final_difference = [&](const std::string& indicator, double sign) {
    std::vector<double> x;
    for (auto* r : all) {
      const auto s = root_series(*r, indicator);
      if (!s.present) return kNaN;
      x.push_back(sign * s.last);
    }
    auto [xs, xb] = split(x);
    return difference(xs, xb, pairs);
  };
  ce.villages_lifted = final_difference("weak_villages", -1);
  ce.cost_per_village = ratio(ce.extra_cost, ce.villages_lifted);
  // Village-years lifted: baseline minus scenario weak_villages summed over the shared
  // months / 12 (the cumulative effect; the final month hides villages lifted early).
  ce.village_years = kNaN;
  {
    std::vector<double> x;
    for (auto* r : all) {
      const auto s = root_series(*r, "weak_villages");
      if (!s.present) break;
      double sum = 0;
      for (int m : common) {
        const auto it = s.by_month.find(m);
        if (it != s.by_month.end() && !std::isnan(it->second)) sum += it->second;
      }
      x.push_back(-sum / 12);
    }
    if (x.size() == all.size()) {
      auto [xs, xb] = split(x);
      ce.village_years = difference(xs, xb, pairs);
    }
  }
  ce.cost_per_village_year = ratio(ce.extra_cost, ce.village_years);
  ce.relocated = final_difference("relocated_households", 1);
  ce.cost_per_relocated = ratio(ce.extra_cost, ce.relocated);
  return ce;
}

}  // namespace prosim
