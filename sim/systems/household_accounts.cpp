// Step 8 (before recording): close the month's books. Disposable income is the sum
// of the month's sources less taxes and contributions (INDICATORS.md's definition);
// calendar-year totals roll over in December for households and villages.
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/parallel.h"
#include "systems/systems.h"

namespace prosim {

// One parallel pass over persons: the mean wage, unemployment by county of residence for the
// wage-setting (Phillips) response, and the recorder's labour-force counts. The counts are
// integers in the reduction (whole numbers: the same values as sums of doubles, which cost a
// conversion and a floating-point add each); the wage sum keeps its split tree.
void count_labour_force(World& w) {
  const auto& ps = w.persons;
  const auto& hh = w.households;
  const std::size_t C = w.counties.size();
  struct Counts {
    std::int64_t employed = 0, migrants = 0, registered_lf = 0, registered_unemployed = 0;
    double wage_sum = 0;
    std::vector<std::int64_t> lf, unemployed;  // by county
  } zero;
  zero.lf.assign(C, 0);
  zero.unemployed.assign(C, 0);
  // Only the labour force and migrants add to the counts: each leaf tests its slots' statuses
  // eight at a time and visits only those (in slot order: the wage sum adds the same terms in
  // the same order), skipping children, the inactive, the retired, the away and empty slots.
  // The labour force is the range [Employed, Inactive): in_labour_force()'s four statuses.
  static_assert(static_cast<int>(LabourStatus::Employed) == 1 && static_cast<int>(LabourStatus::Unemployed) == 4 &&
                static_cast<int>(LabourStatus::Inactive) == 5);
  const auto n = deterministic_reduce_ranges(
      ps.size(), zero,
      [&](std::size_t begin, std::size_t end, Counts& a) {
        // The arrays as pointers and the sums in locals over the leaf: the counts' stores would
        // otherwise make the compiler reload the arrays and the wage sum for every person.
        const LabourStatus* status = ps.status.data();
        const float* wage = ps.wage.data();
        const std::int32_t* household = ps.household.data();
        const std::uint8_t* urban_hukou = ps.urban_hukou.data();
        const std::int32_t* county = hh.county.data();
        const std::int32_t* settlement = hh.settlement.data();
        std::int64_t* lf = a.lf.data();
        std::int64_t* unemployed = a.unemployed.data();
        std::int64_t employed = 0, migrants = 0, registered_lf = 0, registered_unemployed = 0;
        double wage_sum = a.wage_sum;
        const auto count = [&](std::size_t i) {
          const auto st = status[i];
          migrants += st == LabourStatus::Migrant;
          if (st == LabourStatus::Employed) {
            employed += 1;
            wage_sum += wage[i];
          }
          if (!in_labour_force(st)) return;
          const auto h = household[i];
          const int c = county[h];
          const bool out_of_work = st == LabourStatus::Unemployed;
          lf[c] += 1;
          unemployed[c] += out_of_work;
          // Hukou first: most of the labour force has none, and then the settlement is not read.
          if (urban_hukou[i] && w.settlements.is_urban(settlement[h])) {
            registered_lf += 1;
            registered_unemployed += out_of_work;
          }
        };
        for_each_status_hit(
            status, begin, end,
            [](std::uint64_t word) {
              return statuses_between(word, LabourStatus::Employed, LabourStatus::Inactive) |
                     statuses_equal(word, LabourStatus::Migrant);
            },
            count);
        a.employed += employed;
        a.migrants += migrants;
        a.registered_lf += registered_lf;
        a.registered_unemployed += registered_unemployed;
        a.wage_sum = wage_sum;
      },
      [](Counts& a, const Counts& b) {
        a.employed += b.employed;
        a.migrants += b.migrants;
        a.registered_lf += b.registered_lf;
        a.registered_unemployed += b.registered_unemployed;
        a.wage_sum += b.wage_sum;
        for (std::size_t c = 0; c < a.lf.size(); ++c) {
          a.lf[c] += b.lf[c];
          a.unemployed[c] += b.unemployed[c];
        }
      });
  auto& l = w.labour;
  l.employed = static_cast<double>(n.employed);
  l.migrants = static_cast<double>(n.migrants);
  l.registered_lf = static_cast<double>(n.registered_lf);
  l.registered_unemployed = static_cast<double>(n.registered_unemployed);
  l.wage_sum = n.wage_sum;
  l.c_lf.resize(C);
  l.c_unemployed.resize(C);
  std::int64_t lf = 0, unemployed = 0;
  for (std::size_t c = 0; c < C; ++c) {
    l.c_lf[c] = static_cast<double>(n.lf[c]);
    l.c_unemployed[c] = static_cast<double>(n.unemployed[c]);
    lf += n.lf[c];
    unemployed += n.unemployed[c];
  }
  l.unemployed = static_cast<double>(unemployed);
  l.working = static_cast<double>(lf - unemployed);  // the labour force less the unemployed
}

void close_month(const Params& p, World& w, Workspace& /*ws*/) {
  auto& hh = w.households;
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
