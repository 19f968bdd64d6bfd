#pragma once
// One recorded series of a run, by group and name, for model tests (the test fails, not
// crashes, when the group or the variable is missing).
#include <doctest/doctest.h>

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

}  // namespace prosim::testing
