#include "io/schema_validator.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <set>
#include <stdexcept>

#include "core/calendar.h"

namespace prosim {

using Json = nlohmann::ordered_json;

// --- Helpers ---------------------------------------------------------------------------------

std::string json_pointer_escape(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string json_pointer_append(const std::string& pointer, std::string_view key) {
  std::string out;
  out.reserve(pointer.size() + key.size() + 1);
  out.append(pointer).append("/").append(json_pointer_escape(key));
  return out;
}

std::vector<std::string> json_pointer_tokens(const std::string& pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  std::size_t pos = 1;  // skip the leading '/'
  while (true) {
    const std::size_t next = pointer.find('/', pos);
    std::string raw = pointer.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    std::string token;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        token += raw[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        token += raw[i];
      }
    }
    tokens.push_back(std::move(token));
    if (next == std::string::npos) break;
    pos = next + 1;
  }
  return tokens;
}

std::string display_pointer(const std::string& pointer) { return pointer.empty() ? "/" : pointer; }

std::string short_dump(const Json& value, std::size_t limit) {
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() <= limit || limit < 4) return text;
  std::size_t cut = limit - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return text.substr(0, cut) + "...";
}

std::string format_number(double x) {
  char buf[64];
  if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", x);
    return buf;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, x);
    if (std::strtod(buf, nullptr) == x) break;
  }
  return buf;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);  // adjacent transposition
    }
  }
  return d[n][m];
}

std::string nearest_key(std::string_view key, const std::vector<std::string>& candidates) {
  const std::size_t limit = std::max<std::size_t>(2, key.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(key, c);
    if (d >= std::min(key.size(), c.size())) continue;  // a total rewrite is no suggestion ("zz" -> "m")
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

namespace {

const std::set<std::string> kTypeNames = {"null", "boolean", "object", "array", "number", "string", "integer"};
const std::set<std::string> kAnnotations = {"description", "default", "title", "examples", "$comment"};
const std::set<std::string> kKeywords = {
    "$schema", "$id", "$defs", "$ref", "$comment", "title", "description", "default", "examples",
    "type", "properties", "additionalProperties", "required", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "enum", "const", "pattern", "minLength", "items", "minItems", "maxItems",
    "minProperties", "maxProperties", "format",
    // Annotations of a parameter (no effect on validation): its unit and the source of its
    // default value; docs/make_model_tables.py writes docs/model.md's parameter table from them.
    "x-unit", "x-source"};

bool is_integral_float(const Json& v) {
  if (!v.is_number_float()) return false;
  const double x = v.get<double>();
  return std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 9.0e15;
}

bool type_matches(const Json& v, const std::string& type) {
  if (type == "null") return v.is_null();
  if (type == "boolean") return v.is_boolean();
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "number") return v.is_number();
  if (type == "string") return v.is_string();
  if (type == "integer") return v.is_number_integer() || is_integral_float(v);  // 2020-12: 1.0 is an integer
  return false;
}

std::string type_phrase(const std::string& type) {
  if (type == "null") return "null";
  if (type == "boolean") return "true or false";
  if (type == "object") return "an object";
  if (type == "array") return "an array";
  if (type == "number") return "a number";
  if (type == "string") return "a string";
  if (type == "integer") return "an integer";
  return type;
}

std::vector<std::string> types_of(const Json& s) {
  std::vector<std::string> types;
  if (!s.contains("type")) return types;
  const Json& t = s["type"];
  if (t.is_string())
    types.push_back(t.get<std::string>());
  else
    for (const auto& e : t) types.push_back(e.get<std::string>());
  return types;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

std::string types_phrase(const std::vector<std::string>& types) {
  std::vector<std::string> phrases;
  for (const auto& t : types) phrases.push_back(type_phrase(t));
  return join(phrases, " or ");
}

// "an integer" when the schema only admits integers, "a number" otherwise.
std::string number_noun(const Json& s) {
  const auto types = types_of(s);
  const bool integer_only = std::find(types.begin(), types.end(), "integer") != types.end() &&
                            std::find(types.begin(), types.end(), "number") == types.end();
  return integer_only ? "an integer" : "a number";
}

std::size_t utf8_length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

const char* kYearMonthExpected = "a month as \"YYYY-MM\" with year 1900..2200, e.g. \"2021-07\"";

// What a value must look like, in words (used when the value is missing).
std::string expectation_summary(const Json& s) {
  if (s.value("format", "") == "year-month") return kYearMonthExpected;
  if (s.contains("enum")) {
    std::vector<std::string> options;
    for (const auto& e : s["enum"]) options.push_back(short_dump(e));
    return "one of " + join(options, ", ");
  }
  const auto types = types_of(s);
  if (types.empty()) return "a value";
  std::string out = types_phrase(types);
  if (out == "a number" || out == "an integer") {
    std::vector<std::string> bounds;
    if (s.contains("minimum")) bounds.push_back(">= " + format_number(s["minimum"].get<double>()));
    if (s.contains("exclusiveMinimum")) bounds.push_back("> " + format_number(s["exclusiveMinimum"].get<double>()));
    if (s.contains("maximum")) bounds.push_back("<= " + format_number(s["maximum"].get<double>()));
    if (s.contains("exclusiveMaximum")) bounds.push_back("< " + format_number(s["exclusiveMaximum"].get<double>()));
    if (!bounds.empty()) out += " " + join(bounds, " and ");
  }
  return out;
}

bool is_non_negative_integer(const Json& v) {
  return (v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0));
}

}  // namespace

// --- Schema checking ---------------------------------------------------------------------------

SchemaValidator::SchemaValidator(Json schema) : schema_(std::move(schema)) { check_schema(schema_, "#"); }

SchemaValidator embedded_schema_validator(const std::string& text, const char* what) {
  try {
    return SchemaValidator(Json::parse(text));
  } catch (const std::exception& e) {
    throw std::logic_error(std::string("embedded ") + what + " schema is broken: " + e.what());
  }
}

void SchemaValidator::check_schema(const Json& s, const std::string& where) {
  auto bad = [&](const std::string& why) { throw std::invalid_argument("schema " + where + ": " + why); };
  if (!s.is_object()) bad("a schema must be an object");
  for (const auto& [key, value] : s.items()) {
    const std::string at = where + "/" + json_pointer_escape(key);
    if (!kKeywords.count(key)) bad("unsupported keyword \"" + key + "\"");
    if (key == "type") {
      const auto types = value.is_array() ? value : Json::array({value});
      if (types.empty()) bad("\"type\" must not be empty");
      for (const auto& t : types)
        if (!t.is_string() || !kTypeNames.count(t.get<std::string>())) bad("bad \"type\" " + t.dump());
    } else if (key == "properties" || key == "$defs") {
      if (!value.is_object()) bad("\"" + key + "\" must be an object");
      for (const auto& [name, sub] : value.items()) check_schema(sub, at + "/" + json_pointer_escape(name));
    } else if (key == "additionalProperties") {
      if (!value.is_boolean()) check_schema(value, at);
    } else if (key == "items") {
      check_schema(value, at);
    } else if (key == "required") {
      if (!value.is_array()) bad("\"required\" must be an array");
      for (const auto& r : value)
        if (!r.is_string()) bad("\"required\" must list strings");
    } else if (key == "minimum" || key == "maximum" || key == "exclusiveMinimum" || key == "exclusiveMaximum") {
      if (!value.is_number()) bad("\"" + key + "\" must be a number");
    } else if (key == "minLength" || key == "minItems" || key == "maxItems" || key == "minProperties" ||
               key == "maxProperties") {
      if (!is_non_negative_integer(value)) bad("\"" + key + "\" must be a non-negative integer");
    } else if (key == "enum") {
      if (!value.is_array() || value.empty()) bad("\"enum\" must be a non-empty array");
    } else if (key == "pattern") {
      if (!value.is_string()) bad("\"pattern\" must be a string");
      const std::string pattern = value.get<std::string>();
      try {
        regexes_.emplace(pattern, std::regex(pattern, std::regex::ECMAScript));
      } catch (const std::regex_error& e) {
        bad("bad pattern " + value.dump() + ": " + e.what());
      }
    } else if (key == "format") {
      if (value != "year-month") bad("unsupported format " + value.dump());
    } else if (key == "description" || key == "title" || key == "$schema" || key == "$id" || key == "$comment") {
      if (!value.is_string()) bad("\"" + key + "\" must be a string");
    } else if (key == "$ref") {
      if (!value.is_string() || value.get<std::string>().rfind('#', 0) != 0)
        bad("\"$ref\" must be a local reference \"#/...\"");
      try {
        const Json& target = schema_.at(Json::json_pointer(value.get<std::string>().substr(1)));
        if (!target.is_object()) bad("\"$ref\" " + value.dump() + " is not a schema");
      } catch (const Json::exception&) {
        bad("\"$ref\" " + value.dump() + " does not resolve");
      }
      for (const auto& [sibling, unused] : s.items())
        if (sibling != "$ref" && !kAnnotations.count(sibling))
          bad("only annotations may stand next to \"$ref\", not \"" + sibling + "\"");
    }
  }
  if (where == "#") deref(schema_);  // also proves $ref chains end
}

const Json& SchemaValidator::deref(const Json& s) const {
  const Json* p = &s;
  for (int depth = 0; p->is_object() && p->contains("$ref"); ++depth) {
    if (depth > 32) throw std::invalid_argument("schema: $ref chain too long (a cycle?)");
    p = &schema_.at(Json::json_pointer((*p)["$ref"].get<std::string>().substr(1)));
  }
  return *p;
}

std::string SchemaValidator::description_of(const Json& s) const {
  const Json* p = &s;
  for (int depth = 0; p->is_object() && depth <= 32; ++depth) {
    if (p->contains("description")) return (*p)["description"].get<std::string>();
    if (!p->contains("$ref")) break;
    p = &schema_.at(Json::json_pointer((*p)["$ref"].get<std::string>().substr(1)));
  }
  return "";
}

const std::regex& SchemaValidator::regex_for(const std::string& pattern) const { return regexes_.at(pattern); }

const Json* SchemaValidator::schema_at(const std::string& pointer) const {
  const Json* s = &deref(schema_);
  for (const auto& token : json_pointer_tokens(pointer)) {
    if (s->contains("properties") && (*s)["properties"].contains(token)) {
      s = &deref((*s)["properties"][token]);
    } else if (s->contains("additionalProperties") && (*s)["additionalProperties"].is_object()) {
      s = &deref((*s)["additionalProperties"]);
    } else if (s->contains("items") && !token.empty() &&
               std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      s = &deref((*s)["items"]);
    } else {
      return nullptr;
    }
  }
  return s;
}

// --- Validation --------------------------------------------------------------------------------

std::vector<SchemaIssue> SchemaValidator::validate(const Json& instance, std::size_t max_issues) const {
  std::vector<SchemaIssue> issues;
  check(instance, schema_, "", issues, max_issues);
  return issues;
}

void SchemaValidator::check(const Json& value, const Json& schema_in, const std::string& pointer,
                            std::vector<SchemaIssue>& out, std::size_t max_issues) const {
  if (out.size() >= max_issues) return;
  const Json& s = deref(schema_in);
  const std::string desc = description_of(schema_in);
  const std::string note = desc.empty() ? "" : " (" + desc + ")";
  // Each check reports at most one problem for this value and then stops looking at it.
  auto fail = [&](const std::string& expected) {
    out.push_back({pointer, "found " + short_dump(value) + ", expected " + expected + note});
  };

  if (s.contains("type")) {
    const auto types = types_of(s);
    if (std::none_of(types.begin(), types.end(), [&](const auto& t) { return type_matches(value, t); }))
      return fail(types_phrase(types));
  }
  if (s.contains("const") && value != s["const"]) return fail(short_dump(s["const"]));
  if (s.contains("enum")) {
    const Json& options = s["enum"];
    if (std::find(options.begin(), options.end(), value) == options.end()) return fail(expectation_summary(s));
  }

  if (value.is_number()) {
    const double x = value.get<double>();
    const std::string noun = number_noun(s);
    if (s.contains("minimum") && x < s["minimum"].get<double>())
      return fail(noun + " >= " + format_number(s["minimum"].get<double>()));
    if (s.contains("exclusiveMinimum") && x <= s["exclusiveMinimum"].get<double>())
      return fail(noun + " > " + format_number(s["exclusiveMinimum"].get<double>()));
    if (s.contains("maximum") && x > s["maximum"].get<double>())
      return fail(noun + " <= " + format_number(s["maximum"].get<double>()));
    if (s.contains("exclusiveMaximum") && x >= s["exclusiveMaximum"].get<double>())
      return fail(noun + " < " + format_number(s["exclusiveMaximum"].get<double>()));
  }

  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (s.contains("minLength") && utf8_length(text) < s["minLength"].get<std::size_t>()) {
      const auto n = s["minLength"].get<std::size_t>();
      return fail(n == 1 ? "a non-empty string" : "a string of at least " + std::to_string(n) + " characters");
    }
    // The format message is clearer than the pattern's, so it goes first.
    if (s.value("format", "") == "year-month" && !parse_year_month(text)) return fail(kYearMonthExpected);
    if (s.contains("pattern")) {
      const std::string pattern = s["pattern"].get<std::string>();
      if (!std::regex_search(text, regex_for(pattern))) return fail("a string matching /" + pattern + "/");
    }
  }

  if (value.is_array()) {
    const std::size_t n = value.size();
    const bool has_min = s.contains("minItems"), has_max = s.contains("maxItems");
    const std::size_t lo = has_min ? s["minItems"].get<std::size_t>() : 0;
    const std::size_t hi = has_max ? s["maxItems"].get<std::size_t>() : 0;
    if (has_min && has_max && lo == hi && n != lo)
      return fail("an array of exactly " + std::to_string(lo) + (lo == 1 ? " item" : " items"));
    if (has_min && n < lo)
      return fail(lo == 1 ? "a non-empty array" : "an array of at least " + std::to_string(lo) + " items");
    if (has_max && n > hi)
      return fail("an array of at most " + std::to_string(hi) + (hi == 1 ? " item" : " items"));
    if (s.contains("items"))
      for (std::size_t i = 0; i < n; ++i) check(value[i], s["items"], json_pointer_append(pointer, std::to_string(i)), out, max_issues);
  }

  if (value.is_object()) {
    if (s.contains("minProperties") && value.size() < s["minProperties"].get<std::size_t>()) {
      const auto n = s["minProperties"].get<std::size_t>();
      return fail(n == 1 ? "a non-empty object" : "an object with at least " + std::to_string(n) + " keys");
    }
    if (s.contains("maxProperties") && value.size() > s["maxProperties"].get<std::size_t>())
      return fail("an object with at most " + std::to_string(s["maxProperties"].get<std::size_t>()) + " keys");
    static const Json kNoProperties = Json::object();
    const Json& props = s.contains("properties") ? s["properties"] : kNoProperties;
    if (s.contains("required")) {
      for (const auto& r : s["required"]) {
        const std::string key = r.get<std::string>();
        if (value.contains(key) || out.size() >= max_issues) continue;
        std::string message = "missing required key \"" + key + "\"";
        if (props.contains(key)) {
          const std::string d = description_of(props[key]);
          message += ", expected " + expectation_summary(deref(props[key])) + (d.empty() ? "" : " (" + d + ")");
        }
        out.push_back({json_pointer_append(pointer, key), message});
      }
    }
    for (const auto& [key, member] : value.items()) {
      if (out.size() >= max_issues) return;
      const std::string at = json_pointer_append(pointer, key);
      if (props.contains(key)) {
        check(member, props[key], at, out, max_issues);
        continue;
      }
      if (!s.contains("additionalProperties")) continue;
      const Json& extra = s["additionalProperties"];
      if (extra.is_object()) {
        check(member, extra, at, out, max_issues);
      } else if (extra == false) {
        std::vector<std::string> names;
        for (const auto& [name, unused] : props.items()) names.push_back(name);
        std::string message = "unknown key \"" + key + "\"";
        const std::string suggestion = nearest_key(key, names);
        if (!suggestion.empty())
          message += "; did you mean \"" + suggestion + "\"?";
        else if (names.empty())
          message += "; this object takes no keys";
        else
          message += "; valid keys are: " + join(names, ", ");
        out.push_back({at, message});
      }
    }
  }
}

// --- Defaults ------------------------------------------------------------------------------------

void SchemaValidator::fill_defaults(Json& instance) const { fill(instance, schema_); }

void SchemaValidator::fill(Json& value, const Json& schema_in) const {
  const Json& s = deref(schema_in);
  if (is_integral_float(value) && number_noun(s) == "an integer")
    value = static_cast<std::int64_t>(value.get<double>());

  if (value.is_object()) {
    if (s.contains("properties")) {
      for (const auto& [key, prop] : s["properties"].items()) {
        if (value.contains(key)) continue;
        if (prop.contains("default"))  // a default next to a $ref wins over the target's
          value[key] = prop["default"];
        else if (deref(prop).contains("default"))
          value[key] = deref(prop)["default"];
      }
    }
    const Json* extra = s.contains("additionalProperties") && s["additionalProperties"].is_object()
                            ? &s["additionalProperties"]
                            : nullptr;
    for (auto& [key, member] : value.items()) {
      if (s.contains("properties") && s["properties"].contains(key))
        fill(member, s["properties"][key]);
      else if (extra)
        fill(member, *extra);
    }
  } else if (value.is_array() && s.contains("items")) {
    for (auto& element : value) fill(element, s["items"]);
  }
}

}  // namespace prosim
