// `prosim compare A.h5 B.h5 ...`: a quick terminal comparison without Python. Files are
// grouped into scenarios by their `scenario_name` attribute (replicates of one scenario
// form one group); the first scenario is the baseline. For each indicator it prints each
// scenario's final-month value (mean over its replicates) and the difference to the
// baseline: the mean of the per-seed differences when every run has a same-seed partner
// in the baseline (common random numbers), else the difference of the means. These are
// the numbers `prosim-analysis compare` puts in its final table.
// Cost-effectiveness is not computed here: it has one implementation, in Python
// (analysis/costs.py); compare prints the `prosim-analysis costs` command for its files.
#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "core/error.h"
#include "io/h5_reader.h"

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

const Variable& root_variable(const RunRecord& r, const std::string& indicator) {
  const auto* v = r.find_group("/")->variable(indicator);
  const auto name = r.attributes.find("scenario_name");
  if (!v) throw RuntimeFailure("indicator '" + indicator + "' is not in the root group of a run of scenario " +
                               (name == r.attributes.end() ? std::string("(unnamed)") : name->second));
  return *v;
}

// `path` as one word for a POSIX shell (single quotes unless it needs none).
std::string shell_quoted(const std::string& path) {
  if (!path.empty() && path.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./+,=:@") ==
                           std::string::npos)
    return path;
  std::string out = "'";
  for (char c : path) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

double final_value(const RunRecord& r, const std::string& indicator) {
  const auto& v = root_variable(r, indicator);
  return v.data.empty() ? std::nan("") : v.data.back();
}

// How a number is shown: the rules of analysis/plotting.py (format_value), so that the
// terminal and the report agree. Shares (units "1", names with share/rate/headcount) in
// percent and percentage points; ratios with 3 decimals, indexes with 4 (more for tiny
// differences, never in e-notation); money and counts with 4 significant digits, thousands
// separators, "m" and "bn" for millions and billions.
enum class Kind { Share, Ratio, Index, Other };

Kind kind_of(const std::string& name, const std::string& units) {
  if (units != "1" && !units.empty()) return Kind::Other;
  if (std::regex_search(name, std::regex("ratio|p90_p10"))) return Kind::Ratio;
  if (std::regex_search(name, std::regex("share|rate|headcount"))) return Kind::Share;
  return Kind::Index;
}

std::string grouped(double x) {  // 12345.6 -> "12,346"
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f", std::fabs(x));
  std::string digits = buf, out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (x < 0 ? "-" : "") + out;
}

std::string fixed(double x, int decimals, bool sign) {
  char buf[64];
  std::snprintf(buf, sizeof buf, sign ? "%+.*f" : "%.*f", decimals, x);
  return buf;
}

// Decimals that show a small number with 2 significant digits (at least `min`).
int decimals_for(double x, int min) {
  if (x == 0 || !std::isfinite(x)) return min;
  return std::max(min, 1 - static_cast<int>(std::floor(std::log10(std::fabs(x)))));
}

std::string format_number(double x, bool sign) {
  const double a = std::fabs(x);
  const std::string s = sign && x > 0 ? "+" : "";
  char buf[64];
  if (a >= 1e9) {
    std::snprintf(buf, sizeof buf, "%.4g bn", x / 1e9);
  } else if (a >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.4g m", x / 1e6);
  } else if (a >= 1000) {
    return s + grouped(x);
  } else if (a == 0) {
    return "0";
  } else {
    std::snprintf(buf, sizeof buf, "%.4g", x);
  }
  return s + buf;
}

std::string format_value(double x, Kind kind, bool diff) {
  if (!std::isfinite(x)) return "n/a";
  switch (kind) {
    case Kind::Share:
      return fixed(100 * x, decimals_for(100 * x, 2), diff) + (diff ? " pp" : " %");
    case Kind::Ratio:
      return fixed(x, decimals_for(x, 3), diff);
    case Kind::Index:
      return fixed(x, decimals_for(x, 4), diff);
    case Kind::Other:
      return format_number(x, diff);
  }
  return "";
}

// Mean and 90 % t-interval of `d` (NaN interval for fewer than 2 values).
struct Interval {
  double mean = std::nan(""), lo = std::nan(""), hi = std::nan("");
};

Interval t_interval(const std::vector<double>& d) {
  Interval out;
  const auto n = d.size();
  if (n == 0) return out;
  double mean = 0;
  for (double x : d) mean += x / static_cast<double>(n);
  out.mean = mean;
  if (n < 2) return out;
  double ss = 0;
  for (double x : d) ss += (x - mean) * (x - mean);
  const double se = std::sqrt(ss / static_cast<double>(n - 1) / static_cast<double>(n));
  const double t = boost::math::quantile(boost::math::students_t(static_cast<double>(n - 1)), 0.95);
  out.lo = mean - t * se;
  out.hi = mean + t * se;
  return out;
}

// Welch's 90 % interval of mean(a) - mean(b) (NaN interval unless both have 2 values).
Interval welch_interval(const std::vector<double>& a, const std::vector<double>& b) {
  Interval out;
  auto stats = [](const std::vector<double>& x, double& m, double& v) {
    m = 0;
    for (double y : x) m += y / static_cast<double>(x.size());
    v = 0;
    for (double y : x) v += (y - m) * (y - m);
    v = x.size() > 1 ? v / static_cast<double>(x.size() - 1) : std::nan("");
  };
  double ma, va, mb, vb;
  stats(a, ma, va);
  stats(b, mb, vb);
  out.mean = ma - mb;
  if (a.size() < 2 || b.size() < 2) return out;
  const double sa = va / static_cast<double>(a.size()), sb = vb / static_cast<double>(b.size());
  const double se = std::sqrt(sa + sb);
  if (se == 0) {
    out.lo = out.hi = out.mean;
    return out;
  }
  const double df = (sa + sb) * (sa + sb) /
                    (sa * sa / static_cast<double>(a.size() - 1) + sb * sb / static_cast<double>(b.size() - 1));
  const double t = boost::math::quantile(boost::math::students_t(df), 0.95);
  out.lo = out.mean - t * se;
  out.hi = out.mean + t * se;
  return out;
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
  std::printf("baseline: %s (%zu run%s); final month; diff: scenario - baseline with its 90 %% confidence "
              "interval\n\n",
              base.name.c_str(), base.runs.size(), base.runs.size() == 1 ? "" : "s");
  std::printf("%-32s %-20s %-22s %5s %14s  %-36s %s\n", "indicator", "units", "scenario", "runs", "final value",
              "diff [90% CI]", "pairing");
  for (const auto& ind : indicators) {
    const Variable& first = root_variable(base.runs.front(), ind);
    const Kind kind = kind_of(ind, first.units);
    const std::string units = kind == Kind::Share ? "% (pp for diff)" : first.units;
    std::map<std::uint64_t, double> base_by_seed;
    std::vector<double> base_values;
    for (const auto& r : base.runs) {
      base_values.push_back(final_value(r, ind));
      base_by_seed[r.seed] = base_values.back();
    }
    for (const auto& s : scenarios) {
      std::vector<double> values;
      bool paired = base_by_seed.size() == base.runs.size();
      for (const auto& r : s.runs) {
        values.push_back(final_value(r, ind));
        paired = paired && base_by_seed.count(r.seed);
      }
      double mean = 0;
      for (double v : values) mean += v / static_cast<double>(values.size());
      if (&s == &base) {
        std::printf("%-32s %-20s %-22s %5zu %14s  %-36s\n", ind.c_str(), units.c_str(), s.name.c_str(), s.runs.size(),
                    format_value(mean, kind, false).c_str(), "-");
        continue;
      }
      Interval d;
      std::string pairing;
      if (paired) {
        std::vector<double> diffs;
        for (std::size_t k = 0; k < s.runs.size(); ++k) diffs.push_back(values[k] - base_by_seed[s.runs[k].seed]);
        d = t_interval(diffs);
        pairing = diffs.size() == 1 ? "same seed (1 pair: no interval)"
                                    : "paired by seed (" + std::to_string(diffs.size()) + " pairs)";
      } else {
        d = welch_interval(values, base_values);
        pairing = values.size() < 2 || base_values.size() < 2 ? "unpaired (too few runs for an interval)"
                                                              : "unpaired (Welch)";
      }
      std::string diff = format_value(d.mean, kind, true);
      if (std::isfinite(d.lo))
        diff += " [" + format_value(d.lo, kind, true) + ", " + format_value(d.hi, kind, true) + "]";
      std::printf("%-32s %-20s %-22s %5zu %14s  %-36s %s\n", ind.c_str(), units.c_str(), s.name.c_str(), s.runs.size(),
                  format_value(mean, kind, false).c_str(), diff.c_str(), pairing.c_str());
    }
  }
  if (scenarios.size() > 1) {
    // The one implementation of the cost-effectiveness (analysis/costs.py, also in the report).
    std::string command = "prosim-analysis costs";
    for (const auto& f : files) command += " " + shell_quoted(f);
    std::printf("\ncost-effectiveness against %s (cumulative over the run, with intervals): %s\n",
                base.name.c_str(), command.c_str());
  }
  return kExitOk;
}

}  // namespace prosim
