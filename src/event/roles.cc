// Roles: who acts on whom, from a trigger's form and voice and the actors around it.
#include <algorithm>

#include "event/extraction.h"

namespace frontline::event {

EventActor Extraction::ToEventActor(int mention) const {
  const ActorMention& m = v_.actors[static_cast<size_t>(mention)];
  const Actor& a = dict_.actor(m.actor);
  return EventActor{static_cast<int32_t>(m.actor), m.country, a.sector, m.span};
}

bool AfterPreposition(const SentenceView& v, size_t word) {
  for (size_t back = 1; back <= 2 && back <= word; ++back) {
    const std::string_view f = v.words.fold(word - back);
    if (f == "against" || f == "on" || f == "by" || f == "with" || f == "targeting" ||
        f == "of" || f == "to" || f == "from" || f == "at" || f == "contre" || f == "par")
      return true;
    if (f != "the" && f != "la" && f != "le" && f != "les" && f != "l") return false;
  }
  return false;
}

int Extraction::LeftActor(size_t before, size_t clause_word, bool allow_metonym) const {
  const uint16_t clause = v_.clause[std::min(clause_word, v_.clause.size() - 1)];
  for (int a = static_cast<int>(v_.actors.size()) - 1; a >= 0; --a) {
    const ActorMention& m = v_.actors[static_cast<size_t>(a)];
    if (m.word_end > before) continue;
    if (v_.clause[m.word_begin] != clause) return -1;
    if (dict_.actor(m.actor).metonym) {
      // "Moscow's envoy", "in Kabul": a place, not the government acting.
      const bool possessive = m.word_end < v_.words.size() &&
                              (v_.words.fold(m.word_end) == "'s" || v_.words.fold(m.word_end) == "s");
      if (!allow_metonym || possessive) continue;
    }
    if (AfterPreposition(v_, m.word_begin)) continue;
    return a;
  }
  return -1;
}

int Extraction::RightActor(size_t after, size_t clause_word, size_t max_distance) const {
  const uint16_t clause = v_.clause[std::min(clause_word, v_.clause.size() - 1)];
  for (size_t a = 0; a < v_.actors.size(); ++a) {
    const ActorMention& m = v_.actors[a];
    if (m.word_begin < after) continue;
    if (m.word_begin > after + max_distance || v_.clause[m.word_begin] != clause) return -1;
    if (dict_.actor(m.actor).metonym) continue;
    bool support = false;
    for (size_t back = 1; back <= 4 && back <= m.word_begin; ++back)
      support = support || v_.CueLength(m.word_begin - back, Cue::kSupport) >= back;
    if (support) continue;
    return static_cast<int>(a);
  }
  return -1;
}

// The first actor that starts within two words after a `cue` phrase found in words [from, to).
int Extraction::ActorAfterCue(size_t from, size_t to, Cue cue, size_t clause_word) const {
  const uint16_t clause = v_.clause[std::min(clause_word, v_.clause.size() - 1)];
  for (size_t w = from; w < to && w < v_.words.size(); ++w) {
    if (v_.clause[w] != clause) break;
    const uint32_t len = v_.CueLength(w, cue);
    if (len == 0) continue;
    for (size_t k = w + len; k <= w + len + 2 && k < v_.words.size(); ++k) {
      if (v_.actor_at[k] >= 0 && v_.actors[static_cast<size_t>(v_.actor_at[k])].word_begin == k)
        return v_.actor_at[k];
    }
  }
  return -1;
}

// "Troops and militias attacked": the first named leads, the others are associated.
void Extraction::Coordinate(int& first, std::vector<int>& assoc) const {
  while (first > 0) {
    const ActorMention& m = v_.actors[static_cast<size_t>(first)];
    const ActorMention& prev = v_.actors[static_cast<size_t>(first - 1)];
    size_t gap = m.word_begin - prev.word_end;
    bool joined = gap >= 1 && gap <= 2;
    joined = gap >= 1 && gap <= 3;
    bool conjunction = false;
    for (size_t w = prev.word_end; w < m.word_begin && joined; ++w) {
      const std::string_view f = v_.words.fold(w);
      conjunction = conjunction || f == "and" || f == "," || f == "et";
      joined = f == "and" || f == "," || f == "the" || f == "et" ||
               v_.words.token(w).kind == text::TokenKind::kNumber;
    }
    joined = joined && conjunction;
    if (!joined || v_.words.fold(prev.word_end) == "the") break;
    assoc.insert(assoc.begin(), first);
    first = first - 1;
  }
}

namespace {

// Past participles, the verb forms a passive takes ("killed", "taken", "shot"; not "fighting").
bool IsParticiple(std::string_view fold) {
  return fold.ends_with("ed") || fold.ends_with("en") || fold.ends_with("wn") ||
         fold.ends_with("nt") || fold == "shot" || fold == "hit" || fold == "struck" ||
         fold == "held" || fold == "fought" || fold == "caught" || fold == "hurt" ||
         fold == "beat" || fold == "overrun" || fold == "set" || fold == "found" ||
         fold == "left" || fold == "lost" || fold == "slain" || fold == "hung";
}

}  // namespace

bool Extraction::Passive(const Trigger& t) const {
  if (!IsParticiple(v_.words.fold(t.begin))) return false;
  for (const Hit& h : v_.hits) {
    if (h.category != Category::kCue || h.payload != static_cast<uint32_t>(Cue::kBe)) continue;
    if (h.end() == t.begin) return true;
    // "were reportedly killed"
    if (h.end() + 1 == t.begin && v_.words.fold(t.begin - 1).ends_with("ly")) return true;
  }
  return false;
}

Roles Extraction::FindRoles(const Trigger& t) const {
  Roles r;
  const size_t n = v_.words.size();
  const int by = ActorAfterCue(t.end, std::min(n, static_cast<size_t>(t.end) + 4), Cue::kBy,
                               t.begin);
  switch (t.form) {
    case TriggerForm::kVerb:
      if (Passive(t) || by >= 0) {
        r.passive = true;
        r.a1 = by;
        r.a2 = LeftActor(t.begin, t.begin, false);
      } else {
        r.a1 = LeftActor(t.begin, t.begin, true);
        r.a2 = RightActor(t.end, t.end > 0 ? t.end - 1 : 0, 10);
      }
      break;
    case TriggerForm::kNoun: {
      r.a1 = by;
      // "clashes between A and B", "clashes around X area between A and B": the actors after
      // "between", the first as actor1; one named alone is actor1.
      for (size_t w = t.end; w < n && w < t.end + 8; ++w) {
        if (!v_.HasCue(w, Cue::kBetween)) continue;
        for (const ActorMention& m : v_.actors) {
          if (m.word_begin <= w || m.word_begin > w + 10) continue;
          const int index = static_cast<int>(&m - v_.actors.data());
          if (r.a1 < 0) {
            r.a1 = index;
          } else if (r.a2 < 0 && m.actor != v_.actors[static_cast<size_t>(r.a1)].actor) {
            r.a2 = index;
          }
        }
        break;
      }
      if (r.a1 < 0 && t.begin > 0) {
        // "Russian air strikes", "regime shelling", "HTS's attack".
        size_t w = t.begin;
        if (w >= 2 && (v_.words.fold(w - 1) == "s" || v_.words.fold(w - 1) == "'s")) --w;
        if (v_.actor_at[w - 1] >= 0) {
          r.a1 = v_.actor_at[w - 1];
        } else {
          std::string_view c = ActorDictionary::DemonymCountry(v_.words, w - 1, gaz_);
          if (c.empty() && w >= 2) c = ActorDictionary::DemonymCountry(v_.words, w - 2, gaz_);
          if (!c.empty()) r.demonym1 = c;
        }
      }
      if (r.a1 < 0 && r.demonym1.empty()) r.a1 = LeftActor(t.begin, t.begin, true);
      if (r.a2 < 0) {
        r.a2 = ActorAfterCue(t.end, std::min(n, static_cast<size_t>(t.end) + 6), Cue::kTargetPrep,
                             t.begin);
      }
      break;
    }
    case TriggerForm::kAgentAfter:
      r.a1 = RightActor(t.end, t.end > 0 ? t.end - 1 : 0, 4);
      break;
    case TriggerForm::kAffected:
      r.a2 = LeftActor(t.begin, t.begin, false);
      r.a1 = by;
      break;
  }
  if (r.a1 >= 0) Coordinate(r.a1, r.assoc1);
  if (r.a2 >= 0) Coordinate(r.a2, r.assoc2);
  // One actor named twice ("ISIS ... the Islamic State") is not both sides.
  if (r.a1 >= 0 && r.a2 >= 0 &&
      v_.actors[static_cast<size_t>(r.a1)].actor == v_.actors[static_cast<size_t>(r.a2)].actor) {
    r.a2 = -1;
    r.assoc2.clear();
  }
  // Supporters: "with the support of X", "backed by X", "X air support".
  for (size_t w = 0; w < n; ++w) {
    if (const uint32_t len = v_.CueLength(w, Cue::kSupport)) {
      for (size_t k = w + len; k <= w + len + 2 && k < n; ++k) {
        const int a = v_.actor_at[k];
        if (a >= 0 && a != r.a1 && a != r.a2) {
          r.assoc1.push_back(a);
          break;
        }
      }
    }
    if (v_.HasCue(w, Cue::kSupportAfter) && w > 0) {
      const int a = v_.actor_at[w - 1];
      if (a >= 0 && a != r.a1 && a != r.a2) r.assoc1.push_back(a);
    }
  }
  return r;
}

}  // namespace frontline::event
