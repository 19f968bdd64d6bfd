// The Jinhua baseline stays within the tolerances of docs/calibration.md over several
// seeds at small scale. GDP per capita is calibrated (the burn-in tunes demand to it);
// everything else checked here is an outcome of the model's rules.
#include <doctest/doctest.h>

#include <cmath>

#include "engine/simulation.h"
#include "small_world.h"

using namespace prosim;

namespace {
double mean_over(const RunRecord& r, const char* group, const char* name, std::size_t from, std::size_t to) {
  const auto& d = r.find_group(group)->variable(name)->data;
  double s = 0;
  for (std::size_t i = from; i < to; ++i) s += d[i];
  return s / static_cast<double>(to - from);
}
}  // namespace

TEST_CASE("the 2021 baseline is within the calibration tolerances for every seed") {
  double mean_unemployment = 0;
  for (std::uint64_t seed : {11, 12, 13}) {
    auto params = testing::small_world({{"seed", seed}}, 0.004, "2021-12");
    const RunRecord r = run_simulation(params, 2);
    INFO("seed " << seed);
    const double income = mean_over(r, "/annual", "income_per_capita", 0, 1);
    const double ratio = mean_over(r, "/annual", "urban_rural_ratio", 0, 1);
    const double gini = mean_over(r, "/annual", "gini", 0, 1);
    const double urbanisation = mean_over(r, "/", "urbanisation_rate", 0, 1);
    const double unemployment = mean_over(r, "/", "registered_unemployment_rate", 0, 12);
    const double labour_share = mean_over(r, "/", "labour_share", 0, 12);
    const double gdp_pc = mean_over(r, "/", "gdp_per_capita", 0, 12);
    const double weak = mean_over(r, "/annual", "weak_villages", 0, 1);
    const double middle = mean_over(r, "/annual", "middle_income_share_100k_500k", 0, 1);
    CAPTURE(income);
    CAPTURE(ratio);
    CAPTURE(gini);
    CAPTURE(urbanisation);
    CAPTURE(unemployment);
    CAPTURE(labour_share);
    CAPTURE(gdp_pc);
    CAPTURE(weak);
    CAPTURE(middle);
    // After issue 12 (burn-in on the growth path, negative outside rates, ...) seeds 11-13 give:
    // income 56,223-58,193, ratio 2.007-2.027, Gini 0.411-0.413, urbanisation 68.67-68.69 %,
    // registered unemployment 1.7-2.7 %, labour share 49.2-50.6 %, GDP per head 74,109-78,502,
    // weak villages 1,077-1,106, middle 51.7-54.2 %: all inside the bands below, unchanged.
    // Tolerances: what the model achieves at this scale for seeds 11-16 (docs/calibration.md
    // §4, `prosim run` at scale 0.004 to 2021-12) plus a margin for seed noise; each is
    // inside the target's own range where the model reaches it, and says so where not.
    // Income and the urban-rural ratio are calibrated county by county in the burn-in
    // (income from outside the region, systems/external_income.cpp): these bands check
    // that the calibration lands, not an outcome. The counties' inputs average 56,626
    // (1.3 % above the city figure used here), and seeds 11-16 give 56,613-58,424.
    CHECK(income / 55880 > 0.97);                         // target 55,880 (Jinhua 2021)
    CHECK(income / 55880 < 1.07);
    CHECK(ratio > 1.8);                                   // target ~2.0; seeds 11-16: 1.90-1.99
    CHECK(ratio < 2.1);
    CHECK(gini > 0.37);                                   // target range 0.30-0.45; seeds 11-16: 0.402-0.413
    CHECK(gini < 0.44);
    CHECK(std::abs(urbanisation - 0.687) < 0.015);        // 68.7 %; seeds 11-16: +0.4 to +0.9 point
    // Registered unemployment is noisy seed by seed at this scale (seeds 11-16: 1.5-5.6 %,
    // 2021 mean of months), more so since firms exit at ~5 % a year; the mean over the
    // three seeds is checked against the range below the loop.
    CHECK(unemployment > 0.005);
    CHECK(unemployment < 0.07);
    mean_unemployment += unemployment / 3;
    CHECK(labour_share > 0.45);                           // target 45-50 %; seeds 11-16: 47.8-49.5 %
    CHECK(labour_share < 0.52);
    CHECK(std::abs(gdp_pc / 75200 - 1) < 0.07);           // calibrated: 75,200; seeds 11-16: -0.5 to +3.6 %
    CHECK(weak / 3966 > 0.20);                            // a minority of villages; seeds 11-16: 27-29 %
    CHECK(weak / 3966 < 0.40);
    // Households with 100k-500k a year: target > 70 % (Zhejiang 2021), not reached
    // (seeds 11-16: 52.3-54.6 %; 49.3-51.4 % before the county income calibration); a
    // guard against falling back, not a target check.
    CHECK(middle > 0.48);
  }
  // Target 1.5-3 % (Jinhua 1.56 %); seeds 11-13: 3.4 % on average, 11-16: 3.1 %.
  CHECK(mean_unemployment > 0.015);
  CHECK(mean_unemployment < 0.05);
}

TEST_CASE("weak villages are concentrated in the mountain counties") {
  const Simulation sim = testing::run_small_world({}, 0.002, "2021-12");
  const auto& w = sim.world();
  double weak_m = 0, n_m = 0, weak_o = 0, n_o = 0;
  for (std::size_t v = 0; v < w.villages.size(); ++v) {
    const bool mountain = w.counties[w.villages.county[v]].mountain_county;
    (mountain ? weak_m : weak_o) += w.villages.weak[v];
    (mountain ? n_m : n_o) += 1;
  }
  INFO("weak share: mountain counties " << weak_m / n_m << ", others " << weak_o / n_o);
  CHECK(weak_m / n_m > 1.5 * weak_o / n_o);
}

TEST_CASE("age structure and dibao coverage at the end of 2021") {
  for (std::uint64_t seed : {11, 12}) {
    const Simulation sim = testing::run_small_world({{"seed", seed}}, 0.004, "2021-12");
    const auto& w = sim.world();
    double children = 0, elderly = 0, dibao = 0;
    double n = 0;
    for (std::size_t i = 0; i < w.persons.size(); ++i) {
      if (w.persons.status[i] == LabourStatus::Vacant) continue;  // an empty slot (room for a birth)
      n += 1;
      children += w.persons.age_months[i] < 15 * 12;
      elderly += w.persons.age_months[i] >= 60 * 12;
    }
    for (std::size_t h = 0; h < w.households.size_(); ++h) dibao += policy_recipient(w, "dibao", h) * w.households.size[h];
    INFO("seed " << seed << ": aged 0-14 " << children / n << ", 60+ " << elderly / n << ", dibao recipients "
                 << dibao / n);
    CHECK(children / n > 0.115);  // Zhejiang 2020 census: 13.5 % aged 0-14
    CHECK(children / n < 0.165);  // the build's 13.4 %, three years of births and ageing later
    CHECK(elderly / n > 0.15);    // census: 18.7 % aged 60+
    CHECK(elderly / n < 0.24);
    CHECK(dibao / n < 0.095);  // family support: about 7.7 % (seed 11); 11 % before it
  }
}
