// Step 8 (before recording): close the month's books. Disposable income is the sum
// of the month's sources less taxes and contributions (INDICATORS.md's definition);
// calendar-year totals roll over in December for households and villages.
#include <cmath>
#include <limits>

#include "core/parallel.h"
#include "systems/systems.h"

namespace prosim {

void close_month(const Params& p, World& w, Workspace& ws) {
  auto& hh = w.households;
  auto& ps = w.persons;
  auto& v = w.villages;
  const bool december = w.date.month == 12;

  for_each_index(hh.size_(), [&](std::size_t h) {
    double d = 0;
    for (int s = kWages; s <= kOtherTransfers; ++s) d += hh.income[s][h];
    d -= hh.income[kIncomeTax][h] + hh.income[kSocialContributions][h];
    hh.disposable[h] = d;
    hh.disposable_ytd[h] += d;
    if (december) {
      hh.disposable_last_year[h] = hh.disposable_ytd[h];
      hh.disposable_ytd[h] = 0;
    }
  });

  // One parallel pass over persons: the mean wage and, for the wage-setting (Phillips)
  // response, unemployment by county of residence.
  struct Sums {
    double wage_sum = 0, wage_count = 0;
    std::vector<double> lf, unemployed;
  } zero;
  zero.lf.assign(w.counties.size(), 0.0);
  zero.unemployed.assign(w.counties.size(), 0.0);
  const auto sums = deterministic_reduce(
      ps.size(), zero,
      [&](std::size_t i, Sums& a) {
        const auto st = ps.status[i];
        if (st == LabourStatus::Employed) {
          a.wage_sum += ps.wage[i];
          a.wage_count += 1;
        }
        if (!in_labour_force(st)) return;
        const int c = hh.county[ps.household[i]];
        a.lf[c] += 1;
        a.unemployed[c] += st == LabourStatus::Unemployed;
      },
      [](Sums& a, const Sums& b) {
        a.wage_sum += b.wage_sum;
        a.wage_count += b.wage_count;
        for (std::size_t c = 0; c < a.lf.size(); ++c) {
          a.lf[c] += b.lf[c];
          a.unemployed[c] += b.unemployed[c];
        }
      });
  const double wage_sum = sums.wage_sum, wage_count = sums.wage_count;
  const auto &lf = sums.lf, &unemployed = sums.unemployed;
  w.mean_wage_ytd_sum += wage_sum;
  w.mean_wage_ytd_count += wage_count;
  if (w.mean_wage_last_year == 0 && wage_count > 0) w.mean_wage_last_year = wage_sum / wage_count;
  if (december && w.mean_wage_ytd_count > 0) {
    w.mean_wage_last_year = w.mean_wage_ytd_sum / w.mean_wage_ytd_count;
    w.mean_wage_ytd_sum = w.mean_wage_ytd_count = 0;
  }

  if (december) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      v.operating_last_year[i] = v.operating_ytd[i];
      v.total_last_year[i] = v.total_ytd[i];
      v.dividends_last_year[i] = v.dividends_ytd[i];
      v.operating_ytd[i] = v.total_ytd[i] = v.dividends_ytd[i] = 0;
      // Thresholds are in real yuan; village books are in simulated units (x scale).
      v.weak[i] = v.total_last_year[i] * w.weight < p.output.village_total_threshold ||
                  v.operating_last_year[i] * w.weight < p.output.village_operating_threshold;
    }
  }
  w.county_unemployment.resize(w.counties.size());
  for (std::size_t c = 0; c < w.counties.size(); ++c) w.county_unemployment[c] = lf[c] > 0 ? unemployed[c] / lf[c] : 0.0;
  for (auto& c : w.counties) {
    c.revenue_last_month = c.revenue;
    c.revenue = 0;
  }
}

}  // namespace prosim
