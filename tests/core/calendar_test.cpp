// Tests of sim/core/calendar.h: YearMonth, parse_year_month, days_between.
#include <doctest/doctest.h>

#include <string>

#include "core/calendar.h"

using prosim::days_between;
using prosim::parse_year_month;
using prosim::YearMonth;

TEST_CASE("calendar: parse_year_month accepts YYYY-MM") {
  const auto ym = parse_year_month("2021-01");
  REQUIRE(ym.has_value());
  CHECK(ym->year == 2021);
  CHECK(ym->month == 1);

  const auto dec = parse_year_month("2030-12");
  REQUIRE(dec.has_value());
  CHECK(dec->year == 2030);
  CHECK(dec->month == 12);

  // Documented bounds: four-digit year 1900..2200.
  CHECK(parse_year_month("1900-01").has_value());
  CHECK(parse_year_month("2200-12").has_value());
}

TEST_CASE("calendar: parse_year_month rejects malformed text") {
  for (const char* bad : {"2021-1", "2021-13", "2021-00", "21-01", "2021/01", "abcd-ef", "", "2021-01 ", " 2021-01",
                          "2021-1a", "+021-01", "2021--1", "20210-1", "1899-12", "2201-01", "2021-01-01"}) {
    CAPTURE(std::string(bad));
    CHECK_FALSE(parse_year_month(bad).has_value());
  }
}

TEST_CASE("calendar: str() is zero-padded YYYY-MM and round-trips through parse") {
  CHECK(YearMonth{2021, 1}.str() == "2021-01");
  CHECK(YearMonth{2030, 12}.str() == "2030-12");
  for (const char* text : {"1900-01", "2021-01", "2024-02", "2199-12"}) {
    const auto ym = parse_year_month(text);
    REQUIRE(ym.has_value());
    CHECK(ym->str() == text);
  }
}

TEST_CASE("calendar: serial and from_serial and plus round-trip across years") {
  for (int year = 1999; year <= 2032; ++year)
    for (int month = 1; month <= 12; ++month) {
      const YearMonth ym{year, month};
      CHECK(YearMonth::from_serial(ym.serial()) == ym);
      CHECK(ym.plus(0) == ym);
      CHECK(ym.plus(1).serial() == ym.serial() + 1);
      CHECK(ym.plus(17).plus(-17) == ym);
    }
  CHECK(YearMonth{2021, 12}.plus(1) == YearMonth{2022, 1});
  CHECK(YearMonth{2021, 1}.plus(-1) == YearMonth{2020, 12});
  CHECK(YearMonth{2021, 1}.plus(119) == YearMonth{2030, 12});
  CHECK(YearMonth{2021, 6}.plus(25) == YearMonth{2023, 7});
  CHECK(YearMonth{2030, 12}.serial() - YearMonth{2021, 1}.serial() + 1 == 120);  // months in 2021..2030
}

TEST_CASE("calendar: days_between") {
  CHECK(days_between({2021, 1}, {2021, 1}) == 0);
  CHECK(days_between({2021, 1}, {2021, 2}) == 31);
  CHECK(days_between({2021, 2}, {2021, 3}) == 28);
  CHECK(days_between({2024, 2}, {2024, 3}) == 29);  // leap year
  CHECK(days_between({2100, 2}, {2100, 3}) == 28);  // century, not a leap year
  CHECK(days_between({2000, 2}, {2000, 3}) == 29);  // divisible by 400: leap year
  CHECK(days_between({2021, 12}, {2022, 1}) == 31);
  CHECK(days_between({2021, 1}, {2022, 1}) == 365);
  CHECK(days_between({2024, 1}, {2025, 1}) == 366);
  CHECK(days_between({2021, 1}, {2031, 1}) == 3652);  // 2024 and 2028 are leap years
  CHECK(days_between({2021, 2}, {2021, 1}) == -31);   // antisymmetric
  CHECK(days_between({1970, 1}, {2021, 1}) == 18628);  // 2021-01-01 is day 18628 of the Unix epoch

  // Additive over a chain of months.
  long total = 0;
  for (YearMonth ym{2021, 1}; ym < YearMonth{2031, 1}; ym = ym.plus(1)) total += days_between(ym, ym.plus(1));
  CHECK(total == 3652);
}

TEST_CASE("calendar: comparisons") {
  const YearMonth a{2020, 12}, b{2021, 1}, c{2021, 2};
  CHECK(a < b);
  CHECK(b < c);
  CHECK(a < c);
  CHECK(c > a);
  CHECK(b <= b);
  CHECK(b >= b);
  CHECK(b == YearMonth{2021, 1});
  CHECK(b != c);
  CHECK_FALSE(b < a);
  CHECK(YearMonth{2021, 12} < YearMonth{2022, 1});  // year dominates month
  CHECK(YearMonth{} == YearMonth{2021, 1});          // default is the model's usual start
}
