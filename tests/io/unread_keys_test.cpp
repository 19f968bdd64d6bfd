// Parameters are read where they are declared, and a value no code reads is an error naming
// its JSON pointer (core/json_reads.h; pbrt-v4's ReportUnused). The schema refuses unknown
// keys, so an unread value means a schema key that is not wired into the code: these tests
// add such a key to a resolved scenario, as a schema edit without code would.
#include <doctest/doctest.h>

#include <string>

#include "core/error.h"
#include "core/json_reads.h"
#include "model/params.h"
#include "io/scenario_loader.h"
#include "policies/registry.h"

using namespace prosim;
using Json = nlohmann::ordered_json;

namespace {
Json baseline() {
  const std::string dir = std::string(PROSIM_SOURCE_DIR) + "/scenarios";
  return load_scenario(dir + "/combined.json").json;
}
std::string where_of(const Json& scenario) {
  try {
    (void)params_from_json(scenario);
  } catch (const ScenarioError& e) {
    return e.where();
  }
  return "";
}
}  // namespace

TEST_CASE("every key of a resolved scenario (all schema defaults filled) is read") {
  const Json j = baseline();
  CHECK_NOTHROW((void)params_from_json(j));
}

TEST_CASE("a value no code reads is refused with its JSON pointer") {
  Json j = baseline();
  j["economy"]["unused_knob"] = 1.5;
  CHECK(where_of(j) == "/economy/unused_knob");
  j = baseline();
  const std::string county = j["region"]["counties"].items().begin().key();
  j["region"]["counties"][county]["unused/key"] = true;
  CHECK(where_of(j) == "/region/counties/" + county + "/unused~1key");
  j = baseline();
  j["output"]["middle_income_bands"][0].push_back(3.0);  // a third number no code reads
  CHECK(where_of(j) == "/output/middle_income_bands/0/2");
  try {
    j = baseline();
    j["economy"]["unused_knob"] = 1.5;
    (void)params_from_json(j);
    FAIL("no error");
  } catch (const ScenarioError& e) {
    CHECK(std::string(e.what()).find("no code reads this value") != std::string::npos);
  }
}

TEST_CASE("JsonReads: what counts as read") {
  const Json doc = Json::parse(R"({"a": 1, "b": {"c": [1, 2], "d": []}, "e": [{"x": 1, "y": 2}], "f": {"g": 1}})");
  const JsonReads r(doc);
  (void)r.at("a").get<int>();
  (void)r.at("b").at("c").at(0).get<int>();  // element 1 of c is not read
  (void)r.at("b").at("d").elements();        // an empty array, gone through
  for (const auto& e : r.at("e").elements()) (void)e.at("x").get<int>();
  (void)r.at("f").json();  // a block handed on whole
  const auto unread = r.unread();
  REQUIRE(unread.size() == 2);
  CHECK(unread[0] == "/b/c/1");
  CHECK(unread[1] == "/e/0/y");
}

TEST_CASE("a policy block's value that the policy does not read is refused with its JSON pointer") {
  Json j = baseline();  // combined.json: minimum wage, enclave, relocation, dibao
  CHECK_NOTHROW((void)make_policies(params_from_json(j)));
  j["policies"]["enclave"]["unused_knob"] = 2;
  try {
    (void)make_policies(params_from_json(j));
    FAIL("no error");
  } catch (const ScenarioError& e) {
    CHECK(e.where() == "/policies/enclave/unused_knob");
  }
  // Both minimum-wage indexation rules: the other rule's defaults are not an error.
  for (const char* rule : {"average_wage", "dosi"}) {
    Json k = baseline();
    k["policies"]["minimum_wage"]["indexation"] = load_scenario(std::string(PROSIM_SOURCE_DIR) +
                                                                "/scenarios/minimum_wage_dosi.json")
                                                      .json["policies"]["minimum_wage"]["indexation"];
    k["policies"]["minimum_wage"]["indexation"]["rule"] = rule;
    INFO(rule);
    CHECK_NOTHROW((void)make_policies(params_from_json(k)));
  }
}
