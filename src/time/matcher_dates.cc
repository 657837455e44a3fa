// Rules of the time grammar for calendar dates, years, seasons and clock times.
#include <algorithm>
#include <cstdlib>
#include <string>

#include "time/matcher.h"

namespace frontline::time::internal {

// The longest expression starting at word i; returns the index past it, or i.
size_t Matcher::Match(size_t i, Expression& e) const {
  size_t best = i;
  Expression candidate;
  auto offer = [&](size_t end, const Expression& x) {
    if (end > best) {
      best = end;
      e = x;
    }
  };
  // Each rule is tried only where its first word can stand (one bit test each).
  const uint32_t m =
      i < n_ ? w_[i].mask | (w_[i].fold.size() == 2 && w_[i].fold[0] == 'q' ? kNumberBit : 0u) : 0u;
  const uint32_t opener = Bit(Category::kOpener);
  auto attempt = [&](uint32_t starts, auto rule) {
    if ((m & starts) == 0) return;
    candidate = {};
    const size_t end = (this->*rule)(i, candidate);
    if (end > i) offer(end, candidate);
  };
  attempt(Bit(Category::kMonth) | Bit(Category::kWeekday) | opener | kNumberBit,
          &Matcher::DateWithMonth);
  attempt(kNumberBit, &Matcher::NumericDate);
  attempt(
      kNumberBit | opener | Bit(Category::kHoliday) | Bit(Category::kNumber) | Bit(Category::kUnit),
      &Matcher::Year);
  attempt(Bit(Category::kModifier) | Bit(Category::kWeekday), &Matcher::WeekdayExpr);
  attempt(Bit(Category::kDeictic) | Bit(Category::kModifier) | Bit(Category::kPart),
          &Matcher::Deictic);
  attempt(opener | Bit(Category::kModifier) | Bit(Category::kOrdinal) | Bit(Category::kUnit) |
              Bit(Category::kLater) | Bit(Category::kSince),
          &Matcher::ModifiedUnit);
  attempt(opener | Bit(Category::kNumber) | Bit(Category::kVague) | Bit(Category::kModifier) |
              Bit(Category::kOrdinal) | Bit(Category::kUnit) | kNumberBit,
          &Matcher::CountedUnit);
  attempt(opener | Bit(Category::kSince), &Matcher::AnaphoricDay);
  attempt(opener | Bit(Category::kUnit), &Matcher::YearAgoAdjective);
  attempt(opener | Bit(Category::kOrdinal) | kNumberBit, &Matcher::Century);
  attempt(opener | Bit(Category::kSeason), &Matcher::SeasonExpr);
  attempt(opener | Bit(Category::kRef), &Matcher::Reference);
  attempt(opener | Bit(Category::kSet), &Matcher::SetExpr);
  attempt(opener | kNumberBit, &Matcher::Clock);
  if (best > i) {
    e.span = text::Span{w_[i].span.begin, w_[best - 1].span.end};
  }
  return best;
}

// A month word that is a month here; `i` advanced past a following abbreviation period.
int Matcher::MonthAt(size_t& i) const {
  const LexEntry* m = Lex(i, Category::kMonth);
  if (m == nullptr) return 0;
  const Word& word = w_[i];
  const bool english = IsEnglishMonthWord(word.fold);
  if (english && !word.upper) return 0;
  // French months are written in lower case: a capitalised one mid-sentence with no day or
  // year is a name ("Mars Inc.").
  if (!english && word.upper && i > 0 && Num(i + 1) < 0 && !Punct(i + 1, ".")) return 0;
  const bool abbreviated = word.fold.size() <= 4 && word.fold != "june" && word.fold != "july" &&
                           word.fold != "may" && word.fold != "mars" && word.fold != "mai" &&
                           word.fold != "juin" && word.fold != "aout";
  size_t j = i + 1;
  if (abbreviated) {
    if (Punct(j, ".")) ++j;
    if (!(Num(j) >= 0)) return 0;  // "Jan" or "Sept" alone is no month
  }
  if ((word.fold == "may" || word.fold == "march") && i == 0 && Num(j) < 0) return 0;
  // "Theresa May": a capitalised word before "May" (not the sentence's first) makes it a name.
  if (word.fold == "may" && i > 1 && w_[i - 1].is_word && w_[i - 1].upper && Num(j) < 0 &&
      !Lex(i - 1, Category::kWeekday) && !Lex(i - 1, Category::kMonth)) {
    return 0;
  }
  // "the March for Life", "a March on Washington": a noun and a name, not the month ("in
  // March for health reasons" stays a month).
  if ((word.fold == "march" || word.fold == "may") &&
      (Is(j, "for") || Is(j, "on") || Is(j, "against") || Is(j, "of")) && !IsYearNumber(j + 1) &&
      j + 1 < n_ && (w_[j + 1].upper || (Is(j + 1, "the") && j + 2 < n_ && w_[j + 2].upper))) {
    return 0;
  }
  i = j;
  return m->number;
}

int Matcher::WeekdayAt(size_t& i) const {
  const LexEntry* d = Lex(i, Category::kWeekday);
  if (d == nullptr) return 0;
  if (w_[i].fold.size() <= 4) {  // "Tue." only capitalised and with its period
    if (!w_[i].upper || !Punct(i + 1, ".")) return 0;
    i += 2;
    return d->number;
  }
  ++i;
  return d->number;
}

DayPart Matcher::PartAt(size_t i) const {
  const LexEntry* p = Lex(i, Category::kPart);
  if (p == nullptr) return DayPart::kNone;
  if (w_[i].fold == "apres" && !Is(i + 1, "midi")) return DayPart::kNone;
  if (p->code == "MO") return DayPart::kMorning;
  if (p->code == "AF") return DayPart::kAfternoon;
  if (p->code == "EV") return DayPart::kEvening;
  return DayPart::kNight;
}

// "early", "mid", "late", "fin", "debut" before a month, season or year.
size_t Matcher::SkipEdge(size_t i) const {
  if (Is(i, "early") || Is(i, "late") || Is(i, "mid") || Is(i, "fin") || Is(i, "debut") ||
      Is(i, "mi")) {
    return IsDash(i + 1) ? i + 2 : i + 1;
  }
  return i;
}

size_t Matcher::DateWithMonth(size_t i, Expression& e) const {
  size_t j = i;
  if (Is(j, "le") && (Lex(j + 1, Category::kWeekday) || IsDayNumber(j + 1))) ++j;
  size_t k = j;
  const int weekday = WeekdayAt(k);
  if (weekday > 0) {
    j = k;
    if (Punct(j, ",")) ++j;
  }
  j = SkipEdge(j);
  size_t m = j;
  int month = MonthAt(m);
  int day = -1;
  if (month > 0) {  // month [day] [, year]
    j = m;
    if (IsDayNumber(j) && !IsYearNumber(j)) {
      day = Num(j);
      ++j;
      // "January 5 to 9", "March 3-5"
      if ((RangeJoin(j) || IsDash(j)) && IsDayNumber(j + 1) && Num(j + 1) > day) {
        e.day_end = Num(j + 1);
        j += 2;
      }
      if (Punct(j, ",") && IsYearNumber(j + 1)) ++j;
    } else if (Punct(j, ",") || Is(j, "of")) {
      if (!IsYearNumber(j + 1)) {
        e.month = month;
        e.weekday = weekday;
        return ValidMonthOnly(i, j, e);
      }
      ++j;
    }
  } else if (IsDayNumber(j)) {  // day month [year]
    size_t mm = j + 1;
    // "12 to 15 March", "2 and 4 June", "3-5 mai"
    if ((RangeJoin(mm) || IsDash(mm)) && IsDayNumber(mm + 1) && Num(mm + 1) > Num(j)) {
      e.day_end = Num(mm + 1);
      mm += 2;
    }
    if (Is(mm, "of")) ++mm;
    month = MonthAt(mm);
    if (month == 0) return i;
    day = Num(j);
    j = mm;
  } else {
    return i;
  }
  e.form = Form::kCalendar;
  e.weekday = weekday;
  e.month = month;
  e.day = day;
  if (IsYearNumber(j)) {
    e.year = Num(j);
    ++j;
  } else if (int y = -1; YearInWords(j, y) > j) {
    j = YearInWords(j, y);
    e.year = y;
  }
  // "June last year", "March next year"
  if (e.year < 0 && (Is(j, "last") || Is(j, "this") || Is(j, "next")) && Is(j + 1, "year")) {
    e.year_offset = Is(j, "last") ? -1 : Is(j, "next") ? 1 : 0;
    e.has_year_offset = true;
    j += 2;
    return j;
  }
  if (day < 0 && e.year < 0) return ValidMonthOnly(i, j, e);
  return j;
}

// "to", "and", "until", "au", "et" between two day numbers.
bool Matcher::RangeJoin(size_t i) const {
  const LexEntry* r = Lex(i, Category::kSince);
  return r != nullptr && (r->code == "to" || r->code == "and" || r->code == "until");
}

// A month named alone: fine ("in August", "fin janvier").
size_t Matcher::ValidMonthOnly(size_t i, size_t j, Expression& e) const {
  e.form = Form::kCalendar;
  e.day = -1;
  return j > i ? j : i;
}

size_t Matcher::NumericDate(size_t i, Expression& e) const {
  // yyyy-mm-dd
  if (IsYearNumber(i) && IsDash(i + 1) && Num(i + 2) >= 1 && Num(i + 2) <= 12 && IsDash(i + 3) &&
      IsDayNumber(i + 4) && IsValidDate(Num(i), Num(i + 2), Num(i + 4))) {
    e.form = Form::kCalendar;
    e.year = Num(i);
    e.month = Num(i + 2);
    e.day = Num(i + 4);
    return i + 5;
  }
  // d/m/yyyy or m/d/yyyy: the day over 12 decides; else the American order.
  if (Num(i) >= 1 && Num(i) <= 31 && Punct(i + 1, "/") && Num(i + 2) >= 1 && Num(i + 2) <= 31 &&
      Punct(i + 3, "/") && (IsYearNumber(i + 4) || (Num(i + 4) >= 0 && w_[i + 4].digits == 2))) {
    int a = Num(i), b = Num(i + 2), y = Num(i + 4);
    if (w_[i + 4].digits == 2) y += y < 50 ? 2000 : 1900;
    int month = a, day = b;
    if (a > 12) std::swap(month, day);
    if (!IsValidDate(y, month, day)) return i;
    e.form = Form::kCalendar;
    e.year = y;
    e.month = month;
    e.day = day;
    return i + 5;
  }
  // dd.mm.yyyy written as one token
  if (i < n_ && w_[i].number < 0 && !w_[i].is_word && !w_[i].is_punct) {
    const std::string_view s = w_[i].surface;
    if (s.size() == 10 && s[2] == '.' && s[5] == '.') {
      const int d = std::atoi(std::string(s.substr(0, 2)).c_str());
      const int m = std::atoi(std::string(s.substr(3, 2)).c_str());
      const int y = std::atoi(std::string(s.substr(6, 4)).c_str());
      if (IsValidDate(y, m, d)) {
        e.form = Form::kCalendar;
        e.year = y;
        e.month = m;
        e.day = d;
        return i + 1;
      }
    }
  }
  return i;
}

// A year written in words at j ("nineteen ninety-six", "two thousand and one"): the index
// past it, or j.
size_t Matcher::YearInWords(size_t j, int& year) const {
  const size_t start = j;
  if (Is(j, "nineteen") || Is(j, "eighteen")) {
    const int century = Is(j, "nineteen") ? 1900 : 1800;
    const LexEntry* tens = Lex(j + 1, Category::kNumber);
    if (tens == nullptr || tens->number < 10 || tens->number > 90 || w_[j + 1].fold == "a")
      return start;
    year = century + tens->number;
    j += 2;
    if (tens->number >= 20 && tens->number % 10 == 0) {
      const size_t k = IsDash(j) ? j + 1 : j;
      if (const LexEntry* u = Lex(k, Category::kNumber); u != nullptr && u->number >= 1 &&
                                                         u->number <= 9 && w_[k].fold != "a" &&
                                                         w_[k].fold != "an") {
        year += u->number;
        j = k + 1;
      }
    }
    return j;
  }
  if (Is(j, "two") && Is(j + 1, "thousand")) {
    year = 2000;
    j += 2;
    const size_t k = Is(j, "and") ? j + 1 : j;
    if (const LexEntry* u = Lex(k, Category::kNumber); u != nullptr && u->number >= 1 &&
                                                       u->number <= 19 && w_[k].fold != "a" &&
                                                       w_[k].fold != "an") {
      year += u->number;
      j = k + 1;
    }
    return j;
  }
  return start;
}

size_t Matcher::Year(size_t i, Expression& e) const {
  // "Q2 2020", "Q3"
  if (i < n_ && w_[i].fold.size() == 2 && w_[i].fold[0] == 'q' && w_[i].fold[1] >= '1' &&
      w_[i].fold[1] <= '4' && w_[i].upper) {
    e.form = Form::kCalendar;
    e.quarter = w_[i].fold[1] - '0';
    if (IsYearNumber(i + 1)) {
      e.year = Num(i + 1);
      return i + 2;
    }
    return i + 1;
  }
  // Years in words: "nineteen ninety-six", "the year two thousand".
  {
    size_t j = i;
    if (Is(j, "the") && Is(j + 1, "year")) j += 2;
    int year = -1;
    const size_t end = YearInWords(j, year);
    if (end > j) {
      e.form = Form::kCalendar;
      e.year = year;
      return end;
    }
  }
  // "the nineties", "the eighties"
  if (Is(i, "the")) {
    static constexpr std::pair<std::string_view, int> kDecades[] = {
        {"twenties", 192}, {"thirties", 193},  {"forties", 194},  {"fifties", 195},
        {"sixties", 196},  {"seventies", 197}, {"eighties", 198}, {"nineties", 199}};
    for (const auto& [word, decade] : kDecades) {
      if (Is(i + 1, word)) {
        e.form = Form::kCalendar;
        e.decade = decade;
        return i + 2;
      }
    }
  }
  // Holidays: "Christmas", "Christmas Eve", "Thanksgiving Day".
  if (const LexEntry* h = Lex(i, Category::kHoliday); h != nullptr && w_[i].upper) {
    size_t j = i + 1;
    e.form = Form::kCalendar;
    e.month = std::atoi(h->code.c_str());
    e.day = std::atoi(h->code.c_str() + 3);
    if (Is(j, "eve")) {
      --e.day;
      ++j;
    } else if (Is(j, "day")) {
      ++j;
    }
    if (IsYearNumber(j)) {
      e.year = Num(j);
      ++j;
    }
    return j;
  }
  if (Is(i, "thanksgiving") && w_[i].upper) {
    size_t j = Is(i + 1, "day") ? i + 2 : i + 1;
    e.form = Form::kCalendar;
    e.thanksgiving = true;
    if (IsYearNumber(j)) {
      e.year = Num(j);
      ++j;
    }
    return j;
  }
  // "year-end", "year end", "year's end", "the end of the year": the current year, read as
  // "late 1989" and "the end of 1990" are (TIMEX3 writes the year and marks its end with a
  // modifier), so that "by year-end" and "by the end of 1990" agree.
  {
    size_t end = i;
    if (Is(i, "year") && IsDash(i + 1) && Is(i + 2, "end")) {
      end = i + 3;
    } else if (Is(i, "year") && Is(i + 1, "end")) {
      end = i + 2;
    } else if (Is(i, "year") && Is(i + 1, "'s") && Is(i + 2, "end")) {
      end = i + 3;
    } else if (Is(i, "the") && Is(i + 1, "end") && Is(i + 2, "of") &&
               (Is(i + 3, "the") || Is(i + 3, "this")) && Is(i + 4, "year")) {
      end = i + 5;
    }
    if (end > i) {
      e.form = Form::kDeictic;
      e.unit = 'Y';
      e.amount = 0;
      return end;
    }
  }
  // "the full year": the current one.
  if (Is(i, "the") && Is(i + 1, "full") && Is(i + 2, "year")) {
    e.form = Form::kDeictic;
    e.unit = 'Y';
    e.amount = 0;
    return i + 3;
  }
  // French decades: "les années 1990"
  if (Is(i, "annees") && IsYearNumber(i + 1) && Num(i + 1) % 10 == 0) {
    e.form = Form::kCalendar;
    e.decade = Num(i + 1) / 10;
    return i + 2;
  }
  size_t j = SkipEdge(i);
  if (Is(j, "fiscal")) ++j;
  if (j < n_ && w_[j].decade) {
    // "the 1990s": not when the decade describes a noun ("a 1980s band").
    if (j + 1 < n_ && w_[j + 1].is_word && !w_[j + 1].upper && !IsLinkWord(w_[j + 1].fold))
      return i;
    // "in his 30s", "in their early twenties": an age, not a time.
    for (size_t b : {i, j}) {
      if (b > 0 && (Is(b - 1, "his") || Is(b - 1, "her") || Is(b - 1, "their") ||
                    Is(b - 1, "my") || Is(b - 1, "your") || Is(b - 1, "our"))) {
        return i;
      }
    }
    e.form = Form::kCalendar;
    e.decade = w_[j].number / 10;
    if (w_[j].number % 100 == 0 && w_[j].fold.ends_with("00s")) {
      // "the 1900s" reads as a century more often than a decade; keep the decade.
    }
    return j + 1;
  }
  if (!IsYearNumber(j)) return i;
  if (j > 0 && (Lex(j - 1, Category::kNumNoun) || Punct(j - 1, "$") || Punct(j - 1, "#"))) return i;
  // A name with a year in it: "Orion 1980", "Expo 2020" (not "In 1980" opening a sentence).
  if (j == i && j > 1 && w_[j - 1].is_word && w_[j - 1].upper && w_[j - 1].mask == 0) return i;
  if (Lex(j + 1, Category::kCountNoun) || Punct(j + 1, "%")) return i;
  if (IsDash(j + 1) && Num(j + 2) >= 0) return i;  // a score or a range of numbers
  e.form = Form::kCalendar;
  e.year = Num(j);
  return j + 1;
}

// "the 20th century", "the eleventh century"
size_t Matcher::Century(size_t i, Expression& e) const {
  size_t j = i;
  if (Is(j, "the")) ++j;
  int n = -1;
  if (const LexEntry* o = Lex(j, Category::kOrdinal)) n = o->number;
  if (j < n_ && w_[j].ordinal) n = w_[j].number;
  if (n < 1 || n > 21 || !(Is(j + 1, "century") || Is(j + 1, "siecle"))) return i;
  e.form = Form::kCalendar;
  e.century = n - 1;
  return j + 2;
}

size_t Matcher::SeasonExpr(size_t i, Expression& e) const {
  size_t j = SkipEdge(i);
  const bool the = Is(j, "the");
  if (the) ++j;
  const LexEntry* s = Lex(j, Category::kSeason);
  if (s == nullptr) return i;
  if (s->code == "FA" && w_[j].fold == "fall" && !the && j == i) return i;  // the verb "fall"
  // French "été" is also the participle of "être" ("ont été tués"): a season only as "l'été",
  // "cet été", "en été", "au cours de l'été", or with a year or "dernier".
  if (w_[j].fold == "ete" && w_[j].surface.find('\'') == std::string_view::npos &&
      w_[j].surface.find("\xE2\x80\x99") == std::string_view::npos &&
      !(j > 0 && (Is(j - 1, "cet") || Is(j - 1, "en") || Is(j - 1, "le") || Is(j - 1, "pendant") ||
                  Is(j - 1, "depuis") || Is(j - 1, "du"))) &&
      !IsYearNumber(j + 1) && !Is(j + 1, "dernier") && !Is(j + 1, "prochain")) {
    return i;
  }
  e.form = Form::kCalendar;
  e.season = SeasonOf(s->code);
  ++j;
  int words_year = -1;
  if (Is(j, "of") && IsYearNumber(j + 1)) {
    e.year = Num(j + 1);
    j += 2;
  } else if (IsYearNumber(j)) {
    e.year = Num(j);
    ++j;
  } else if (Is(j, "of") && YearInWords(j + 1, words_year) > j + 1) {
    j = YearInWords(j + 1, words_year);
    e.year = words_year;
  } else if (const LexEntry* m = Lex(j, Category::kModifier);
             m != nullptr && (Is(j, "dernier") || Is(j, "prochain") || Is(j, "passe"))) {
    e.modifier = m->number;
    ++j;
  }
  // "the spring" alone is a season only after a preposition or with a year.
  if (the && e.year < 0 && j == i + 2 &&
      !(i > 0 &&
        (Is(i - 1, "in") || Is(i - 1, "during") || Is(i - 1, "since") || Is(i - 1, "by")))) {
    return i;
  }
  return j;
}

Season Matcher::SeasonOf(std::string_view code) {
  if (code == "SP") return Season::kSpring;
  if (code == "SU") return Season::kSummer;
  if (code == "FA") return Season::kFall;
  return Season::kWinter;
}

size_t Matcher::Clock(size_t i, Expression& e) const {
  if (Is(i, "noon") || Is(i, "midday") || Is(i, "midi") || Is(i, "midnight") || Is(i, "minuit")) {
    if (Is(i, "midi") && i > 0 && Is(i - 1, "apres")) return i;
    e.form = Form::kDeictic;
    e.type = TimexType::kTime;
    e.unit = 'D';
    e.amount = 0;
    e.hour = Is(i, "midnight") || Is(i, "minuit") ? 0 : 12;
    e.minute = 0;
    if (size_t k = i + 1; const int wd = WeekdayAt(k)) {
      e.form = Form::kCalendar;
      e.weekday = wd;
      return k;
    }
    return i + 1;
  }
  int hour = Num(i);
  if (hour < 0 || hour > 23 || w_[i].digits > 2) {
    // "17h30", "9h": one token.
    const std::string_view s = i < n_ ? w_[i].fold : std::string_view();
    const size_t h = s.find('h');
    if (h == std::string_view::npos || h == 0 || h > 2 ||
        s.find_first_not_of("0123456789h") != std::string_view::npos)
      return i;
    hour = std::atoi(std::string(s.substr(0, h)).c_str());
    const int minute = h + 1 < s.size() ? std::atoi(std::string(s.substr(h + 1)).c_str()) : 0;
    if (hour > 23 || minute > 59) return i;
    e.form = Form::kDeictic;
    e.type = TimexType::kTime;
    e.unit = 'D';
    e.hour = hour;
    e.minute = minute;
    return i + 1;
  }
  size_t j = i + 1;
  int minute = 0;
  if (Punct(j, ":") && Num(j + 1) >= 0 && Num(j + 1) <= 59 && w_[j + 1].digits == 2) {
    minute = Num(j + 1);
    j += 2;
  }
  if (Is(j, "am") || Is(j, "pm")) {
    if (hour > 12) return i;
    if (Is(j, "pm") && hour < 12) hour += 12;
    if (Is(j, "am") && hour == 12) hour = 0;
    ++j;
  } else if (Is(j, "o") && Is(j + 1, "clock")) {
    j += 2;
  } else if (j == i + 1) {
    return i;
  }
  e.form = Form::kDeictic;
  e.type = TimexType::kTime;
  e.unit = 'D';
  e.amount = 0;
  e.hour = hour;
  e.minute = minute;
  // A time zone right after: "5 p.m. EST", "GMT".
  if (j < n_ && w_[j].is_word && w_[j].surface.size() >= 2 && w_[j].surface.size() <= 4 &&
      w_[j].surface.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string_view::npos &&
      w_[j].surface.back() == 'T') {
    ++j;
  }
  // A day right after: "10 p.m. Wednesday", "5 p.m. EST, Nov. 9", "9 a.m. tomorrow".
  size_t k = Punct(j, ",") ? j + 1 : j;
  Expression day;
  if (const size_t end = DateWithMonth(k, day); end > k && day.day > 0) {
    e.form = Form::kCalendar;
    e.year = day.year;
    e.month = day.month;
    e.day = day.day;
    e.weekday = day.weekday;
    return end;
  }
  if (const int wd = WeekdayAt(k)) {
    e.form = Form::kCalendar;
    e.weekday = wd;
    return k;
  }
  if (const LexEntry* d = Lex(j, Category::kDeictic)) {
    e.amount = d->number;
    return j + 1;
  }
  return j;
}

}  // namespace frontline::time::internal
