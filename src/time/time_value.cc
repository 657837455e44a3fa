#include "time/time_value.h"

#include <fmt/format.h>

#include <cmath>

namespace frontline::time {
namespace {

std::string_view SeasonCode(Season s) {
  switch (s) {
    case Season::kSpring:
      return "SP";
    case Season::kSummer:
      return "SU";
    case Season::kFall:
      return "FA";
    case Season::kWinter:
      return "WI";
    case Season::kNone:
      break;
  }
  return "";
}

std::string_view PartCode(DayPart p) {
  switch (p) {
    case DayPart::kMorning:
      return "MO";
    case DayPart::kAfternoon:
      return "AF";
    case DayPart::kEvening:
      return "EV";
    case DayPart::kNight:
      return "NI";
    case DayPart::kNone:
      break;
  }
  return "";
}

// A fractional amount in whole units and the next smaller one, where that is exact:
// "2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M, "a minute and a half" PT1M30S, "half a day"
// PT12H. Empty when the fraction does not divide into the smaller unit.
std::string SplitFraction(double amount, char unit) {
  struct Smaller {
    char unit, smaller;
    int factor;
    const char* head;  // what comes before the whole part
    const char* join;  // what comes between the two parts
  };
  static constexpr Smaller kSmaller[] = {{'Y', 'M', 12, "P", ""},
                                         {'D', 'H', 24, "P", "T"},
                                         {'H', 'M', 60, "PT", ""},
                                         {'N', 'S', 60, "PT", ""}};
  for (const Smaller& s : kSmaller) {
    if (s.unit != unit) continue;
    const double whole = std::floor(amount);
    const double part = (amount - whole) * s.factor;
    if (part != std::floor(part)) return {};
    const char whole_unit = unit == 'N' ? 'M' : unit;
    std::string out = s.head;
    if (whole > 0) out += fmt::format("{}{}", static_cast<long long>(whole), whole_unit);
    if (unit == 'D') out += s.join;
    out += fmt::format("{}{}", static_cast<long long>(part), s.smaller);
    return out;
  }
  return {};
}

std::string DurationValue(const Duration& d) {
  const bool time_unit = d.unit == 'H' || d.unit == 'N';
  std::string amount;
  if (d.amount < 0) {
    amount = "X";
  } else if (d.amount == std::floor(d.amount)) {
    amount = fmt::format("{}", static_cast<long long>(d.amount));
  } else if (std::string split = SplitFraction(d.amount, d.unit); !split.empty()) {
    return split;
  } else {
    amount = fmt::format("{}", d.amount);
  }
  char unit = d.unit;
  if (unit == 'N') unit = 'M';  // minutes are M after the T
  // Decades as years, as TimeML annotators write them: "two decades" is P20Y; an unknown
  // number of decades or centuries takes TimeBank's units E and C ("decades" PXE).
  if (d.unit == 'E')
    return d.amount < 0 ? "PXE" : fmt::format("P{}Y", static_cast<long long>(d.amount * 10));
  if (d.unit == 'C') return "P" + amount + "C";
  return std::string(time_unit ? "PT" : "P") + amount + unit;
}

}  // namespace

std::string TimeValue::ToTimex() const {
  switch (reference) {
    case Reference::kPresent:
      return "PRESENT_REF";
    case Reference::kPast:
      return "PAST_REF";
    case Reference::kFuture:
      return "FUTURE_REF";
    case Reference::kNone:
      break;
  }
  if (type == TimexType::kSet && set_weekday > 0) {
    return part == DayPart::kNone ? fmt::format("XXXX-WXX-{}", set_weekday)
                                  : fmt::format("XXXX-WXX-{}T{}", set_weekday, PartCode(part));
  }
  if (type == TimexType::kSet && set_month > 0) return fmt::format("XXXX-{:02}", set_month);
  if (type == TimexType::kDuration || type == TimexType::kSet) {
    if (!duration.empty()) return DurationValue(duration);
  }
  if (!dated) return "XXXX-XX-XX";
  std::string v;
  switch (precision) {
    case Precision::kDay:
    case Precision::kPublication:
      v = FormatDate(start);
      if (hour >= 0) {
        v += fmt::format("T{:02}:{:02}", hour, minute < 0 ? 0 : minute);
      } else if (part != DayPart::kNone) {
        v += 'T';
        v += PartCode(part);
      }
      return v;
    case Precision::kWeek: {
      const IsoWeek w = IsoWeekOf(start);
      v = fmt::format("{:04}-W{:02}", w.year, w.week);
      if (weekend) v += "-WE";
      return v;
    }
    case Precision::kMonth:
      return fmt::format("{:04}-{:02}", start.year, start.month);
    case Precision::kQuarter:
      return fmt::format("{:04}-Q{}", start.year,
                         quarter > 0 ? quarter : (start.month - 1) / 3 + 1);
    case Precision::kSeason:
      return fmt::format("{:04}-{}", start.year, SeasonCode(season));
    case Precision::kYear:
      return fmt::format("{:04}", start.year);
    case Precision::kDecade:
      return fmt::format("{:03}", start.year / 10);
    case Precision::kCentury:
      return fmt::format("{:02}", start.year / 100);
    case Precision::kRange:
      v = FormatDate(start);
      if (part != DayPart::kNone) {
        v += 'T';
        v += PartCode(part);
      }
      return v;
  }
  return FormatDate(start);
}

std::string_view PrecisionName(Precision p) {
  switch (p) {
    case Precision::kDay:
      return "day";
    case Precision::kWeek:
      return "week";
    case Precision::kMonth:
      return "month";
    case Precision::kQuarter:
      return "quarter";
    case Precision::kSeason:
      return "season";
    case Precision::kYear:
      return "year";
    case Precision::kDecade:
      return "decade";
    case Precision::kCentury:
      return "century";
    case Precision::kRange:
      return "range";
    case Precision::kPublication:
      return "publication";
  }
  return "day";
}

std::string_view OriginName(Origin o) {
  switch (o) {
    case Origin::kExplicit:
      return "explicit";
    case Origin::kRelative:
      return "relative";
    case Origin::kInferred:
      return "inferred";
  }
  return "relative";
}

std::string_view TimexTypeName(TimexType t) {
  switch (t) {
    case TimexType::kDate:
      return "DATE";
    case TimexType::kTime:
      return "TIME";
    case TimexType::kDuration:
      return "DURATION";
    case TimexType::kSet:
      return "SET";
  }
  return "DATE";
}

Date SeasonStart(Season s, int year) {
  switch (s) {
    case Season::kSpring:
      return Date{year, 3, 1};
    case Season::kSummer:
      return Date{year, 6, 1};
    case Season::kFall:
      return Date{year, 9, 1};
    case Season::kWinter:
      return Date{year, 12, 1};
    case Season::kNone:
      break;
  }
  return Date{year, 1, 1};
}

Date SeasonEnd(Season s, int year) {
  switch (s) {
    case Season::kSpring:
      return Date{year, 5, 31};
    case Season::kSummer:
      return Date{year, 8, 31};
    case Season::kFall:
      return Date{year, 11, 30};
    case Season::kWinter:
      return LastOfMonth(year + 1, 2);
    case Season::kNone:
      break;
  }
  return Date{year, 12, 31};
}

}  // namespace frontline::time
