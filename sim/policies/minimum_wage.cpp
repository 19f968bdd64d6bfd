// Minimum wage (最低工资). Each county belongs to a tier; the tiers' monthly levels
// come from the block's `tiers` and are replaced by each `schedule` entry from its date
// (Zhejiang: 2,280 / 2,070 / 1,840 yuan from 2021-08; 2,490 / 2,260 / 2,010 from
// 2024-01). An optional indexation rule raises all tiers every N years by `factor` x the
// growth of the employees' mean wage since the last change. `compliance` is the share
// of firms that pay at least the minimum (drawn per firm).
//
// The policy only sets the level in force; its effects (higher pay at the bottom,
// spillovers, layoffs of workers who no longer cover their cost, higher prices and
// lower demand for low-productivity firms, their exit) come from the wage, hiring,
// pricing and exit rules of the systems.
#include <memory>

#include "core/rng.h"
#include "policies/policy.h"

namespace prosim {
namespace {

class MinimumWage final : public Policy {
 public:
  MinimumWage(const nlohmann::ordered_json& block, const Params&) : block_(block) {
    for (const auto& t : block.at("tiers")) tiers_.push_back(t.get<double>());
    for (const auto& s : block.at("schedule")) {
      std::vector<double> levels;
      for (const auto& t : s.at("tiers")) levels.push_back(t.get<double>());
      schedule_.push_back({year_month_of(s.at("date")), levels});
    }
    if (block.contains("indexation")) {
      every_years_ = block.at("indexation").at("every_years").get<int>();
      factor_ = block.at("indexation").at("factor").get<double>();
    }
    compliance_ = block.at("compliance").get<double>();
  }
  std::string name() const override { return "minimum_wage"; }

  void begin_month(const Params& p, World& w) override {
    if (!policy_active(block_, w.date)) {
      for (auto& c : w.counties) c.min_wage = 0;
      return;
    }
    std::vector<double> levels = tiers_;
    for (const auto& [date, l] : schedule_)
      if (w.date >= date) levels = l;
    if (every_years_ > 0) apply_indexation(w, levels);
    for (auto& c : w.counties) {
      const std::size_t t = static_cast<std::size_t>(c.min_wage_tier - 1);
      c.min_wage = t < levels.size() ? levels[t] : levels.back();
    }
    // Compliance is a firm's trait, drawn once per firm (by id: common across scenarios).
    for (std::size_t k = 0; k < w.firms.size(); ++k) {
      RandomStream rng(p.seed, Purpose::MinimumWage, 0, k);
      w.firms.compliant[k] = rng.uniform() < compliance_;
    }
  }

 private:
  // Every `every_years_` in January, raise by factor x mean-wage growth since the last raise.
  void apply_indexation(const World& w, std::vector<double>& levels) {
    if (base_wage_ == 0) {
      base_wage_ = w.mean_wage_last_year;
      last_raise_ = w.date;
    }
    if (w.date.month == 1 && w.date.serial() - last_raise_.serial() >= 12 * every_years_ && base_wage_ > 0) {
      index_ *= 1 + factor_ * (w.mean_wage_last_year / base_wage_ - 1);
      base_wage_ = w.mean_wage_last_year;
      last_raise_ = w.date;
    }
    for (auto& l : levels) l *= index_;
  }

  nlohmann::ordered_json block_;
  std::vector<double> tiers_;
  std::vector<std::pair<YearMonth, std::vector<double>>> schedule_;
  int every_years_ = 0;
  double factor_ = 1.0, compliance_ = 1.0, index_ = 1.0, base_wage_ = 0;
  YearMonth last_raise_;
};

}  // namespace

std::unique_ptr<Policy> make_minimum_wage(const nlohmann::ordered_json& block, const Params& params) {
  return std::make_unique<MinimumWage>(block, params);
}

}  // namespace prosim
