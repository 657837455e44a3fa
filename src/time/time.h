// The time stage: every time expression of a document, resolved to an absolute date range with
// an honest precision, and the document's publication date (given or inferred).
//
// Resolution follows news conventions: a date without a year, a month, a season or a weekday
// is the most recent one on or before the reference date (the publication date), unless the
// sentence speaks of the future; "a year later" and "the same day" count from the narrative
// time (the last date the text resolved); "since December" runs from December to the
// reference date. Deictic words count from the reference date.
#ifndef FRONTLINE_TIME_TIME_H_
#define FRONTLINE_TIME_TIME_H_

#include <optional>
#include <string_view>
#include <vector>

#include "text/layer.h"
#include "time/calendar.h"
#include "time/lexicon.h"
#include "time/tagger.h"
#include "time/time_value.h"

namespace frontline::time {

struct TimeMention {
  uint32_t sentence = 0;  // index of the sentence that holds it
  text::Span span;        // the expression (TIMEX3 extent)
  TimeValue value;        // its own resolution (TIMEX3 view through value.ToTimex())
  // When the expression opens or closes a range ("since December", "between March and May",
  // "in the spring and summer"), the range and the words that state it; the range is what an
  // event dated by this expression takes.
  bool has_range = false;
  TimeValue range;
  text::Span range_span;
};

struct DocumentTimes {
  std::optional<Date> publication;                // the reference date used, when there was one
  Origin publication_origin = Origin::kExplicit;  // kInferred when recovered from the text
  std::vector<TimeMention> mentions;
};

class TimeStage {
 public:
  // `lexicon` must outlive the stage. Annotate is const and thread-safe.
  explicit TimeStage(const Lexicon& lexicon) : tagger_(lexicon) {}

  // Tags and resolves every time expression of `text` (analysed into `layer`). `published` is
  // the publication date when the source states one; otherwise it is inferred from the text
  // (a weekday with a day and month pins the year against the years the text names; else the
  // latest full date in the text), and without either, relative expressions stay undated.
  DocumentTimes Annotate(std::string_view text, const text::TextLayer& layer,
                         std::optional<Date> published) const;

  // Resolves one expression against a reference date and the narrative time (may be null).
  static TimeValue Resolve(const Expression& e, const Date& reference, const TimeValue* narrative);

 private:
  Tagger tagger_;
};

}  // namespace frontline::time

#endif  // FRONTLINE_TIME_TIME_H_
