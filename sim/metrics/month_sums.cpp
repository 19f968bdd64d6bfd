#include "metrics/month_sums.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>

#include <tbb/parallel_invoke.h>

#include "core/check.h"
#include "core/parallel.h"
#include "metrics/county_gdp.h"
#include "model/constants.h"

namespace prosim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Upper edge of the near-poor band (低保边缘), in multiples of the county's poverty line (its
// dibao standard): the Ministry of Civil Affairs' 2021 measures for identifying near-poor
// households set it at up to 1.5x the local standard; that Jinhua uses the full 1.5 is an
// assumption.
constexpr double kNearPoorMultiple = 1.5;

double ratio(double a, double b) { return b != 0 ? a / b : kNaN; }

// Whether `income` is in the j-th middle-income band [lower, upper) (false when fewer bands).
template <class Bands>
bool in_band(const Bands& bands, std::size_t j, double income) {
  return bands.size() > j && income >= bands[j].first && income < bands[j].second;
}

void household_pass(const Params& params, const World& w, MonthSums& s, ScratchArena::Lease& scratch) {
  const auto& hh = w.households;
  const std::size_t H = hh.size_(), C = w.counties.size();
  // Every element written by the pass (obs, urban) or the sort (sorted, sort_keys).
  s.obs = scratch.take<WeightedValue>(H);
  s.urban = scratch.take<std::uint8_t>(H);
  s.sorted = scratch.take<WeightedValue>(H);
  s.sort_keys = scratch.take<std::uint64_t>(H);
  const auto obs = s.obs;
  const auto urban = s.urban;
  const auto& bands = params.output.middle_income_bands;
  HouseholdPassSums zero;
  for (auto* v : {&zero.c_persons, &zero.c_income, &zero.c_urban_p, &zero.c_urban_i}) v->assign(C, 0.0);
  zero.c_pov.assign(C, {0, 0, 0, 0, 0});
  static_cast<HouseholdPassSums&>(s) = deterministic_reduce(
      H, zero,
      [&](std::size_t h, HouseholdPassSums& a) {
        const double annual = 12 * hh.disposable[h];
        const double n = hh.size[h];
        const int c = hh.county[h];
        obs[h] = {annual / n, n};
        // Stored last (below): after a one-byte store the compiler reloads every array.
        const bool town = w.settlements.is_urban(hh.settlement[h]);
        a.persons += n;
        a.income += annual;
        a.c_persons[c] += n;
        a.c_income[c] += annual;
        if (town) {
          a.urban_persons += n;
          a.urban_income += annual;
          a.c_urban_p[c] += n;
          a.c_urban_i[c] += annual;
        }
        if (in_band(bands, 0, annual)) a.mid_a += 1;
        if (in_band(bands, 1, annual)) a.mid_b += 1;
        const double per3 = annual / n * kTypicalHouseholdSize;
        if (in_band(bands, 0, per3)) a.mid_a3 += n;
        if (in_band(bands, 1, per3)) a.mid_b3 += n;
        if (annual < params.output.low_income_threshold) a.low += 1;
        // Poverty against the county's poverty line (its dibao standard), before social
        // assistance (the top-up and its near-poor part) and after it (all transfers counted),
        // and the near-poor band above the line.
        const double before = hh.disposable[h] - hh.income[kSocialAssistance][h], after = hh.disposable[h];
        const double line = w.counties[c].dibao_standard * n;
        auto& pov = a.c_pov[c];
        if (before < line) {
          a.poor += n;
          a.gap += 12 * (line - before);
          pov[0] += n;
          pov[1] += 12 * (line - before);
        }
        if (after < line) {
          pov[2] += n;
          pov[3] += 12 * (line - after);
        } else if (after < kNearPoorMultiple * line) {
          pov[4] += n;
        }
        // The month's income by source, each array read once (the residence's sums too).
        const auto& in = hh.income;
        const double wages = in[kWages][h], business = in[kSelfEmployment][h] + in[kFarm][h] + in[kProfits][h];
        const double property = in[kProperty][h];
        const double transfers = in[kPensions][h] + in[kSocialAssistance][h] + in[kOtherTransfers][h];
        a.wages += wages;
        a.business += business;
        a.property += property;
        a.transfers += transfers;
        a.disposable += hh.disposable[h];
        a.sources.add(town ? 0 : 1, wages, business, property,
                      transfers - in[kIncomeTax][h] - in[kSocialContributions][h], n);
        urban[h] = town ? 1 : 0;
      },
      [](HouseholdPassSums& a, const HouseholdPassSums& b) {
        for (auto [x, y] : {std::pair{&a.persons, &b.persons}, {&a.income, &b.income}, {&a.urban_persons, &b.urban_persons},
                            {&a.urban_income, &b.urban_income}, {&a.mid_a, &b.mid_a}, {&a.mid_b, &b.mid_b}, {&a.mid_a3, &b.mid_a3},
                            {&a.mid_b3, &b.mid_b3}, {&a.low, &b.low},
                            {&a.poor, &b.poor}, {&a.gap, &b.gap}, {&a.wages, &b.wages},
                            {&a.disposable, &b.disposable}, {&a.business, &b.business}, {&a.property, &b.property},
                            {&a.transfers, &b.transfers}})
          *x += *y;
        a.sources.join(b.sources);
        for (std::size_t c = 0; c < a.c_persons.size(); ++c) {
          a.c_persons[c] += b.c_persons[c];
          a.c_income[c] += b.c_income[c];
          a.c_urban_p[c] += b.c_urban_p[c];
          a.c_urban_i[c] += b.c_urban_i[c];
          for (int k = 0; k < 5; ++k) a.c_pov[c][k] += b.c_pov[c][k];
        }
      });
  s.pov = {};
  for (const auto& cp : s.c_pov)
    for (int k = 0; k < 5; ++k) s.pov[k] += cp[k];

  // theil(), theil_between() twice, gini(), quantile_sorted() twice and share_between_sorted()
  // twice, fused (the same bits, fewer passes: metrics/inequality.h). Theil's sums and the
  // sorted scans are sequential passes in a fixed order (their bits), but neither reads what
  // the other writes (obs is only read; terms, sorted and the sort's buffers are their own),
  // so the two run side by side.
  TheilParts t{};
  SortedSummary d{};
  tbb::parallel_invoke(
      [&] { t = theil_parts(obs, urban, 2, hh.county, static_cast<int>(C), s.terms); },  // int32_t is int
      [&] {
        sort_by_value(obs, s.sorted, s.sort_keys, s.sort_scratch);
        // The weights are the households' sizes, whole numbers: their sum is exact in any
        // order, so the household pass's persons are the sorted order's sum (no pass for it).
        d = summarise_sorted(s.sorted, s.persons);
      });
  s.theil = t.total;
  s.theil_between_urban_rural = t.between_a;
  s.theil_between_counties = t.between_b;
  s.gini = d.gini;
  s.p90_p10 = ratio(d.q90, d.q10);
  s.quintile_share_top = d.share_top;
  s.quintile_share_bottom = d.share_bottom;
}

// Order-preserving map of a float to an unsigned key (negative values flipped, -0 as +0), and
// back (+0 for -0).
std::uint32_t wage_key(float f) {
  if (f == 0) f = 0.0f;
  const auto bits = std::bit_cast<std::uint32_t>(f);
  return (bits >> 31) ? ~bits : bits | 0x80000000u;
}
float wage_of_key(std::uint32_t key) { return std::bit_cast<float>((key >> 31) ? key & 0x7FFFFFFFu : ~key); }

// Half the width of the median wage's window, in key units: 2^18 of the 2^23 keys of a binade,
// about 2 % of the wage either side (the median moves by less in a month).
constexpr std::uint32_t kWageWindowHalfWidth = std::uint32_t{1} << 18;

// The k-th smallest (0-based) of the employed persons' wages, by a radix select on the
// wage's bits: three passes over persons in parallel over fixed blocks, each counting the
// employed whose key matches the digits found so far by their next 12, 12 and 8 bits. Counts
// are integers, so the result is the same at any thread count, and it is the k-th order
// statistic itself, so the value any selection algorithm gives (it replaced a gather of the
// wages and a sequential nth_element).
float kth_employed_wage(const Persons& ps, std::size_t k, std::vector<std::size_t>& counts) {
  const std::size_t N = ps.size();
  const std::size_t B = fixed_blocks(N, 65536, 16);
  std::uint32_t prefix = 0;  // the key's leading `fixed` bits found so far
  int fixed = 0;
  for (const int bits : {12, 12, 8}) {
    const int shift = 32 - fixed - bits;
    const std::size_t D = std::size_t{1} << bits;
    counts.assign(B * D, 0);
    for_each_block(N, B, [&](std::size_t b, std::size_t begin, std::size_t end) {
      std::size_t* count = counts.data() + b * D;
      for (std::size_t i = begin; i < end; ++i) {
        if (ps.status[i] != LabourStatus::Employed) continue;
        const std::uint32_t kk = wage_key(ps.wage[i]);
        if (fixed > 0 && (kk >> (32 - fixed)) != prefix) continue;
        ++count[(kk >> shift) & (D - 1)];
      }
    });
    std::size_t d = 0;
    for (;; ++d) {  // ends: k is below the number of keys that match the prefix
      std::size_t total = 0;
      for (std::size_t b = 0; b < B; ++b) total += counts[b * D + d];
      if (k < total) break;
      k -= total;
    }
    prefix = (prefix << bits) | static_cast<std::uint32_t>(d);
    fixed += bits;
  }
  return wage_of_key(prefix);
}

// The k-th smallest employed wage as kth_employed_wage finds it, usually in one pass instead of
// three: the pass gathers the employed persons' wage keys in the window kept around last
// month's median, by fixed block of persons, and counts those below it. Where the k-th lies in
// the window (k - below < its size), it is the window's (k - below)-th smallest key, found by
// nth_element among the few in it; otherwise (the first month, a jump) kth_employed_wage finds
// it. Both give the order statistic itself, so the value does not depend on the window.
// (Gathering them in the person pass's reduction instead made that pass 70 % dearer under
// cachegrind at scale 0.01, more than this pass costs.)
float median_employed_wage(const Persons& ps, std::size_t k, MonthSums& s) {
  const std::uint32_t lo = s.wage_window_lo, hi = s.wage_window_hi;
  float median = 0;
  bool found = false;
  if (hi > lo) {
    const std::size_t N = ps.size();
    const std::size_t B = fixed_blocks(N, 65536, 16);
    auto& blocks = s.wage_window_blocks;
    blocks.resize(B);
    std::size_t below_of[16];
    for_each_block(N, B, [&](std::size_t b, std::size_t begin, std::size_t end) {
      auto& out = blocks[b];
      out.clear();
      std::size_t below = 0;
      for (std::size_t i = begin; i < end; ++i) {
        if (ps.status[i] != LabourStatus::Employed) continue;
        const std::uint32_t key = wage_key(ps.wage[i]);
        if (key < lo) ++below;
        else if (key < hi) out.push_back(key);
      }
      below_of[b] = below;
    });
    auto& window = s.wage_window;
    window.clear();
    std::size_t below = 0;
    for (std::size_t b = 0; b < B; ++b) {
      below += below_of[b];
      window.insert(window.end(), blocks[b].begin(), blocks[b].end());
    }
    if (k >= below && k - below < window.size()) {
      const auto nth = window.begin() + static_cast<std::ptrdiff_t>(k - below);
      std::nth_element(window.begin(), nth, window.end());
      median = wage_of_key(*nth);
      found = true;
    }
  }
  if (!found) median = kth_employed_wage(ps, k, s.select_counts);
  const std::uint32_t key = wage_key(median);
  s.wage_window_lo = key > kWageWindowHalfWidth ? key - kWageWindowHalfWidth : 0;
  s.wage_window_hi = key < ~kWageWindowHalfWidth ? key + kWageWindowHalfWidth : ~std::uint32_t{0};
  return median;
}

// The labour force as close_month counted it (world/labour_force.h: the recorder runs right
// after it, on the same persons), and the median wage.
void person_pass(const World& w, MonthSums& s) {
  const auto& ps = w.persons;
  static_cast<LabourForce&>(s) = w.labour;
  // The median wage: the (E/2)-th smallest (0-based) of the E employed persons' wages, what
  // nth_element over the gathered wages gave.
  const auto employed = static_cast<std::size_t>(s.employed);
  s.median_wage = employed == 0 ? kNaN : median_employed_wage(ps, employed / 2, s);
}

}  // namespace

void aggregate_month(const Params& params, const World& w, MonthSums& s, ScratchArena::Lease& scratch) {
  household_pass(params, w, s, scratch);

  // Production: county GDP (metrics/county_gdp.h, the burn-in's definition too).
  const auto& f = w.firms;
  s.c_gdp = county_value_added(params, w);
  s.gdp = 0;
  for (double g : s.c_gdp) s.gdp += g;
  s.labour_cost = 0;
  for (std::size_t k = 0; k < f.size(); ++k)
    if (f.alive[k]) s.labour_cost += f.labour_cost[k];

  person_pass(w, s);
  s.vacancies = s.firms_alive = 0;
  for (std::size_t k = 0; k < f.size(); ++k)
    if (f.alive[k]) {
      s.vacancies += f.vacancies[k];
      s.firms_alive += 1;
    }

  // Village collectives (annualised month).
  const auto& vl = w.villages;
  s.villages_above = s.villages_strong = s.villages_weak = s.village_dividends = s.village_members = 0;
  s.c_weak.assign(w.counties.size(), 0.0);
  for (std::size_t v = 0; v < vl.size(); ++v) {
    const double operating = 12 * vl.operating_income[v] * w.weight;
    const double total = 12 * (vl.operating_income[v] + vl.subsidy_income[v]) * w.weight;
    const bool ok = total >= params.output.village_total_threshold &&
                    operating >= params.output.village_operating_threshold;
    s.villages_above += ok;
    s.villages_weak += !ok;
    s.c_weak[vl.county[v]] += !ok;
    s.villages_strong += operating >= params.output.village_strong_threshold;
    s.village_dividends += 12 * vl.dividends[v];
    s.village_members += vl.registered_members[v];
  }
}

void aggregate_year(const Params& params, const World& w, YearSums& y, std::span<WeightedValue> obs,
                    std::span<WeightedValue> sorted, std::span<std::uint64_t> keys, SortScratch& scratch) {
  const auto& hh = w.households;
  const auto& bands = params.output.middle_income_bands;
  const std::size_t H = hh.size_();
  PROSIM_CHECK(obs.size() == H && sorted.size() == H && keys.size() == H);  // every element written below
  const auto by_source = y.by_source;  // the recorder's, kept
  // The observations and the counts of households and persons in parallel: the counts are
  // sums of whole numbers, exact in any order. The two sums of incomes stay in household
  // order on one thread (their bits), a pass that reads nothing else.
  const auto urban = [&](std::size_t h) { return w.settlements.is_urban(hh.settlement[h]); };
  y = deterministic_reduce(
      H, YearSums{},
      [&](std::size_t h, YearSums& a) {
        const double income_h = hh.disposable_last_year[h], n = hh.size[h];
        obs[h] = {income_h / n, n};
        a.persons += n;
        if (urban(h)) a.urban_persons += n;
        if (in_band(bands, 0, income_h)) a.mid_a += 1;
        if (in_band(bands, 1, income_h)) a.mid_b += 1;
        const double per3 = income_h / n * kTypicalHouseholdSize;
        if (in_band(bands, 0, per3)) a.mid_a3 += n;
        if (in_band(bands, 1, per3)) a.mid_b3 += n;
        a.low += income_h < params.output.low_income_threshold;
      },
      [](YearSums& a, const YearSums& b) {
        for (auto [x, z] : {std::pair{&a.persons, &b.persons}, {&a.urban_persons, &b.urban_persons}, {&a.mid_a, &b.mid_a},
                            {&a.mid_b, &b.mid_b}, {&a.mid_a3, &b.mid_a3}, {&a.mid_b3, &b.mid_b3}, {&a.low, &b.low}})
          *x += *z;
      });
  y.by_source = by_source;
  for (std::size_t h = 0; h < H; ++h) {
    const double income_h = hh.disposable_last_year[h];
    y.income += income_h;
    if (urban(h)) y.urban_income += income_h;
  }
  const auto& v = w.villages;
  for (std::size_t i = 0; i < v.size(); ++i) {
    y.weak += v.weak[i];
    y.strong += v.operating_last_year[i] * w.weight >= params.output.village_strong_threshold;
  }
  // gini(obs)'s value: summarise_sorted's gini is gini()'s after its sort (the same additions).
  sort_by_value(obs, sorted, keys, scratch);
  y.gini = summarise_sorted(sorted).gini;
}

}  // namespace prosim
