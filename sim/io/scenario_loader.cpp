#include "io/scenario_loader.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "core/calendar.h"
#include "core/error.h"
#include "io/json_text.h"
#include "io/schema_validator.h"
#include "policies/registry.h"

namespace prosim {

namespace detail {
// Defined in the file CMake generates from scenarios/scenario.schema.json
// (build/.../generated/scenario_schema_data.cpp; see the top-level CMakeLists.txt).
extern const char kScenarioSchemaText[];
}  // namespace detail

// The base schema with every registered policy's block schema put in (policies/registry.h).
const std::string& scenario_schema_text() {
  static const std::string text =
      scenario_schema_with_policies(nlohmann::ordered_json::parse(detail::kScenarioSchemaText)).dump(2);
  return text;
}

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using detail::parse_scenario_text;
using detail::read_text_file;

constexpr std::size_t kMaxReported = 20;  // problems listed in one error
constexpr int kMaxChain = 64;             // extends levels
// Peak memory per simulated person, measured: Zhejiang at full scale, 65.4 M persons, 9.34 GiB
// (docs/performance.md), rounded up. The limit is ~75 GiB: a large compute node.
constexpr double kBytesPerPerson = 160;
constexpr double kMaxSimulatedPersons = 5e8;

const SchemaValidator& scenario_validator() {
  static const SchemaValidator validator = embedded_schema_validator(scenario_schema_text(), "scenario");
  return validator;
}

// --- The extends chain ---------------------------------------------------------------------------

struct ChainFile {
  std::string name;  // as shown in messages
  Json doc;          // `extends` removed
};

std::string identity_of(const fs::path& path) {
  std::error_code ec;
  auto canonical = fs::weakly_canonical(path, ec);
  if (ec) canonical = fs::absolute(path, ec).lexically_normal();
  return canonical.string();
}

// Parses the file and its ancestors; returns them child first.
std::vector<ChainFile> read_chain(std::string text, std::string name, std::string identity, fs::path dir) {
  std::vector<ChainFile> chain;
  std::vector<std::string> identities;
  while (true) {
    Json doc = parse_scenario_text(text, name);
    if (!doc.is_object())
      throw ScenarioError(name + ": /", "found " + short_dump(doc) + ", expected an object (a scenario)");
    identities.push_back(identity);
    if (!doc.contains("extends")) {
      chain.push_back({name, std::move(doc)});
      return chain;
    }
    const Json extends = doc["extends"];
    doc.erase("extends");
    chain.push_back({name, std::move(doc)});
    const std::string where = name + ": /extends";
    if (!extends.is_string())
      throw ScenarioError(where, "found " + short_dump(extends) +
                                     ", expected a string (path of the parent scenario, relative to this file)");
    const std::string target = extends.get<std::string>();
    if (target.find('\0') != std::string::npos)
      throw ScenarioError(where, "the path contains a NUL byte");
    const fs::path parent = (dir / target).lexically_normal();
    const std::string parent_name = parent.string();
    const std::string parent_identity = identity_of(parent);
    for (std::size_t i = 0; i < identities.size(); ++i) {
      if (identities[i] != parent_identity) continue;
      std::string cycle;
      for (std::size_t j = i; j < chain.size(); ++j) cycle += chain[j].name + " -> ";
      throw ScenarioError(where, "extends forms a cycle: " + cycle + parent_name);
    }
    if (static_cast<int>(chain.size()) >= kMaxChain)
      throw ScenarioError(where, "extends chain longer than " + std::to_string(kMaxChain) + " files");
    std::string why;
    if (!read_text_file(parent, text, why))
      throw ScenarioError(where, "cannot read the parent scenario \"" + target + "\" (looked for " + parent_name +
                                     "): " + why);
    name = parent_name;
    identity = parent_identity;
    dir = parent.parent_path();
  }
}

// Which file each value came from: pointer -> file name. A pointer not listed inherits from
// its nearest listed ancestor; the root stands for the top-level file.
using Provenance = std::map<std::string, std::string>;

void forget_below(Provenance& provenance, const std::string& pointer) {
  provenance.erase(pointer);
  const std::string prefix = pointer + "/";
  for (auto it = provenance.lower_bound(prefix); it != provenance.end() && it->first.rfind(prefix, 0) == 0;)
    it = provenance.erase(it);
}

// RFC 7396 merge patch: objects merge key by key, anything else replaces, null deletes.
void merge_patch(Json& target, const Json& patch, const std::string& pointer, const std::string& file,
                 Provenance& provenance) {
  if (!patch.is_object()) {
    target = patch;
    forget_below(provenance, pointer);
    provenance[pointer] = file;
    return;
  }
  if (!target.is_object()) {
    target = Json::object();
    forget_below(provenance, pointer);
    provenance[pointer] = file;
  }
  for (const auto& [key, value] : patch.items()) {
    const std::string at = json_pointer_append(pointer, key);
    if (value.is_null()) {
      target.erase(key);
      forget_below(provenance, at);
    } else {
      merge_patch(target[key], value, at, file, provenance);
    }
  }
}

std::string file_of(const Provenance& provenance, std::string pointer) {
  while (true) {
    if (auto it = provenance.find(pointer); it != provenance.end()) return it->second;
    const auto slash = pointer.rfind('/');
    if (slash == std::string::npos) return provenance.at("");
    pointer.resize(slash);
  }
}

[[noreturn]] void raise(const std::vector<SchemaIssue>& issues, const Provenance& provenance) {
  auto where_of = [&](const SchemaIssue& issue) {
    return file_of(provenance, issue.pointer) + ": " + display_pointer(issue.pointer);
  };
  std::string what = issues.front().message;
  for (std::size_t i = 1; i < issues.size() && i < kMaxReported; ++i)
    what.append("\n").append(where_of(issues[i])).append(": ").append(issues[i].message);
  if (issues.size() > kMaxReported) what += "\n(more problems not shown)";
  throw ScenarioError(where_of(issues.front()), what);
}

// --- Checks the schema cannot express -------------------------------------------------------------

YearMonth month_at(const Json& doc, const std::string& pointer) {
  return *parse_year_month(doc.at(Json::json_pointer(pointer)).get<std::string>());
}

std::string quoted(const YearMonth& ym) { return "\"" + ym.str() + "\""; }

std::string short_number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

std::vector<SchemaIssue> semantic_issues(const Json& doc) {
  std::vector<SchemaIssue> issues;
  auto add = [&](const std::string& pointer, const std::string& expected) {
    issues.push_back({pointer, "found " + short_dump(doc.at(Json::json_pointer(pointer))) + ", expected " + expected});
  };

  const YearMonth start = month_at(doc, "/start"), end = month_at(doc, "/end");
  if (end < start) add("/end", "a month not before start " + quoted(start));

  const Json& economy = doc.at("economy");
  if (economy.at("labour_entry_age_max").get<double>() < economy.at("labour_entry_age_min").get<double>())
    add("/economy/labour_entry_age_max",
        "an integer >= labour_entry_age_min (" + short_dump(economy.at("labour_entry_age_min")) + ")");

  for (const auto& [name, county] : doc.at("region").at("counties").items()) {
    const std::string at = json_pointer_append("/region/counties", name);
    const Json& terrain = county.at("terrain");
    const double sum =
        terrain.at("plain").get<double>() + terrain.at("hill").get<double>() + terrain.at("mountain").get<double>();
    if (std::fabs(sum - 1.0) > 1e-6) add(at + "/terrain", "shares that sum to 1 (they sum to " + short_number(sum) + ")");
  }
  // County seats place the counties relative to each other (population/geography.cpp), so a
  // county without one would have no place among those with one: every county or none.
  std::string with_seat;
  for (const auto& [name, county] : doc.at("region").at("counties").items())
    if (county.contains("seat") && with_seat.empty()) with_seat = name;
  if (!with_seat.empty())
    for (const auto& [name, county] : doc.at("region").at("counties").items())
      if (!county.contains("seat"))
        add(json_pointer_append("/region/counties", name),
            "a county with a \"seat\", as county " + with_seat +
                " gives one (give every county's seat, or none to place the counties on a ring)");
  // What each policy checks of its block (and of the county keys it reads).
  check_policy_blocks(doc, add);

  // Every simulated person costs memory: a hard limit with the memory it would take, so that a
  // scale or population typo is an error now, not an out-of-memory failure minutes later.
  double persons = 0;
  for (const auto& [name, county] : doc.at("region").at("counties").items())
    persons += county.at("population").get<double>() * doc.at("scale").get<double>();
  if (persons > kMaxSimulatedPersons)
    add("/scale", "a scale at which the region has at most " + short_number(kMaxSimulatedPersons) +
                      " simulated persons (this one has " + short_number(persons) + ", which would need about " +
                      short_number(persons * kBytesPerPerson / double(1u << 30)) + " GiB of memory)");

  for (const char* key : {"nominal_growth_path", "housing_price_path"}) {
    const Json& path = doc.at("economy").at(key);
    for (std::size_t i = 1; i < path.size(); ++i)
      if (path[i].at("year").get<std::int64_t>() <= path[i - 1].at("year").get<std::int64_t>())
        add(std::string("/economy/") + key + "/" + std::to_string(i) + "/year",
            "a year after " + std::to_string(path[i - 1].at("year").get<std::int64_t>()) +
                " (years must be strictly increasing)");
  }

  const Json& deposit_path = doc.at("economy").at("deposit_rate_path");
  for (std::size_t i = 1; i < deposit_path.size(); ++i) {
    const std::string at = "/economy/deposit_rate_path/" + std::to_string(i) + "/date";
    const YearMonth before = month_at(doc, "/economy/deposit_rate_path/" + std::to_string(i - 1) + "/date");
    if (!(before < month_at(doc, at))) add(at, "a month after " + quoted(before) + " (months must be strictly increasing)");
  }

  const Json& output = doc.at("output");
  for (const char* key : {"distribution_dates", "household_sample_dates"}) {
    const Json& dates = output.at(key);
    for (std::size_t i = 0; i < dates.size(); ++i) {
      const std::string at = std::string("/output/") + key + "/" + std::to_string(i);
      const YearMonth ym = month_at(doc, at);
      if (ym < start || ym > end)
        add(at, "a month from start " + quoted(start) + " to end " + quoted(end) + " (the simulated period)");
    }
  }
  const Json& bands = output.at("middle_income_bands");
  for (std::size_t i = 0; i < bands.size(); ++i)
    if (!(bands[i][0].get<double>() < bands[i][1].get<double>()))
      add("/output/middle_income_bands/" + std::to_string(i), "[low, high] with low < high");
  return issues;
}

// Policy dates set by the user (present in `given`, the resolved document before defaults).
// A policy start after the end never acts: an error when the file given sets it (a mistake in
// it), a warning when it comes from a parent (a shortened run of a longer scenario is
// legitimate). Schedule entries after the end are warnings: a schedule is a list that often
// runs past a run's end.
// Before the start they act from the start or are replaced before it: a warning that says which.
void check_policy_dates(const Json& given, const Json& doc, const std::function<bool(const std::string&)>& from_top,
                        std::vector<SchemaIssue>& errors, std::vector<SchemaIssue>& warnings) {
  const YearMonth start = month_at(doc, "/start"), end = month_at(doc, "/end");
  auto is_given = [&](const std::string& pointer) { return given.contains(Json::json_pointer(pointer)); };
  auto after_end = [&](const std::string& at, const YearMonth& ym, const std::string& what) {
    if (from_top(at))
      errors.push_back({at, "found " + quoted(ym) + ", expected a month not after end " + quoted(end) + " (" + what +
                                " would never act in this run)"});
    else
      warnings.push_back({at, quoted(ym) + " is after the run's end " + quoted(end) + "; " + what +
                                  " does not act in this run"});
  };
  if (!doc.at("policies").is_object()) return;
  for (const auto& [policy, block] : doc.at("policies").items()) {
    const std::string base = json_pointer_append("/policies", policy);
    for (const std::string key : {"/start", "/indexation/start"}) {
      const std::string at = base + key;
      if (!block.contains(Json::json_pointer(key)) || !is_given(at)) continue;
      const YearMonth ym = month_at(doc, at);
      if (end < ym)
        after_end(at, ym, "the policy");
      else if (ym < start)
        warnings.push_back({at, quoted(ym) + " is before the run's start " + quoted(start) +
                                    "; the policy acts from the start"});
    }
  }
  // A policy's own dates (a schedule, ...): warnings only.
  check_policy_block_dates(given, doc, [&](const std::string& at, const std::string& text) {
    warnings.push_back({at, text});
  });
}

LoadedScenario resolve(std::string text, std::string name, std::string identity, fs::path dir) {
  const std::string top = name;
  std::vector<ChainFile> chain = read_chain(std::move(text), std::move(name), std::move(identity), std::move(dir));
  // A scenario without its own name is named after its file, not after the parent it extends.
  if (!chain.front().doc.contains("name")) {
    std::string stem = fs::path(top).stem().string();
    chain.front().doc["name"] = stem.empty() ? std::string("scenario") : stem;
  }

  // Start from the root-most parent and apply each child in turn.
  Provenance provenance;
  Json resolved = chain.back().doc;
  provenance[""] = top;
  for (const auto& [key, unused] : resolved.items()) provenance[json_pointer_append("", key)] = chain.back().name;
  for (std::size_t i = chain.size() - 1; i-- > 0;) merge_patch(resolved, chain[i].doc, "", chain[i].name, provenance);

  const SchemaValidator& validator = scenario_validator();
  if (auto issues = validator.validate(resolved, kMaxReported + 1); !issues.empty()) raise(issues, provenance);
  resolved.erase("$schema");
  const Json given = resolved;
  validator.fill_defaults(resolved);
  auto issues = semantic_issues(resolved);
  std::vector<SchemaIssue> warnings;
  check_policy_dates(
      given, resolved, [&](const std::string& pointer) { return file_of(provenance, pointer) == top; }, issues,
      warnings);
  if (!issues.empty()) raise(issues, provenance);

  LoadedScenario out;
  for (const auto& w : warnings)
    out.warnings.push_back(printable(file_of(provenance, w.pointer) + ": " + display_pointer(w.pointer) + ": " + w.message));
  out.json = std::move(resolved);
  out.path = top;
  for (const auto& file : chain) out.chain.push_back(file.name);
  return out;
}

}  // namespace

LoadedScenario load_scenario(const std::string& path) {
  std::string text, why;
  if (!read_text_file(path, text, why)) throw ScenarioError(path, "cannot read the scenario file: " + why);
  return resolve(std::move(text), path, identity_of(path), fs::path(path).parent_path());
}

nlohmann::ordered_json read_json_document(const std::string& path, std::string& text) {
  std::string why;
  if (!read_text_file(path, text, why)) throw ScenarioError(path, "cannot read the file: " + why);
  return parse_scenario_text(text, path);
}

LoadedScenario load_scenario_text(const std::string& text, const std::string& name, const std::string& base_dir) {
  // The text has no file of its own, so it cannot take part in a cycle except through files.
  return resolve(text, name, "<text>" + name, fs::path(base_dir));
}

}  // namespace prosim
