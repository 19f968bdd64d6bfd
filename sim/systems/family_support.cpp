// Step 6c: family support (赡养). Adult children owe their parents support (Civil Code of
// the PRC, art. 1067: parents who cannot work or live in difficulty may claim support
// payments from their adult children), whatever policy is in force, so this runs every
// month, the calibration burn-in included; the dibao's means test (policies/dibao.cpp)
// then finds the support among the household's income, as the real test counts the
// support that obliged relatives owe.
//
// A household in difficulty (income before dibao below its county's minimum living
// standard per member) with a parent past working life (a member aged 60 or more, or
// retired) has a legally obliged relative household of its county, local, with wage income
// from a job in the region (Households::local_wages: the wages a village household earns
// away through the outside channel, model.md 4.8b, come in proportion to its farm and
// own-account income too, and do not make it a wage-earning household here) and no such
// member, drawn by (seed, FamilySupport, household id). Adult children resemble
// their parents: the relative is drawn from the child generation (those households) at a
// rank of income per member that follows the parents' rank among the parent generation
// (local households with such a member) with the intergenerational correlation
// family_support_persistence (Fan, Yi & Zhang 2021: 0.442; model.md 4.8c), a Gaussian
// copula: z = rho x z_parent + sqrt(1 - rho^2) x e, the normal scores of the ranks, e the
// household's own draw for its life. With persistence 0 the relative is, as before this
// version, the first of up to four draws of the month among the county's local households
// that qualifies (the same draws, bit for bit). The relative
// owes, in all,
//   support = family_support_share x max(0, Y_R - family_support_allowance x standard x size_R)
// (Y_R its income this month before dibao), at most its savings, shared among the parents it
// supports in proportion to their number (the parents of every household it is linked to):
// the form of the published local rules on the support a dibao review counts (the obligor
// household's income less an allowance per member, a share of the rest, divided by the
// persons supported; model.md 4.8c). The allowance is Zhejiang's (Yinzhou district, 2022:
// 48,479 yuan a year per member, 3.42 x its standard); the share is an assumption within the
// published range (20-50 %). The support is paid: an "other transfer" of the parent household
// and a negative one of the relative's, a flow inside the region.
// (Until December 2026 this was a step of the dibao policy, so it switched on with the dibao
// at the start of the recorded run: a start-up jump of about 0.1 in every county's
// urban-rural ratio, as these transfers go mostly from town to village households. Until
// this version the allowance was 2 x the standard, an assumption, and a relative linked to
// several households paid each the full formula from what the earlier payments left.)
//
// Order: who is in difficulty and who the relative is do not depend on any payment (a relative
// has no parent member, so it never receives), so both are found in parallel; a relative's
// support depends on its own income only, so the relatives then pay in parallel, each over its
// own parents in id order: the result is the sequential one.
#include <algorithm>
#include <cmath>

#include <boost/math/special_functions/erf.hpp>

#include "core/group_lists.h"
#include "core/parallel.h"
#include "core/rng.h"
#include "core/scratch_arena.h"
#include "core/value_sort.h"
#include "model/household_income.h"
#include "systems/systems.h"

namespace prosim {

namespace {
// Parents past working life in a household: members aged 60+ or retired (employees retire
// from 55). They are the persons a relative's support is shared among.
int parents(const World& w, std::size_t h) {
  const auto& hh = w.households;
  const std::size_t first = hh.first_member[h];
  const std::uint16_t* const age = w.persons.age_months.data() + first;
  const LabourStatus* const status = w.persons.status.data() + first;
  int n = 0;
  for (int k = 0, size = hh.size[h]; k < size; ++k) n += age[k] >= 60 * 12 || status[k] == LabourStatus::Retired;
  return n;
}
// Whether parents(w, h) > 0: the members up to the first parent (the roles and the tests of
// difficulty need no more).
bool has_parent(const World& w, std::size_t h) {
  const auto& hh = w.households;
  const std::size_t first = hh.first_member[h];
  const std::uint16_t* const age = w.persons.age_months.data() + first;
  const LabourStatus* const status = w.persons.status.data() + first;
  for (int k = 0, size = hh.size[h]; k < size; ++k)
    if (age[k] >= 60 * 12 || status[k] == LabourStatus::Retired) return true;
  return false;
}

// A household the family-support rule looks for a relative for: local hukou, income before
// assistance below the dibao line for its size, and a parent member.
// The local household `h`, with `parent` = has_parent(w, h) and `income` =
// income_before_assistance(hh, h), where the caller has them already.
bool local_seeks_support(const World& w, std::size_t h, bool parent, double income) {
  const auto& hh = w.households;
  const double standard = w.counties[hh.county[h]].dibao_standard;
  return parent && income < standard * hh.size[h];
}
bool seeks_support(const World& w, std::size_t h) {
  return !w.households.nonlocal[h] && local_seeks_support(w, h, has_parent(w, h), income_before_assistance(w.households, h));
}

// The relatives drawn at random (persistence 0): the first of up to four draws among the
// county's local households that has wages and no parent member.
void random_relatives(const Params& p, const World& w, Workspace& ws, std::uint32_t m) {
  const auto& hh = w.households;
  const std::size_t H = hh.size_();
  auto& local = ws.county_local_households;
  collect_by_group(H, w.counties.size(), [&](std::size_t h) { return hh.nonlocal[h] ? -1 : hh.county[h]; }, local);
  auto& relative = ws.family_relative;
  for_each_index(H, [&](std::size_t h) {
    relative[h] = -1;
    if (!seeks_support(w, h)) return;
    const auto& pool = local[hh.county[h]];
    RandomStream rng(p.seed, Purpose::FamilySupport, m, h);
    for (int j = 0; j < 4 && !pool.empty(); ++j) {
      const std::size_t r = static_cast<std::size_t>(pool[rng.below(pool.size())]);
      if (r == h || hh.local_wages(r) <= 0 || has_parent(w, r)) continue;
      relative[h] = static_cast<std::int32_t>(r);
      return;
    }
  });
}

// The relatives drawn by income rank (persistence rho > 0). Per county, the parent
// generation (local households with a parent member) and the child generation (local
// households with wages and no parent member), each in order of income per member before
// assistance (ties by id: a strict order, the same at any thread count). A parent household
// at rank u (the midpoint of its place, (i + 0.5) / n) has the normal score Phi^-1(u); its
// relative's score is rho x that + sqrt(1 - rho^2) x a standard normal draw, and the
// relative is the child household at the rank Phi(score). The child ranks are uniform (a
// Gaussian copula): at every rho the relatives are drawn from the whole child generation,
// and the correlation of the two scores is rho.
void ranked_relatives(const Params& p, const World& w, Workspace& ws, double rho) {
  const auto& hh = w.households;
  const std::size_t H = hh.size_(), C = w.counties.size();
  // Borrowed for this call (Workspace::scratch), every element written below before it is
  // read: income per member, then the parent households' rank; each household's parts, one
  // pass (the members read once); the counties' sort buffers.
  auto lease = ws.scratch.borrow();
  const auto key = lease.take<double>(H);
  const auto role = lease.take<std::uint8_t>(H);
  enum : std::uint8_t { kElder = 1, kChild = 2, kSeeker = 4 };
  for_each_index(H, [&](std::size_t h) {
    std::uint8_t r = 0;
    double k = 0;  // read only for the two generations: the others' income is not summed
    if (!hh.nonlocal[h]) {
      const bool parent = has_parent(w, h);
      if (parent || hh.local_wages(h) > 0) {
        const double income = income_before_assistance(hh, h);
        k = hh.size[h] > 0 ? income / hh.size[h] : 0.0;
        r = parent ? kElder | (local_seeks_support(w, h, parent, income) ? kSeeker : 0) : kChild;
      }
    }
    key[h] = k;
    role[h] = r;
  });
  auto& elders = ws.county_parent_households;
  auto& children = ws.county_local_households;
  collect_by_group(H, C, [&](std::size_t h) { return role[h] & kElder ? hh.county[h] : -1; }, elders);
  collect_by_group(H, C, [&](std::size_t h) { return role[h] & kChild ? hh.county[h] : -1; }, children);
  ws.family_sort_counts.resize(C);  // each county's bucket counts
  // Each county's part of the two entry buffers: room for either generation's list.
  std::vector<std::size_t> at(C + 1, 0);
  for (std::size_t c = 0; c < C; ++c) at[c + 1] = at[c] + std::max(elders[c].size(), children[c].size());
  const auto sort_in = lease.take<IdSortScratch::Entry>(at[C]), sort_out = lease.take<IdSortScratch::Entry>(at[C]);
  for_each_block(C, C, [&](std::size_t c, std::size_t, std::size_t) {
    // By income, ties by id (the lists are in id order): the strict order std::sort gave
    // on (income, id) pairs, by a bucket sort (core/value_sort.h).
    // Of the parent generation only the seekers' ranks are read, and the seekers are its
    // poorest (income below the line): the elders above the richest seeker come after every
    // seeker in the order, so only those up to it are sorted (their places are their places
    // in the whole order) and the rest are counted. A strict order on sort_key (ties by id):
    // the same ranks as sorting them all. A county without seekers reads neither order.
    auto& list = elders[c];
    const auto n = static_cast<double>(list.size());
    bool any = false;
    std::uint64_t top = 0;
    for (const auto id : list)
      if (role[id] & kSeeker) {
        any = true;
        top = std::max(top, sort_key(key[id]));
      }
    if (!any) return;
    const auto sort = [&](std::vector<std::int32_t>& ids) {
      sort_ids_by_value(ids, key, sort_in.subspan(at[c], ids.size()), sort_out.subspan(at[c], ids.size()),
                        ws.family_sort_counts[c]);
    };
    sort(children[c]);
    std::size_t low = 0;
    for (const auto id : list)
      if (sort_key(key[id]) <= top) list[low++] = id;
    list.resize(low);
    sort(list);
    for (std::size_t i = 0; i < low; ++i) key[list[i]] = (static_cast<double>(i) + 0.5) / n;
  });
  auto& relative = ws.family_relative;
  const double noise = std::sqrt(1.0 - rho * rho);
  if (ws.family_normal.size() != H) {
    ws.family_normal.assign(H, 0.0);
    ws.family_normal_occupant.assign(H, 0);
    ws.family_normal_set.assign(H, 0);
  }
  for_each_index(H, [&](std::size_t h) {
    relative[h] = -1;
    if (!(role[h] & kSeeker)) return;
    const auto& pool = children[hh.county[h]];
    if (pool.empty()) return;
    // A parent's children do not change from month to month: the draw is the household's
    // own for its life (keyed by its slot and occupant, not the month), so its relative
    // stays at the same place in the child generation while the ranks move. (A draw per
    // month would link the parents to a new relative every month, paying in some months and
    // not in others, and make them fall in and out of the dibao.)
    // The draw is made once per occupant and kept (Workspace::family_normal): the same value
    // every month, as drawing it anew gave.
    if (!ws.family_normal_set[h] || ws.family_normal_occupant[h] != hh.occupant[h]) {
      RandomStream rng(p.seed, Purpose::FamilySupport, hh.occupant[h], h);
      ws.family_normal[h] = rng.normal();
      ws.family_normal_occupant[h] = hh.occupant[h];
      ws.family_normal_set[h] = 1;
    }
    const double z_parent = -std::sqrt(2.0) * boost::math::erfc_inv(2.0 * key[h]);  // Phi^-1(rank)
    const double z = rho * z_parent + noise * ws.family_normal[h];
    const double u = 0.5 * std::erfc(-z / std::sqrt(2.0));  // Phi(z)
    relative[h] = pool[std::min(pool.size() - 1, static_cast<std::size_t>(u * static_cast<double>(pool.size())))];
  });
}
}  // namespace

void find_family_relatives(const Params& p, const World& w, Workspace& ws) {
  ws.family_relative.resize(w.households.size_());
  if (const double rho = p.economy.family_support_persistence; rho > 0)
    ranked_relatives(p, w, ws, rho);
  else
    random_relatives(p, w, ws, rng_month(w));
}

void run_family_support(const Params& p, World& w, Workspace& ws) {
  const double share = p.economy.family_support_share;
  const double allowance = p.economy.family_support_allowance;
  if (share <= 0) return;
  auto& hh = w.households;
  const std::size_t H = hh.size_();
  find_family_relatives(p, w, ws);
  const auto& relative = ws.family_relative;
  // Parents grouped by relative, in id order within each relative: the parents in id order,
  // stably sorted by relative (few households: those in difficulty with a relative), then
  // each relative's run of parents, in parallel.
  auto& linked = ws.family_parents;
  collect_if(H, [&](std::size_t h) { return relative[h] >= 0; }, linked);
  std::stable_sort(linked.begin(), linked.end(), [&](std::int32_t a, std::int32_t b) { return relative[a] < relative[b]; });
  auto& start = ws.family_offset;  // where each relative's run starts in linked, then the end
  start.clear();
  for (std::size_t j = 0; j < linked.size(); ++j)
    if (j == 0 || relative[linked[j]] != relative[linked[j - 1]]) start.push_back(static_cast<std::int32_t>(j));
  start.push_back(static_cast<std::int32_t>(linked.size()));
  for_each_index(start.size() - 1, [&](std::size_t g) {
    const auto r = static_cast<std::size_t>(relative[linked[start[g]]]);
    // All the relative owes (its county's standard: its parents live in the same county),
    // at most its savings, and the parents it supports.
    const double standard = w.counties[hh.county[r]].dibao_standard;
    const double owed = share * std::max(0.0, income_before_assistance(hh, r) - allowance * standard * hh.size[r]);
    const double total = std::min(owed, std::max(0.0, hh.savings[r]));
    if (total <= 0) return;
    int supported = 0;
    for (auto j = start[g]; j < start[g + 1]; ++j) supported += parents(w, static_cast<std::size_t>(linked[j]));
    for (auto j = start[g]; j < start[g + 1]; ++j) {
      const auto h = static_cast<std::size_t>(linked[j]);
      const double support = total * parents(w, h) / supported;
      hh.income[kOtherTransfers][r] -= support;
      hh.savings[r] -= support;
      hh.income[kOtherTransfers][h] += support;
      hh.savings[h] += support;
    }
  }, kGroupGrain);
}

}  // namespace prosim
