#include "event/sentence.h"

namespace frontline::event {

uint32_t SentenceView::CueLength(size_t word, Cue cue) const {
  uint32_t best = 0;
  if (!HasCue(word, cue)) return 0;
  for (const Hit& h : hits) {
    if (h.word == word && h.category == Category::kCue && h.payload == static_cast<uint32_t>(cue))
      best = std::max(best, h.length);
    if (h.word > word) break;
  }
  return best;
}

void AnnotateSentence(const EventLexicon& lexicon, const ActorDictionary& actors,
                      const geo::Gazetteer* gazetteer, const text::TextLayer& layer,
                      std::string_view text, const text::Sentence& sentence, SentenceView& view) {
  view.words.Reset(layer, text, sentence);
  const size_t n = view.words.size();
  view.hits.clear();
  view.cues.assign(n, 0);
  view.clause.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    lexicon.phrases().ForEachMatch(view.words, i, [&](uint32_t length, uint32_t value) {
      const Hit h{static_cast<uint32_t>(i), length, EventLexicon::CategoryOf(value),
                  EventLexicon::PayloadOf(value)};
      if (h.category == Category::kCue) view.cues[i] |= 1u << h.payload;
      view.hits.push_back(h);
    });
  }
  uint16_t clause = 0;
  for (size_t i = 0; i < n; ++i) {
    if (view.HasCue(i, Cue::kClauseBreak)) ++clause;
    view.clause[i] = clause;
  }
  actors.Find(view.words, gazetteer, view.actors);
  view.actor_at.assign(n, -1);
  for (size_t a = 0; a < view.actors.size(); ++a) {
    for (uint32_t w = view.actors[a].word_begin; w < view.actors[a].word_end; ++w)
      view.actor_at[w] = static_cast<int32_t>(a);
  }
}

}  // namespace frontline::event
