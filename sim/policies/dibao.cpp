// Minimum living guarantee (最低生活保障, dibao). A household whose per-capita income
// this month (before dibao) is below its county's standard receives the difference,
// paid from the county budget. Optionally, near-poor households (below
// `near_poor_multiple` x the standard) receive `near_poor_topup_share` of their gap to
// that line. With indexation "income_growth" the standard rises each January by the
// growth of mean per-capita disposable income over the previous year (the documents:
// dibao growth >= income growth). Means test (the real dibao's rules on household
// economic status): local hukou only, an asset test on savings, and the support owed by
// legally obliged relatives counted as income (family_support below).
#include <algorithm>
#include <memory>

#include "core/parallel.h"
#include "core/rng.h"
#include "policies/policy.h"

namespace prosim {
namespace detail {
extern const char kPolicySchema_dibao[];  // dibao.schema.json, embedded by CMake
}  // namespace detail
namespace {

struct DibaoState final : PolicyState {
  double last_mean = 0;   // mean per-capita disposable income of the year before last (indexation)
  double spending = 0;    // paid this month, simulated yuan
  // Per household: 1 if it received dibao this month, and the slot's occupant number then (a
  // new household in the slot has not received it).
  std::vector<std::uint8_t> received;
  std::vector<std::uint16_t> occupant;
  bool recipient(const World& w, std::size_t h) const override {
    return h < received.size() && received[h] && occupant[h] == w.households.occupant[h];
  }
  // `spending` is reset at the start of every month: not state. The family-support scratch
  // (in Dibao) is rebuilt every month.
  void archive(StateArchive& a) override {
    a.scalar("last_mean", last_mean);
    a.io("received", received);
    a.io("occupant", occupant);
  }
};

class Dibao final : public Policy {
 public:
  Dibao(const JsonReads& block, const Params&, PolicyContext context)
      : Policy(std::move(context)), block_(block.raw()) {
    near_poor_multiple_ = block.at("near_poor_multiple").get<double>();
    near_poor_share_ = block.at("near_poor_topup_share").get<double>();
    indexed_ = block.at("indexation").get<std::string>() == "income_growth";
    asset_limit_months_ = block.at("asset_limit_months").get<double>();
    family_support_share_ = block.at("family_support_share").get<double>();
    local_hukou_only_ = block.at("local_hukou_only").get<bool>();
  }

  void begin_month(const Params&, World& w) override {
    auto& s = state<DibaoState>(w);
    s.spending = 0;  // a month's payments
    // Index from the first January of the recorded run on (not during the calibration
    // burn-in), while the policy is in force: the scenario's standards are those of `start`.
    if (!indexed_ || w.date.month != 1 || w.month_index < 0 || !policy_active(block_, w.date)) return;
    // Mean per-capita disposable income of the last complete year.
    double income = 0, persons = 0;
    for (std::size_t h = 0; h < w.households.size_(); ++h) {
      if (std::isnan(w.households.disposable_last_year[h])) return;  // no complete year yet
      income += w.households.disposable_last_year[h];
      persons += w.households.size[h];
    }
    const double mean = income / persons;
    if (s.last_mean > 0 && mean > s.last_mean)
      for (auto& c : w.counties) c.dibao_standard *= mean / s.last_mean;
    s.last_mean = mean;
  }

  // Income this month before dibao: all sources less tax and contributions.
  static double income_before(const Households& hh, std::size_t h) {
    double income = 0;
    for (int s = kWages; s <= kOtherTransfers; ++s) income += hh.income[s][h];
    return income - hh.income[kIncomeTax][h] - hh.income[kSocialContributions][h];
  }

  // Family support (赡养): an applicant household (income below the standard) with a member
  // aged 60 or more has a legally obliged relative household: the first of up to four
  // households of its county drawn by (seed, DibaoFamily, household id) that has local
  // hukou, wage income and no member aged 60+. The relative pays
  //   support = family_support_share x size_R x max(0, y_R - 2 x standard)
  // (y_R its per-capita income before dibao, capped by its savings), which the means test
  // then counts as the applicant's income.
  // Order: a relative paying several applicants pays them in household id order, each
  // time from its income and savings after the earlier payments. Who applies and who the
  // relative is do not depend on any payment (a relative has no member aged 60+, so it is
  // never an applicant), so both are found in parallel, and the relatives then pay in
  // parallel, each over its own applicants in id order: the result is the sequential one.
  void family_support(const Params& p, World& w) {
    auto& hh = w.households;
    const auto& ps = w.persons;
    const std::size_t H = hh.size_();
    std::vector<std::vector<std::int32_t>> local(w.counties.size());
    for (std::size_t h = 0; h < H; ++h)
      if (!hh.nonlocal[h]) local[hh.county[h]].push_back(static_cast<std::int32_t>(h));
    auto has_elder = [&](std::size_t h) {
      for (int k = 0; k < hh.size[h]; ++k)
        if (ps.age_months[hh.first_member[h] + k] >= 60 * 12) return true;
      return false;
    };
    relative_.assign(H, -1);
    for_each_index(H, [&](std::size_t h) {
      if (hh.nonlocal[h]) return;
      const double s = w.counties[hh.county[h]].dibao_standard;
      if (income_before(hh, h) >= s * hh.size[h] || !has_elder(h)) return;
      const auto& pool = local[hh.county[h]];
      RandomStream rng = random(p, 1, 0, h);
      for (int j = 0; j < 4 && !pool.empty(); ++j) {
        const std::size_t r = static_cast<std::size_t>(pool[rng.below(pool.size())]);
        if (r == h || hh.income[kWages][r] <= 0 || has_elder(r)) continue;
        relative_[h] = static_cast<std::int32_t>(r);
        return;
      }
    });
    // Applicants grouped by relative, in id order within each relative (a stable
    // counting sort: offsets by relative, then applicants scattered in id order).
    offset_.assign(H + 1, 0);
    for (std::size_t h = 0; h < H; ++h)
      if (relative_[h] >= 0) ++offset_[relative_[h] + 1];
    for (std::size_t r = 0; r < H; ++r) offset_[r + 1] += offset_[r];
    applicants_.resize(offset_[H]);
    next_.assign(offset_.begin(), offset_.end() - 1);
    for (std::size_t h = 0; h < H; ++h)
      if (relative_[h] >= 0) applicants_[next_[relative_[h]]++] = static_cast<std::int32_t>(h);
    for_each_index(H, [&](std::size_t r) {
      for (auto j = offset_[r]; j < offset_[r + 1]; ++j) {
        const auto h = static_cast<std::size_t>(applicants_[j]);
        const double s = w.counties[hh.county[h]].dibao_standard;
        const double y = income_before(hh, r) / hh.size[r];
        const double support =
            std::min(family_support_share_ * hh.size[r] * std::max(0.0, y - 2 * s), std::max(0.0, hh.savings[r]));
        hh.income[kOtherTransfers][r] -= support;
        hh.savings[r] -= support;
        hh.income[kOtherTransfers][h] += support;
        hh.savings[h] += support;
      }
    });
  }

  void transfers(const Params& p, World& w) override {
    auto& hh = w.households;
    auto& s = state<DibaoState>(w);
    s.received.resize(hh.size_(), 0);
    s.occupant.resize(hh.size_(), 0);
    std::vector<double> paid(hh.size_(), 0.0);
    const bool active = policy_active(block_, w.date);
    if (active && family_support_share_ > 0) family_support(p, w);
    for_each_index(hh.size_(), [&](std::size_t h) {
      s.received[h] = 0;
      s.occupant[h] = hh.occupant[h];
      if (!active) return;
      if (local_hukou_only_ && hh.nonlocal[h]) return;  // dibao needs local hukou
      const double income = income_before(hh, h);
      const double standard = w.counties[hh.county[h]].dibao_standard * hh.size[h];
      // Asset test: savings per person above asset_limit_months of the standard.
      if (asset_limit_months_ > 0 && hh.savings[h] > asset_limit_months_ * standard) return;
      double topup = 0;
      if (income < standard) {
        topup = standard - income;
        s.received[h] = 1;
      }
      const double near_line = near_poor_multiple_ * standard;
      if (near_poor_share_ > 0 && income + topup < near_line) topup += near_poor_share_ * (near_line - income - topup);
      paid[h] = topup;
      hh.income[kSocialAssistance][h] += topup;
      hh.savings[h] += topup;
    });
    for (std::size_t h = 0; h < hh.size_(); ++h) {
      if (paid[h] == 0) continue;
      auto& county = w.counties[hh.county[h]];
      county.budget -= paid[h];
      county.revenue -= paid[h];
      s.spending += paid[h];
      w.programme_spending += paid[h];
    }
  }

 private:
  nlohmann::ordered_json block_;
  double near_poor_multiple_ = 1, near_poor_share_ = 0;
  bool indexed_ = true;
  double asset_limit_months_ = 24, family_support_share_ = 0;
  bool local_hukou_only_ = true;
  // Family-support scratch, reused every month.
  std::vector<std::int32_t> relative_, offset_, next_, applicants_;
};

}  // namespace

PolicyType describe_dibao(std::size_t slot) {
  PolicyType t;
  t.schema = detail::kPolicySchema_dibao;
  t.make_state = [] { return std::make_unique<DibaoState>(); };
  t.make = [](const JsonReads& block, const Params& params, PolicyContext context) {
    return std::make_unique<Dibao>(block, params, std::move(context));
  };
  auto s = [slot](const MonthView& m) -> const DibaoState& { return state_of<DibaoState>(m.world, slot); };
  t.indicators = {
      {"dibao_recipients", "persons", "persons in households receiving dibao", IndicatorGroup::Region,
       [s](const MonthView& m, std::size_t) {
         const auto& state = s(m);
         const auto& hh = m.world.households;
         double persons = 0;  // a sum of small integers: exact in any order
         for (std::size_t h = 0; h < hh.size_(); ++h)
           if (state.recipient(m.world, h)) persons += hh.size[h];
         return persons * m.world.weight;
       },
       "near_poor_share"},
      {"dibao_spending", "yuan/month", "dibao paid this month", IndicatorGroup::Region,
       [s](const MonthView& m, std::size_t) { return s(m).spending * m.world.weight; }, "near_poor_share"},
  };
  return t;
}

}  // namespace prosim
