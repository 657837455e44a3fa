#include "time/calendar.h"

#include <fmt/format.h>

namespace frontline::time {

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool IsValidDate(int year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
int64_t DaysFromCivil(const Date& date) {
  int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t m = date.month;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp + (mp < 10 ? 3 : -9);
  return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

Date AddDays(const Date& date, int64_t days) { return CivilFromDays(DaysFromCivil(date) + days); }

Date AddMonths(const Date& date, int months) {
  int64_t index = static_cast<int64_t>(date.year) * 12 + (date.month - 1) + months;
  const int year = static_cast<int>(index >= 0 ? index / 12 : (index - 11) / 12);
  const int month = static_cast<int>(index - static_cast<int64_t>(year) * 12) + 1;
  const int day = std::min(date.day, DaysInMonth(year, month));
  return Date{year, month, day};
}

int Weekday(const Date& date) {
  const int64_t days = DaysFromCivil(date);    // 1970-01-01 was a Thursday (4)
  const int64_t w = ((days % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

IsoWeek IsoWeekOf(const Date& date) {
  // The week belongs to the year of its Thursday.
  const Date thursday = AddDays(date, 4 - Weekday(date));
  const int64_t first = DaysFromCivil(Date{thursday.year, 1, 1});
  const int week = static_cast<int>((DaysFromCivil(thursday) - first) / 7) + 1;
  return IsoWeek{thursday.year, week};
}

Date MondayOfIsoWeek(int year, int week) {
  const Date jan4{year, 1, 4};
  const Date week1_monday = AddDays(jan4, 1 - Weekday(jan4));
  return AddDays(week1_monday, static_cast<int64_t>(week - 1) * 7);
}

Date FirstOfMonth(int year, int month) { return Date{year, month, 1}; }
Date LastOfMonth(int year, int month) { return Date{year, month, DaysInMonth(year, month)}; }

std::string FormatDate(const Date& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::optional<Date> ParseIsoDate(std::string_view text) {
  auto digits = [&](size_t at, size_t n, int& out) {
    if (at + n > text.size()) return false;
    out = 0;
    for (size_t k = 0; k < n; ++k) {
      const char c = text[at + k];
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    return true;
  };
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  Date d{0, 1, 1};
  if (!digits(0, 4, d.year)) return std::nullopt;
  if (text.size() == 4) return d;
  if (text[4] != '-' || !digits(5, 2, d.month)) return std::nullopt;
  if (text.size() == 7)
    return IsValidDate(d.year, d.month, 1) ? std::optional<Date>(d) : std::nullopt;
  if (text.size() < 10 || text[7] != '-' || !digits(8, 2, d.day)) return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ' && text[10] != 't')
    return std::nullopt;
  if (!IsValidDate(d.year, d.month, d.day)) return std::nullopt;
  return d;
}

}  // namespace frontline::time
