#pragma once
// Rules about persons shared by the population builder and the demography and labour-market
// systems.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "core/rng.h"
#include "model/constants.h"

namespace prosim {

// The age bands of Zhejiang's 2016 agricultural census (附表6) by age in months: 0 for 35 or
// less, 1 for 36-54, 2 for 55 or more (farmer_ages_from_census, farmer_ages_kept; model.md 3.2).
inline int farmer_age_band(int age_months) { return age_months < 36 * 12 ? 0 : age_months < 55 * 12 ? 1 : 2; }

// The factor of a person's age band on the monthly rules that move villagers into farming
// (World::farm_age_factor, model.md 3.2 and 4.3): 1 where the factors are not set.
inline double farm_age_factor(const std::vector<double>& factors, int age_months) {
  return factors.empty() ? 1.0 : factors[static_cast<std::size_t>(farmer_age_band(age_months))];
}

// Skill (efficiency units, mean ~1): lognormal, higher for urban hukou holders and
// for cohorts under kSkillYoungAge (Zhejiang's education gradient by hukou and age: the 2020 census
// gives urban residents about twice the rural share of college education), and lower
// for people who still live in villages (the better educated have left).
inline double draw_skill(RandomStream& rng, double sigma, bool urban_hukou, bool young, bool village_resident) {
  double skill = std::exp(sigma * rng.normal() - 0.5 * sigma * sigma);
  skill *= urban_hukou ? kSkillUrbanHukou : kSkillRuralHukou;
  if (young) skill *= kSkillYoung;
  if (village_resident) skill *= kSkillVillageResident;
  return skill;
}

// How a person's move responds to the local labour market: a factor on its base rate of
// 1 + slope x (1 - u / kReferenceUnemployment), between 0 and 2, with u the unemployment of
// the person's county last month. Quits into unemployment (labour_market.cpp) and
// in-migrants' returns from their home region (migration.cpp) both follow it: people
// leave a job to look for another, or come back to look for one, when jobs are easy to find.
// A rate drawn by skipping (core/rare_events.h) is drawn at its base rate times
// kLabourMarketResponseMax and thinned: a bound that does not depend on the state, so the
// trials are the same in two scenarios with the same seed (common random numbers).
inline constexpr double kLabourMarketResponseMax = 2.0;
inline double labour_market_response(double slope, double u) {
  return std::clamp(1 + slope * (1 - u / kReferenceUnemployment), 0.0, kLabourMarketResponseMax);
}

// A new urban-employee pension by the rule before employee_pension_own_wage: the replacement
// rate times the mean wage of the year before retirement (model.md 4.8); raised each January
// after. Stored as float (persons.pension_amount). The rule in force: below.
inline float new_employee_pension(double replacement, double mean_wage_last_year) {
  return static_cast<float>(replacement * mean_wage_last_year);
}

// A month's contribution index: the contribution wage over last year's mean wage, the own wage
// bounded to 60-300 % of the mean (核定缴费基数; constants.h).
inline double contribution_index_of(double wage_over_mean) {
  return std::clamp(wage_over_mean, kContributionIndexMin, kContributionIndexMax);
}

// A new urban-employee pension by the 2005 formula (国发〔2005〕38号; model.md 4.8), with
// economy.employee_pension_own_wage: the basic pension, 1 % per contribution year of the mean
// of last year's mean wage and the retiree's indexed wage (his contribution index I times that
// mean wage), plus the personal-account pension, `account_rate` of the indexed wage per
// contribution year. Y = months / 12, at least kEmployeePensionMinYears.
inline float own_wage_employee_pension(double mean_wage_last_year, double index, int months, double account_rate) {
  const double indexed = contribution_index_of(index);
  const double years = std::max(months / 12.0, kEmployeePensionMinYears);
  return static_cast<float>(mean_wage_last_year *
                            ((1 + indexed) / 2 * years * kBasicPensionRatePerYear + account_rate * indexed * years));
}

// A new urban-employee pension by the rule in force (economy.employee_pension_own_wage): the
// 2005 formula from the retiree's own index and months, or the same share of last year's mean
// wage for everyone (the rule before). Set at retirement (systems/demography.cpp) and, for a
// pension without an amount or in the burn-in, by the government (systems/government.cpp).
inline float new_employee_pension(bool own_wage, double replacement, double account_rate, double mean_wage_last_year,
                                  double index, int months) {
  return own_wage ? own_wage_employee_pension(mean_wage_last_year, index, months, account_rate)
                  : new_employee_pension(replacement, mean_wage_last_year);
}

// The resident (rural) pension of this year, yuan/month: the base raised each January with the
// nominal level, to the power `indexation` (Zhejiang adjusts the basic resident pension "taking
// the growth of income per head into account", 浙政发〔2011〕19号; model.md 4.8). Paid by
// systems/government.cpp; a means test that counts a person's own income counts it too.
inline double resident_pension(double base, double nominal_level_january, double indexation) {
  return base * std::pow(nominal_level_january, indexation);
}

}  // namespace prosim
