// Households and persons from county aggregates: population, urban share, household
// sizes, an age structure close to Zhejiang's 2020 census (0-14: 13.5 %, 15-59:
// 67.9 %, 60+: 18.7 %; villages older, towns younger), skills, hukou and labour status.
#include <algorithm>
#include <array>
#include <cmath>

#include "population/world_builder.h"
#include "core/parallel.h"
#include "core/rng.h"
#include "model/constants.h"
#include "model/disability.h"
#include "model/person_rules.h"
#include "model/tables.h"

namespace prosim {
namespace {

// Shares of the bands among the members other than the head. The head is drawn from the
// same bands restricted to ages >= 22; heads are a share 1/m of the persons (m the mean
// household size), so the other members get what is left of each band's target share:
//   N_b = max(0, T_b - H_b / m) / (1 - 1/m),   H_b = T_b |[a_b, a_b+1) ∩ [22, 90)| / |[a_b, a_b+1)|, normalised,
// renormalised; then the population's age shares match T (Zhejiang's 2020 census) in
// expectation instead of having too few children.
std::array<double, 6> member_age_shares(bool urban, double mean_size) {
  const double* t = urban ? kAgeSharesTown : kAgeSharesVillage;
  std::array<double, 6> head{}, member{};
  double head_sum = 0;
  for (int b = 0; b < 6; ++b) {
    const double lo = std::max(kAgeBandEdges[b], kHeadMinAge), hi = kAgeBandEdges[b + 1];
    head[b] = hi > lo ? t[b] * (hi - lo) / (hi - kAgeBandEdges[b]) : 0.0;
    head_sum += head[b];
  }
  const double f = 1.0 / std::max(1.0, mean_size);
  double sum = 0;
  for (int b = 0; b < 6; ++b) {
    member[b] = std::max(0.0, t[b] - f * head[b] / head_sum);
    sum += member[b];
  }
  for (auto& x : member) x /= sum;
  return member;
}

double draw_age_years(RandomStream& rng, const double* shares, double min_age) {
  for (;;) {
    double u = rng.uniform();
    int band = 0;
    while (band < 5 && u >= shares[band]) u -= shares[band++];
    const double age = kAgeBandEdges[band] + (kAgeBandEdges[band + 1] - kAgeBandEdges[band]) * rng.uniform();
    if (age >= min_age) return age;
  }
}

// Household size 1..6: 1 + Binomial(5, p) with mean `mean`.
int draw_household_size(RandomStream& rng, double mean) {
  const double p = std::clamp((mean - 1.0) / 5.0, 0.0, 1.0);
  int size = 1;
  for (int k = 0; k < 5; ++k) size += rng.bernoulli(p);
  return size;
}


// Households whose sizes a parallel batch draws, per household still wanted (at the mean
// size): a few more than needed, so that a group usually needs one batch; the extra draws are
// dropped (a household's size costs a few uniforms).
constexpr double kBuildSizeBatchSlack = 1.02;
// Indexes per task of the build's loops over households (a household's draws cost well
// above a task's overhead at a few hundred), and the most fixed blocks of households that
// list their farm candidates (each block keeps a list; at most this many lists to join).
constexpr std::size_t kBuildGrain = 1024;
constexpr std::size_t kBuildMostBlocks = 1024;

// A village resident who may farm at the build (farmer_ages_from_census).
struct FarmCandidate {
  std::size_t person;
  int band;  // 0: aged 35 or less, 1: 36-54, 2: 55 or more
  double u;  // the person's own uniform for the farming draw
};

// Who farms at the build (farmer_ages_from_census; model.md 3.2). Farm work in Zhejiang is
// the older villagers' work: in its 2016 agricultural census 54.0 % of the persons farming
// were 55 or older and 4.8 % 35 or younger, while the young worked off the farm. Drawing
// farmers at the same rate at every age (the rule before) left 27-30 % of the model's
// village farmers 55 or older and 24 % 35 or younger in December 2021 (seeds 1-3, scale
// 0.004, tests/model/farmer_ages_test.cpp). Here the candidates (village residents in the
// labour force who are not own-account workers, and those past retirement age without an
// employee pension record in the labour-force share) farm with a probability by age band,
// p_b = share_b × F / n_b, so that the number of farmers is the same-rate rule's F (with
// the same draws) and their ages follow the census (capped at every candidate of a band).
// The others stay job seekers or retired.
// With farmer_ages_kept the band's factor p_b / p, p = F / (n_0 + n_1 + n_2) the one-rate
// probability, is kept in the world (World::farm_age_factor): the monthly rules that move
// villagers into farming take it, so that the farmers' ages keep this pattern (model.md 3.2).
void assign_farmers_by_age(const EconomyParams& e, World& w, const std::vector<FarmCandidate>& candidates,
                           std::size_t farmers) {
  auto& ps = w.persons;
  const double share[3] = {e.farmer_share_under_36, 1.0 - e.farmer_share_under_36 - e.farmer_share_55_plus,
                           e.farmer_share_55_plus};
  double n[3] = {0, 0, 0};
  for (const auto& c : candidates) n[c.band] += 1;
  double p[3];
  for (int b = 0; b < 3; ++b) p[b] = n[b] > 0 ? std::min(1.0, std::max(0.0, share[b]) * farmers / n[b]) : 0.0;
  for (const auto& c : candidates)
    if (c.u < p[c.band]) ps.status[c.person] = LabourStatus::Farming;
  if (e.farmer_ages_kept && farmers > 0) {
    const double one_rate = static_cast<double>(farmers) / static_cast<double>(candidates.size());
    w.farm_age_factor.assign(3, 0.0);
    for (int b = 0; b < 3; ++b) w.farm_age_factor[b] = p[b] / one_rate;
  }
}

// Savings at the build: the steady state of the consumption rule (model.md 4.6) on the
// growth path, A = (1 - c_y) / (c_w + g) months of income, so that deposits grow with
// income from the first month instead of drifting towards that ratio for decades. A
// household's share follows its members' earning capacity: the skill of those in or
// retired from the labour force (children and the inactive earn nothing), relative to the
// mean of its county's towns or villages, whose savings per person stay at the steady
// state of their mean income. So households without earners start with little, as the
// consumption rule would leave them after years of low income (the dibao's asset test,
// model.md 4.9, needs that).
void seed_savings(const Params& p, World& w) {
  const auto& e = p.economy;
  auto& hh = w.households;
  const auto& ps = w.persons;
  const double g = monthly_nominal_factor(e, p.start.plus(-e.burn_in_months)) - 1;
  const double months = (1 - e.mpc_income) / std::max(1e-9, e.mpc_wealth + g);
  const std::size_t H = hh.size_();
  // Each household's capacity in parallel; the groups' sums in household order, on one
  // thread (their bits); the savings in parallel.
  std::vector<double> capacity(H, 0.0);
  std::vector<double> group_capacity(2 * w.counties.size(), 0.0), group_persons(2 * w.counties.size(), 0.0);
  for_each_index(H, [&](std::size_t h) {
    for (int k = 0; k < hh.size[h]; ++k) {
      const std::size_t i = hh.first_member[h] + k;
      if (ps.status[i] != LabourStatus::Child && ps.status[i] != LabourStatus::Inactive) capacity[h] += ps.skill[i];
    }
  }, kBuildGrain);
  for (std::size_t h = 0; h < H; ++h) {
    const std::size_t g_index = 2 * hh.county[h] + (w.settlements.is_urban(hh.settlement[h]) ? 1 : 0);
    group_capacity[g_index] += capacity[h];
    group_persons[g_index] += hh.size[h];
  }
  for_each_index(H, [&](std::size_t h) {
    const std::size_t g_index = 2 * hh.county[h] + (w.settlements.is_urban(hh.settlement[h]) ? 1 : 0);
    const double share = group_capacity[g_index] > 0 ? capacity[h] * group_persons[g_index] / group_capacity[g_index] : hh.size[h];
    hh.savings[h] = months * hh.disposable[h] / hh.size[h] * share;
  });
}

}  // namespace

void build_population(const Params& p, World& w) {
  const auto& e = p.economy;
  auto& hh = w.households;
  auto& ps = w.persons;

  // 1. Households: urban ones in towns (the county seat takes half), rural ones in
  //    villages (mountain villages are smaller). Each county's towns, then its villages, get
  //    households (ids in that order) until their persons reach the county's target. A
  //    household's draws are its own stream's (keyed by its id), the size first, so the sizes
  //    are drawn in parallel a batch at a time ahead of the sum that decides where a group
  //    ends (the sizes past the end are dropped: the next group's ids draw with its mean),
  //    and the settlements once every household's id and group are known.
  struct Group {
    std::size_t county, first;  // its households are ids [first, next group's first)
    bool urban;
  };
  std::vector<Group> groups;
  std::vector<std::uint8_t> hh_size;
  for (std::size_t c = 0; c < p.counties.size(); ++c) {
    const auto& in = p.counties[c];
    const double persons = in.population * p.scale;
    const double urban_target = persons * in.urbanisation, rural_target = persons - urban_target;
    for (int urban = 1; urban >= 0; --urban) {
      const double target = urban ? urban_target : rural_target;
      const double mean = urban ? in.household_size_urban : in.household_size_rural;
      groups.push_back({c, hh_size.size(), urban == 1});
      // The persons placed so far (whole numbers: the sums of the loop that drew one
      // household at a time, exactly).
      double placed = 0;
      std::size_t next = hh_size.size();
      while (placed < target) {
        const auto batch =
            static_cast<std::size_t>((target - placed) / std::clamp(mean, 1.0, 6.0) * kBuildSizeBatchSlack) + 64;
        hh_size.resize(next + batch);
        for_each_index(batch, [&](std::size_t j) {
          RandomStream rng(p.seed, Purpose::BuildHousehold, 0, next + j);
          hh_size[next + j] = static_cast<std::uint8_t>(draw_household_size(rng, mean));
        }, kBuildGrain);
        const std::size_t last = next + batch;
        while (placed < target && next < last) placed += hh_size[next++];
      }
      hh_size.resize(next);
    }
  }
  // Each county's villages and their cumulative size weights, for the rural households' draws.
  std::vector<std::vector<std::int32_t>> villages(p.counties.size());
  std::vector<std::vector<double>> village_cum(p.counties.size());
  for (std::size_t v = 0; v < w.villages.size(); ++v) {
    const auto c = static_cast<std::size_t>(w.villages.county[v]);
    if (c >= p.counties.size()) continue;
    const double weight = kVillageSizeWeight[static_cast<int>(w.settlements.terrain[w.villages.settlement[v]])];
    village_cum[c].push_back((village_cum[c].empty() ? 0.0 : village_cum[c].back()) + weight);
    villages[c].push_back(static_cast<std::int32_t>(v));
  }

  const std::size_t H = hh_size.size();
  hh.resize(H);
  std::vector<std::size_t> group_first(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) group_first[g] = groups[g].first;
  for_each_index(H, [&](std::size_t h) {
    const auto& group = groups[static_cast<std::size_t>(std::upper_bound(group_first.begin(), group_first.end(), h) -
                                                        group_first.begin()) - 1];
    const std::size_t c = group.county;
    const auto& in = p.counties[c];
    const bool urban = group.urban;
    RandomStream rng(p.seed, Purpose::BuildHousehold, 0, h);
    const int size = draw_household_size(rng, urban ? in.household_size_urban : in.household_size_rural);
    std::int32_t settlement;
    if (urban) {
      const auto& towns = w.counties[c].towns;
      settlement = rng.uniform() < kCountySeatShare || towns.size() == 1
                       ? towns[0]
                       : towns[1 + rng.below(towns.size() - 1)];
    } else {
      const auto& cum = village_cum[c];
      const double u = rng.uniform() * (cum.empty() ? 0.0 : cum.back());
      const auto it = std::upper_bound(cum.begin(), cum.end(), u);
      settlement = w.villages.settlement[villages[c][std::min<std::size_t>(it - cum.begin(), villages[c].size() - 1)]];
    }
    // In-migrant households from outside the region live in towns (drawn last, so the
    // household's other draws are those of a run without in-migrants).
    hh.nonlocal[h] = urban && rng.bernoulli(e.inmigrant_share) ? 1 : 0;
    hh.settlement[h] = settlement;
    hh.county[h] = static_cast<std::int32_t>(c);
    hh.size[h] = static_cast<std::uint8_t>(size);
    // One empty slot per household: room for a birth (demography.cpp); more slots free up
    // as members die.
    hh.capacity[h] = static_cast<std::uint8_t>(size + 1);
    const auto v = w.settlements.village[settlement];
    hh.origin_village[h] = v;
    if (v >= 0) hh.land_mu[h] = static_cast<float>(kLandMuPerPerson[static_cast<int>(w.settlements.terrain[settlement])] * size);
    // Households start with last month's income at their county's mean (urban and rural
    // levels from the county's urban/rural ratio), so that spending, and hence demand, is at
    // its usual level from the first month. Their savings are set after the persons (below).
    const double rural_income = in.income_per_capita / (in.urbanisation * in.urban_rural_ratio + 1 - in.urbanisation);
    const double annual_pc = w.settlements.is_urban(settlement) ? rural_income * in.urban_rural_ratio : rural_income;
    hh.disposable[h] = annual_pc / 12.0 * size;
  }, kBuildGrain);
  std::size_t n_persons = 0;
  for (std::size_t h = 0; h < H; ++h) {
    hh.first_member[h] = static_cast<std::int32_t>(n_persons);
    n_persons += hh.capacity[h];
  }

  // 2. Persons: age, skill, hukou, entry age and labour status, a household's members in its
  //    own task (each person's draws are its own stream's, keyed by its slot).
  ps.resize(n_persons);
  // Village residents who may farm (farmer_ages_from_census): drawn after the loop by age
  // band, so that the farmers' ages follow Zhejiang's 2016 agricultural census while their
  // number stays what the same-rate rule gives (`uniform_farmers`). Fixed blocks of households
  // list their candidates, joined in block order: the list of a loop in id order.
  const bool farm_by_age = e.farmer_ages_from_census;
  const std::size_t blocks = fixed_blocks(H, kBuildGrain, kBuildMostBlocks);
  std::vector<std::vector<FarmCandidate>> block_candidates(blocks);
  std::vector<std::size_t> block_farmers(blocks, 0);
  for_each_block(H, blocks, [&](std::size_t b, std::size_t begin, std::size_t end) {
    auto& farm_candidates = block_candidates[b];
    std::size_t uniform_farmers = 0;
    for (std::size_t h = begin; h < end; ++h) {
      for (int k = hh.size[h]; k < hh.capacity[h]; ++k) {
        ps.household[hh.first_member[h] + k] = static_cast<std::int32_t>(h);
        ps.status[hh.first_member[h] + k] = LabourStatus::Vacant;
      }
      const bool urban = w.settlements.is_urban(hh.settlement[h]);
      const auto& in = p.counties[hh.county[h]];
      const auto members = member_age_shares(urban, urban ? in.household_size_urban : in.household_size_rural);
      for (int k = 0; k < hh.size[h]; ++k) {
        const std::size_t i = hh.first_member[h] + k;
        RandomStream rng(p.seed, Purpose::BuildPerson, 0, i);
        ps.household[i] = static_cast<std::int32_t>(h);
        // The first member heads the household (aged >= 22); the others follow member_age_shares.
        const double age = k == 0 ? draw_age_years(rng, urban ? kAgeSharesTown : kAgeSharesVillage, kHeadMinAge)
                                  : draw_age_years(rng, members.data(), 0.0);
        ps.age_months[i] = static_cast<std::uint16_t>(age * 12);
        const int entry_years =
            e.labour_entry_age_min + static_cast<int>(rng.below(e.labour_entry_age_max - e.labour_entry_age_min + 1));
        ps.entry_age_months[i] = static_cast<std::uint16_t>(entry_years * 12 + rng.below(12));
        ps.urban_hukou[i] = urban ? rng.bernoulli(e.urban_hukou_share_towns) : rng.bernoulli(kVillageUrbanHukouShare);
        if (hh.nonlocal[h]) ps.urban_hukou[i] = 0;  // in-migrants: hukou of their (mostly rural) origin
        const double skill = draw_skill(rng, e.skill_sigma, ps.urban_hukou[i], age < kSkillYoungAge, !urban);
        ps.skill[i] = static_cast<float>(skill);

        const double status_draw = rng.uniform();
        // An urban-employee pension record (15+ years of contributions), with probability
        // employee_pension_share_{urban,rural}_hukou; its holders retire at
        // employee_retirement_age, the others at retirement_age (rural-resident pension).
        const bool adult = ps.age_months[i] >= ps.entry_age_months[i];
        const bool employee_record =
            adult && rng.bernoulli(ps.urban_hukou[i] ? e.employee_pension_share_urban_hukou
                                                     : e.employee_pension_share_rural_hukou);
        if (!adult) {
          ps.status[i] = LabourStatus::Child;
        } else if (age >= (employee_record ? e.employee_retirement_age : std::max(e.retirement_age, e.resident_work_age))) {
          // Villagers on the resident pension who farm keep farming until farm_retirement_age
          // (as in run_demography), in the share of the village labour force that farms.
          const bool may_farm = !urban && !employee_record && age < e.farm_retirement_age;
          const bool farms = may_farm && status_draw < e.participation_rate * e.farm_share_rural;
          ps.status[i] = farms && !farm_by_age ? LabourStatus::Farming : LabourStatus::Retired;
          ps.pension[i] = employee_record ? PensionKind::UrbanEmployee : PensionKind::RuralResident;
          if (farm_by_age && may_farm && status_draw < e.participation_rate) {
            uniform_farmers += farms;
            farm_candidates.push_back({i, farmer_age_band(ps.age_months[i]), rng.uniform()});
          }
        } else if (status_draw > e.participation_rate || severely_disabled(e, p.seed, i, ps.occupant[i], ps.age_months[i])) {
          // Persons with a severe disability (grades 1-2) stay out of the labour force (model.md
          // 4.2). (Aged retirement_age .. resident_work_age without a record: drawn as the
          // working ages, on the resident pension; run_demography retires those out of work.)
          ps.status[i] = LabourStatus::Inactive;
        } else {
          const double u = status_draw / e.participation_rate;  // uniform again, within the labour force
          if (!urban && u < e.farm_share_rural && !farm_by_age)
            ps.status[i] = LabourStatus::Farming;
          else if (u > 1.0 - e.self_employment_share)
            ps.status[i] = LabourStatus::SelfEmployed;
          else
            ps.status[i] = LabourStatus::Unemployed;  // build_firms places most of them in jobs
          if (farm_by_age && !urban && ps.status[i] == LabourStatus::Unemployed) {
            uniform_farmers += u < e.farm_share_rural;
            farm_candidates.push_back({i, farmer_age_band(ps.age_months[i]), rng.uniform()});
          }
        }
        if (!employee_record && adult && age >= e.retirement_age) ps.pension[i] = PensionKind::RuralResident;
        // A record held before the build counts as contributions since labour-market entry, so
        // that cohorts retiring after the build keep the coverage of those retired before it.
        if (employee_record && ps.status[i] != LabourStatus::Retired)
          ps.months_employed[i] = static_cast<std::uint16_t>(std::max(0, ps.age_months[i] - ps.entry_age_months[i]));
        // A retiree with a record contributed from entry to employee_retirement_age (read only by
        // the own-wage pension, economy.employee_pension_own_wage: the retirement rule skips the
        // retired). No wage history is kept for the build's adults: their contribution index
        // starts from their skill, the own part of their wage (wage rate x skill x hours; skill's
        // mean about 1, higher for urban hukou, lower in villages), without the county's or the
        // firm's wage level; months worked in the run then enter the mean (production.cpp).
        if (employee_record && ps.status[i] == LabourStatus::Retired)
          ps.months_employed[i] = static_cast<std::uint16_t>(
              std::max(0, static_cast<int>(e.employee_retirement_age * 12) - ps.entry_age_months[i]));
        if (adult) ps.contribution_index[i] = static_cast<float>(contribution_index_of(skill));
      }
    }
    block_farmers[b] = uniform_farmers;
  });

  if (farm_by_age) {
    std::vector<FarmCandidate> farm_candidates;
    std::size_t uniform_farmers = 0, listed = 0;
    for (const auto& list : block_candidates) listed += list.size();
    farm_candidates.reserve(listed);
    for (std::size_t b = 0; b < blocks; ++b) {
      farm_candidates.insert(farm_candidates.end(), block_candidates[b].begin(), block_candidates[b].end());
      uniform_farmers += block_farmers[b];
    }
    assign_farmers_by_age(e, w, farm_candidates, uniform_farmers);
  }
  seed_savings(p, w);
}

}  // namespace prosim
