#pragma once
// Everything a run produces, in the shape it is written to HDF5 (docs/output-format.md), with
// the run's metadata (seed, replicate, scale, resolved scenario and its hash, timing).
// The recorder fills it; io/h5_writer writes it; io/h5_reader reads it back. It lives in its
// own folder, which includes nothing of prosim, so that io reads and writes runs without
// depending on metrics (the indicators) and metrics fills it without depending on io.
// Data flows one way: systems -> recorder -> RunRecord -> writer.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace prosim {

// A dimension with its coordinate variable. Numeric coordinates use `values`;
// label-only axes (county, village) get integer index values 0..n-1 and the labels
// are written as an extra string variable "<name>_name".
struct Axis {
  std::string name;       // dimension name: "time", "year", "county", "village", "decile", ...
  std::string units;      // e.g. "days since 2021-01-01", "1", "year"
  std::string long_name;
  std::vector<double> values;
  std::vector<std::string> labels;  // optional, same length as values
  bool unlimited = false;           // time axes are unlimited (chunked, appendable)
  std::string calendar;             // CF calendar for time axes ("standard"), else empty
};

// A numeric variable over one or two axes of its group, row-major.
struct Variable {
  std::string name;
  std::string units;
  std::string long_name;
  std::vector<std::string> dims;  // axis names, outermost first
  std::vector<double> data;       // product of axis lengths; NaN = missing (_FillValue NaN)
};

// A string variable over one axis (e.g. month labels "2021-01").
struct StringVariable {
  std::string name;
  std::string long_name;
  std::string dim;
  std::vector<std::string> data;
};

struct Group {
  std::string path;  // "/" for the root, "/county", "/village", ...
  std::vector<Axis> axes;
  std::vector<Variable> variables;
  std::vector<StringVariable> strings;
  std::map<std::string, std::string> attributes;

  const Axis* axis(const std::string& name) const;
  const Variable* variable(const std::string& name) const;
};

struct RunRecord {
  std::vector<Group> groups;                      // groups[0] is the root "/"
  std::map<std::string, std::string> attributes;  // global attributes (title, source, history, ...)
  std::uint64_t seed = 0;
  // Replicate number of `prosim run --replicates` (1..R) and the seed the replicate seeds were
  // derived from; 0 for a single run. The writer puts `seed` and `replicate` into every group
  // as scalar coordinates, so that datasets opened from many files stack with their labels.
  int replicate = 0;
  std::uint64_t base_seed = 0;
  double scale = 0;  // the scenario's scale, written as a float64 global attribute (0: not set)
  std::string scenario_json;    // the resolved scenario (after `extends`, with defaults)
  std::string scenario_sha256;  // of scenario_json
  double wall_seconds = 0;      // run timing, written as attributes
  int threads = 0;

  Group& group(const std::string& path);  // find or append
  const Group* find_group(const std::string& path) const;
};

}  // namespace prosim
