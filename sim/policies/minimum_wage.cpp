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
#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <string>
#include <vector>
#include <memory>

#include "core/parallel.h"
#include "core/rng.h"
#include "policies/minimum_wage_rule.h"
#include "policies/policy.h"

namespace prosim {
namespace detail {
extern const char kPolicySchema_minimum_wage[];  // minimum_wage.schema.json, embedded by CMake
}  // namespace detail
namespace {

// The indicator min_wage_workers_share counts employees paid at most this multiple of their
// county's minimum wage ("within 5 %": an output definition).
constexpr double kNearMinimumWage = 1.05;

// Two integer counts over persons 0..N-1, by fixed blocks of persons: exact in any order, so
// the parallel pass gives the sequential loop's values at any thread count. count(i, a, b)
// adds person i to the block's counts a and b.
struct TwoCounts {
  std::int64_t a = 0, b = 0;
};
template <class Count>
TwoCounts count_by_blocks(std::size_t N, Count&& count) {
  const std::size_t B = fixed_blocks(N, 65536, 16);
  TwoCounts of[16] = {};
  for_each_block(N, B, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::int64_t x = 0, y = 0;
    for (std::size_t i = begin; i < end; ++i) count(i, x, y);
    of[b] = {x, y};
  });
  TwoCounts total;
  for (std::size_t b = 0; b < B; ++b) {
    total.a += of[b].a;
    total.b += of[b].b;
  }
  return total;
}

struct MinimumWageState final : PolicyState {
  std::deque<MacroIndicators> history;  // the last 2 x period months' indicators (Dosi rule)
  int last_revision = -1;               // months since the rule's start at its last revision
  double index = 1.0;                   // cumulative indexation factor of the tiers
  double base_wage = 0;                 // mean wage at the last raise (wage indexation)
  YearMonth last_raise;

  void archive(StateArchive& a) override {
    a.scalar("last_revision", last_revision);
    a.scalar("index", index);
    a.scalar("base_wage", base_wage);
    a.scalar("last_raise_year", last_raise.year);
    a.scalar("last_raise_month", last_raise.month);
    std::vector<double> price, productivity, unemployment;
    for (const auto& m : history) {
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
    // A state saved by a scenario whose rule has a longer period keeps more months: the
    // next month's record() trims the history to this scenario's 2 x period.
    history.clear();
    for (std::size_t k = 0; k < price.size(); ++k) history.push_back({price[k], productivity[k], unemployment[k]});
  }
};

class MinimumWage final : public Policy {
 public:
  MinimumWage(const JsonReads& block, const Params&, PolicyContext context)
      : Policy(std::move(context)), block_(block.raw()) {
    for (const auto& t : block.at("tiers").elements()) tiers_.push_back(t.get<double>());
    for (const auto& s : block.at("schedule").elements()) {
      std::vector<double> levels;
      for (const auto& t : s.at("tiers").elements()) levels.push_back(t.get<double>());
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
        // The wage-indexation rule's keys (present with their defaults) do not apply.
        for (const char* key : {"every_years", "factor"})
          if (ix.contains(key)) ix.at(key).mark();
      } else {
        every_years_ = int_of(ix.at("every_years"));
        factor_ = ix.at("factor").get<double>();
        // The Dosi rule's keys (present with their defaults) do not apply.
        for (const char* key : {"period_months", "start", "psi_prices", "psi_productivity", "psi_unemployment",
                                "min_change", "max_change"})
          if (ix.contains(key)) ix.at(key).mark();
      }
    }
    compliance_ = block.at("compliance").get<double>();
  }

  void begin_month(const Params& p, World& w) override {
    auto& s = state<MinimumWageState>(w);
    // The indicators are recorded whether or not the Dosi rule is on (they only feed it), so
    // that a scenario switching the rule on later can fork from a state of one without it
    // (engine/fork_check.cpp).
    if (w.month_index >= 0) record(w, s);
    if (!policy_active(block_, w.date)) {
      for (auto& c : w.counties) c.min_wage = 0;
      return;
    }
    std::vector<double> levels = tiers_;
    for (const auto& [date, l] : schedule_)
      if (w.date >= date) levels = l;
    if (every_years_ > 0) apply_indexation(w, s, levels);
    if (dosi_) apply_dosi(w, s, levels);
    for (auto& c : w.counties) {
      const std::size_t t = static_cast<std::size_t>(c.min_wage_tier - 1);
      c.min_wage = t < levels.size() ? levels[t] : levels.back();
    }
    // Compliance is a firm's trait, drawn once per firm (by id: common across scenarios).
    for (std::size_t k = 0; k < w.firms.size(); ++k) {
      RandomStream rng = random(p, 0, 0, k);
      w.firms.compliant[k] = rng.uniform() < compliance_;
    }
  }

 private:
  // Every `every_years_` in January, raise by factor x mean-wage growth since the last raise.
  void apply_indexation(const World& w, MinimumWageState& s, std::vector<double>& levels) const {
    if (s.base_wage == 0) {
      s.base_wage = w.mean_wage_last_year;
      s.last_raise = w.date;
    }
    if (w.date.month == 1 && w.date.serial() - s.last_raise.serial() >= 12 * every_years_ && s.base_wage > 0) {
      s.index *= 1 + factor_ * (w.mean_wage_last_year / s.base_wage - 1);
      s.base_wage = w.mean_wage_last_year;
      s.last_raise = w.date;
    }
    for (auto& l : levels) l *= s.index;
  }

  // Last month's indicators (begin_month runs before this month's plans).
  void record(const World& w, MinimumWageState& s) const {
    const auto& f = w.firms;
    double sales = 0, quantity = 0, employees = 0;
    for (std::size_t k = 0; k < f.size(); ++k) {
      if (!f.alive[k] || f.price[k] <= 0) continue;
      sales += f.sales[k];
      quantity += f.sales[k] / f.price[k];
      employees += f.employees[k];
    }
    // Counts: exact in any order, so a parallel pass gives the sequential loop's bits. They
    // are integers, by fixed blocks of persons over the status bytes alone, a loop the
    // compiler vectorises (double counts in a reduction, as before, cost about ten
    // instructions a person a month; the same values).
    const LabourStatus* const status = w.persons.status.data();
    const TwoCounts c = count_by_blocks(w.persons.size(), [status](std::size_t i, std::int64_t& unemployed, std::int64_t& labour_force) {
      labour_force += in_labour_force(status[i]);
      unemployed += status[i] == LabourStatus::Unemployed;
    });
    const std::int64_t unemployed_count = c.a, labour_force_count = c.b;
    const auto unemployed = static_cast<double>(unemployed_count), labour_force = static_cast<double>(labour_force_count);
    MacroIndicators m;
    m.price_index = quantity > 0 ? sales / quantity : 0;
    m.productivity = employees > 0 ? quantity / employees : 0;
    m.unemployment = labour_force > 0 ? unemployed / labour_force : 0;
    s.history.push_back(m);
    while (s.history.size() > static_cast<std::size_t>(2 * period_)) s.history.pop_front();
  }

  // Every `period_` months from the rule's start (its first revision), the rule compares
  // the last period's average indicators with the period's before and scales the tiers
  // by 1 + the change.
  void apply_dosi(const World& w, MinimumWageState& s, std::vector<double>& levels) const {
    const int since = w.date.serial() - rule_start_.serial();
    if (since >= 0 && since % period_ == 0 && since != s.last_revision &&
        s.history.size() == static_cast<std::size_t>(2 * period_)) {
      MacroIndicators before, now;
      for (int j = 0; j < period_; ++j) {
        const auto& a = s.history[j];
        const auto& b = s.history[period_ + j];
        before.price_index += a.price_index / period_;
        before.productivity += a.productivity / period_;
        before.unemployment += a.unemployment / period_;
        now.price_index += b.price_index / period_;
        now.productivity += b.productivity / period_;
        now.unemployment += b.unemployment / period_;
      }
      s.index *= 1 + dosi_minimum_wage_change(rule_, before, now);
      s.last_revision = since;
    }
    for (auto& l : levels) l *= s.index;
  }

  nlohmann::ordered_json block_;
  bool dosi_ = false;
  int period_ = 12;
  YearMonth rule_start_;
  DosiRule rule_;
  std::vector<double> tiers_;
  std::vector<std::pair<YearMonth, std::vector<double>>> schedule_;
  int every_years_ = 0;
  double factor_ = 1.0, compliance_ = 1.0;
};

}  // namespace

namespace {

using Json = nlohmann::ordered_json;
using Report = std::function<void(const std::string&, const std::string&)>;

YearMonth month_at(const Json& doc, const std::string& pointer) { return year_month_of(doc.at(Json::json_pointer(pointer))); }
std::string quoted(const YearMonth& ym) { return "\"" + ym.str() + "\""; }
std::string pointer_key(const std::string& key) {  // RFC 6901: ~ -> ~0, / -> ~1
  std::string out;
  for (char c : key) out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
  return out;
}

// Tier counts: every county's min_wage_tier names a tier, and every schedule entry lists one
// level per tier; schedule dates increase. Without the block, the schema's default tiers
// define the count.
void check_tiers(const Json& doc, const Report& add) {
  const Json& policies = doc.at("policies");
  const bool has_block = policies.contains("minimum_wage");
  static const std::size_t default_count =
      Json::parse(detail::kPolicySchema_minimum_wage).at("properties").at("tiers").at("default").size();
  const std::size_t tier_count = has_block ? policies.at("minimum_wage").at("tiers").size() : default_count;
  for (const auto& [name, county] : doc.at("region").at("counties").items()) {
    const auto tier = county.at("min_wage_tier").get<std::int64_t>();
    if (tier < 1 || static_cast<std::size_t>(tier) > tier_count)
      add("/region/counties/" + pointer_key(name) + "/min_wage_tier",
          "an integer from 1 to " + std::to_string(tier_count) + " (the number of tiers in /policies/minimum_wage/tiers)");
  }
  if (!has_block) return;
  const Json& schedule = policies.at("minimum_wage").at("schedule");
  for (std::size_t i = 0; i < schedule.size(); ++i) {
    const std::string at = "/policies/minimum_wage/schedule/" + std::to_string(i);
    if (i > 0) {
      const YearMonth previous = month_at(doc, "/policies/minimum_wage/schedule/" + std::to_string(i - 1) + "/date");
      if (month_at(doc, at + "/date") <= previous)
        add(at + "/date", "a month after " + quoted(previous) + " (schedule dates must be strictly increasing)");
    }
    if (schedule[i].at("tiers").size() != tier_count)
      add(at + "/tiers",
          "an array of " + std::to_string(tier_count) + " items (one per tier in /policies/minimum_wage/tiers)");
  }
}

// Schedule entries set by the user after the run's end do not act (a warning: a schedule is a
// list that often runs past a shortened run's end); entries before the start act from the
// start or are replaced before it (a warning that says which).
void check_schedule_dates(const Json& given, const Json& doc, const Report& warn) {
  if (!doc.at("policies").contains("minimum_wage")) return;
  const YearMonth start = month_at(doc, "/start"), end = month_at(doc, "/end");
  auto is_given = [&](const std::string& pointer) { return given.contains(Json::json_pointer(pointer)); };
  const Json& schedule = doc.at("policies").at("minimum_wage").at("schedule");
  const std::string base = "/policies/minimum_wage/schedule/";
  std::size_t last_before = schedule.size();  // the last entry dated before the start, if any
  for (std::size_t i = 0; i < schedule.size(); ++i) {
    const std::string at = base + std::to_string(i) + "/date";
    const YearMonth ym = month_at(doc, at);
    if (end < ym && is_given(at))
      warn(at, quoted(ym) + " is after the run's end " + quoted(end) + "; this schedule entry does not act in this run");
    if (ym < start) last_before = i;
  }
  for (std::size_t i = 0; i < schedule.size() && i <= last_before && last_before < schedule.size(); ++i) {
    const std::string at = base + std::to_string(i) + "/date";
    if (!is_given(at)) continue;
    const YearMonth ym = month_at(doc, at);
    if (!(ym < start)) continue;
    const bool replaced_at_start = i + 1 < schedule.size() && !(start < month_at(doc, base + std::to_string(i + 1) + "/date"));
    warn(at, quoted(ym) + " is before the run's start " + quoted(start) +
                 (replaced_at_start ? "; a later entry replaces it by the start, so it never applies"
                                    : "; its tiers apply from the start"));
  }
}

}  // namespace

PolicyType describe_minimum_wage(std::size_t) {
  PolicyType t;
  t.schema = detail::kPolicySchema_minimum_wage;
  t.make_state = [] { return std::make_unique<MinimumWageState>(); };
  t.make = [](const JsonReads& block, const Params& params, PolicyContext context) {
    return std::make_unique<MinimumWage>(block, params, std::move(context));
  };
  t.indicators = {
      {"min_wage_workers_share", "1", "employees paid within 5 % of their county's minimum wage", IndicatorGroup::Region,
       [](const MonthView& m, std::size_t) {
         const auto& ps = m.world.persons;
         const auto& f = m.world.firms;
         // Each firm's bound, kNearMinimumWage x its county's minimum wage (-inf where there
         // is none: no wage is near it), once per firm instead of once per employee.
         std::vector<double> bound(f.size());
         for (std::size_t k = 0; k < f.size(); ++k) {
           const double mw = m.world.counties[f.county[k]].min_wage;
           bound[k] = mw > 0 ? kNearMinimumWage * mw : -std::numeric_limits<double>::infinity();
         }
         // Integer counts by blocks of persons (count_by_blocks; the double counts of a
         // reduction before, the same values).
         const TwoCounts c = count_by_blocks(ps.size(), [&](std::size_t i, std::int64_t& near, std::int64_t& employed) {
           if (ps.status[i] != LabourStatus::Employed) return;
           employed += 1;
           near += ps.wage[i] <= bound[static_cast<std::size_t>(ps.employer[i])];
         });
         const std::int64_t near = c.a, employed = c.b;
         return employed != 0 ? static_cast<double>(near) / static_cast<double>(employed)
                              : std::numeric_limits<double>::quiet_NaN();
       },
       "median_wage"},
      {"min_wage", "yuan/month", "minimum wage in force", IndicatorGroup::County,
       [](const MonthView& m, std::size_t c) { return m.world.counties[c].min_wage; }, "weak_villages"},
  };
  t.check = check_tiers;
  t.check_dates = check_schedule_dates;
  t.acts_from = [](const std::string& key, const nlohmann::ordered_json& a, const nlohmann::ordered_json& b,
                   YearMonth start, YearMonth run_start) -> std::optional<YearMonth> {
    if (key == "schedule") {
      // The first entry that differs acts from its date (entries are in date order).
      const auto &x = a.at("schedule"), &y = b.at("schedule");
      for (std::size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
        if (i < x.size() && i < y.size() && x[i] == y[i]) continue;
        YearMonth when = i < x.size() ? year_month_of(x[i].at("date")) : year_month_of(y[i].at("date"));
        if (i < x.size() && i < y.size()) when = std::min(when, year_month_of(y[i].at("date")));
        return std::max(start, when);
      }
    }
    if (key == "indexation") {
      // A Dosi rule acts from its first revision; the indicators it reads are recorded in
      // every run (begin_month), except that its period sets how many are kept.
      auto ix_start = [&](const nlohmann::ordered_json& block) -> std::optional<YearMonth> {
        if (!block.contains("indexation")) return std::nullopt;
        const auto& ix = block.at("indexation");
        if (ix.value("rule", "") != "dosi") return year_month_of(block.at("start"));
        return ix.contains("start") ? year_month_of(ix.at("start")) : year_month_of(block.at("start"));
      };
      const bool both = a.contains("indexation") && b.contains("indexation");
      if (both && a.at("indexation").value("period_months", 12) != b.at("indexation").value("period_months", 12))
        return run_start;
      YearMonth when{99999, 12};
      for (const auto& s : {ix_start(a), ix_start(b)})
        if (s) when = std::min(when, *s);
      return std::max(start, when);
    }
    return std::nullopt;
  };
  t.action_dates = [](const nlohmann::ordered_json& block, const std::function<void(const nlohmann::ordered_json&)>& add) {
    for (const auto& entry : block.value("schedule", nlohmann::ordered_json::array())) add(entry.at("date"));
    if (block.contains("indexation") && block.at("indexation").contains("start")) add(block.at("indexation").at("start"));
  };
  return t;
}

}  // namespace prosim
