// Silent mix-ups the loader prevents (issue 17, points 1 and 3): a scenario without its own
// name is named after its file (not after the parent it extends); policy dates after the end
// are errors, dates before the start are warnings that say what applies at the start.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/error.h"
#include "io/scenario_loader.h"

using prosim::load_scenario;
using prosim::ScenarioError;
namespace fs = std::filesystem;

namespace {

const std::string kBaseline = std::string(PROSIM_SOURCE_DIR) + "/scenarios/jinhua_baseline.json";

std::string write(const std::string& name, const std::string& body) {
  const fs::path dir = fs::path(PROSIM_TEST_TMP) / "names_and_dates";
  fs::create_directories(dir);
  const fs::path p = dir / name;
  std::ofstream(p) << R"({"extends": ")" + kBaseline + "\"" + (body.empty() ? "" : ", " + body) + "}";
  return p.string();
}

std::string error_of(const std::string& path) {
  try {
    load_scenario(path);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("names: a scenario without its own name is named after its file, not its parent") {
  const auto path = write("my_policy.json", R"("policies": {"dibao": {"near_poor_multiple": 2.0}})");
  CHECK(load_scenario(path).json.at("name") == "my_policy");
  CHECK(load_scenario(write("named.json", R"("name": "explicit")")).json.at("name") == "explicit");
  CHECK(load_scenario(kBaseline).json.at("name") == "jinhua_baseline");
}

TEST_CASE("dates: a policy start after the end is an error in the file given, a warning from a parent; late schedule entries warn") {
  const auto start = write("late_start.json", R"("policies": {"enclave": {"start": "2035-01"}})");
  CHECK(error_of(start) == start + ": /policies/enclave/start: found \"2035-01\", expected a month not after end "
                                   "\"2030-12\" (the policy would never act in this run)");
  const auto entry = write("late_entry.json",
                           R"("policies": {"minimum_wage": {"schedule": [{"date": "2031-01", "tiers": [2500, 2280, 2020]}]}})");
  const auto late = load_scenario(entry);
  REQUIRE(late.warnings.size() == 1);
  CHECK(late.warnings[0] == entry + ": /policies/minimum_wage/schedule/0/date: \"2031-01\" is after the run's end "
                                    "\"2030-12\"; this schedule entry does not act in this run");
  // The baseline's own schedule has entries after a shortened run's end: a warning, not an error.
  const auto shortened = write("shortened.json", R"("end": "2021-06")");
  const auto loaded = load_scenario(shortened);
  REQUIRE_FALSE(loaded.warnings.empty());
  CHECK(loaded.warnings[0] == kBaseline + ": /policies/minimum_wage/schedule/0/date: \"2021-08\" is after the run's end "
                                          "\"2021-06\"; this schedule entry does not act in this run");
}

TEST_CASE("dates: dates before the start are warnings that say what applies at the start") {
  const auto path = write("early.json", R"("policies": {"enclave": {"start": "2019-01"},
      "minimum_wage": {"schedule": [{"date": "2019-01", "tiers": [1800, 1700, 1600]},
                                    {"date": "2020-06", "tiers": [2000, 1900, 1800]},
                                    {"date": "2022-01", "tiers": [2500, 2280, 2020]}]}})");
  const auto loaded = load_scenario(path);
  REQUIRE(loaded.warnings.size() == 3);
  CHECK(loaded.warnings[0] == path + ": /policies/enclave/start: \"2019-01\" is before the run's start \"2021-01\"; "
                                     "the policy acts from the start");
  CHECK(loaded.warnings[1] == path + ": /policies/minimum_wage/schedule/0/date: \"2019-01\" is before the run's start "
                                     "\"2021-01\"; a later entry replaces it by the start, so it never applies");
  CHECK(loaded.warnings[2] == path + ": /policies/minimum_wage/schedule/1/date: \"2020-06\" is before the run's start "
                                     "\"2021-01\"; its tiers apply from the start");
  // Defaults are not the user's dates: the shipped scenarios load without warnings.
  for (const char* s : {"jinhua_baseline", "combined", "enclave", "minimum_wage_rise", "zhejiang_province"})
    CHECK(load_scenario(std::string(PROSIM_SOURCE_DIR) + "/scenarios/" + s + ".json").warnings.empty());
}
