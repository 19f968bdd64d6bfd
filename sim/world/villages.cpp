#include "world/villages.h"

namespace prosim {

void Villages::resize(std::size_t n) {
  for (auto* v : {&settlement, &county, &members, &initial_members, &registered_members}) v->resize(n, 0);
  for (auto* v : {&assets, &asset_yield, &cash, &operating_income, &subsidy_income, &investment_returns,
                  &dividends, &operating_ytd, &total_ytd, &dividends_ytd,
                  &operating_last_year, &total_last_year, &dividends_last_year})
    v->resize(n, 0.0);
  weak.resize(n, 0);
}

}  // namespace prosim
