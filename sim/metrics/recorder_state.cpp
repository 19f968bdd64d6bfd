// Recorder::archive_state: the recorder's part of a state file (engine/snapshot.cpp). Every
// member of Recorder except params_ and the per-month scratch (obs_ .. wage_list_) is listed
// here, in declaration order: a member added to Recorder must be added here too.
#include "metrics/recorder.h"

namespace prosim {
namespace {

void dates(StateArchive& a, const char* name, std::vector<YearMonth>& v) {
  std::vector<std::int32_t> serial;
  for (const auto& d : v) serial.push_back(d.serial());
  a.io(name, serial);
  if (a.loading()) {
    v.clear();
    for (const auto s : serial) v.push_back(YearMonth::from_serial(s));
  }
}

}  // namespace

void IncomeSourceYear::archive_state(StateArchive& a) {
  std::vector<double> sums(sums_.begin(), sums_.end()), person_months(person_months_, person_months_ + 2);
  a.io("income_sources_sums", sums);
  a.io("income_sources_person_months", person_months);
  if (!a.loading()) return;
  if (sums.size() != sums_.size() || person_months.size() != 2) a.fail("income_sources: wrong lengths");
  std::copy(sums.begin(), sums.end(), sums_.begin());
  std::copy(person_months.begin(), person_months.end(), person_months_);
}

void Recorder::archive_state(StateArchive& a) {
  StateFields f{a};
  dates(a, "months", months_);
  f.field("region", region_);
  f.field("county", county_);
  f.field("village_years", village_years_);
  f.field("village", village_);
  dates(a, "snapshots", snapshots_);
  f.field("deciles", deciles_);
  f.field("county_deciles", county_deciles_);
  f.field("county_histogram", county_histogram_);
  f.field("histogram", histogram_);
  f.field("years", years_);
  f.field("annual", annual_);
  sources_.archive_state(a);
  f.field("firm_sizes", firm_sizes_);
  f.field("sample", sample_);
  dates(a, "sample_dates", sample_dates_);
  f.field("sample_values", sample_values_);
  f.field("panel_base", panel_base_);
  f.field("panel_base_mean", panel_base_mean_);
}

}  // namespace prosim
