#include "sweep/sweep_index.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "core/error.h"
#include "io/h5_reader.h"

namespace prosim {

namespace {
namespace fs = std::filesystem;
using Type = NcVariable::Type;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

NcVariable var(const std::string& name, Type type, std::vector<std::string> dims) {
  NcVariable v;
  v.name = name;
  v.type = type;
  v.dims = std::move(dims);
  return v;
}

// What one done run contributes: its /annual years and indicator values.
struct Outcome {
  bool done = false;
  std::string error;
  double wall_s = kNaN;
  std::map<int, std::map<std::string, double>> annual;  // year -> indicator -> value
};

Outcome read_outcome(const Plan& plan, const PlannedRun& run, const std::string& dir,
                     std::map<std::string, std::pair<std::string, std::string>>& meta) {
  Outcome o;
  std::string why;
  if (!run_complete(run, dir, &why)) {
    const std::string err = run_error_path(run, dir);
    o.error = fs::exists(err) ? slurp(err) : why;
    return o;
  }
  const RunRecord r = read_run((fs::path(dir) / run.output()).string());
  o.done = true;
  o.wall_s = r.wall_seconds;
  const Group* g = r.find_group("/annual");
  const Axis* year = g ? g->axis("year") : nullptr;
  if (!year) {
    o.done = false;
    o.error = "output has no /annual group with a year axis";
    return o;
  }
  std::set<std::string> wanted(plan.spec.series.begin(), plan.spec.series.end());
  for (const auto& s : plan.summaries) wanted.insert(s.indicator);
  for (const auto& name : wanted) {
    const Variable* v = g->variable(name);
    if (!v) continue;
    if (!meta.count(name)) meta[name] = {v->units, v->long_name};
    for (std::size_t i = 0; i < year->values.size(); ++i)
      o.annual[static_cast<int>(year->values[i])][name] = v->data[i];
  }
  return o;
}

double annual_value(const Outcome& o, int year, const std::string& name) {
  const auto y = o.annual.find(year);
  if (y == o.annual.end()) return kNaN;
  const auto v = y->second.find(name);
  return v == y->second.end() ? kNaN : v->second;
}

}  // namespace

std::string run_error_path(const PlannedRun& run, const std::string& dir) {
  return (fs::path(dir) / (run.stem + ".err")).string();
}

bool run_complete(const PlannedRun& run, const std::string& dir, std::string* why) {
  const std::string path = (fs::path(dir) / run.output()).string();
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    if (why) *why = "not run (no " + run.output() + ")";
    return false;
  }
  try {
    const RunRecord header = read_run_header(path);
    if (header.scenario_sha256 != run.scenario_sha256) {
      if (why) *why = run.output() + " holds another scenario (scenario_sha256 differs from the plan's)";
      return false;
    }
  } catch (const std::exception& e) {
    if (why) *why = e.what();
    return false;
  }
  return true;
}

NcFile build_index(const Plan& plan, const std::string& dir) {
  const SweepSpec& spec = plan.spec;
  const std::size_t n = plan.runs.size(), k = spec.factors.size();
  std::map<std::string, std::pair<std::string, std::string>> meta;  // indicator -> units, long_name
  std::vector<Outcome> outcomes;
  std::set<int> years;
  for (const auto& run : plan.runs) {
    outcomes.push_back(read_outcome(plan, run, dir, meta));
    for (const auto& [y, unused] : outcomes.back().annual) years.insert(y);
  }

  NcFile f;
  // Dimensions.
  NcVariable run_dim = var("run", Type::I32, {"run"});
  for (std::size_t i = 0; i < n; ++i) run_dim.i32.push_back(static_cast<std::int32_t>(i));
  run_dim.attributes = {{"long_name", std::string("run index (design point, then replicate)")}};
  NcVariable time_dim = var("time", Type::I32, {"time"});
  for (int y : years) time_dim.i32.push_back(y);
  time_dim.attributes = {{"units", std::string("year")}, {"long_name", std::string("calendar year (/annual)")}};
  NcVariable factor_dim = var("factor", Type::Str, {"factor"});
  for (const auto& fs_ : spec.factors) factor_dim.str.push_back(fs_.name);
  factor_dim.attributes = {{"long_name", std::string("factor name, in sweep-file order")}};
  f.dimensions = {{run_dim}, {time_dim}, {factor_dim}};

  // Per-run design variables.
  NcVariable point = var("point", Type::I32, {"run"}), replicate = var("replicate", Type::I32, {"run"});
  NcVariable seed = var("seed", Type::U64, {"run"});
  for (const auto& r : plan.runs) {
    point.i32.push_back(r.point);
    replicate.i32.push_back(r.replicate);
    seed.u64.push_back(r.seed);
  }
  point.attributes = {{"long_name", std::string("design point")}};
  replicate.attributes = {{"long_name", std::string("replicate, 1-based; replicate k of every point has the same seed")}};
  seed.attributes = {{"long_name", std::string("run seed")}};
  f.variables = {point, replicate, seed};
  for (std::size_t i = 0; i < k; ++i) {
    const FactorSpec& fs_ = spec.factors[i];
    NcVariable v = var(fs_.name, Type::F64, {"run"});
    for (const auto& r : plan.runs) v.f64.push_back(plan.values[r.point][i]);
    v.attributes = {{"pointers", join(fs_.pointers)},
                    {"apply", std::string(apply_name(fs_.apply))},
                    {"distribution", std::string(distribution_name(fs_.distribution))}};
    if (!fs_.has_levels()) {
      v.attributes.push_back({"lo", fs_.lo});
      v.attributes.push_back({"hi", fs_.hi});
    }
    f.variables.push_back(std::move(v));
  }
  NcVariable status = var("status", Type::Str, {"run"}), error = var("error", Type::Str, {"run"});
  NcVariable wall = var("wall_s", Type::F64, {"run"}), file = var("file", Type::Str, {"run"});
  for (std::size_t i = 0; i < n; ++i) {
    status.str.push_back(outcomes[i].done ? "done" : "failed");
    error.str.push_back(outcomes[i].error);
    wall.f64.push_back(outcomes[i].wall_s);
    file.str.push_back(plan.runs[i].output());
  }
  wall.attributes = {{"units", std::string("s")}, {"long_name", std::string("wall-clock time of the run (timing, differs between sweeps)")}};
  file.attributes = {{"long_name", std::string("output file, relative to the sweep directory")}};
  f.variables.insert(f.variables.end(), {status, error, wall, file});

  NcVariable unit = var("unit_sample", Type::F64, {"run", "factor"});
  for (const auto& r : plan.runs)
    for (double u : plan.design.points[r.point].unit) unit.f64.push_back(u);
  unit.attributes = {{"long_name", std::string("design coordinates in [0, 1] before transformation to factor values")}};
  f.variables.push_back(std::move(unit));
  if (plan.design.type == DesignType::Sobol) {
    NcVariable block = var("sobol_block", Type::I32, {"run"}), sample = var("sobol_sample", Type::I32, {"run"});
    for (const auto& r : plan.runs) {
      block.i32.push_back(plan.design.points[r.point].sobol_block);
      sample.i32.push_back(plan.design.points[r.point].sobol_sample);
    }
    block.attributes = {{"long_name", std::string("0 = A, 1 = B, 2 + i = AB_i (A with column i from B)")}};
    sample.attributes = {{"long_name", std::string("row of the base sample")}};
    f.variables.push_back(std::move(block));
    f.variables.push_back(std::move(sample));
  }
  if (plan.design.type == DesignType::Morris) {
    NcVariable t = var("morris_trajectory", Type::I32, {"run"}), s = var("morris_step", Type::I32, {"run"}),
               c = var("morris_factor", Type::I32, {"run"});
    for (const auto& r : plan.runs) {
      const auto& p = plan.design.points[r.point];
      t.i32.push_back(p.morris_trajectory);
      s.i32.push_back(p.morris_step);
      c.i32.push_back(p.morris_factor);
    }
    c.attributes = {{"long_name", std::string("index of the factor changed to reach this step (-1 at step 0)")}};
    f.variables.insert(f.variables.end(), {t, s, c});
  }

  // Outcomes.
  for (const auto& name : spec.series) {
    NcVariable v = var(name, Type::F64, {"run", "time"});
    for (const auto& o : outcomes)
      for (int y : years) v.f64.push_back(o.done ? annual_value(o, y, name) : kNaN);
    v.attributes.push_back({"kind", std::string("series")});
    if (meta.count(name)) {
      v.attributes.push_back({"units", meta[name].first});
      v.attributes.push_back({"long_name", meta[name].second});
    }
    f.variables.push_back(std::move(v));
  }
  for (const auto& s : plan.summaries) {
    NcVariable v = var(s.name, Type::F64, {"run"});
    for (const auto& o : outcomes) {
      double x = kNaN;
      if (o.done) {
        double sum = 0;
        for (int y = s.first_year; y <= s.last_year; ++y) sum += annual_value(o, y, s.indicator);
        x = sum / (s.last_year - s.first_year + 1);
      }
      v.f64.push_back(x);
    }
    v.attributes = {{"kind", std::string("summary")}, {"definition", s.definition}};
    if (meta.count(s.indicator)) v.attributes.push_back({"units", meta[s.indicator].first});
    f.variables.push_back(std::move(v));
  }

  // Global attributes.
  std::vector<std::string> names;
  for (const auto& fs_ : spec.factors) names.push_back(fs_.name);
  f.attributes = {{"Conventions", std::string("CF-1.10")},
                  {"title", "prosim sweep " + spec.name},
                  {"sweep_format_version", std::int32_t{kSweepFormatVersion}},
                  {"sweep_name", spec.name},
                  {"sweep_json", spec.text},
                  {"sweep_sha256", spec.sha256},
                  {"design", std::string(design_name(plan.design.type))},
                  {"factors", join(names)},
                  {"base_scenario", spec.base},
                  {"seed", plan.seed},
                  {"replicates", std::int32_t{spec.replicates}}};
  if (plan.design.type == DesignType::Sobol) f.attributes.push_back({"sobol_n", std::int32_t{plan.design.sobol_n}});
  if (plan.design.type == DesignType::Morris) {
    f.attributes.push_back({"morris_levels", std::int32_t{plan.design.morris_levels}});
    f.attributes.push_back({"morris_delta", plan.design.morris_delta});
  }
  return f;
}

int write_index(const Plan& plan, const std::string& dir) {
  const NcFile f = build_index(plan, dir);
  int failed = 0;
  for (const auto& v : f.variables)
    if (v.name == "status")
      for (const auto& s : v.str) failed += s != "done";
  write_nc_file(f, (fs::path(dir) / "sweep.h5").string());
  return failed;
}

}  // namespace prosim
