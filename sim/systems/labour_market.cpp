// Step 3: the labour market. Job seekers (the unemployed and some employed people
// searching on the job) send a few applications to vacancies within commuting reach;
// a vacancy is picked with probability proportional to its settlement's open slots times
// the commute-time decay exp(-minutes / commute_decay_minutes), so crowded places fill
// fast, remote seekers see few offers and near jobs are preferred to far ones. Applications to a
// slot that has been filled meanwhile fail: that friction, plus commuting reach, is
// what produces unemployment and vacancies at the same time (the Beveridge curve).
// Seekers are served one at a time in an order drawn from the month's random stream
// (not thread order), so the outcome is deterministic.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>


#include "core/group_lists.h"
#include "core/parallel.h"
#include "core/rare_events.h"
#include "core/rng.h"
#include "core/scratch_arena.h"
#include "model/firm_rules.h"
#include "model/person_rules.h"
#include "model/travel.h"
#include "systems/systems.h"
#include "model/constants.h"

namespace prosim {
namespace {

// A seeker in serving order: the drawn order key, then the person (ordered as the pair).
struct Seeker {
  std::uint64_t key;
  std::int32_t person;
  bool operator<(const Seeker& o) const { return key != o.key ? key < o.key : person < o.person; }
};

}  // namespace

void run_labour_market(const Params& p, World& w, Workspace& ws) {
  const auto& e = p.economy;
  auto& f = w.firms;
  auto& ps = w.persons;
  auto& hh = w.households;
  const auto m = rng_month(w);

  // The farm/job-search switch, by household: an unemployed village resident falls back on
  // farming (hidden unemployment) only while the household's land has work for another
  // farmer, ceil(land_mu / farm_land_per_farmer) full-time farmers (0 = no limit); the
  // household's other job seekers stay unemployed and keep searching (rural surplus labour
  // looks for non-farm work, model.md 4.3). Farmers look for non-farm work now and then.
  // Each household touches only its own members.
  enum : std::uint8_t { kNone = 0, kSeek = 1, kQuit = 2 };
  // The actions are all kNone between months: this month's are set back below, through the
  // seekers' list, which holds every person given one (a store per seeker, not per slot).
  auto& action = ws.person_action;
  if (action.size() != ps.size()) action.assign(ps.size(), kNone);
  for_each_index(hh.size_(), [&](std::size_t h) {
    if (!(hh.land_mu[h] > 0) || w.settlements.is_urban(hh.settlement[h])) return;
    const std::size_t first = hh.first_member[h], last = first + hh.size[h];
    int farmers = household_farmers(w, h);
    const int room = e.farm_land_per_farmer > 0
                         ? static_cast<int>(std::ceil(hh.land_mu[h] / e.farm_land_per_farmer))
                         : std::numeric_limits<int>::max();
    for (std::size_t i = first; i < last; ++i) {
      if (ps.status[i] != LabourStatus::Unemployed && ps.status[i] != LabourStatus::Farming) continue;
      RandomStream rng(p.seed, Purpose::Farm, m, i);
      if (ps.status[i] == LabourStatus::Unemployed) {
        // By age band with farmer_ages_kept (World::farm_age_factor; model.md 3.2).
        if (rng.bernoulli(std::min(1.0, kFarmFallbackRate * farm_age_factor(w.farm_age_factor, ps.age_months[i]))) &&
            farmers < room) {
          ps.status[i] = LabourStatus::Farming;
          farmers += 1;
        }
      } else if (ps.pension[i] == PensionKind::None && rng.bernoulli(e.on_the_job_search)) {
        action[i] = kSeek;  // (farmers on a pension do not)
      }
    }
  });
  // Quits and on-the-job search of the employed: an employee quits with probability q_c (below),
  // else searches with probability on_the_job_search, drawn by skipping (core/rare_events.h:
  // trials over all person slots, applied to the employed; a draw per employee took 6 % of a
  // run's instructions). Each success touches only its person. All the unemployed search.
  // The seekers are then collected in id order and firms' head counts adjusted sequentially.
  // Quits into unemployment are procyclical: people leave a job to look for another when
  // jobs are easy to find, and hold on to it when they are not (Akerlof, Rose and Yellen
  // 1988, BPEA 1988(2)). The rate q_c is quit_rate at the reference unemployment of the
  // worker's county (last month), times 1 + quit_cyclicality x (1 - u_c / 3 %), between 0
  // and 2; drawn at twice quit_rate (the rule's highest) and thinned to the worker's county. With a
  // constant rate (quit_cyclicality = 0) quits kept flowing into a slump's unemployment at
  // 1 % of employees a month and the regional rate swung to 5.5-5.7 % in single years
  // (seeds 1 and 4, scale 0.004).
  auto& quit_rate = ws.county_quit_rate;
  quit_rate.assign(w.counties.size(), e.quit_rate);
  for (std::size_t c = 0; c < w.counties.size() && c < w.county_unemployment.size(); ++c)
    quit_rate[c] = e.quit_rate * labour_market_response(e.quit_cyclicality, w.county_unemployment[c]);
  // The trials are drawn at the highest rate the rule allows, not at this month's highest
  // county rate: that one moves with the state, and with it every gap of the skipping, so two
  // scenarios with the same seed drew different quits everywhere as soon as one county's
  // unemployment differed (common random numbers lost: the enclave's paired difference in
  // rural income per head, 2030, 5 replicates: a 90 % interval of ±390 yuan, ±116 with this bound).
  const double quit_bound = e.quit_rate * kLabourMarketResponseMax;
  for_each_success(p.seed, Purpose::QuitTrials, m, ps.size(), quit_bound, [&](std::size_t i, RandomStream& rng) {
    // The thinning draw is taken for every success, whatever the person's state, so the
    // stream stays aligned between scenarios (common random numbers).
    const double u = rng.uniform();
    if (ps.status[i] == LabourStatus::Employed && u * quit_bound < quit_rate[hh.county[ps.household[i]]]) action[i] = kQuit;
  });
  for_each_success(p.seed, Purpose::SearchTrials, m, ps.size(), e.on_the_job_search, [&](std::size_t i, RandomStream&) {
    if (ps.status[i] == LabourStatus::Employed && action[i] != kQuit) action[i] = kSeek;
  });
  // Quits leave their firm in id order (the firm's efficiency units are a floating-point
  // sum); seekers are then served in an order drawn from the month's stream. The keys are
  // distinct (mix is a bijection), so the parallel sort has one possible result.
  const std::uint8_t* const acted = action.data();
  const LabourStatus* const status = ps.status.data();
  collect_if(ps.size(), [acted, status](std::size_t i) { return (acted[i] != kNone) | (status[i] == LabourStatus::Unemployed); },
             ws.seeker_ids);
  // The quits are applied in parallel over fixed blocks of firms, each block's quits listed in
  // person-id order (collect_by_group), so every firm loses its quits' skills in the order the
  // sequential loop over seekers subtracted them (the same bits at any thread count).
  const std::size_t F = f.size();
  const std::size_t firm_blocks = fixed_blocks(F, 1024, 64);
  auto& quits = ws.quit_blocks;  // per block of firms: indexes into seeker_ids
  collect_by_group(ws.seeker_ids.size(), firm_blocks, [&](std::size_t j) {
    const auto i = ws.seeker_ids[j];
    return action[i] == kQuit ? static_cast<std::int64_t>(static_cast<std::size_t>(ps.employer[i]) * firm_blocks / F)
                              : std::int64_t{-1};
  }, quits);
  for_each_block(firm_blocks, firm_blocks, [&](std::size_t b, std::size_t, std::size_t) {
    for (const auto j : quits[b]) {
      const auto i = ws.seeker_ids[static_cast<std::size_t>(j)];
      ps.status[i] = LabourStatus::Unemployed;
      f.employees[ps.employer[i]] -= 1;
      f.efficiency_units[ps.employer[i]] -= ps.skill[i];
      ps.employer[i] = -1;
      ps.wage[i] = 0;
    }
  });
  // The seekers in serving order and their applications are borrowed for the call
  // (Workspace::scratch: every element written before it is read).
  auto lease = ws.scratch.borrow();
  const auto seekers = lease.take<Seeker>(ws.seeker_ids.size());
  for_each_index(seekers.size(), [&](std::size_t j) {
    const auto i = ws.seeker_ids[j];
    seekers[j] = {RandomStream::mix(p.seed ^ (std::uint64_t(m) << 40) ^ static_cast<std::uint64_t>(i)), i};
    action[i] = kNone;  // read no more this month (the quits are listed)
  });
  sort_in_parallel(seekers.begin(), seekers.end());

  // Open slots by work settlement. Filled slots stay in the lists (an application to one
  // fails), so each home settlement's reach and its slot counts are fixed for the month:
  // cumulative weights (open slots times the commute weight) are built once per home
  // settlement, in parallel, each by one thread in reach order (the same sums at any count).
  const std::size_t S = w.settlements.size();
  auto& slots = ws.open_slots;
  slots.resize(S);
  for (auto& list : slots) list.clear();
  for (std::size_t k = 0; k < f.size(); ++k)
    if (f.alive[k])
      for (int v = 0; v < f.vacancies[k]; ++v) slots[f.settlement[k]].push_back(static_cast<std::int32_t>(k));
  auto& weight = ws.reach_weight;
  if (weight.size() != S) {
    weight.resize(S);
    for_each_index(S, [&](std::size_t home) {
      reach_commute_weights(w.settlements, static_cast<std::int32_t>(home), e.commute_decay_minutes, weight[home]);
    }, kGroupGrain);
  }
  auto& cumulative = ws.reach_cumulative;  // per home settlement, by reach entry
  cumulative.resize(S);
  for_each_index(S, [&](std::size_t home) {
    auto& cum = cumulative[home];
    cum.clear();
    const auto& reach = w.settlements.reachable_work[home];
    double running = 0;
    for (std::size_t r = 0; r < reach.size(); ++r)
      cum.push_back(running += static_cast<double>(slots[reach[r]].size()) * weight[home][r]);
  }, kGroupGrain);

  // Each seeker's applications, in parallel: which slot each one draws, and whether the firm
  // would take the seeker at a wage the seeker prefers, depend only on the seeker and on what
  // is fixed for the month. Whether the slot is still open depends on the seekers served
  // before, so that test alone is left to the serving loop below, in serving order.
  const std::size_t A = static_cast<std::size_t>(std::max(0, e.applications_per_month));
  const auto offer_firm = lease.take<std::int32_t>(seekers.size() * A);
  const auto offer_wage = lease.take<double>(seekers.size() * A);
  const auto offer_count = lease.take<std::int32_t>(seekers.size());
  for_each_index(seekers.size(), [&](std::size_t j) {
    const auto i = seekers[j].person;
    offer_count[j] = 0;
    const auto home = hh.settlement[ps.household[i]];
    const auto& reach = w.settlements.reachable_work[home];
    const auto& cum = cumulative[home];
    const double total = cum.empty() ? 0.0 : cum.back();
    if (!(total > 0)) return;
    RandomStream rng(p.seed, Purpose::JobSearch, m, static_cast<std::uint64_t>(i));
    // Employees move only for 5 % more; farmers only for more than their farm income (the
    // county's, scaled by the land each of the household's farmers works: land_market.cpp).
    const auto h = ps.household[i];
    const double reservation = ps.status[i] == LabourStatus::Employed ? kJobToJobPremium * ps.wage[i]
                     : ps.status[i] == LabourStatus::Farming
                         ? w.counties[hh.county[h]].farm_income * farm_land_factor(p, w, h, household_farmers(w, h))
                         : 0.0;
    for (std::size_t a = 0; a < A; ++a) {
      // The reach entry whose cumulative weight first exceeds u (u < total: the product may
      // round up to it), and the slot within it from the same uniform's place in the entry.
      const double u = std::min(rng.uniform() * total, std::nextafter(total, 0.0));
      const std::size_t r = std::upper_bound(cum.begin(), cum.end(), u) - cum.begin();
      const double below = r == 0 ? 0.0 : cum[r - 1];
      const auto& list = slots[reach[r]];
      const std::size_t k = static_cast<std::size_t>((u - below) / (cum[r] - below) * static_cast<double>(list.size()));
      const std::int32_t firm = list[std::min(k, list.size() - 1)];
      if (firm == ps.employer[i]) continue;
      const double min_wage = w.counties[f.county[firm]].min_wage;
      const double wage = worker_wage(p, f.wage_rate[firm] * ps.skill[i], min_wage, f.compliant[firm]);
      // The firm takes the applicant only if the worker covers the cost (picks by skill), and
      // the seeker takes only a wage above the reservation.
      if ((1 + e.markup) * f.wage_rate[firm] * ps.skill[i] < wage || !(wage > reservation)) continue;
      // Kept by wage, highest first, ties in application order (an insertion after the
      // offers paying as much): the serving loop takes the first one still open, the offer
      // the best-wage rule picks (the first of the best), with one test of most seekers'.
      std::size_t at = j * A + static_cast<std::size_t>(offer_count[j]);
      for (; at > j * A && offer_wage[at - 1] < wage; --at) {
        offer_firm[at] = offer_firm[at - 1];
        offer_wage[at] = offer_wage[at - 1];
      }
      offer_firm[at] = firm;
      offer_wage[at] = wage;
      ++offer_count[j];
    }
  }, kGroupGrain);  // a seeker's applications are a group's work: 15,000 seekers at scale 0.05 made 4 tasks of kGrain

  // Seekers are served one at a time, in the drawn order: the best offer (the highest wage
  // above the reservation, the first of equal ones) among the applications whose slot is
  // still open, the first open one in the offers' order. Each hire is kept for the employee
  // index (update_employee_index).
  ws.hires.clear();
  ws.hires_month = m;
  for (std::size_t j = 0; j < seekers.size(); ++j) {
    const auto i = seekers[j].person;
    std::size_t a = j * A;
    const std::size_t end = a + static_cast<std::size_t>(offer_count[j]);
    while (a < end && f.vacancies[offer_firm[a]] <= 0) ++a;
    if (a == end) continue;
    const std::int32_t best = offer_firm[a];
    const double best_wage = offer_wage[a];
    if (ps.employer[i] >= 0) {
      f.employees[ps.employer[i]] -= 1;
      f.efficiency_units[ps.employer[i]] -= ps.skill[i];
    }
    ps.status[i] = LabourStatus::Employed;
    ps.employer[i] = best;
    ps.wage[i] = static_cast<float>(best_wage);
    f.vacancies[best] -= 1;
    f.employees[best] += 1;
    f.efficiency_units[best] += ps.skill[i];
    ws.hires.emplace_back(best, i);
  }
}

}  // namespace prosim
