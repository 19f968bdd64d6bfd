#include "model/params.h"

#include <algorithm>
#include <limits>
#include <cmath>
#include <type_traits>

#include "core/check.h"
#include "core/error.h"
#include "core/json_reads.h"

namespace prosim {

YearMonth year_month_of(const nlohmann::ordered_json& value) {
  auto ym = parse_year_month(value.get<std::string>());
  PROSIM_CHECK(ym.has_value());  // the loader validated every date
  return *ym;
}

int int_of(const nlohmann::ordered_json& value) {
  const auto x = value.get<std::int64_t>();
  PROSIM_CHECK(x >= std::numeric_limits<int>::min() && x <= std::numeric_limits<int>::max());
  return static_cast<int>(x);
}

YearMonth year_month_of(const JsonReads& value) { return year_month_of(value.json()); }
int int_of(const JsonReads& value) { return int_of(value.json()); }

namespace {
// A scalar of the resolved scenario as the field's type (an integer through int_of's check).
template <class T>
T value_of(const JsonReads& v) {
  if constexpr (std::is_same_v<T, int>)
    return int_of(v);
  else
    return v.get<T>();
}
}  // namespace

Params params_from_json(const nlohmann::ordered_json& scenario) {
  // Every value is read through `j`, which records what was read (core/json_reads.h).
  const JsonReads j(scenario);
  Params p;
  p.name = j.at("name").get<std::string>();
  p.description = j.at("description").get<std::string>();
  p.seed = j.at("seed").get<std::uint64_t>();
  p.start = year_month_of(j.at("start"));
  p.end = year_month_of(j.at("end"));
  p.scale = j.at("scale").get<double>();
  const auto& region = j.at("region");
  p.region_name = region.at("name").get<std::string>();
  // Each scalar key declared in the schema is read into the field of its name (params.h).
#define PROSIM_READ_FIELD(type, name) into.name = value_of<type>(from.at(#name));
  for (const auto& [name, from] : region.at("counties").items()) {
    CountyInput into;
    into.name = name;
    PROSIM_COUNTY_FIELDS(PROSIM_READ_FIELD)
    into.terrain[0] = from.at("terrain").at("plain").get<double>();
    into.terrain[1] = from.at("terrain").at("hill").get<double>();
    into.terrain[2] = from.at("terrain").at("mountain").get<double>();
    if (from.contains("seat")) {
      into.has_seat = true;
      into.seat.lat = from.at("seat").at("lat").get<double>();
      into.seat.lon = from.at("seat").at("lon").get<double>();
    }
    p.counties.push_back(into);
  }
  // Seats are given for every county or for none (the loader refused a mix: semantic_issues).
  for (const auto& c : p.counties) PROSIM_CHECK(c.has_seat == p.counties.front().has_seat);
  {
    const auto& from = j.at("economy");
    auto& into = p.economy;
    PROSIM_ECONOMY_FIELDS(PROSIM_READ_FIELD)
    for (const auto& step : from.at("nominal_growth_path").elements())
      into.nominal_growth_path.emplace_back(step.at("year").get<int>(), step.at("growth").get<double>());
    resolve_nominal_path(into);
    for (const auto& step : from.at("housing_price_path").elements())
      into.housing_price_path.emplace_back(step.at("year").get<int>(), step.at("growth").get<double>());
    for (const auto& step : from.at("deposit_rate_path").elements())
      into.deposit_rate_path.emplace_back(year_month_of(step.at("date")), step.at("change").get<double>());
    const auto& adjustments = from.at("pension_adjustment_path").elements();
    for (std::size_t i = 0; i < adjustments.size(); ++i) {
      const int year = int_of(adjustments[i].at("year"));
      for (const auto& [y, rate] : into.pension_adjustment_path)
        if (y == year)
          throw ScenarioError("/economy/pension_adjustment_path/" + std::to_string(i) + "/year",
                              "a year not given before (" + std::to_string(year) + " is given twice)");
      into.pension_adjustment_path.emplace_back(year, adjustments[i].at("rate").get<double>());
    }
  }
  {
    const auto& from = j.at("output");
    auto& into = p.output;
    PROSIM_OUTPUT_FIELDS(PROSIM_READ_FIELD)
    for (const auto& d : from.at("distribution_dates").elements()) into.distribution_dates.push_back(year_month_of(d));
    for (const auto& d : from.at("household_sample_dates").elements())
      into.household_sample_dates.push_back(year_month_of(d));
    for (const auto& b : from.at("middle_income_bands").elements())
      into.middle_income_bands.emplace_back(b.at(0).get<double>(), b.at(1).get<double>());
  }
#undef PROSIM_READ_FIELD
  p.policies = j.at("policies").json();  // each policy reads its own block (policies/registry.cpp)
  // Not read: the schema's informative keys, and what the loader resolved away.
  for (const char* key : {"$schema", "extends"})
    if (scenario.contains(key)) j.at(key).mark();
  if (const auto unread = j.unread(); !unread.empty()) {
    std::string list;
    for (const auto& u : unread) list += (list.empty() ? "" : ", ") + u;
    throw ScenarioError(unread.front(), "no code reads this value (a key of the scenario schema that the program "
                                        "does not use: " + list + ")");
  }
  return p;
}

double monthly_nominal_factor(const EconomyParams& e, YearMonth date) {
  const int year = date.month >= 7 ? date.year + 1 : date.year;
  double g = e.nominal_growth;
  for (const auto& [y, growth] : e.nominal_window_growth)
    if (y == year) g = growth;
  return std::pow(1 + g, 1.0 / 12.0);
}

double monthly_rent_factor(const EconomyParams& e, YearMonth date) {
  for (const auto& [y, growth] : e.housing_price_path)
    if (y == date.year) return std::pow(1 + growth, 1.0 / 12.0);
  return monthly_nominal_factor(e, date);
}

double deposit_rate_at(const EconomyParams& e, YearMonth date) {
  double rate = e.deposit_rate;
  for (const auto& [from, change] : e.deposit_rate_path) {
    const int months = date.serial() - from.serial() + 1;  // 1 in the change's own month
    if (months > 0) rate += change * std::min(1.0, double(months) / e.deposit_repricing_months);
  }
  return std::max(0.0, rate);  // banks do not charge households for deposits
}

double pension_adjustment(const EconomyParams& e, int year) {
  for (const auto& [y, rate] : e.pension_adjustment_path)
    if (y == year) return rate;
  double growth = e.nominal_growth;
  for (const auto& [y, g] : e.nominal_growth_path)
    if (y == year) growth = g;
  return e.pension_adjustment_nominal_share * growth;
}

// A calendar year's mean of a monthly path depends on the growth of the window before and
// after it (mean(Y) / mean(Y-1) weighs the months from February Y-1 to December Y in a
// triangle), so applying a year's observed growth to its own window alone misses where
// growth changes (7 %, 4.42 %, 7.5 % for 2021-2023 gave 5.1 % in 2022). The window growths
// are solved so that every path year's mean grows exactly as observed: a fixed-point
// iteration, each step moving a window's growth by the miss of its year (the own window
// carries about three quarters of the weight, so it converges geometrically).
void resolve_nominal_path(EconomyParams& e) {
  e.nominal_window_growth = e.nominal_growth_path;
  if (e.nominal_growth_path.empty()) return;
  auto calendar_growth = [&](int year) {
    // Means of year-1 and year on a path starting at 1 in January of year-1.
    double level = 1, before = 0, during = 0;
    for (int m = 0; m < 24; ++m) {
      if (m > 0) level *= monthly_nominal_factor(e, YearMonth{year - 1, 1}.plus(m));
      (m < 12 ? before : during) += level;
    }
    return during / before - 1;
  };
  for (int iteration = 0; iteration < 200; ++iteration) {
    double worst = 0;
    for (std::size_t k = 0; k < e.nominal_growth_path.size(); ++k) {
      const double miss = e.nominal_growth_path[k].second - calendar_growth(e.nominal_growth_path[k].first);
      e.nominal_window_growth[k].second += miss;
      worst = std::max(worst, std::abs(miss));
    }
    if (worst < 1e-12) break;
  }
}

}  // namespace prosim
