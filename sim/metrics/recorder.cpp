#include "metrics/recorder.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/parallel.h"
#include "core/rng.h"
#include "metrics/inequality.h"

namespace prosim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kHistogramBins = 50;          // per-capita income bins of 10k yuan/yr
constexpr double kHistogramWidth = 10000.0;  // the last bin is open-ended
constexpr int kFirmSizeBins = 16;            // employees in [2^b, 2^(b+1)), b = 0..15

double ratio(double a, double b) { return b != 0 ? a / b : kNaN; }

}  // namespace

Recorder::Recorder(const Params& params, const World& world, const std::vector<Indicator>& added)
    : params_(params),
      region_rows_(indicator_table(IndicatorGroup::Region, added)),
      county_rows_(indicator_table(IndicatorGroup::County, added)),
      village_rows_(indicator_table(IndicatorGroup::Village, added)),
      annual_rows_(indicator_table(IndicatorGroup::Annual, added)),
      region_(region_rows_.size()),
      county_(county_rows_.size()),
      village_(village_rows_.size()),
      deciles_(3),
      histogram_(3),
      annual_(annual_rows_.size()) {
  init_household_sample(world);  // metrics/household_sample.cpp
}

void Recorder::record_month(const World& w, ScratchArena& scratch) {
  const auto& hh = w.households;
  const std::size_t H = hh.size_();
  months_.push_back(w.date);
  // The month's per-household arrays (MonthSums::obs ...), given back at the end of the call.
  auto lease = scratch.borrow();
  aggregate_month(params_, w, sums_, lease);  // metrics/month_sums.cpp: the one aggregation pass

  // Panel of the initially low-income households: fixed in the first December.
  double panel_growth = kNaN;
  if (w.date.month == 12) {
    if (panel_base_.empty()) {
      panel_base_.assign(H, kNaN);
      double sum = 0, n = 0;
      for (std::size_t h = 0; h < H; ++h)
        if (hh.disposable_last_year[h] < params_.output.low_income_threshold) {
          panel_base_[h] = hh.disposable_last_year[h];
          sum += hh.disposable_last_year[h];
          n += hh.size[h];
        }
      panel_base_mean_ = ratio(sum, n);
    } else {
      double sum = 0, n = 0;
      for (std::size_t h = 0; h < H; ++h)
        if (!std::isnan(panel_base_[h])) {
          sum += hh.disposable_last_year[h];
          n += hh.size[h];
        }
      const double mean = ratio(sum, n);
      panel_growth = 100.0 * (mean / panel_base_mean_ - 1.0);
      panel_base_mean_ = mean;
    }
  }
  sums_.low_income_income_growth = panel_growth;

  // The tables: every row once (county rows once per county).
  const MonthView view{params_, w, sums_};
  for (std::size_t k = 0; k < region_rows_.size(); ++k) region_[k].push_back(region_rows_[k].reducer(view, 0));
  for (std::size_t c = 0; c < w.counties.size(); ++c)
    for (std::size_t k = 0; k < county_rows_.size(); ++k) county_[k].push_back(county_rows_[k].reducer(view, c));

  // Snapshots.
  const auto& dates = params_.output.distribution_dates;
  const bool snapshot = dates.empty() ? w.date.month == 12 : std::find(dates.begin(), dates.end(), w.date) != dates.end();
  const auto& sdates = params_.output.household_sample_dates.empty() ? dates : params_.output.household_sample_dates;
  const bool sample_now = sdates.empty() ? w.date.month == 12 : std::find(sdates.begin(), sdates.end(), w.date) != sdates.end();
  if (!sample_.empty() && sample_now) record_household_sample(w);
  if (snapshot) record_distribution(w);
  sources_.add_month(sums_.sources);  // summed by the household pass
  if (w.date.month == 12) {
    record_village_year(w);
    record_calendar_year(w);
  }
  sums_.obs = sums_.sorted = {};  // the lease ends here: nothing keeps its arrays
  sums_.sort_keys = {};
  sums_.urban = {};
}

void Recorder::record_calendar_year(const World& w) {
  years_.push_back(w.date.year);
  // The month's observation buffers, read no more this month, lent to the year's sort.
  aggregate_year(params_, w, sums_.year, sums_.obs, sums_.sorted, sums_.sort_keys, sums_.sort_scratch);
  const auto by_source = sources_.close_year();
  std::copy(by_source.begin(), by_source.end(), sums_.year.by_source.begin());
  const MonthView view{params_, w, sums_};
  for (std::size_t k = 0; k < annual_rows_.size(); ++k) annual_[k].push_back(annual_rows_[k].reducer(view, 0));
}

void Recorder::record_distribution(const World& w) {
  const auto& hh = w.households;
  const std::size_t C = w.counties.size();
  snapshots_.push_back(w.date);
  std::vector<double> sizes(kFirmSizeBins, 0.0);
  for (std::size_t k = 0; k < w.firms.size(); ++k) {
    if (!w.firms.alive[k] || w.firms.employees[k] <= 0) continue;
    const int b = std::min(kFirmSizeBins - 1, static_cast<int>(std::floor(std::log2(w.firms.employees[k]))));
    sizes[b] += w.weight;
  }
  firm_sizes_.insert(firm_sizes_.end(), sizes.begin(), sizes.end());
  // group 0 all, 1 urban, 2 rural, 3 + c county c: each group's households (per-capita
  // income, members) sorted, its deciles and histogram into its own row, then appended in
  // group order.
  const std::size_t groups = 3 + C;
  std::vector<std::array<double, 10>> decile_rows(groups);
  std::vector<std::vector<double>> bin_rows(groups);
  // A group's sorted observations into its rows: a sequential pass in sorted order.
  const auto scan = [&](std::size_t g, std::span<const WeightedValue> s) {
    double W = 0;
    for (const auto& o : s) W += o.weight;
    // Mean per-capita income of persons between the d-th and (d+1)-th tenth: each tenth d
    // holds (b - a) x value of every observation whose weight [cum, cum + weight) overlaps
    // the tenth's [d W/10, (d+1) W/10), added in sorted order. One pass visits, for each
    // observation, only the tenths from the first that ends after cum (the tenths before
    // end at or before cum: b <= a, nothing added) to the last that starts before
    // cum + weight, with the same expressions, so each tenth gets the same additions in the
    // same order as a pass per tenth gave (the same bits) for a tenth of the work.
    double held[10] = {};
    double cum = 0;
    int first = 0;
    for (const auto& o : s) {
      while (first < 10 && (first + 1) * W / 10 <= cum) ++first;
      for (int d = first; d < 10 && d * W / 10 < cum + o.weight; ++d) {
        const double a = std::max(cum, d * W / 10), b = std::min(cum + o.weight, (d + 1) * W / 10);
        if (b > a) held[d] += (b - a) * o.value;
      }
      cum += o.weight;
    }
    for (int d = 0; d < 10; ++d) decile_rows[g][d] = W > 0 ? held[d] / (W / 10) : kNaN;
    auto& bins = bin_rows[g];
    bins.assign(kHistogramBins, 0.0);
    for (const auto& o : s) {
      const int b = std::clamp(static_cast<int>(o.value / kHistogramWidth), 0, kHistogramBins - 1);
      bins[b] += o.weight / W;
    }
  };
  // The whole distribution is the household pass's sorted copy (MonthSums::sorted: the sort's
  // one result, elements that compare equal being identical).
  scan(0, sums_.sorted);
  // The other groups one after another (each sort in parallel). Peak memory (issue 18: this
  // is the run's peak, in the last December): a group's observations are gathered in id order
  // into the month's observation array and sorted into its sorted copy and keys (group 0 is
  // scanned: neither is read again), instead of two arrays and a list of households per group.
  // An observation is made again from the world, as the household pass made it (the same
  // expression: the same bits), so the array it overwrites is not read.
  // The gather runs in parallel over fixed blocks of households, each block writing from its
  // first place in the group (counted first): the order of a loop over households.
  const std::size_t H = hh.size_();
  const std::size_t B = fixed_blocks(H, 65536, 64), K = 2 + C;  // kinds: urban, rural, then counties
  const auto residence = [&](std::size_t h) -> std::size_t { return w.settlements.is_urban(hh.settlement[h]) ? 0 : 1; };
  std::vector<std::size_t> first(B * K, 0);  // per block, per kind: its count, then its first place
  for_each_block(H, B, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::size_t* count = first.data() + b * K;
    for (std::size_t h = begin; h < end; ++h) {
      ++count[residence(h)];
      ++count[2 + static_cast<std::size_t>(hh.county[h])];
    }
  });
  std::vector<std::size_t> size(K, 0);
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t b = 0; b < B; ++b) {
      const std::size_t n = first[b * K + k];
      first[b * K + k] = size[k];
      size[k] += n;
    }
  const auto in = sums_.obs;
  for (std::size_t g = 1; g < groups; ++g) {
    const std::size_t k = g - 1, m = size[k];  // group 1 urban, 2 rural, 3 + c county c
    for_each_block(H, B, [&](std::size_t b, std::size_t begin, std::size_t end) {
      // This block's places in the group end where the next block's begin: a block with none
      // of the group's households is skipped, and a block stops at its last one. Households are
      // built county by county, so a county's gather reads only its own blocks, not every
      // household once per county (2 + C passes a December: ~92 in the province).
      std::size_t j = first[b * K + k];
      const std::size_t last = b + 1 < B ? first[(b + 1) * K + k] : m;
      for (std::size_t h = begin; h < end && j < last; ++h)
        if (k < 2 ? residence(h) == k : static_cast<std::size_t>(hh.county[h]) == k - 2) {
          const double annual = 12 * hh.disposable[h];  // household_pass's observation
          const double n = hh.size[h];
          in[j++] = {annual / n, n};
        }
    });
    sort_by_value(in.first(m), sums_.sorted.first(m), sums_.sort_keys.first(m), sums_.sort_scratch);
    scan(g, sums_.sorted.first(m));
  }
  for (std::size_t g = 0; g < groups; ++g) {
    auto& deciles = g < 3 ? deciles_[g] : county_deciles_;
    deciles.insert(deciles.end(), decile_rows[g].begin(), decile_rows[g].end());
    auto& target = g < 3 ? histogram_[g] : county_histogram_;
    target.insert(target.end(), bin_rows[g].begin(), bin_rows[g].end());
  }
}

void Recorder::record_village_year(const World& w) {
  village_years_.push_back(w.date.year);
  const MonthView view{params_, w, sums_};
  for (std::size_t i = 0; i < w.villages.size(); ++i)
    for (std::size_t k = 0; k < village_rows_.size(); ++k) village_[k].push_back(village_rows_[k].reducer(view, i));
}

RunRecord Recorder::finish(const World& w) {
  RunRecord r;
  const auto start = params_.start;
  const std::string epoch = "days since " + std::to_string(start.year) + "-" + (start.month < 10 ? "0" : "") +
                            std::to_string(start.month) + "-01";
  auto time_axis = [&](const std::string& name, const std::vector<YearMonth>& months) {
    Axis a{name, epoch, "time (first day of the month)", {}, {}, true, "standard"};
    for (const auto& m : months) {
      a.values.push_back(static_cast<double>(days_between(start, m)));
      a.labels.push_back(m.str());
    }
    return a;
  };
  auto county_axis = [&]() {
    Axis a{"county", "1", "county index", {}, {}, false, ""};
    for (std::size_t c = 0; c < w.counties.size(); ++c) {
      a.values.push_back(static_cast<double>(c));
      a.labels.push_back(w.counties[c].name);
    }
    return a;
  };

  auto& root = r.group("/");
  root.axes.push_back(time_axis("time", months_));
  root.strings.push_back({"month", "calendar month (YYYY-MM)", "time", root.axes.back().labels});
  root.axes.back().labels.clear();
  for (std::size_t k = 0; k < region_.size(); ++k) {
    const auto& d = region_rows_[k];
    root.variables.push_back({d.name, d.units, d.long_name, {"time"}, std::move(region_[k])});
  }

  auto& cg = r.group("/county");
  cg.axes.push_back(time_axis("time", months_));
  cg.axes.back().labels.clear();
  cg.axes.push_back(county_axis());
  for (std::size_t k = 0; k < county_.size(); ++k) {
    const auto& d = county_rows_[k];
    cg.variables.push_back({d.name, d.units, d.long_name, {"time", "county"}, std::move(county_[k])});
  }

  auto& ag = r.group("/annual");
  Axis calendar_years{"year", "year", "calendar year", {}, {}, false, ""};
  for (int y : years_) calendar_years.values.push_back(y);
  ag.axes.push_back(calendar_years);
  for (std::size_t k = 0; k < annual_.size(); ++k) {
    const auto& d = annual_rows_[k];
    ag.variables.push_back({d.name, d.units, d.long_name, {"year"}, std::move(annual_[k])});
  }

  auto& vg = r.group("/village");
  Axis years{"year", "year", "calendar year", {}, {}, false, ""};
  for (int y : village_years_) years.values.push_back(y);
  vg.axes.push_back(years);
  Axis villages{"village", "1", "village index", {}, {}, false, ""};
  std::vector<double> v_county, v_terrain;
  for (std::size_t i = 0; i < w.villages.size(); ++i) {
    villages.values.push_back(static_cast<double>(i));
    char label[96];
    std::snprintf(label, sizeof label, "%s-%04zu", w.counties[w.villages.county[i]].name.c_str(), i);
    villages.labels.push_back(label);
    v_county.push_back(w.villages.county[i]);
    v_terrain.push_back(static_cast<double>(w.settlements.terrain[w.villages.settlement[i]]));
  }
  vg.axes.push_back(villages);
  vg.variables.push_back({"county_index", "1", "county of the village (index into /county/county)", {"village"}, v_county});
  vg.variables.push_back({"terrain", "1", "terrain class: 0 plain, 1 hill, 2 mountain", {"village"}, v_terrain});
  for (std::size_t k = 0; k < village_.size(); ++k) {
    const auto& d = village_rows_[k];
    vg.variables.push_back({d.name, d.units, d.long_name, {"year", "village"}, std::move(village_[k])});
  }

  auto& dg = r.group("/distribution");
  dg.axes.push_back(time_axis("snapshot", snapshots_));
  dg.axes.back().unlimited = false;
  dg.axes.back().long_name = "snapshot month (first day)";
  dg.axes.back().labels.clear();
  Axis decile{"decile", "1", "tenth of persons ranked by per-capita income (1 = poorest)", {}, {}, false, ""};
  for (int d = 1; d <= 10; ++d) decile.values.push_back(d);
  dg.axes.push_back(decile);
  Axis bins{"income_bin", "yuan/yr", "lower edge of the per-capita income bin (last bin open-ended)", {}, {}, false, ""};
  for (int b = 0; b < kHistogramBins; ++b) bins.values.push_back(b * kHistogramWidth);
  dg.axes.push_back(bins);
  dg.axes.push_back(county_axis());
  const char* names[3] = {"all", "urban", "rural"};
  for (int g = 0; g < 3; ++g) {
    dg.variables.push_back({std::string("decile_mean_") + names[g], "yuan/yr",
                            std::string("mean per-capita disposable income by decile, ") + names[g] + " residents",
                            {"snapshot", "decile"}, std::move(deciles_[g])});
    dg.variables.push_back({std::string("histogram_") + names[g], "1",
                            std::string("share of persons by per-capita income bin, ") + names[g] + " residents",
                            {"snapshot", "income_bin"}, std::move(histogram_[g])});
  }
  dg.variables.push_back({"decile_mean_county", "yuan/yr", "mean per-capita disposable income by decile and county",
                          {"snapshot", "county", "decile"}, std::move(county_deciles_)});
  dg.variables.push_back({"histogram_county", "1", "share of persons by per-capita income bin, by county",
                          {"snapshot", "county", "income_bin"}, std::move(county_histogram_)});
  Axis size_bins{"firm_size_bin", "employees", "lower edge of the firm-size bin [2^b, 2^(b+1)) employees", {}, {}, false, ""};
  for (int b = 0; b < kFirmSizeBins; ++b) size_bins.values.push_back(std::ldexp(1.0, b));
  dg.axes.push_back(size_bins);
  dg.variables.push_back({"firm_size_count", "count", "firms by number of employees (real units)",
                          {"snapshot", "firm_size_bin"}, std::move(firm_sizes_)});

  finish_household_sample(r, time_axis("sample_date", sample_dates_));
  return r;
}

}  // namespace prosim
