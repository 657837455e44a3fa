#include "event/sentence.h"

namespace frontline::event {

const Hit* SentenceView::Longest(size_t word, Category category, int64_t payload) const {
  if (word + 1 >= first_hit.size()) return nullptr;
  const Hit* best = nullptr;
  for (uint32_t i = first_hit[word]; i < first_hit[word + 1]; ++i) {
    const Hit& h = hits[i];
    if (h.category != category || (payload >= 0 && h.payload != static_cast<uint32_t>(payload)))
      continue;
    if (best == nullptr || h.length > best->length) best = &h;
  }
  return best;
}

void AnnotateSentence(const EventLexicon& lexicon, const ActorDictionary& actors,
                      const geo::Gazetteer* gazetteer, const text::TextLayer& layer,
                      std::string_view text, const text::Sentence& sentence, SentenceView& view) {
  view.words.Reset(layer, text, sentence);
  const size_t n = view.words.size();
  view.hits.clear();
  view.first_hit.assign(n + 1, 0);
  view.cues.assign(n, 0);
  view.all_cues = 0;
  view.clause.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    view.first_hit[i] = static_cast<uint32_t>(view.hits.size());
    lexicon.phrases().ForEachMatch(view.words, i, [&](uint32_t length, uint32_t value) {
      const Hit h{static_cast<uint32_t>(i), length, EventLexicon::CategoryOf(value),
                  EventLexicon::PayloadOf(value)};
      if (h.category == Category::kCue) view.cues[i] |= 1u << h.payload;
      view.hits.push_back(h);
    });
    view.all_cues |= view.cues[i];
  }
  view.first_hit[n] = static_cast<uint32_t>(view.hits.size());
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
