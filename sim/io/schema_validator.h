#pragma once
// A small JSON Schema validator: the subset of draft 2020-12 that scenarios/scenario.schema.json
// uses, with messages written for the researcher who edits a scenario, not for a schema expert.
//
// Supported keywords: type (a name or an array of names, "integer" included), properties,
// additionalProperties (false or a schema), required, minimum, maximum, exclusiveMinimum,
// exclusiveMaximum, enum, const, pattern (std::regex ECMAScript, unanchored as the standard says),
// minLength, items, minItems, maxItems, minProperties, format ("year-month" only),
// $ref ("#/$defs/..." or any local JSON Pointer), and the annotations default, description,
// title, examples, $comment, $schema, $id, $defs. Next to $ref only annotations are allowed.
// The constructor rejects any other keyword, so a schema never relies on a check that is
// silently skipped.
#include <cstddef>
#include <limits>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace prosim {

// One problem found in a document: the JSON Pointer of the bad (or missing) value and a message
// such as `found 1.4, expected a number <= 1 (share of residents living in towns)`.
struct SchemaIssue {
  std::string pointer;  // "" is the whole document
  std::string message;
  friend bool operator==(const SchemaIssue&, const SchemaIssue&) = default;
};

class SchemaValidator {
 public:
  // Throws std::invalid_argument if the schema uses an unsupported keyword, a malformed value
  // of a supported one, a $ref that does not resolve, or a pattern std::regex rejects.
  explicit SchemaValidator(nlohmann::ordered_json schema);

  // All problems in document order (a value's own problems before those of its members; a
  // value of the wrong type is not looked into). Stops after `max_issues`.
  std::vector<SchemaIssue> validate(const nlohmann::ordered_json& instance,
                                    std::size_t max_issues = std::numeric_limits<std::size_t>::max()) const;

  // Adds every missing property that has a `default`, recursively (a default that is itself an
  // object gets its own members' defaults). Also rewrites numbers that the schema types as
  // "integer" but were written as 60.0 into integers, so readers can use get<int>().
  // Call on a document that validates.
  void fill_defaults(nlohmann::ordered_json& instance) const;

  // The schema that applies at `pointer` of a document (following properties,
  // additionalProperties, items and $ref), with $ref resolved; nullptr if none does.
  const nlohmann::ordered_json* schema_at(const std::string& pointer) const;

  const nlohmann::ordered_json& schema() const { return schema_; }

 private:
  const nlohmann::ordered_json& deref(const nlohmann::ordered_json& s) const;
  std::string description_of(const nlohmann::ordered_json& s) const;
  void check_schema(const nlohmann::ordered_json& s, const std::string& where);
  void check(const nlohmann::ordered_json& value, const nlohmann::ordered_json& schema,
             const std::string& pointer, std::vector<SchemaIssue>& out, std::size_t max_issues) const;
  void fill(nlohmann::ordered_json& value, const nlohmann::ordered_json& schema) const;
  const std::regex& regex_for(const std::string& pattern) const;

  nlohmann::ordered_json schema_;
  std::map<std::string, std::regex> regexes_;  // compiled once in the constructor
};

// A validator for a schema compiled into the binary (scenario, sweep). Such a schema is part
// of the build, so a failure to parse or compile it is a defect of the build, not of the user:
// std::logic_error naming `what` ("scenario", "sweep"). Keep the result in a function-local
// static so the schema is compiled once.
SchemaValidator embedded_schema_validator(const std::string& text, const char* what);

// --- Helpers shared with the scenario loader ------------------------------------------------

// Escapes a key for use as a JSON Pointer token ("~" -> "~0", "/" -> "~1").
std::string json_pointer_escape(std::string_view key);
// pointer + "/" + escaped key.
std::string json_pointer_append(const std::string& pointer, std::string_view key);
// Splits a JSON Pointer into unescaped tokens ("" -> {}).
std::vector<std::string> json_pointer_tokens(const std::string& pointer);
// "" is shown as "/" so every message has a visible location.
std::string display_pointer(const std::string& pointer);

// A compact JSON dump of `value` for messages, cut to about `limit` bytes (ending in "...")
// without splitting a UTF-8 character.
std::string short_dump(const nlohmann::ordered_json& value, std::size_t limit = 60);

// Number formatting for messages: shortest form that reads back to the same double
// (1 -> "1", 0.1 -> "0.1", 1e-07 -> "1e-07").
std::string format_number(double x);

// Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `key` if its distance is <= max(2, key.size() / 3) and smaller than
// both lengths (so "zz" does not suggest "m"); ties go to the earlier candidate. Empty if none
// is that close.
std::string nearest_key(std::string_view key, const std::vector<std::string>& candidates);

}  // namespace prosim
