#pragma once
// One recorded series of a run, by group and name, for model tests (the test fails, not
// crashes, when the group or the variable is missing).
#include <doctest/doctest.h>

#include <cstddef>
#include <vector>

#include "record/run_record.h"

namespace prosim::testing {

inline const std::vector<double>& series(const RunRecord& r, const char* group, const char* name) {
  const auto* g = r.find_group(group);
  REQUIRE(g != nullptr);
  const auto* v = g->variable(name);
  REQUIRE(v != nullptr);
  return v->data;
}

// The mean of county `c`'s twelve months of year `y` (0 = the first recorded year) in a
// county series recorded month by month, `C` counties a month.
inline double county_year_mean(const std::vector<double>& monthly, std::size_t C, std::size_t y, std::size_t c) {
  double m = 0;
  for (std::size_t k = 0; k < 12; ++k) m += monthly[(12 * y + k) * C + c] / 12;
  return m;
}

}  // namespace prosim::testing
