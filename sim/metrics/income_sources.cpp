#include "metrics/income_sources.h"

namespace prosim {

void IncomeSourceYear::add_month(const IncomeSourceMonth& m) {
  for (int k = 0; k < 2 * kSources; ++k) sums_[k] += m.s[k];
  person_months_[0] += m.persons[0];
  person_months_[1] += m.persons[1];
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
