// The 2021-2030 business-as-usual path (issue 12, docs/validation.md). Each test names the
// mechanism it guards; the comment gives what the test measured with the mechanism
// switched off (a temporary build or a scenario value), so that it is known to fail then.
// Small scale (0.004), several seeds, no timing.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "engine/simulation.h"
#include "record_series.h"
#include "small_world.h"

using namespace prosim;

namespace {

using testing::series;
using testing::county_year_mean;

double year_mean(const std::vector<double>& monthly, int year_index) {
  double s = 0;
  for (int m = 0; m < 12; ++m) s += monthly[12 * year_index + m];
  return s / 12;
}

RunRecord decade(std::uint64_t seed, nlohmann::ordered_json patch = nlohmann::ordered_json::object(),
                 const char* end = "2030-12") {
  patch["seed"] = seed;
  return run_simulation(testing::small_world(patch, 0.004, end), 2);
}

}  // namespace

// Mechanism: in-migrant households that leave are replaced by arrivals in the same county
// (systems/migration.cpp). With arrivals placed by open vacancies (the earlier rule) Pan'an
// grew from 179k to 220-310k by 2030 (issue 12, scale 0.01, seeds 1-3); this test failed
// with that rule restored (largest county deviation 0.24, 0.32 and 1.06 at scale 0.004, seeds 1-3).
TEST_CASE("county populations stay within 15 % of their inputs over the decade (mechanism: same-county in-migrant replacement)") {
  for (std::uint64_t seed : {1, 2, 3}) {
    const RunRecord r = decade(seed);
    const auto& pop = series(r, "/county", "population");
    const std::size_t C = 9, T = pop.size() / C;
    const auto params = testing::small_world({{"seed", seed}}, 0.004, "2030-12");
    double worst = 0;
    for (std::size_t t = 0; t < T; ++t)
      for (std::size_t c = 0; c < C; ++c)
        worst = std::max(worst, std::abs(pop[t * C + c] / params.counties[c].population - 1));
    INFO("seed " << seed);
    CAPTURE(worst);
    CHECK(worst < 0.15);
  }
}

// Mechanism: rural-urban moves of village households (migration_rate, set to the observed
// pace; systems/migration.cpp), only in recorded months. Observed: +0.55 to +1.0 point a
// year (shared/data/jinhua_counties.md d3, S15, S42, S44). With migration_rate 0.01 (the
// earlier default) the model gains 0.22-0.23 point a year (scale 0.004, seeds 1, 2) and this test fails.
TEST_CASE("urbanisation rises 0.4-1.0 point a year by rural-urban moves (mechanism: migration_rate)") {
  for (std::uint64_t seed : {1, 2}) {
    const RunRecord r = decade(seed);
    const auto& u = series(r, "/", "urbanisation_rate");
    const double first = u[0], per_year = (u.back() - u[0]) / ((u.size() - 1) / 12.0);
    INFO("seed " << seed);
    CAPTURE(first);
    CAPTURE(per_year);
    CHECK(std::abs(first - 0.687) < 0.015);  // the 2021 input (68.7 %): no moves in the burn-in
    CHECK(per_year > 0.004);
    CHECK(per_year < 0.010);
  }
}

// Mechanism: the burn-in runs on the nominal growth path (engine/calibration.cpp), so the
// recorded run continues it. With growth switched off in the burn-in (the earlier rule),
// prices deflated with productivity growth during the burn-in and wages jumped when
// growth switched on; this test's band on 2021's within-year wage growth failed then.
TEST_CASE("no start-up transient: wages and GDP grow through 2021 at the nominal pace (mechanism: burn-in on the growth path)") {
  for (std::uint64_t seed : {1, 2, 3}) {
    const RunRecord r = decade(seed, {}, "2022-12");
    const auto& wage = series(r, "/", "mean_wage");
    const auto& gdp = series(r, "/", "gdp");
    // Last quarter of 2021 over its first quarter: three quarters of a year at 7 % nominal
    // growth (2021 is before the replayed path) is +5.2 %.
    const double wage_growth = (wage[9] + wage[10] + wage[11]) / (wage[0] + wage[1] + wage[2]) - 1;
    const double gdp_growth = (gdp[9] + gdp[10] + gdp[11]) / (gdp[0] + gdp[1] + gdp[2]) - 1;
    INFO("seed " << seed);
    CAPTURE(wage_growth);
    CAPTURE(gdp_growth);
    CHECK(wage_growth > 0.025);  // seeds 1-3: +3.6 to +5.0 %; the earlier baseline (main 1a2689d, scale 0.01): +0.4 %
    CHECK(wage_growth < 0.11);
    CHECK(gdp_growth > -0.03);
    CHECK(gdp_growth < 0.12);
  }
}

// Mechanism: economy.nominal_growth_path replaces nominal_growth in the years it gives
// (model/params.cpp monthly_nominal_factor). The baseline replays Jinhua's GDP growth of
// 2022 (+4.4 %) and 2023 (+7.5 %); without the path (7 % every year) GDP growth in 2022 is
// higher and this test's 2022 band failed.
TEST_CASE("the baseline replays Jinhua's nominal GDP growth of 2022 (mechanism: nominal_growth_path)") {
  double with_path = 0, without = 0;
  for (std::uint64_t seed : {1, 2, 3}) {
    const RunRecord a = decade(seed, {}, "2022-12");
    const RunRecord b = decade(seed, {{"economy", {{"nominal_growth_path", nlohmann::ordered_json::array()}}}}, "2022-12");
    const auto& ga = series(a, "/", "gdp");
    const auto& gb = series(b, "/", "gdp");
    with_path += (year_mean(ga, 1) / year_mean(ga, 0) - 1) / 3;
    without += (year_mean(gb, 1) / year_mean(gb, 0) - 1) / 3;
  }
  CAPTURE(with_path);
  CAPTURE(without);
  // The level is higher than the path's 4.4 % (seeds 1-3 at this scale: 8.4 % with the path,
  // 10.0 % without; docs/validation.md: the Phillips term and the July-June convention); the
  // test checks that the path moves it.
  CHECK(with_path < without - 0.01);
  CHECK(with_path > 0.01);
}

// Mechanism: the resident pension is raised each January with the nominal level
// (resident_pension_indexation; systems/government.cpp). Read from the household microdata
// sample (every household, December 2026): pensions paid to village residents. Frozen
// (indexation 0) they are lower. (Village residents' net transfers move much less: dibao
// tops up the poorest pensioners either way.)
TEST_CASE("village residents' pensions grow with the resident pension's indexation (mechanism: resident_pension_indexation)") {
  auto village_pensions = [](const RunRecord& r) {
    const auto& urban = series(r, "/household_sample", "urban");
    const auto& pensions = series(r, "/household_sample", "pensions");
    const std::size_t n = urban.size() / 6, last = urban.size() - n;  // December 2021..2026: the last date
    double sum = 0;
    for (std::size_t k = last; k < urban.size(); ++k)
      if (urban[k] == 0) sum += pensions[k];
    return sum;
  };
  for (std::uint64_t seed : {1, 2}) {
    const nlohmann::ordered_json sample = {{"output", {{"household_sample_size", 1000000}}}};
    nlohmann::ordered_json frozen_patch = sample;
    frozen_patch["economy"] = {{"resident_pension_indexation", 0.0}};
    const double a = village_pensions(decade(seed, sample, "2026-12"));
    const double b = village_pensions(decade(seed, frozen_patch, "2026-12"));
    INFO("seed " << seed);
    CAPTURE(a);
    CAPTURE(b);
    // Resident pensions are part of village pensions (employee pensions the rest); indexed,
    // they are 1.07^5 = 1.40 times the frozen level in 2026.
    CHECK(a > 1.02 * b);  // seeds 1, 2: +4.3 %, +4.0 %
  }
}

// The burn-in's convergence record (engine/calibration.cpp): one value per burn-in month
// and county for each lever's target, and an attribute that agrees with the bands.
TEST_CASE("the run records how well the burn-in converged") {
  const RunRecord r = decade(1, {}, "2021-03");
  const auto* g = r.find_group("/calibration");
  REQUIRE(g != nullptr);
  const std::size_t months = 36, C = 9;
  for (const char* name : {"unemployment_rate", "income_urban_gap", "income_rural_gap", "gdp_gap",
                           "outside_rate_urban", "outside_rate_rural"}) {
    CAPTURE(name);
    REQUIRE(g->variable(name) != nullptr);
    CHECK(g->variable(name)->data.size() == months * C);
  }
  bool within = true;
  for (std::size_t c = 0; c < C; ++c) {
    double u = 0, gu = 0, gr = 0, gg = 0;
    for (std::size_t m = months - 6; m < months; ++m) {
      u += g->variable("unemployment_rate")->data[m * C + c] / 6;
      gu += g->variable("income_urban_gap")->data[m * C + c] / 6;
      gr += g->variable("income_rural_gap")->data[m * C + c] / 6;
      gg += g->variable("gdp_gap")->data[m * C + c] / 6;
    }
    within = within && u >= 0.01 && u <= 0.06 && std::abs(gu) <= 0.05 && std::abs(gr) <= 0.05 && std::abs(gg) <= 0.05;
  }
  CHECK(g->attributes.at("converged") == (within ? "1" : "0"));
  CHECK(r.attributes.at("burn_in_converged") == (within ? "1" : "0"));
  // The incomes land: the outside-income rates close the gap (mean of the last 6 months).
  for (std::size_t c = 0; c < C; ++c) {
    double gu = 0;
    for (std::size_t m = months - 6; m < months; ++m) gu += g->variable("income_urban_gap")->data[m * C + c] / 6;
    CAPTURE(c);
    CHECK(std::abs(gu) < 0.08);
  }
}

// Mechanism: the outside-income rates may be negative (a net outflow; engine/calibration.cpp),
// so that a region whose production already pays more than its income inputs can be
// calibrated. In scenarios/zhejiang_province.json every city's 2021 income was 2-66 % above
// its input with the rates floored at 0 (issue 12); with that floor restored this test fails
// (seed 1, scale 0.002: worst city +51 %).
TEST_CASE("the province scenario starts with every city's income near its input and converges (mechanisms: negative outside-income rates, the capital shares' reference ratio)") {
  const std::string dir = std::string(PROSIM_SOURCE_DIR) + "/scenarios";
  const nlohmann::ordered_json j = {{"extends", dir + "/zhejiang_province.json"}, {"name", "test"},
                                    {"scale", 0.002}, {"end", "2021-12"}, {"seed", 1}};
  const Params params = params_from_json(load_scenario_text(j.dump(), "test.json", dir).json);
  const RunRecord r = run_simulation(params, 2);
  const auto& income = series(r, "/county", "income_per_capita");
  const std::size_t C = params.counties.size();
  double worst = 0;
  for (std::size_t c = 0; c < C; ++c) {
    double mean = 0;
    for (std::size_t t = 0; t < 12; ++t) mean += income[t * C + c] / 12;
    worst = std::max(worst, std::abs(mean / params.counties[c].income_per_capita - 1));
  }
  CAPTURE(worst);
  CHECK(worst < 0.05);  // seed 1: within 1.0 % (before the reference ratio below: +0.4 to +6.5 %, Quzhou)
  // Mechanism: the county capital shares are taken against Jinhua's GDP-to-income ratio
  // (economy.capital_share_reference_ratio 1.346 in the scenario), not the province's own
  // 1.83, so the cities' firms need no more workers than the cities have. With the key
  // removed from the scenario the burn-in does not converge (every city's unemployment at
  // 0.3-1.9 %, seeds 1-2, calibration.md 00d).
  CHECK(params.economy.capital_share_reference_ratio > 0);
  CHECK(r.attributes.at("burn_in_converged") == "1");
}

namespace {
// Share of children (below 15) among the living persons of village households.
double village_child_share(const World& w) {
  double children = 0, persons = 0;
  for (std::size_t h = 0; h < w.households.size_(); ++h) {
    if (w.settlements.is_urban(w.households.settlement[h])) continue;
    for (int k = 0; k < w.households.size[h]; ++k) {
      const std::size_t i = w.households.first_member[h] + k;
      persons += 1;
      children += w.persons.age_months[i] < 15 * 12;
    }
  }
  return children / persons;
}
}  // namespace

// Mechanism: deaths and births are separate events (systems/demography.cpp): people die
// where the old live and are born into households with members aged 20-44. When a newborn
// replaced every dead person in the same slot (the earlier rule), births followed deaths
// and old villages filled with children: the village child share rose from 19 % (2021) to
// 29 % (2030; scale 0.01, seed 1), which lowered village income per head by about 1.5 % a
// year against towns and kept the urban-rural ratio from falling.
TEST_CASE("villages age instead of filling with children (mechanism: births where young adults live)") {
  for (std::uint64_t seed : {1, 2}) {
    Simulation sim(testing::small_world({{"seed", seed}}, 0.004, "2030-12"));
    sim.calibrate();
    const double first = village_child_share(sim.world());
    while (!sim.done()) sim.step();
    const double last = village_child_share(sim.world());
    INFO("seed " << seed);
    CAPTURE(first);
    CAPTURE(last);
    CHECK(last < first + 0.01);
    CHECK(first > 0.05);
  }
}

// Mechanism: the same. Rural incomes per head then catch up with urban ones as in Jinhua's
// bulletins (ratio 2015 2.13, 2021 about 2.00, 2022 1.954; shared/data). Seeds 1-3 at scale
// 0.01 (docs/validation.md): 2021 -> 2025 -> 2030 fell by 0.03-0.07 and 0.08-0.10. With the
// earlier rule (births replacing deaths) the 2030 ratio was above 2021's (2.012 -> 2.043).
TEST_CASE("the urban-rural income ratio falls 2021-2030 (mechanism: births where young adults live)") {
  double fall_2025 = 0, fall_2030 = 0;
  for (std::uint64_t seed : {1, 2, 3}) {
    const RunRecord r = decade(seed);
    const auto& ratio = series(r, "/annual", "urban_rural_ratio");
    REQUIRE(ratio.size() == 10);
    INFO("seed " << seed);
    CAPTURE(ratio[0]);
    CAPTURE(ratio[4]);
    CAPTURE(ratio[9]);
    CHECK(ratio[9] < ratio[0]);
    fall_2025 += (ratio[0] - ratio[4]) / 3;
    fall_2030 += (ratio[0] - ratio[9]) / 3;
  }
  CAPTURE(fall_2025);
  CAPTURE(fall_2030);
  CHECK(fall_2025 >= 0.03);
  CHECK(fall_2030 >= 0.05);
}

// Mechanism: resolve_nominal_path (model/params.cpp) solves the monthly growth so that
// calendar-year means of the nominal level grow exactly as the path gives. Applying each
// year's growth to its own July-June window alone (the earlier rule) gave 5.1 % for 2022
// between 7 % and 7.5 % years instead of the bulletin's 4.42 %.
TEST_CASE("calendar-year means of the nominal level replay the path exactly (mechanism: resolve_nominal_path)") {
  const Params p = testing::small_world({}, 0.004, "2024-12");
  REQUIRE(p.economy.nominal_growth_path.size() == 2);
  auto mean_of = [&](int year) {
    double level = 1, sum = 0;
    for (YearMonth d{2020, 1}; d.year <= year; d = d.plus(1)) {
      level *= monthly_nominal_factor(p.economy, d);
      if (d.year == year) sum += level;
    }
    return sum / 12;
  };
  for (const auto& [year, growth] : p.economy.nominal_growth_path) {
    CAPTURE(year);
    CHECK(mean_of(year) / mean_of(year - 1) - 1 == doctest::Approx(growth).epsilon(1e-9));
  }
}

// Mechanisms: unemployed in-migrants go back to their home region and come back where jobs
// are (inmigrant_leave_rate, inmigrant_come_back_rate; systems/migration.cpp), so a slump
// shrinks the labour force instead of swelling unemployment; firms put staff on short time
// before laying anyone off (short_time_min_hours, firm_planning.cpp); quits into
// unemployment fall when the county's unemployment is high (quit_cyclicality,
// labour_market.cpp). Measured with this test's settings (scale 0.004), seeds 1-3, on the
// model of December 2026's last round (employee pensions by the national adjustment, the
// burn-in's demand lever on the effective weight, the dibao's review): regional yearly means
// 2.0-4.1 %, the highest county-year 5.5-8.8 % (2.7-5.4 % and 5.5-9.8 % before that round,
// when the checks allowed 5.5 % and 10-12 %). Each one taken out breaks the band:
// with inmigrant_leave_rate 0 (every in-migrant stays in the labour force, the earlier
// rule) regional years reached 9.4 %, 7.0 % and 5.0 % and counties 16.8, 22.1 and 13.9 %
// (measured before capital shares); with short_time_min_hours 1 (no short time) seed 1
// reaches 6.0 % (county-years 13.9 %); with quit_cyclicality 0 (a constant quit rate)
// 6.0 %. (The county band, 8 %, is checked
// at scale 0.01 in docs/validation.md; at 0.004 the smallest counties have a few hundred
// workers.)
TEST_CASE("unemployment stays within 1.5-5 % every year 2021-2030 (mechanisms: in-migrants' returns, short time, procyclical quits)") {
  for (std::uint64_t seed : {1, 2, 3}) {
    const RunRecord r = decade(seed);
    const auto& u = series(r, "/", "unemployment_rate");
    const auto& cu = series(r, "/county", "unemployment_rate");
    const std::size_t C = 9;
    double low = 1, high = 0, county_high = 0;
    for (int y = 0; y < 10; ++y) {
      const double mean = year_mean(u, y);
      low = std::min(low, mean);
      high = std::max(high, mean);
      for (std::size_t c = 0; c < C; ++c) county_high = std::max(county_high, county_year_mean(cu, C, static_cast<std::size_t>(y), c));
    }
    INFO("seed " << seed);
    CAPTURE(low);
    CAPTURE(high);
    CAPTURE(county_high);
    MESSAGE("seed " << seed << ": yearly unemployment " << low << "-" << high << ", highest county-year " << county_high);
    CHECK(low >= 0.015);
    // The band, 5 % (5.5 % and a county-year bound of 10-12 % were allowed while the
    // level sat higher, December 2026; the county band of the issue, 8 %, is for scale 0.01,
    // docs/validation.md; at this scale the smallest counties have a few hundred workers).
    // County-year bound 12 % since households are built at the consumption rule's steady
    // state (model.md 4.6): highest county-years 7.5 %, 11.2 %, 5.4 % (seeds 1-3; before
    // 7.3 %, 8.8 %, 5.5 %); at scale 0.01 every county-year stays within 0.9-6.1 % (seeds 1-5,
    // scripts/calibration_bands.py), inside the 8 %. Why seed 2 rose was not traced.
    // 13.5 % since appeal reverts towards its draw (issue 12, model.md 4.2): seed 2's highest
    // county-year is Pan'an's 2030, 10.5 % with the random walk and 12.9 % with the
    // reversion. Pan'an has 6-8 firms at this scale and loses about half its share of the
    // firms' notional demand over the decade either way (0.0265 -> 0.0150 with the walk,
    // 0.0264 -> 0.0145 with the reversion; saved states, `prosim run` at scale 0.004), so which
    // seed crosses 12 % is the draw of a handful of firms: over seeds 1-8 the highest
    // county-years are 5.9-10.5 % (mean 7.4) with the walk and 5.4-12.9 % (mean 7.5) with the
    // reversion. At scale 0.01 the reversion lowers the highest county-year of seeds 1-5 from
    // 9.3 % to 6.7 % (docs/validation.md).
    CHECK(high <= 0.05);
    CHECK(county_high <= 0.135);
  }
}

// The Gini does not drift without a cause (issue 12, point 5: within +-0.015 over 2021-2030).
// The mean over seeds 1-3 at this scale is checked: +0.0024 (December 2026's last round). Not a single
// mechanism: the earlier baseline rose by 0.021 (savings concentrating, more households
// without an earner), and births in villages had hidden part of the rise.
TEST_CASE("the Gini moves by less than 0.015 over 2021-2030 (seed mean)") {
  double drift = 0;
  for (std::uint64_t seed : {1, 2, 3}) {
    const RunRecord r = decade(seed);
    const auto& g = series(r, "/annual", "gini");
    INFO("seed " << seed);
    CAPTURE(g.front());
    CAPTURE(g.back());
    drift += (g.back() - g.front()) / 3;
  }
  CAPTURE(drift);
  CHECK(std::abs(drift) < 0.015);
}

// 2022 against Jinhua's bulletin (shared/data/jinhua_2022_2023.md section 1): incomes
// 58,080 / 69,626 / 35,630 yuan (all, urban, rural), the ratio 1.954, rural growth 5.7 %
// against urban 3.3 % (+2.4 points). Seeds 1-5 at this scale, means (December 2026's last
// round): incomes +3.9 %, +1.0 %, +0.2 %; ratio 1.972; rural minus urban growth +1.5 points
// (at scale 0.01: 1.986 and +0.9, docs/validation.md). With rents on the housing market
// (issue 12, tests/model/housing_rents_test.cpp): ratio 1.966, +1.8 points at this scale;
// 1.980 and +1.3 at scale 0.01 (model.md 5.2). This is a validation check, not the guard of one
// mechanism: with the earlier demography (births replacing deaths) it still passes (one
// year is too short for it; the decade tests above guard it), and without the replayed
// nominal path income is +4.5 % (5 seeds), still inside. It fails if the 2022 level or the
// catch-up drifts away from the bulletin.
TEST_CASE("2022 incomes, urban-rural ratio and rural catch-up against the bulletin (seed means)") {
  double all = 0, urban = 0, rural = 0, ratio = 0, gap = 0;
  const int n = 5;
  for (std::uint64_t seed = 1; seed <= n; ++seed) {
    const RunRecord r = decade(seed, {}, "2022-12");
    const auto& a = series(r, "/annual", "income_per_capita");
    const auto& u = series(r, "/annual", "income_per_capita_urban");
    const auto& v = series(r, "/annual", "income_per_capita_rural");
    const auto& q = series(r, "/annual", "urban_rural_ratio");
    REQUIRE(a.size() == 2);
    all += a[1] / n;
    urban += u[1] / n;
    rural += v[1] / n;
    ratio += q[1] / n;
    gap += (v[1] / v[0] - u[1] / u[0]) / n;
  }
  CAPTURE(all);
  CAPTURE(urban);
  CAPTURE(rural);
  CAPTURE(ratio);
  CAPTURE(gap);
  CHECK(std::abs(all / 58080 - 1) < 0.05);
  CHECK(std::abs(urban / 69626 - 1) < 0.05);
  CHECK(std::abs(rural / 35630 - 1) < 0.05);
  // The band, 0.03 (0.035 was allowed while the region's 2021 ratio had drifted to
  // 2.02; the counties' ratio inputs put it back at 2.00, docs/calibration.md).
  CHECK(std::abs(ratio - 1.954) < 0.03);
  CHECK(gap > 0.01);
  CHECK(gap < 0.04);
}

// Mechanism: an entrant's productivity is drawn around its county's mean, which grows at
// productivity_growth (model/firm_rules.cpp init_firm). Until issue 12 every entrant reset
// the county's mean to one while incumbents' productivity kept growing, so incumbents'
// productivity relative to the mean, and with it their rent-sharing wage, rose by about
// 4 % a year, and 2022's mean wage grew 0.9 point faster than the wage level (scale 0.01,
// seeds 1-5: +6.0 % against +5.1 % with the export cycle off).
TEST_CASE("firms' productivity stays centred on its county's mean (mechanism: entrants drawn around the grown mean)") {
  const Simulation sim = testing::run_small_world({{"seed", 1}}, 0.004, "2025-12");
  const auto& w = sim.world();
  std::vector<double> sum(w.counties.size(), 0.0), n(w.counties.size(), 0.0);
  for (std::size_t k = 0; k < w.firms.size(); ++k) {
    if (!w.firms.alive[k]) continue;
    sum[w.firms.county[k]] += w.firms.productivity[k];
    n[w.firms.county[k]] += 1;
  }
  for (std::size_t c = 0; c < w.counties.size(); ++c) {
    REQUIRE(n[c] > 0);
    const double relative = sum[c] / n[c] / w.counties[c].mean_productivity;
    INFO("county " << c);
    CAPTURE(relative);
    CHECK(relative > 0.85);
    CHECK(relative < 1.22);  // seed 1: 1.01-1.13 by county; with entrants resetting the mean 1.34-1.50
  }
}

// Mechanisms: (1) entrants' productivity around the grown county mean (above); (2) no
// business-cycle shocks in the years whose nominal growth the scenario replays (systems/
// macro.cpp): the replayed path already holds their cycle. In 2022 the nominal level grows
// 4.42 % (Jinhua's GDP at current prices). Seeds 1-5 at this scale: GDP +4.8 % and the mean
// wage +5.3 %; with the export cycle drawn in 2022 (the earlier rule) GDP grew 7.1 % (seed
// range 4.7-9.0 %: the five seeds' draws happened to be high), with entrants resetting the
// county mean the mean wage grew 5.9 % (5.8-6.1 %).
TEST_CASE("2022 GDP and wages grow with the replayed nominal level (mechanisms: entrants' productivity, no cycle shocks in replayed years)") {
  double gdp = 0, wage = 0, income = 0;
  const int n = 5;
  for (std::uint64_t seed = 1; seed <= n; ++seed) {
    const RunRecord r = decade(seed, {}, "2022-12");
    const auto& g = series(r, "/", "gdp");
    const auto& m = series(r, "/", "mean_wage");
    const auto& a = series(r, "/annual", "income_per_capita");
    gdp += (year_mean(g, 1) / year_mean(g, 0) - 1) / n;
    wage += (year_mean(m, 1) / year_mean(m, 0) - 1) / n;
    income += (a[1] / a[0] - 1) / n;
  }
  CAPTURE(gdp);
  CAPTURE(wage);
  CAPTURE(income);
  CHECK(std::abs(gdp - 0.0442) < 0.01);
  // The mean wage grows faster than the wage level (+4.0-4.4 %: the nominal level less the
  // Phillips term) because the least skilled retire first and the minimum wage rose in
  // August 2021; the bound is between the two rules' seed ranges.
  CHECK(wage < 0.0565);
  // Bulletin +3.9 %; still 1.8 points above it (docs/validation.md: savings compounding into
  // property income, pensions, no 2022 slowdown of urban wages).
  CHECK(income < 0.062);
}
