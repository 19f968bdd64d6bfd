#include "sweep/plan.h"

#include <cstdio>
#include <set>

#include "core/error.h"
#include "core/seeds.h"
#include "io/scenario_loader.h"
#include "io/schema_validator.h"
#include "io/sha256.h"
#include "metrics/indicator.h"
#include "policies/registry.h"
#include "sweep/factors.h"

namespace prosim {

namespace {
using Json = nlohmann::ordered_json;

std::string stem_of(int point, int replicate, int points, int replicates) {
  const int pw = points > 10000 ? 6 : 4, rw = replicates > 100 ? 4 : 2;
  char buf[48];
  std::snprintf(buf, sizeof buf, "runs/p%0*d_r%0*d", pw, point, rw, replicate);
  return buf;
}

// Is `prefix` the pointer itself or one of its ancestors?
bool covers(const std::string& prefix, const std::string& pointer) {
  return pointer == prefix || (pointer.size() > prefix.size() && pointer.compare(0, prefix.size(), prefix) == 0 &&
                               pointer[prefix.size()] == '/');
}

std::string values_text(const SweepSpec& spec, const std::vector<double>& values) {
  std::string out;
  for (std::size_t i = 0; i < spec.factors.size(); ++i)
    out += (i ? ", " : "") + spec.factors[i].name + " = " + format_number(values[i]);
  return out;
}

// Validates design point `p` through the scenario loader; a rejection names the factor whose
// pointer the offending value lies under (else all factors' values).
Json checked_scenario(const SweepSpec& spec, const Json& doc, int p, const std::vector<double>& values) {
  const std::string name = "design point " + std::to_string(p);
  try {
    return load_scenario_text(doc.dump(), name, ".").json;
  } catch (const ScenarioError& e) {
    const std::string where = e.where();
    const auto colon = where.find(": ");
    const std::string pointer = colon == std::string::npos ? "" : where.substr(colon + 2);
    std::string what = e.what();
    if (what.compare(0, where.size() + 2, where + ": ") == 0) what = what.substr(where.size() + 2);
    for (std::size_t i = 0; i < spec.factors.size(); ++i) {
      const FactorSpec& f = spec.factors[i];
      for (std::size_t k = 0; k < f.pointers.size(); ++k)
        if (covers(f.pointers[k], pointer) || covers(pointer.empty() ? "/" : pointer, f.pointers[k]))
          throw ScenarioError(f.where + (f.pointers.size() == 1 ? "/pointer" : "/pointers/" + std::to_string(k)),
                              "factor " + f.name + " = " + format_number(values[i]) + " (" + apply_name(f.apply) +
                                  ") at pointer " + f.pointers[k] + " gives a value the scenario schema rejects (" +
                                  name + ", " + pointer + "): " + what);
    }
    throw ScenarioError(spec.path + ": /factors", "design point " + std::to_string(p) + " (" + values_text(spec, values) +
                                                      ") gives an invalid scenario: " + where + ": " + what);
  }
}

int year_of(const Json& base, const char* key) { return std::stoi(base.at(key).get<std::string>().substr(0, 4)); }

void check_outputs(const Plan& plan) {
  // The annual rows, policies' included.
  const auto rows = indicator_table(IndicatorGroup::Annual, policy_indicators());
  std::set<std::string> annual;
  for (const auto& d : rows) annual.insert(d.name);
  auto known = [&](const std::string& name) { return annual.count(name) > 0; };
  auto list = [&] {
    std::string s;
    for (const auto& d : rows) s += (s.empty() ? "" : ", ") + std::string(d.name);
    return s;
  };
  const SweepSpec& spec = plan.spec;
  for (std::size_t i = 0; i < spec.series.size(); ++i)
    if (!known(spec.series[i]))
      throw ScenarioError(spec.path + ": /outputs/series/" + std::to_string(i),
                          "\"" + spec.series[i] + "\" is not an indicator of the /annual group (" + list() + ")");
  for (const auto& s : plan.summaries) {
    const std::string at = spec.path + ": " + json_pointer_append("/outputs/summaries", s.name);
    if (!known(s.indicator))
      throw ScenarioError(at + "/indicator",
                          "\"" + s.indicator + "\" is not an indicator of the /annual group (" + list() + ")");
    if (s.first_year < plan.first_year || s.last_year > plan.last_year)
      throw ScenarioError(at, "years " + std::to_string(s.first_year) + ".." + std::to_string(s.last_year) +
                                  " lie outside the base scenario's calendar years " + std::to_string(plan.first_year) +
                                  ".." + std::to_string(plan.last_year));
  }
}

}  // namespace

Plan make_plan(const SweepSpec& spec, const Json& base, const std::string& base_name) {
  Plan plan;
  plan.spec = spec;
  plan.base = base;
  plan.seed = spec.seed ? *spec.seed : base.at("seed").get<std::uint64_t>();
  plan.first_year = year_of(base, "start");
  plan.last_year = year_of(base, "end") - (base.at("end").get<std::string>().substr(5) == "12" ? 0 : 1);
  plan.summaries = spec.summaries;
  if (!spec.summaries_given)
    for (const char* ind : {"urban_rural_ratio", "gini"}) {
      const std::string name = std::string(ind) + "_" + std::to_string(plan.last_year);
      plan.summaries.push_back({name, ind, plan.last_year, plan.last_year, false,
                                std::string(ind) + " in " + std::to_string(plan.last_year) + " (/annual)"});
    }
  check_outputs(plan);
  check_factor_pointers(spec.factors, base, base_name);
  try {
    plan.design = make_design(spec.design, spec.factors, plan.seed);
  } catch (const ScenarioError& e) {
    throw ScenarioError(spec.path + ": " + e.where(), std::string(e.what()).substr(e.where().size() + 2));
  }

  const int points = static_cast<int>(plan.design.points.size()), reps = spec.replicates;
  for (int p = 0; p < points; ++p) {
    Json doc = base;
    std::vector<double> values;
    for (std::size_t i = 0; i < spec.factors.size(); ++i) {
      const FactorValue v = factor_value(spec.factors[i], plan.design.points[p].unit[i], plan.design.lattice);
      apply_factor(spec.factors[i], v, doc);
      values.push_back(v.real);
    }
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "_p%04d", p);
    doc["name"] = spec.name + suffix;
    Json canonical = checked_scenario(spec, doc, p, values);
    for (int r = 1; r <= reps; ++r) {
      PlannedRun run;
      run.point = p;
      run.replicate = r;
      run.seed = replicate_seed(plan.seed, r);
      run.stem = stem_of(p, r, points, reps);
      canonical["seed"] = run.seed;
      run.scenario_text = canonical.dump(2);
      run.scenario_sha256 = sha256_hex(run.scenario_text);  // what `prosim run` computes for it
      plan.runs.push_back(std::move(run));
    }
    plan.values.push_back(std::move(values));
  }
  return plan;
}

}  // namespace prosim
