// Skills training (技能培训), the fifth policy, added as one file plus one line in
// registry.cpp. Each January from `start`, up to `annual_quota` working-age persons
// (real units) whose skill is below `skill_threshold` enrol, at `cost_per_trainee` to
// their county; `duration_months` later their skill rises by `skill_gain` (relative).
// Higher skill raises the wage offers they get and the firms that will hire them.
#include <limits>
#include <memory>

#include "core/rng.h"
#include "policies/policy.h"

namespace prosim {
namespace {

class Training final : public Policy {
 public:
  Training(const nlohmann::ordered_json& b, const Params&) : block_(b) {
    quota_ = b.at("annual_quota").get<double>();
    threshold_ = b.at("skill_threshold").get<double>();
    cost_ = b.at("cost_per_trainee").get<double>();
    gain_ = b.at("skill_gain").get<double>();
    duration_ = int_of(b.at("duration_months"));
  }
  std::string name() const override { return "training"; }
  void archive_state(StateArchive& a) override {
    a.scalar("started", started_);
    a.io("graduate", graduate_);
    a.io("occupant", occupant_);
  }

  void begin_month(const Params& p, World& w) override {
    auto& ps = w.persons;
    graduate_.resize(ps.size(), kNone);
    occupant_.resize(ps.size(), 0);
    for (std::size_t i = 0; i < ps.size(); ++i)
      if (graduate_[i] == w.month_index) {
        // A trainee who died or left the region during the course is not the person in the
        // slot now; the newcomer gets nothing (the course was paid for all the same).
        if (ps.occupant[i] == occupant_[i]) ps.skill[i] = static_cast<float>(ps.skill[i] * (1 + gain_));
        graduate_[i] = kNone;
      }
    if (!policy_active(block_, w.date) || (w.date.month != 1 && started_)) return;
    started_ = true;
    double places = quota_ * p.scale;
    const auto m = static_cast<std::uint32_t>(w.month_index + 100000);
    for (std::size_t i = 0; i < ps.size() && places >= 1; ++i) {
      const auto st = ps.status[i];
      const bool working_age = in_labour_force(st);
      if (!working_age || ps.skill[i] >= threshold_ || graduate_[i] != kNone) continue;
      RandomStream rng(p.seed, Purpose::Training, m, i);
      if (!rng.bernoulli(0.5)) continue;  // not everyone eligible applies
      graduate_[i] = w.month_index + duration_;
      occupant_[i] = ps.occupant[i];
      places -= 1;
      auto& county = w.counties[w.households.county[ps.household[i]]];
      county.budget -= cost_;
      county.revenue -= cost_;
      w.investment_fund += cost_;  // training providers are local businesses
      w.programme_spending += cost_;
      w.policy.trainees += 1;
      w.policy.training_spending += cost_;
    }
  }

 private:
  nlohmann::ordered_json block_;
  double quota_, threshold_, cost_, gain_;
  int duration_;
  bool started_ = false;
  // Month index at which each person's course ends; kNone if not enrolled. (Month
  // indexes are negative during the calibration burn-in, so -1 cannot be the sentinel.)
  static constexpr int kNone = std::numeric_limits<int>::min();
  std::vector<int> graduate_;
  std::vector<std::uint16_t> occupant_;  // the slot's occupant number at enrolment
};

}  // namespace

std::unique_ptr<Policy> make_training(const nlohmann::ordered_json& block, const Params& params) {
  return std::make_unique<Training>(block, params);
}

}  // namespace prosim
