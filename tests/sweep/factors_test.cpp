// Factor values, their application and the errors a sweep file gets before any run
// (sweep/factors.h, sweep/sweep_spec.h, sweep/plan.h).
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <set>
#include <string>

#include "core/error.h"
#include "core/seeds.h"
#include "io/scenario_loader.h"
#include "sweep/factors.h"
#include "sweep/plan.h"

using namespace prosim;
using Json = nlohmann::ordered_json;

namespace {

const std::string kScenarios = std::string(PROSIM_SOURCE_DIR) + "/scenarios";

const Json& baseline() {
  static const Json j = load_scenario(kScenarios + "/jinhua_baseline.json").json;
  return j;
}

// The ScenarioError a sweep text gets from loading and planning ("" if none).
std::string sweep_error(const std::string& text, std::string* where = nullptr) {
  try {
    const SweepSpec spec = load_sweep_text(text, "s.json", kScenarios);
    make_plan(spec, baseline(), "jinhua_baseline.json");
  } catch (const ScenarioError& e) {
    if (where) *where = e.where();
    return e.what();
  }
  return "";
}

Plan plan_of(const std::string& text) {
  return make_plan(load_sweep_text(text, "s.json", kScenarios), baseline(), "jinhua_baseline.json");
}

}  // namespace

TEST_CASE("factor values: distributions map the unit interval onto the factor") {
  FactorSpec f;
  f.lo = 0.01;
  f.hi = 1.0;
  f.distribution = Distribution::LogUniform;
  CHECK(factor_value(f, 0.0, false).real == 0.01);
  CHECK(factor_value(f, 1.0, false).real == 1.0);
  CHECK(factor_value(f, 0.5, false).real == doctest::Approx(0.1));

  f.distribution = Distribution::Integer;
  f.lo = 2;
  f.hi = 5;
  std::set<std::int64_t> seen;
  for (int i = 0; i < 100; ++i) {
    const auto v = factor_value(f, (i + 0.5) / 100, false);
    CHECK(v.json.is_number_integer());
    seen.insert(v.json.get<std::int64_t>());
  }
  CHECK(seen == std::set<std::int64_t>{2, 3, 4, 5});
  CHECK(factor_value(f, 1.0 / 3, true).real == 3);  // lattice: lo + round(u (hi - lo))

  FactorSpec c;
  c.distribution = Distribution::Categorical;
  c.levels = {Json(10), Json(20), Json(30)};
  CHECK(factor_value(c, 0.5, true).real == 20);   // lattice position 1 of 3
  CHECK(factor_value(c, 0.99, false).real == 30);  // quantile: stratum 2 of 3
  CHECK(factor_value(c, 0.0, false).real == 10);
}

TEST_CASE("apply: set replaces, scale multiplies and keeps integers integers") {
  Json doc = {{"a", 10}, {"b", {0.5, 2.0}}};
  FactorSpec f;
  f.pointers = {"/a", "/b/1"};
  f.apply = Apply::Scale;
  FactorValue v;
  v.real = 1.26;
  v.json = 1.26;
  apply_factor(f, v, doc);
  CHECK(doc["a"].is_number_integer());
  CHECK(doc["a"].get<int>() == 13);
  CHECK(doc["b"][1].get<double>() == doctest::Approx(2.52));
  f.apply = Apply::Set;
  f.pointers = {"/b/0"};
  apply_factor(f, v, doc);
  CHECK(doc["b"][0].get<double>() == 1.26);
}

TEST_CASE("plan: factors reach the run scenarios; replicate k has the same seed at every point") {
  const Plan plan = plan_of(R"({"base": "jinhua_baseline.json", "seed": 5, "replicates": 3,
    "factors": {"quit": {"pointer": "/economy/quit_rate", "range": [0.005, 0.02], "n": 3},
                "mw": {"pointers": ["/policies/minimum_wage/schedule/0/tiers/0", "/policies/minimum_wage/schedule/0/tiers/1"],
                       "levels": [1.0, 1.5], "apply": "scale"}}})");
  REQUIRE(plan.runs.size() == 3 * 2 * 3);
  const double tier0 = baseline()["policies"]["minimum_wage"]["schedule"][0]["tiers"][0].get<double>();
  for (const auto& run : plan.runs) {
    CHECK(run.seed == replicate_seed(5, run.replicate));
    const Json s = Json::parse(run.scenario_text);
    CHECK(s["seed"].get<std::uint64_t>() == run.seed);
    CHECK(s["economy"]["quit_rate"].get<double>() == plan.values[run.point][0]);
    CHECK(s["policies"]["minimum_wage"]["schedule"][0]["tiers"][0].get<double>() ==
          doctest::Approx(tier0 * plan.values[run.point][1]));
  }
  CHECK(plan.values[0] == std::vector<double>{0.005, 1.0});
  CHECK(plan.values[5] == std::vector<double>{0.02, 1.5});
  // Default summaries: ratio and Gini in the last calendar year of the base scenario.
  REQUIRE(plan.summaries.size() == 2);
  CHECK(plan.summaries[0].name == "urban_rural_ratio_2030");
}

TEST_CASE("errors before any run, located in the sweep file") {
  std::string where;
  SUBCASE("a pointer that does not exist, with a hint") {
    const auto what = sweep_error(R"({"base": "x.json", "factors": {"quit": {"pointer": "/economy/quit_rat", "levels": [0.1]}}})",
                                  &where);
    CHECK(where == "s.json: /factors/quit/pointer");
    CHECK(what.find("pointer /economy/quit_rat does not exist") != std::string::npos);
    CHECK(what.find("did you mean \"quit_rate\"") != std::string::npos);
  }
  SUBCASE("a value the scenario schema rejects names factor, pointer and point") {
    const auto what = sweep_error(
        R"({"base": "x.json", "factors": {"quit": {"pointer": "/economy/quit_rate", "range": [0.5, 1.5], "n": 2}}})", &where);
    CHECK(where == "s.json: /factors/quit/pointer");
    CHECK(what.find("factor quit = 1.5 (set) at pointer /economy/quit_rate") != std::string::npos);
    CHECK(what.find("design point 1") != std::string::npos);
    CHECK(what.find("expected a number <= 1") != std::string::npos);
  }
  SUBCASE("scale needs a number") {
    sweep_error(R"({"base": "x.json", "factors": {"n": {"pointer": "/name", "levels": [2], "apply": "scale"}}})", &where);
    CHECK(where == "s.json: /factors/n/pointer");
  }
  SUBCASE("pointer and pointers together") {
    const auto what = sweep_error(
        R"({"base": "x.json", "factors": {"q": {"pointer": "/seed", "pointers": ["/seed"], "levels": [1]}}})", &where);
    CHECK(where == "s.json: /factors/q");
    CHECK(what.find("exactly one of \"pointer\"") != std::string::npos);
  }
  SUBCASE("levels and range together") {
    sweep_error(R"({"base": "x.json", "factors": {"q": {"pointer": "/seed", "levels": [1], "range": [1, 2]}}})", &where);
    CHECK(where == "s.json: /factors/q");
  }
  SUBCASE("schema: unknown design, unknown key") {
    sweep_error(R"({"base": "x.json", "design": {"type": "random"}, "factors": {"q": {"pointer": "/seed", "levels": [1]}}})",
                &where);
    CHECK(where == "s.json: /design/type");
    sweep_error(R"({"base": "x.json", "factors": {"q": {"pointer": "/seed", "levels": [1], "aply": "set"}}})", &where);
    CHECK(where == "s.json: /factors/q/aply");
  }
  SUBCASE("a grid range factor without points; a log range through zero") {
    sweep_error(R"({"base": "x.json", "factors": {"q": {"pointer": "/economy/quit_rate", "range": [0, 0.1]}}})", &where);
    CHECK(where == "s.json: /factors/q");
    sweep_error(R"({"base": "x.json", "design": {"type": "lhs", "samples": 4},
      "factors": {"q": {"pointer": "/economy/quit_rate", "range": [0, 0.1], "distribution": "log-uniform"}}})", &where);
    CHECK(where == "s.json: /factors/q/range");
  }
  SUBCASE("names: index variables and colliding outputs") {
    sweep_error(R"({"base": "x.json", "factors": {"seed": {"pointer": "/seed", "levels": [1]}}})", &where);
    CHECK(where == "s.json: /factors/seed");
    sweep_error(R"({"base": "x.json", "factors": {"gini": {"pointer": "/seed", "levels": [1]}},
      "outputs": {"series": ["gini"]}})", &where);
    CHECK(where == "s.json: /outputs/series/0");
    sweep_error(R"({"base": "x.json", "factors": {"q": {"pointer": "/seed", "levels": [1]}},
      "outputs": {"series": ["ginni"]}})", &where);
    CHECK(where == "s.json: /outputs/series/0");
    sweep_error(R"({"base": "x.json", "factors": {"q": {"pointer": "/seed", "levels": [1]}},
      "outputs": {"summaries": {"r": {"indicator": "gini", "year": 2040}}}})", &where);
    CHECK(where == "s.json: /outputs/summaries/r");
  }
  SUBCASE("a valid sweep has no error") {
    CHECK(sweep_error(R"({"base": "x.json", "factors": {"q": {"pointer": "/economy/quit_rate", "levels": [0.01, 0.02]}}})") ==
          "");
  }
}

TEST_CASE("shipped sweeps in scenarios/sweeps plan without errors") {
  namespace fs = std::filesystem;
  int sweeps = 0;
  for (const auto& entry : fs::directory_iterator(kScenarios + "/sweeps")) {
    if (entry.path().extension() != ".json") continue;
    std::string text;
    const Json doc = read_json_document(entry.path().string(), text);
    CAPTURE(entry.path().string());
    if (!doc.contains("factors")) {  // a base scenario of a sweep
      CHECK_NOTHROW(load_scenario(entry.path().string()));
      continue;
    }
    ++sweeps;
    const SweepSpec spec = load_sweep(entry.path().string());
    const Plan plan = make_plan(spec, load_scenario(spec.base_path).json, spec.base_path);
    CHECK(plan.runs.size() >= 20);
    CHECK(plan.runs.size() <= 100);  // small enough to run as shipped (docs/sweeps.md)
  }
  CHECK(sweeps == 3);
}
