// Civil calendar arithmetic (proleptic Gregorian), for resolving dates.
#ifndef FRONTLINE_TIME_CALENDAR_H_
#define FRONTLINE_TIME_CALENDAR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace frontline::time {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  friend auto operator<=>(const Date&, const Date&) = default;
  friend bool operator==(const Date&, const Date&) = default;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);
// True when month and day exist in that year.
bool IsValidDate(int year, int month, int day);

// Days since 1970-01-01 (negative before), and back.
int64_t DaysFromCivil(const Date& date);
Date CivilFromDays(int64_t days);

Date AddDays(const Date& date, int64_t days);
// The same day `months` months later, clamped to the month's last day (Jan 31 + 1 = Feb 28/29).
Date AddMonths(const Date& date, int months);
// 1 = Monday ... 7 = Sunday (ISO 8601).
int Weekday(const Date& date);

// ISO 8601 week: the year that owns the week (may differ from date.year near New Year) and the
// week number 1..53.
struct IsoWeek {
  int year;
  int week;
};
IsoWeek IsoWeekOf(const Date& date);
// The Monday of ISO week `week` of `year`.
Date MondayOfIsoWeek(int year, int week);

Date FirstOfMonth(int year, int month);
Date LastOfMonth(int year, int month);

// "YYYY-MM-DD".
std::string FormatDate(const Date& date);
// Parses "YYYY-MM-DD", optionally followed by a time ("T...", " ..."), as in publication
// timestamps; "YYYY-MM" and "YYYY" give the first day. Nothing else.
std::optional<Date> ParseIsoDate(std::string_view text);

}  // namespace frontline::time

#endif  // FRONTLINE_TIME_CALENDAR_H_
