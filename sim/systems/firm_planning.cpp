// Step 2: firms update wages and prices, plan output from expected demand, and turn
// the gap into vacancies, short time or layoffs. Frictions: a firm with too many staff
// first puts them on shorter hours (down to `short_time_min_hours`), only `layoff_speed`
// of what short time cannot absorb is shed each month, and hiring happens through the
// labour market's random matching.
#include <algorithm>
#include <cmath>
#include <limits>


#include "core/parallel.h"
#include "core/rng.h"
#include "model/firm_rules.h"
#include "systems/systems.h"
#include "model/constants.h"

namespace prosim {

void rebuild_employee_index(World& w, Workspace& ws) {
  auto& f = w.firms;
  auto& ps = w.persons;
  const std::size_t F = f.size(), N = ps.size();
  ws.employee_index_month = -1;  // plan_firms marks the one it builds
  // A counting sort of persons by employer, in parallel over fixed blocks of persons:
  // block b counts its workers per firm, so it can scatter them into its own slice of
  // each firm's range. The result is the sequential sort's (by firm, then by person id)
  // whatever the thread count. Counts are laid out block-major so blocks never share a
  // cache line while counting.
  const std::size_t B = fixed_blocks(N, 65536, 16);
  auto& next = ws.block_next;
  next.assign(B * F, 0);
  for_each_block(N, B, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::int32_t* count = next.data() + b * F;
    for (std::size_t i = begin; i < end; ++i)
      if (ps.employer[i] >= 0) ++count[ps.employer[i]];
  });
  ws.employee_offset.resize(F + 1);
  for_each_index(F, [&](std::size_t k) {
    std::int32_t total = 0;
    for (std::size_t b = 0; b < B; ++b) total += next[b * F + k];
    ws.employee_offset[k + 1] = total;
  });
  ws.employee_offset[0] = 0;
  for (std::size_t k = 0; k < F; ++k) ws.employee_offset[k + 1] += ws.employee_offset[k];
  for_each_index(F, [&](std::size_t k) {
    std::int32_t pos = ws.employee_offset[k];
    for (std::size_t b = 0; b < B; ++b) {
      const std::int32_t c = next[b * F + k];
      next[b * F + k] = pos;
      pos += c;
    }
  });
  ws.employees_of.resize(ws.employee_offset.back());
  for_each_block(N, B, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::int32_t* slot = next.data() + b * F;
    for (std::size_t i = begin; i < end; ++i)
      if (ps.employer[i] >= 0) ws.employees_of[slot[ps.employer[i]]++] = static_cast<std::int32_t>(i);
  });
  for_each_index(F, [&](std::size_t k) {
    double eff = 0;
    for (auto j = ws.employee_offset[k]; j < ws.employee_offset[k + 1]; ++j) eff += ps.skill[ws.employees_of[j]];
    f.employees[k] = ws.employee_offset[k + 1] - ws.employee_offset[k];
    f.efficiency_units[k] = eff;
  });
}

void update_employee_index(World& w, Workspace& ws) {
  const auto m = static_cast<std::int64_t>(rng_month(w));
  auto& f = w.firms;
  auto& ps = w.persons;
  const std::size_t F = f.size();
  if (ws.employee_index_month != m || ws.hires_month != m || ws.employee_offset.size() != F + 1) {
    rebuild_employee_index(w, ws);
    return;
  }
  ws.employee_index_month = -1;  // the index is this month's final one from here on
  // Since plan_firms rebuilt the index, persons have only left their firm (layoffs, quits,
  // job changes: employer set to -1 or to another firm) or been hired (employer set to the
  // hiring firm, each person at most once: Workspace::hires). So a firm's employees now are
  // those of its old list whose employer is still the firm, and its hires; a person laid
  // off or quitting and hired back by the same firm is in both, and counted once. Both
  // lists are in id order, so their merge is the rebuild's order (by person id), and the
  // efficiency units are summed in that order as the rebuild sums them.
  auto& hires = ws.hires;
  sort_in_parallel(hires.begin(), hires.end());  // (firm, person) pairs are distinct
  auto& hire_offset = ws.hire_offset;
  hire_offset.resize(F + 1);
  for_each_index(F + 1, [&](std::size_t k) {
    const std::pair<std::int32_t, std::int32_t> key{static_cast<std::int32_t>(k), std::numeric_limits<std::int32_t>::min()};
    hire_offset[k] = static_cast<std::int32_t>(std::lower_bound(hires.begin(), hires.end(), key) - hires.begin());
  });
  const auto& old_offset = ws.employee_offset;
  const auto& old_list = ws.employees_of;
  // Merges firm k's staying employees with its hires, calling emit(person) in id order.
  auto merge = [&](std::size_t k, auto&& emit) {
    const auto firm = static_cast<std::int32_t>(k);
    auto j = old_offset[k];
    const auto j_end = old_offset[k + 1];
    auto h = hire_offset[k];
    const auto h_end = hire_offset[k + 1];
    while (true) {
      while (j < j_end && ps.employer[old_list[j]] != firm) ++j;
      if (j == j_end) break;
      if (h == h_end) {
        emit(old_list[j++]);
        continue;
      }
      const auto a = old_list[j], b = hires[h].second;
      if (a < b) {
        emit(a);
        ++j;
      } else {
        emit(b);
        ++h;
        if (a == b) ++j;
      }
    }
    for (; h < h_end; ++h) emit(hires[h].second);
  };
  auto& offset = ws.employee_offset_next;
  offset.resize(F + 1);
  offset[0] = 0;
  for_each_index(F, [&](std::size_t k) {
    std::int32_t count = 0;
    merge(k, [&](std::int32_t) { ++count; });
    offset[k + 1] = count;
  });
  for (std::size_t k = 0; k < F; ++k) offset[k + 1] += offset[k];
  auto& list = ws.employees_of_next;
  list.resize(offset.back());
  for_each_index(F, [&](std::size_t k) {
    auto pos = offset[k];
    double eff = 0;
    merge(k, [&](std::int32_t i) {
      list[pos++] = i;
      eff += ps.skill[i];
    });
    f.employees[k] = offset[k + 1] - offset[k];
    f.efficiency_units[k] = eff;
  });
  ws.employee_offset.swap(ws.employee_offset_next);
  ws.employees_of.swap(ws.employees_of_next);
  // The old list is read no more this month, and next month's update writes a new one after
  // plan_firms has rebuilt the index in place: released, not kept idle (4 bytes per employed
  // person at the month's peak, in the recorder).
  std::vector<std::int32_t>().swap(ws.employees_of_next);
}

void plan_firms(const Params& p, World& w, Workspace& ws) {
  const auto& e = p.economy;
  auto& f = w.firms;
  auto& ps = w.persons;
  rebuild_employee_index(w, ws);
  ws.employee_index_month = rng_month(w);  // the labour market's hires update it (update_employee_index)
  const double growth = std::pow(1 + e.productivity_growth, 1.0 / 12.0);
  for (auto& c : w.counties) c.mean_productivity *= growth;
  const double appeal_rho = std::pow(e.appeal_persistence, 1.0 / 12.0);  // annual autocorrelation to monthly

  for_each_index(f.size(), [&](std::size_t k) {
    if (!f.alive[k]) return;
    const auto& county = w.counties[f.county[k]];
    RandomStream rng(p.seed, Purpose::FirmDemand, rng_month(w), k);
    f.productivity[k] *= growth;
    // Log appeal is an AR(1) around its log at entry (appeal_anchor): x' = rho x
    // + s N + c, x = log appeal - anchor, rho = appeal_persistence^(1/12). A random walk's
    // dispersion grows without bound (s^2 a month), so over a decade a county's few large
    // firms drifted far from the shares the burn-in calibrated (Wuyi, seed 4: 9.3 %
    // unemployment in 2028, validation.md); the AR(1)'s stays below s^2 / (1 - rho^2).
    // The drift c keeps each firm's expected appeal at its value at entry, as the random
    // walk's -s^2 / 2 did: with V the variance of x from the shocks so far
    // (appeal_variance, V' = rho^2 V + s^2), c = -s^2 / 2 + rho (1 - rho) V / 2, the random
    // walk's -s^2 / 2 at entry and -s^2 / (2 (1 + rho)) in the long run. With persistence 1
    // both added terms are exactly zero: the random walk, bit for bit.
    const double s = e.appeal_volatility;
    const double drift = -0.5 * s * s + 0.5 * appeal_rho * (1 - appeal_rho) * f.appeal_variance[k];
    f.appeal[k] *= std::exp((1 - appeal_rho) * (f.appeal_anchor[k] - std::log(f.appeal[k])) + s * rng.normal() + drift);
    f.appeal_variance[k] = appeal_rho * appeal_rho * f.appeal_variance[k] + s * s;

    // Wage rate: toward the rent-sharing target; a firm whose vacancies stayed open last
    // month bids 2 % more (up to 20 % over target) to attract workers from other firms.
    const double target = target_wage_rate(p, w, k);
    if (f.vacancies[k] > 0)
      f.wage_rate[k] = std::min(kWageBidCap * target, std::max(f.wage_rate[k], target) * kWageBidStep);
    else
      f.wage_rate[k] += e.wage_adjustment_speed * (target - f.wage_rate[k]);
    // Price covers the labour cost actually paid (minimum-wage top-ups included), per
    // efficiency unit at the hours worked last month.
    const double cost_per_eff = f.efficiency_units[k] > 0 && f.labour_cost[k] > 0
                                    ? f.labour_cost[k] / (f.efficiency_units[k] * f.hours[k])
                                    : f.wage_rate[k] * (1 + e.employer_contribution_rate);
    f.price[k] = unit_price(p, county, cost_per_eff, f.productivity[k]);
    // Expected sales follow what the firm sold, or the demand it could not serve.
    f.expected_sales[k] = kExpectationWeightOld * f.expected_sales[k] + kExpectationWeightNew * std::max(f.sales[k], f.demand[k]);
    const double wanted = f.expected_sales[k] / (f.price[k] * f.productivity[k]);  // efficiency units

    f.vacancies[k] = 0;
    const auto first = ws.employee_offset[k], last = ws.employee_offset[k + 1];
    const WorkerWage wage_rule(p, county.min_wage, f.compliant[k]);
    // Workers who cost more than they bring in go first (the minimum wage's direct
    // disemployment channel), then the least skilled.
    auto margin = [&](std::int32_t i) {
      const double wage = wage_rule(f.wage_rate[k] * ps.skill[i]);
      return (1 + e.markup) * f.wage_rate[k] * ps.skill[i] / wage;
    };
    // Short time before layoffs (labour hoarding): a firm keeps up to kLayoffThreshold x
    // what it needs at normal hours; beyond that it cuts everyone's hours (paid pro rata:
    // production.cpp), down to short_time_min_hours, and lays off only the staff that
    // short time cannot absorb. In a slump the wage bill falls before head counts do, so
    // fewer firms run into the losses that close them (firm_entry_exit.cpp), and
    // unemployment moves less and wage income more, as when Chinese exporters put workers
    // on short hours and rotating leave in 2008-09. With short_time_min_hours = 1 the
    // whole excess over kLayoffThreshold x wanted is shed as before.
    const double tolerated = kLayoffThreshold * wanted;
    f.hours[k] = f.efficiency_units[k] > 0 ? std::clamp(tolerated / f.efficiency_units[k], e.short_time_min_hours, 1.0) : 1.0;
    if (f.efficiency_units[k] * f.hours[k] > tolerated && last > first) {
      double shed = e.layoff_speed * (f.efficiency_units[k] - wanted / f.hours[k]);
      std::vector<std::int32_t> staff(ws.employees_of.begin() + first, ws.employees_of.begin() + last);
      std::sort(staff.begin(), staff.end(), [&](std::int32_t a, std::int32_t b) {
        const double ma = margin(a), mb = margin(b);
        return ma != mb ? ma < mb : a < b;
      });
      for (auto i : staff) {
        if (shed <= 0) break;
        shed -= ps.skill[i];
        ps.status[i] = LabourStatus::Unemployed;
        ps.employer[i] = -1;
        ps.wage[i] = 0;
        f.employees[k] -= 1;
        f.efficiency_units[k] -= ps.skill[i];
      }
    } else {
      for (auto j = first; j < last; ++j) {
        const auto i = ws.employees_of[j];
        if (margin(i) < 1.0 && rng.bernoulli(e.layoff_speed)) {
          ps.status[i] = LabourStatus::Unemployed;
          ps.employer[i] = -1;
          ps.wage[i] = 0;
          f.employees[k] -= 1;
          f.efficiency_units[k] -= ps.skill[i];
        }
      }
      // Growth is gradual: at most a fifth of the staff (or two people) added a month.
      if (f.efficiency_units[k] < kHiringThreshold * wanted)
        f.vacancies[k] = static_cast<std::int32_t>(
            std::ceil(std::min(wanted - f.efficiency_units[k], std::max(kMinHiresCap, kMaxHiresShare * f.employees[k]))));
    }
  });
  // Head counts were updated in place; the employee index is updated after the labour
  // market (pay_wages_and_farm_income: update_employee_index).
}

}  // namespace prosim
