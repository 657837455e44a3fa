// Resolution of tagged expressions (TimeStage::Resolve) and the document pass that infers the
// publication date, keeps the narrative time and joins ranges (TimeStage::Annotate).
#include <algorithm>

#include "time/time.h"

namespace frontline::time {
namespace {

// A dated value over [start, end] at `precision`.
TimeValue Dated(const Date& start, const Date& end, Precision precision, Origin origin) {
  TimeValue v;
  v.dated = true;
  v.start = start;
  v.end = end;
  v.precision = precision;
  v.origin = origin;
  return v;
}

TimeValue Day(const Date& d, Origin origin) { return Dated(d, d, Precision::kDay, origin); }

TimeValue Month(int year, int month, Origin origin) {
  return Dated(FirstOfMonth(year, month), LastOfMonth(year, month), Precision::kMonth, origin);
}

TimeValue Year(int year, Origin origin) {
  return Dated(Date{year, 1, 1}, Date{year, 12, 31}, Precision::kYear, origin);
}

TimeValue QuarterOf(int year, int quarter, Origin origin) {
  TimeValue v = Dated(Date{year, (quarter - 1) * 3 + 1, 1}, LastOfMonth(year, quarter * 3),
                      Precision::kQuarter, origin);
  v.quarter = quarter;
  return v;
}

TimeValue SeasonValue(Season s, int year, Origin origin) {
  TimeValue v = Dated(SeasonStart(s, year), SeasonEnd(s, year), Precision::kSeason, origin);
  v.season = s;
  return v;
}

TimeValue Week(const Date& any_day, Origin origin) {
  const Date monday = AddDays(any_day, 1 - Weekday(any_day));
  return Dated(monday, AddDays(monday, 6), Precision::kWeek, origin);
}

// The calendar unit `unit` containing `d`, shifted by `n` units.
TimeValue UnitAround(const Date& d, char unit, int n, Origin origin) {
  switch (unit) {
    case 'D':
      return Day(AddDays(d, n), origin);
    case 'W':
      return Week(AddDays(d, 7LL * n), origin);
    case 'M': {
      const Date m = AddMonths(Date{d.year, d.month, 1}, n);
      return Month(m.year, m.month, origin);
    }
    case 'Q': {
      const Date m = AddMonths(Date{d.year, (d.month - 1) / 3 * 3 + 1, 1}, 3 * n);
      return QuarterOf(m.year, (m.month - 1) / 3 + 1, origin);
    }
    case 'Y':
      return Year(d.year + n, origin);
    case 'E': {
      TimeValue v = Year(d.year / 10 * 10 + 10 * n, origin);
      v.end = Date{v.start.year + 9, 12, 31};
      v.precision = Precision::kDecade;
      return v;
    }
    case 'C': {
      TimeValue v = Year(d.year / 100 * 100 + 100 * n, origin);
      v.end = Date{v.start.year + 99, 12, 31};
      v.precision = Precision::kCentury;
      return v;
    }
    default:
      return Day(d, origin);
  }
}

// The most recent (or, looking forward, next) date with this month and day, which must exist in
// some year (at most eight apart: February 29 around 1900 and 2100).
Date NearestDate(int month, int day, const Date& ref, bool future) {
  int year = ref.year;
  auto valid = [&](int y) { return IsValidDate(y, month, day); };
  if (future) {
    while (!valid(year) || Date{year, month, day} < ref) ++year;
  } else {
    while (!valid(year) || Date{year, month, day} > ref) --year;
  }
  return Date{year, month, day};
}

// The year of the most recent (or next) `month` relative to `ref`.
int NearestMonthYear(int month, const Date& ref, bool future, int modifier) {
  if (modifier == -1) return month < ref.month ? ref.year : ref.year - 1;
  if (modifier == 1) return month > ref.month ? ref.year : ref.year + 1;
  if (modifier == 0) return ref.year;
  if (future) return month >= ref.month ? ref.year : ref.year + 1;
  return month <= ref.month ? ref.year : ref.year - 1;
}

int NearestSeasonYear(Season s, const Date& ref, bool future, int modifier) {
  int year = ref.year;
  if (modifier == -1) {  // the most recent one that has ended
    while (SeasonEnd(s, year) >= ref) --year;
    return year;
  }
  if (modifier == 1 || future) {
    while (SeasonStart(s, year) <= ref) ++year;
    return year;
  }
  if (modifier == 0) {
    if (s == Season::kWinter && ref.month <= 2) return ref.year - 1;
    return ref.year;
  }
  while (SeasonStart(s, year) > ref) --year;
  return year;
}

Date NearestWeekday(int weekday, const Date& ref, bool future, int modifier) {
  const int today = Weekday(ref);
  if (modifier == 0) return AddDays(ref, weekday - today);
  if (modifier == -1) {
    int back = (today - weekday + 7) % 7;
    if (back == 0) back = 7;
    return AddDays(ref, -back);
  }
  if (modifier == 1 || future) {
    int ahead = (weekday - today + 7) % 7;
    if (ahead == 0) ahead = 7;
    return AddDays(ref, ahead);
  }
  return AddDays(ref, -((today - weekday + 7) % 7));
}

TimeValue ResolveCalendar(const Expression& given, const Date& ref) {
  Expression e = given;
  if (e.has_year_offset) e.year = ref.year + e.year_offset;
  const bool explicit_year = given.year >= 0;
  const bool year_known = e.year >= 0;
  const Origin origin = explicit_year ? Origin::kExplicit : Origin::kRelative;
  if (e.thanksgiving) {
    auto day_of = [](int year) {
      const Date first{year, 11, 1};
      return AddDays(first, (4 - Weekday(first) + 7) % 7 + 21);
    };
    int year = explicit_year ? e.year : ref.year;
    if (!explicit_year && day_of(year) > ref && !e.future) --year;
    return Day(day_of(year), origin);
  }
  if (e.century >= 0) {
    TimeValue v = Year(e.century * 100, Origin::kExplicit);
    v.end = Date{e.century * 100 + 99, 12, 31};
    v.precision = Precision::kCentury;
    return v;
  }
  if (e.decade >= 0) {
    TimeValue v = Year(e.decade * 10, Origin::kExplicit);
    v.end = Date{e.decade * 10 + 9, 12, 31};
    v.precision = Precision::kDecade;
    return v;
  }
  if (e.quarter > 0 || e.latest_quarter) {
    if (e.latest_quarter && year_known) {
      // "the 1989 period": the latest quarter, in that year.
      const Date before = AddDays(Date{ref.year, (ref.month - 1) / 3 * 3 + 1, 1}, -1);
      return QuarterOf(e.year, (before.month - 1) / 3 + 1, origin);
    }
    if (e.latest_quarter) {
      const Date before = AddDays(Date{ref.year, (ref.month - 1) / 3 * 3 + 1, 1}, -1);
      return QuarterOf(before.year, (before.month - 1) / 3 + 1, Origin::kRelative);
    }
    int year = e.year >= 0 ? e.year : ref.year;
    // "The fourth quarter" said in January is the one that just ended.
    if (!year_known && !e.future && Date{year, (e.quarter - 1) * 3 + 1, 1} > ref) --year;
    return QuarterOf(year, e.quarter, origin);
  }
  if (e.season != Season::kNone) {
    const int year = year_known ? e.year : NearestSeasonYear(e.season, ref, e.future, e.modifier);
    return SeasonValue(e.season, year, origin);
  }
  if (e.month > 0 && e.day > 0) {
    Date d;
    if (year_known) {
      if (!IsValidDate(e.year, e.month, e.day)) return TimeValue{};
      d = Date{e.year, e.month, e.day};
    } else {
      // A day the month never has ("February 31", "April 31") names no date. (February 29
      // exists in a leap year: 2000 is one.)
      if (!IsValidDate(2000, e.month, e.day)) return TimeValue{};
      d = NearestDate(e.month, e.day, ref, e.future);
      if (!e.future) {
        // A date soon after the reference beats one most of a year before it ("talks resume
        // on Jan. 14", written on January 6; "the offer was extended to Nov. 6", written on
        // November 2): news names last year's dates with their year. Without a tense in the
        // clause, the nearer of the two wins.
        const Date ahead = NearestDate(e.month, e.day, ref, true);
        const int64_t future = DaysFromCivil(ahead) - DaysFromCivil(ref);
        const int64_t past = DaysFromCivil(ref) - DaysFromCivil(d);
        if ((e.tense == 0 && future * 2 < past) || (future <= 45 && past >= 300)) d = ahead;
      }
      // A weekday given with the date picks the year it falls on, near the reference.
      if (e.weekday > 0 && Weekday(d) != e.weekday) {
        for (int delta : {-1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6}) {
          if (IsValidDate(d.year + delta, e.month, e.day) &&
              Weekday(Date{d.year + delta, e.month, e.day}) == e.weekday) {
            d = Date{d.year + delta, e.month, e.day};
            break;
          }
        }
      }
    }
    TimeValue v = Day(d, origin);
    v.part = e.part;
    if (e.day_end > e.day && IsValidDate(d.year, e.month, e.day_end)) {
      v.end = Date{d.year, e.month, e.day_end};
      v.precision = Precision::kRange;
    }
    return v;
  }
  if (e.month > 0) {
    int year = year_known ? e.year : NearestMonthYear(e.month, ref, e.future, e.modifier);
    if (!year_known && e.tense == 0 && e.modifier == kNoModifier) {
      const int ahead = NearestMonthYear(e.month, ref, true, kNoModifier);
      const int64_t past = DaysFromCivil(ref) - DaysFromCivil(Date{year, e.month, 1});
      const int64_t future = DaysFromCivil(Date{ahead, e.month, 1}) - DaysFromCivil(ref);
      if (future > 0 && future * 2 < past) year = ahead;
    }
    return Month(year, e.month, origin);
  }
  if (e.weekday > 0) {
    Date d = NearestWeekday(e.weekday, ref, e.future, e.modifier);
    if (e.tense == 0 && e.modifier == kNoModifier) {
      // Tense unknown: "Tuesday" in a Monday paper is more likely tomorrow than six days ago.
      const Date ahead = NearestWeekday(e.weekday, ref, true, kNoModifier);
      if ((DaysFromCivil(ahead) - DaysFromCivil(ref)) * 3 < DaysFromCivil(ref) - DaysFromCivil(d))
        d = ahead;
    }
    TimeValue v = Day(d, Origin::kRelative);
    v.part = e.part;
    return v;
  }
  if (year_known) return Year(e.year, origin);
  return TimeValue{};
}

}  // namespace

TimeValue TimeStage::Resolve(const Expression& e, const Date& ref, const TimeValue* narrative) {
  TimeValue v;
  switch (e.form) {
    case Form::kCalendar:
      v = ResolveCalendar(e, ref);
      break;
    case Form::kDeictic: {
      if (e.type == TimexType::kTime && e.amount == 0 && narrative != nullptr && narrative->dated &&
          narrative->precision == Precision::kDay) {
        // A clock time alone ("at 10:35 a.m.") belongs to the day the story is telling.
        v = Day(narrative->start, Origin::kRelative);
        break;
      }
      if (e.overnight) {
        v = Day(AddDays(ref, -1), Origin::kRelative);
        v.end = ref;
        v.precision = Precision::kRange;
        v.part = DayPart::kNight;
        break;
      }
      if (e.ago && e.unit == 'Y' && narrative != nullptr && narrative->dated &&
          narrative->precision == Precision::kQuarter) {
        // "Profit fell from a year ago": the same quarter a year before.
        v = *narrative;
        v.start = AddMonths(narrative->start, 12 * static_cast<int>(e.amount));
        v.end = AddMonths(narrative->end, 12 * static_cast<int>(e.amount));
        v.origin = Origin::kRelative;
        break;
      }
      if (e.weekend && e.amount == 0 && Weekday(ref) <= 3) {
        // "The weekend" said early in the week is the one just past.
        v = UnitAround(ref, 'W', -1, Origin::kRelative);
      } else {
        v = UnitAround(ref, e.unit == 0 ? 'D' : e.unit, static_cast<int>(e.amount),
                       Origin::kRelative);
      }
      v.weekend = e.weekend;
      v.part = e.part;
      break;
    }
    case Form::kAnaphoric: {
      const Date base = narrative != nullptr && narrative->dated ? narrative->start : ref;
      const char unit = e.unit == 0 ? 'D' : e.unit;
      // "A year earlier" than a quarter is that quarter a year before: results are compared
      // quarter with quarter.
      if (narrative != nullptr && narrative->dated && unit == 'Y' &&
          narrative->precision == Precision::kQuarter) {
        v = *narrative;
        v.start = AddMonths(narrative->start, 12 * static_cast<int>(e.amount));
        v.end = AddMonths(narrative->end, 12 * static_cast<int>(e.amount));
        v.origin = Origin::kRelative;
      } else {
        v = UnitAround(base, unit, static_cast<int>(e.amount), Origin::kRelative);
      }
      break;
    }
    case Form::kReference:
      v.reference = e.reference;
      break;
    case Form::kDuration:
    case Form::kSet:
      v.duration = Duration{e.amount, e.unit};
      v.set_weekday = e.form == Form::kSet ? e.weekday : 0;
      v.part = e.form == Form::kSet ? e.part : DayPart::kNone;
      v.set_month = e.form == Form::kSet && e.month > 0 ? e.month : 0;
      break;
  }
  v.type = e.type;
  if (e.hour >= 0) {
    v.type = TimexType::kTime;
    v.hour = e.hour;
    v.minute = e.minute;
  }
  return v;
}

DocumentTimes TimeStage::Annotate(std::string_view text, const text::TextLayer& layer,
                                  std::optional<Date> published) const {
  DocumentTimes out;
  std::vector<Expression> expressions;
  std::vector<uint32_t> sentence_of;
  for (uint32_t s = 0; s < layer.sentences.size(); ++s) {
    tagger_.Tag(text, layer, layer.sentences[s], expressions);
    sentence_of.resize(expressions.size(), s);
  }

  // The reference date: the publication date, else one inferred from the text.
  out.publication = published;
  if (!published) {
    int latest_year = -1;
    std::optional<Date> latest_full;
    for (const Expression& e : expressions) {
      if (e.form != Form::kCalendar || e.year < 0) continue;
      latest_year = std::max(latest_year, e.year);
      if (e.month > 0 && e.day > 0 && IsValidDate(e.year, e.month, e.day)) {
        const Date d{e.year, e.month, e.day};
        if (!latest_full || d > *latest_full) latest_full = d;
      }
    }
    for (const Expression& e : expressions) {
      if (e.form != Form::kCalendar || e.year >= 0 || e.weekday == 0 || e.month <= 0 || e.day <= 0)
        continue;
      const int from = latest_year >= 0 ? latest_year : 1990;
      for (int y = from; y <= from + 11; ++y) {
        if (IsValidDate(y, e.month, e.day) && Weekday(Date{y, e.month, e.day}) == e.weekday) {
          const Date d{y, e.month, e.day};
          if (!out.publication || d > *out.publication) out.publication = d;
          break;
        }
      }
    }
    if (!out.publication && latest_full) out.publication = latest_full;
    if (out.publication) out.publication_origin = Origin::kInferred;
  }

  // Resolve in text order, keeping the narrative time.
  std::optional<TimeValue> narrative;
  for (size_t k = 0; k < expressions.size(); ++k) {
    const Expression& e = expressions[k];
    TimeMention m;
    m.sentence = sentence_of[k];
    m.span = e.span;
    if (out.publication) {
      m.value = Resolve(e, *out.publication, narrative ? &*narrative : nullptr);
    } else if (e.form == Form::kCalendar && e.year >= 0) {
      m.value = Resolve(e, Date{e.year, 12, 31}, nullptr);
    } else {
      m.value.type = e.type;
      if (e.form == Form::kReference) m.value.reference = e.reference;
      if (e.form == Form::kDuration || e.form == Form::kSet)
        m.value.duration = Duration{e.amount, e.unit};
    }
    // Comparisons ("a year earlier", "three years ago") look back from the story's time
    // without moving it; dates, days counted on ("the next day") and deictics move it.
    const bool comparison = (e.form == Form::kAnaphoric && e.unit == 'Y') || e.ago;
    if (m.value.dated && e.type != TimexType::kDuration && e.type != TimexType::kSet &&
        e.type != TimexType::kTime && !comparison &&
        (e.form == Form::kCalendar || e.form == Form::kAnaphoric || e.form == Form::kDeictic)) {
      narrative = m.value;
    }
    out.mentions.push_back(std::move(m));
  }

  // Ranges: "since X", "from X (to Y)", "between X and Y", "X and Y" of two seasons.
  for (size_t k = 0; k < out.mentions.size(); ++k) {
    TimeMention& m = out.mentions[k];
    const Expression& e = expressions[k];
    if (!m.value.dated) continue;
    TimeMention* next = k + 1 < out.mentions.size() && out.mentions[k + 1].sentence == m.sentence &&
                                expressions[k + 1].before != RangeWord::kNone &&
                                expressions[k + 1].before_begin >= m.span.end &&
                                expressions[k + 1].before_begin - m.span.end <= 2 &&
                                out.mentions[k + 1].value.dated
                            ? &out.mentions[k + 1]
                            : nullptr;
    const RangeWord joiner = next != nullptr ? expressions[k + 1].before : RangeWord::kNone;
    const bool opens = e.before == RangeWord::kSince || e.before == RangeWord::kFrom ||
                       e.before == RangeWord::kBetween;
    const bool closes_with_next =
        next != nullptr &&
        (joiner == RangeWord::kTo || joiner == RangeWord::kUntil || joiner == RangeWord::kAnd);
    const bool two_seasons = next != nullptr && joiner == RangeWord::kAnd &&
                             m.value.precision == Precision::kSeason &&
                             next->value.precision == Precision::kSeason;
    if ((opens && closes_with_next && e.before != RangeWord::kSince) || two_seasons) {
      TimeValue end = next->value;
      // "between March and May": the end in the same run of months as the start.
      while (end.end < m.value.start) {
        end.start = AddMonths(end.start, 12);
        end.end = AddMonths(end.end, 12);
      }
      m.has_range = next->has_range = true;
      m.range = m.value;
      m.range.end = end.end;
      m.range.precision = two_seasons ? Precision::kSeason : Precision::kRange;
      m.range_span =
          text::Span{e.before != RangeWord::kNone && !two_seasons ? e.before_begin : m.span.begin,
                     next->span.end};
      next->range = m.range;
      next->range_span = m.range_span;
      ++k;
      continue;
    }
    if (m.value.precision == Precision::kRange) continue;
    // "since X" runs to the reference date; so does "from X" unless X is a single day ("from
    // January 5" usually has its end elsewhere).
    const bool to_reference =
        e.before == RangeWord::kSince ||
        (e.before == RangeWord::kFrom && m.value.precision != Precision::kDay);
    if (to_reference && out.publication && m.value.start <= *out.publication) {
      m.has_range = true;
      m.range = m.value;
      m.range.end = *out.publication;
      m.range.precision = Precision::kRange;
      m.range_span = text::Span{e.before_begin, m.span.end};
    }
  }
  return out;
}

}  // namespace frontline::time
