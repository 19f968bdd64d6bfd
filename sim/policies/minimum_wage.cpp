// Minimum wage (最低工资). Each county belongs to a tier; the tiers' monthly levels
// come from the block's `tiers` and are replaced by each `schedule` entry from its date
// (Zhejiang: 2,280 / 2,070 / 1,840 yuan from 2021-08; 2,490 / 2,260 / 2,010 from
// 2024-01). An optional indexation rule scales all tiers on top of the schedule:
//  - "average_wage": every N years by `factor` x the growth of the employees' mean wage
//    since the last change;
//  - "dosi": every `period_months`, by f(psi_p dP + psi_a dA + psi_u dU) (Dosi et al.;
//    minimum_wage_rule.h), from the simulated economy's price index, labour productivity
//    and unemployment rate, averaged over the last period against the period before.
// `compliance` is the share of firms that pay at least the minimum (drawn per firm).
//
// The policy only sets the level in force; its effects (higher pay at the bottom,
// spillovers, layoffs of workers who no longer cover their cost, higher prices and
// lower demand for low-productivity firms, their exit) come from the wage, hiring,
// pricing and exit rules of the systems.
#include <deque>
#include <memory>

#include "core/rng.h"
#include "policies/minimum_wage_rule.h"
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
      const auto& ix = block.at("indexation");
      dosi_ = ix.at("rule").get<std::string>() == "dosi";
      if (dosi_) {
        period_ = int_of(ix.at("period_months"));
        rule_start_ = year_month_of(ix.contains("start") ? ix.at("start") : block.at("start"));
        rule_.psi_prices = ix.at("psi_prices").get<double>();
        rule_.psi_productivity = ix.at("psi_productivity").get<double>();
        rule_.psi_unemployment = ix.at("psi_unemployment").get<double>();
        rule_.min_change = ix.at("min_change").get<double>();
        rule_.max_change = ix.at("max_change").get<double>();
      } else {
        every_years_ = int_of(ix.at("every_years"));
        factor_ = ix.at("factor").get<double>();
      }
    }
    compliance_ = block.at("compliance").get<double>();
  }
  std::string name() const override { return "minimum_wage"; }
  void archive_state(StateArchive& a) override {
    a.scalar("last_revision", last_revision_);
    a.scalar("index", index_);
    a.scalar("base_wage", base_wage_);
    a.scalar("last_raise_year", last_raise_.year);
    a.scalar("last_raise_month", last_raise_.month);
    std::vector<double> price, productivity, unemployment;
    for (const auto& m : history_) {
      price.push_back(m.price_index);
      productivity.push_back(m.productivity);
      unemployment.push_back(m.unemployment);
    }
    a.io("history_price_index", price);
    a.io("history_productivity", productivity);
    a.io("history_unemployment", unemployment);
    if (!a.loading()) return;
    if (productivity.size() != price.size() || unemployment.size() != price.size())
      a.fail("minimum_wage history: columns of different lengths");
    history_.clear();
    for (std::size_t k = 0; k < price.size(); ++k) history_.push_back({price[k], productivity[k], unemployment[k]});
    // A state saved by a scenario whose rule has a longer period keeps more months.
    while (history_.size() > static_cast<std::size_t>(2 * period_)) history_.pop_front();
  }

  void begin_month(const Params& p, World& w) override {
    // The indicators are recorded whether or not the Dosi rule is on (they only feed it), so
    // that a scenario switching the rule on later can fork from a state of one without it
    // (engine/fork_check.cpp).
    if (w.month_index >= 0) record(w);
    if (!policy_active(block_, w.date)) {
      for (auto& c : w.counties) c.min_wage = 0;
      return;
    }
    std::vector<double> levels = tiers_;
    for (const auto& [date, l] : schedule_)
      if (w.date >= date) levels = l;
    if (every_years_ > 0) apply_indexation(w, levels);
    if (dosi_) apply_dosi(w, levels);
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

  // Last month's indicators (begin_month runs before this month's plans).
  void record(const World& w) {
    const auto& f = w.firms;
    double sales = 0, quantity = 0, employees = 0;
    for (std::size_t k = 0; k < f.size(); ++k) {
      if (!f.alive[k] || f.price[k] <= 0) continue;
      sales += f.sales[k];
      quantity += f.sales[k] / f.price[k];
      employees += f.employees[k];
    }
    double unemployed = 0, labour_force = 0;
    for (std::size_t i = 0; i < w.persons.size(); ++i) {
      const auto st = w.persons.status[i];
      labour_force += in_labour_force(st);
      unemployed += st == LabourStatus::Unemployed;
    }
    MacroIndicators m;
    m.price_index = quantity > 0 ? sales / quantity : 0;
    m.productivity = employees > 0 ? quantity / employees : 0;
    m.unemployment = labour_force > 0 ? unemployed / labour_force : 0;
    history_.push_back(m);
    while (history_.size() > static_cast<std::size_t>(2 * period_)) history_.pop_front();
  }

  // Every `period_` months from the rule's start (its first revision), the rule compares
  // the last period's average indicators with the period's before and scales the tiers
  // by 1 + the change.
  void apply_dosi(const World& w, std::vector<double>& levels) {
    const int since = w.date.serial() - rule_start_.serial();
    if (since >= 0 && since % period_ == 0 && since != last_revision_ &&
        history_.size() == static_cast<std::size_t>(2 * period_)) {
      MacroIndicators before, now;
      for (int j = 0; j < period_; ++j) {
        const auto& a = history_[j];
        const auto& b = history_[period_ + j];
        before.price_index += a.price_index / period_;
        before.productivity += a.productivity / period_;
        before.unemployment += a.unemployment / period_;
        now.price_index += b.price_index / period_;
        now.productivity += b.productivity / period_;
        now.unemployment += b.unemployment / period_;
      }
      index_ *= 1 + dosi_minimum_wage_change(rule_, before, now);
      last_revision_ = since;
    }
    for (auto& l : levels) l *= index_;
  }

  nlohmann::ordered_json block_;
  bool dosi_ = false;
  int period_ = 12, last_revision_ = -1;
  YearMonth rule_start_;
  DosiRule rule_;
  std::deque<MacroIndicators> history_;
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
