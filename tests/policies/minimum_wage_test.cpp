// Minimum wage +10 % from 2022-01 against the baseline, same seeds (MODEL.md §7 and the
// literature: pass-through to affected workers ~0.4 (Fang, Gunderson & Lin 2020),
// employment elasticities -0.05 to -0.3, cleansing of low-productivity firms).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <vector>

#include "paired_runs.h"

using namespace prosim;

namespace {

// The provincial schedule of the baseline with every tier from 2022-01 multiplied by
// `factor` (rounded to the yuan), paid by a share `compliance` of firms.
nlohmann::ordered_json rise_patch(double factor, double compliance = 1.0) {
  auto tiers = [&](std::initializer_list<double> t) {
    std::vector<double> out;
    for (double x : t) out.push_back(std::round(x * factor));
    return out;
  };
  return {{"policies",
           {{"minimum_wage",
             {{"compliance", compliance},
              {"schedule",
               {{{"date", "2021-08"}, {"tiers", {2280, 2070, 1840}}},
                {{"date", "2022-01"}, {"tiers", tiers({2280, 2070, 1840})}},
                {{"date", "2024-01"}, {"tiers", tiers({2490, 2260, 2010})}}}}}}}}};
}

const nlohmann::ordered_json kRise = rise_patch(1.1);  // 2,508 / 2,277 / 2,024, then 2,739 / 2,486 / 2,211

struct Effects {
  double affected_wage = 0;        // mean log wage change of affected workers employed in both runs
  double low_wage_employment = 0;  // relative change of the affected group's employment
  double employment = 0;           // relative change of total employment
  double low_productivity_exits = 0, base_low_productivity_exits = 0;
  // Minimum-wage top-ups (pay above the firm's own offer) as a share of the wage bill,
  // December 2022: bottom-quartile-productivity firms and all firms, baseline and policy.
  double base_topup_low = 0, topup_low = 0, base_topup_all = 0, topup_all = 0;
};

Effects measure(std::uint64_t seed, const nlohmann::ordered_json& base_patch) {
  nlohmann::ordered_json bp = base_patch;
  bp["seed"] = seed;
  testing::PairedRuns runs(bp, kRise, 0.005, "2022-12");
  std::vector<std::int32_t> affected;  // employed at < 1.1 x the new minimum in 2021-12
  double q25 = 0;
  Effects e;
  int month = 0;
  runs.run([&](const World& b, const World& p) {
    ++month;
    if (month == 12) {  // December 2021, before the rise
      for (std::size_t i = 0; i < b.persons.size(); ++i) {
        if (b.persons.status[i] != LabourStatus::Employed) continue;
        const double new_min = 1.1 * b.counties[b.firms.county[b.persons.employer[i]]].min_wage;
        if (b.persons.wage[i] < 1.1 * new_min) {
          affected.push_back(static_cast<std::int32_t>(i));
        }
      }
      std::vector<double> prod;
      for (std::size_t k = 0; k < b.firms.size(); ++k)
        if (b.firms.alive[k]) prod.push_back(b.firms.productivity[k]);
      std::sort(prod.begin(), prod.end());
      q25 = prod[prod.size() / 4];
    }
    if (month == 24) {  // December 2022: how much of the wage bill the minimum adds
      for (const World* w : {&b, &p}) {
        double low_topup = 0, low_bill = 0, topup = 0, bill = 0;
        for (std::size_t i = 0; i < w->persons.size(); ++i) {
          if (w->persons.status[i] != LabourStatus::Employed) continue;
          const auto k = w->persons.employer[i];
          const double extra = w->persons.wage[i] - w->firms.wage_rate[k] * w->persons.skill[i];
          topup += extra;
          bill += w->persons.wage[i];
          if (w->firms.productivity[k] < q25 * std::pow(1.04, 1.0)) {
            low_topup += extra;
            low_bill += w->persons.wage[i];
          }
        }
        (w == &b ? e.base_topup_low : e.topup_low) = low_topup / low_bill;
        (w == &b ? e.base_topup_all : e.topup_all) = topup / bill;
      }
    }
  });
  const auto& b = runs.base.world();
  const auto& p = runs.policy.world();
  double dlog = 0, both = 0, emp_b = 0, emp_p = 0;
  for (auto i : affected) {
    const bool eb = b.persons.status[i] == LabourStatus::Employed, ep = p.persons.status[i] == LabourStatus::Employed;
    emp_b += eb;
    emp_p += ep;
    if (eb && ep) {
      dlog += std::log(p.persons.wage[i] / b.persons.wage[i]);
      both += 1;
    }
  }
  e.affected_wage = dlog / both;
  e.low_wage_employment = emp_p / emp_b - 1;
  double tb = 0, tp = 0;
  for (std::size_t i = 0; i < b.persons.size(); ++i) {
    tb += b.persons.status[i] == LabourStatus::Employed || b.persons.status[i] == LabourStatus::SelfEmployed ||
          b.persons.status[i] == LabourStatus::Farming;
    tp += p.persons.status[i] == LabourStatus::Employed || p.persons.status[i] == LabourStatus::SelfEmployed ||
          p.persons.status[i] == LabourStatus::Farming;
  }
  e.employment = tp / tb - 1;
  // Exits of firms that were in the bottom productivity quartile in 2021-12.
  const std::size_t n = std::min(b.firms.size(), p.firms.size());
  for (std::size_t k = 0; k < n; ++k) {
    if (b.firms.birth_month[k] > 12 || b.firms.productivity[k] >= q25 * std::pow(1.04, 18.0 / 12)) continue;
    e.base_low_productivity_exits += b.firms.alive[k] == 0;
    e.low_productivity_exits += p.firms.alive[k] == 0;
  }
  MESSAGE("seed " << seed << ": affected " << affected.size() << ", dlog wage " << e.affected_wage
                  << ", low-wage employment " << e.low_wage_employment << ", employment " << e.employment
                  << ", low-productivity exits " << e.base_low_productivity_exits << " -> " << e.low_productivity_exits
                  << "; minimum-wage top-ups in 2022-12, share of the wage bill: bottom-quartile firms "
                  << e.base_topup_low << " -> " << e.topup_low << ", all firms " << e.base_topup_all << " -> "
                  << e.topup_all);
  return e;
}

}  // namespace

TEST_CASE("minimum wage +10 %: affected pay up, low-wage jobs down a little, low-productivity exits up") {
  // Forty seeds (21-60) at scale 0.005 (730-970 affected workers each: one seed's
  // low-wage employment change is noisy), twelve months after the rise (2022-12): the
  // pass-through and employment elasticities of the literature are responses within the
  // year; by mid-2023 the 7 % nominal wage growth has lifted most affected workers' offers
  // above the new minimum in both runs (after the firm and pension changes of issue 3 the
  // 18-month figure was 2.9 % with the same seeds).
  // Forty seeds since December 2026's outflow15 (outside_income_outflow_from_wages_rural):
  // the low-wage employment change has a per-seed standard deviation of about 0.7-0.8 points
  // around a mean near -1.5 %, so with the six seeds 21-26 used until then (s.e. about 0.3)
  // the mean sat one or two standard errors from the band's -1 % edge and a change that only
  // re-draws the runs' divergence could cross it: main at 39debbd gave -1.30 % over seeds
  // 21-26 (per seed -1.57, -0.74, -1.29, -1.93, -1.39, -0.85), the outflow booking -0.95 %
  // (-2.52, -0.37, -1.04, -0.96, -0.46, -0.37). Over seeds 21-60 the two agree within their
  // errors: -1.61 % (s.e. 0.11, s.d. 0.67) with the switch false (main's bits) and -1.47 %
  // (s.e. 0.13, s.d. 0.82) with it, paired difference +0.14 (s.e. 0.11): the booking acts
  // on a low-wage job only through the dibao's payments and the runs' divergence (model.md
  // 4.8b): no rule that decides who keeps a job reads the wages earned away. Forty seeds put the -1 % edge about 3.6
  // standard errors from the mean (24 seeds: 2.3 with seeds 21-44); the band is unchanged.
  // The test takes about 45 CPU-seconds (six seeds: about 5).
  Effects mean;
  std::vector<std::uint64_t> seed_list;
  for (std::uint64_t s = 21; s <= 60; ++s) seed_list.push_back(s);
  const double seeds = static_cast<double>(seed_list.size());
  for (std::uint64_t seed : seed_list) {
    const auto e = measure(seed, {});
    mean.affected_wage += e.affected_wage / seeds;
    mean.low_wage_employment += e.low_wage_employment / seeds;
    mean.employment += e.employment / seeds;
    mean.low_productivity_exits += e.low_productivity_exits;
    mean.base_low_productivity_exits += e.base_low_productivity_exits;
  }
  CHECK(mean.affected_wage > 0.03);
  CHECK(mean.affected_wage < 0.06);
  CHECK(mean.low_wage_employment < -0.01);
  // Re-based for issue 12 (burn-in on the growth path, in-migrants replaced in their county):
  // -3.4 % with seeds 21-26 (was within -3 %), an elasticity of -0.34. Re-based again in
  // December 2026: unemployed in-migrants now go back to their home region (status Away,
  // systems/migration.cpp), so an affected worker who loses the job is less often re-hired
  // within the year: -4.4 % with seeds 21-26, an elasticity of -0.44.
  CHECK(mean.low_wage_employment > -0.06);
  CHECK(mean.employment > -0.006);
  CHECK(mean.employment < 0.002);
  // Cleansing is not seen at +10 %: the minimum barely binds in the baseline economy.
  // Top-ups above firms' own offers are 0.03-0.08 % of the wage bill (0.08-0.19 % at the
  // bottom-quartile-productivity firms), and +10 % adds 0.07-0.12 points at those firms
  // (the message above): too small a cost shock to tell a change in exits from noise
  // (six seeds: 564 -> 565). Exits do answer rises that bite, mostly at low-productivity
  // firms: the +80 % test below, and the dose-response in docs/policies.md ("Cleansing").
  // Reported, not enforced.
  WARN(mean.low_productivity_exits > mean.base_low_productivity_exits);
}

namespace {

// Exits summed from the rise (2022-01) to the end, all firms and the bottom productivity
// quartile (firm_exits_low_productivity), baseline and policy run with the same seed.
struct Exits {
  double base = 0, policy = 0, base_low = 0, policy_low = 0;
};

Exits exits_after_rise(std::uint64_t seed, double factor, double compliance) {
  testing::PairedRuns runs({{"seed", seed}}, rise_patch(factor, compliance), 0.005, "2023-12");
  Exits x;
  runs.run([&](const World& b, const World& p) {
    if (b.month_index < 12) return;  // 2022-01 onwards
    x.base += b.firm_exits;
    x.policy += p.firm_exits;
    x.base_low += b.firm_exits_low_productivity;
    x.policy_low += p.firm_exits_low_productivity;
  });
  return x;
}

}  // namespace

TEST_CASE("minimum wage +80 %: more firms exit, most of them low-productivity ones (cleansing)") {
  // At the baseline's bite (tier-1 minimum ÷ employees' mean wage ~0.31, 1 % of employees within
  // 5 % of the minimum) a +10 % rise costs the bottom productivity quartile ~0.1 % of its
  // wage bill and no change in exits can be told from noise (test above; policies.md,
  // "Cleansing"). A rise that bites shows the mechanism: the minimum-wage top-ups raise
  // labour cost, firms price it in and lose sales, the least productive turn to persistent
  // losses and exit. Twenty-four seeds, scale 0.005, 24 months after the rise.
  // Re-based with the demography of December 2026 (births separate from deaths): at +60 %
  // the paired t on bottom-quartile exits fell from above 2.2 to 1.1 (the extra exits are
  // still positive; the runs diverge differently), at +80 % it is 2.09, with compliance 0
  // -0.16. The check is now one-sided at 5 % (t > 1.8 with 11 d.f.).
  // Twenty-four seeds since the land limit on farming (farm_land_per_farmer, issue 12): with
  // seeds 21-32 alone the paired t fell to 1.32 (bottom-quartile exits +1.25 per seed); with
  // seeds 21-44 it is 4.13 (+3.42 per seed), compliance 0 -0.84. t > 1.8 is conservative for
  // 23 d.f. (one-sided 5 %: 1.71). With the counties at their seats and the commute-time
  // decay in job search (the baseline since issue 12's "stable counties", model.md 4.3) it is
  // 6.16 (+2.54 bottom-quartile exits per seed, s.e. 0.41; excess over a quarter +1.57, t
  // 4.75), compliance 0 +0.08 (t 0.25). At the seats without the decay (every slot in reach
  // equally likely) it had fallen to 1.73: not traced further, as that geography is gone.
  // With family support's relative drawn near the parents' income rank as well (model.md 4.8c;
  // both merged): bottom-quartile t 3.56, excess over a quarter t 1.97, compliance 0 -0.88.
  // (On the family-support branch alone, at the ring, the excess fell to t 1.43 with these 24
  // seeds and 1.78 with 36: the runs diverge differently, the excess stays near +0.6 a run.)
  const std::vector<std::uint64_t> seeds = {21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44};
  auto measure_all = [&](double compliance) {
    std::vector<double> d_low, d_all;
    for (auto s : seeds) {
      const auto x = exits_after_rise(s, 1.8, compliance);
      d_low.push_back(x.policy_low - x.base_low);
      d_all.push_back(x.policy - x.base);
      MESSAGE("compliance " << compliance << ", seed " << s << ": exits " << x.base << " -> " << x.policy
                            << ", bottom-quartile exits " << x.base_low << " -> " << x.policy_low);
    }
    return std::make_pair(d_low, d_all);
  };
  auto t_stat = [](const std::vector<double>& v) {
    const auto [m, se] = testing::mean_se(v);
    return se > 0 ? m / se : 0.0;
  };
  const auto [d_low, d_all] = measure_all(1.0);
  // Low-productivity exits rise (paired t > 1.8: one-sided p < 0.05), and they are more of the
  // extra exits than the quarter that chance would give them: per seed, the bottom quartile's
  // extra exits minus a quarter of all extra exits, paired t > 1.8 (one-sided p < 0.05 with 23
  // d.f.). Until December 2026 this was a fixed share (0.4, then 0.28) of the mean extra exits,
  // re-set by hand whenever diverging runs moved it; the paired test carries its own noise.
  // Measured on 6fc57ac: 1.79 of 3.79 extra exits a run are bottom-quartile ones (0.47), excess
  // over a quarter +0.84 (s.e. 0.33, t 2.55); with compliance 0 the excess is -0.65 (s.e. 0.30,
  // t -2.12), so this check fails without the mechanism too.
  CHECK(t_stat(d_low) > 1.8);
  std::vector<double> excess_over_chance;
  for (std::size_t k = 0; k < d_low.size(); ++k) excess_over_chance.push_back(d_low[k] - 0.25 * d_all[k]);
  CHECK(t_stat(excess_over_chance) > 1.8);
  // Without the mechanism (firms that do not pay the minimum: compliance 0) the same check
  // fails: the exits only move with the noise of diverging runs.
  CHECK(t_stat(measure_all(0.0).first) < 1.8);
}
