#include "core/calendar.h"

#include <cstdio>

namespace prosim {

std::string YearMonth::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::optional<YearMonth> parse_year_month(const std::string& t) {
  if (t.size() != 7 || t[4] != '-') return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6})
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  YearMonth ym{std::stoi(t.substr(0, 4)), std::stoi(t.substr(5, 2))};
  if (ym.year < 1900 || ym.year > 2200 || ym.month < 1 || ym.month > 12) return std::nullopt;
  return ym;
}

namespace {
// Days from 1970-01-01 to y-m-d (Howard Hinnant's days_from_civil).
long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}
}  // namespace

long days_between(const YearMonth& epoch, const YearMonth& ym) {
  return days_from_civil(ym.year, ym.month, 1) - days_from_civil(epoch.year, epoch.month, 1);
}

}  // namespace prosim
