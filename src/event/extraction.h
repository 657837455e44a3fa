// The event rules' working state for one document, shared by extractor.cc (the sentence frames),
// roles.cc (who acts on whom) and slots.cc (place, date, modality, coding conventions). Internal
// to the event stage.
#ifndef FRONTLINE_EVENT_EXTRACTION_H_
#define FRONTLINE_EVENT_EXTRACTION_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "event/counts.h"
#include "event/event.h"
#include "event/sentence.h"

namespace frontline::event {

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
  bool topic = false;    // actor1 is the paragraph's topic ("they", "After having captured")
  bool passive = false;
};

inline bool IsInstrument(TC c) {
  return c == TC::kAir || c == TC::kShell || c == TC::kIed || c == TC::kExplosion ||
         c == TC::kSuicide || c == TC::kGrenade || c == TC::kChemical;
}

inline bool IsViolence(TC c) {
  return IsInstrument(c) || c == TC::kClash || c == TC::kAttack || c == TC::kKill ||
         c == TC::kInjure;
}

// Instruments in the order that decides a sentence that names several.
inline int InstrumentRank(TC c) {
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

inline SubEventType InstrumentType(TC c) {
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
inline bool IsGrievance(const SentenceView& v, size_t word) {
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

inline bool IsQuantityNoun(std::string_view f) {
  return f == "ton" || f == "tons" || f == "kilo" || f == "kilos" || f == "kg" ||
         f == "quantity" || f == "number" || f == "total" || f == "large" || f == "huge" ||
         f == "cache" || f == "consignment" || f == "shipment" || f == "haul" || f == "batch";
}

inline bool IsStateSide(Sector s) { return s == Sector::kState || s == Sector::kExternal; }

inline bool IsPronounSubject(std::string_view fold) {
  return fold == "they" || fold == "we" || fold == "ils" || fold == "elles";
}

// A cue word written with a capital inside the sentence is a name ("May", "Will").
inline bool CueIsWord(const SentenceView& v, size_t w) {
  if (w == 0) return true;
  const std::string_view s = v.words.surface(w);
  return s.empty() || !(s[0] >= 'A' && s[0] <= 'Z');
}


// Actor mentions preceded by a preposition are not subjects ("against the army").
bool AfterPreposition(const SentenceView& v, size_t word);

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
  // The last event, when it comes from this sentence's paragraph and at most two sentences
  // back: the event a sentence that only adds to it ("Two soldiers were killed") belongs to.
  Event* RecentEvent();
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

}  // namespace frontline::event

#endif  // FRONTLINE_EVENT_EXTRACTION_H_
