// Relocation down the mountain (下山搬迁). Households of eligible villages (terrain
// classes in `terrain`, or villages with no workplace within commuting reach when
// `include_remote`) decide each month whether to move to their county seat. Take-up is a
// logit in the expected income gain from town jobs, the household head's age and the
// subsidy relative to income; moves stop when the year's quota (households, real units)
// is used up. A mover gets `subsidy_per_person` from the county, pays
// `housing_cost_per_person` (spent on local construction: investment demand), leases its
// land out for `land_rent_per_mu` a year once nobody in it farms (the part its village's
// farmers do not take through the land market, which pays its own rent), spends
// `extra_living_cost` a month more in town, and its farmers under `keep_farming_age`
// look for jobs in town with the town's commuting reach (older ones keep farming their
// old land). It keeps its collective membership (dividends). Members of a relocated
// household who work outside the region (migrants) come back to look for work in town
// with probability `migrant_return_rate` a month: the move brings the household within
// reach of the county seat's jobs.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "core/rng.h"
#include "policies/policy.h"

namespace prosim {
namespace detail {
extern const char kPolicySchema_relocation[];  // relocation.schema.json, embedded by CMake
}  // namespace detail
namespace {

// The take-up choice's fixed parts (docs/policies.md, relocation; assumptions): in town the
// household's workers earn this share of the region's mean wage, its current income counts
// as at least this much a year (the gain's denominator), and the head's age enters per
// decade above this age (weight: the block's take_up.age_per_decade).
constexpr double kTownWageFactor = 0.95;
constexpr double kLeastAnnualIncome = 1000.0;  // yuan /year
constexpr double kChoiceAgeCentre = 45;        // years

struct RelocationState final : PolicyState {
  int year = 0;        // the quota's year
  double left = 0;     // households (simulated) the quota still allows this year
  double households = 0;  // cumulative households relocated (simulated)
  double spending = 0;    // cumulative subsidies, simulated yuan

  void archive(StateArchive& a) override {
    a.scalar("year", year);
    a.scalar("left", left);
    a.scalar("households", households);
    a.scalar("spending", spending);
  }
};

class Relocation final : public Policy {
 public:
  Relocation(const JsonReads& b, const Params&, PolicyContext context)
      : Policy(std::move(context)), block_(b.raw()) {
    for (const auto& t : b.at("terrain").elements()) {
      const auto name = t.get<std::string>();
      terrain_[name == "plain" ? 0 : name == "hill" ? 1 : 2] = true;
    }
    include_remote_ = b.at("include_remote").get<bool>();
    quota_ = b.at("annual_quota").get<double>();
    subsidy_ = b.at("subsidy_per_person").get<double>();
    housing_ = b.at("housing_cost_per_person").get<double>();
    land_rent_ = b.at("land_rent_per_mu").get<double>();
    living_ = b.at("extra_living_cost").get<double>();
    keep_farming_age_ = b.at("keep_farming_age").get<double>();
    migrant_return_ = b.at("migrant_return_rate").get<double>();
    const auto& logit = b.at("take_up");
    b0_ = logit.at("intercept").get<double>();
    b_gain_ = logit.at("gain").get<double>();
    b_age_ = logit.at("age_per_decade").get<double>();
    b_subsidy_ = logit.at("subsidy").get<double>();
  }

  void begin_month(const Params& p, World& w) override {
    auto& hh = w.households;
    const auto mr = static_cast<std::uint32_t>(w.month_index + 200000);
    // Movers' ongoing flows: land rent in, extra living costs out (spent locally); their
    // migrants come home to town jobs.
    for (std::size_t h = 0; h < hh.size_(); ++h) {
      if (!hh.relocated[h]) continue;
      for (int k = 0; k < hh.size[h]; ++k) {
        const auto i = hh.first_member[h] + k;
        if (w.persons.status[i] != LabourStatus::Migrant) continue;
        RandomStream rng = random(p, 0, mr, static_cast<std::uint64_t>(i));
        if (rng.bernoulli(migrant_return_)) w.persons.status[i] = LabourStatus::Unemployed;
      }
      bool farming = false;
      for (int k = 0; k < hh.size[h]; ++k) farming |= w.persons.status[hh.first_member[h] + k] == LabourStatus::Farming;
      // Leased out once nobody farms it: the land its village's farmers did not take last
      // month (World: land_let_mu, the land market of systems/land_market.cpp, which pays
      // for what they took) is leased by the programme to an outside operator.
      const double unlet = std::max(0.0, static_cast<double>(hh.land_mu[h]) - hh.land_let_mu[h]);
      const double rent = farming ? 0.0 : land_rent_ / 12.0 * unlet;
      hh.income[kProperty][h] += rent;
      hh.savings[h] += rent;
      w.row.land_rents += rent;
      const double extra = std::min(std::max(0.0, hh.savings[h]), living_ * hh.size[h]);
      hh.savings[h] -= extra;
      w.investment_fund += extra;  // town services and housing upkeep: local demand
    }
    if (!policy_active(block_, w.date)) return;
    auto& s = state<RelocationState>(w);
    if (w.date.month == 1 || s.year != w.date.year) {
      s.year = w.date.year;
      s.left = quota_ * p.scale;
    }
    decide(p, w);
  }

 private:
  bool eligible_village(const World& w, std::int32_t s) const {
    if (w.settlements.is_urban(s)) return false;
    return terrain_[static_cast<int>(w.settlements.terrain[s])] ||
           (include_remote_ && w.settlements.reachable_work[s].empty());
  }

  void decide(const Params& p, World& w) {
    auto& hh = w.households;
    auto& ps = w.persons;
    const auto m = static_cast<std::uint32_t>(w.month_index + 100000);
    // Households in a month-specific random order, so the quota does not favour low ids.
    std::vector<std::pair<std::uint64_t, std::int32_t>> order;
    for (std::size_t h = 0; h < hh.size_(); ++h)
      if (!hh.relocated[h] && eligible_village(w, hh.settlement[h]))
        order.emplace_back(RandomStream::mix(p.seed ^ (std::uint64_t(m) << 34) ^ h), static_cast<std::int32_t>(h));
    std::sort(order.begin(), order.end());
    const double mean_wage = w.mean_wage_last_year;
    auto& left = state<RelocationState>(w).left;
    for (const auto& [key, h] : order) {
      if (left < 1) break;
      int workers = 0;
      const double head_age = ps.age_months[hh.first_member[h]] / 12.0;
      for (int k = 0; k < hh.size[h]; ++k) {
        const auto st = ps.status[hh.first_member[h] + k];
        workers += in_labour_force(st);
      }
      const double current = std::max(kLeastAnnualIncome, 12 * hh.disposable[h]);
      // What the household keeps after the move: its income less its local wages and farm
      // income. Wages earned away (outside channel, model.md 4.8b) are kept, as the channel
      // stays with the household's origin (external_income.cpp).
      const double town = 12 * (workers * kTownWageFactor * mean_wage) + 12 * (hh.disposable[h] - hh.local_wages(h) - hh.income[kFarm][h]);
      const double gain = (town - current) / current;
      const double subsidy = subsidy_ * hh.size[h];  // per-person amounts are real yuan
      const double x = b0_ + b_gain_ * gain + b_age_ * (head_age - kChoiceAgeCentre) / 10 + b_subsidy_ * subsidy / current;
      const double annual = 1 / (1 + std::exp(-x));
      RandomStream rng = random(p, 0, m, static_cast<std::uint64_t>(h));
      if (!rng.bernoulli(1 - std::pow(1 - annual, 1.0 / 12.0))) continue;
      move(p, w, h, subsidy);
      left -= 1;
    }
  }

  void move(const Params&, World& w, std::int32_t h, double subsidy) {
    auto& hh = w.households;
    auto& ps = w.persons;
    auto& county = w.counties[hh.county[h]];
    const auto v = w.settlements.village[hh.settlement[h]];
    w.villages.members[v] -= hh.size[h];
    hh.settlement[h] = county.towns[0];
    hh.relocated[h] = 1;
    // Younger farmers look for jobs in town; farmers aged `keep_farming_age` and over keep
    // working their land up the mountain (as many relocated households do).
    for (int k = 0; k < hh.size[h]; ++k) {
      const auto i = hh.first_member[h] + k;
      if (ps.status[i] == LabourStatus::Farming && ps.age_months[i] < keep_farming_age_ * 12)
        ps.status[i] = LabourStatus::Unemployed;
    }
    county.budget -= subsidy;
    county.revenue -= subsidy;
    hh.income[kOtherTransfers][h] += subsidy;
    hh.savings[h] += subsidy;
    const double housing = housing_ * hh.size[h];
    hh.savings[h] -= housing;
    w.investment_fund += housing;  // construction of the resettlement housing
    w.programme_spending += subsidy;
    auto& s = state<RelocationState>(w);
    s.households += 1;
    s.spending += subsidy;
  }

  nlohmann::ordered_json block_;
  bool terrain_[3] = {false, false, false};
  bool include_remote_ = false;
  double quota_, subsidy_, housing_, land_rent_, living_, keep_farming_age_, migrant_return_, b0_, b_gain_, b_age_, b_subsidy_;
};

double ratio(double a, double b) { return b != 0 ? a / b : std::numeric_limits<double>::quiet_NaN(); }

}  // namespace

PolicyType describe_relocation(std::size_t slot) {
  PolicyType t;
  t.schema = detail::kPolicySchema_relocation;
  t.make_state = [] { return std::make_unique<RelocationState>(); };
  t.make = [](const JsonReads& block, const Params& params, PolicyContext context) {
    return std::make_unique<Relocation>(block, params, std::move(context));
  };
  auto s = [slot](const MonthView& m) -> const RelocationState& { return state_of<RelocationState>(m.world, slot); };
  const std::string after = "village_dividends_per_member";
  t.indicators = {
      {"relocated_households", "count", "cumulative households relocated under the programme", IndicatorGroup::Region,
       [s](const MonthView& m, std::size_t) { return s(m).households * m.world.weight; }, after},
      {"relocation_spending", "yuan", "cumulative relocation subsidies", IndicatorGroup::Region,
       [s](const MonthView& m, std::size_t) { return s(m).spending * m.world.weight; }, after},
      {"relocation_cost_per_household", "yuan", "cumulative relocation subsidies per relocated household",
       IndicatorGroup::Region, [s](const MonthView& m, std::size_t) { return ratio(s(m).spending, s(m).households); },
       after},
  };
  return t;
}

}  // namespace prosim
