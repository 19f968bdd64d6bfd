// Cost-effectiveness against the baseline (metrics/cost_effectiveness.h, printed by
// `prosim compare`) on hand-made runs whose answers are known; the same definitions as
// analysis/report.py are checked on real runs in tests/analysis/test_prosim_compare.py.
#include <doctest/doctest.h>

#include <cmath>

#include "core/calendar.h"
#include "metrics/cost_effectiveness.h"

using namespace prosim;

namespace {

// A run of 2021-01 .. 2022-12 (24 months): fiscal_cost_total `cost` a month, population
// 1000, weak_villages and relocated_households at the end, income snapshots each December
// whose four lowest decile means are `low` (yuan a year).
RunRecord make_run(std::uint64_t seed, double cost, double weak, double relocated, double low) {
  RunRecord r;
  r.seed = seed;
  auto& root = r.group("/");
  Axis time{"time", "days since 2021-01-01", "time", {}, {}, true, "standard"};
  const YearMonth start{2021, 1};
  for (int m = 0; m < 24; ++m) time.values.push_back(static_cast<double>(days_between(start, start.plus(m))));
  root.axes.push_back(time);
  root.variables.push_back({"fiscal_cost_total", "yuan/month", "", {"time"}, std::vector<double>(24, cost)});
  root.variables.push_back({"population", "persons", "", {"time"}, std::vector<double>(24, 1000.0)});
  std::vector<double> w(24, 100.0), rel(24, 0.0);
  w.back() = weak;
  rel.back() = relocated;
  root.variables.push_back({"weak_villages", "count", "", {"time"}, w});
  root.variables.push_back({"relocated_households", "count", "", {"time"}, rel});
  auto& d = r.group("/distribution");
  Axis snap{"snapshot", "days since 2021-01-01", "snapshot", {}, {}, true, "standard"};
  snap.values = {static_cast<double>(days_between(start, {2021, 12})), static_cast<double>(days_between(start, {2022, 12}))};
  d.axes.push_back(snap);
  std::vector<double> deciles;
  for (int s = 0; s < 2; ++s)
    for (int k = 0; k < 10; ++k) deciles.push_back(k < 4 ? low : 1e6);
  d.variables.push_back({"decile_mean_all", "yuan/yr", "", {"snapshot", "decile"}, deciles});
  return r;
}

}  // namespace

TEST_CASE("cost-effectiveness: extra cost per outcome, paired by seed") {
  const RunRecord b1 = make_run(1, 100, 50, 0, 10000), b2 = make_run(2, 120, 60, 0, 12000);
  // The policy costs 1,000 yuan a month more, lifts 10 villages, relocates 4 households and
  // raises the bottom-40 % mean by 500 (seed 1) and 700 (seed 2) yuan a year.
  const RunRecord p1 = make_run(1, 1100, 40, 4, 10500), p2 = make_run(2, 1120, 50, 4, 12700);
  const auto ce = cost_effectiveness({&b1, &b2}, {&p1, &p2}, "policy");
  CHECK(ce.paired);
  CHECK(ce.first_month == YearMonth{2021, 1}.serial());
  CHECK(ce.last_month == YearMonth{2022, 12}.serial());
  CHECK(ce.extra_cost == doctest::Approx(24 * 1000.0));
  CHECK(ce.b40_first_year == 2021);
  CHECK(ce.b40_last_year == 2022);
  // Two years x 0.4 x 1000 persons x mean gain 600 yuan.
  CHECK(ce.b40_gain == doctest::Approx(2 * 0.4 * 1000 * 600.0));
  CHECK(ce.b40_cost == doctest::Approx(24 * 1000.0));
  CHECK(ce.cost_per_b40 == doctest::Approx(24000.0 / 480000.0));
  CHECK(ce.villages_lifted == doctest::Approx(10.0));
  CHECK(ce.cost_per_village == doctest::Approx(2400.0));
  CHECK(ce.relocated == doctest::Approx(4.0));
  CHECK(ce.cost_per_relocated == doctest::Approx(6000.0));
}

TEST_CASE("cost-effectiveness: unpaired seeds use the difference of means, no gain gives NaN") {
  const RunRecord b1 = make_run(1, 100, 50, 0, 10000), b2 = make_run(2, 300, 50, 0, 10000);
  const RunRecord p1 = make_run(7, 1000, 55, 0, 9000);
  const auto ce = cost_effectiveness({&b1, &b2}, {&p1}, "policy");
  CHECK_FALSE(ce.paired);
  CHECK(ce.extra_cost == doctest::Approx(24 * (1000.0 - 200.0)));
  CHECK(ce.villages_lifted == doctest::Approx(-5.0));
  CHECK(std::isnan(ce.cost_per_village));
  CHECK(std::isnan(ce.cost_per_relocated));
  CHECK(ce.b40_gain < 0);
  CHECK(std::isnan(ce.cost_per_b40));
}
