// Rules of the time grammar for weekdays, deictic and anaphoric expressions, units and counts,
// references and sets.
#include <algorithm>
#include <cstdlib>
#include <string>

#include "time/matcher.h"

namespace frontline::time::internal {

size_t Matcher::WeekdayExpr(size_t i, Expression& e) const {
  size_t j = i;
  int modifier = kNoModifier;
  if (const LexEntry* m = Lex(j, Category::kModifier); m != nullptr && w_[j].fold != "current") {
    modifier = m->number;
    ++j;
  }
  const int weekday = WeekdayAt(j);
  if (weekday == 0) return i;
  e.form = Form::kCalendar;
  e.weekday = weekday;
  e.modifier = modifier;
  // French: "mardi dernier", "mardi prochain".
  if (modifier == kNoModifier) {
    if (const LexEntry* m = Lex(j, Category::kModifier);
        m != nullptr && !w_[j].upper && (Is(j, "dernier") || Is(j, "prochain"))) {
      e.modifier = m->number;
      ++j;
    }
  }
  if (const DayPart p = PartAt(j); p != DayPart::kNone) {
    e.part = p;
    j = PartEnd(j);
  }
  // "Tuesday nights", "on Mondays": every such day, a set.
  const bool plural_part = e.part != DayPart::kNone && w_[j - 1].fold.ends_with("s");
  const bool plural_day = w_[j - 1].surface.ends_with("days");
  if (modifier == kNoModifier && (plural_part || plural_day)) {
    e.form = Form::kSet;
    e.type = TimexType::kSet;
  }
  return j;
}

size_t Matcher::Deictic(size_t i, Expression& e) const {
  size_t j = i;
  if (Is(j, "overnight")) {
    e.form = Form::kDeictic;
    e.unit = 'D';
    e.overnight = true;
    return j + 1;
  }
  if (const LexEntry* d = Lex(j, Category::kDeictic)) {
    // "today's world" speaks of the present in general; "VOA Today" is a name.
    if (w_[j].fold == "today" &&
        (Is(j + 1, "'s") || (j > 0 && w_[j].upper && w_[j - 1].is_word && w_[j - 1].upper))) {
      return i;
    }
    e.form = Form::kDeictic;
    e.unit = 'D';
    e.amount = d->number;
    if (d->code.find(",NI") != std::string::npos) e.part = DayPart::kNight;
    ++j;
    if (const DayPart p = PartAt(j); p != DayPart::kNone) {
      e.part = p;
      j = PartEnd(j);
    }
    return j;
  }
  // "this morning", "ce soir", "last night", "cette nuit"
  if (const LexEntry* m = Lex(j, Category::kModifier)) {
    const DayPart p = PartAt(j + 1);
    if (p == DayPart::kNone) return i;
    if (m->number == 0) {
      e.form = Form::kDeictic;
      e.unit = 'D';
      e.amount = 0;
      e.part = p;
      return PartEnd(j + 1);
    }
    if (m->number == -1 && p == DayPart::kNight && Is(j, "last")) {
      e.form = Form::kDeictic;
      e.unit = 'D';
      e.amount = -1;
      e.part = p;
      return j + 2;
    }
  }
  return i;
}

bool Matcher::CalendarUnit(char u) {
  return u == 'W' || u == 'M' || u == 'Q' || u == 'Y' || u == 'E' || u == 'C';
}

char Matcher::UnitAt(size_t i, bool* weekend) const {
  const LexEntry* u = Lex(i, Category::kUnit);
  if (u == nullptr) return 0;
  if (u->code == "WE") {
    if (weekend) *weekend = true;
    return 'W';
  }
  return u->code.empty() ? 0 : u->code[0];
}

size_t Matcher::ModifiedUnit(size_t i, Expression& e) const {
  size_t j = i;
  const bool the = Is(j, "the");
  if (the) ++j;
  int shift = 0;  // "earlier this year", "later this month"
  if (!the && (Is(j, "earlier") || Is(j, "later"))) {
    shift = 1;
    ++j;
    if (Is(j, "in") && Is(j + 1, "the")) j += 2;
  }
  // Quarters: "the third quarter [of 1989]", "third-quarter", "the latest quarter".
  {
    size_t q = j;
    int quarter = 0;
    bool latest = false;
    // "the 1988 second quarter", "this year's third quarter", "last year's fourth quarter"
    int quarter_year = -1;
    int quarter_year_offset = kNoModifier;
    if (IsYearNumber(q) && (Lex(q + 1, Category::kOrdinal) || Is(q + 1, "period"))) {
      quarter_year = Num(q);
      ++q;
    } else if ((Is(q, "this") || Is(q, "last") || Is(q, "next")) && Is(q + 1, "year") &&
               Is(q + 2, "'s") && Lex(q + 3, Category::kOrdinal)) {
      quarter_year_offset = Is(q, "last") ? -1 : Is(q, "next") ? 1 : 0;
      q += 3;
    }
    if (quarter_year >= 0 && Is(q, "period") && the) {
      e.form = Form::kCalendar;
      e.latest_quarter = true;
      e.year = quarter_year;
      return q + 1;
    }
    if (const LexEntry* o = Lex(q, Category::kOrdinal);
        o != nullptr && o->number >= 1 && o->number <= 4) {
      quarter = o->number;
      ++q;
    } else if (Is(q, "latest") || Is(q, "last") || Is(q, "past") || Is(q, "previous") ||
               Is(q, "current") || Is(q, "this")) {
      latest = !(Is(q, "current") || Is(q, "this"));
      quarter = latest ? 0 : -1;
      ++q;
    } else if (the) {
      latest = true;
    }
    if (IsDash(q)) ++q;
    const bool period =
        Is(q, "period") && latest && quarter == 0 && (Is(j, "latest") || Is(j - 1, "latest"));
    if ((Is(q, "quarter") || Is(q, "trimestre") || period) && (quarter != 0 || latest) &&
        !IsDash(q + 1)) {
      ++q;
      e.form = Form::kCalendar;
      e.unit = 'Q';
      if (quarter > 0) {
        e.quarter = quarter;
      } else if (quarter == -1) {
        e.form = Form::kDeictic;
        e.amount = 0;
      } else {
        e.latest_quarter = true;
      }
      if ((Is(q, "of") || Is(q, "in")) && IsYearNumber(q + 1)) {
        e.year = Num(q + 1);
        q += 2;
      } else if (IsYearNumber(q)) {
        e.year = Num(q);
        ++q;
      }
      if (quarter_year >= 0) e.year = quarter_year;
      if (quarter_year_offset != kNoModifier) {
        e.has_year_offset = true;
        e.year_offset = quarter_year_offset;
      }
      return q;
    }
  }
  // English: modifier + unit, season or month.
  if (const LexEntry* m = Lex(j, Category::kModifier)) {
    size_t k = j + 1;
    if (Is(k, "fiscal")) ++k;  // "the current fiscal year"
    bool weekend = false;
    const char unit = UnitAt(k, &weekend);
    const bool plural = k < n_ && w_[k].fold.ends_with("s") && unit != 0 && !weekend;
    if (unit != 0 && !plural && (CalendarUnit(unit) || weekend)) {
      // "ABC's This Week": a capitalised unit mid-sentence is a title.
      if (i > 0 && w_[j].upper && w_[k].upper && !w_[i - 1].is_punct) return i;
      if (i > 0 && w_[j].upper && w_[k].upper &&
          (Punct(i - 1, "\"") || Punct(i - 1, "\xE2\x80\x9C")))
        return i;
      if (the && (m->number == -1 || Is(j, "coming"))) {
        // "the past year": a length of time; "the previous year": the year before.
        if (Is(j, "previous") || Is(j, "preceding")) {
          e.form = Form::kAnaphoric;
          e.amount = -1;
        } else {
          e.form = Form::kDuration;
          e.type = TimexType::kDuration;
          e.amount = 1;
        }
      } else if (the && (Is(j, "following") || Is(j, "next"))) {
        e.form = Form::kAnaphoric;
        e.amount = 1;
      } else {
        e.form = Form::kDeictic;
        e.amount = shift ? 0 : m->number;
        if (Is(j, "following")) e.form = Form::kAnaphoric;
      }
      e.unit = unit;
      e.weekend = weekend;
      return k + 1;
    }
    if (plural && (the || j == i) && Is(j, "coming")) {  // "the coming weeks", "in coming weeks"
      e.form = Form::kReference;
      e.reference = Reference::kFuture;
      return k + 1;
    }
    size_t mm = k;
    if (const int month = MonthAt(mm); month > 0 && !the) {
      e.form = Form::kCalendar;
      e.month = month;
      e.modifier = m->number;
      return mm;
    }
    if (const LexEntry* s = Lex(k, Category::kSeason); s != nullptr && !the) {
      e.form = Form::kCalendar;
      e.season = SeasonOf(s->code);
      e.modifier = m->number;
      return k + 1;
    }
    return i;
  }
  // French: "la semaine dernière", "le mois prochain", "l'an dernier", "cette année".
  {
    size_t k = j;
    if (the) return TheUnit(i, j, e);
    if (Is(k, "le") || Is(k, "la") || Is(k, "les")) ++k;
    bool weekend = false;
    const char unit = UnitAt(k, &weekend);
    if (unit != 0 && CalendarUnit(unit)) {
      if (const LexEntry* m = Lex(k + 1, Category::kModifier); m != nullptr && !Is(k + 1, "this")) {
        e.form = Form::kDeictic;
        e.unit = unit;
        e.amount = m->number;
        return k + 2;
      }
    }
  }
  return i;
}

// "year-earlier", "the year-ago quarter", "the year-earlier period": the same period a year
// before the narrative time.
size_t Matcher::YearAgoAdjective(size_t i, Expression& e) const {
  size_t j = i;
  if (Is(j, "the")) ++j;
  if (!(Is(j, "year") && IsDash(j + 1) && (Is(j + 2, "earlier") || Is(j + 2, "ago")))) return i;
  j += 3;
  if (i != j - 3 && (Is(j, "quarter") || Is(j, "period"))) {
    ++j;
  } else if (i != j - 3) {
    return i;  // "the year-earlier" without its noun
  }
  e.form = Form::kAnaphoric;
  e.unit = 'Y';
  e.amount = -1;
  return j;
}

// "the next day", "the following day", "the previous day", "the same day", "that day",
// "le lendemain", "la veille".
size_t Matcher::AnaphoricDay(size_t i, Expression& e) const {
  size_t j = i;
  int amount = 0;
  if (Is(j, "lendemain") || (Is(j, "le") && Is(j + 1, "lendemain"))) {
    amount = 1;
    j += Is(j, "le") ? 2 : 1;
  } else if (Is(j, "veille") || (Is(j, "la") && Is(j + 1, "veille"))) {
    amount = -1;
    j += Is(j, "la") ? 2 : 1;
  } else if ((Is(j, "the") || Is(j, "that")) && Is(j + 1, "day") &&
             (Is(j + 2, "before") || Is(j + 2, "after"))) {
    // "the day before returning", "the day after the vote": "before" opens a clause or a
    // phrase that names the anchor, which this rule does not know; only the phrase-final
    // "the day before" is the day before the narrative time.
    if (j + 3 < n_ && !w_[j + 3].is_punct) return i;
    amount = Is(j + 2, "before") ? -1 : 1;
    j += 3;
  } else if (Is(j, "the") &&
             (Is(j + 1, "next") || Is(j + 1, "following") || Is(j + 1, "previous") ||
              Is(j + 1, "preceding") || Is(j + 1, "same")) &&
             Is(j + 2, "day")) {
    amount = Is(j + 1, "same") ? 0 : (Is(j + 1, "next") || Is(j + 1, "following")) ? 1 : -1;
    j += 3;
  } else if (Is(j, "the") && Is(j + 1, "day") && i >= 2 && Is(i - 1, "in") &&
             (Is(i - 2, "later") || Is(i - 2, "earlier"))) {
    // "later in the day", "earlier in the day": the narrative day.
    j += 2;
  } else if (Is(j, "the") && (Is(j + 1, "next") || Is(j + 1, "following") || Is(j + 1, "same")) &&
             PartAt(j + 2) != DayPart::kNone) {
    // "the next morning", "the following evening", "the same night": the day (TimeBank
    // writes these as dates; the part of the day is not kept)
    amount = Is(j + 1, "same") ? 0 : 1;
    j = PartEnd(j + 2);
  } else if (Is(j, "that") && Is(j + 1, "day")) {
    j += 2;
  } else if (Is(j, "that") && Is(j + 1, "year")) {
    e.form = Form::kAnaphoric;
    e.unit = 'Y';
    e.amount = 0;
    return j + 2;
  } else {
    return i;
  }
  e.form = Form::kAnaphoric;
  e.unit = 'D';
  e.amount = amount;
  return j;
}

// "the year", "the quarter", "the week", "the month": the current one.
size_t Matcher::TheUnit(size_t i, size_t j, Expression& e) const {
  if (Is(j, "year") || Is(j, "month") || Is(j, "week") || Is(j, "weekend")) {
    if (Is(j + 1, "-") || Is(j + 1, "ago") || Is(j + 1, "earlier") || Is(j + 1, "before")) return i;
    if (i > 0 && Is(i - 1, "for") && !Is(j, "weekend")) {
      // "net income for the year": the length of the period reported on.
      e.form = Form::kDuration;
      e.type = TimexType::kDuration;
      e.amount = 1;
      e.unit = Is(j, "year") ? 'Y' : Is(j, "month") ? 'M' : 'W';
      return j + 1;
    }
    e.form = Form::kDeictic;
    e.amount = 0;
    e.unit = Is(j, "year") ? 'Y' : Is(j, "month") ? 'M' : 'W';
    e.weekend = Is(j, "weekend");
    return j + 1;
  }
  return i;
}

// A count before a unit: a cardinal, digits, "a"/"an", "several", "a few", "half a(n)",
// "another [N]", with a half after it ("2 1/2", "two and a half").
bool Matcher::CountAt(size_t& j, double& amount) const {
  if (!CountWordsAt(j, amount)) return false;
  if (Num(j) == 1 && Punct(j + 1, "/") && Num(j + 2) == 2 && amount >= 1) {  // "2 1/2 years"
    amount += 0.5;
    j += 3;
  } else if (Is(j, "and") && Is(j + 1, "a") && Is(j + 2, "half") && amount >= 1) {
    amount += 0.5;
    j += 3;
  }
  return true;
}

bool Matcher::CountWordsAt(size_t& j, double& amount) const {
  if (Is(j, "half") && (Is(j + 1, "a") || Is(j + 1, "an"))) {  // "half an hour"
    amount = 0.5;
    j += 2;
    return true;
  }
  // "another year", "another two weeks", "an additional six months", "a further 30 days"
  if (Is(j, "another") ||
      ((Is(j, "an") || Is(j, "a")) && (Is(j + 1, "additional") || Is(j + 1, "further")) &&
       (Lex(j + 2, Category::kNumber) || Num(j + 2) >= 0))) {
    j += Is(j, "another") ? 1 : 2;
    size_t k = j;
    double count = 0;
    if (!Is(k, "a") && !Is(k, "an") && CountWordsAt(k, count) && count > 0) {
      amount = count;
      j = k;
    } else {
      amount = 1;
    }
    return true;
  }
  if (Is(j, "a") && Is(j + 1, "couple") && Is(j + 2, "of")) {
    amount = 2;
    j += 3;
    return true;
  }
  if (Is(j, "a") && Is(j + 1, "few")) {
    amount = -1;
    j += 2;
    return true;
  }
  if (Lex(j, Category::kVague) != nullptr) {
    amount = -1;
    ++j;
    return true;
  }
  if (const LexEntry* c = Lex(j, Category::kNumber)) {
    amount = c->number;
    ++j;
    // "twenty four", "twenty-four"
    if (c->number >= 20 && c->number % 10 == 0 && c->number < 100) {
      size_t k = IsDash(j) ? j + 1 : j;
      if (const LexEntry* u = Lex(k, Category::kNumber); u != nullptr && u->number >= 1 &&
                                                         u->number <= 9 && w_[k].fold != "a" &&
                                                         w_[k].fold != "an") {
        amount += u->number;
        j = k + 1;
      }
    }
    return true;
  }
  if (Num(j) >= 0 && !IsYearNumber(j) && !w_[j].ordinal) {
    amount = Num(j);
    ++j;
    return true;
  }
  return false;
}

size_t Matcher::CountedUnit(size_t i, Expression& e) const {
  size_t j = i;
  // French "il y a trois jours".
  const bool il_y_a = Is(j, "il") && Is(j + 1, "y") && Is(j + 2, "a");
  if (il_y_a) j += 3;
  bool the = false;
  int lead = 0;  // "the past two months" (-1), "the next two weeks" (+1), "the first nine months"
  if (!il_y_a && Is(j, "the")) {
    the = true;
    ++j;
  }
  if (!il_y_a &&
      (Is(j, "past") || Is(j, "last") || Is(j, "next") || Is(j, "first") || Is(j, "coming"))) {
    lead = Is(j, "next") || Is(j, "coming") ? 1 : -1;
    ++j;
  }
  double amount = 0;
  size_t k = j;
  const bool counted = CountAt(k, amount);
  if (counted && (w_[j].fold == "a" || w_[j].fold == "an") && (the || lead)) return i;
  const bool article = counted && (w_[j].fold == "a" || w_[j].fold == "an") &&
                       !Is(j + 1, "additional") && !Is(j + 1, "further");
  if (!counted) {
    // Bare plurals after a preposition: "for weeks", "within days", "over decades".
    if (!the && !lead && !il_y_a && i > 0 &&
        (Is(i - 1, "for") || Is(i - 1, "within") || Is(i - 1, "over") || Is(i - 1, "after") ||
         Is(i - 1, "than") || Is(i - 1, "in") || Is(i - 1, "pendant") || Is(i - 1, "depuis"))) {
      bool weekend = false;
      const char unit = UnitAt(i, &weekend);
      if (unit != 0 && !weekend && unit != 'Q' && w_[i].fold.ends_with("s") && !IsDash(i + 1)) {
        e.form = Form::kDuration;
        e.type = TimexType::kDuration;
        e.amount = -1;
        e.unit = unit;
        return i + 1;
      }
    }
    // "day-long", "a months-long siege", "decades-long": a length of time.
    if (!the && !lead && !il_y_a && IsDash(i + 1) && Is(i + 2, "long")) {
      bool weekend = false;
      const char unit = UnitAt(i, &weekend);
      if (unit != 0 && !weekend) {
        e.form = Form::kDuration;
        e.type = TimexType::kDuration;
        e.amount = w_[i].fold.ends_with("s") ? -1 : 1;
        e.unit = unit;
        return i + 3;
      }
    }
    // Bare plurals: "weeks", "years", "in recent years".
    if (Is(k, "recent") && Lex(k + 1, Category::kUnit) && w_[k + 1].fold.ends_with("s")) {
      // "in recent years": an unspecified length of time up to now.
      e.form = Form::kDuration;
      e.type = TimexType::kDuration;
      e.amount = -1;
      e.unit = UnitAt(k + 1);
      return k + 2;
    }
    return i;
  }
  // "two more weeks", "an additional year", "three further days"
  if (Is(k, "more") || Is(k, "additional") || Is(k, "further") || Is(k, "extra")) ++k;
  if (IsDash(k)) ++k;
  bool weekend = false;
  const char unit = UnitAt(k, &weekend);
  if (unit == 0 || weekend) return i;
  // "a months-long siege": the article belongs to the noun, not to the unit.
  if (article && amount == 1 && w_[k].fold.ends_with("s")) return i;
  if (unit == 'Q' && w_[k].fold.ends_with("s") && (IsDash(k - 1) || Is(k + 1, "of"))) {
    return i;  // "three-quarters of", "two quarters of the vote"
  }
  ++k;
  // Ages are not durations: "a 6-year-old", "the 52-year-old".
  if ((IsDash(k) && Is(k + 1, "old")) || Is(k, "old")) return i;
  e.unit = unit;
  e.amount = amount;
  // "a three-day-long siege": a length of time.
  if (IsDash(k) && Is(k + 1, "long")) {
    e.form = Form::kDuration;
    e.type = TimexType::kDuration;
    return k + 2;
  }
  // "a year and a half", "a minute and a half"
  if (Is(k, "and") && Is(k + 1, "a") && Is(k + 2, "half") && amount >= 1 &&
      amount == static_cast<int>(amount)) {
    e.amount = amount += 0.5;
    k += 3;
  }
  // "a week or so ago", "the next two years or so"
  if (Is(k, "or") && Is(k + 1, "so")) k += 2;
  // "several years ago": an unspecified time before now.
  if (amount < 0 && lead == 0 && (Lex(k, Category::kAgo) || il_y_a)) {
    e.form = Form::kReference;
    e.reference = lead > 0 ? Reference::kFuture : Reference::kPast;
    return Lex(k, Category::kAgo) ? k + 1 : k;
  }
  if (il_y_a) {
    e.form = Form::kDeictic;
    e.ago = true;
    e.amount = -std::max(amount, 1.0);
    return k;
  }
  if (!the && !lead) {
    if (Lex(k, Category::kAgo) != nullptr) {
      e.form = Form::kDeictic;
      e.ago = true;
      e.amount = -std::max(amount, 1.0);
      return k + 1;
    }
    const bool french_later = Is(k, "plus") && Is(k + 1, "tard");
    if (const LexEntry* l = Lex(k, Category::kLater);
        l != nullptr && (w_[k].fold != "plus" || french_later)) {
      const bool prepositional = Is(k, "after") || Is(k, "before");
      const bool closes = k + 1 >= n_ || w_[k + 1].is_punct;
      if (!prepositional || closes) {
        e.form = Form::kAnaphoric;
        e.amount = l->number * std::max(amount, 1.0);
        return french_later ? k + 2 : k + 1;
      }
    }
  }
  // "four flights a week", "$2 million a year": a rate, not a length of time; "for a year"
  // and "within a week" are lengths.
  if (article && !(i > 0 && (Is(i - 1, "for") || Is(i - 1, "over") || Is(i - 1, "about") ||
                             Is(i - 1, "within") || Is(i - 1, "barely") || Is(i - 1, "nearly") ||
                             Is(i - 1, "almost") || Is(i - 1, "pendant")))) {
    return i;
  }
  e.form = Form::kDuration;
  e.type = TimexType::kDuration;
  return k;
}

size_t Matcher::Reference(size_t i, Expression& e) const {
  if (const LexEntry* r = Lex(i, Category::kRef)) {
    if (w_[i].fold == "current" && (Lex(i + 1, Category::kUnit) || Is(i + 1, "quarter"))) return i;
    e.form = Form::kReference;
    e.reference = r->code == "PRESENT" ? Reference::kPresent
                  : r->code == "PAST"  ? Reference::kPast
                                       : Reference::kFuture;
    return i + 1;
  }
  // "the near future", "the near term", "the short term", "the long term"
  if (Is(i, "the") && (Is(i + 1, "near") || Is(i + 1, "short") || Is(i + 1, "long")) &&
      (Is(i + 2, "future") || Is(i + 2, "term"))) {
    e.form = Form::kReference;
    e.reference = Reference::kFuture;
    return i + 3;
  }
  if (Is(i, "these") && Is(i + 1, "days")) {  // "these days": the present
    e.form = Form::kReference;
    e.reference = Reference::kPresent;
    return i + 2;
  }
  if (Is(i, "the") && (Is(i + 1, "past") || Is(i + 1, "future"))) {
    if (Is(i + 1, "past") && (Lex(i + 2, Category::kUnit) || Lex(i + 2, Category::kNumber) ||
                              Num(i + 2) >= 0 || Lex(i + 2, Category::kVague))) {
      return i;
    }
    e.form = Form::kReference;
    e.reference = Is(i + 1, "past") ? Reference::kPast : Reference::kFuture;
    return i + 2;
  }
  return i;
}

size_t Matcher::SetExpr(size_t i, Expression& e) const {
  if (const LexEntry* s = Lex(i, Category::kSet)) {
    e.form = Form::kSet;
    e.type = TimexType::kSet;
    const std::string& p = s->code;  // "P1D", "PT1H", "P3M"
    e.unit = p.back() == 'H' ? 'H' : p.back();
    e.amount = std::atoi(p.c_str() + (p[1] == 'T' ? 2 : 1));
    return i + 1;
  }
  if (Is(i, "every") || Is(i, "each") || Is(i, "chaque")) {
    size_t j = i + 1;
    if (const LexEntry* d = Lex(j, Category::kWeekday)) {
      e.form = Form::kSet;
      e.type = TimexType::kSet;
      e.weekday = d->number;
      return j + 1;
    }
    size_t mm = j;
    if (const int month = MonthAt(mm); month > 0) {
      e.form = Form::kSet;
      e.type = TimexType::kSet;
      e.month = month;
      return mm;
    }
    double amount = 1;
    CountAt(j, amount);
    const char unit = UnitAt(j);
    if (unit == 0) return i;
    e.form = Form::kSet;
    e.type = TimexType::kSet;
    e.unit = unit;
    e.amount = amount;
    return j + 1;
  }
  return i;
}

}  // namespace frontline::time::internal
