// Counts of people in a sentence: numbers in digits or words, qualified ("at least 12",
// "nearly 350,000") or vague ("dozens"), each tied to what it counts (killed, injured,
// displaced ...). Internal to the event stage.
#ifndef FRONTLINE_EVENT_COUNTS_H_
#define FRONTLINE_EVENT_COUNTS_H_

#include <vector>

#include "event/event.h"
#include "event/sentence.h"

namespace frontline::event {

struct CountMention {
  Count count;
  uint32_t word_begin = 0;  // the number's words
  uint32_t word_end = 0;
};

// The counts of `view`. Numbers inside `excluded` spans (time expressions) are skipped.
// `cumulative` marks every count of the sentence as a cumulative toll.
void FindCounts(const EventLexicon& lexicon, const SentenceView& view,
                const std::vector<text::Span>& excluded, bool cumulative,
                std::vector<CountMention>& out);

}  // namespace frontline::event

#endif  // FRONTLINE_EVENT_COUNTS_H_
