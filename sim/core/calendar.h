#pragma once
// Months are the simulation's time step. A YearMonth is a calendar month; a month
// index counts months from the scenario start (0 = first simulated month).
#include <optional>
#include <string>

namespace prosim {

struct YearMonth {
  int year = 2021;
  int month = 1;  // 1..12

  // Months since year 0, so differences are month counts.
  int serial() const { return year * 12 + (month - 1); }
  static YearMonth from_serial(int s) { return {s / 12, s % 12 + 1}; }
  YearMonth plus(int months) const { return from_serial(serial() + months); }
  std::string str() const;  // "YYYY-MM"
  friend bool operator==(const YearMonth&, const YearMonth&) = default;
  friend auto operator<=>(const YearMonth& a, const YearMonth& b) { return a.serial() <=> b.serial(); }
};

// Parses "YYYY-MM" strictly (four-digit year 1900..2200, two-digit month). nullopt if malformed.
std::optional<YearMonth> parse_year_month(const std::string& text);

// Days from the first day of `epoch` to the first day of `ym` (proleptic Gregorian):
// the CF `time` coordinate is "days since EPOCH-01".
long days_between(const YearMonth& epoch, const YearMonth& ym);

}  // namespace prosim
