// Step 7b: ageing, labour-market entry, retirement, death and birth.
// Deaths and births are separate events, as in the population they model: people die
// where the old live (villages) and are born where young adults live (towns, in-migrant
// households). Each household owns a fixed range of slots (households.h): a death frees
// one (the household's later members move down a slot, so members stay contiguous), and
// a birth fills a free one, in a household with members of child-bearing age. A household
// whose last member dies passes to an heir (below), so no household is ever empty.
// Mortality is Gompertz, calibrated to a life expectancy of `life_expectancy`; fertility
// is `total_fertility_rate` spread over ages 20-44.
// (Until this version a newborn replaced each dead person in the same slot: the
// population was constant, but births followed deaths, so old villages filled with
// children: their child share rose from 16 % to 29 % in 2018-2030, which alone lowered
// village income per head by about 1.5 % a year against towns. docs/validation.md.)
#include <algorithm>
#include <atomic>
#include <cmath>
#include <vector>

#include "core/parallel.h"
#include "core/rare_events.h"
#include "core/rng.h"
#include "model/person_rules.h"
#include "systems/systems.h"
#include "model/constants.h"

namespace prosim {

namespace {
// An urban-employee pension record: 15 years (180 months) of contributions, or an urban hukou.
bool employee_record(const Persons& ps, std::size_t i) { return ps.months_employed[i] >= 180 || ps.urban_hukou[i]; }

// Slot `to` takes the person in slot `from` (same household, to < from). The slot's
// occupant counter moves on, so a policy that follows a person by slot (training)
// does not credit the newcomer.
void move_person(Persons& ps, std::size_t from, std::size_t to) {
  ps.age_months[to] = ps.age_months[from];
  ps.entry_age_months[to] = ps.entry_age_months[from];
  ps.skill[to] = ps.skill[from];
  ps.urban_hukou[to] = ps.urban_hukou[from];
  ps.status[to] = ps.status[from];
  ps.pension[to] = ps.pension[from];
  ps.pension_amount[to] = ps.pension_amount[from];
  ps.employer[to] = ps.employer[from];
  ps.wage[to] = ps.wage[from];
  ps.months_employed[to] = ps.months_employed[from];
  ps.occupant[to] += 1;
}

// An empty slot holds nobody: no employer, wage, pension or contribution record (as the
// build leaves its empty slots, Persons::resize), so a birth or an heir into it need only set
// what a new person has.
void clear_slot(Persons& ps, std::size_t i) {
  ps.age_months[i] = 0;
  ps.status[i] = LabourStatus::Vacant;
  ps.employer[i] = -1;
  ps.wage[i] = 0;
  ps.pension[i] = PensionKind::None;
  ps.pension_amount[i] = 0;
  ps.months_employed[i] = 0;
  ps.occupant[i] += 1;
}

// Someone in the household earns a living: a member in work (employee, own account, farming),
// working outside the region (remittances), or drawing an urban-employee pension. (The
// rural resident pension, a few hundred yuan a month, keeps nobody.)
bool household_has_provider(const Persons& ps, std::size_t first, int n) {
  for (int k = 0; k < n; ++k) {
    const auto s = ps.status[first + k];
    if (s == LabourStatus::Employed || s == LabourStatus::SelfEmployed || s == LabourStatus::Farming ||
        s == LabourStatus::Migrant || (s == LabourStatus::Retired && ps.pension[first + k] == PensionKind::UrbanEmployee))
      return true;
  }
  return false;
}

// Deaths of persons up to this age are drawn by skipping (run_demography); older ones keep a
// draw each. A numerical choice, not a model parameter (the events' law is the same): the
// hazard at this age (about 2 % a month at a life expectancy of 80) is the rate of trials over
// all person slots, and the few persons older than it cost a draw each.
constexpr int kSkippedDeathsToAge = 95;

void draw_entry_age(const EconomyParams& e, RandomStream& rng, Persons& ps, std::size_t i) {
  const int entry = e.labour_entry_age_min + static_cast<int>(rng.below(e.labour_entry_age_max - e.labour_entry_age_min + 1));
  ps.entry_age_months[i] = static_cast<std::uint16_t>(entry * 12);
}
}  // namespace

void run_demography(const Params& p, World& w, Workspace& ws) {
  const auto& e = p.economy;
  auto& ps = w.persons;
  auto& hh = w.households;
  const auto m = rng_month(w);
  // Gompertz hazard h(a) = A exp(b a) per year with b = 0.1. The mean age at death of
  // this law is its modal age M less about 0.5772 / b (Euler's constant over b), so
  // M = life_expectancy + 0.5772 / b makes life_expectancy the life expectancy at birth.
  // (Until this version life_expectancy was used as the modal age, which gave a life
  // expectancy of about 74 years instead of 80, and too many deaths.)
  const double b = kGompertzSlope, a = b * std::exp(-b * (e.life_expectancy + 0.5772 / b));
  // The monthly hazard by age in months, tabulated once per month instead of an exp per
  // person (the same expression, so the same bits).
  constexpr std::size_t kTabulated = 1800;  // 150 years
  std::vector<double> hazard(kTabulated);
  for (std::size_t am = 0; am < kTabulated; ++am) hazard[am] = a * std::exp(b * (am / 12.0)) / 12.0;
  auto monthly_hazard = [&](std::uint16_t am) {
    return am < kTabulated ? hazard[am] : a * std::exp(b * (am / 12.0)) / 12.0;
  };
  // Births a month per member aged 20-44: half of them are women, each having
  // total_fertility_rate children over those 25 years.
  const double birth_hazard = e.total_fertility_rate / (2.0 * (kFertileAgeMax - kFertileAgeMin)) / 12.0;

  // Deaths and births are drawn by skipping (core/rare_events.h) instead of a draw per person
  // and per household (which took a fifth of a run's instructions). Deaths: trials at the
  // hazard of age kSkippedDeathsToAge, thinned to each person's hazard, marked before the pass
  // (the age read is the one the pass would read: a slot's person is unchanged until the pass
  // reaches it); the few persons older than that keep a draw each, from their own stream.
  // Births: trials at max_capacity x birth_hazard per household, each success drawing j in
  // [0, max_capacity): a household with `parents` parents has a birth if j < parents, with
  // probability parents x birth_hazard as before.
  constexpr std::uint16_t kDeathsFrom = kDeathsFromAge * 12, kSkippedTo = kSkippedDeathsToAge * 12;
  const double death_trial = std::min(1.0, monthly_hazard(kSkippedTo));  // a probability bounding the hazards
  auto& dies = ws.person_event;
  dies.assign(ps.size(), 0);
  for_each_success(p.seed, Purpose::DeathTrials, m, ps.size(), death_trial, [&](std::size_t i, RandomStream& rng) {
    const double u = rng.uniform();  // drawn on every success, so that later gaps do not depend on states
    const auto am = ps.age_months[i];
    if (am > kDeathsFrom && am <= kSkippedTo && u * death_trial < monthly_hazard(am)) dies[i] = 1;
  });
  const int K = ws.max_capacity;
  const bool skip_births = K > 0 && K < 255 && K * birth_hazard <= 1;
  auto& birth_trial = ws.household_event;  // 0: no success, else 1 + j
  if (skip_births) {
    birth_trial.assign(hh.size_(), 0);
    for_each_success(p.seed, Purpose::BirthTrials, m, hh.size_(), K * birth_hazard, [&](std::size_t h, RandomStream& rng) {
      birth_trial[h] = static_cast<std::uint8_t>(1 + rng.below(static_cast<std::uint64_t>(K)));
    });
  }

  for_each_index(hh.size_(), [&](std::size_t h) {
    const bool rural = !w.settlements.is_urban(hh.settlement[h]);
    const std::size_t first = hh.first_member[h];
    const int n = hh.size[h];
    // Deaths, ageing, entry and retirement, each person with its slot's draws; survivors
    // move down over the slots of the dead, in order.
    int kept = 0, parents = 0;
    for (int k = 0; k < n; ++k) {
      const std::size_t i = first + k;
      // The person's own stream is made only where it is drawn from (a death past
      // kSkippedDeathsToAge, the entry draw), not for every person.
      const auto am = ps.age_months[i];
      if (am > kDeathsFrom &&
          (am <= kSkippedTo ? dies[i] != 0 : RandomStream(p.seed, Purpose::Demography, m, i).uniform() < monthly_hazard(am))) {
        // Death. A worker leaves the firm (the employee index is rebuilt from persons at
        // the start of next month).
        clear_slot(ps, i);
        continue;
      }
      if (ps.age_months[i] < 65000) ps.age_months[i] += 1;
      if (ps.status[i] == LabourStatus::Child && ps.age_months[i] >= ps.entry_age_months[i]) {
        const double u = RandomStream(p.seed, Purpose::Demography, m, i).uniform();
        if (u > e.participation_rate) ps.status[i] = LabourStatus::Inactive;
        else if (rural && u < e.farm_share_rural * e.participation_rate * kEntrantFarmingFactor) ps.status[i] = LabourStatus::Farming;
        else ps.status[i] = LabourStatus::Unemployed;  // young entrants look for jobs
      } else if (ps.status[i] != LabourStatus::Retired && ps.status[i] != LabourStatus::Child &&
                 ps.status[i] != LabourStatus::Migrant && ps.status[i] != LabourStatus::Away &&
                 ps.age_months[i] >= 12 * (employee_record(ps, i) ? e.employee_retirement_age : e.retirement_age)) {
        // 15 years of contributions (or an urban hukou) give an urban-employee pension from
        // employee_retirement_age; otherwise the rural (resident) pension from retirement_age.
        ps.pension[i] = employee_record(ps, i) ? PensionKind::UrbanEmployee : PensionKind::RuralResident;
        // The employee pension is fixed now from last year's wage level (raised each January
        // after; systems/government.cpp).
        if (ps.pension[i] == PensionKind::UrbanEmployee)
          ps.pension_amount[i] = static_cast<float>(e.urban_pension_replacement * w.mean_wage_last_year);
        // A farmer on the resident pension keeps farming until farm_retirement_age: the
        // pension has no retirement condition and is far too small to live on (until this
        // version every villager stopped work at 60).
        if (ps.status[i] != LabourStatus::Farming || ps.pension[i] != PensionKind::RuralResident ||
            ps.age_months[i] >= 12 * e.farm_retirement_age) {
          ps.status[i] = LabourStatus::Retired;
          ps.employer[i] = -1;
          ps.wage[i] = 0;
        }
      }
      if (static_cast<std::size_t>(first + kept) != i) {
        move_person(ps, i, first + kept);
        clear_slot(ps, i);
      }
      parents += ps.age_months[first + kept] >= kFertileAgeMin * 12 && ps.age_months[first + kept] < kFertileAgeMax * 12;
      ++kept;
    }
    RandomStream rng(p.seed, Purpose::Demography, m, (1ULL << 41) + h);
    if (kept == 0) {
      // The last member died: an heir (a relative aged 25-50, of the household's hukou)
      // takes over the dwelling, the land, the savings and any firm the household owns.
      // Assumption: it keeps households, their assets and their collective membership
      // whole without modelling household formation.
      const std::size_t i = first;
      const double age = kHeirAgeMin + kHeirAgeSpan * rng.uniform();
      ps.age_months[i] = static_cast<std::uint16_t>(age * 12);
      draw_entry_age(e, rng, ps, i);
      ps.skill[i] = static_cast<float>(draw_skill(rng, e.skill_sigma, ps.urban_hukou[i], age < kSkillYoungAge, rural));
      ps.status[i] = rural && hh.land_mu[h] > 0 ? LabourStatus::Farming : LabourStatus::Unemployed;
      kept = 1;
    } else if (kept < hh.capacity[h] && parents > 0 &&
               (skip_births ? birth_trial[h] != 0 && birth_trial[h] - 1 < parents : rng.uniform() < parents * birth_hazard)) {
      // A birth, into the first free slot, with the hukou of the household's first member.
      const std::size_t i = first + kept;
      ps.age_months[i] = 0;
      ps.status[i] = LabourStatus::Child;
      ps.urban_hukou[i] = ps.urban_hukou[first];
      ps.skill[i] = static_cast<float>(draw_skill(rng, e.skill_sigma, ps.urban_hukou[i], true, rural));
      draw_entry_age(e, rng, ps, i);
      ps.occupant[i] += 1;
      ++kept;
    }
    // Added workers: staying out of the labour force at working age is something a household
    // with a provider can afford. In a household where nobody earns a living, its inactive
    // members look for work (the "added worker" effect, Lundberg 1985, J. Labor Econ. 3(1)).
    // Before this rule inactivity was drawn once, at labour-market entry (1 - participation_rate),
    // whatever the household: in December 2021 (scale 0.01, seed 1) 7 % of households had no
    // provider and an inactive member of working age, and they were half of the dibao's
    // recipients.
    if (!household_has_provider(ps, first, kept))
      for (int k = 0; k < kept; ++k)
        if (ps.status[first + k] == LabourStatus::Inactive) ps.status[first + k] = LabourStatus::Unemployed;
    // The village's head count: an integer, so the order of the households' updates does
    // not matter (no per-month array and sequential pass over households for it).
    if (rural && kept != n)
      std::atomic_ref<std::int32_t>(w.villages.members[w.settlements.village[hh.settlement[h]]])
          .fetch_add(kept - n, std::memory_order_relaxed);
    hh.size[h] = static_cast<std::uint8_t>(kept);
  });
}

}  // namespace prosim
