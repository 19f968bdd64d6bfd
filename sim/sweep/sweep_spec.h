#pragma once
// A sweep file (docs/sweeps.md, scenarios/sweep.schema.json) -> a checked SweepSpec.
//
// Problems are ScenarioErrors located like scenario errors: "SWEEP.json:LINE:COL" for syntax,
// "SWEEP.json: /json/pointer" for everything else. Nothing is written.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace prosim {

enum class DesignType { Grid, Oat, Lhs, Sobol, Morris };
enum class Distribution { Uniform, LogUniform, Integer, Categorical };
enum class Apply { Set, Scale };

const char* design_name(DesignType t);
const char* distribution_name(Distribution d);
const char* apply_name(Apply a);

struct FactorSpec {
  std::string name;
  std::vector<std::string> pointers;
  Apply apply = Apply::Set;
  Distribution distribution = Distribution::Uniform;
  std::vector<nlohmann::ordered_json> levels;  // categorical: the values, as written
  double lo = 0, hi = 0;                       // range factors
  int n = 0;                                   // grid/oat points of a range factor (0: design default)
  std::string where;                           // "SWEEP.json: /factors/NAME" for messages

  bool has_levels() const { return !levels.empty(); }
  // Lattice positions on the unit interval a grid/oat design uses (levels, or n, or `fallback`).
  int lattice_points(int fallback) const;
};

struct SummarySpec {
  std::string name;
  std::string indicator;  // of the /annual group
  int first_year = 0, last_year = 0;  // equal for "year"
  bool mean = false;                  // mean_over
  std::string definition;             // human-readable, written to the index
};

struct DesignSpec {
  DesignType type = DesignType::Grid;
  int samples = 0;       // lhs, sobol
  int levels = 0;        // grid/oat fallback points; morris p
  int trajectories = 0;  // morris
};

struct SweepSpec {
  std::string path;    // as given
  std::string text;    // the file's bytes
  std::string sha256;  // of text
  std::string base;    // as written in the file
  std::string base_path;  // resolved relative to the sweep file's directory
  std::string name;
  std::optional<std::uint64_t> seed;  // absent: the base scenario's seed
  int replicates = 1;
  DesignSpec design;
  std::vector<FactorSpec> factors;  // in file order
  std::vector<std::string> series;  // empty: the defaults
  bool series_given = false;
  std::vector<SummarySpec> summaries;
  bool summaries_given = false;
};

// Default indicators stacked as run x time.
const std::vector<std::string>& default_sweep_series();

// Names the index uses itself; a factor, series or summary may not take them.
const std::vector<std::string>& reserved_index_names();

// Reads and checks a sweep file. Throws ScenarioError.
SweepSpec load_sweep(const std::string& path);
// Same, from text (tests); `name` in messages, base resolved relative to `base_dir`.
SweepSpec load_sweep_text(const std::string& text, const std::string& name, const std::string& base_dir);

// The embedded schema text (scenarios/sweep.schema.json).
const std::string& sweep_schema_text();

}  // namespace prosim
