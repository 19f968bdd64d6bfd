// Step 8 (before recording): close the month's books. Disposable income is the sum
// of the month's sources less taxes and contributions (INDICATORS.md's definition);
// calendar-year totals roll over in December for households and villages.
#include <cmath>
#include <limits>
#include <utility>

#include "core/parallel.h"
#include "systems/systems.h"

namespace prosim {

// One parallel pass over persons: the mean wage, unemployment by county of residence for the
// wage-setting (Phillips) response, and the recorder's labour-force counts.
void count_labour_force(World& w) {
  const auto& ps = w.persons;
  const auto& hh = w.households;
  LabourForce zero;
  zero.c_lf.assign(w.counties.size(), 0.0);
  zero.c_unemployed.assign(w.counties.size(), 0.0);
  w.labour = deterministic_reduce(
      ps.size(), zero,
      [&](std::size_t i, LabourForce& a) {
        const auto st = ps.status[i];
        a.migrants += st == LabourStatus::Migrant;
        if (st == LabourStatus::Employed) {
          a.employed += 1;
          a.wage_sum += ps.wage[i];
        }
        if (!in_labour_force(st)) return;
        const auto h = ps.household[i];
        const int c = hh.county[h];
        a.c_lf[c] += 1;
        // Hukou first: most of the labour force has none, and then the settlement is not read.
        const bool registered = ps.urban_hukou[i] && w.settlements.is_urban(hh.settlement[h]);
        a.registered_lf += registered;
        if (st == LabourStatus::Unemployed) {
          a.unemployed += 1;
          a.c_unemployed[c] += 1;
          a.registered_unemployed += registered;
        } else {
          a.working += 1;
        }
      },
      [](LabourForce& a, const LabourForce& b) {
        for (auto [x, y] : {std::pair{&a.employed, &b.employed}, {&a.working, &b.working}, {&a.unemployed, &b.unemployed},
                            {&a.registered_lf, &b.registered_lf}, {&a.registered_unemployed, &b.registered_unemployed},
                            {&a.wage_sum, &b.wage_sum}, {&a.migrants, &b.migrants}})
          *x += *y;
        for (std::size_t c = 0; c < a.c_lf.size(); ++c) {
          a.c_lf[c] += b.c_lf[c];
          a.c_unemployed[c] += b.c_unemployed[c];
        }
      });
}

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

  count_labour_force(w);
  const double wage_sum = w.labour.wage_sum, wage_count = w.labour.employed;
  const auto &lf = w.labour.c_lf, &unemployed = w.labour.c_unemployed;
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
