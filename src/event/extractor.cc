// EventStage::Extract: the rules of event.h's header comment.
#include <algorithm>
#include <array>
#include <cmath>

#include "event/counts.h"
#include "event/event.h"
#include "event/sentence.h"

namespace frontline::event {
namespace {

using TC = TriggerClass;

struct Trigger {
  TC cls;
  TriggerForm form;
  uint32_t begin, end;  // words
};

// Roles found for one trigger: indices into the sentence's actor mentions.
struct Roles {
  int a1 = -1, a2 = -1;
  std::vector<int> assoc1, assoc2;
  std::string demonym1;  // actor1 named only by a country's adjective ("Russian air strikes")
  bool passive = false;
};

bool IsInstrument(TC c) {
  return c == TC::kAir || c == TC::kShell || c == TC::kIed || c == TC::kExplosion ||
         c == TC::kSuicide || c == TC::kGrenade || c == TC::kChemical;
}

bool IsViolence(TC c) {
  return IsInstrument(c) || c == TC::kClash || c == TC::kAttack || c == TC::kKill ||
         c == TC::kInjure;
}

// Instruments in the order that decides a sentence that names several.
int InstrumentRank(TC c) {
  switch (c) {
    case TC::kChemical:
      return 0;
    case TC::kSuicide:
      return 1;
    case TC::kAir:
      return 2;
    case TC::kShell:
      return 3;
    case TC::kGrenade:
      return 4;
    case TC::kIed:
      return 5;
    case TC::kExplosion:
      return 6;
    default:
      return 9;
  }
}

SubEventType InstrumentType(TC c) {
  switch (c) {
    case TC::kChemical:
      return SubEventType::kChemicalWeapon;
    case TC::kSuicide:
      return SubEventType::kSuicideBomb;
    case TC::kAir:
      return SubEventType::kAirDroneStrike;
    case TC::kShell:
      return SubEventType::kShellingArtilleryMissileAttack;
    case TC::kGrenade:
      return SubEventType::kGrenade;
    case TC::kExplosion:
      // Explosions of no stated device are, in conflict reporting, mostly heavy weapons.
      return SubEventType::kShellingArtilleryMissileAttack;
    default:
      return SubEventType::kRemoteExplosiveLandmineIed;
  }
}

// Whether the words before `word` make it what a protest is about ("against the arrest of",
// "demanding the release of"), not what happened to the protesters.
bool IsGrievance(const SentenceView& v, size_t word) {
  for (size_t back = 1; back <= 7 && back <= word; ++back) {
    const std::string_view f = v.words.fold(word - back);
    if (f == "against" || f == "over" || f == "demand" || f == "demanding" || f == "demanded" ||
        f == "release" || f == "denounce" || f == "denouncing" || f == "condemn" ||
        f == "condemning" || f == "house" || f == "possible" || f == "protest" ||
        f == "protesting" || f == "culprits" || f == "accused" || f == "return" ||
        f == "justice")
      return true;
  }
  return false;
}

bool IsQuantityNoun(std::string_view f) {
  return f == "ton" || f == "tons" || f == "kilo" || f == "kilos" || f == "kg" ||
         f == "quantity" || f == "number" || f == "total" || f == "large" || f == "huge" ||
         f == "cache" || f == "consignment" || f == "shipment" || f == "haul" || f == "batch";
}

bool IsStateSide(Sector s) { return s == Sector::kState || s == Sector::kExternal; }

bool IsPronounSubject(std::string_view fold) {
  return fold == "they" || fold == "we" || fold == "ils" || fold == "elles";
}

// A cue word written with a capital inside the sentence is a name ("May", "Will").
bool CueIsWord(const SentenceView& v, size_t w) {
  if (w == 0) return true;
  const std::string_view s = v.words.surface(w);
  return s.empty() || !(s[0] >= 'A' && s[0] <= 'Z');
}

class Extraction {
 public:
  Extraction(const EventLexicon& lex, const ActorDictionary& actors, const geo::Gazetteer* gaz,
             std::string_view text, const text::TextLayer& layer,
             const time::DocumentTimes& times, const std::vector<geo::Toponym>& places)
      : lex_(lex), dict_(actors), gaz_(gaz), text_(text), layer_(layer), times_(times),
        places_(places) {}

  std::vector<Event> Run();

 private:
  void Sentence(uint32_t s);
  int LeftActor(size_t before, size_t clause_word, bool allow_metonym) const;
  int RightActor(size_t after, size_t clause_word, size_t max_distance) const;
  int ActorAfterCue(size_t from, size_t to, Cue cue, size_t clause_word) const;
  Roles FindRoles(const Trigger& t) const;
  void Coordinate(int& first, std::vector<int>& assoc) const;
  EventActor ToEventActor(int mention) const;
  bool Passive(const Trigger& t) const;
  void AddEvent(SubEventType type, const Trigger& anchor, const Roles& roles,
                const std::vector<CountMention>& counts, double base);
  void Locate(Event& e, const Trigger& anchor, bool territory);
  bool InCountryside(const geo::Toponym& t) const;
  void Date(Event& e, const Trigger& anchor);
  void Modal(Event& e, const Trigger& anchor);
  // Analysts' conventions for sides: whoever protests is coded as protesters, whoever riots as
  // rioters, and violence by an unnamed perpetrator as an unidentified armed group.
  void ApplyCodingConventions(Event& e) const;
  EventActor Generic(std::string_view id, Sector sector) const;
  // The armed actor the document has named most so far, of the state side or the other.
  const EventActor* MostMentioned(bool state) const;

  const EventLexicon& lex_;
  const ActorDictionary& dict_;
  const geo::Gazetteer* gaz_;
  std::string_view text_;
  const text::TextLayer& layer_;
  const time::DocumentTimes& times_;
  const std::vector<geo::Toponym>& places_;

  SentenceView v_;
  uint32_t sentence_ = 0;
  std::vector<Trigger> triggers_;
  std::vector<text::Span> time_spans_;
  std::vector<CountMention> counts_;
  // The paragraph's topic: the last armed side named as a subject ("they" refers to it).
  EventActor topic_;
  uint32_t topic_paragraph_ = UINT32_MAX;
  std::vector<Event> events_;
  // Armed actors of the document by mention count, for a capture whose loser is unnamed.
  std::vector<std::pair<EventActor, int>> armed_;
  // Votes for the country the document reports from: its divisions and countries count most,
  // then named actors, then towns.
  std::vector<std::pair<std::string, double>> country_votes_;
  void VoteCountry(std::string_view country, double weight);
  std::string_view DocumentCountry() const;
};

const EventActor* Extraction::MostMentioned(bool state) const {
  const EventActor* best = nullptr;
  int most = 0;
  for (const auto& [actor, mentions] : armed_) {
    if (IsStateSide(actor.sector) != state) continue;
    if (mentions > most) best = &actor, most = mentions;
  }
  return best;
}

void Extraction::VoteCountry(std::string_view country, double weight) {
  if (country.empty()) return;
  for (auto& [c, w] : country_votes_) {
    if (c == country) {
      w += weight;
      return;
    }
  }
  country_votes_.emplace_back(std::string(country), weight);
}

std::string_view Extraction::DocumentCountry() const {
  double total = 0, best = 0;
  std::string_view country;
  for (const auto& [c, w] : country_votes_) {
    total += w;
    if (w > best) best = w, country = c;
  }
  return best >= 0.5 * total ? country : std::string_view();
}

std::vector<Event> Extraction::Run() {
  for (const geo::Toponym& t : places_) {
    if (!t.resolved) continue;
    const bool area = t.place.level == geo::Level::kAdmin1 || t.place.level == geo::Level::kCountry;
    VoteCountry(t.place.country, area ? 3 : 1);
  }
  for (uint32_t s = 0; s < layer_.sentences.size(); ++s) Sentence(s);
  // A capture that does not name who lost the place: the side the document names most often
  // among those the captor fights.
  for (Event& e : events_) {
    if ((e.type != SubEventType::kGovernmentRegainsTerritory &&
         e.type != SubEventType::kNonStateActorOvertakesTerritory) ||
        !e.side2.empty())
      continue;
    const bool state = e.type == SubEventType::kGovernmentRegainsTerritory;
    if (const EventActor* loser = MostMentioned(!state)) e.side2.push_back(*loser);
  }
  return std::move(events_);
}

EventActor Extraction::ToEventActor(int mention) const {
  const ActorMention& m = v_.actors[static_cast<size_t>(mention)];
  const Actor& a = dict_.actor(m.actor);
  return EventActor{static_cast<int32_t>(m.actor), m.country, a.sector, m.span};
}

// Actor mentions preceded by a preposition are not subjects ("against the army").
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

// Past participles, the verb forms a passive takes ("killed", "taken", "shot"; not "fighting").
bool IsParticiple(std::string_view fold) {
  return fold.ends_with("ed") || fold.ends_with("en") || fold.ends_with("wn") ||
         fold.ends_with("nt") || fold == "shot" || fold == "hit" || fold == "struck" ||
         fold == "held" || fold == "fought" || fold == "caught" || fold == "hurt" ||
         fold == "beat" || fold == "overrun" || fold == "set" || fold == "found" ||
         fold == "left" || fold == "lost" || fold == "slain" || fold == "hung";
}

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

double PrecisionScore(geo::Precision p) {
  switch (p) {
    case geo::Precision::kPlace:
      return 3;
    case geo::Precision::kRelative:
      return 2.8;
    case geo::Precision::kAdmin2:
      return 2;
    case geo::Precision::kAdmin1:
      return 1.2;
    case geo::Precision::kCountry:
      return 0.5;
    case geo::Precision::kRegion:
      return 0.1;
  }
  return 0;
}

bool Extraction::InCountryside(const geo::Toponym& t) const {
  const uint32_t from = t.span.begin >= 30 ? t.span.begin - 30 : 0;
  const std::string_view before = text_.substr(from, t.span.begin - from);
  const std::string_view after = text_.substr(t.name_span.end, 20);
  return before.find("countryside of") != std::string_view::npos ||
         after.starts_with(" countryside") || t.span.Of(text_).ends_with("countryside");
}

void Extraction::Locate(Event& e, const Trigger& anchor, bool territory) {
  const text::Span trigger = e.trigger;
  // A name inside an actor's name is not a place ("Free Syrian Army"); a capital standing for
  // its government is one unless it acts in this event ("in Yerevan" vs "Moscow said").
  auto usable = [&](const geo::Toponym& t) {
    if (!t.resolved) return false;
    for (const ActorMention& m : v_.actors) {
      if (!m.span.Overlaps(t.name_span)) continue;
      if (!dict_.actor(m.actor).metonym) return false;
      for (const auto* side : {&e.side1, &e.side2}) {
        for (const EventActor& a : *side) {
          if (a.span == m.span) return false;
        }
      }
    }
    return true;
  };
  // "in Belford Roxo, Rio de Janeiro", "Gazipur city (Gazipur, Dhaka)": the names after the
  // first are its containers; the first is the place.
  auto container = [&](size_t i) {
    if (i == 0) return false;
    const geo::Toponym& prev = places_[i - 1];
    if (prev.sentence != places_[i].sentence) return false;
    const std::string_view between =
        text_.substr(prev.span.end, places_[i].span.begin - prev.span.end);
    return between == ", " || between == " (" || between == ", (" || between == " ," ||
           (between.size() <= 3 && between.find(',') != std::string_view::npos);
  };
  // In the sentence: the most precise place, nearest the trigger; for a capture, the place
  // right after it.
  // A place outside the country the document reports from is a wrong reading of its name
  // unless nothing else fits: take the reading in that country when the geocoder had one.
  const std::string_view country = DocumentCountry();
  double best = -1e9;
  for (size_t i = 0; i < places_.size(); ++i) {
    const geo::Toponym& t = places_[i];
    if (t.sentence != sentence_ || !usable(t)) continue;
    const double distance =
        t.span.begin >= trigger.end ? t.span.begin - trigger.end : trigger.begin - t.span.end;
    geo::Place place = t.place;
    geo::Precision precision = t.precision;
    // "the countryside of Hama", "Idlib countryside": somewhere in the area around the town,
    // not the town; it keeps the town's point at district precision.
    if (precision == geo::Precision::kPlace && InCountryside(t)) precision = geo::Precision::kAdmin2;
    double penalty = 0;
    if (!country.empty() && !place.country.empty() && place.country != country) {
      penalty = 2.5;
      for (const geo::Candidate& c : t.candidates) {
        if (c.place.country == country) {
          place = c.place;
          precision = c.place.level == geo::Level::kAdmin1    ? geo::Precision::kAdmin1
                      : c.place.level == geo::Level::kCountry ? geo::Precision::kCountry
                                                              : geo::Precision::kPlace;
          penalty = 0.3;
          break;
        }
      }
    }
    double score = PrecisionScore(precision) - 0.004 * distance - penalty;
    if (container(i)) {
      score -= 1.5;
    } else if (i + 1 < places_.size() && container(i + 1)) {
      score += 0.5;
    }
    if (territory && t.span.begin >= trigger.end && distance < 40) score += 0.6;
    if (score > best) {
      best = score;
      e.location = {LocationSource::kSentence, static_cast<int32_t>(i), place, precision};
    }
  }
  (void)anchor;
  const bool coarse = e.location.source == LocationSource::kSentence &&
                      (e.location.precision == geo::Precision::kCountry ||
                       e.location.precision == geo::Precision::kRegion);
  if (e.location.source != LocationSource::kNone && !coarse) return;
  // A sentence that names only a country ("protesters against the US dollar rate") takes a
  // town the text names elsewhere, in that country or when the country is not the report's.
  const EventLocation sentence_location = e.location;
  auto accept = [&](const geo::Toponym& t) {
    if (!coarse) return true;
    return t.precision != geo::Precision::kCountry && t.precision != geo::Precision::kRegion &&
           (t.place.country == sentence_location.place.country ||
            sentence_location.place.country != DocumentCountry());
  };
  // The paragraph's latest place before the sentence, then the document's most named town.
  const uint32_t paragraph = layer_.sentences[sentence_].paragraph;
  for (size_t i = places_.size(); i-- > 0;) {
    const geo::Toponym& t = places_[i];
    if (t.sentence >= sentence_ || !t.resolved) continue;
    if (layer_.sentences[t.sentence].paragraph != paragraph) break;
    if (t.precision == geo::Precision::kCountry || t.precision == geo::Precision::kRegion) continue;
    if (!accept(t)) continue;
    e.location = {LocationSource::kParagraph, static_cast<int32_t>(i), t.place, t.precision};
    return;
  }
  int best_index = -1, best_count = 0;
  for (size_t i = 0; i < places_.size(); ++i) {
    const geo::Toponym& t = places_[i];
    if (!t.resolved || t.precision != geo::Precision::kPlace || !accept(t)) continue;
    int count = 0;
    for (const geo::Toponym& u : places_) count += u.resolved && u.place.index == t.place.index;
    if (count > best_count) best_index = static_cast<int>(i), best_count = count;
  }
  for (size_t i = 0; i < places_.size() && best_index < 0 && !coarse; ++i) {
    if (places_[i].resolved && places_[i].precision != geo::Precision::kRegion)
      best_index = static_cast<int>(i);
  }
  if (best_index >= 0) {
    const geo::Toponym& t = places_[static_cast<size_t>(best_index)];
    e.location = {LocationSource::kDocument, best_index, t.place, t.precision};
    return;
  }
  if (coarse) return;
  if (gaz_ == nullptr) return;
  for (const auto* side : {&e.side1, &e.side2}) {
    for (const EventActor& a : *side) {
      geo::Place country;
      if (!a.country.empty() && gaz_->FindCountry(a.country, country)) {
        e.location = {LocationSource::kActor, -1, country, geo::Precision::kCountry};
        return;
      }
    }
  }
}

void Extraction::Date(Event& e, const Trigger& anchor) {
  (void)anchor;
  const uint32_t paragraph = layer_.sentences[sentence_].paragraph;
  uint32_t best_distance = UINT32_MAX;
  for (size_t i = 0; i < times_.mentions.size(); ++i) {
    const time::TimeMention& m = times_.mentions[i];
    const time::TimeValue& value = m.has_range ? m.range : m.value;
    if (!value.dated || value.type == time::TimexType::kDuration ||
        value.type == time::TimexType::kSet)
      continue;
    if (m.sentence == sentence_) {
      const uint32_t distance = m.span.begin >= e.trigger.end ? m.span.begin - e.trigger.end
                                                              : e.trigger.begin - m.span.end;
      if (distance < best_distance) {
        best_distance = distance;
        e.date = {DateSource::kSentence, static_cast<int32_t>(i), value};
      }
    }
  }
  if (e.date.source != DateSource::kNone) return;
  for (size_t i = times_.mentions.size(); i-- > 0;) {
    const time::TimeMention& m = times_.mentions[i];
    if (m.sentence >= sentence_) continue;
    if (layer_.sentences[m.sentence].paragraph != paragraph) break;
    const time::TimeValue& value = m.has_range ? m.range : m.value;
    if (!value.dated || value.type == time::TimexType::kDuration ||
        value.type == time::TimexType::kSet)
      continue;
    e.date = {DateSource::kParagraph, static_cast<int32_t>(i), value};
    return;
  }
  if (times_.publication) {
    e.date.source = DateSource::kPublication;
    e.date.value.dated = true;
    e.date.value.start = e.date.value.end = *times_.publication;
    e.date.value.precision = time::Precision::kPublication;
    e.date.value.origin = times_.publication_origin;
  }
}

void Extraction::Modal(Event& e, const Trigger& t) {
  const size_t n = v_.words.size();
  const uint16_t clause = v_.clause[t.begin];
  for (const Hit& h : v_.hits) {
    if (h.category != Category::kCue) continue;
    const Cue cue = static_cast<Cue>(h.payload);
    const bool before = h.end() <= t.begin;
    const bool same_clause = v_.clause[h.word] == clause;
    const size_t gap = before ? t.begin - h.end() : SIZE_MAX;
    switch (cue) {
      case Cue::kNegation:
        if (before && same_clause && gap <= 3 && CueIsWord(v_, h.word)) e.modality.negated = true;
        break;
      case Cue::kDenial:
        if (before) e.modality.negated = true;
        break;
      case Cue::kFuture:
        if (before && same_clause && gap <= 6 && CueIsWord(v_, h.word)) e.modality.future = true;
        break;
      case Cue::kHypothetical:
        if (before && same_clause && gap <= 5 && CueIsWord(v_, h.word))
          e.modality.hypothetical = true;
        break;
      case Cue::kClaimVerb:
        if (h.end() < n && v_.words.fold(h.end()) == "responsibility") break;
        if (CueIsWord(v_, h.word)) {
          e.modality.claimed = true;
          for (int a = static_cast<int>(v_.actors.size()) - 1; a >= 0; --a) {
            if (v_.actors[static_cast<size_t>(a)].word_end <= h.word) {
              e.modality.source = v_.actors[static_cast<size_t>(a)].span;
              break;
            }
          }
        }
        break;
      case Cue::kAccordingTo:
      case Cue::kSayVerb: {
        // "(6 according to Taliban sources)": an aside about a figure, not the event's source.
        bool aside = false;
        for (size_t k = h.word; k-- > 0 && k + 6 > h.word;) {
          const std::string_view f = v_.words.fold(k);
          if (f == ")") break;
          if (f == "(") aside = true;
        }
        if (aside) break;
        // The source: an actor right after "according to", or the subject of "said".
        int source = -1;
        if (cue == Cue::kAccordingTo) {
          for (size_t k = h.end(); k < h.end() + 3 && k < n && source < 0; ++k) source = v_.actor_at[k];
          if (source < 0 && h.end() < n) {
            size_t k = h.end();
            while (k < n && k < h.end() + 6 && v_.words.fold(k) != "," && v_.words.fold(k) != ".")
              ++k;
            if (k > h.end())
              e.modality.source = {v_.words.token(h.end()).span.begin,
                                   v_.words.token(k - 1).span.end};
          }
        } else {
          for (size_t back = 1; back <= 4 && back <= h.word && source < 0; ++back)
            source = v_.actor_at[h.word - back];
        }
        if (source >= 0) {
          const ActorMention& m = v_.actors[static_cast<size_t>(source)];
          e.modality.source = m.span;
          // One side's word about its own deeds or its enemy's is a claim; a third party's
          // ("civilian militia leaders said" of a bombing) is a report.
          const Sector sector = dict_.actor(m.actor).sector;
          bool party = e.side1.empty() && e.side2.empty();
          for (const auto* side : {&e.side1, &e.side2}) {
            for (const EventActor& a : *side) {
              party = party || a.actor == static_cast<int32_t>(m.actor) ||
                      (a.sector != Sector::kCivilians && a.sector != Sector::kUnknown &&
                       a.country == m.country && !m.country.empty() && IsArmed(a.sector));
            }
          }
          if (IsArmed(sector) && sector != Sector::kExternal && party) e.modality.claimed = true;
        }
        break;
      }
      default:
        break;
    }
  }
  if (e.date.source == DateSource::kSentence && times_.publication) {
    const time::Date limit = time::AddDays(*times_.publication, -366);
    if (e.date.value.end < limit) e.modality.historical = true;
  }
}

EventActor Extraction::Generic(std::string_view id, Sector sector) const {
  return EventActor{dict_.IndexOf(id), "", sector, {}};
}

void Extraction::ApplyCodingConventions(Event& e) const {
  const SubEventType t = e.type;
  const EventType family = Info(t).event_type;
  if (family == EventType::kProtests || family == EventType::kRiots) {
    const Sector role = family == EventType::kProtests ? Sector::kProtesters : Sector::kRioters;
    // The state side of a protest met by force is the other side, never the protesters.
    if (!e.side1.empty() && e.side1[0].sector == Sector::kState) {
      if (e.side2.empty() || e.side2[0].sector != Sector::kState)
        e.side2.insert(e.side2.begin(), e.side1[0]);
      e.side1.erase(e.side1.begin());
    }
    if (e.side1.empty() || !IsArmed(e.side1[0].sector)) {
      if (e.side1.empty()) {
        e.side1.push_back(Generic(role == Sector::kProtesters ? "gen.protesters" : "gen.rioters", role));
      } else {
        e.side1[0].sector = role;
      }
    }
    if ((t == SubEventType::kProtestWithIntervention ||
         t == SubEventType::kExcessiveForceAgainstProtesters) &&
        e.side2.empty()) {
      for (const ActorMention& m : v_.actors) {
        if (dict_.actor(m.actor).sector == Sector::kState) {
          e.side2.push_back(EventActor{static_cast<int32_t>(m.actor), m.country, Sector::kState, m.span});
          break;
        }
      }
    }
    return;
  }
  const bool perpetrated = t == SubEventType::kAttack || t == SubEventType::kRemoteExplosiveLandmineIed ||
                           t == SubEventType::kGrenade || t == SubEventType::kSuicideBomb ||
                           t == SubEventType::kAbductionForcedDisappearance ||
                           t == SubEventType::kSexualViolence ||
                           t == SubEventType::kLootingPropertyDestruction;
  if (perpetrated && e.side1.empty() && e.modality.fact()) {
    e.side1.push_back(Generic("gen.gunmen", Sector::kPoliticalMilitia));
  }
}

void Extraction::AddEvent(SubEventType type, const Trigger& anchor, const Roles& roles,
                          const std::vector<CountMention>& counts, double base) {
  Event e;
  e.type = type;
  e.sentence = sentence_;
  e.trigger = {v_.words.token(anchor.begin).span.begin, v_.words.token(anchor.end - 1).span.end};
  if (roles.a1 >= 0) {
    e.side1.push_back(ToEventActor(roles.a1));
  } else if (!roles.demonym1.empty()) {
    e.side1.push_back(EventActor{-1, roles.demonym1, Sector::kState, {}});
  }
  for (int a : roles.assoc1) e.side1.push_back(ToEventActor(a));
  if (roles.a2 >= 0) e.side2.push_back(ToEventActor(roles.a2));
  for (int a : roles.assoc2) e.side2.push_back(ToEventActor(a));
  // An actor is on one side only: a second mention of actor1 among its targets is the same
  // group named twice ("ISIS ... the Islamic State").
  if (!e.side1.empty() && e.side1[0].actor >= 0) {
    const int32_t first = e.side1[0].actor;
    e.side2.erase(std::remove_if(e.side2.begin(), e.side2.end(),
                                 [&](const EventActor& a) { return a.actor == first; }),
                  e.side2.end());
  }
  // Civilians the sentence names beside remote violence or an attack are among its victims.
  const EventType family = Info(type).event_type;
  if (family == EventType::kExplosionsRemoteViolence ||
      family == EventType::kViolenceAgainstCivilians) {
    bool named = false;
    for (const EventActor& a : e.side2) named = named || a.sector == Sector::kCivilians;
    for (const ActorMention& m : v_.actors) {
      if (named || dict_.actor(m.actor).sector != Sector::kCivilians) continue;
      bool acting = false;
      for (const EventActor& a : e.side1) acting = acting || a.span == m.span;
      if (acting) continue;
      e.side2.push_back(EventActor{static_cast<int32_t>(m.actor), m.country, Sector::kCivilians,
                                   m.span});
      named = true;
    }
  }
  for (const CountMention& c : counts) e.counts.push_back(c.count);
  const bool territory = type == SubEventType::kGovernmentRegainsTerritory ||
                         type == SubEventType::kNonStateActorOvertakesTerritory ||
                         type == SubEventType::kNonViolentTransferOfTerritory;
  Locate(e, anchor, territory);
  Date(e, anchor);
  // Generic agents ("troops", "police") belong to the country where they act.
  auto localise = [&] {
    for (auto* side : {&e.side1, &e.side2}) {
      for (EventActor& a : *side) {
        if (a.country.empty() && a.actor >= 0 &&
            dict_.actor(static_cast<uint32_t>(a.actor)).generic)
          a.country = e.location.place.country;
      }
    }
  };
  localise();
  Modal(e, anchor);
  ApplyCodingConventions(e);
  localise();
  double c = base;
  if (!e.side1.empty()) c += 0.12;
  if (!e.side2.empty()) c += 0.06;
  if (e.location.source == LocationSource::kSentence) c += 0.1;
  if (e.date.source == DateSource::kSentence) c += 0.05;
  if (!e.counts.empty()) c += 0.04;
  if (!e.modality.fact()) c *= 0.6;
  c -= 0.01 * std::min<uint32_t>(sentence_, 15);
  e.confidence = std::clamp(c, 0.05, 0.99);
  events_.push_back(std::move(e));
}

void Extraction::Sentence(uint32_t s) {
  sentence_ = s;
  const text::Sentence& sentence = layer_.sentences[s];
  if (sentence.paragraph != topic_paragraph_) {
    topic_ = EventActor{};
    topic_paragraph_ = sentence.paragraph;
  }
  AnnotateSentence(lex_, dict_, gaz_, layer_, text_, sentence, v_);
  const size_t n = v_.words.size();
  if (n == 0) return;

  time_spans_.clear();
  bool since_range = false;
  for (const time::TimeMention& m : times_.mentions) {
    if (m.sentence != s) continue;
    time_spans_.push_back(m.span);
    if (m.has_range) time_spans_.push_back(m.range_span);
    if (m.has_range && m.range_span.Of(text_).starts_with("since")) since_range = true;
  }
  for (const ActorMention& m : v_.actors) {
    const Actor& a = dict_.actor(m.actor);
    if (!IsArmed(a.sector) || a.metonym) continue;
    EventActor ea{static_cast<int32_t>(m.actor), m.country, a.sector, m.span};
    auto it = std::find_if(armed_.begin(), armed_.end(),
                           [&](const auto& p) { return p.first.actor == ea.actor; });
    if (it == armed_.end()) {
      armed_.push_back({ea, 1});
    } else {
      ++it->second;
    }
  }
  for (const ActorMention& m : v_.actors) VoteCountry(m.country, 2);

  // Triggers: the longest at each word, outside actor names and time expressions.
  triggers_.clear();
  for (size_t i = 0; i < n;) {
    const Hit* best = nullptr;
    for (const Hit& h : v_.hits) {
      if (h.word == i && h.category == Category::kTrigger && (!best || h.length > best->length))
        best = &h;
    }
    if (best == nullptr) {
      ++i;
      continue;
    }
    // Not a trigger: words wholly inside an actor's name ("Popular Mobilization Forces") or a
    // time expression ("in the fall"), harm of another kind ("heart attack", "bus crash"), or
    // a participle used as an adjective ("the occupied Golan Heights").
    bool blocked = true, in_time = false, in_cue = false;
    for (uint32_t w = best->word; w < best->end(); ++w) {
      blocked = blocked && v_.actor_at[w] >= 0;
      for (const text::Span& t : time_spans_) in_time = in_time || t.Contains(v_.words.token(w).span);
      in_cue = in_cue || v_.HasCue(w, Cue::kNonConflict);
    }
    for (const Hit& h : v_.hits) {
      if (h.category == Category::kCue && h.payload == static_cast<uint32_t>(Cue::kNonConflict) &&
          h.word < best->end() && best->word < h.end())
        in_cue = true;
    }
    const TriggerForm form = EventLexicon::FormOf(best->payload);
    const std::string_view first_word = v_.words.fold(best->word);
    const bool adjective = form == TriggerForm::kVerb && best->word > 0 &&
                           (first_word.ends_with("ed") || first_word.ends_with("en")) &&
                           (v_.words.fold(best->word - 1) == "the" ||
                            v_.words.fold(best->word - 1) == "an");
    if (!blocked && !in_time && !in_cue && !adjective) {
      triggers_.push_back(Trigger{EventLexicon::ClassOf(best->payload), form, best->word,
                                  best->end()});
      i = best->end();
    } else {
      ++i;
    }
  }
  // "seized 3 tons of marijuana", "seized a ton of cocaine": goods taken, not ground; analysts
  // code a seizure of goods as property taken.
  for (Trigger& t : triggers_) {
    if (t.cls != TC::kCapture || t.end >= n) continue;
    if (v_.words.token(t.end).kind == text::TokenKind::kNumber ||
        ((v_.words.fold(t.end) == "a" || v_.words.fold(t.end) == "an" ||
          v_.words.fold(t.end) == "about" || v_.words.fold(t.end) == "some") &&
         t.end + 1 < n &&
         (IsQuantityNoun(v_.words.fold(t.end + 1)) ||
          v_.words.token(t.end + 1).kind == text::TokenKind::kNumber)))
      t.cls = TC::kLoot;
  }
  // "recovered four improvised explosive devices", "seized eight hundred munitions",
  // "intercepted a ballistic missile": weapons taken out of use. The weapon's own trigger
  // ("explosive devices", "missile") names what was disrupted, not an attack.
  for (size_t w = 0; w < n; ++w) {
    if (!v_.HasCue(w, Cue::kSeizeVerb) || !CueIsWord(v_, w)) continue;
    size_t weapon = SIZE_MAX;
    for (size_t k = w + 1; k < n && k <= w + 6 && weapon == SIZE_MAX; ++k) {
      if (v_.HasCue(k, Cue::kClauseBreak) || v_.words.fold(k) == ".") break;
      if (v_.HasCue(k, Cue::kWeapon)) weapon = k;
    }
    if (weapon == SIZE_MAX) continue;
    triggers_.erase(std::remove_if(triggers_.begin(), triggers_.end(),
                                   [&](const Trigger& t) {
                                     return t.begin <= weapon && t.end > w && IsInstrument(t.cls);
                                   }),
                    triggers_.end());
    triggers_.push_back(Trigger{TC::kDisrupt, TriggerForm::kVerb, static_cast<uint32_t>(w),
                                static_cast<uint32_t>(w + 1)});
    break;
  }
  bool explicit_protest = false;
  for (const Trigger& t : triggers_) explicit_protest = explicit_protest || t.cls == TC::kProtest;
  // A crowd named as such ("protesters", "rioters") is itself the sign of a protest or a riot.
  bool protest_trigger = false;
  for (const Trigger& t : triggers_)
    protest_trigger = protest_trigger || t.cls == TC::kProtest || t.cls == TC::kRiot || t.cls == TC::kMob;
  for (const ActorMention& m : v_.actors) {
    const Sector sector = dict_.actor(m.actor).sector;
    if (protest_trigger || (sector != Sector::kProtesters && sector != Sector::kRioters)) continue;
    // Rioters who beat or kill a person are a mob; rioters who wreck things riot.
    bool harm_to_person = false;
    for (const Trigger& t : triggers_)
      harm_to_person = harm_to_person || t.cls == TC::kKill || t.cls == TC::kAttack;
    const bool mob = m.span.Of(text_).find("mob") != std::string_view::npos;
    const TC cls = sector == Sector::kProtesters ? TC::kProtest
                   : harm_to_person || mob      ? TC::kMob
                                                : TC::kRiot;
    triggers_.push_back(Trigger{cls, TriggerForm::kNoun, m.word_begin, m.word_end});
    break;
  }

  bool cumulative = since_range;
  for (size_t w = 0; w < n; ++w) cumulative = cumulative || v_.HasCue(w, Cue::kCumulative);
  FindCounts(lex_, v_, time_spans_, cumulative, counts_);

  // The sentence's first armed subject becomes the paragraph's topic afterwards.
  EventActor first_armed;
  for (const ActorMention& m : v_.actors) {
    const Actor& a = dict_.actor(m.actor);
    if (IsArmed(a.sector) && !a.metonym && !AfterPreposition(v_, m.word_begin)) {
      first_armed = EventActor{static_cast<int32_t>(m.actor), m.country, a.sector, m.span};
      break;
    }
  }
  auto finish = [&] {
    if (first_armed.actor >= 0) topic_ = first_armed;
  };
  if (triggers_.empty()) return finish();

  std::array<int, kTriggerClassCount> first{};
  first.fill(-1);
  for (size_t i = 0; i < triggers_.size(); ++i) {
    int& f = first[static_cast<size_t>(triggers_[i].cls)];
    if (f < 0) f = static_cast<int>(i);
  }
  auto has = [&](TC c) { return first[static_cast<size_t>(c)] >= 0; };
  auto trig = [&](TC c) { return triggers_[static_cast<size_t>(first[static_cast<size_t>(c)])]; };

  std::vector<CountMention> harm, displaced;
  for (const CountMention& c : counts_)
    (c.count.kind == CountKind::kDisplaced ? displaced : harm).push_back(c);

  bool armed_present = false, state_present = false, civilians_present = false;
  for (const ActorMention& m : v_.actors) {
    const Sector sector = dict_.actor(m.actor).sector;
    if (dict_.actor(m.actor).metonym || dict_.actor(m.actor).unarmed) continue;
    armed_present = armed_present || IsArmed(sector);
    state_present = state_present || sector == Sector::kState;
    civilians_present = civilians_present || sector == Sector::kCivilians;
  }
  bool non_conflict = false, armed_target = false;
  for (size_t w = 0; w < n; ++w) {
    non_conflict = non_conflict || v_.HasCue(w, Cue::kNonConflict);
    armed_target = armed_target || v_.HasCue(w, Cue::kArmedTarget);
  }
  auto any_cue = [&](Cue c) {
    for (size_t w = 0; w < n; ++w) {
      if (v_.HasCue(w, c)) return true;
    }
    return false;
  };
  // Who the subject is when the sentence names none: "they" or an opening participle
  // ("After having captured ...") refers to the paragraph's topic.
  auto with_topic = [&](Roles r, const Trigger& t) {
    if (r.a1 >= 0 || !r.demonym1.empty() || topic_.actor < 0 || r.passive) return r;
    bool pronoun = false;
    for (size_t w = 0; w < n; ++w) pronoun = pronoun || IsPronounSubject(v_.words.fold(w));
    const bool opening = t.begin <= 3 && t.form == TriggerForm::kVerb;
    if (pronoun || opening) r.demonym1 = "\x01";  // marks the topic (resolved below)
    return r;
  };
  auto add = [&](SubEventType type, const Trigger& t, Roles r,
                 const std::vector<CountMention>& counts, double base) {
    const bool topic = r.demonym1 == "\x01";
    if (topic) r.demonym1.clear();
    AddEvent(type, t, r, counts, base);
    if (topic) {
      Event& e = events_.back();
      e.side1.insert(e.side1.begin(), topic_);
      if (e.side1[0].country.empty()) e.side1[0].country = e.location.place.country;
    }
  };
  auto side_sector = [&](const Roles& r, bool first_side) {
    const int a = first_side ? r.a1 : r.a2;
    if (a >= 0) return dict_.actor(v_.actors[static_cast<size_t>(a)].actor).sector;
    if (first_side && !r.demonym1.empty() && r.demonym1 != "\x01") return Sector::kState;
    if (first_side && r.demonym1 == "\x01") return topic_.sector;
    const std::vector<int>& assoc = first_side ? r.assoc1 : r.assoc2;
    if (!assoc.empty()) return dict_.actor(v_.actors[static_cast<size_t>(assoc[0])].actor).sector;
    return Sector::kUnknown;
  };

  // "Police intervened and fired tear gas at them": a sentence that tells how a protest of the
  // sentence before was met changes that protest's type, and is not an event of its own.
  if (!events_.empty()) {
    Event& previous = events_.back();
    const EventType family = Info(previous.type).event_type;
    if (family == EventType::kProtests && !explicit_protest && previous.sentence + 2 >= s &&
        layer_.sentences[previous.sentence].paragraph == sentence.paragraph) {
      bool state = false;
      for (const ActorMention& m : v_.actors) state = state || dict_.actor(m.actor).sector == Sector::kState;
      bool force = false, intervention = false, violence = false;
      for (size_t w = 0; w < n; ++w) {
        if (IsGrievance(v_, w)) continue;
        force = force || v_.HasCue(w, Cue::kProtestForce);
        intervention = intervention || v_.HasCue(w, Cue::kProtestIntervention);
        violence = violence || v_.HasCue(w, Cue::kProtestViolence);
      }
      for (const Trigger& t : triggers_) {
        if (t.cls == TC::kArrest && t.form == TriggerForm::kVerb) intervention = true;
        if (t.cls == TC::kKill && state) force = true;
      }
      SubEventType upgraded = previous.type;
      if (force && state) {
        upgraded = SubEventType::kExcessiveForceAgainstProtesters;
      } else if (violence && previous.type == SubEventType::kPeacefulProtest) {
        upgraded = SubEventType::kViolentDemonstration;
      } else if (state && intervention && previous.type == SubEventType::kPeacefulProtest) {
        upgraded = SubEventType::kProtestWithIntervention;
      }
      if (upgraded != previous.type) {
        previous.type = upgraded;
        for (const CountMention& c : counts_) previous.counts.push_back(c.count);
        return finish();
      }
    }
  }

  // A sentence that only tells the toll ("Two soldiers were killed.") right after a violent
  // event of the same paragraph is that event's toll, not an event of its own.
  {
    bool toll_only = true, nouns_only = true;
    for (const Trigger& t : triggers_) {
      toll_only = toll_only && (t.cls == TC::kKill || t.cls == TC::kInjure);
      nouns_only = nouns_only && t.form == TriggerForm::kNoun;
    }
    if (toll_only && (!harm.empty() || nouns_only) && !events_.empty()) {
      Event& previous = events_.back();
      const EventType family = Info(previous.type).event_type;
      const Roles r = FindRoles(triggers_[0]);
      if (r.a1 < 0 && r.demonym1.empty() && previous.sentence + 2 >= s &&
          layer_.sentences[previous.sentence].paragraph == sentence.paragraph &&
          (family == EventType::kBattles || family == EventType::kExplosionsRemoteViolence ||
           family == EventType::kViolenceAgainstCivilians)) {
        // Only a toll the event lacks: a later figure may restate or update the first.
        bool has_toll = false;
        for (const Count& c : previous.counts) has_toll = has_toll || c.kind != CountKind::kDisplaced;
        if (!has_toll) {
          for (const CountMention& c : harm) previous.counts.push_back(c.count);
        }
        return finish();
      }
    }
  }

  bool main = false;
  // Territory: every capture of a place the sentence names. A noun ("the fall of X") needs the
  // place right after it; a bare "reconquest operations" reports no capture.
  if (has(TC::kCapture)) {
    for (const Trigger& t : triggers_) {
      if (t.cls != TC::kCapture) continue;
      // The place taken is the object after the trigger ("captured the town of X", "entered
      // on Tuesday, January 28, Y"), or the subject before a passive or "fell to".
      Roles r = with_topic(FindRoles(t), t);
      const bool before = r.passive || t.form == TriggerForm::kAgentAfter;
      const size_t reach = t.form == TriggerForm::kNoun ? 4 : 10;
      const uint32_t lo = before ? v_.words.token(t.begin >= 6 ? t.begin - 6 : 0).span.begin
                                 : v_.words.token(t.end - 1).span.end;
      const uint32_t hi = before ? v_.words.token(t.begin).span.begin
                         : t.end + reach < n ? v_.words.token(t.end + reach).span.end
                                             : UINT32_MAX;
      bool located = false;
      for (const geo::Toponym& p : places_) {
        if (p.sentence == s && p.resolved && p.span.begin >= lo && p.span.begin <= hi)
          located = true;
      }
      // "occupied three hill posts", "retook the villages": the object is a place by its noun.
      for (size_t w = t.end; w < n && w < t.end + 6 && !located && !before; ++w) {
        const std::string_view f = v_.words.fold(w);
        located = f == "town" || f == "towns" || f == "village" || f == "villages" ||
                  f == "area" || f == "areas" || f == "territory" || f == "ground" ||
                  f == "positions" || f == "posts" || f == "hill" || f == "hills" ||
                  f == "district" || f == "districts" || f == "neighbourhood" ||
                  f == "neighborhood" || f == "base" || f == "bases" || f == "city";
      }
      // "The city ... which it managed to get rid of": the place is the one the text is about.
      for (size_t w = 0; w + 1 < n && !located; ++w) {
        const std::string_view next = v_.words.fold(w + 1);
        located = v_.words.fold(w) == "the" &&
                  (next == "city" || next == "town" || next == "village" || next == "area");
      }
      if (!located) continue;
      // "Sudan stormed to victory", "the pound fell to a record low": a capture names who
      // took the place, unless the sentence is passive ("the town was captured").
      if ((t.form == TriggerForm::kVerb && !r.passive) || t.form == TriggerForm::kAgentAfter) {
        if (r.a1 < 0 && r.demonym1.empty() && r.assoc1.empty()) continue;
      }
      // Crowds occupy squares and roads; only armed actors take territory.
      const Sector captor = side_sector(r, true);
      if (captor == Sector::kProtesters || captor == Sector::kRioters ||
          captor == Sector::kCivilians)
        continue;
      Sector sector = side_sector(r, true);
      if (sector == Sector::kUnknown) {
        const Sector other = side_sector(r, false);
        sector = other == Sector::kState ? Sector::kRebel : Sector::kState;
      }
      const SubEventType type = has(TC::kTransfer) && !has(TC::kClash) && !has(TC::kAttack)
                                    ? SubEventType::kNonViolentTransferOfTerritory
                                : sector == Sector::kState
                                    ? SubEventType::kGovernmentRegainsTerritory
                                    : SubEventType::kNonStateActorOvertakesTerritory;
      add(type, t, r, harm, 0.65);
      main = true;
    }
  }
  // Protests and riots.
  if (has(TC::kProtest) || has(TC::kRiot) || has(TC::kMob)) {
    const TC c = has(TC::kProtest) ? TC::kProtest : has(TC::kRiot) ? TC::kRiot : TC::kMob;
    const Trigger& t = trig(c);
    Roles r = FindRoles(t);
    SubEventType type = SubEventType::kPeacefulProtest;
    // Force: "live ammunition", "violently suppressed", or protesters killed or hurt.
    const bool force = (state_present && any_cue(Cue::kProtestForce)) ||
                       ((has(TC::kKill) || has(TC::kInjure)) && !harm.empty());
    bool peaceful = false;
    for (size_t w = 0; w < n; ++w) {
      const std::string_view f = v_.words.fold(w);
      peaceful = peaceful || f == "peaceful" || f == "peacefull" || f == "nonviolent" ||
                 (f == "non" && w + 1 < n && v_.words.fold(w + 1) == "violent");
    }
    // What the protest is about ("demanding the arrest of those who set fire to the crops")
    // is not what the protesters or the police did.
    bool violent_cue = false;
    for (size_t w = 0; w < n; ++w)
      violent_cue = violent_cue || (v_.HasCue(w, Cue::kProtestViolence) && !IsGrievance(v_, w));
    for (const Trigger& x : triggers_) {
      if ((x.cls == TC::kLoot || x.cls == TC::kClash) && !IsGrievance(v_, x.begin)) violent_cue = true;
    }
    bool intervention_cue = false;
    for (size_t w = 0; w < n; ++w)
      intervention_cue = intervention_cue || (v_.HasCue(w, Cue::kProtestIntervention) && !IsGrievance(v_, w));
    const bool intervention =
        intervention_cue ||
        (has(TC::kArrest) && !IsGrievance(v_, trig(TC::kArrest).begin));
    if (c == TC::kMob) {
      type = SubEventType::kMobViolence;
    } else if (c == TC::kRiot) {
      type = SubEventType::kViolentDemonstration;
    } else if (violent_cue && !peaceful) {
      // Force against protesters who threw stones is still a violent demonstration; excessive
      // force is force against peaceful ones.
      type = SubEventType::kViolentDemonstration;
    } else if (force) {
      type = SubEventType::kExcessiveForceAgainstProtesters;
    } else if (intervention) {
      type = SubEventType::kProtestWithIntervention;
    }
    // "Demonstrators returned to the square on Monday" after a protest of the sentence before
    // is that protest going on: it lends its place, not a second event.
    bool continued = false;
    if (type == SubEventType::kPeacefulProtest && harm.empty() && !events_.empty()) {
      Event& previous = events_.back();
      const EventType family = Info(previous.type).event_type;
      if ((family == EventType::kProtests || family == EventType::kRiots) &&
          previous.sentence + 2 >= s &&
          layer_.sentences[previous.sentence].paragraph == sentence.paragraph) {
        continued = true;
        if (previous.location.source != LocationSource::kSentence) {
          Event probe;
          probe.trigger = {v_.words.token(t.begin).span.begin, v_.words.token(t.end - 1).span.end};
          Locate(probe, t, false);
          if (probe.location.source == LocationSource::kSentence) previous.location = probe.location;
        }
      }
    }
    if (!continued) add(type, t, r, harm, 0.6);
    main = true;
  } else if (!main && has(TC::kDisrupt)) {
    add(SubEventType::kDisruptedWeaponsUse, trig(TC::kDisrupt), FindRoles(trig(TC::kDisrupt)),
        harm, 0.55);
    main = true;
  }
  if (!main && has(TC::kTransfer) && !has(TC::kClash)) {
    bool instrument = false;
    for (const Trigger& t : triggers_) instrument = instrument || IsInstrument(t.cls);
    if (!instrument) {
      add(SubEventType::kNonViolentTransferOfTerritory, trig(TC::kTransfer),
          FindRoles(trig(TC::kTransfer)), harm, 0.5);
      main = true;
    }
  }
  // "signed a cessation of hostilities", "fled the fighting": the fighting is what the
  // agreement ends or the people flee, not the news; so are "raids" in which people were
  // arrested.
  bool violence_is_context = false;
  if (!main) {
    bool only_nouns = true, instrument_seen = false;
    for (const Trigger& t : triggers_) {
      if (!IsViolence(t.cls)) continue;
      only_nouns = only_nouns && (t.form == TriggerForm::kNoun || t.cls == TC::kAttack);
      instrument_seen = instrument_seen || IsInstrument(t.cls);
    }
    const bool harmless = harm.empty();
    if (has(TC::kAgree) && only_nouns && !instrument_seen) violence_is_context = true;
    if (has(TC::kDisplace) && !displaced.empty() && harmless && !instrument_seen)
      violence_is_context = true;
    if (has(TC::kArrest) && harmless && !instrument_seen &&
        trig(TC::kArrest).form == TriggerForm::kVerb)
      violence_is_context = true;
  }
  if (!main && violence_is_context && has(TC::kArrest) && !has(TC::kAgree) &&
      !has(TC::kDisplace) && !any_cue(Cue::kCrime)) {
    add(SubEventType::kArrests, trig(TC::kArrest),
        with_topic(FindRoles(trig(TC::kArrest)), trig(TC::kArrest)), harm, 0.55);
    main = true;
  }
  if (!main && !violence_is_context && !(non_conflict && !armed_present)) {
    // Violence: the most specific instrument names the sub-type; else the target decides.
    const Trigger* instrument = nullptr;
    for (const Trigger& t : triggers_) {
      if (IsInstrument(t.cls) && (!instrument || InstrumentRank(t.cls) < InstrumentRank(instrument->cls)))
        instrument = &t;
    }
    const Trigger* violent = instrument;
    if (violent == nullptr) {
      for (const Trigger& t : triggers_) {
        if (IsViolence(t.cls) && (violent == nullptr || t.form == TriggerForm::kVerb)) {
          violent = &t;
          if (t.form == TriggerForm::kVerb) break;
        }
      }
    }
    if (has(TC::kSexual) || has(TC::kAbduct)) {
      const Trigger& t = trig(has(TC::kSexual) ? TC::kSexual : TC::kAbduct);
      add(has(TC::kSexual) ? SubEventType::kSexualViolence
                           : SubEventType::kAbductionForcedDisappearance,
          t, with_topic(FindRoles(t), t), harm, 0.6);
      main = true;
    } else if (violent != nullptr) {
      Roles r = with_topic(FindRoles(*violent), *violent);
      // Roles from a verb of the frame when the instrument noun gives none ("Troops killed
      // five civilians in an air strike").
      if (r.a1 < 0 && r.demonym1.empty()) {
        for (const Trigger& t : triggers_) {
          if (&t != violent && IsViolence(t.cls) && t.form == TriggerForm::kVerb) {
            Roles other = FindRoles(t);
            if (other.a1 >= 0) {
              r.a1 = other.a1;
              r.assoc1 = other.assoc1;
              if (r.a2 < 0) r.a2 = other.a2;
              break;
            }
          }
        }
      }
      // "Warplanes killed 21 civilians": aircraft that kill strike from the air.
      bool aircraft = false;
      if (r.a1 >= 0) aircraft = dict_.actor(v_.actors[static_cast<size_t>(r.a1)].actor).id.ends_with(".air");
      SubEventType type;
      if (instrument == nullptr && aircraft) {
        type = SubEventType::kAirDroneStrike;
      } else if (instrument != nullptr) {
        // Heavy weapons with small arms or an exchange of fire are a fight at close range.
        type = (instrument->cls == TC::kExplosion || instrument->cls == TC::kShell) &&
                       has(TC::kClash)
                   ? SubEventType::kArmedClash
                   : InstrumentType(instrument->cls);
      } else {
        Sector target = side_sector(r, false);
        const Sector actor = side_sector(r, true);
        // An armed side among the victims ("1 policeman and 2 civilians were killed") makes
        // a fight of it.
        for (int a : r.assoc2) {
          const Sector other = dict_.actor(v_.actors[static_cast<size_t>(a)].actor).sector;
          if (IsArmed(other) && !IsArmed(target)) target = other;
        }
        bool has_clash = has(TC::kClash);
        if (has_clash || IsArmed(target) || (armed_target && !civilians_present) ||
            (actor == Sector::kUnknown && target == Sector::kUnknown && !civilians_present &&
             has(TC::kAttack) && armed_present)) {
          type = SubEventType::kArmedClash;
        } else {
          type = SubEventType::kAttack;
        }
        if (!has_clash && !has(TC::kAttack) && !has(TC::kKill) && has(TC::kInjure) &&
            !armed_present)
          type = SubEventType::kAttack;
        // Unarmed crowds fighting each other or the police ("two communities clashed",
        // "residents pelted stones at police").
        if ((type == SubEventType::kArmedClash && !armed_present &&
             (civilians_present || any_cue(Cue::kCrowd))) ||
            (any_cue(Cue::kCrowd) && !IsArmed(actor)))
          type = SubEventType::kMobViolence;
        // Violence done by unarmed people (villagers, a crowd) is mob violence.
        if ((actor == Sector::kCivilians || actor == Sector::kRioters ||
             actor == Sector::kProtesters) &&
            violent->form == TriggerForm::kVerb)
          type = SubEventType::kMobViolence;
      }
      if (type == SubEventType::kAirDroneStrike && r.a1 >= 0 &&
          !IsStateSide(dict_.actor(v_.actors[static_cast<size_t>(r.a1)].actor).sector)) {
        // Armed groups rarely fly: a non-state actor beside an air strike is its target.
        if (r.a2 < 0) r.a2 = r.a1;
        r.a1 = -1;
        r.assoc1.clear();
      }
      add(type, *violent, r, harm, 0.6);
      if (type == SubEventType::kAirDroneStrike && events_.back().side1.empty()) {
        if (const EventActor* state = MostMentioned(true)) events_.back().side1.push_back(*state);
      }
      main = true;
    } else if (has(TC::kLoot)) {
      add(SubEventType::kLootingPropertyDestruction, trig(TC::kLoot), FindRoles(trig(TC::kLoot)),
          harm, 0.5);
      main = true;
    } else if (has(TC::kArrest) && !any_cue(Cue::kCrime)) {
      // Arrests that analysts code are political; arrests for drugs or theft are policing.
      add(SubEventType::kArrests, trig(TC::kArrest), with_topic(FindRoles(trig(TC::kArrest)), trig(TC::kArrest)),
          harm, 0.5);
      main = true;
    }
  }
  // Side events: they stand beside the main one.
  if (non_conflict && !armed_present) return finish();  // floods displace, fires destroy
  const double side = main ? 0.35 : 0.5;
  if (has(TC::kOther)) {
    add(SubEventType::kOther, trig(TC::kOther), FindRoles(trig(TC::kOther)), harm, side);
  }
  if (has(TC::kDisplace)) {
    // Each count of the displaced goes to the nearest displacement trigger; several triggers
    // with counts of their own are several movements ("350,000 since December, in addition
    // to the 300,000 displaced in the spring").
    std::vector<const Trigger*> displace;
    for (const Trigger& t : triggers_) {
      if (t.cls == TC::kDisplace) displace.push_back(&t);
    }
    std::vector<std::vector<CountMention>> assigned(displace.size());
    for (const CountMention& c : displaced) {
      size_t best = 0, best_distance = SIZE_MAX;
      for (size_t k = 0; k < displace.size(); ++k) {
        const size_t d = c.word_end <= displace[k]->begin ? displace[k]->begin - c.word_end
                                                          : c.word_begin - displace[k]->end;
        if (d < best_distance) best = k, best_distance = d;
      }
      assigned[best].push_back(c);
    }
    bool emitted = false;
    for (size_t k = 0; k < displace.size(); ++k) {
      if (assigned[k].empty() && (emitted || k + 1 < displace.size())) continue;
      add(SubEventType::kDisplacement, *displace[k], FindRoles(*displace[k]), assigned[k],
          side + 0.05);
      emitted = true;
    }
  }
  if (has(TC::kAgree)) {
    add(SubEventType::kAgreement, trig(TC::kAgree), FindRoles(trig(TC::kAgree)), {}, side);
  }
  if (has(TC::kChange) && !main && !non_conflict) {
    add(SubEventType::kChangeToGroupActivity, trig(TC::kChange), FindRoles(trig(TC::kChange)), {},
        0.4);
  }
  if (has(TC::kBase)) {
    add(SubEventType::kHeadquartersOrBaseEstablished, trig(TC::kBase), FindRoles(trig(TC::kBase)),
        {}, side);
  }
  finish();
}

}  // namespace

std::string_view LocationSourceName(LocationSource source) {
  switch (source) {
    case LocationSource::kNone:
      return "none";
    case LocationSource::kSentence:
      return "sentence";
    case LocationSource::kParagraph:
      return "paragraph";
    case LocationSource::kDocument:
      return "document";
    case LocationSource::kActor:
      return "actor";
  }
  return "";
}

std::string_view DateSourceName(DateSource source) {
  switch (source) {
    case DateSource::kNone:
      return "none";
    case DateSource::kSentence:
      return "sentence";
    case DateSource::kParagraph:
      return "paragraph";
    case DateSource::kPublication:
      return "publication";
  }
  return "";
}

int64_t Fatalities(const Event& event) {
  int64_t best = 0, group = 0;
  for (const Count& c : event.counts) {
    if (c.kind != CountKind::kKilled || c.cumulative || c.part) continue;
    group = c.plus ? group + c.best : c.best;
    best = std::max(best, group);
  }
  return best;
}

EventStage::EventStage(const EventLexicon& lexicon, const ActorDictionary& actors,
                       const geo::Gazetteer* gazetteer)
    : lexicon_(&lexicon), actors_(&actors), gazetteer_(gazetteer) {}

std::vector<Event> EventStage::Extract(std::string_view text, const text::TextLayer& layer,
                                       const time::DocumentTimes& times,
                                       const std::vector<geo::Toponym>& places) const {
  return Extraction(*lexicon_, *actors_, gazetteer_, text, layer, times, places).Run();
}

}  // namespace frontline::event
