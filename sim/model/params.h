#pragma once
// The run's parameters, read once from the resolved scenario JSON (io/scenario_loader
// has already validated it and filled every default from scenarios/scenario.schema.json,
// so reading here never needs a fallback value).
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/json_reads.h"
#include "prosim/scenario_fields.h"  // generated from the schema (cmake/schema_fields.cmake)

namespace prosim {

// A parameter is declared once, in scenarios/scenario.schema.json (type, default, range, unit,
// source, meaning). The build turns every scalar key of the `economy`, county and `output`
// objects into a field of the same name here (PROSIM_*_FIELDS, written by
// cmake/schema_fields.cmake) and into its reading in params.cpp; arrays and objects are
// structured values declared and read by hand below.
#define PROSIM_DECLARE_FIELD(type, name) type name;

struct CountyInput {
  std::string name;  // its key in region.counties
  PROSIM_COUNTY_FIELDS(PROSIM_DECLARE_FIELD)
  double terrain[3];  // plain, hill, mountain shares of villages
  // The county seat's position (scenario key `seat`, degrees north and east), if given: a
  // scenario gives it for every county or for none (the loader refuses a mix).
  bool has_seat = false;
  struct {
    double lat = 0, lon = 0;
  } seat;
};

struct EconomyParams {
  PROSIM_ECONOMY_FIELDS(PROSIM_DECLARE_FIELD)
  // Observed nominal growth by calendar year (growth of the year's annual total over the
  // previous year's), strictly increasing years; other years grow at nominal_growth.
  std::vector<std::pair<int, double>> nominal_growth_path;
  // Derived from nominal_growth_path (resolve_nominal_path): the growth applied from July
  // of Y-1 to June of Y, for each year Y of the path, such that calendar-year means of the
  // monthly path grow exactly as the path says.
  std::vector<std::pair<int, double>> nominal_window_growth;
  // The January raise of urban-employee pensions in payment by calendar year (the national
  // adjustment notices), each year at most once; other years: pension_adjustment(...).
  std::vector<std::pair<int, double>> pension_adjustment_path;
  // Observed growth of housing prices by calendar year (December over December), strictly
  // increasing years; rents follow it within those years, the nominal level in others.
  std::vector<std::pair<int, double>> housing_price_path;
  // Observed changes of the deposit rate (first month at the new rate, change of the annual
  // rate), strictly increasing months.
  std::vector<std::pair<YearMonth, double>> deposit_rate_path;
};

// The nominal growth factor of one month. The growth G_Y of year Y's annual total over
// year Y-1's is applied from July of Y-1 to June of Y (the twelve months between the two
// years' mid-points), so that annual means grow by G_Y.
double monthly_nominal_factor(const EconomyParams& e, YearMonth date);
// Sets nominal_window_growth from nominal_growth_path (params.cpp explains).
void resolve_nominal_path(EconomyParams& e);
// The raise of urban-employee pensions in payment in January of `year`: its entry of
// pension_adjustment_path, else pension_adjustment_nominal_share x the year's nominal growth.
double pension_adjustment(const EconomyParams& e, int year);
// The month's growth factor of housing rents: (1 + growth)^(1/12) in the years of
// housing_price_path (applied January to December, as the index is December over December),
// else monthly_nominal_factor.
double monthly_rent_factor(const EconomyParams& e, YearMonth date);
// The annual interest rate on the deposit stock in `date`: deposit_rate plus each change of
// deposit_rate_path dated on or before it, in the k-th month from its date (k = 1 in that
// month) min(1, k / deposit_repricing_months) of it (deposits keep their rate until they mature);
// never below zero.
double deposit_rate_at(const EconomyParams& e, YearMonth date);

struct OutputParams {
  PROSIM_OUTPUT_FIELDS(PROSIM_DECLARE_FIELD)
  std::vector<YearMonth> distribution_dates;  // empty: every December
  std::vector<YearMonth> household_sample_dates;
  std::vector<std::pair<double, double>> middle_income_bands;
};

#undef PROSIM_DECLARE_FIELD

struct Params {
  std::string name, description;
  std::uint64_t seed;
  YearMonth start, end;
  double scale;
  std::string region_name;
  std::vector<CountyInput> counties;
  EconomyParams economy;
  OutputParams output;
  nlohmann::ordered_json policies;  // each policy module reads its own block
  int months() const { return end.serial() - start.serial() + 1; }
};

// Reads a resolved, validated scenario. `seed_override` >= 0 replaces the scenario seed.
Params params_from_json(const nlohmann::ordered_json& scenario);

// Reads "YYYY-MM" from an already validated JSON value.
// An integer of the resolved scenario, read as 64 bits and checked to fit an int: the schema
// bounds every integer far below that, so a failure here is a schema defect, not bad input.
int int_of(const nlohmann::ordered_json& value);
YearMonth year_month_of(const nlohmann::ordered_json& value);
// The same, through a view that records the read (core/json_reads.h).
int int_of(const JsonReads& value);
YearMonth year_month_of(const JsonReads& value);

}  // namespace prosim
