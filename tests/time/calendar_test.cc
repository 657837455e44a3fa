// Calendar arithmetic: leap years, weekdays, ISO weeks, month arithmetic, ISO date parsing.
#include "time/calendar.h"

#include <gtest/gtest.h>

namespace frontline::time {
namespace {

TEST(CalendarTest, LeapYearsAndMonthLengths) {
  EXPECT_TRUE(IsLeapYear(2020));
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_FALSE(IsLeapYear(2019));
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 2), 28);
  EXPECT_EQ(DaysInMonth(2023, 12), 31);
  EXPECT_FALSE(IsValidDate(2021, 2, 29));
  EXPECT_TRUE(IsValidDate(2020, 2, 29));
}

TEST(CalendarTest, Weekdays) {
  struct Row {
    Date date;
    int weekday;
  };
  const Row rows[] = {
      {{2020, 1, 28}, 2},  // a Tuesday
      {{1970, 1, 1}, 4},   // a Thursday
      {{2000, 2, 29}, 2}, {{1969, 12, 31}, 3}, {{2024, 12, 29}, 7},
  };
  for (const Row& r : rows) EXPECT_EQ(Weekday(r.date), r.weekday) << FormatDate(r.date);
}

TEST(CalendarTest, DaysRoundTrip) {
  for (int64_t d = -800000; d <= 800000; d += 997) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(d)), d);
  }
  EXPECT_EQ(AddDays(Date{2020, 2, 28}, 1), (Date{2020, 2, 29}));
  EXPECT_EQ(AddDays(Date{2019, 12, 31}, 1), (Date{2020, 1, 1}));
}

TEST(CalendarTest, IsoWeeks) {
  EXPECT_EQ(IsoWeekOf(Date{2020, 1, 1}).week, 1);
  EXPECT_EQ(IsoWeekOf(Date{2021, 1, 1}).year, 2020);  // belongs to 2020-W53
  EXPECT_EQ(IsoWeekOf(Date{2021, 1, 1}).week, 53);
  EXPECT_EQ(IsoWeekOf(Date{2019, 12, 30}).year, 2020);
  EXPECT_EQ(MondayOfIsoWeek(2020, 1), (Date{2019, 12, 30}));
}

TEST(CalendarTest, AddMonthsClampsTheDay) {
  EXPECT_EQ(AddMonths(Date{2020, 1, 31}, 1), (Date{2020, 2, 29}));
  EXPECT_EQ(AddMonths(Date{2020, 1, 15}, -1), (Date{2019, 12, 15}));
  EXPECT_EQ(AddMonths(Date{2020, 3, 31}, -13), (Date{2019, 2, 28}));
}

TEST(CalendarTest, ParseIsoDate) {
  EXPECT_EQ(ParseIsoDate("2020-01-28"), (Date{2020, 1, 28}));
  EXPECT_EQ(ParseIsoDate("2020-01-28T09:30:00Z"), (Date{2020, 1, 28}));
  EXPECT_EQ(ParseIsoDate("2020-01"), (Date{2020, 1, 1}));
  EXPECT_FALSE(ParseIsoDate("2020-02-30").has_value());
  EXPECT_FALSE(ParseIsoDate("January 28").has_value());
  EXPECT_FALSE(ParseIsoDate("").has_value());
}

}  // namespace
}  // namespace frontline::time
