#include "world/world.h"

namespace prosim {

// Summed in id order, in one thread, so the value is the same in every run.
double World::total_money() const {
  double sum = 0;
  for (double s : households.savings) sum += s;
  for (std::size_t f = 0; f < firms.size(); ++f) sum += firms.cash[f];
  for (double c : villages.cash) sum += c;
  for (const auto& c : counties) sum += c.budget;
  sum += investment_fund;
  return sum;
}

}  // namespace prosim
