#include "metrics/income_sources.h"

#include "core/parallel.h"

namespace prosim {

void IncomeSourceYear::add_month(const World& w) {
  const auto& hh = w.households;
  struct Sums {
    std::array<double, 2 * kSources> s{};
    double persons[2] = {0, 0};
  };
  const auto sums = deterministic_reduce(
      hh.size_(), Sums{},
      [&](std::size_t h, Sums& a) {
        const int g = w.settlements.is_urban(hh.settlement[h]) ? 0 : 1;
        const auto& in = hh.income;
        a.s[g * kSources + 0] += in[kWages][h];
        a.s[g * kSources + 1] += in[kSelfEmployment][h] + in[kFarm][h] + in[kProfits][h];
        a.s[g * kSources + 2] += in[kProperty][h];
        a.s[g * kSources + 3] += in[kPensions][h] + in[kSocialAssistance][h] + in[kOtherTransfers][h] - in[kIncomeTax][h] -
                                 in[kSocialContributions][h];
        a.persons[g] += hh.size[h];
      },
      [](Sums& a, const Sums& b) {
        for (int k = 0; k < 2 * kSources; ++k) a.s[k] += b.s[k];
        a.persons[0] += b.persons[0];
        a.persons[1] += b.persons[1];
      });
  for (int k = 0; k < 2 * kSources; ++k) sums_[k] += sums.s[k];
  person_months_[0] += sums.persons[0];
  person_months_[1] += sums.persons[1];
}

std::array<double, 2 * IncomeSourceYear::kSources> IncomeSourceYear::close_year() {
  std::array<double, 2 * kSources> out{};
  // Per head over the year: the year's income over the mean number of residents.
  for (int k = 0; k < 2 * kSources; ++k) {
    const double pm = person_months_[k / kSources];
    out[k] = pm > 0 ? 12 * sums_[k] / pm : 0.0;
  }
  sums_.fill(0);
  person_months_[0] = person_months_[1] = 0;
  return out;
}

}  // namespace prosim
