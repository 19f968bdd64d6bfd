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
namespace {

class Dibao final : public Policy {
 public:
  Dibao(const nlohmann::ordered_json& block, const Params&) : block_(block) {
    near_poor_multiple_ = block.at("near_poor_multiple").get<double>();
    near_poor_share_ = block.at("near_poor_topup_share").get<double>();
    indexed_ = block.at("indexation").get<std::string>() == "income_growth";
    asset_limit_months_ = block.at("asset_limit_months").get<double>();
    family_support_share_ = block.at("family_support_share").get<double>();
    local_hukou_only_ = block.at("local_hukou_only").get<bool>();
  }
  std::string name() const override { return "dibao"; }
  // The family-support scratch is rebuilt every month: not state.
  void archive_state(StateArchive& a) override { a.scalar("last_mean", last_mean_); }

  void begin_month(const Params&, World& w) override {
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
    if (last_mean_ > 0 && mean > last_mean_)
      for (auto& c : w.counties) c.dibao_standard *= mean / last_mean_;
    last_mean_ = mean;
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
      RandomStream rng(p.seed, Purpose::DibaoFamily, 0, h);
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
    std::vector<double> paid(hh.size_(), 0.0);
    const bool active = policy_active(block_, w.date);
    if (active && family_support_share_ > 0) family_support(p, w);
    for_each_index(hh.size_(), [&](std::size_t h) {
      hh.dibao[h] = 0;
      if (!active) return;
      if (local_hukou_only_ && hh.nonlocal[h]) return;  // dibao needs local hukou
      const double income = income_before(hh, h);
      const double standard = w.counties[hh.county[h]].dibao_standard * hh.size[h];
      // Asset test: savings per person above asset_limit_months of the standard.
      if (asset_limit_months_ > 0 && hh.savings[h] > asset_limit_months_ * standard) return;
      double topup = 0;
      if (income < standard) {
        topup = standard - income;
        hh.dibao[h] = 1;
      }
      const double near_line = near_poor_multiple_ * standard;
      if (near_poor_share_ > 0 && income + topup < near_line) topup += near_poor_share_ * (near_line - income - topup);
      paid[h] = topup;
      hh.income[kDibao][h] += topup;
      hh.savings[h] += topup;
    });
    for (std::size_t h = 0; h < hh.size_(); ++h) {
      if (paid[h] == 0) continue;
      auto& county = w.counties[hh.county[h]];
      county.budget -= paid[h];
      county.revenue -= paid[h];
      w.dibao_spending += paid[h];
      w.programme_spending += paid[h];
    }
  }

 private:
  nlohmann::ordered_json block_;
  double near_poor_multiple_ = 1, near_poor_share_ = 0, last_mean_ = 0;
  bool indexed_ = true;
  double asset_limit_months_ = 24, family_support_share_ = 0;
  bool local_hukou_only_ = true;
  // Family-support scratch, reused every month.
  std::vector<std::int32_t> relative_, offset_, next_, applicants_;
};

}  // namespace

std::unique_ptr<Policy> make_dibao(const nlohmann::ordered_json& block, const Params& params) {
  return std::make_unique<Dibao>(block, params);
}

}  // namespace prosim
