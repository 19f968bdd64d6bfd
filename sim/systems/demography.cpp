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
#include "model/disability.h"
#include "model/person_rules.h"
#include "systems/systems.h"
#include "model/constants.h"

namespace prosim {

namespace {
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
  ps.contribution_index[to] = ps.contribution_index[from];
  ps.occupant[to] += 1;
}

// A member who earns the household a living: in work (employee, own account, farming),
// working outside the region (remittances), or drawing an urban-employee pension. (The
// rural resident pension, a few hundred yuan a month, keeps nobody.)
bool provides(LabourStatus s, PensionKind pension) {
  return s == LabourStatus::Employed || s == LabourStatus::SelfEmployed || s == LabourStatus::Farming ||
         s == LabourStatus::Migrant || (s == LabourStatus::Retired && pension == PensionKind::UrbanEmployee);
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
  // The monthly hazard by age in months, tabulated instead of an exp per person (the same
  // expression, so the same bits), and kept while the level `a` is the one it was made with
  // (b is a constant): not a table and 1,800 exps a month.
  constexpr std::size_t kTabulated = 1800;  // 150 years
  auto& hazard = ws.death_hazard;
  if (hazard.size() != kTabulated || ws.death_hazard_level != a) {
    hazard.resize(kTabulated);
    for (std::size_t am = 0; am < kTabulated; ++am) hazard[am] = a * std::exp(b * (am / 12.0)) / 12.0;
    ws.death_hazard_level = a;
  }
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
  // The marks are all 0 on entry (the pass below sets back each one it applies: a mark is set
  // only where the pass reads it, on a member of a household, and every mark read is a death),
  // so they are not cleared for every slot a month.
  auto& dies = ws.person_dies;
  if (dies.size() != ps.size()) dies.assign(ps.size(), 0);
  for_each_success(p.seed, Purpose::DeathTrials, m, ps.size(), death_trial, [&](std::size_t i, RandomStream& rng) {
    const double u = rng.uniform();  // drawn on every success, so that later gaps do not depend on states
    const auto am = ps.age_months[i];
    if (am > kDeathsFrom && am <= kSkippedTo && u * death_trial < monthly_hazard(am)) dies[i] = 1;
  });
  const int K = ws.max_capacity;
  const bool skip_births = K > 0 && K < 255 && K * birth_hazard <= 1;
  // 0: no success, else 1 + j; set back after the pass (read only where a birth may follow).
  auto& births = ws.birth_trials;
  births.fit(hh.size_());
  if (skip_births)
    for_each_success(p.seed, Purpose::BirthTrials, m, hh.size_(), K * birth_hazard, [&](std::size_t h, RandomStream& rng) {
      births.mark(h, static_cast<std::uint8_t>(1 + rng.below(static_cast<std::uint64_t>(K))));
    });
  const std::uint8_t* const birth_trial = births.data();

  // The person arrays through raw pointers, and the rules' parameters as locals: the loop
  // stores one-byte statuses, which may alias anything, so the vectors' data pointers and the
  // parameters would otherwise be reloaded after every store.
  std::uint16_t* const age = ps.age_months.data();
  const std::uint16_t* const entry_age = ps.entry_age_months.data();
  LabourStatus* const status = ps.status.data();
  PensionKind* const pension = ps.pension.data();
  const std::uint16_t* const months_employed = ps.months_employed.data();
  const std::uint8_t* const urban_hukou = ps.urban_hukou.data();
  std::int32_t* const employer = ps.employer.data();
  float* const wage = ps.wage.data();
  const std::uint8_t* const dead = dies.data();
  const double participation = e.participation_rate;
  const double entrant_farming = e.farm_share_rural * e.participation_rate * kEntrantFarmingFactor;
  const int employee_retirement = 12 * e.employee_retirement_age, retirement = 12 * e.retirement_age;
  const int farm_retirement = 12 * e.farm_retirement_age, resident_work = 12 * e.resident_work_age;
  const int earliest_retirement = std::min(employee_retirement, retirement);
  constexpr int kFertileFrom = kFertileAgeMin * 12, kFertileTo = kFertileAgeMax * 12;

  // The rare events, out of the household pass: not inlined, so that the member loop keeps its
  // counters and pointers in registers (cachegrind: 7 % fewer instructions in the pass).
  // A child at its entry age: joins the labour force or stays out; returns the new status.
  // Whether household h lives in a village: asked only by these events and a change of size.
  const auto rural = [&](std::size_t h) { return !w.settlements.is_urban(hh.settlement[h]); };
  const auto enter = [&](std::size_t h, std::size_t i, std::uint16_t a1) __attribute__((noinline)) {
    LabourStatus st;
    const double u = RandomStream(p.seed, Purpose::Demography, m, i).uniform();
    // A person with a severe disability stays out of the labour force (model.md 4.2).
    if (u > participation || severely_disabled(e, p.seed, i, ps.occupant[i], a1)) st = LabourStatus::Inactive;
    // By age band with farmer_ages_kept (World::farm_age_factor; model.md 3.2).
    else if (rural(h) && u < entrant_farming * farm_age_factor(w.farm_age_factor, a1)) st = LabourStatus::Farming;
    else st = LabourStatus::Unemployed;  // young entrants look for jobs
    ps.status[i] = st;
    return st;
  };
  // A person at or past the earliest retirement age, not retired, away or a migrant: retires
  // when the pension record's age is reached; returns the status.
  const auto retire = [&](std::size_t i, std::uint16_t a1, LabourStatus st) __attribute__((noinline)) {
    // An urban-employee pension record, 15 years (180 months) of contributions or an urban
    // hukou, gives an urban-employee pension from employee_retirement_age; otherwise the
    // rural (resident) pension from retirement_age.
    const bool record = months_employed[i] >= 180 || urban_hukou[i];
    if (a1 >= (record ? employee_retirement : retirement)) {
      const auto kind = record ? PensionKind::UrbanEmployee : PensionKind::RuralResident;
      ps.pension[i] = kind;
      // The employee pension is fixed now from last year's wage level (raised each
      // January after; systems/government.cpp): by the 2005 formula from his own
      // contribution years and index (employee_pension_own_wage), else the same share of
      // the mean wage for everyone (the rule before).
      if (kind == PensionKind::UrbanEmployee)
        ps.pension_amount[i] =
            new_employee_pension(e.employee_pension_own_wage, e.urban_pension_replacement,
                                 e.employee_pension_account_rate, w.mean_wage_last_year, ps.contribution_index[i],
                                 months_employed[i]);
      // A farmer on the resident pension keeps farming until farm_retirement_age, an
      // employee or own-account worker on it keeps that work until resident_work_age: the
      // pension has no retirement condition and is far too small to live on (local
      // migrant workers, 本地农民工, averaged 46.8 years in 2024, model.md 4.11). Whoever
      // is out of work retires. (Until issue 12 every villager off the farm stopped at 60,
      // and village residents' wages per head were 20 % below Jinhua's bulletin.)
      const bool keeps_working =
          kind == PensionKind::RuralResident &&
          ((st == LabourStatus::Farming && a1 < farm_retirement) ||
           ((st == LabourStatus::Employed || st == LabourStatus::SelfEmployed) && a1 < resident_work));
      if (!keeps_working) {
        st = LabourStatus::Retired;
        ps.status[i] = st;
        employer[i] = -1;
        wage[i] = 0;
      }
    }
    return st;
  };

  // The household's own stream, made only where it is drawn from (an heir, a birth).
  const auto household_stream = [&](std::size_t h) { return RandomStream(p.seed, Purpose::Demography, m, (1ULL << 41) + h); };
  // A death past kSkippedDeathsToAge: the person's own draw.
  const auto old_dies = [&](std::size_t i, std::uint16_t am) __attribute__((noinline)) {
    return RandomStream(p.seed, Purpose::Demography, m, i).uniform() < monthly_hazard(am);
  };
  // A survivor moves down to slot `to` (after a death in its household).
  const auto move_down = [&](std::size_t i, std::size_t to) __attribute__((noinline)) {
    move_person(ps, i, to);
    ps.vacate(i);
  };
  // The last member died: an heir (a relative aged 25-50, of the household's hukou) takes over
  // the dwelling, the land, the savings and any firm the household owns. Assumption: it keeps
  // households, their assets and their collective membership whole without modelling household
  // formation.
  const auto heir = [&](std::size_t h, std::size_t first) __attribute__((noinline)) {
    RandomStream rng = household_stream(h);
    const std::size_t i = first;
    const double heir_age = kHeirAgeMin + kHeirAgeSpan * rng.uniform();
    ps.age_months[i] = static_cast<std::uint16_t>(heir_age * 12);
    draw_entry_age(e, rng, ps, i);
    ps.skill[i] = static_cast<float>(draw_skill(rng, e.skill_sigma, ps.urban_hukou[i], heir_age < kSkillYoungAge, rural(h)));
    // With farmer_ages_kept the heir farms with probability min(1, its age band's factor),
    // a draw taken only then (model.md 3.2).
    const bool farms = rural(h) && hh.land_mu[h] > 0 &&
                       (w.farm_age_factor.empty() || rng.uniform() < farm_age_factor(w.farm_age_factor, ps.age_months[i]));
    ps.status[i] = farms ? LabourStatus::Farming : LabourStatus::Unemployed;
  };
  // A birth trial of a household with `parents` members of child-bearing age and `kept`
  // members; returns its members after.
  const auto birth = [&](std::size_t h, std::size_t first, int kept, int parents) __attribute__((noinline)) {
    RandomStream rng = household_stream(h);
    if (skip_births || rng.uniform() < parents * birth_hazard) {
      // A birth, into the first free slot, with the hukou of the household's first member
      // (a child: no provider).
      const std::size_t i = first + kept;
      ps.age_months[i] = 0;
      ps.status[i] = LabourStatus::Child;
      ps.urban_hukou[i] = ps.urban_hukou[first];
      ps.skill[i] = static_cast<float>(draw_skill(rng, e.skill_sigma, ps.urban_hukou[i], true, rural(h)));
      draw_entry_age(e, rng, ps, i);
      ps.occupant[i] += 1;
      ++kept;
    }
    return kept;
  };

  // The arrays and bounds the member loop reads for every member are captured by copy: a
  // capture by reference is reloaded through the closure after every one-byte store (two
  // loads per read instead of one; 5.6 % fewer instructions in this loop, same code).
  const auto household = [&, age, dead, status, pension, entry_age, earliest_retirement, skip_births, birth_trial](std::size_t h) {
    const std::size_t first = hh.first_member[h];
    const int n = hh.size[h];
    // Deaths, ageing, entry and retirement, each person with its slot's draws; survivors
    // move down over the slots of the dead, in order. The same pass notes whether a survivor
    // is inactive (the added workers below: only then is it asked whether one provides).
    int kept = 0;
    bool inactive = false;
    for (int k = 0; k < n; ++k) {
      const std::size_t i = first + k;
      // The person's own stream is made only where it is drawn from (a death past
      // kSkippedDeathsToAge, the entry draw), not for every person.
      const std::uint16_t am = age[i];
      if (am > kDeathsFrom &&
          (am <= kSkippedTo ? dead[i] != 0 : old_dies(i, am))) {
        // Death. A worker leaves the firm (the employee index is rebuilt from persons at
        // the start of next month). Its mark, if drawn by skipping, is set back to 0.
        dies[i] = 0;
        ps.vacate(i);
        continue;
      }
      const std::uint16_t a1 = am < 65000 ? static_cast<std::uint16_t>(am + 1) : am;
      age[i] = a1;
      auto st = status[i];
      // Most persons are neither a child reaching its entry age nor at retirement age: the
      // age tests come first, so that they cost one comparison each (a1 is at least the
      // earliest retirement age wherever the rule below retires someone).
      if (st == LabourStatus::Child) {
        if (a1 >= entry_age[i]) st = enter(h, i, a1);
      } else if (a1 >= earliest_retirement && st != LabourStatus::Retired && st != LabourStatus::Migrant &&
                 st != LabourStatus::Away) {
        st = retire(i, a1, st);
      }
      const std::size_t to = first + kept;
      if (to != i) move_down(i, to);
      inactive = inactive || st == LabourStatus::Inactive;
      ++kept;
    }
    if (kept == 0) {
      heir(h, first);  // not inactive
      kept = 1;
    } else if (kept < hh.capacity[h] && (!skip_births || birth_trial[h] != 0)) {
      // The members of child-bearing age, counted only where a birth may follow (with
      // skipping, only where the household's birth trial succeeded: a share max_capacity x
      // birth_hazard of households a month): the survivors, aged, now fill the first `kept`
      // slots.
      int parents = 0;
      for (int k = 0; k < kept; ++k) parents += age[first + k] >= kFertileFrom && age[first + k] < kFertileTo;
      if (parents > 0 && (!skip_births || birth_trial[h] - 1 < parents)) kept = birth(h, first, kept, parents);
    }
    // Added workers: staying out of the labour force at working age is something a household
    // with a provider can afford. In a household where nobody earns a living, its inactive
    // members look for work (the "added worker" effect, Lundberg 1985, J. Labor Econ. 3(1)).
    // Before this rule inactivity was drawn once, at labour-market entry (1 - participation_rate),
    // whatever the household: in December 2021 (scale 0.01, seed 1) 7 % of households had no
    // provider and an inactive member of working age, and they were half of the dibao's
    // recipients.
    // A member with a severe disability cannot work and stays inactive.
    // (A newborn neither provides nor is inactive.)
    if (inactive) {
      bool provider = false;
      for (int k = 0; k < kept && !provider; ++k) provider = provides(status[first + k], pension[first + k]);
      if (!provider)
        for (int k = 0; k < kept; ++k)
          if (status[first + k] == LabourStatus::Inactive &&
              !severely_disabled(e, p.seed, first + k, ps.occupant[first + k], age[first + k]))
            status[first + k] = LabourStatus::Unemployed;
    }
    // The village's head count and the county's residents: integers, so the order of the
    // households' updates does not matter (no per-month array and sequential pass over
    // households for them).
    if (kept != n) {
      if (rural(h))
        std::atomic_ref<std::int32_t>(w.villages.members[w.settlements.village[hh.settlement[h]]])
            .fetch_add(kept - n, std::memory_order_relaxed);
      ws.add_residents(hh.county[h], kept - n);
    }
    hh.size[h] = static_cast<std::uint8_t>(kept);
  };
  for_each_index(hh.size_(), household);
  births.reset();
}

}  // namespace prosim
