// Step 6c: family support (赡养). Adult children owe their parents support (Civil Code of
// the PRC, art. 1067: parents who cannot work or live in difficulty may claim support
// payments from their adult children), whatever policy is in force, so this runs every
// month, the calibration burn-in included; the dibao's means test (policies/dibao.cpp)
// then finds the support among the household's income, as the real test counts the
// support that obliged relatives owe.
//
// A household in difficulty (income before dibao below its county's minimum living
// standard per member) with a parent past working life (a member aged 60 or more, or
// retired) has a legally obliged relative household: the first of up to four households of
// its county drawn by (seed, FamilySupport, household id) that has local hukou, wage income
// and no such member. The relative owes, in all,
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

#include "core/group_lists.h"
#include "core/parallel.h"
#include "core/rng.h"
#include "model/household_income.h"
#include "systems/systems.h"

namespace prosim {

namespace {
// Parents past working life in a household: members aged 60+ or retired (employees retire
// from 55). They are the persons a relative's support is shared among.
int parents(const World& w, std::size_t h) {
  const auto& hh = w.households;
  int n = 0;
  for (int k = 0; k < hh.size[h]; ++k) {
    const auto i = hh.first_member[h] + k;
    n += w.persons.age_months[i] >= 60 * 12 || w.persons.status[i] == LabourStatus::Retired;
  }
  return n;
}
}  // namespace

void run_family_support(const Params& p, World& w, Workspace& ws) {
  const double share = p.economy.family_support_share;
  const double allowance = p.economy.family_support_allowance;
  if (share <= 0) return;
  auto& hh = w.households;
  const std::size_t H = hh.size_();
  const auto m = rng_month(w);
  // Local households by county, the relatives' pool.
  auto& local = ws.county_local_households;
  collect_by_group(H, w.counties.size(), [&](std::size_t h) { return hh.nonlocal[h] ? -1 : hh.county[h]; }, local);
  auto& relative = ws.family_relative;
  relative.resize(H);
  for_each_index(H, [&](std::size_t h) {
    relative[h] = -1;
    if (hh.nonlocal[h]) return;
    const double standard = w.counties[hh.county[h]].dibao_standard;
    if (income_before_assistance(hh, h) >= standard * hh.size[h] || parents(w, h) == 0) return;
    const auto& pool = local[hh.county[h]];
    RandomStream rng(p.seed, Purpose::FamilySupport, m, h);
    for (int j = 0; j < 4 && !pool.empty(); ++j) {
      const std::size_t r = static_cast<std::size_t>(pool[rng.below(pool.size())]);
      if (r == h || hh.income[kWages][r] <= 0 || parents(w, r) > 0) continue;
      relative[h] = static_cast<std::int32_t>(r);
      return;
    }
  });
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
  });
}

}  // namespace prosim
