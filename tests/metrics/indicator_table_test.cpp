// The indicator table on a hand-built world of four households in two counties: every row's
// value against a number worked out by hand (the sums are in the comments), so that a row
// that reads the wrong sum, or a sum that the aggregation pass gets wrong, fails here.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>

#include "metrics/indicator.h"
#include "metrics/month_sums.h"
#include "policies/registry.h"
#include "systems/systems.h"

using namespace prosim;

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

struct HandWorld {
  Params params{};
  World world;
};

// Counties A (poverty line 1000 yuan/person/month, minimum wage 2000) and B (800, 1800).
// Settlements: 0 town of A, 1 village of A (village 0), 2 town of B.
// Households (monthly disposable income, persons):
//   h0 town A, 2 persons, 10000 (wages); members employed at firm 0 for 5000 and 2050;
//   h1 village A, 4 persons, 2000 (farm); two farmers, a child, a retiree;
//   h2 village A, 1 person, 1200 of which 400 social assistance; a retiree;
//   h3 town B, 3 persons, 6000 (5000 wages, 1000 own-account); employed at firm 1 for 5000,
//      self-employed, unemployed.
// Firms: 0 in A, sales 100000, labour cost 12000, 2 vacancies; 1 in B, 50000, 6000, 1.
// Village 0: operating income 1000 a month, subsidy 500, dividends 100, 10 registered members.
HandWorld hand_world() {
  HandWorld h;
  auto& p = h.params;
  p.economy.intermediate_share = 0.6;
  p.output.middle_income_bands = {{100000, 500000}, {200000, 600000}};
  p.output.low_income_threshold = 50000;
  p.output.village_total_threshold = 200000;
  p.output.village_operating_threshold = 100000;
  p.output.village_strong_threshold = 500000;
  auto& w = h.world;
  w.weight = 1;
  w.counties.resize(2);
  w.counties[0].name = "A";
  w.counties[0].dibao_standard = 1000;
  w.counties[0].min_wage = 2000;
  w.counties[1].name = "B";
  w.counties[1].dibao_standard = 800;
  w.counties[1].min_wage = 1800;
  auto& s = w.settlements;
  s.kind = {SettlementKind::Town, SettlementKind::Village, SettlementKind::Town};
  s.terrain = {Terrain::Plain, Terrain::Plain, Terrain::Plain};
  s.county = {0, 0, 1};
  s.village = {-1, 0, -1};
  auto& hh = w.households;
  hh.resize(4);
  const int settlement[] = {0, 1, 1, 2}, county[] = {0, 0, 0, 1}, size[] = {2, 4, 1, 3}, first[] = {0, 2, 6, 7};
  const double disposable[] = {10000, 2000, 1200, 6000};
  for (int i = 0; i < 4; ++i) {
    hh.settlement[i] = settlement[i];
    hh.county[i] = county[i];
    hh.size[i] = static_cast<std::uint8_t>(size[i]);
    hh.first_member[i] = first[i];
    hh.disposable[i] = disposable[i];
  }
  hh.income[kWages][0] = 10000;
  hh.income[kFarm][1] = 2000;
  hh.income[kPensions][2] = 800;
  hh.income[kSocialAssistance][2] = 400;
  hh.income[kWages][3] = 5000;
  hh.income[kSelfEmployment][3] = 1000;
  auto& ps = w.persons;
  ps.resize(10);
  using L = LabourStatus;
  const L status[] = {L::Employed, L::Employed, L::Farming, L::Farming, L::Child, L::Retired,
                      L::Retired,  L::Employed, L::SelfEmployed, L::Unemployed};
  const int household[] = {0, 0, 1, 1, 1, 1, 2, 3, 3, 3};
  for (int i = 0; i < 10; ++i) {
    ps.status[i] = status[i];
    ps.household[i] = household[i];
    ps.employer[i] = -1;
  }
  ps.employer[0] = ps.employer[1] = 0;
  ps.employer[7] = 1;
  ps.wage[0] = 5000;
  ps.wage[1] = 2050;  // within 5 % of A's minimum wage
  ps.wage[7] = 5000;
  auto& f = w.firms;
  for (int k = 0; k < 2; ++k) {
    const auto id = f.add();
    f.alive[id] = 1;
    f.county[id] = k;
  }
  f.sales = {100000, 50000};
  f.labour_cost = {12000, 6000};
  f.vacancies = {2, 1};
  auto& v = w.villages;
  v.resize(1);
  v.settlement[0] = 1;
  v.county[0] = 0;
  v.operating_income[0] = 1000;
  v.subsidy_income[0] = 500;
  v.dividends[0] = 100;
  v.registered_members[0] = 10;
  w.policy_states = make_policy_states();
  return h;
}

double value(const std::vector<Indicator>& table, const std::string& name, const MonthView& view, std::size_t i = 0) {
  for (const auto& row : table)
    if (row.name == name) return row.reducer(view, i);
  FAIL("no row " << name);
  return 0;
}

}  // namespace

TEST_CASE("region rows on a hand-built world") {
  auto h = hand_world();
  MonthSums sums;
  count_labour_force(h.world);  // close_month's counts, which the recorder reads
  ScratchArena arena;
  auto lease = arena.borrow();
  aggregate_month(h.params, h.world, sums, lease);
  const MonthView view{h.params, h.world, sums};
  const auto table = indicator_table(IndicatorGroup::Region, policy_indicators());
  // Annual household incomes 120000, 24000, 14400, 72000; 10 persons, 5 in towns.
  const std::map<std::string, double> expected = {
      {"population", 10},
      {"income_per_capita", 230400.0 / 10},
      {"income_per_capita_urban", 192000.0 / 5},
      {"income_per_capita_rural", 38400.0 / 5},
      {"urban_rural_ratio", 5},
      {"middle_income_share_100k_500k", 0.25},  // h0
      {"middle_income_share_200k_600k", 0},
      // Per typical three-person household: 3 x per-capita income 180000, 18000, 14400 x 3, 72000;
      // h0's 2 persons of 10.
      {"middle_income_share_100k_500k_per3", 0.2},
      {"middle_income_share_200k_600k_per3", 0},
      {"low_income_share_50k", 0.5},            // h1, h2
      // Before social assistance h1 (2000 < 4000) and h2 (800 < 1000) are poor: 5 persons,
      // gaps 12 x 2000 and 12 x 200. After it h2 (1200) is near-poor, h1 still poor.
      {"poverty_headcount", 0.5},
      {"poverty_gap", 26400.0 / 5},
      {"poverty_headcount_after_transfers", 0.4},
      {"poverty_gap_after_transfers", 24000.0 / 4},
      {"near_poor_share", 0.1},
      // Value added a month: farm 2000 + own-account 1000 + firms 0.4 x 150000 + village 1000.
      {"gdp", 12 * 64000.0},
      {"gdp_per_capita", 12 * 64000.0 / 10},
      {"labour_share", 18000.0 / 64000},
      {"wage_share_of_income", 15000.0 / 19200},
      {"business_share_of_income", 3000.0 / 19200},
      {"property_share_of_income", 0},
      {"transfer_share_of_income", 1200.0 / 19200},
      {"employment", 6},  // 3 employed, 1 self-employed, 2 farmers
      {"unemployment_rate", 1.0 / 7},
      {"registered_unemployment_rate", kMissing},  // nobody has urban hukou: no registered labour force
      {"vacancies", 3},
      {"mean_wage", 12050.0 / 3},
      {"median_wage", 5000},
      {"min_wage_workers_share", 1.0 / 3},
      {"firms", 2},
      {"urbanisation_rate", 0.5},
      {"migrants", 0},
      {"village_income_threshold_share", 0},  // 12 x 1500 < 200k
      {"village_operating_500k_share", 0},
      {"weak_villages", 1},
      {"village_dividends_per_member", 12 * 100.0 / 10},
      {"dibao_recipients", 0},
      {"county_gdp_per_capita_max_min_ratio", (12 * 21000.0 / 3) / (12 * 43000.0 / 7)},
      {"county_income_per_capita_max_min_ratio", (72000.0 / 3) / (158400.0 / 7)},
  };
  for (const auto& [name, x] : expected) {
    INFO(name);
    if (std::isnan(x))
      CHECK(std::isnan(value(table, name, view)));
    else
      CHECK(value(table, name, view) == doctest::Approx(x).epsilon(1e-12));
  }
  // Every row is either checked above, covered by the inequality tests (distribution
  // statistics), December-only, or a counter this world leaves at zero.
  const std::set<std::string> elsewhere = {
      "gini", "theil", "theil_between_urban_rural", "theil_between_counties", "p90_p10", "quintile_share_top",
      "quintile_share_bottom", "low_income_income_growth", "firm_entries", "firm_exits",
      "firm_exits_low_productivity", "remittances", "external_income", "fiscal_cost_total", "dibao_spending",
      "enclave_projects", "enclave_returns", "enclave_investment", "enclave_grants", "enclave_guarantees",
      "relocated_households", "relocation_spending", "relocation_cost_per_household", "trainees", "training_spending"};
  for (const auto& row : table) {
    INFO(row.name);
    CHECK((expected.count(row.name) + elsewhere.count(row.name)) == 1);
  }
}

// The NBS counts the middle-income group per "typical three-person household" (per-capita
// income x 3, model/constants.h kTypicalHouseholdSize), the _per3 rows; the plain rows count
// households by their own income (INDICATORS.md). A one-person household with 36k a year is
// in the first band per three persons (108k) and below it by its own income; a four-person
// household with 240k a year is in the second band by its own income and not per three
// persons (180k), but in the first.
TEST_CASE("the per-three-person middle-income shares count persons by per-capita income x 3") {
  auto h = hand_world();
  auto& hh = h.world.households;
  hh.disposable[2] = 3000;   // h2, 1 person: 36000 a year
  hh.disposable[1] = 20000;  // h1, 4 persons: 240000 a year
  hh.disposable_last_year = {12 * 10000.0, 12 * 20000.0, 12 * 3000.0, 12 * 6000.0};
  MonthSums sums;
  count_labour_force(h.world);
  ScratchArena arena;
  auto lease = arena.borrow();
  aggregate_month(h.params, h.world, sums, lease);
  aggregate_year(h.params, h.world, sums.year, sums.obs, sums.sorted, sums.sort_keys, sums.sort_scratch);  // the recorder lends these
  const MonthView view{h.params, h.world, sums};
  for (const auto group : {IndicatorGroup::Region, IndicatorGroup::Annual}) {
    const auto table = indicator_table(group, group == IndicatorGroup::Region ? policy_indicators() : std::vector<Indicator>{});
    // Own income: h0 120000 and h1 240000 in [100k, 500k); h1 in [200k, 600k).
    CHECK(value(table, "middle_income_share_100k_500k", view) == doctest::Approx(0.5));
    CHECK(value(table, "middle_income_share_200k_600k", view) == doctest::Approx(0.25));
    // Per three persons: h0 180000 (2 persons), h1 180000 (4), h2 108000 (1) in the first
    // band, h3 72000 (3) not; nobody in the second.
    CHECK(value(table, "middle_income_share_100k_500k_per3", view) == doctest::Approx(0.7));
    CHECK(value(table, "middle_income_share_200k_600k_per3", view) == doctest::Approx(0.0));
  }
}

TEST_CASE("county rows on a hand-built world") {
  auto h = hand_world();
  MonthSums sums;
  count_labour_force(h.world);  // close_month's counts, which the recorder reads
  ScratchArena arena;
  auto lease = arena.borrow();
  aggregate_month(h.params, h.world, sums, lease);
  const MonthView view{h.params, h.world, sums};
  const auto table = indicator_table(IndicatorGroup::County, policy_indicators());
  struct Case {
    const char* name;
    double a, b;  // county A, county B
  };
  const Case cases[] = {
      {"population", 7, 3},
      {"income_per_capita", 158400.0 / 7, 72000.0 / 3},
      {"gdp_per_capita", 12 * 43000.0 / 7, 12 * 21000.0 / 3},
      {"unemployment_rate", 0, 1.0 / 3},
      {"urbanisation_rate", 2.0 / 7, 1},
      {"weak_villages", 1, 0},
      {"min_wage", 2000, 1800},
      {"dibao_standard", 1000, 800},
      {"poverty_headcount", 5.0 / 7, 0},
      {"poverty_headcount_after_transfers", 4.0 / 7, 0},
      {"near_poor_share", 1.0 / 7, 0},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    CHECK(value(table, c.name, view, 0) == doctest::Approx(c.a).epsilon(1e-12));
    CHECK(value(table, c.name, view, 1) == doctest::Approx(c.b).epsilon(1e-12));
  }
  // County B has no village residents: its urban/rural ratio and poverty gap are missing.
  CHECK(std::isnan(value(table, "urban_rural_ratio", view, 1)));
  CHECK(std::isnan(value(table, "poverty_gap", view, 1)));
}

TEST_CASE("a policy's row goes after its anchor; an unknown anchor or a name used twice is refused") {
  const auto& core = core_indicators(IndicatorGroup::Region);
  Indicator extra{"extra_row", "1", "test row", IndicatorGroup::Region, [](const MonthView&, std::size_t) { return 1.0; },
                  "gdp"};
  const auto table = indicator_table(IndicatorGroup::Region, {extra});
  REQUIRE(table.size() == core.size() + 1);
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].name == "extra_row") CHECK(table[i - 1].name == "gdp");
  extra.after = "no_such_row";
  CHECK_THROWS_AS(indicator_table(IndicatorGroup::Region, {extra}), std::logic_error);
  extra.after = "";
  extra.name = "gdp";
  CHECK_THROWS_AS(indicator_table(IndicatorGroup::Region, {extra}), std::logic_error);
}
