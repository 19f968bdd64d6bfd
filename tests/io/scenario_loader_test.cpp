// The scenario loader: parsing, `extends`, schema validation with exact messages, defaults,
// and the checks the schema cannot express. Every test asserts an exact message or value.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/error.h"
#include "io/scenario_loader.h"

using prosim::load_scenario;
using prosim::load_scenario_text;
using prosim::LoadedScenario;
using prosim::ScenarioError;
using Json = nlohmann::ordered_json;

namespace {

const std::string kFixtures = std::string(PROSIM_SOURCE_DIR) + "/tests/io/fixtures/";

// The smallest valid scenario: one county with only its required keys.
const char* kMinimal = R"({
  "name": "minimal",
  "region": {
    "name": "R",
    "counties": {
      "Wuyi": {
        "population": 340000, "urbanisation": 0.55, "income_per_capita": 42000,
        "gdp": 30000000000, "villages": 250, "area_km2": 1577,
        "terrain": {"plain": 0.2, "hill": 0.3, "mountain": 0.5}
      }
    }
  }
})";

// kMinimal with an RFC 7396 merge patch applied (null removes a key).
std::string minimal_with(const std::string& patch) {
  Json doc = Json::parse(kMinimal);
  doc.merge_patch(Json::parse(patch));
  return doc.dump(2);
}

// The `properties` of a top-level object in the scenario schema.
Json schema_properties(const std::string& key) {
  return Json::parse(prosim::scenario_schema_text())["properties"][key]["properties"];
}

LoadedScenario load_text(const std::string& text) { return load_scenario_text(text, "inline.json", kFixtures); }

// The full message of the error loading `text` raises; "" if it loads.
std::string error_of_text(const std::string& text) {
  try {
    load_text(text);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

std::string error_of_patch(const std::string& patch) { return error_of_text(minimal_with(patch)); }

std::string error_of_file(const std::string& path) {
  try {
    load_scenario(path);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

std::string where_of_text(const std::string& text) {
  try {
    load_text(text);
  } catch (const ScenarioError& e) {
    return e.where();
  }
  return "";
}

}  // namespace

// --- Parsing and defaults ---------------------------------------------------------------------

TEST_CASE("a minimal scenario loads and every default is filled") {
  const LoadedScenario s = load_text(kMinimal);
  const Json& j = s.json;
  CHECK(s.path == "inline.json");
  CHECK(s.chain == std::vector<std::string>{"inline.json"});
  CHECK(j.at("name") == "minimal");
  CHECK(j.at("description") == "");
  CHECK(j.at("seed") == 1);
  CHECK(j.at("start") == "2021-01");
  CHECK(j.at("end") == "2030-12");
  CHECK(j.at("scale").get<double>() == 0.01);

  const Json& county = j.at("region").at("counties").at("Wuyi");
  CHECK(county.at("urban_rural_ratio").get<double>() == 2.0);
  CHECK(county.at("towns") == 3);
  CHECK(county.at("parks") == 1);
  CHECK(county.at("mountain_county") == false);
  CHECK(county.at("min_wage_tier") == 1);
  CHECK(county.at("dibao_standard") == 900);
  CHECK(county.at("household_size_urban").get<double>() == 2.6);
  CHECK(county.at("household_size_rural").get<double>() == 2.9);
  // 7 given + the rest from defaults: every county key is present but `seat` (optional, no
  // default: a scenario gives every county's seat or none).
  CHECK(county.size() == Json::parse(prosim::scenario_schema_text())["$defs"]["county"]["properties"].size() - 1);
  CHECK_FALSE(county.contains("seat"));

  // `economy` is absent from the file: every one of its keys comes from the schema's defaults
  // (compared with the schema, so tuning a default does not break this test).
  const Json& economy = j.at("economy");
  const Json& economy_schema = schema_properties("economy");
  CHECK(economy.size() == economy_schema.size());
  for (const auto& [key, property] : economy_schema.items()) {
    CAPTURE(key);
    REQUIRE(property.contains("default"));
    CHECK(economy.at(key) == property["default"]);
  }
  CHECK(economy.at("retirement_age").is_number_integer());

  CHECK(j.at("policies") == Json::object());  // blocks are only filled when present
  const Json& output = j.at("output");
  CHECK(output.at("distribution_dates") == Json::array());
  CHECK(output.at("household_sample_size") == 0);
  CHECK(output.at("middle_income_bands") == Json::parse("[[100000, 500000], [200000, 600000]]"));
  CHECK(output.at("low_income_threshold") == 50000);
  CHECK(output.at("village_strong_threshold") == 500000);
  // Key order: the file's keys first, defaults after them in schema order.
  std::vector<std::string> keys;
  for (const auto& [key, unused] : j.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"name", "region", "description", "seed", "start", "end", "scale", "economy",
                                         "policies", "output"});
}

TEST_CASE("a policy block that is present gets its defaults") {
  const Json j = load_text(minimal_with(R"({"policies": {"minimum_wage": {"indexation": {"every_years": 2}},
                                                          "dibao": {"near_poor_multiple": 1.5}}})"))
                     .json;
  const Json& mw = j.at("policies").at("minimum_wage");
  CHECK(mw.at("enabled") == true);
  CHECK(mw.at("start") == "2021-01");
  CHECK(mw.at("tiers") == Json::parse("[2010, 1800, 1660]"));
  CHECK(mw.at("schedule") == Json::array());
  CHECK(mw.at("compliance").get<double>() == 1.0);
  CHECK(mw.at("indexation").at("every_years") == 2);
  CHECK(mw.at("indexation").at("factor").get<double>() == 1.0);
  CHECK(mw.at("indexation").at("rule") == "average_wage");
  CHECK(mw.at("indexation").at("period_months") == 12);
  const Json& dibao = j.at("policies").at("dibao");
  CHECK(dibao.at("enabled") == true);
  CHECK(dibao.at("near_poor_multiple").get<double>() == 1.5);
  CHECK(dibao.at("near_poor_topup_share").get<double>() == 0.0);
  CHECK(dibao.at("indexation") == "income_growth");
  // Without an indexation object, none is invented.
  CHECK_FALSE(load_text(minimal_with(R"({"policies": {"minimum_wage": {}}})"))
                  .json.at("policies")
                  .at("minimum_wage")
                  .contains("indexation"));
}

TEST_CASE("county order is the file's order and the $schema key is dropped") {
  Json doc = Json::parse(kMinimal);
  Json county = doc["region"]["counties"]["Wuyi"];
  doc["region"]["counties"] = Json::object();
  for (const char* name : {"Yiwu", "Anji", "Wuyi", "Chun'an"}) doc["region"]["counties"][name] = county;
  doc["$schema"] = "../scenarios/scenario.schema.json";
  const Json j = load_text(doc.dump()).json;
  std::vector<std::string> names;
  for (const auto& [name, unused] : j.at("region").at("counties").items()) names.push_back(name);
  CHECK(names == std::vector<std::string>{"Yiwu", "Anji", "Wuyi", "Chun'an"});
  CHECK_FALSE(j.contains("$schema"));
}

TEST_CASE("integers written as 60.0 load as integers") {
  const Json j = load_text(minimal_with(R"({"economy": {"retirement_age": 60.0}, "seed": 3.0})")).json;
  CHECK(j.at("economy").at("retirement_age").is_number_integer());
  CHECK(j.at("economy").at("retirement_age").get<int>() == 60);
  CHECK(j.at("seed").is_number_integer());
  CHECK(error_of_patch(R"({"seed": 3.5})") ==
        "inline.json: /seed: found 3.5, expected an integer (random seed; the same seed gives identical results, "
        "and two scenarios with the same seed share their random draws)");
}

TEST_CASE("a syntax error names FILE:LINE:COLUMN") {
  // Trailing comma: the error is at the closing brace on line 4.
  CHECK(error_of_text("{\n  \"name\": \"x\",\n  \"seed\": 1,\n}\n") ==
        "inline.json:4:1: syntax error while parsing object key: unexpected '}'; expected string literal "
        "(JSON allows no comma after the last item)");
  CHECK(where_of_text("{\n  \"name\": \"x\",\n  \"seed\": 1,\n}\n") == "inline.json:4:1");
  // A bad literal in the middle of a line.
  CHECK(error_of_text("{\"name\": tru}") == "inline.json:1:10: syntax error while parsing value: invalid literal 'tru}'");
  CHECK(error_of_text("{\"name\": 'x'}") ==
        "inline.json:1:10: syntax error while parsing value: invalid literal \"'\" (JSON strings need double quotes)");
  // A missing comma in a file: the error points at the start of the next key.
  CHECK(error_of_file(kFixtures + "broken.json") ==
        kFixtures +
            "broken.json:5:5: syntax error while parsing object: unexpected string literal; expected '}' "
            "(is a comma missing before it?)");
  CHECK(error_of_text("") == "inline.json:1:1: syntax error while parsing value: unexpected end of input; "
                             "expected '[', '{', or a literal");
  CHECK(error_of_text("{\"name\": \"x\" // note\n}") ==
        "inline.json:1:14: syntax error while parsing object: invalid literal '/'; expected '}' "
        "(JSON has no comments; use a \"description\" key)");
  // A line break inside a string.
  CHECK(error_of_text("{\"name\": \"a\nb\"}") ==
        "inline.json:1:12: syntax error while parsing value: invalid string: control character U+000A (LF) must be "
        "escaped to \\u000A or \\n");
}

TEST_CASE("a key given twice is an error") {
  CHECK(error_of_text(R"({"name": "x", "economy": {"quit_rate": 0.1, "quit_rate": 0.2}})") ==
        "inline.json: /economy/quit_rate: duplicate key \"quit_rate\"; each key may appear only once in an object");
  CHECK(error_of_text(R"({"output": {"middle_income_bands": [[1, 2], {"a": 1, "a": 2}]}})") ==
        "inline.json: /output/middle_income_bands/1/a: duplicate key \"a\"; each key may appear only once in an "
        "object");
}

TEST_CASE("the document must be an object and the file must exist") {
  CHECK(error_of_text("[1, 2]") == "inline.json: /: found [1,2], expected an object (a scenario)");
  CHECK(error_of_file(kFixtures + "no_such_file.json") ==
        kFixtures + "no_such_file.json: cannot read the scenario file: no such file");
  CHECK(error_of_file(kFixtures + "sub") == kFixtures + "sub: cannot read the scenario file: it is a directory");
}

// --- extends ------------------------------------------------------------------------------------

TEST_CASE("extends: two levels deep-merge the child onto the parent") {
  const LoadedScenario s = load_scenario(kFixtures + "child.json");
  const Json& j = s.json;
  CHECK(s.chain == std::vector<std::string>{kFixtures + "child.json", kFixtures + "base.json"});
  CHECK_FALSE(j.contains("extends"));
  CHECK_FALSE(j.contains("$schema"));
  CHECK(j.at("name") == "child");
  CHECK(j.at("description") == "two counties, minimum wage on");  // inherited
  CHECK(j.at("seed") == 7);
  CHECK(j.at("region").at("name") == "Jinhua");
  // null deletes Yiwu; Pan'an is new and comes after the parent's counties.
  std::vector<std::string> names;
  for (const auto& [name, unused] : j.at("region").at("counties").items()) names.push_back(name);
  CHECK(names == std::vector<std::string>{"Wuyi", "Pan'an"});
  // Objects merge key by key, recursively.
  const Json& wuyi = j.at("region").at("counties").at("Wuyi");
  CHECK(wuyi.at("urbanisation").get<double>() == 0.6);
  CHECK(wuyi.at("population") == 340000);
  CHECK(wuyi.at("mountain_county") == true);
  CHECK(wuyi.at("terrain") == Json::parse(R"({"plain": 0.25, "hill": 0.3, "mountain": 0.45})"));
  CHECK(j.at("economy").at("quit_rate").get<double>() == 0.015);
  CHECK(j.at("economy").at("markup").get<double>() == 0.25);
  // Arrays are replaced whole, not merged element by element.
  CHECK(j.at("policies").at("minimum_wage").at("tiers") == Json::parse("[2280, 2070, 1840]"));
  CHECK(j.at("policies").at("minimum_wage").at("compliance").get<double>() == 0.9);
}

TEST_CASE("extends: three levels where null deletes an inherited key so its default applies") {
  const LoadedScenario s = load_scenario(kFixtures + "grandchild.json");
  const Json& j = s.json;
  CHECK(s.chain ==
        std::vector<std::string>{kFixtures + "grandchild.json", kFixtures + "child.json", kFixtures + "base.json"});
  CHECK(j.at("name") == "grandchild");
  CHECK(j.at("end") == "2025-12");
  CHECK(j.at("seed") == 7);                                                  // from base
  CHECK(j.at("economy").at("quit_rate").get<double>() == 0.015);              // from child
  CHECK(j.at("economy").at("retirement_age") == 63);                          // own
  CHECK(j.at("economy").at("markup") == schema_properties("economy")["markup"]["default"]);  // deleted -> default
  CHECK(j.at("economy").at("markup").get<double>() != 0.25);  // not the base's value
  CHECK(j.at("policies").at("minimum_wage").at("tiers") == Json::parse("[2280, 2070, 1840]"));
  CHECK(j.at("policies").at("dibao").at("near_poor_multiple").get<double>() == 1.5);
  CHECK(j.at("policies").at("dibao").at("indexation") == "income_growth");
}

TEST_CASE("extends: a path is relative to the extending file") {
  const LoadedScenario s = load_scenario(kFixtures + "sub/cousin.json");
  CHECK(s.chain == std::vector<std::string>{kFixtures + "sub/cousin.json", kFixtures + "base.json"});
  CHECK(s.json.at("scale").get<double>() == 0.002);
  CHECK(s.json.at("region").at("counties").size() == 2);
  // From text, relative to base_dir.
  const LoadedScenario t = load_scenario_text(R"({"extends": "base.json", "name": "t"})", "t.json", kFixtures);
  CHECK(t.chain == std::vector<std::string>{"t.json", kFixtures + "base.json"});
  CHECK(t.json.at("seed") == 7);
}

TEST_CASE("extends: a cycle is an error naming the chain") {
  CHECK(error_of_file(kFixtures + "cycle_a.json") ==
        kFixtures + "cycle_b.json: /extends: extends forms a cycle: " + kFixtures + "cycle_a.json -> " + kFixtures +
            "cycle_b.json -> " + kFixtures + "cycle_a.json");
}

TEST_CASE("extends: a missing parent names the child and /extends") {
  CHECK(error_of_file(kFixtures + "missing_parent.json") ==
        kFixtures + "missing_parent.json: /extends: cannot read the parent scenario \"no_such_base.json\" (looked for " +
            kFixtures + "no_such_base.json): no such file");
  CHECK(error_of_text(R"({"extends": 3, "name": "x"})") ==
        "inline.json: /extends: found 3, expected a string (path of the parent scenario, relative to this file)");
}

TEST_CASE("extends: an error names the file the bad value came from") {
  // The child's own mistake names the child, the inherited one names the parent; both are listed.
  const std::string message = error_of_file(kFixtures + "child_of_bad.json");
  CHECK(message == kFixtures +
                       "bad_base.json: /region/counties/Wuyi/urbanisation: found 1.4, expected a number <= 1 "
                       "(share of residents living in towns)\n" +
                       kFixtures +
                       "child_of_bad.json: /economy/retirment_age: unknown key \"retirment_age\"; did you mean "
                       "\"retirement_age\"?");
}

// --- Validation: one test per kind of error ------------------------------------------------------

TEST_CASE("validation: out of range (minimum and maximum and exclusive bounds)") {
  CHECK(error_of_patch(R"({"region": {"counties": {"Wuyi": {"urbanisation": 1.4}}}})") ==
        "inline.json: /region/counties/Wuyi/urbanisation: found 1.4, expected a number <= 1 "
        "(share of residents living in towns)");
  CHECK(error_of_patch(R"({"region": {"counties": {"Wuyi": {"parks": -1}}}})") ==
        "inline.json: /region/counties/Wuyi/parks: found -1, expected an integer >= 0 (number of industrial parks)");
  CHECK(error_of_patch(R"({"scale": 0})") ==
        "inline.json: /scale: found 0, expected a number > 0 "
        "(fraction of the real population simulated; totals are reported in real units)");
  CHECK(error_of_patch(R"({"economy": {"skill_sigma": 0}})") ==
        "inline.json: /economy/skill_sigma: found 0, expected a number > 0 "
        "(standard deviation of log skill (skill is lognormal))");
  CHECK(error_of_patch(R"({"economy": {"retirement_age": 81}})") ==
        "inline.json: /economy/retirement_age: found 81, expected an integer <= 80 "
        "(years; age at which persons without an urban-employee pension record draw the rural-resident pension "
        "and, unless they farm, leave the labour force)");
  CHECK(error_of_patch(R"({"policies": {"minimum_wage": {"tiers": [2010, 0]}}})") ==
        "inline.json: /policies/minimum_wage/tiers/1: found 0, expected a number > 0 (yuan per month)");
}

TEST_CASE("validation: wrong type") {
  CHECK(error_of_patch(R"({"region": {"counties": {"Wuyi": {"mountain_county": 1}}}})") ==
        "inline.json: /region/counties/Wuyi/mountain_county: found 1, expected true or false "
        "(officially designated mountainous county)");
  CHECK(error_of_patch(R"({"region": {"counties": {"Wuyi": {"villages": 2.5}}}})") ==
        "inline.json: /region/counties/Wuyi/villages: found 2.5, expected an integer (number of administrative "
        "villages)");
  CHECK(error_of_patch(R"({"region": {"counties": {"Wuyi": {"population": "340000"}}}})") ==
        "inline.json: /region/counties/Wuyi/population: found \"340000\", expected a number "
        "(persons; resident population (real, not scaled))");
  CHECK(error_of_patch(R"({"region": {"counties": ["Wuyi"]}})") ==
        "inline.json: /region/counties: found [\"Wuyi\"], expected an object "
        "(the counties of the region, keyed by county name, in output order)");
  // Long values are cut to about 60 characters.
  CHECK(error_of_patch(R"({"region": {"name": [1000000, 2000000, 3000000, 4000000, 5000000, 6000000, 7000000, 8000000]}})") ==
        "inline.json: /region/name: found [1000000,2000000,3000000,4000000,5000000,6000000,7000000,..., "
        "expected a string (name of the region)");
}

TEST_CASE("validation: enum") {
  CHECK(error_of_patch(R"({"policies": {"dibao": {"indexation": "cpi"}}})") ==
        "inline.json: /policies/dibao/indexation: found \"cpi\", expected one of \"none\", \"income_growth\" "
        "(how the dibao standard changes over the run: kept fixed, or raised with the growth of per-capita "
        "disposable income)");
}

TEST_CASE("validation: dates must be YYYY-MM") {
  CHECK(error_of_patch(R"({"start": "2021-13"})") ==
        "inline.json: /start: found \"2021-13\", expected a month as \"YYYY-MM\" with year 1900..2200, "
        "e.g. \"2021-07\" (first simulated month, YYYY-MM)");
  CHECK(error_of_patch(R"({"end": "2030-1"})") ==
        "inline.json: /end: found \"2030-1\", expected a month as \"YYYY-MM\" with year 1900..2200, "
        "e.g. \"2021-07\" (last simulated month, YYYY-MM (inclusive))");
  CHECK(error_of_patch(R"({"policies": {"minimum_wage": {"schedule": [{"date": "2023/01", "tiers": [1, 2, 3]}]}}})") ==
        "inline.json: /policies/minimum_wage/schedule/0/date: found \"2023/01\", expected a month as \"YYYY-MM\" "
        "with year 1900..2200, e.g. \"2021-07\" (month from which the new tiers apply, YYYY-MM)");
  CHECK(error_of_patch(R"({"output": {"distribution_dates": ["2025-12", 2026]}})") ==
        "inline.json: /output/distribution_dates/1: found 2026, expected a string (a calendar month, YYYY-MM)");
}

TEST_CASE("validation: missing required keys") {
  CHECK(error_of_patch(R"({"region": {"counties": {"Wuyi": {"gdp": null}}}})") ==
        "inline.json: /region/counties/Wuyi/gdp: missing required key \"gdp\", expected a number > 0 and <= 100000000000000 "
        "(yuan per year; gross domestic product)");
  // Not `name`: a scenario without one is named after its file (tests/io/names_and_dates_test.cpp).
  CHECK(load_text(minimal_with(R"({"name": null})")).json.at("name") == "inline");
  CHECK(error_of_patch(R"({"policies": {"minimum_wage": {"schedule": [{"date": "2023-01"}]}}})") ==
        "inline.json: /policies/minimum_wage/schedule/0/tiers: missing required key \"tiers\", "
        "expected an array (yuan per month; the new minimum wage of each tier (as many as in tiers))");
  CHECK(error_of_patch(R"({"name": ""})") ==
        "inline.json: /name: found \"\", expected a non-empty string "
        "(short name of the scenario, used in output files and reports)");
  CHECK(error_of_patch(R"({"region": {"counties": {"Wuyi": null}}})") ==
        "inline.json: /region/counties: found {}, expected a non-empty object "
        "(the counties of the region, keyed by county name, in output order)");
}

TEST_CASE("validation: unknown keys suggest the nearest valid key") {
  CHECK(error_of_patch(R"({"economy": {"retirment_age": 62}})") ==
        "inline.json: /economy/retirment_age: unknown key \"retirment_age\"; did you mean \"retirement_age\"?");
  CHECK(error_of_patch(R"({"region": {"counties": {"Wuyi": {"urbanisaton": 0.5}}}})") ==
        "inline.json: /region/counties/Wuyi/urbanisaton: unknown key \"urbanisaton\"; did you mean "
        "\"urbanisation\"?");
  CHECK(error_of_patch(R"({"policies": {"minimum_wgae": {}}})") ==
        "inline.json: /policies/minimum_wgae: unknown key \"minimum_wgae\"; did you mean \"minimum_wage\"?");
  // No key is close: all valid keys are listed, in schema order.
  std::string valid;
  const Json schema = Json::parse(prosim::scenario_schema_text());
  for (const auto& [key, unused] : schema["properties"].items())
    valid += (valid.empty() ? "" : ", ") + key;
  CHECK(valid.rfind("$schema, extends, name, description, seed, start, end, scale, region, economy, policies, output", 0) == 0);
  CHECK(error_of_patch(R"({"colour": "red"})") == "inline.json: /colour: unknown key \"colour\"; valid keys are: " + valid);
}

TEST_CASE("validation: array sizes") {
  CHECK(error_of_patch(R"({"policies": {"minimum_wage": {"tiers": []}}})") ==
        "inline.json: /policies/minimum_wage/tiers: found [], expected a non-empty array "
        "(yuan per month; minimum wage of tier 1, 2, ... (a county's min_wage_tier picks one))");
  CHECK(error_of_patch(R"({"output": {"middle_income_bands": [[1, 2, 3]]}})") ==
        "inline.json: /output/middle_income_bands/0: found [1,2,3], expected an array of exactly 2 items "
        "([low, high] annual household disposable income, yuan per year)");
}

TEST_CASE("validation: every problem is listed in document order with the first one leading") {
  try {
    load_text(minimal_with(R"({"seed": -1, "region": {"counties": {"Wuyi": {"towns": 0}}}, "economy": {"quit_rat": 1}})"));
    FAIL("no error");
  } catch (const ScenarioError& e) {
    CHECK(e.where() == "inline.json: /region/counties/Wuyi/towns");
    CHECK(std::string(e.what()) ==
          "inline.json: /region/counties/Wuyi/towns: found 0, expected an integer >= 1 "
          "(number of towns (urban centres))\n"
          "inline.json: /seed: found -1, expected an integer >= 0 (random seed; the same seed gives identical "
          "results, and two scenarios with the same seed share their random draws)\n"
          "inline.json: /economy/quit_rat: unknown key \"quit_rat\"; did you mean \"quit_rate\"?");
  }
}

// --- Checks beyond the schema --------------------------------------------------------------------

TEST_CASE("semantic: end not before start") {
  CHECK(error_of_patch(R"({"start": "2025-01", "end": "2024-12"})") ==
        "inline.json: /end: found \"2024-12\", expected a month not before start \"2025-01\"");
  CHECK(error_of_patch(R"({"start": "2025-01", "end": "2025-01"})") == "");
}

TEST_CASE("semantic: terrain shares sum to 1") {
  CHECK(error_of_patch(R"({"region": {"counties": {"Wuyi": {"terrain": {"plain": 0.5, "hill": 0.3, "mountain": 0.1}}}}})") ==
        "inline.json: /region/counties/Wuyi/terrain: found {\"plain\":0.5,\"hill\":0.3,\"mountain\":0.1}, expected "
        "shares that sum to 1 (they sum to 0.9)");
  CHECK(error_of_patch(R"({"region": {"counties": {"Wuyi": {"terrain": {"plain": 0.3333333, "hill": 0.3333333,
                                                                          "mountain": 0.3333334}}}}})") == "");
}

TEST_CASE("semantic: min_wage_tier within the minimum wage's tiers") {
  CHECK(error_of_patch(R"({"region": {"counties": {"Wuyi": {"min_wage_tier": 4}}}})") ==
        "inline.json: /region/counties/Wuyi/min_wage_tier: found 4, expected an integer from 1 to 3 "
        "(the number of tiers in /policies/minimum_wage/tiers)");
  CHECK(error_of_patch(R"({"region": {"counties": {"Wuyi": {"min_wage_tier": 2}}},
                           "policies": {"minimum_wage": {"tiers": [2280]}}})") ==
        "inline.json: /region/counties/Wuyi/min_wage_tier: found 2, expected an integer from 1 to 1 "
        "(the number of tiers in /policies/minimum_wage/tiers)");
  CHECK(error_of_patch(R"({"region": {"counties": {"Wuyi": {"min_wage_tier": 3}}}})") == "");
}

TEST_CASE("semantic: the minimum wage schedule") {
  CHECK(error_of_patch(R"({"policies": {"minimum_wage": {"schedule": [
        {"date": "2023-01", "tiers": [2100, 1900, 1700]},
        {"date": "2023-01", "tiers": [2200, 2000, 1800]}]}}})") ==
        "inline.json: /policies/minimum_wage/schedule/1/date: found \"2023-01\", expected a month after \"2023-01\" "
        "(schedule dates must be strictly increasing)");
  CHECK(error_of_patch(R"({"policies": {"minimum_wage": {"schedule": [{"date": "2023-01", "tiers": [2100, 1900]}]}}})") ==
        "inline.json: /policies/minimum_wage/schedule/0/tiers: found [2100,1900], expected an array of 3 items "
        "(one per tier in /policies/minimum_wage/tiers)");
  CHECK(error_of_patch(R"({"policies": {"minimum_wage": {"schedule": [
        {"date": "2023-01", "tiers": [2100, 1900, 1700]},
        {"date": "2025-01", "tiers": [2200, 2000, 1800]}]}}})") == "");
}

TEST_CASE("semantic: labour entry ages and output dates and income bands") {
  CHECK(error_of_patch(R"({"economy": {"labour_entry_age_min": 18, "labour_entry_age_max": 17}})") ==
        "inline.json: /economy/labour_entry_age_max: found 17, expected an integer >= labour_entry_age_min (18)");
  CHECK(error_of_patch(R"({"output": {"distribution_dates": ["2025-12", "2031-12"]}})") ==
        "inline.json: /output/distribution_dates/1: found \"2031-12\", expected a month from start \"2021-01\" to "
        "end \"2030-12\" (the simulated period)");
  CHECK(error_of_patch(R"({"output": {"middle_income_bands": [[500000, 100000]]}})") ==
        "inline.json: /output/middle_income_bands/0: found [500000,100000], expected [low, high] with low < high");
}

TEST_CASE("every shipped scenario loads") {
  // scenarios/*.json (the schema excepted) must always be valid: they are the examples users copy.
  namespace fs = std::filesystem;
  int loaded = 0;
  for (const auto& entry : fs::directory_iterator(std::string(PROSIM_SOURCE_DIR) + "/scenarios")) {
    const std::string path = entry.path().string();
    if (entry.path().extension() != ".json" || path.ends_with(".schema.json")) continue;
    CAPTURE(path);
    CHECK(error_of_file(path) == "");
    ++loaded;
  }
  MESSAGE(loaded << " shipped scenarios checked");
}

TEST_CASE("semantic: the nominal growth path's years must increase") {
  CHECK(error_of_patch(R"({"economy": {"nominal_growth_path": [
        {"year": 2023, "growth": 0.07}, {"year": 2022, "growth": 0.044}]}})") ==
        "inline.json: /economy/nominal_growth_path/1/year: found 2022, expected a year after 2023 "
        "(years must be strictly increasing)");
  CHECK(error_of_patch(R"({"economy": {"nominal_growth_path": [{"year": 2022, "growth": 0.044}]}})") == "");
}
