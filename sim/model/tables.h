#pragma once
// The behavioural tables of the model: constants with one value per class (terrain, age
// band, tax bracket) that shape the results but are not scenario parameters. Each is
// declared once, here, with its unit, what its entries are for, its meaning and its source;
// docs/model.md section 9.4 is generated from these rows by docs/make_model_tables.py
// (tests/analysis/test_model_tables.py checks it is up to date). Single numbers are in
// model/constants.h.
//
// A row is X(type, name, (v0, v1, ...), "unit", "entries", "meaning", "source"): "entries"
// names the entries in order (terrain tables are indexed by world/settlements.h Terrain);
// a /* comment */ line starts a group of the table. The values are the literals the code
// used before they were named, so the results are bit for bit what they were.
// Adding one: a row here, the name where the numbers are used, then
// /usr/bin/python3 docs/make_model_tables.py.

namespace prosim {

// clang-format off
#define PROSIM_MODEL_TABLES(X) \
  /* geography and travel */ \
  X(double, kVillageRingMin, (0.15, 0.45, 0.70), "× county radius", "plain, hill, mountain", "inner edge of the ring around the county centre in which villages of each terrain lie", "assumption") \
  X(double, kVillageRingMax, (0.60, 0.85, 1.00), "× county radius", "plain, hill, mountain", "outer edge of that ring", "assumption") \
  X(double, kRoadSpeedKmh, (45.0, 32.0, 22.0), "km/h", "plain, hill, mountain", "road speed out of a settlement of each terrain (towns and parks are plain)", "assumption") \
  X(double, kRoadAccessMinutes, (5.0, 10.0, 20.0), "minutes", "plain, hill, mountain", "time from a settlement of each terrain to the main road", "assumption") \
  /* population at the build */ \
  X(double, kAgeBandEdges, (0, 15, 25, 40, 60, 75, 90), "years", "edges of the 6 bands", "edges of the piecewise-uniform age bands of the synthetic population", "assumption") \
  X(double, kAgeSharesTown, (0.14, 0.13, 0.27, 0.32, 0.10, 0.04), "share", "bands 0-15, 15-25, 25-40, 40-60, 60-75, 75-90", "age distribution of town residents", "assumption, set against Zhejiang's 2020 census age structure (model.md 3.2)") \
  X(double, kAgeSharesVillage, (0.12, 0.08, 0.18, 0.35, 0.20, 0.07), "share", "bands 0-15, 15-25, 25-40, 40-60, 60-75, 75-90", "age distribution of village residents (older than towns)", "assumption, set against Zhejiang's 2020 census age structure (model.md 3.2)") \
  X(double, kVillageSizeWeight, (1.2, 1.0, 0.7), "1", "plain, hill, mountain", "relative weight of a village of each terrain in the draw of a rural household's village (mountain villages are smaller)", "assumption") \
  X(double, kLandMuPerPerson, (1.0, 0.8, 0.5), "mu /person", "plain, hill, mountain", "land a village household holds per member", "assumption") \
  X(double, kCollectiveMedianOperating, (420e3, 230e3, 110e3), "real yuan /year", "plain, hill, mountain", "median operating income of a village collective at the build (times the county's income relative to the mean, lognormal around it)", "assumption: chosen so that a minority of villages is below the 200k total / 100k operating thresholds, concentrated in the mountain counties (model.md 3.3)") \
  /* farming and taxes */ \
  X(double, kFarmIncomeByTerrain, (1.15, 0.9, 0.65), "× county farm income", "plain, hill, mountain", "a farmer's monthly farm income by the terrain of the household's origin village", "assumption") \
  X(double, kIncomeTaxBracketTop, (3000, 12000, 25000, 35000, 55000, 80000, 1e300), "yuan /month", "brackets 1-7 (1e300: no upper bound)", "upper bound of each bracket of the individual income tax on a month's taxable wage", "PRC Individual Income Tax Law (2018 amendment), annual brackets 36k / 144k / 300k / 420k / 660k / 960k divided by 12 (in force from 2019)") \
  X(double, kIncomeTaxRate, (0.03, 0.10, 0.20, 0.25, 0.30, 0.35, 0.45), "share", "brackets 1-7", "marginal rate of each bracket of the individual income tax", "PRC Individual Income Tax Law (2018 amendment)")
// clang-format on

#define PROSIM_TABLE_VALUES(...) __VA_ARGS__
#define PROSIM_DECLARE_TABLE(type, name, values, unit, entries, meaning, source) \
  inline constexpr type name[] = {PROSIM_TABLE_VALUES values};
PROSIM_MODEL_TABLES(PROSIM_DECLARE_TABLE)
#undef PROSIM_DECLARE_TABLE
#undef PROSIM_TABLE_VALUES

}  // namespace prosim
