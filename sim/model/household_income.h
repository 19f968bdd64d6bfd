#pragma once
// What counts as a household's own income in a means test: shared by the family-support
// system (systems/family_support.cpp) and the policies' means tests (policies/dibao.cpp), so
// both test the same sum.
#include <cstddef>

#include "world/households.h"

namespace prosim {

// A household's income this month before social assistance: every source up to other
// transfers, less income tax and contributions. Inline: both callers test every household
// with it each month, most of them only against a line (the same sum in the same order).
inline double income_before_assistance(const Households& hh, std::size_t h) {
  double income = 0;
  for (int s = kWages; s <= kOtherTransfers; ++s) income += hh.income[s][h];
  return income - hh.income[kIncomeTax][h] - hh.income[kSocialContributions][h];
}

}  // namespace prosim
