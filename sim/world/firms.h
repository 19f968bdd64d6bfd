#pragma once
// Firms, struct-of-arrays. Dead firms keep their slot (alive = 0) so ids stay
// stable; entrants are appended. A firm's id keys its random draws.
#include <cstdint>
#include <vector>

namespace prosim {

enum class Sector : std::uint8_t { AgriProcessing = 0, Manufacturing = 1, Services = 2 };
inline constexpr int kSectorCount = 3;

struct Firms {
  std::vector<std::uint8_t> alive;
  std::vector<std::int32_t> county;
  std::vector<std::int32_t> settlement;   // a town or a park
  std::vector<Sector> sector;
  std::vector<double> productivity;       // value added per efficiency unit per month at base prices
  std::vector<double> appeal;             // demand weight (brand, location, size potential); Zipf-like
  std::vector<double> appeal_anchor;      // log of the appeal at entry, which appeal reverts to (firm_planning.cpp)
  std::vector<double> appeal_variance;    // variance of log appeal about its expected path, from the shocks so far
  std::vector<double> wage_rate;          // posted wage per efficiency unit, yuan/month
  std::vector<double> price;              // relative price (1 = base)
  std::vector<double> expected_sales;     // smoothed, yuan/month
  std::vector<double> demand;             // notional demand this month (before capacity limits), yuan
  std::vector<double> sales;              // this month, realised (capped by capacity), yuan
  std::vector<double> wage_bill;          // gross wages this month, yuan
  std::vector<double> labour_cost;        // wages + employer contributions
  std::vector<double> profit;             // this month, after tax, yuan
  std::vector<double> cash;               // retained earnings (an account), yuan
  std::vector<double> efficiency_units;   // sum of employees' skill
  std::vector<double> hours;              // share of normal hours worked and paid this month (< 1: short time)
  std::vector<std::int32_t> employees;
  std::vector<std::int32_t> vacancies;
  std::vector<std::int32_t> owner;        // owner household; -1: the county's investment platform
  std::vector<std::int16_t> loss_months;  // consecutive months with a loss
  std::vector<std::int32_t> birth_month;  // month index of entry (negative: before the run)
  // Pays at least the county's wage floor (County::min_wage): 1 unless a policy drew the
  // firm as evading it. Read by the wage rules of the systems, so kept here, not in a
  // policy's state block.
  std::vector<std::uint8_t> compliant;

  std::size_t size() const { return alive.size(); }
  std::size_t add();  // appends a dead-initialised slot, returns its id
};

}  // namespace prosim
