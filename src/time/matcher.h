// The rules of the time tagger (tagger.cc), shared by the files that define them:
// matcher_dates.cc (calendar dates, years, seasons, clock times) and matcher_relative.cc
// (weekdays, deictic and anaphoric expressions, units, counts, references, sets).
// Internal to src/time/: not part of the stage's contract (time.h).
#ifndef FRONTLINE_TIME_MATCHER_H_
#define FRONTLINE_TIME_MATCHER_H_

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string_view>
#include <vector>

#include "time/lexicon.h"
#include "time/tagger.h"

namespace frontline::time::internal {

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

inline const LexEntry* FindIn(const std::vector<LexEntry>* entries, Category c) {
  if (entries == nullptr) return nullptr;
  for (const LexEntry& e : *entries)
    if (e.category == c) return &e;
  return nullptr;
}

// English month words: written with a capital in English text, so a lower-case one ("may",
// "march") is a verb or a noun, not a month. French months are written in lower case.
inline bool IsEnglishMonthWord(std::string_view f) {
  static constexpr std::string_view kWords[] = {
      "january",   "february", "march",    "april",    "may",  "june", "july", "august",
      "september", "october",  "november", "december", "jan",  "feb",  "mar",  "apr",
      "jun",       "jul",      "aug",      "sep",      "sept", "oct",  "nov",  "dec"};
  return std::find(std::begin(kWords), std::end(kWords), f) != std::end(kWords);
}

// Words after which a lower-case word still belongs with a decade ("the 1990s and ...").
inline bool IsLinkWord(std::string_view f) {
  static constexpr std::string_view kWords[] = {
      "and",   "or",   "of",   "to",  "in",     "when",  "as",   "at",    "on",    "through",
      "until", "with", "but",  "for", "before", "after", "that", "which", "there", "were",
      "was",   "had",  "have", "the", "et",     "ou",    "de",   "en",    "a",     "jusqu"};
  return std::find(std::begin(kWords), std::end(kWords), f) != std::end(kWords);
}

// Matches the rules of the time grammar at one word of a sentence.
class Matcher {
 public:
  Matcher(const Lexicon& lex, std::vector<Word>& words) : lex_(lex), w_(words), n_(words.size()) {}

  // The longest expression starting at word i; returns the index past it, or i.
  size_t Match(size_t i, Expression& e) const;

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
  int MonthAt(size_t& i) const;

  int WeekdayAt(size_t& i) const;

  DayPart PartAt(size_t i) const;
  size_t PartEnd(size_t i) const { return w_[i].fold == "apres" ? i + 2 : i + 1; }

  // "early", "mid", "late", "fin", "debut" before a month, season or year.
  size_t SkipEdge(size_t i) const;

  size_t DateWithMonth(size_t i, Expression& e) const;

  // "to", "and", "until", "au", "et" between two day numbers.
  bool RangeJoin(size_t i) const;

  // A month named alone: fine ("in August", "fin janvier").
  size_t ValidMonthOnly(size_t i, size_t j, Expression& e) const;

  size_t NumericDate(size_t i, Expression& e) const;

  // A year written in words at j ("nineteen ninety-six", "two thousand and one"): the index
  // past it, or j.
  size_t YearInWords(size_t j, int& year) const;

  size_t Year(size_t i, Expression& e) const;

  size_t WeekdayExpr(size_t i, Expression& e) const;

  size_t Deictic(size_t i, Expression& e) const;

  static bool CalendarUnit(char u);

  char UnitAt(size_t i, bool* weekend = nullptr) const;

  size_t ModifiedUnit(size_t i, Expression& e) const;

  // "year-earlier", "the year-ago quarter", "the year-earlier period": the same period a year
  // before the narrative time.
  size_t YearAgoAdjective(size_t i, Expression& e) const;

  // "the 20th century", "the eleventh century"
  size_t Century(size_t i, Expression& e) const;

  // "the next day", "the following day", "the previous day", "the same day", "that day",
  // "le lendemain", "la veille".
  size_t AnaphoricDay(size_t i, Expression& e) const;

  // "the year", "the quarter", "the week", "the month": the current one.
  size_t TheUnit(size_t i, size_t j, Expression& e) const;

  static Season SeasonOf(std::string_view code);

  // A count before a unit: a cardinal, digits, "a"/"an", "several", "a few", "half a(n)",
  // "another [N]", with a half after it ("2 1/2", "two and a half").
  bool CountAt(size_t& j, double& amount) const;
  bool CountWordsAt(size_t& j, double& amount) const;  // CountAt without the half after it

  size_t CountedUnit(size_t i, Expression& e) const;

  size_t SeasonExpr(size_t i, Expression& e) const;

  size_t Reference(size_t i, Expression& e) const;

  size_t SetExpr(size_t i, Expression& e) const;

  size_t Clock(size_t i, Expression& e) const;

  const Lexicon& lex_;
  std::vector<Word>& w_;
  size_t n_;
};

}  // namespace frontline::time::internal

#endif  // FRONTLINE_TIME_MATCHER_H_
