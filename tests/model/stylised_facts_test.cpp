// Stylised facts the model must reproduce (MODEL.md §6), from its mechanisms:
//  - heavy-tailed firm sizes with a Zipf-like tail (Axtell 2001: exponent ~1), from
//    Pareto demand appeal and demand-driven hiring;
//  - a lognormal body of per-capita incomes with a Pareto tail (business profits);
//  - a negative relation between unemployment and vacancies (Beveridge curve), from
//    the external-demand cycle and matching frictions.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "engine/simulation.h"
#include "small_world.h"

using namespace prosim;

namespace {
// Hill estimator of the Pareto tail index from the k largest values.
double hill(std::vector<double> x, std::size_t k) {
  std::sort(x.begin(), x.end(), std::greater<>());
  double s = 0;
  for (std::size_t i = 0; i < k; ++i) s += std::log(x[i] / x[k]);
  return k / s;
}

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const double n = static_cast<double>(a.size());
  const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n, mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return sab / std::sqrt(saa * sbb);
}

}  // namespace

TEST_CASE("firm sizes have a Zipf-like tail") {
  // At scale 0.02: appeal is capped at 5000 x scale (model.md 3.4), which truncates the
  // tail's top decile at smaller scales (at 0.005 the tail index of the top 10 % was 1.6-2.0).
  for (std::uint64_t seed : {1, 2, 3}) {
    Simulation sim = testing::run_small_world({{"seed", seed}}, 0.02, "2021-12");
    const auto& f = sim.world().firms;
    std::vector<double> sizes;
    for (std::size_t k = 0; k < f.size(); ++k)
      if (f.alive[k] && f.employees[k] > 0) sizes.push_back(f.employees[k]);
    const double alpha = hill(sizes, sizes.size() / 10);
    INFO("seed " << seed << ": " << sizes.size() << " firms, tail index " << alpha);
    CHECK(alpha > 0.6);
    CHECK(alpha < 1.6);
    // Heavy tail: the largest 1 % of firms employ at least ten times their share of workers.
    std::sort(sizes.begin(), sizes.end(), std::greater<>());
    const double top = std::accumulate(sizes.begin(), sizes.begin() + sizes.size() / 100, 0.0);
    CHECK(top / std::accumulate(sizes.begin(), sizes.end(), 0.0) > 0.10);
  }
}

TEST_CASE("per-capita incomes: lognormal body, Pareto tail") {
  Simulation sim = testing::run_small_world({}, 0.005, "2021-12");
  const auto& hh = sim.world().households;
  std::vector<double> income, logs;
  for (std::size_t h = 0; h < hh.size_(); ++h) {
    const double pc = hh.disposable_last_year[h] / hh.size[h];
    if (pc > 0) income.push_back(pc);
  }
  std::sort(income.begin(), income.end());
  // Body: between the 10th and 90th percentiles log income is close to symmetric.
  for (std::size_t i = income.size() / 10; i < income.size() * 9 / 10; ++i) logs.push_back(std::log(income[i]));
  const double n = static_cast<double>(logs.size());
  const double mean = std::accumulate(logs.begin(), logs.end(), 0.0) / n;
  double m2 = 0, m3 = 0;
  for (double l : logs) {
    m2 += (l - mean) * (l - mean) / n;
    m3 += (l - mean) * (l - mean) * (l - mean) / n;
  }
  const double skew = m3 / std::pow(m2, 1.5);
  INFO("skewness of log income (P10-P90): " << skew);
  CHECK(std::abs(skew) < 0.5);
  // Tail: the top 2 % follow a Pareto law with an index in the range measured for
  // top incomes (about 1.5-3); a lognormal tail would give a much larger Hill index
  // at this depth.
  const double alpha = hill(income, income.size() / 50);
  INFO("Pareto index of the top 2 %: " << alpha);
  CHECK(alpha > 1.2);
  CHECK(alpha < 3.5);
}

TEST_CASE("unemployment and vacancies move in opposite directions (Beveridge curve)") {
  // Twenty seeds: one seed's month-on-month correlation over six years is noisy (standard
  // deviation about 0.17 between seeds at this scale), so a mean of three seeds could not
  // tell a negative relation from chance (December 2026, seeds 1-20 on the merged model of
  // that round: mean -0.126, single seeds from -0.38 to +0.24).
  std::vector<double> corrs;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Simulation sim(testing::small_world({{"seed", seed}}, 0.005, "2026-12"));
    sim.calibrate();
    std::vector<double> u, v;
    while (!sim.done()) {
      sim.step();
      const auto& w = sim.world();
      double lf = 0, unemployed = 0, vacancies = 0;
      for (std::size_t i = 0; i < w.persons.size(); ++i) {
        const auto st = w.persons.status[i];
        lf += st == LabourStatus::Employed || st == LabourStatus::Unemployed;
        unemployed += st == LabourStatus::Unemployed;
      }
      for (std::size_t k = 0; k < w.firms.size(); ++k) vacancies += w.firms.alive[k] ? w.firms.vacancies[k] : 0;
      u.push_back(unemployed / lf);
      v.push_back(vacancies / lf);
    }
    std::vector<double> du, dv;  // month-on-month changes, after the first year
    for (std::size_t t = 13; t < u.size(); ++t) {
      du.push_back(u[t] - u[t - 1]);
      dv.push_back(v[t] - v[t - 1]);
    }
    const double c = correlation(du, dv);
    INFO("seed " << seed << ": corr(du, dv) = " << c);
    corrs.push_back(c);
  }
  const double n = static_cast<double>(corrs.size());
  const double mean_corr = std::accumulate(corrs.begin(), corrs.end(), 0.0) / n;
  double var = 0;
  for (double c : corrs) var += (c - mean_corr) * (c - mean_corr) / (n - 1);
  const double se = std::sqrt(var / n);
  MESSAGE("corr(du, dv), mean of " << n << " seeds: " << mean_corr << " (s.e. " << se << ")");
  // -0.30 on the model of December 2026's last round (-0.098 on the calib3 branch alone,
  // when the check was briefly -0.08); -0.11 since households are built at the consumption
  // rule's steady state of 20 months (model.md 4.6; +0.008 with mpc_wealth 0.0133 and
  // mpc_income 0.62 for the same 20 months, which is why that variant was not kept).
  // The earlier check, a mean of seeds 1-3 below -0.1, failed by chance: seeds 1-3 gave
  // +0.24, -0.19, -0.07 where the twenty seeds' mean is -0.13. Now the mean must be
  // negative by two standard errors.
  CHECK(mean_corr + 2 * se < 0);
}
