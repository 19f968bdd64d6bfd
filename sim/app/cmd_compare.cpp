// `prosim compare A.h5 B.h5 ...`: a quick terminal comparison without Python. Files are
// grouped into scenarios by their `scenario_name` attribute (replicates of one scenario
// form one group); the first scenario is the baseline. For each indicator it prints each
// scenario's final-month value (mean over its replicates) and the difference to the
// baseline: the mean of the per-seed differences when every run has a same-seed partner
// in the baseline (common random numbers), else the difference of the means. These are
// the numbers `python3 -m analysis compare` puts in its final table. Then, for each
// policy scenario, its cost-effectiveness against the baseline (metrics/cost_effectiveness.h:
// the definitions of `python3 -m analysis report`).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "core/calendar.h"
#include "core/error.h"
#include "io/h5_reader.h"
#include "metrics/cost_effectiveness.h"

namespace prosim {
namespace {

struct Scenario {
  std::string name;
  std::vector<RunRecord> runs;
  std::string first_file;
  nlohmann::json resolved_without_seed;  // of the first run: every run pooled must match it
};

// The resolved scenario a run was made from, without its seed: replicates differ only there.
nlohmann::json without_seed(const RunRecord& r) {
  nlohmann::json j = nlohmann::json::parse(r.scenario_json, nullptr, /*allow_exceptions=*/false);
  if (j.is_object()) j.erase("seed");
  return j;
}

double final_value(const RunRecord& r, const std::string& indicator) {
  const auto* v = r.find_group("/")->variable(indicator);
  const auto name = r.attributes.find("scenario_name");
  if (!v) throw RuntimeFailure("indicator '" + indicator + "' is not in the root group of a run of scenario " +
                               (name == r.attributes.end() ? std::string("(unnamed)") : name->second));
  return v->data.empty() ? std::nan("") : v->data.back();
}

}  // namespace

const std::vector<std::string>& default_compare_indicators() {
  static const std::vector<std::string> list = {
      "income_per_capita", "income_per_capita_rural", "urban_rural_ratio", "gini", "middle_income_share_100k_500k",
      "unemployment_rate", "urbanisation_rate", "weak_villages", "poverty_headcount", "fiscal_cost_total"};
  return list;
}

int cmd_compare(const std::vector<std::string>& files, const std::vector<std::string>& indicators_in) {
  std::vector<Scenario> scenarios;
  for (const auto& file : files) {
    RunRecord r = read_run(file);
    const auto it = r.attributes.find("scenario_name");
    const std::string name = it == r.attributes.end() ? file : it->second;
    auto s = std::find_if(scenarios.begin(), scenarios.end(), [&](const Scenario& x) { return x.name == name; });
    if (s == scenarios.end()) {
      scenarios.push_back({name, {}, file, without_seed(r)});
      s = scenarios.end() - 1;
    } else if (without_seed(r) != s->resolved_without_seed) {
      // Same name, different scenario: pooling them would average a policy into its baseline.
      throw RuntimeFailure(file + " and " + s->first_file + " are both named \"" + name +
                           "\" but were run from different scenarios (their resolved scenarios differ beyond "
                           "the seed); give one of them its own name and run it again");
    }
    s->runs.push_back(std::move(r));
  }
  const auto& indicators = indicators_in.empty() ? default_compare_indicators() : indicators_in;
  const auto& base = scenarios.front();
  std::printf("baseline: %s (%zu run%s)\n\n", base.name.c_str(), base.runs.size(), base.runs.size() == 1 ? "" : "s");
  std::printf("%-32s %-22s %5s %16s %16s  %s\n", "indicator", "scenario", "runs", "final value", "diff", "pairing");
  for (const auto& ind : indicators) {
    std::map<std::uint64_t, double> base_by_seed;
    double base_mean = 0;
    for (const auto& r : base.runs) {
      const double v = final_value(r, ind);
      base_by_seed[r.seed] = v;
      base_mean += v / base.runs.size();
    }
    for (const auto& s : scenarios) {
      double mean = 0;
      bool paired = base_by_seed.size() == base.runs.size();
      for (const auto& r : s.runs) {
        mean += final_value(r, ind) / s.runs.size();
        paired = paired && base_by_seed.count(r.seed);
      }
      double diff = mean - base_mean;
      if (paired && &s != &base) {
        diff = 0;
        for (const auto& r : s.runs) diff += (final_value(r, ind) - base_by_seed[r.seed]) / s.runs.size();
      }
      if (&s == &base)
        std::printf("%-32s %-22s %5zu %16.6g %16s\n", ind.c_str(), s.name.c_str(), s.runs.size(), mean, "-");
      else
        std::printf("%-32s %-22s %5zu %16.6g %+16.6g  %s\n", ind.c_str(), s.name.c_str(), s.runs.size(), mean, diff,
                    paired ? "paired by seed" : "unpaired");
    }
  }
  for (const auto& s : scenarios) {
    if (&s == &base) continue;
    std::vector<const RunRecord*> b, p;
    for (const auto& r : base.runs) b.push_back(&r);
    for (const auto& r : s.runs) p.push_back(&r);
    const auto ce = cost_effectiveness(b, p, s.name);
    const auto first = YearMonth::from_serial(ce.first_month).str(), last = YearMonth::from_serial(ce.last_month).str();
    std::printf("\ncost-effectiveness of %s against %s (%s; definitions of python3 -m analysis report)\n",
                s.name.c_str(), base.name.c_str(), ce.paired ? "paired by seed" : "unpaired");
    auto line = [](const char* key, double v, const std::string& what) {
      std::printf("  %-22s %16.6g  %s\n", key, v, what.c_str());
    };
    line("extra_cost", ce.extra_cost, "yuan: fiscal_cost_total summed over " + first + ".." + last + ", scenario - baseline");
    const std::string years = ce.b40_first_year ? std::to_string(ce.b40_first_year) + ".." + std::to_string(ce.b40_last_year)
                                                : std::string("no year with a full 12 months and an income snapshot");
    line("b40_income_gain", ce.b40_gain, "yuan: income of the poorest 40 % summed over the years " + years);
    line("b40_extra_cost", ce.b40_cost, "yuan: extra cost in those years");
    line("cost_per_b40_yuan", ce.cost_per_b40, "yuan spent per yuan of bottom-40 % income gained (nan: no gain)");
    line("weak_villages_lifted", ce.villages_lifted, "baseline - scenario weak_villages, " + last);
    line("cost_per_village", ce.cost_per_village, "yuan: extra_cost per weak village lifted (nan: none lifted)");
    line("extra_relocated", ce.relocated, "households: scenario - baseline relocated_households, " + last);
    line("cost_per_relocated", ce.cost_per_relocated, "yuan: extra_cost per household relocated (nan: none)");
  }
  return kExitOk;
}

}  // namespace prosim
