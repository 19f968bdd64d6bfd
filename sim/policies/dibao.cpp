// Minimum living guarantee (最低生活保障, dibao). A household whose per-capita income
// this month (before dibao) is below its county's standard receives the difference,
// paid from the county budget. Optionally, near-poor households (below
// `near_poor_multiple` x the standard) receive `near_poor_topup_share` of their gap to
// that line. With indexation "income_growth" the standard rises each January by the
// growth of mean per-capita disposable income over the previous year (the documents:
// dibao growth >= income growth).
#include <algorithm>
#include <memory>

#include "core/parallel.h"
#include "policies/policy.h"

namespace prosim {
namespace {

class Dibao final : public Policy {
 public:
  Dibao(const nlohmann::ordered_json& block, const Params&) : block_(block) {
    near_poor_multiple_ = block.at("near_poor_multiple").get<double>();
    near_poor_share_ = block.at("near_poor_topup_share").get<double>();
    indexed_ = block.at("indexation").get<std::string>() == "income_growth";
  }
  std::string name() const override { return "dibao"; }

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

  void transfers(const Params&, World& w) override {
    auto& hh = w.households;
    std::vector<double> paid(hh.size_(), 0.0);
    const bool active = policy_active(block_, w.date);
    for_each_index(hh.size_(), [&](std::size_t h) {
      hh.dibao[h] = 0;
      if (!active) return;
      double income = 0;
      for (int s = kWages; s <= kOtherTransfers; ++s) income += hh.income[s][h];
      income -= hh.income[kIncomeTax][h] + hh.income[kSocialContributions][h];
      const double standard = w.counties[hh.county[h]].dibao_standard * hh.size[h];
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
};

}  // namespace

std::unique_ptr<Policy> make_dibao(const nlohmann::ordered_json& block, const Params& params) {
  return std::make_unique<Dibao>(block, params);
}

}  // namespace prosim
