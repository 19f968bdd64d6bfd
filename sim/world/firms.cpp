#include "world/firms.h"

namespace prosim {

std::size_t Firms::add() {
  const std::size_t id = alive.size();
  alive.push_back(0);
  county.push_back(-1);
  settlement.push_back(-1);
  sector.push_back(Sector::Manufacturing);
  productivity.push_back(0);
  appeal.push_back(0);
  appeal_anchor.push_back(0);
  appeal_variance.push_back(0);
  wage_rate.push_back(0);
  price.push_back(1);
  expected_sales.push_back(0);
  demand.push_back(0);
  sales.push_back(0);
  wage_bill.push_back(0);
  labour_cost.push_back(0);
  profit.push_back(0);
  cash.push_back(0);
  efficiency_units.push_back(0);
  hours.push_back(1);
  employees.push_back(0);
  vacancies.push_back(0);
  owner.push_back(-1);
  loss_months.push_back(0);
  birth_month.push_back(0);
  compliant.push_back(1);
  return id;
}

}  // namespace prosim
