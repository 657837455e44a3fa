// The time tagger: finds time expressions in a sentence's tokens, without resolving them.
//
// Rules over the tokens' folded forms, longest match first: dates with a month ("Tuesday,
// January 28", "le 28 janvier 2020", "Jan. 28", "April 2019"), numeric dates (2020-01-28,
// 28/01/2020), years and decades with guards against labels and counts ("Article 5", "2000
// people", "a 1980s band"), weekdays, deictic days ("yesterday", "hier soir"), units with a
// modifier ("last week", "la semaine dernière", "earlier this year"), counts of units before
// "ago" or "later" ("three days ago", "il y a trois jours", "a year later"), quarters, seasons,
// durations ("two years", "the past 24 hours"), sets ("daily", "every week"), references
// ("now", "recently") and clock times ("5:30 p.m."). The word before an expression that opens
// a range ("since", "between", "depuis") is recorded for the resolver.
#ifndef FRONTLINE_TIME_TAGGER_H_
#define FRONTLINE_TIME_TAGGER_H_

#include <span>
#include <string_view>
#include <vector>

#include "text/layer.h"
#include "time/lexicon.h"
#include "time/time_value.h"

namespace frontline::time {

// How an expression is to be resolved.
enum class Form {
  kCalendar,   // fields the text names (year, month, day, weekday, quarter, season, decade)
  kDeictic,    // `amount` `unit`s from the reference date: today, last week, 3 days ago
  kAnaphoric,  // `amount` `unit`s from the narrative time: a year later, the same day
  kReference,  // now, recently, soon
  kDuration,   // `amount` `unit`s as a length of time
  kSet,        // a recurring time: daily, every week
};

// A word that opens or joins a range around an expression.
enum class RangeWord { kNone, kSince, kFrom, kUntil, kBetween, kAnd, kTo };

constexpr int kNoModifier = 99;

struct Expression {
  Form form = Form::kCalendar;
  text::Span span;  // the expression's bytes (TIMEX3 extent)
  TimexType type = TimexType::kDate;
  // Calendar fields; -1 or 0 when the text does not give them.
  int year = -1, month = -1, day = -1, weekday = 0, quarter = 0, decade = -1, century = -1;
  int day_end = -1;              // "from 12 to 15 March": the last day of a run of days
  bool overnight = false;        // the night before the reference date
  bool ago = false;              // counted back from the reference: "three years ago"
  bool thanksgiving = false;     // the fourth Thursday of November
  bool has_year_offset = false;  // "June last year": the year is the reference's plus year_offset
  int year_offset = 0;
  Season season = Season::kNone;
  DayPart part = DayPart::kNone;
  int hour = -1, minute = -1;
  int modifier = kNoModifier;   // last (-1), this (0), next (+1) before a calendar field or unit
  bool latest_quarter = false;  // "the quarter", "the latest quarter": the last complete one
  bool weekend = false;
  // Units: deictic and anaphoric offsets, durations, set periods.
  double amount = 0;  // < 0: unspecified ("several years")
  char unit = 0;      // 'D' 'W' 'M' 'Q' 'Y' 'E' 'C' 'H' 'N'
  Reference reference = Reference::kNone;
  bool future = false;                  // the clause speaks of the future ("will", "next")
  int tense = 0;                        // -1 past, +1 future, 0 the text does not say
  RangeWord before = RangeWord::kNone;  // the range word just before the expression
  uint32_t before_begin = 0;            // where that word starts
};

class Tagger {
 public:
  // `lexicon` must outlive the tagger. Tag is const and thread-safe.
  explicit Tagger(const Lexicon& lexicon) : lexicon_(&lexicon) {}

  // Appends the expressions of one sentence, given by its tokens in `layer`, to `out`, in
  // order, none overlapping.
  void Tag(std::string_view text, const text::TextLayer& layer, const text::Sentence& sentence,
           std::vector<Expression>& out) const;

 private:
  const Lexicon* lexicon_;
};

}  // namespace frontline::time

#endif  // FRONTLINE_TIME_TAGGER_H_
