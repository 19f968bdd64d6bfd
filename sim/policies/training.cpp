// Skills training (技能培训), the fifth policy: this file, training.schema.json and one line
// in registry.cpp. Each January from `start`, up to `annual_quota` working-age persons
// (real units) whose skill is below `skill_threshold` enrol, at `cost_per_trainee` to
// their county; `duration_months` later their skill rises by `skill_gain` (relative).
// Higher skill raises the wage offers they get and the firms that will hire them.
#include <limits>
#include <memory>

#include "core/rng.h"
#include "policies/policy.h"

namespace prosim {
namespace detail {
extern const char kPolicySchema_training[];  // training.schema.json, embedded by CMake
}  // namespace detail
namespace {

// Month index at which a course ends; kNone if not enrolled. (Month indexes are negative
// during the calibration burn-in, so -1 cannot be the sentinel.)
constexpr int kNone = std::numeric_limits<int>::min();
// Share of the eligible persons who apply for a place (assumption: not everyone eligible
// applies; docs/policies.md, training).
constexpr double kApplyShare = 0.5;

struct TrainingState final : PolicyState {
  bool started = false;
  std::vector<int> graduate;               // per person: month index at which the course ends
  std::vector<std::uint16_t> occupant;     // the slot's occupant number at enrolment
  double trainees = 0;                     // cumulative persons trained (simulated)
  double spending = 0;                     // cumulative, simulated yuan

  void archive(StateArchive& a) override {
    a.scalar("started", started);
    a.io("graduate", graduate);
    a.io("occupant", occupant);
    a.scalar("trainees", trainees);
    a.scalar("spending", spending);
  }
};

class Training final : public Policy {
 public:
  Training(const JsonReads& b, const Params&, PolicyContext context)
      : Policy(std::move(context)), block_(b.raw()) {
    quota_ = b.at("annual_quota").get<double>();
    threshold_ = b.at("skill_threshold").get<double>();
    cost_ = b.at("cost_per_trainee").get<double>();
    gain_ = b.at("skill_gain").get<double>();
    duration_ = int_of(b.at("duration_months"));
  }

  void begin_month(const Params& p, World& w) override {
    auto& ps = w.persons;
    auto& s = state<TrainingState>(w);
    auto& graduate_ = s.graduate;
    auto& occupant_ = s.occupant;
    graduate_.resize(ps.size(), kNone);
    occupant_.resize(ps.size(), 0);
    for (std::size_t i = 0; i < ps.size(); ++i)
      if (graduate_[i] == w.month_index) {
        // A trainee who died or left the region during the course is not the person in the
        // slot now; the newcomer gets nothing (the course was paid for all the same).
        if (ps.occupant[i] == occupant_[i]) ps.skill[i] = static_cast<float>(ps.skill[i] * (1 + gain_));
        graduate_[i] = kNone;
      }
    if (!policy_active(block_, w.date) || (w.date.month != 1 && s.started)) return;
    s.started = true;
    double places = quota_ * p.scale;
    const auto m = static_cast<std::uint32_t>(w.month_index + 100000);
    for (std::size_t i = 0; i < ps.size() && places >= 1; ++i) {
      const auto st = ps.status[i];
      const bool working_age = in_labour_force(st);
      if (!working_age || ps.skill[i] >= threshold_ || graduate_[i] != kNone) continue;
      RandomStream rng = random(p, 0, m, i);
      if (!rng.bernoulli(kApplyShare)) continue;
      graduate_[i] = w.month_index + duration_;
      occupant_[i] = ps.occupant[i];
      places -= 1;
      auto& county = w.counties[w.households.county[ps.household[i]]];
      county.budget -= cost_;
      county.revenue -= cost_;
      w.investment_fund += cost_;  // training providers are local businesses
      w.programme_spending += cost_;
      s.trainees += 1;
      s.spending += cost_;
    }
  }

 private:
  nlohmann::ordered_json block_;
  double quota_, threshold_, cost_, gain_;
  int duration_;
};

}  // namespace

PolicyType describe_training(std::size_t slot) {
  PolicyType t;
  t.schema = detail::kPolicySchema_training;
  t.make_state = [] { return std::make_unique<TrainingState>(); };
  t.make = [](const JsonReads& block, const Params& params, PolicyContext context) {
    return std::make_unique<Training>(block, params, std::move(context));
  };
  auto s = [slot](const MonthView& m) -> const TrainingState& { return state_of<TrainingState>(m.world, slot); };
  t.indicators = {
      {"trainees", "persons", "cumulative persons trained", IndicatorGroup::Region,
       [s](const MonthView& m, std::size_t) { return s(m).trainees * m.world.weight; }, "village_dividends_per_member"},
      {"training_spending", "yuan", "cumulative training spending", IndicatorGroup::Region,
       [s](const MonthView& m, std::size_t) { return s(m).spending * m.world.weight; }, "village_dividends_per_member"},
  };
  return t;
}

}  // namespace prosim
