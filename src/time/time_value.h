// Resolved times: frontline's view (an absolute date range with a precision) and the TIMEX3
// view (ISO-TimeML value) of one and the same resolution. ToTimex is the only place that maps
// the first to the second.
#ifndef FRONTLINE_TIME_TIME_VALUE_H_
#define FRONTLINE_TIME_TIME_VALUE_H_

#include <string>
#include <string_view>

#include "time/calendar.h"

namespace frontline::time {

enum class Precision {
  kDay,
  kWeek,
  kMonth,
  kQuarter,
  kSeason,
  kYear,
  kDecade,
  kCentury,
  kRange,        // a span between two expressions ("since December", "between March and May")
  kPublication,  // nothing in the text dated it: the publication date stands in
};

// How the value was obtained.
enum class Origin {
  kExplicit,  // the text names it fully ("January 28, 2020")
  kRelative,  // from the reference or narrative time ("last week", "in August", "a year later")
  kInferred,  // a year recovered from a weekday, a publication date from the text
};

// The TIMEX3 type of an expression.
enum class TimexType { kDate, kTime, kDuration, kSet };

// Parts of the day and seasons, as TIMEX3 writes them.
enum class DayPart { kNone, kMorning, kAfternoon, kEvening, kNight };
enum class Season { kNone, kSpring, kSummer, kFall, kWinter };
// Times that the text places but does not date ("now", "recently", "soon").
enum class Reference { kNone, kPresent, kPast, kFuture };

// A duration or a set's period: `amount` of `unit` (amount < 0: unspecified, "several years").
struct Duration {
  double amount = 0;
  char unit = 0;  // 'Y' 'M' 'W' 'D' 'Q' 'E' (decade) 'C' (century) 'H' 'N' (minute); 0 = none
  bool empty() const { return unit == 0; }
};

struct TimeValue {
  TimexType type = TimexType::kDate;
  bool dated = false;  // start, end and precision hold a resolved range
  Date start;
  Date end;  // inclusive
  Precision precision = Precision::kDay;
  Origin origin = Origin::kRelative;
  // Refinements that TIMEX3 can say and a date range cannot.
  int quarter = 0;                // 1..4 when precision is kQuarter
  Season season = Season::kNone;  // when precision is kSeason (a range of seasons: the first)
  bool weekend = false;           // a week's weekend ("the weekend")
  DayPart part = DayPart::kNone;  // "Tuesday evening"
  int hour = -1, minute = -1;     // "5:30 p.m." (type kTime)
  Reference reference = Reference::kNone;
  Duration duration;    // type kDuration, or the period of a kSet
  int set_weekday = 0;  // a set of weekdays ("every Thursday"): 1..7
  int set_month = 0;    // a set of months ("each July"): 1..12

  // The value TIMEX3 writes for it: "2020-01-28", "2019-W05", "2019-08", "1989-Q3",
  // "2019-SP", "2019", "199", "P3Y", "PT48H", "PXY", "PRESENT_REF", "1998-01-08T17:30",
  // "2000-01-05TEV", "1990-W32-WE", "P1D" (a set).
  std::string ToTimex() const;
};

std::string_view PrecisionName(Precision precision);
std::string_view OriginName(Origin origin);
std::string_view TimexTypeName(TimexType type);

// The first and last day of `season` of `year` (winter runs from December of `year` into
// February of the next).
Date SeasonStart(Season season, int year);
Date SeasonEnd(Season season, int year);

}  // namespace frontline::time

#endif  // FRONTLINE_TIME_TIME_VALUE_H_
