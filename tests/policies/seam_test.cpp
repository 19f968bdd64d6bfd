// The policy seam (issue 13): a policy is its file in sim/policies/, its block schema beside
// it and one registry line. These tests guard it: nothing under sim/ outside sim/policies/
// names a registered policy, the registry hands out distinct random-number purposes, and
// every policy's schema, state and indicators are in place.
#include <doctest/doctest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

#include "../model/small_world.h"
#include "engine/simulation.h"
#include "policies/registry.h"

using namespace prosim;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The code of a C++ file without its comments (string literals stay: a block looked up as
// "name" names the policy as much as an identifier does).
std::string without_comments(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '"' || s[i] == '\'') {  // a literal: copied whole, so "//" inside it stays
      const char quote = s[i];
      out += s[i];
      for (++i; i < s.size() && s[i] != quote; ++i) {
        out += s[i];
        if (s[i] == '\\' && i + 1 < s.size()) out += s[++i];
      }
      if (i < s.size()) out += s[i];
    } else if (s.compare(i, 2, "//") == 0) {
      while (i < s.size() && s[i] != '\n') ++i;
      out += '\n';
    } else if (s.compare(i, 2, "/*") == 0) {
      const auto end = s.find("*/", i + 2);
      i = end == std::string::npos ? s.size() : end + 1;
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string camel_case(const std::string& name) {  // minimum_wage -> MinimumWage
  std::string out;
  bool up = true;
  for (char c : name) {
    if (c == '_') {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

// Whether token `t` names policy `name`: the name itself, a name-prefixed or -suffixed
// identifier (dibao_spending, make_dibao), or its CamelCase inside one (Purpose::Dibao, kDibao).
bool names_policy(const std::string& t, const std::string& name) {
  const std::string prefix = name + "_", suffix = "_" + name;
  return t == name || t.rfind(prefix, 0) == 0 ||
         (t.size() > suffix.size() && t.compare(t.size() - suffix.size(), suffix.size(), suffix) == 0) ||
         t.find(camel_case(name)) != std::string::npos;
}

// Names the file formats fix, which stay although they contain a policy's name:
//  - dibao_standard: the county's poverty line, a key of the scenario's counties block and a
//    /county output variable, read by the core poverty indicators;
//  - "dibao" in household_sample.cpp: the /household_sample column of the social-assistance
//    income source (docs/output-format.md).
bool allowed(const std::string& file, const std::string& token) {
  return token == "dibao_standard" || (file == "metrics/household_sample.cpp" && token == "dibao");
}

}  // namespace

TEST_CASE("nothing under sim/ outside sim/policies/ names a registered policy") {
  const fs::path root = fs::path(PROSIM_SOURCE_DIR) / "sim";
  REQUIRE(fs::is_directory(root));
  const std::regex token("[A-Za-z0-9_]+");
  std::size_t files = 0;
  std::set<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const auto ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".h" && ext != ".cpp" && ext != ".in")) continue;
    const std::string file = fs::relative(entry.path(), root).generic_string();
    if (file.rfind("policies/", 0) == 0) continue;
    ++files;
    const std::string code = without_comments(read(entry.path()));
    for (auto it = std::sregex_iterator(code.begin(), code.end(), token); it != std::sregex_iterator(); ++it)
      for (const auto& policy : policy_registry())
        if (names_policy(it->str(), policy.name) && !allowed(file, it->str()))
          found.insert(file + ": " + it->str() + " (policy " + policy.name + ")");
  }
  CHECK(files > 50);
  for (const auto& f : found) {
    INFO("names a policy outside sim/policies/: " << f);
    CHECK(false);
  }
}

TEST_CASE("the guard's matcher catches the ways code names a policy") {
  for (const char* t : {"dibao", "dibao_spending", "make_dibao", "kDibao", "DibaoFamily"}) CHECK(names_policy(t, "dibao"));
  CHECK(names_policy("MinimumWage", "minimum_wage"));
  CHECK(names_policy("minimum_wage", "minimum_wage"));
  CHECK(!names_policy("min_wage", "minimum_wage"));  // the county's wage floor, set by the policy, read by firms
  CHECK(without_comments("a // dibao\nb /* dibao */ \"dibao\"") == "a \nb   \"dibao\"");
}

TEST_CASE("the registry hands out distinct purposes that no core stream uses") {
  std::set<std::uint32_t> codes(std::begin(kCorePurposes), std::end(kCorePurposes));
  // kCorePurposes lists every enumerator of Purpose (spot checks at the ends of each group).
  for (auto p : {Purpose::BuildHousehold, Purpose::BuildSettlement, Purpose::JobSearch, Purpose::WageDraw,
                 Purpose::InMigration, Purpose::SweepDesign})
    CHECK(codes.count(static_cast<std::uint32_t>(p)) == 1);
  CHECK(static_cast<std::uint32_t>(Purpose::WageDraw) == 111);
  for (const auto& policy : policy_registry()) {
    CHECK(!policy.purposes.empty());
    for (auto code : policy.purposes) {
      INFO(policy.name << " purpose " << code);
      CHECK(codes.insert(code).second);
    }
  }
}

TEST_CASE("every registered policy has its schema, a state block and anchored indicators") {
  const auto& all = policy_registry();
  REQUIRE(all.size() >= 5);
  for (const auto& policy : all) {
    INFO(policy.name);
    const fs::path fragment = fs::path(PROSIM_SOURCE_DIR) / "sim" / "policies" / (policy.name + ".schema.json");
    CHECK(fs::exists(fragment));
    REQUIRE(policy.type.schema != nullptr);
    const auto schema = nlohmann::ordered_json::parse(policy.type.schema);
    CHECK(schema == nlohmann::ordered_json::parse(read(fragment)));
    CHECK(schema.at("properties").contains("enabled"));
    CHECK(schema.at("properties").contains("start"));
    CHECK(policy.type.make_state() != nullptr);
  }
  CHECK(make_policy_states().size() == all.size());
  // Every added row has an anchor in its group (indicator_table throws otherwise), and no
  // name is declared twice.
  for (auto g : {IndicatorGroup::Region, IndicatorGroup::County, IndicatorGroup::Village, IndicatorGroup::Annual})
    CHECK_NOTHROW(indicator_table(g, policy_indicators()));
}

TEST_CASE("a policy not in the scenario keeps its state block at its initial values; one in it reports") {
  const Simulation sim = testing::run_small_world({}, 0.002, "2021-03");  // the baseline: minimum wage and dibao
  for (const char* name : {"trainees", "training_spending", "relocated_households", "enclave_investment"})
    CHECK(policy_indicator(sim.params(), sim.world(), name) == 0);
  CHECK(policy_indicator(sim.params(), sim.world(), "dibao_spending") > 0);
  CHECK(policy_indicator(sim.params(), sim.world(), "dibao_recipients") > 0);
  CHECK(policy_indicator(sim.params(), sim.world(), "min_wage", 0) > 0);
  CHECK_THROWS_AS(policy_indicator(sim.params(), sim.world(), "gdp"), std::out_of_range);
}
