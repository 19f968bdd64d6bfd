#pragma once
// The behavioural constants of the model: numbers that shape the results but are not
// scenario parameters (those are declared in scenarios/scenario.schema.json). Tables of
// numbers (one per terrain, age band, tax bracket) are in model/tables.h. Each is
// declared once, here, with its unit, its meaning and its source ("assumption" where the
// modellers chose it); docs/model.md section 9.3 is generated from these rows by
// docs/make_model_tables.py (tests/analysis/test_model_tables.py checks it is up to date).
//
// A row is X(type, name, value, "unit", "meaning", "source"); a /* comment */ line starts a
// group of the table. The value is one literal (no commas): the code uses the name where it
// used the literal, so the results are bit for bit what they were.
// Adding one: a row here, the name where the number is used, then
// /usr/bin/python3 docs/make_model_tables.py.

namespace prosim {

// clang-format off
#define PROSIM_MODEL_CONSTANTS(X) \
  /* geography and travel */ \
  X(double, kCountyRingGapKm, 30.0, "km", "distance of another county's centre from the first county's centre, beyond its own radius (the counties lie on a ring; only where the scenario gives no county seats)", "assumption") \
  X(double, kMountainCountyExtraKm, 20.0, "km", "extra distance of a mountain county's centre on that ring", "assumption") \
  X(double, kEarthRadiusKm, 6371.0, "km", "radius of the Earth, to project county seats' latitude and longitude onto the plane", "mean Earth radius (IUGG, Moritz 2000, Geodetic Reference System 1980)") \
  X(double, kTownRadiusMin, 0.25, "× county radius", "least distance of a town other than the county seat from the county centre", "assumption") \
  X(double, kTownRadiusSpan, 0.3, "× county radius", "range of that distance above it (uniform)", "assumption") \
  X(double, kParkRadiusMin, 0.1, "× county radius", "least distance of an industrial park from the county centre", "assumption") \
  X(double, kParkRadiusSpan, 0.25, "× county radius", "range of that distance above it (uniform)", "assumption") \
  X(double, kRoadDetour, 1.3, "1", "road distance relative to the straight line between two settlements", "assumption") \
  /* population at the build */ \
  X(double, kHeadMinAge, 22.0, "years", "youngest age of a household head at the build", "assumption") \
  X(double, kVillageUrbanHukouShare, 0.02, "probability", "a village resident holds an urban hukou at the build (town residents: urban_hukou_share_towns)", "assumption") \
  X(double, kSkillUrbanHukou, 1.25, "× skill", "skill multiplier of an urban-hukou holder", "assumption: education gradient by hukou (the 2020 census gives urban residents about twice the rural share of college education)") \
  X(double, kSkillRuralHukou, 0.85, "× skill", "skill multiplier of a rural-hukou holder", "assumption: as kSkillUrbanHukou") \
  X(int, kSkillYoungAge, 45, "years", "persons younger than this belong to the better-educated cohorts", "assumption") \
  X(double, kSkillYoung, 1.08, "× skill", "skill multiplier of those cohorts", "assumption") \
  X(double, kSkillVillageResident, 0.85, "× skill", "skill multiplier of a person who lives in a village (the better educated have left)", "assumption") \
  X(double, kCollectiveAssetYield, 0.08, "/year", "yield of a village collective's assets (rents, shares): assets are operating income / yield", "assumption") \
  X(double, kCollectiveReserveYears, 0.5, "years of operating income", "a village collective's reserve fund at the build", "assumption") \
  X(double, kVillageSubsidy, 60e3, "real yuan /year", "upper-level subsidy a county pays each village", "assumption") \
  X(double, kInitialWageShare, 0.57, "share of disposable income", "a county's wage bill at the build, relative to its residents' disposable income", "shared/MODEL.md: wage income ≈ 57 % of disposable income, Zhejiang 2021") \
  X(double, kInitialCapacitySlack, 1.1, "1", "initial matching: a firm's capacity over its demand share of the county's seekers (with kInitialCapacityFill)", "assumption") \
  X(double, kInitialCapacityFill, 0.97, "1", "initial matching: the second factor of a firm's capacity (capacity = slack x fill x demand share of the seekers)", "assumption") \
  X(double, kInitialCashMonths, 2.0, "months of labour cost", "a firm's working capital at the build", "assumption") \
  /* macro environment and calibration */ \
  X(double, kReferenceUnemployment, 0.03, "share", "unemployment rate the burn-in calibrates every county to; the Phillips wage term and in-migrants' returns respond to unemployment against it", "assumption") \
  X(double, kExportCyclePersistence, 0.9, "1", "monthly persistence of the AR(1) cycle of log external demand (its shocks: export_volatility)", "assumption") \
  X(double, kWageGain, 0.15, "1 /month", "burn-in: response of a county's wage level to its unemployment gap", "assumption: chosen by trial on seeds 1-3 (calibration.md section 0)") \
  X(double, kWageDamping, 1.0, "1 /month", "burn-in: damping of the wage controller on the month's change of unemployment (derivative term)", "assumption: chosen by trial on seeds 1-3 (calibration.md section 0)") \
  X(double, kDemandGain, 0.15, "1 /month", "burn-in: response of a county's demand weight to its GDP gap", "assumption: chosen by trial on seeds 1-3 (calibration.md section 0)") \
  X(double, kRateGain, 0.5, "1 /month", "burn-in: response of the outside-income rates to the urban and rural income gaps", "assumption: chosen by trial on seeds 1-3 (calibration.md section 0)") \
  X(double, kMinOutsideRate, -0.5, "share of market income", "burn-in: lowest outside-income rate (a net outflow of at most half of market income)", "assumption") \
  X(double, kExportDemandGain, 0.3, "1", "burn-in: exponent of the region's GDP gap in the monthly correction of external demand", "assumption") \
  /* firms */ \
  X(double, kAgriProcessingShare, 0.1, "share", "firms in agri-processing (a new firm's sector draw)", "assumption") \
  X(double, kAgriOrManufacturingShare, 0.55, "share", "firms in agri-processing or manufacturing (the rest: services)", "assumption") \
  X(double, kParkShare, 0.5, "probability", "a non-service firm of a county with industrial parks sits in a park", "assumption") \
  X(double, kCountySeatShare, 0.5, "probability", "a firm, a town household at the build or an arriving in-migrant household in a town goes to the county seat (else another town, uniformly)", "assumption") \
  X(double, kAppealCap, 5000.0, "1", "largest Pareto draw of a firm's appeal at full scale; the cap is kAppealCap x scale (at least 1), so that the largest firm's share of demand is about the same at every scale (model.md 3.4)", "assumption") \
  X(double, kEntrantAppealFactor, 0.5, "1", "an entrant's appeal relative to its draw", "assumption") \
  X(double, kEntrantSalesShare, 0.3, "× county mean", "an entrant's expected sales, relative to the county's mean firm sales", "assumption") \
  X(double, kWageBidStep, 1.02, "factor /month", "wage rate raise of a firm whose vacancies stayed open last month", "assumption") \
  X(double, kWageBidCap, 1.2, "× target", "highest wage rate such raises reach, relative to the firm's target wage", "assumption") \
  X(double, kExpectationWeightOld, 0.7, "1", "weight of last month's expected sales in this month's", "assumption") \
  X(double, kExpectationWeightNew, 0.3, "1", "weight of what the firm sold, or the demand it could not serve", "assumption") \
  X(double, kLayoffThreshold, 1.05, "× wanted", "staff (efficiency units) above which a firm sheds workers", "assumption") \
  X(double, kHiringThreshold, 0.97, "× wanted", "staff below which a firm posts vacancies", "assumption") \
  X(double, kMaxHiresShare, 0.2, "× staff", "most vacancies posted a month, relative to the head count", "assumption") \
  X(double, kMinHiresCap, 2.0, "persons", "the monthly cap on a firm's vacancies is at least this (else kMaxHiresShare of its staff)", "assumption") \
  X(double, kBufferLabourMonths, 2.0, "months", "cash buffer: months of labour cost (the buffer is the larger of this and the next)", "assumption") \
  X(double, kBufferSalesMonths, 1.5, "months", "cash buffer: months of expected sales", "assumption") \
  X(double, kInvestedShareOfRetained, 0.5, "share", "cash above the buffer and not paid out that is invested at local firms", "assumption") \
  X(int, kEmployeesPerOwner, 25, "persons", "employees per owner household sharing a firm's payout", "assumption") \
  X(int, kMaxOwners, 50, "households", "most owner households of a firm", "assumption") \
  X(double, kOvertimeFactor, 1.15, "× staff output", "sales a firm's staff can produce in a month with overtime, relative to their normal output", "assumption") \
  X(double, kOwnerUrbanShare, 0.8, "probability", "an initial firm's owner household is drawn from the county's town households (else from all)", "assumption") \
  X(int, kAllocationRounds, 4, "rounds", "rounds in which demand a firm cannot serve goes to firms with spare capacity", "assumption") \
  /* households and villages */ \
  X(double, kJobToJobPremium, 1.05, "× current wage", "least offer, relative to the current wage, for which an employee changes jobs", "assumption") \
  X(double, kFarmFallbackRate, 0.1, "/month", "probability that an unemployed worker of a household with land in a village goes back to farming", "assumption") \
  X(double, kRunningCostShare, 0.35, "share", "a village collective's running costs, as a share of its operating income", "assumption") \
  X(double, kCollectiveIncomeLogSigma, 0.8, "log", "standard deviation of log operating income of village collectives at the build", "assumption") \
  X(int, kVillageHouseValueYear, 2008, "year", "the year of village_house_value_per_m2 and village_house_floor_area (the latest provincial figures found); village_house_value_growth compounds from January of it", "NBS, China Statistical Yearbook 2009, table 9-37 (Housing Conditions of Rural Households by Region, 2008), https://www.stats.gov.cn/sj/ndsj/2009/html/J0937e.htm") \
  X(double, kUnemployedMigrationFactor, 2.0, "1", "factor on migration_rate for a village household with an unemployed member", "assumption") \
  /* demography and migration */ \
  X(double, kGompertzSlope, 0.1, "/year", "slope b of the Gompertz mortality hazard A exp(b age)", "assumption: a usual human value") \
  X(int, kDeathsFromAge, 30, "years", "youngest age at which persons die", "assumption") \
  X(int, kFertileAgeMin, 20, "years", "youngest age of a household member counted as a parent", "assumption") \
  X(int, kFertileAgeMax, 45, "years", "age from which a member no longer counts as a parent", "assumption") \
  X(double, kEntrantFarmingFactor, 0.5, "1", "factor on farm_share_rural for young entrants of a village household", "assumption") \
  X(double, kHeirAgeMin, 25.0, "years", "youngest age of an heir taking over an emptied household", "assumption") \
  X(double, kHeirAgeSpan, 25.0, "years", "range of an heir's age above that", "assumption") \
  X(int, kOutMigrationMaxAge, 45, "years", "age from which village residents no longer leave to work outside the region", "assumption") \
  X(double, kInmigrantAdultAgeMin, 18.0, "years", "youngest age of an arriving in-migrant adult", "assumption") \
  X(double, kInmigrantAdultAgeSpan, 27.0, "years", "range of an arriving adult's age above that", "assumption") \
  X(double, kInmigrantChildAgeSpan, 15.0, "years", "range of an arriving child's age", "assumption") \
  /* pensions */ \
  X(double, kBasicPensionRatePerYear, 0.01, "share per contribution year", "the basic part of a new urban-employee pension per contribution year, of the mean of last year's mean wage and the retiree's indexed wage (with employee_pension_own_wage)", "国发〔2005〕38号: 缴费每满1年发给1% (text as quoted at https://www.64365.com/special/19622067)") \
  X(double, kContributionIndexMin, 0.6, "× last year's mean wage", "least contribution wage of a month, relative to last year's mean wage (a lower wage contributes on this base)", "the contribution base is the own wage between 60 % and 300 % of the provincial mean wage (核定缴费基数, as reported at https://cidian.kuaisou.com/)") \
  X(double, kContributionIndexMax, 3.0, "× last year's mean wage", "greatest contribution wage of a month, relative to last year's mean wage", "as kContributionIndexMin") \
  X(double, kEmployeePensionMinYears, 15.0, "years", "least contribution years counted in a new urban-employee pension (an urban-hukou retiree with fewer, who gets the employee pension in the model, is counted at the minimum)", "15 years is the minimum for an employee pension (国发〔2005〕38号, 缴费年限累计满15年); counting the shorter records at it is an assumption") \
  /* measurement */ \
  X(double, kTypicalHouseholdSize, 3.0, "persons", "the typical household of the NBS middle-income convention: a household's per-capita income times this is compared with the middle-income bands (the _per3 indicators, docs/indicators.md)", "NBS: the middle-income group is households whose income, for a typical three-person household (典型的三口之家), is 100k-500k yuan a year (2018 prices); cited e.g. m.moneyweekly.com.cn/MoneyWeekly/Article_26034.html")
// clang-format on

#define PROSIM_DECLARE_CONSTANT(type, name, value, unit, meaning, source) inline constexpr type name = value;
PROSIM_MODEL_CONSTANTS(PROSIM_DECLARE_CONSTANT)
#undef PROSIM_DECLARE_CONSTANT

}  // namespace prosim
