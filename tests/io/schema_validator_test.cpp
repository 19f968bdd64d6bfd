// The JSON Schema subset validator, its helpers, and the consistency of
// scenarios/scenario.schema.json itself (descriptions everywhere, defaults valid, embedded copy
// identical to the file).
#include <doctest/doctest.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "io/scenario_loader.h"
#include "io/schema_validator.h"
#include "policies/registry.h"

using prosim::SchemaIssue;
using prosim::SchemaValidator;
using Json = nlohmann::ordered_json;

namespace {

std::vector<SchemaIssue> issues(const char* schema, const char* instance) {
  return SchemaValidator(Json::parse(schema)).validate(Json::parse(instance));
}

std::string schema_error(const char* schema) {
  try {
    SchemaValidator v{Json::parse(schema)};
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("validator: edit distance and the nearest key") {
  CHECK(prosim::edit_distance("kitten", "sitting") == 3);
  CHECK(prosim::edit_distance("retirment_age", "retirement_age") == 1);
  CHECK(prosim::edit_distance("ab", "ba") == 1);  // a transposition counts once
  CHECK(prosim::edit_distance("", "abc") == 3);
  const std::vector<std::string> keys = {"quit_rate", "markup", "retirement_age", "entry_rate"};
  CHECK(prosim::nearest_key("retirment_age", keys) == "retirement_age");
  CHECK(prosim::nearest_key("mrakup", keys) == "markup");
  CHECK(prosim::nearest_key("exit_rate", keys) == "quit_rate");  // distance 2 <= max(2, 9/3); entry_rate is 3
  CHECK(prosim::nearest_key("mraukp", keys) == "markup");        // distance 2
  CHECK(prosim::nearest_key("zz", {"m", "list"}) == "");          // distance 2 rewrites all of "m"
  CHECK(prosim::nearest_key("zebra", keys) == "");
  CHECK(prosim::nearest_key("quit_rate_monthly", keys) == "");  // distance 8 > max(2, 17/3)
}

TEST_CASE("validator: JSON Pointer helpers and message formatting") {
  CHECK(prosim::json_pointer_escape("a/b~c") == "a~1b~0c");
  CHECK(prosim::json_pointer_append("/x", "a/b") == "/x/a~1b");
  CHECK(prosim::json_pointer_tokens("/x/a~1b~0c/0") == std::vector<std::string>{"x", "a/b~c", "0"});
  CHECK(prosim::json_pointer_tokens("").empty());
  CHECK(prosim::display_pointer("") == "/");
  CHECK(prosim::format_number(1) == "1");
  CHECK(prosim::format_number(0.1) == "0.1");
  CHECK(prosim::format_number(-0.5) == "-0.5");
  CHECK(prosim::format_number(1e-7) == "1e-07");
  CHECK(prosim::format_number(200000) == "200000");
  CHECK(prosim::short_dump(Json("abc")) == "\"abc\"");
  CHECK(prosim::short_dump(Json::parse("[1, 2, 3]"), 6) == "[1,...");
  // Cut on a character boundary: each Chinese character is three bytes.
  CHECK(prosim::short_dump(Json("浙江省丽水市"), 10) == "\"浙江...");
}

TEST_CASE("validator: type and arrays of types and integer") {
  const char* schema = R"({"type": "object", "properties": {
      "a": {"type": ["number", "null"], "description": "a or nothing"},
      "n": {"type": "integer"}}})";
  CHECK(issues(schema, R"({"a": null, "n": 2.0})").empty());
  CHECK(issues(schema, R"({"a": "x"})") ==
        std::vector<SchemaIssue>{{"/a", "found \"x\", expected a number or null (a or nothing)"}});
  CHECK(issues(schema, R"({"n": 2.5})") == std::vector<SchemaIssue>{{"/n", "found 2.5, expected an integer"}});
  CHECK(issues(schema, R"([])") == std::vector<SchemaIssue>{{"", "found [], expected an object"}});
}

TEST_CASE("validator: bounds and enum and const and pattern and minLength") {
  const char* schema = R"({"type": "object", "properties": {
      "lo": {"type": "number", "minimum": -1.5},
      "xlo": {"type": "number", "exclusiveMinimum": 0},
      "hi": {"type": "integer", "maximum": 10},
      "xhi": {"type": "number", "exclusiveMaximum": 0.25},
      "e": {"enum": ["a", 1, null]},
      "c": {"const": "fixed"},
      "p": {"type": "string", "pattern": "^[A-Z][a-z]+$"},
      "s": {"type": "string", "minLength": 2}}})";
  CHECK(issues(schema, R"({"lo": -1.5, "xlo": 0.001, "hi": 10, "xhi": 0.2, "e": null, "c": "fixed", "p": "Wuyi",
                           "s": "丽水"})")
            .empty());
  CHECK(issues(schema, R"({"lo": -2})") == std::vector<SchemaIssue>{{"/lo", "found -2, expected a number >= -1.5"}});
  CHECK(issues(schema, R"({"xlo": 0})") == std::vector<SchemaIssue>{{"/xlo", "found 0, expected a number > 0"}});
  CHECK(issues(schema, R"({"hi": 11})") == std::vector<SchemaIssue>{{"/hi", "found 11, expected an integer <= 10"}});
  CHECK(issues(schema, R"({"xhi": 0.25})") ==
        std::vector<SchemaIssue>{{"/xhi", "found 0.25, expected a number < 0.25"}});
  CHECK(issues(schema, R"({"e": "b"})") == std::vector<SchemaIssue>{{"/e", "found \"b\", expected one of \"a\", 1, null"}});
  CHECK(issues(schema, R"({"c": "other"})") ==
        std::vector<SchemaIssue>{{"/c", "found \"other\", expected \"fixed\""}});
  CHECK(issues(schema, R"({"p": "wuyi"})") ==
        std::vector<SchemaIssue>{{"/p", "found \"wuyi\", expected a string matching /^[A-Z][a-z]+$/"}});
  CHECK(issues(schema, R"({"s": "丽"})") ==
        std::vector<SchemaIssue>{{"/s", "found \"丽\", expected a string of at least 2 characters"}});
}

TEST_CASE("validator: objects (required additionalProperties minProperties) and arrays (items minItems maxItems)") {
  const char* schema = R"({"type": "object", "additionalProperties": false, "required": ["m"],
      "properties": {
        "m": {"type": "object", "minProperties": 2, "additionalProperties": {"type": "number"},
              "description": "a map"},
        "list": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "string"}},
        "closed": {"type": "object", "additionalProperties": false}}})";
  CHECK(issues(schema, R"({"m": {"x": 1, "y": 2}, "list": ["a"]})").empty());
  CHECK(issues(schema, R"({})") ==
        std::vector<SchemaIssue>{{"/m", "missing required key \"m\", expected an object (a map)"}});
  CHECK(issues(schema, R"({"m": {"x": 1}})") ==
        std::vector<SchemaIssue>{{"/m", "found {\"x\":1}, expected an object with at least 2 keys (a map)"}});
  CHECK(issues(schema, R"({"m": {"x": 1, "y": "2"}})") ==
        std::vector<SchemaIssue>{{"/m/y", "found \"2\", expected a number"}});
  CHECK(issues(schema, R"({"m": {"x": 1, "y": 2}, "lsit": []})") ==
        std::vector<SchemaIssue>{{"/lsit", "unknown key \"lsit\"; did you mean \"list\"?"}});
  CHECK(issues(schema, R"({"m": {"x": 1, "y": 2}, "closed": {"a": 1}})") ==
        std::vector<SchemaIssue>{{"/closed/a", "unknown key \"a\"; this object takes no keys"}});
  CHECK(issues(schema, R"({"m": {"x": 1, "y": 2}, "list": []})") ==
        std::vector<SchemaIssue>{{"/list", "found [], expected a non-empty array"}});
  CHECK(issues(schema, R"({"m": {"x": 1, "y": 2}, "list": ["a", "b", "c", "d"]})") ==
        std::vector<SchemaIssue>{{"/list", "found [\"a\",\"b\",\"c\",\"d\"], expected an array of at most 3 items"}});
  CHECK(issues(schema, R"({"m": {"x": 1, "y": 2}, "list": ["a", 2]})") ==
        std::vector<SchemaIssue>{{"/list/1", "found 2, expected a string"}});
  // Several problems come in document order; max_issues stops early.
  const auto all = SchemaValidator(Json::parse(schema)).validate(Json::parse(R"({"zz": 1, "list": [1, 2]})"));
  CHECK(all == std::vector<SchemaIssue>{{"/m", "missing required key \"m\", expected an object (a map)"},
                                        {"/zz", "unknown key \"zz\"; valid keys are: m, list, closed"},
                                        {"/list/0", "found 1, expected a string"},
                                        {"/list/1", "found 2, expected a string"}});
  CHECK(SchemaValidator(Json::parse(schema)).validate(Json::parse(R"({"zz": 1, "list": [1, 2]})"), 2).size() == 2);
}

TEST_CASE("validator: references and their descriptions and the year-month format") {
  const char* schema = R"({"type": "object", "properties": {
      "start": {"$ref": "#/$defs/ym", "description": "first month"},
      "other": {"$ref": "#/$defs/ym"}},
    "$defs": {"ym": {"type": "string", "format": "year-month", "pattern": "^[0-9]{4}-[0-9]{2}$",
                     "description": "a month"}}})";
  CHECK(issues(schema, R"({"start": "2021-01", "other": "2200-12"})").empty());
  CHECK(issues(schema, R"({"start": "2021-00"})") ==
        std::vector<SchemaIssue>{{"/start", "found \"2021-00\", expected a month as \"YYYY-MM\" with year 1900..2200, "
                                            "e.g. \"2021-07\" (first month)"}});
  CHECK(issues(schema, R"({"other": "1899-12"})") ==
        std::vector<SchemaIssue>{{"/other", "found \"1899-12\", expected a month as \"YYYY-MM\" with year "
                                            "1900..2200, e.g. \"2021-07\" (a month)"}});
}

TEST_CASE("validator: fill_defaults nested and through references and integer normalisation") {
  SchemaValidator v(Json::parse(R"({"type": "object", "properties": {
      "a": {"type": "number", "default": 1.5},
      "obj": {"type": "object", "default": {}, "properties": {"x": {"type": "integer", "default": 3}}},
      "absent": {"type": "object", "properties": {"y": {"default": 1}}},
      "map": {"type": "object", "additionalProperties": {"$ref": "#/$defs/item"}},
      "when": {"$ref": "#/$defs/item", "default": {"k": 9}}},
    "$defs": {"item": {"type": "object", "properties": {"k": {"type": "integer", "default": 0},
                                                        "s": {"type": "string", "default": "z"}}}}})"));
  Json doc = Json::parse(R"({"map": {"p": {}, "q": {"k": 5.0}}})");
  v.fill_defaults(doc);
  CHECK(doc == Json::parse(R"({"map": {"p": {"k": 0, "s": "z"}, "q": {"k": 5, "s": "z"}},
                               "a": 1.5, "obj": {"x": 3}, "when": {"k": 9, "s": "z"}})"));
  CHECK(doc["map"]["q"]["k"].is_number_integer());
  CHECK_FALSE(doc.contains("absent"));
  REQUIRE(v.schema_at("/map/anything/k") != nullptr);
  CHECK(*v.schema_at("/map/anything/k") == Json::parse(R"({"type": "integer", "default": 0})"));
  CHECK(v.schema_at("/nope") == nullptr);
}

TEST_CASE("validator: schemas using what it cannot check are refused") {
  CHECK(schema_error(R"({"oneOf": [{"type": "string"}]})") == "schema #: unsupported keyword \"oneOf\"");
  CHECK(schema_error(R"({"properties": {"a": {"format": "email"}}})") ==
        "schema #/properties/a: unsupported format \"email\"");
  CHECK(schema_error(R"({"properties": {"a": {"$ref": "#/$defs/missing"}}})") ==
        "schema #/properties/a: \"$ref\" \"#/$defs/missing\" does not resolve");
  CHECK(schema_error(R"({"properties": {"a": {"$ref": "#/$defs/x", "minimum": 1}}, "$defs": {"x": {}}})") ==
        "schema #/properties/a: only annotations may stand next to \"$ref\", not \"minimum\"");
  CHECK(schema_error(R"({"type": "float"})") == "schema #: bad \"type\" \"float\"");
  CHECK(schema_error(R"({"pattern": "("})").rfind("schema #: bad pattern \"(\"", 0) == 0);
}

// --- The scenario schema itself -------------------------------------------------------------------

TEST_CASE("the embedded schema is scenarios/scenario.schema.json with sim/policies/<name>.schema.json in it") {
  auto read = [](const std::string& path) {
    std::ifstream in(std::string(PROSIM_SOURCE_DIR) + "/" + path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return Json::parse(text.str());
  };
  Json expected = read("scenarios/scenario.schema.json");
  CHECK(expected["properties"]["policies"]["properties"].empty());
  for (const auto& policy : prosim::policy_registry())
    expected["properties"]["policies"]["properties"][policy.name] = read("sim/policies/" + policy.name + ".schema.json");
  CHECK(Json::parse(prosim::scenario_schema_text()) == expected);
  // Registry order, whatever the order of the files.
  std::vector<std::string> names;
  const Json embedded = Json::parse(prosim::scenario_schema_text());
  for (const auto& [name, block] : embedded["properties"]["policies"]["properties"].items()) names.push_back(name);
  REQUIRE(names.size() == prosim::policy_registry().size());
  for (std::size_t i = 0; i < names.size(); ++i) CHECK(names[i] == prosim::policy_registry()[i].name);
}

TEST_CASE("the scenario schema describes every property and closes every object and has valid defaults") {
  const Json root = Json::parse(prosim::scenario_schema_text());
  SchemaValidator whole(root);  // the validator accepts it
  int properties = 0, defaults = 0;
  std::function<void(const Json&, const std::string&)> walk = [&](const Json& s, const std::string& where) {
    CAPTURE(where);
    if (s.contains("$ref")) return;
    if (s.value("type", Json()) == "object") {
      CHECK(s.contains("additionalProperties"));
      if (s.contains("additionalProperties") && s["additionalProperties"].is_object())
        walk(s["additionalProperties"], where + "/additionalProperties");
    }
    if (s.contains("items")) walk(s["items"], where + "/items");
    if (!s.contains("properties")) return;
    for (const auto& [name, prop] : s["properties"].items()) {
      const std::string at = where + "/properties/" + name;
      CAPTURE(at);
      ++properties;
      CHECK(prop.contains("description"));
      if (prop.contains("default")) {
        ++defaults;
        // Validate the default against the property's own schema ($defs copied so $ref resolves).
        Json sub = {{"$defs", root["$defs"]}, {"properties", {{"v", prop}}}};
        Json doc = {{"v", prop["default"]}};
        CHECK(SchemaValidator(sub).validate(doc).empty());
      }
      walk(prop, at);
    }
  };
  walk(root, "#");
  for (const auto& [name, def] : root["$defs"].items()) walk(def, "#/$defs/" + name);
  CHECK(properties >= 80);
  CHECK(defaults >= 60);
}

TEST_CASE("an embedded schema that does not compile is a defect of the build, named as such") {
  std::string message;
  try {
    (void)prosim::embedded_schema_validator(R"({"type": "object", "maxBananas": 3})", "sweep");
  } catch (const std::logic_error& e) {
    message = e.what();
  }
  CHECK(message.find("embedded sweep schema is broken") == 0);
  CHECK(prosim::embedded_schema_validator(R"({"type": "object"})", "scenario").validate(Json::object()).empty());
}
