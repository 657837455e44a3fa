// One sentence as the event rules see it: its words, every lexicon phrase and actor mention in
// it, and its clauses. Internal to the event stage.
#ifndef FRONTLINE_EVENT_SENTENCE_H_
#define FRONTLINE_EVENT_SENTENCE_H_

#include <cstdint>
#include <vector>

#include "event/actors.h"
#include "event/lexicon.h"
#include "event/phrases.h"

namespace frontline::event {

// One lexicon phrase found in the sentence.
struct Hit {
  uint32_t word = 0;  // first word
  uint32_t length = 0;
  Category category = Category::kCue;
  uint32_t payload = 0;
  uint32_t end() const { return word + length; }
};

struct SentenceView {
  Words words;
  std::vector<Hit> hits;              // in word order
  std::vector<uint32_t> first_hit;    // per word, and one past the end: its first index in `hits`
  std::vector<uint32_t> cues;         // per word: bit (1 << Cue) for each cue starting there
  uint32_t all_cues = 0;              // the cues of the whole sentence
  std::vector<uint16_t> clause;       // per word: its clause number
  std::vector<ActorMention> actors;   // in word order
  std::vector<int32_t> actor_at;      // per word: index in `actors` covering it, or -1

  bool HasCue(size_t word, Cue cue) const {
    return word < cues.size() && (cues[word] >> static_cast<unsigned>(cue) & 1u) != 0;
  }
  bool AnyCue(Cue cue) const { return (all_cues >> static_cast<unsigned>(cue) & 1u) != 0; }
  // The longest phrase of `category` (and `payload`, when not negative) that starts at `word`,
  // the first found on a tie; null when none.
  const Hit* Longest(size_t word, Category category, int64_t payload = -1) const;
  // The length of the longest cue phrase of kind `cue` starting at `word` (0 when none).
  uint32_t CueLength(size_t word, Cue cue) const {
    const Hit* h = HasCue(word, cue) ? Longest(word, Category::kCue, static_cast<int64_t>(cue))
                                     : nullptr;
    return h ? h->length : 0;
  }
};

// Fills `view` for `sentence` (buffers reused).
void AnnotateSentence(const EventLexicon& lexicon, const ActorDictionary& actors,
                      const geo::Gazetteer* gazetteer, const text::TextLayer& layer,
                      std::string_view text, const text::Sentence& sentence, SentenceView& view);

}  // namespace frontline::event

#endif  // FRONTLINE_EVENT_SENTENCE_H_
