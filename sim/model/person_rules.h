#pragma once
// Rules about persons shared by the population builder and the demography system.
#include <cmath>

#include "core/rng.h"
#include "model/constants.h"

namespace prosim {

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

}  // namespace prosim
