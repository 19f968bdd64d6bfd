#include "io/scenario_loader.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "core/calendar.h"
#include "core/error.h"
#include "io/schema_validator.h"

namespace prosim {

namespace detail {
// Defined in the file CMake generates from scenarios/scenario.schema.json
// (build/.../generated/scenario_schema_data.cpp; see the top-level CMakeLists.txt).
extern const char kScenarioSchemaText[];
}  // namespace detail

const std::string& scenario_schema_text() {
  static const std::string text(detail::kScenarioSchemaText);
  return text;
}

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr std::size_t kMaxReported = 20;  // problems listed in one error
constexpr int kMaxChain = 64;             // extends levels

const SchemaValidator& scenario_validator() {
  // The schema is compiled in, so a failure here is a defect of the build, not of the user.
  static const SchemaValidator validator = [] {
    try {
      return SchemaValidator(Json::parse(scenario_schema_text()));
    } catch (const std::exception& e) {
      throw std::logic_error(std::string("embedded scenario schema is broken: ") + e.what());
    }
  }();
  return validator;
}

// --- Reading and parsing -------------------------------------------------------------------------

// Reads a whole file; on failure returns false and says why in plain words.
bool read_text_file(const fs::path& path, std::string& text, std::string& why) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    why = "no such file";
    return false;
  }
  if (fs::is_directory(status)) {
    why = "it is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = std::strerror(errno);
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    why = "read error";
    return false;
  }
  text = buffer.str();
  return true;
}

// 1-based line and column (in characters, not bytes) of byte `index` of `text`.
std::pair<std::size_t, std::size_t> line_column(const std::string& text, std::size_t index) {
  index = std::min(index, text.size());
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < index; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count UTF-8 continuation bytes with their lead byte
      ++column;
    }
  }
  return {line, column};
}

// nlohmann reports the position of the last character it read, which for an unexpected string,
// number or true/false/null is the token's end; people look for the token's start.
std::size_t token_start(const std::string& text, std::size_t index, const std::string& what) {
  if (index >= text.size()) return index;
  if (what.find("unexpected string literal") != std::string::npos && text[index] == '"') {
    for (std::size_t i = index; i-- > 0;) {
      if (text[i] != '"') continue;
      std::size_t backslashes = 0;
      for (std::size_t k = i; k > 0 && text[k - 1] == '\\'; --k) ++backslashes;
      if (backslashes % 2 == 0) return i;
    }
  } else if (what.find("unexpected number literal") != std::string::npos) {
    while (index > 0 && std::strchr("0123456789+-.eE", text[index - 1]) && text[index - 1] != '\0') --index;
  } else if (what.find("unexpected true literal") != std::string::npos ||
             what.find("unexpected false literal") != std::string::npos ||
             what.find("unexpected null literal") != std::string::npos) {
    while (index > 0 && std::isalpha(static_cast<unsigned char>(text[index - 1]))) --index;
  }
  return index;
}

// nlohmann's "[json.exception.parse_error.101] parse error at line 3, column 1: syntax error
// while parsing object key - unexpected '}'; expected string literal" without the prefix and
// its own position (we compute ours), plus a hint for the usual slips.
std::string explain_parse_error(const std::string& raw) {
  std::string what = raw;
  if (const auto at = what.find("parse error"); at != std::string::npos) {
    const auto colon = what.find(": ", at);
    what = colon == std::string::npos ? what.substr(at) : what.substr(colon + 2);
  }
  if (const auto dash = what.find(" - "); dash != std::string::npos) what.replace(dash, 3, ": ");
  // "; last read: '...'" shows everything since the previous token (often the key before), which
  // misleads more than it helps; invalid literals get their own excerpt in parse_scenario_text.
  if (const auto last = what.find("; last read: '"); last != std::string::npos) {
    auto close = what.find("'; expected", last + 14);
    if (close == std::string::npos) close = what.rfind('\'');
    what.erase(last, close + 1 - last);
  }
  return what;
}

// An invalid literal such as tru} or 'abc': returns where its word starts, and names it.
std::size_t invalid_literal_start(const std::string& text, std::size_t index, std::string& what) {
  const auto pos = what.find("invalid literal");
  if (pos == std::string::npos || index >= text.size()) return index;
  auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'; };
  std::size_t start = index;
  while (start > 0 && word_char(text[start - 1])) --start;
  std::string excerpt = text.substr(start, index - start);
  if (static_cast<unsigned char>(text[index]) > ' ' && static_cast<unsigned char>(text[index]) < 0x7f)
    excerpt += text[index];
  const char quote = excerpt.find('\'') == std::string::npos ? '\'' : '"';
  if (!excerpt.empty()) what.insert(pos + 15, std::string(" ") + quote + excerpt + quote);
  return start;
}

std::string parse_error_hint(const std::string& text, std::size_t index, const std::string& what) {
  const char here = index < text.size() ? text[index] : '\0';
  std::size_t before = std::min(index, text.size());
  while (before > 0 && std::isspace(static_cast<unsigned char>(text[before - 1]))) --before;
  if ((here == '}' || here == ']') && before > 0 && text[before - 1] == ',')
    return " (JSON allows no comma after the last item)";
  if (here == '/') return " (JSON has no comments; use a \"description\" key)";
  if (here == '\'') return " (JSON strings need double quotes)";
  const bool unexpected_value = what.find("unexpected string literal") != std::string::npos ||
                                what.find("unexpected number literal") != std::string::npos ||
                                what.find("unexpected true literal") != std::string::npos ||
                                what.find("unexpected false literal") != std::string::npos ||
                                what.find("unexpected null literal") != std::string::npos ||
                                what.find("unexpected '{'") != std::string::npos ||
                                what.find("unexpected '['") != std::string::npos;
  if (unexpected_value && (what.find("expected '}'") != std::string::npos || what.find("expected ']'") != std::string::npos))
    return " (is a comma missing before it?)";
  return "";
}

// Parses one scenario file. Syntax errors -> "NAME:LINE:COL"; a key that appears twice in one
// object (which nlohmann would silently resolve to the last value) -> "NAME: /pointer".
Json parse_scenario_text(const std::string& text, const std::string& name) {
  struct Frame {
    bool object;
    std::set<std::string> keys;
    std::string key;
    std::size_t index = 0;
  };
  std::vector<Frame> stack;
  auto advance = [&] {
    if (!stack.empty() && !stack.back().object) ++stack.back().index;
  };
  auto callback = [&](int /*depth*/, Json::parse_event_t event, Json& parsed) -> bool {
    switch (event) {
      case Json::parse_event_t::object_start:
        stack.push_back({true, {}, {}, 0});
        break;
      case Json::parse_event_t::array_start:
        stack.push_back({false, {}, {}, 0});
        break;
      case Json::parse_event_t::key: {
        const std::string key = parsed.get<std::string>();
        if (!stack.back().keys.insert(key).second) {
          std::string pointer;
          for (std::size_t i = 0; i + 1 < stack.size(); ++i)
            pointer = stack[i].object ? json_pointer_append(pointer, stack[i].key)
                                      : json_pointer_append(pointer, std::to_string(stack[i].index));
          pointer = json_pointer_append(pointer, key);
          throw ScenarioError(name + ": " + pointer,
                              "duplicate key \"" + key + "\"; each key may appear only once in an object");
        }
        stack.back().key = key;
        break;
      }
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        stack.pop_back();
        advance();
        break;
      case Json::parse_event_t::value:
        advance();
        break;
    }
    return true;
  };
  try {
    return Json::parse(text, callback, /*allow_exceptions=*/true, /*ignore_comments=*/false);
  } catch (const Json::parse_error& e) {
    // e.byte counts the characters read, the offending one included: it sits at e.byte - 1.
    std::string what = explain_parse_error(e.what());
    std::size_t index = token_start(text, e.byte > 0 ? e.byte - 1 : 0, what);
    const std::size_t offending = index;
    index = invalid_literal_start(text, index, what);
    const auto [line, column] = line_column(text, index);
    throw ScenarioError(name + ":" + std::to_string(line) + ":" + std::to_string(column),
                        what + parse_error_hint(text, offending, what));
  }
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

  // Minimum-wage tiers: without the block, the schema's default tiers define the count.
  const Json& policies = doc.at("policies");
  const bool has_min_wage = policies.contains("minimum_wage");
  const Json* default_tiers = scenario_validator().schema_at("/policies/minimum_wage/tiers");
  const std::size_t tier_count =
      has_min_wage ? policies["minimum_wage"].at("tiers").size() : default_tiers->at("default").size();

  for (const auto& [name, county] : doc.at("region").at("counties").items()) {
    const std::string at = json_pointer_append("/region/counties", name);
    const Json& terrain = county.at("terrain");
    const double sum =
        terrain.at("plain").get<double>() + terrain.at("hill").get<double>() + terrain.at("mountain").get<double>();
    if (std::fabs(sum - 1.0) > 1e-6) add(at + "/terrain", "shares that sum to 1 (they sum to " + short_number(sum) + ")");
    const auto tier = county.at("min_wage_tier").get<std::int64_t>();
    if (tier < 1 || static_cast<std::size_t>(tier) > tier_count)
      add(at + "/min_wage_tier", "an integer from 1 to " + std::to_string(tier_count) +
                                     " (the number of tiers in /policies/minimum_wage/tiers)");
  }

  if (has_min_wage) {
    const Json& schedule = policies["minimum_wage"].at("schedule");
    for (std::size_t i = 0; i < schedule.size(); ++i) {
      const std::string at = "/policies/minimum_wage/schedule/" + std::to_string(i);
      if (i > 0) {
        const YearMonth previous = month_at(doc, "/policies/minimum_wage/schedule/" + std::to_string(i - 1) + "/date");
        if (month_at(doc, at + "/date") <= previous)
          add(at + "/date", "a month after " + quoted(previous) + " (schedule dates must be strictly increasing)");
      }
      if (schedule[i].at("tiers").size() != tier_count)
        add(at + "/tiers", "an array of " + std::to_string(tier_count) +
                               " items (one per tier in /policies/minimum_wage/tiers)");
    }
  }

  const Json& path = doc.at("economy").at("nominal_growth_path");
  for (std::size_t i = 1; i < path.size(); ++i)
    if (path[i].at("year").get<std::int64_t>() <= path[i - 1].at("year").get<std::int64_t>())
      add("/economy/nominal_growth_path/" + std::to_string(i) + "/year",
          "a year after " + std::to_string(path[i - 1].at("year").get<std::int64_t>()) +
              " (years must be strictly increasing)");

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

LoadedScenario resolve(std::string text, std::string name, std::string identity, fs::path dir) {
  const std::string top = name;
  std::vector<ChainFile> chain = read_chain(std::move(text), std::move(name), std::move(identity), std::move(dir));

  // Start from the root-most parent and apply each child in turn.
  Provenance provenance;
  Json resolved = chain.back().doc;
  provenance[""] = top;
  for (const auto& [key, unused] : resolved.items()) provenance[json_pointer_append("", key)] = chain.back().name;
  for (std::size_t i = chain.size() - 1; i-- > 0;) merge_patch(resolved, chain[i].doc, "", chain[i].name, provenance);

  const SchemaValidator& validator = scenario_validator();
  if (auto issues = validator.validate(resolved, kMaxReported + 1); !issues.empty()) raise(issues, provenance);
  resolved.erase("$schema");
  validator.fill_defaults(resolved);
  if (auto issues = semantic_issues(resolved); !issues.empty()) raise(issues, provenance);

  LoadedScenario out;
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

LoadedScenario load_scenario_text(const std::string& text, const std::string& name, const std::string& base_dir) {
  // The text has no file of its own, so it cannot take part in a cycle except through files.
  return resolve(text, name, "<text>" + name, fs::path(base_dir));
}

}  // namespace prosim
