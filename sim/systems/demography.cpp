// Step 7b: ageing, labour-market entry, retirement and death. The population is kept
// constant: a person who dies is replaced by a newborn in the same household, so
// household membership stays contiguous and ids stay stable (a simplification: the
// region's population growth is small next to the income dynamics studied here).
// Mortality is Gompertz, calibrated to a life expectancy of `life_expectancy`.
#include <cmath>
#include <vector>

#include "core/parallel.h"
#include "core/rng.h"
#include "systems/person_rules.h"
#include "systems/systems.h"

namespace prosim {

namespace {
// An urban-employee pension record: 15 years (180 months) of contributions, or an urban hukou.
bool employee_record(const Persons& ps, std::size_t i) { return ps.months_employed[i] >= 180 || ps.urban_hukou[i]; }
}  // namespace

void run_demography(const Params& p, World& w, Workspace&) {
  const auto& e = p.economy;
  auto& ps = w.persons;
  auto& hh = w.households;
  const auto m = rng_month(w);
  // Gompertz hazard h(a) = A exp(b a) per year with b = 0.1; A chosen so that the
  // modal age at death is close to the life expectancy.
  const double b = 0.1, a = b * std::exp(-b * e.life_expectancy);
  // The monthly hazard by age in months, tabulated once per month instead of an exp per
  // person (the same expression, so the same bits).
  constexpr std::size_t kTabulated = 1800;  // 150 years
  std::vector<double> hazard(kTabulated);
  for (std::size_t am = 0; am < kTabulated; ++am) hazard[am] = a * std::exp(b * (am / 12.0)) / 12.0;
  auto monthly_hazard = [&](std::uint16_t am) {
    return am < kTabulated ? hazard[am] : a * std::exp(b * (am / 12.0)) / 12.0;
  };

  for_each_index(hh.size_(), [&](std::size_t h) {
    const bool rural = !w.settlements.is_urban(hh.settlement[h]);
    for (int k = 0; k < hh.size[h]; ++k) {
      const std::size_t i = hh.first_member[h] + k;
      RandomStream rng(p.seed, Purpose::Demography, m, i);
      const double age = ps.age_months[i] / 12.0;
      if (age > 30 && rng.uniform() < monthly_hazard(ps.age_months[i])) {
        // Death; a newborn takes the slot. Workers leave their firm (the employee index is
        // rebuilt from persons at the start of next month).
        ps.age_months[i] = 0;
        ps.status[i] = LabourStatus::Child;
        ps.employer[i] = -1;
        ps.wage[i] = 0;
        ps.pension[i] = PensionKind::None;
        ps.months_employed[i] = 0;
        ps.occupant[i] += 1;
        ps.skill[i] = static_cast<float>(draw_skill(rng, e.skill_sigma, ps.urban_hukou[i], true, rural));
        const int entry = e.labour_entry_age_min + static_cast<int>(rng.below(e.labour_entry_age_max - e.labour_entry_age_min + 1));
        ps.entry_age_months[i] = static_cast<std::uint16_t>(entry * 12);
        continue;
      }
      if (ps.age_months[i] < 65000) ps.age_months[i] += 1;
      if (ps.status[i] == LabourStatus::Child && ps.age_months[i] >= ps.entry_age_months[i]) {
        const double u = rng.uniform();
        if (u > e.participation_rate) ps.status[i] = LabourStatus::Inactive;
        else if (rural && u < e.farm_share_rural * e.participation_rate * 0.5) ps.status[i] = LabourStatus::Farming;
        else ps.status[i] = LabourStatus::Unemployed;  // young entrants look for jobs
      } else if (ps.status[i] != LabourStatus::Retired && ps.status[i] != LabourStatus::Child &&
                 ps.status[i] != LabourStatus::Migrant &&
                 ps.age_months[i] >= 12 * (employee_record(ps, i) ? e.employee_retirement_age : e.retirement_age)) {
        // 15 years of contributions (or an urban hukou) give an urban-employee pension from
        // employee_retirement_age; otherwise the rural (resident) pension from retirement_age.
        ps.pension[i] = employee_record(ps, i) ? PensionKind::UrbanEmployee : PensionKind::RuralResident;
        ps.status[i] = LabourStatus::Retired;
        ps.employer[i] = -1;
        ps.wage[i] = 0;
      }
    }
  });
}

}  // namespace prosim
