#include "world/households.h"

#include <limits>

namespace prosim {

void Households::resize(std::size_t n) {
  settlement.resize(n, -1);
  county.resize(n, -1);
  first_member.resize(n, 0);
  size.resize(n, 0);
  capacity.resize(n, 0);
  land_mu.resize(n, 0.0f);
  land_let_mu.resize(n, 0.0f);
  land_taken_mu.resize(n, 0.0f);
  savings.resize(n, 0.0);
  for (auto& v : income) v.resize(n, 0.0);
  disposable.resize(n, 0.0);
  disposable_ytd.resize(n, 0.0);
  disposable_last_year.resize(n, std::numeric_limits<double>::quiet_NaN());
  consumption.resize(n, 0.0);
  occupant.resize(n, 0);
  relocated.resize(n, 0);
  migrated.resize(n, 0);
  initial_low_income.resize(n, 0);
  initial_income_pc.resize(n, std::numeric_limits<double>::quiet_NaN());
  origin_village.resize(n, -1);
  nonlocal.resize(n, 0);
  imputed_rent.resize(n, 0.0);
  wages_away.resize(n, 0.0);
}

double Households::gross_income(std::size_t h) const {
  double g = 0;
  for (int s = kWages; s <= kOtherTransfers; ++s) g += income[s][h];
  return g;
}

}  // namespace prosim
