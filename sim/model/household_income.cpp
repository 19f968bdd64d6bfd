#include "model/household_income.h"

namespace prosim {

double income_before_assistance(const Households& hh, std::size_t h) {
  double income = 0;
  for (int s = kWages; s <= kOtherTransfers; ++s) income += hh.income[s][h];
  return income - hh.income[kIncomeTax][h] - hh.income[kSocialContributions][h];
}

}  // namespace prosim
