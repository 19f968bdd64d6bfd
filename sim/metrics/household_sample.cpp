// The recorder's household microdata sample (/household_sample, docs/output-format.md):
// which households are in it, what is recorded about them, and the group it becomes.
#include <algorithm>
#include <numeric>
#include <utility>

#include "core/rng.h"
#include "metrics/recorder.h"

namespace prosim {
namespace {

struct SampleVariable {
  const char* name;
  const char* units;
  const char* long_name;
};

// Flows are the household's month x 12 (yuan/yr), as the region's income indicators.
constexpr SampleVariable kSampleVariables[] = {
    {"county_index", "1", "county of the household: index into /county/county_name"},
    {"urban", "1", "1 if the household lives in a town (urban settlement), 0 if in a village"},
    {"relocated", "1", "1 if a resettlement programme moved the household to a town, else 0"},
    {"size", "persons", "household members"},
    {"wages", "yuan/yr", "wage income of the household, month x 12"},
    {"self_employment", "yuan/yr", "own-account (non-farm) income of the household, month x 12"},
    {"farm", "yuan/yr", "farm income of the household, month x 12"},
    {"profits", "yuan/yr", "business profits paid to the household, month x 12"},
    {"property", "yuan/yr", "property income (dividends, rents) of the household, month x 12"},
    {"pensions", "yuan/yr", "pensions received by the household, month x 12"},
    {"dibao", "yuan/yr", "social assistance (the minimum living guarantee and its near-poor top-up) received, month x 12"},
    {"other_transfers", "yuan/yr", "other transfers (family support, programme transfers), month x 12"},
    {"income_tax", "yuan/yr", "income tax paid by the household, month x 12"},
    {"social_contributions", "yuan/yr", "social contributions paid by the household, month x 12"},
    {"disposable_income", "yuan/yr", "disposable income of the household, month x 12"},
    {"savings", "yuan", "deposits of the household at the end of the month"},
};
constexpr int kCount = sizeof(kSampleVariables) / sizeof(kSampleVariables[0]);

}  // namespace

// Exactly min(size, H) households: those whose draw (keyed by seed and household id, so the
// same households in every scenario run with the same seed) is among the `size` smallest.
// (Drawing each household with probability size / H gave a sample of random size.)
void Recorder::init_household_sample(const World& world) {
  sample_values_.assign(kCount, {});
  const auto H = world.households.size_();
  const auto want = static_cast<std::size_t>(std::max(0, params_.output.household_sample_size));
  if (want == 0 || H == 0) return;
  std::vector<std::pair<double, std::int32_t>> draws(H);
  for (std::size_t h = 0; h < H; ++h) {
    RandomStream rng(params_.seed, Purpose::BuildHousehold, 7, h);
    draws[h] = {rng.uniform(), static_cast<std::int32_t>(h)};
  }
  const std::size_t n = std::min(want, H);
  std::nth_element(draws.begin(), draws.begin() + static_cast<std::ptrdiff_t>(n - 1), draws.end());
  for (std::size_t k = 0; k < n; ++k) sample_.push_back(draws[k].second);
  std::sort(sample_.begin(), sample_.end());
}

void Recorder::record_household_sample(const World& w) {
  const auto& hh = w.households;
  sample_dates_.push_back(w.date);
  for (const auto h : sample_) {
    const double values[kCount] = {
        static_cast<double>(hh.county[h]),
        w.settlements.is_urban(hh.settlement[h]) ? 1.0 : 0.0,
        static_cast<double>(hh.relocated[h]),
        static_cast<double>(hh.size[h]),
        12 * hh.income[kWages][h],
        12 * hh.income[kSelfEmployment][h],
        12 * hh.income[kFarm][h],
        12 * hh.income[kProfits][h],
        12 * hh.income[kProperty][h],
        12 * hh.income[kPensions][h],
        12 * hh.income[kSocialAssistance][h],
        12 * hh.income[kOtherTransfers][h],
        12 * hh.income[kIncomeTax][h],
        12 * hh.income[kSocialContributions][h],
        12 * hh.disposable[h],
        hh.savings[h],
    };
    for (int k = 0; k < kCount; ++k) sample_values_[k].push_back(values[k]);
  }
}

void Recorder::finish_household_sample(RunRecord& r, Axis dates) {
  if (sample_.empty()) return;
  auto& sg = r.group("/household_sample");
  dates.name = "sample_date";
  dates.unlimited = false;
  dates.labels.clear();
  sg.axes.push_back(std::move(dates));
  Axis ids{"household", "1", "household id (stable across dates and scenarios with the same seed)", {}, {}, false, ""};
  for (auto h : sample_) ids.values.push_back(h);
  sg.axes.push_back(std::move(ids));
  for (int k = 0; k < kCount; ++k) {
    const auto& v = kSampleVariables[k];
    sg.variables.push_back({v.name, v.units, v.long_name, {"sample_date", "household"}, std::move(sample_values_[k])});
  }
}

}  // namespace prosim
