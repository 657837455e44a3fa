// The event stage: from each sentence, the events it reports, typed in ACLED's taxonomy, with
// actors, place, date, counts and modality, every slot tied to the words that fill it.
//
// Rules over tokens, in this order for each sentence: dictionary actors and trigger phrases
// are found (EventLexicon, ActorDictionary); the sentence's triggers are grouped into one main
// frame (violence, territory, protest ...) and side events (displacement, agreement, ...); the
// main frame's sub-type is decided by its triggers and its actors (a capture by the state is
// "government regains territory"; an attack on civilians is "attack", on soldiers an
// "armed clash"); roles come from the trigger's form and voice (subject, object, passive
// agent after "by", "between A and B", "with X air support"); then place, date, counts and
// modality are attached. docs/schema.md describes the output; docs/taxonomy.md the types.
#ifndef FRONTLINE_EVENT_EVENT_H_
#define FRONTLINE_EVENT_EVENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "event/actors.h"
#include "event/lexicon.h"
#include "event/taxonomy.h"
#include "geo/geocoder.h"
#include "text/layer.h"
#include "time/time.h"

namespace frontline::event {

// A number of people, as the text states it. A vague count is a range, never a made-up
// number: "dozens" is 24..99 with `best` 12, the value analysts code for it.
struct Count {
  CountKind kind = CountKind::kKilled;
  int64_t min = 0;
  int64_t max = -1;         // -1: no upper bound ("at least 12", "more than 300")
  int64_t best = 0;         // the single value to code
  bool exact = true;        // false for approximate ("nearly 350,000") and vague counts
  bool cumulative = false;  // a toll over a period ("since April"), not one event's
  bool part = false;        // a part of another count ("including three children")
  bool plus = false;        // adds to the count before it ("five militants and one soldier")
  text::Span span;          // the number with its qualifier ("Nearly 350,000")
};

struct EventActor {
  int32_t actor = -1;   // index in the ActorDictionary; -1 when only a demonym names it
  std::string country;  // ISO alpha-2, "" when unknown
  Sector sector = Sector::kUnknown;
  text::Span span;
};

struct Modality {
  bool negated = false;       // "denied shelling", "did not attack"
  bool future = false;        // "plans to attack", "will launch"
  bool hypothetical = false;  // "could strike", "if ... would"
  bool claimed = false;       // one party's assertion: "the army said it had repelled"
  bool historical = false;    // background: dated more than a year before publication
  text::Span source;          // who reported it, when the sentence says ("according to X")

  bool fact() const { return !negated && !future && !hypothetical && !claimed && !historical; }
};

// Where the location came from, most to least direct.
enum class LocationSource : uint8_t { kNone, kSentence, kParagraph, kDocument, kActor };
std::string_view LocationSourceName(LocationSource source);

struct EventLocation {
  LocationSource source = LocationSource::kNone;
  int32_t toponym = -1;  // index into the document's place mentions; -1 for kActor
  geo::Place place;      // the place (a country for kActor)
  geo::Precision precision = geo::Precision::kCountry;
};

// Where the date came from.
enum class DateSource : uint8_t { kNone, kSentence, kParagraph, kPublication };
std::string_view DateSourceName(DateSource source);

struct EventDate {
  DateSource source = DateSource::kNone;
  int32_t mention = -1;    // index into the document's time mentions, -1 when none
  time::TimeValue value;   // dated; precision kPublication when the publication date stands in
};

struct Event {
  SubEventType type = SubEventType::kOther;
  uint32_t sentence = 0;
  text::Span trigger;              // the words that report it ("entered", "air strikes on")
  std::vector<EventActor> side1;   // actor1 first, then its associated actors
  std::vector<EventActor> side2;   // actor2 first, then its associated actors
  EventLocation location;
  EventDate date;
  std::vector<Count> counts;
  Modality modality;
  double confidence = 0;  // 0..1; the document's main event has the highest
};

// The event's death toll as ACLED codes it: its largest killed count that is neither
// cumulative nor part of another ("12 killed, including 3 children" is 12), counts joined by
// "and" added up ("five militants and one soldier were killed" is 6); 0 when none.
int64_t Fatalities(const Event& event);

class EventStage {
 public:
  // All must outlive the stage; `gazetteer` may be null (no demonyms, no country fallback).
  // Extract is const and thread-safe.
  EventStage(const EventLexicon& lexicon, const ActorDictionary& actors,
             const geo::Gazetteer* gazetteer);

  // The events of a document whose text is analysed into `layer`, with its resolved times and
  // place mentions, in sentence order.
  std::vector<Event> Extract(std::string_view text, const text::TextLayer& layer,
                             const time::DocumentTimes& times,
                             const std::vector<geo::Toponym>& places) const;

  const ActorDictionary& actors() const { return *actors_; }

 private:
  const EventLexicon* lexicon_;
  const ActorDictionary* actors_;
  const geo::Gazetteer* gazetteer_;
};

}  // namespace frontline::event

#endif  // FRONTLINE_EVENT_EVENT_H_
