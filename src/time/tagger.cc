#include "time/tagger.h"

#include <algorithm>
#include <cstdlib>

namespace frontline::time {
namespace {

struct Word {
  std::string_view fold;  // folded form; French elision removed ("l'an" -> "an")
  std::string_view surface;
  text::Span span;
  bool is_word = false;
  bool is_punct = false;
  bool upper = false;  // first letter is a capital
  int number = -1;     // a plain integer token ("28", "28th", "1er"), else -1
  int digits = 0;
  bool ordinal = false;                            // "28th", "1er"
  bool decade = false;                             // "1990s"
  const std::vector<LexEntry>* entries = nullptr;  // the word's lexicon entries, if any
  uint32_t mask = 0;  // bit c for each lexicon category c of the word; kNumberBit for numbers
};

constexpr uint32_t Bit(Category c) { return 1u << static_cast<int>(c); }
constexpr uint32_t kNumberBit = 1u << 31;

const LexEntry* FindIn(const std::vector<LexEntry>* entries, Category c) {
  if (entries == nullptr) return nullptr;
  for (const LexEntry& e : *entries)
    if (e.category == c) return &e;
  return nullptr;
}

// English month words: written with a capital in English text, so a lower-case one ("may",
// "march") is a verb or a noun, not a month. French months are written in lower case.
bool IsEnglishMonthWord(std::string_view f) {
  static constexpr std::string_view kWords[] = {
      "january",   "february", "march",    "april",    "may",  "june", "july", "august",
      "september", "october",  "november", "december", "jan",  "feb",  "mar",  "apr",
      "jun",       "jul",      "aug",      "sep",      "sept", "oct",  "nov",  "dec"};
  return std::find(std::begin(kWords), std::end(kWords), f) != std::end(kWords);
}

// Words after which a lower-case word still belongs with a decade ("the 1990s and ...").
bool IsLinkWord(std::string_view f) {
  static constexpr std::string_view kWords[] = {
      "and",   "or",   "of",   "to",  "in",     "when",  "as",   "at",    "on",    "through",
      "until", "with", "but",  "for", "before", "after", "that", "which", "there", "were",
      "was",   "had",  "have", "the", "et",     "ou",    "de",   "en",    "a",     "jusqu"};
  return std::find(std::begin(kWords), std::end(kWords), f) != std::end(kWords);
}

class Matcher {
 public:
  Matcher(const Lexicon& lex, std::vector<Word>& words) : lex_(lex), w_(words), n_(words.size()) {}

  // The longest expression starting at word i; returns the index past it, or i.
  size_t Match(size_t i, Expression& e) const {
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
        i < n_ ? w_[i].mask | (w_[i].fold.size() == 2 && w_[i].fold[0] == 'q' ? kNumberBit : 0u)
               : 0u;
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
    attempt(kNumberBit | opener | Bit(Category::kHoliday) | Bit(Category::kNumber) |
                Bit(Category::kUnit),
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

 private:
  const LexEntry* Lex(size_t i, Category c) const {
    return i < n_ ? FindIn(w_[i].entries, c) : nullptr;
  }
  bool Is(size_t i, std::string_view f) const { return i < n_ && w_[i].fold == f; }
  bool Punct(size_t i, std::string_view p) const {
    return i < n_ && w_[i].is_punct && w_[i].surface == p;
  }
  bool IsDash(size_t i) const {
    return i < n_ && w_[i].is_punct && (w_[i].fold == "-" || w_[i].surface == "\xE2\x80\x93");
  }
  int Num(size_t i) const { return i < n_ && !w_[i].decade ? w_[i].number : -1; }
  bool IsYearNumber(size_t i) const {
    const int v = Num(i);
    return v >= 1000 && v <= 2099 && w_[i].digits == 4 && !w_[i].ordinal;
  }
  bool IsDayNumber(size_t i) const {
    const int v = Num(i);
    return v >= 1 && v <= 31 && w_[i].digits <= 2;
  }

  // A month word that is a month here; `i` advanced past a following abbreviation period.
  int MonthAt(size_t& i) const {
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

  int WeekdayAt(size_t& i) const {
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

  DayPart PartAt(size_t i) const {
    const LexEntry* p = Lex(i, Category::kPart);
    if (p == nullptr) return DayPart::kNone;
    if (w_[i].fold == "apres" && !Is(i + 1, "midi")) return DayPart::kNone;
    if (p->code == "MO") return DayPart::kMorning;
    if (p->code == "AF") return DayPart::kAfternoon;
    if (p->code == "EV") return DayPart::kEvening;
    return DayPart::kNight;
  }
  size_t PartEnd(size_t i) const { return w_[i].fold == "apres" ? i + 2 : i + 1; }

  // "early", "mid", "late", "fin", "debut" before a month, season or year.
  size_t SkipEdge(size_t i) const {
    if (Is(i, "early") || Is(i, "late") || Is(i, "mid") || Is(i, "fin") || Is(i, "debut") ||
        Is(i, "mi")) {
      return IsDash(i + 1) ? i + 2 : i + 1;
    }
    return i;
  }

  size_t DateWithMonth(size_t i, Expression& e) const {
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
  bool RangeJoin(size_t i) const {
    const LexEntry* r = Lex(i, Category::kSince);
    return r != nullptr && (r->code == "to" || r->code == "and" || r->code == "until");
  }

  // A month named alone: fine ("in August", "fin janvier").
  size_t ValidMonthOnly(size_t i, size_t j, Expression& e) const {
    e.form = Form::kCalendar;
    e.day = -1;
    return j > i ? j : i;
  }

  size_t NumericDate(size_t i, Expression& e) const {
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
  size_t YearInWords(size_t j, int& year) const {
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

  size_t Year(size_t i, Expression& e) const {
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
    // "year-end", "the end of the year": December 31.
    if ((Is(i, "year") && IsDash(i + 1) && Is(i + 2, "end")) ||
        (Is(i, "the") && Is(i + 1, "end") && Is(i + 2, "of") && Is(i + 3, "the") &&
         Is(i + 4, "year"))) {
      e.form = Form::kCalendar;
      e.month = 12;
      e.day = 31;
      return Is(i, "year") ? i + 3 : i + 5;
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
      e.form = Form::kCalendar;
      e.decade = w_[j].number / 10;
      if (w_[j].number % 100 == 0 && w_[j].fold.ends_with("00s")) {
        // "the 1900s" reads as a century more often than a decade; keep the decade.
      }
      return j + 1;
    }
    if (!IsYearNumber(j)) return i;
    if (j > 0 && (Lex(j - 1, Category::kNumNoun) || Punct(j - 1, "$") || Punct(j - 1, "#")))
      return i;
    // A name with a year in it: "Orion 1980", "Expo 2020" (not "In 1980" opening a sentence).
    if (j == i && j > 1 && w_[j - 1].is_word && w_[j - 1].upper && w_[j - 1].mask == 0) return i;
    if (Lex(j + 1, Category::kCountNoun) || Punct(j + 1, "%")) return i;
    if (IsDash(j + 1) && Num(j + 2) >= 0) return i;  // a score or a range of numbers
    e.form = Form::kCalendar;
    e.year = Num(j);
    return j + 1;
  }

  size_t WeekdayExpr(size_t i, Expression& e) const {
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

  size_t Deictic(size_t i, Expression& e) const {
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

  static bool CalendarUnit(char u) {
    return u == 'W' || u == 'M' || u == 'Q' || u == 'Y' || u == 'E' || u == 'C';
  }

  char UnitAt(size_t i, bool* weekend = nullptr) const {
    const LexEntry* u = Lex(i, Category::kUnit);
    if (u == nullptr) return 0;
    if (u->code == "WE") {
      if (weekend) *weekend = true;
      return 'W';
    }
    return u->code.empty() ? 0 : u->code[0];
  }

  size_t ModifiedUnit(size_t i, Expression& e) const {
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
      if (plural && the && Is(j, "coming")) {  // "the coming weeks"
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
        if (const LexEntry* m = Lex(k + 1, Category::kModifier);
            m != nullptr && !Is(k + 1, "this")) {
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
  size_t YearAgoAdjective(size_t i, Expression& e) const {
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

  // "the 20th century", "the eleventh century"
  size_t Century(size_t i, Expression& e) const {
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

  // "the next day", "the following day", "the previous day", "the same day", "that day",
  // "le lendemain", "la veille".
  size_t AnaphoricDay(size_t i, Expression& e) const {
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
      amount = Is(j + 2, "before") ? -1 : 1;
      j += 3;
    } else if (Is(j, "the") &&
               (Is(j + 1, "next") || Is(j + 1, "following") || Is(j + 1, "previous") ||
                Is(j + 1, "preceding") || Is(j + 1, "same")) &&
               Is(j + 2, "day")) {
      amount = Is(j + 1, "same") ? 0 : (Is(j + 1, "next") || Is(j + 1, "following")) ? 1 : -1;
      j += 3;
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
  size_t TheUnit(size_t i, size_t j, Expression& e) const {
    if (Is(j, "year") || Is(j, "month") || Is(j, "week") || Is(j, "weekend")) {
      if (Is(j + 1, "-") || Is(j + 1, "ago") || Is(j + 1, "earlier") || Is(j + 1, "before"))
        return i;
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

  static Season SeasonOf(std::string_view code) {
    if (code == "SP") return Season::kSpring;
    if (code == "SU") return Season::kSummer;
    if (code == "FA") return Season::kFall;
    return Season::kWinter;
  }

  // A count before a unit: a cardinal, digits, "a"/"an", "several", "a few".
  bool CountAt(size_t& j, double& amount) const {
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
    if (const LexEntry* v = Lex(j, Category::kVague)) {
      (void)v;
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

  size_t CountedUnit(size_t i, Expression& e) const {
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
    const bool article = counted && (w_[j].fold == "a" || w_[j].fold == "an");
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
    if (IsDash(k)) ++k;
    bool weekend = false;
    const char unit = UnitAt(k, &weekend);
    if (unit == 0 || weekend) return i;
    if (unit == 'Q' && w_[k].fold.ends_with("s") && (IsDash(k - 1) || Is(k + 1, "of"))) {
      return i;  // "three-quarters of", "two quarters of the vote"
    }
    ++k;
    // Ages are not durations: "a 6-year-old", "the 52-year-old".
    if ((IsDash(k) && Is(k + 1, "old")) || Is(k, "old")) return i;
    e.unit = unit;
    e.amount = amount;
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
      if (const LexEntry* a = Lex(k, Category::kAgo)) {
        (void)a;
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

  size_t SeasonExpr(size_t i, Expression& e) const {
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
        !(j > 0 && (Is(j - 1, "cet") || Is(j - 1, "en") || Is(j - 1, "le") ||
                    Is(j - 1, "pendant") || Is(j - 1, "depuis") || Is(j - 1, "du"))) &&
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

  size_t Reference(size_t i, Expression& e) const {
    if (const LexEntry* r = Lex(i, Category::kRef)) {
      if (w_[i].fold == "current" && (Lex(i + 1, Category::kUnit) || Is(i + 1, "quarter")))
        return i;
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

  size_t SetExpr(size_t i, Expression& e) const {
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

  size_t Clock(size_t i, Expression& e) const {
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

  const Lexicon& lex_;
  std::vector<Word>& w_;
  size_t n_;
};

// Parses an integer token with an optional ordinal suffix ("28th", "1er") or decade suffix
// ("1990s").
void ParseNumber(Word& w) {
  const std::string_view f = w.fold;
  size_t k = 0;
  while (k < f.size() && f[k] >= '0' && f[k] <= '9') ++k;
  if (k == 0 || k > 4) return;
  const std::string_view suffix = f.substr(k);
  const int value = std::atoi(std::string(f.substr(0, k)).c_str());
  if (suffix.empty()) {
    w.number = value;
  } else if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th" ||
             suffix == "er" || suffix == "e" || suffix == "re") {
    w.number = value;
    w.ordinal = true;
  } else if (suffix == "s" && (k == 4 || k == 2) && value % 10 == 0) {
    w.number = k == 2 ? 1900 + value : value;
    w.decade = true;
  } else {
    return;
  }
  w.digits = static_cast<int>(k);
}

// Whether an expression may start at word i: a number, a word of a category that opens
// expressions, or a function word ("the", "a", "le") followed by a word the lexicon knows.
bool MayOpen(const std::vector<Word>& words, size_t i) {
  const Word& w = words[i];
  if (w.is_punct) return false;
  if (!w.is_word) return true;                              // numbers
  if (w.fold.size() == 2 && w.fold[0] == 'q') return true;  // "Q3"
  if (w.entries == nullptr) return false;
  bool opens = false, function_word = false;
  for (const LexEntry& e : *w.entries) {
    switch (e.category) {
      case Category::kSince:
      case Category::kFuture:
      case Category::kNumNoun:
      case Category::kCountNoun:
      case Category::kAgo:
      case Category::kLater:
        break;
      case Category::kNumber:
      case Category::kOpener:
        if (w.fold == "a" || w.fold == "an" || w.fold == "the" || w.fold == "le" ||
            w.fold == "la" || w.fold == "les" || w.fold == "un" || w.fold == "une" ||
            w.fold == "that") {
          function_word = true;
        } else {
          opens = true;
        }
        break;
      default:
        opens = true;
    }
  }
  if (opens) return true;
  if (!function_word || i + 1 >= words.size()) return false;
  const Word& next = words[i + 1];
  return !next.is_punct && (!next.is_word || next.entries != nullptr);
}

}  // namespace

void Tagger::Tag(std::string_view text, const text::TextLayer& layer,
                 const text::Sentence& sentence, std::vector<Expression>& out) const {
  thread_local std::vector<Word> words;  // reused: no allocation per sentence
  words.clear();
  thread_local std::vector<int> tense_marks;  // per word: +1 future, -1 past, -2 weak past, 0
  tense_marks.clear();
  for (uint32_t t = sentence.token_begin; t < sentence.token_end; ++t) {
    const text::Token& token = layer.tokens[t];
    Word w;
    w.span = token.span;
    w.surface = token.span.Of(text);
    w.fold = layer.FoldOf(token);
    w.is_word = token.kind == text::TokenKind::kWord;
    w.is_punct = token.kind == text::TokenKind::kPunct;
    if (w.is_word) {
      const unsigned char c = static_cast<unsigned char>(w.surface.front());
      w.upper = (c >= 'A' && c <= 'Z') || (c >= 0xC3 && w.surface.size() > 1 &&
                                           static_cast<unsigned char>(w.surface[1]) >= 0x80 &&
                                           static_cast<unsigned char>(w.surface[1]) <= 0x9E);
      // French elision: "l'an" -> "an", "d'août" -> "aout", "qu'en" -> "en".
      const std::string_view sf = w.surface;
      const size_t apostrophe =
          sf.size() > 2 && (sf[1] == '\'' || sf.substr(1, 3) == "\xE2\x80\x99")   ? 1
          : sf.size() > 3 && (sf[2] == '\'' || sf.substr(2, 3) == "\xE2\x80\x99") ? 2
                                                                                  : 0;
      if (apostrophe == 1 || apostrophe == 2) {
        const size_t skip = apostrophe == 1 ? 1 : 2;
        if (w.fold.size() > skip + 1) w.fold.remove_prefix(skip);
      }
      w.entries = lexicon_->Entries(w.fold);
      if (w.entries != nullptr) {
        for (const LexEntry& entry : *w.entries) w.mask |= Bit(entry.category);
      }
      int mark = 0;
      if (FindIn(w.entries, Category::kFuture) != nullptr || w.surface.ends_with("'ll") ||
          w.surface.ends_with("\xE2\x80\x99ll")) {
        mark = 1;
      } else if (FindIn(w.entries, Category::kPast) != nullptr) {
        mark = -1;
      } else if (w.fold.size() > 4 && w.fold.ends_with("ed")) {
        // A past participle after a determiner is an adjective ("the reduced dividend").
        const std::string_view prev = words.empty() ? std::string_view() : words.back().fold;
        const bool adjective = prev == "the" || prev == "a" || prev == "an" || prev == "its" ||
                               prev == "their" || prev == "his" || prev == "her" ||
                               prev == "this" || prev == "that" || prev == "our";
        if (!adjective) mark = -2;  // weak: counts only just before the expression
      }
      tense_marks.push_back(mark);
      words.push_back(w);
      continue;
    } else if (token.kind == text::TokenKind::kNumber) {
      ParseNumber(w);
      w.entries = lexicon_->Entries(w.fold);  // "1er"
      w.mask = kNumberBit;
      if (w.entries != nullptr) {
        for (const LexEntry& entry : *w.entries) w.mask |= Bit(entry.category);
      }
    }
    tense_marks.push_back(0);
    words.push_back(w);
  }
  Matcher matcher(*lexicon_, words);
  for (size_t i = 0; i < words.size();) {
    // Most words open nothing: skip them without trying every rule.
    if (!MayOpen(words, i)) {
      ++i;
      continue;
    }
    Expression e;
    const size_t end = matcher.Match(i, e);
    if (end == i) {
      ++i;
      continue;
    }
    // The tense of the clause: the nearest marker, looking 8 words left and 6 right.
    e.tense = 0;
    for (size_t d = 1; d <= 8 && e.tense == 0; ++d) {
      if (i >= d && tense_marks[i - d] != 0 && (tense_marks[i - d] != -2 || d <= 5)) {
        e.tense = tense_marks[i - d] == -2 ? -1 : tense_marks[i - d];
      }
      if (e.tense == 0 && d <= 6 && end - 1 + d < words.size() && tense_marks[end - 1 + d] != 0 &&
          tense_marks[end - 1 + d] != -2) {
        e.tense = tense_marks[end - 1 + d];
      }
    }
    if (e.modifier == 1) e.tense = 1;
    {
      // "said Monday", "announced on Tuesday": the day of the saying, which is past; "as soon
      // as Tuesday": ahead.
      size_t b = i;
      if (b > 0 && (words[b - 1].fold == "on" || words[b - 1].fold == "le")) --b;
      if (b > 0) {
        const std::string_view prev = words[b - 1].fold;
        if (prev == "said" || prev == "told" || prev == "announced" || prev == "reported" ||
            prev == "added" || prev == "declared" || prev == "confirmed" || prev == "denied" ||
            prev == "says" || prev == "a declare" || prev == "annonce") {
          e.tense = -1;
        } else if (prev == "soon" && b > 1 && words[b - 2].fold == "as") {
          e.tense = 1;
        }
      }
    }
    e.future = e.tense > 0;
    // The range word before it.
    if (i > 0) {
      size_t b = i - 1;
      if (words[b].fold == "the" && b > 0) --b;
      if (const LexEntry* r = lexicon_->Find(words[b].fold, Category::kSince)) {
        const std::string& c = r->code;
        e.before = c == "since"     ? RangeWord::kSince
                   : c == "from"    ? RangeWord::kFrom
                   : c == "until"   ? RangeWord::kUntil
                   : c == "between" ? RangeWord::kBetween
                   : c == "and"     ? RangeWord::kAnd
                                    : RangeWord::kTo;
        e.before_begin = words[b].span.begin;
      }
    }
    out.push_back(e);
    i = end;
  }
}

}  // namespace frontline::time
