#pragma once
// Scenario files -> one validated, resolved JSON document (docs/scenario-format.md).
//
//   read + parse each file of the `extends` chain   (errors: FILE:LINE:COL)
//   deep-merge child onto parent (RFC 7396 merge patch: objects merge key by key, arrays and
//     scalars are replaced, null deletes)           (errors: FILE: /extends)
//   validate against scenarios/scenario.schema.json (embedded at build time)
//   fill defaults from the schema
//   semantic checks the schema cannot express (dates in order, terrain shares sum to 1, policy
//     dates not after the end, ...)
//
// A file without its own `name` is named after the file (its stem), never after its parent:
// two different scenarios must not share a name by accident (outputs and comparisons are
// keyed by it).
//
// Every problem is a ScenarioError whose `where` is "FILE: /json/pointer" (or "FILE:LINE:COL"
// for syntax errors), naming the file of the chain that the offending value came from.
// When there are several problems, the first is the exception's `where` and leads its message;
// the others follow, one per line. Nothing is ever written.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace prosim {

struct LoadedScenario {
  nlohmann::ordered_json json;      // resolved: extends applied, defaults filled, validated
  std::string path;                 // the file given (or the name, for load_scenario_text)
  std::vector<std::string> chain;   // files in the extends chain, child first
  // Things that are allowed but probably not meant, as "FILE: /pointer: text" (policy dates
  // before the run's start). `prosim validate` and `prosim run` print them to stderr.
  std::vector<std::string> warnings;
};

// Throws ScenarioError on any problem. Never writes anything.
LoadedScenario load_scenario(const std::string& path);

// Same, from text (for tests; `name` is used in messages; extends resolved relative to base_dir).
LoadedScenario load_scenario_text(const std::string& text, const std::string& name, const std::string& base_dir);

// Reads and parses any JSON file (a sweep file, for instance) with the scenario loader's
// located errors: ScenarioError at "FILE:LINE:COL" for syntax errors, "FILE: /pointer" for a
// duplicate key, "FILE" when it cannot be read. `text` receives the file's bytes.
nlohmann::ordered_json read_json_document(const std::string& path, std::string& text);

// The embedded schema text (scenarios/scenario.schema.json compiled into the binary).
const std::string& scenario_schema_text();

}  // namespace prosim
