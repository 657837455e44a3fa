// Merging: deciding that two reports describe one happening, and the event's values from all
// its reports. Pure functions over mentions, so the rules are testable without a database.
//
// The rules (docs/schema.md, "Merging"):
//   - sub-types must agree; air/drone strike and shelling may be one event, since reports
//     often disagree on which it was;
//   - each side's actors must agree where both reports name one: the same actor, or a
//     generic agent ("troops", "rebels") of the same sector and country as a named one;
//     the sides of an armed clash may be given in either order;
//   - places must lie within a distance set by the coarser precision of the two: 15 km for
//     a town, 30 km near a town, 60 km for a district, the same division (or 150 km) for a province, the same
//     country for a country;
//   - dates must overlap; two day-precise dates must be the same day (strikes on a town on
//     consecutive days are separate events, as coders count them); a publication date that
//     stands in for an unstated one covers the two days before it;
//   - modality classes must agree: a report of a happening (fact, claimed, historical)
//     never merges with a denial, nor with a threat or a hypothesis.
#ifndef FRONTLINE_STORE_MERGE_H_
#define FRONTLINE_STORE_MERGE_H_

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "status/status.h"

namespace frontline::store {

struct ActorRef {
  std::string key;      // actor id, with "@CC" for a generic agent's country: "gen.rebels@SY"
  std::string id;       // the dictionary's id ("sy.hts", "gen.rebels")
  std::string name;     // display name ("Rebels (Syria)")
  std::string country;  // ISO alpha-2 or ""
  std::string sector;   // "state", "rebel", ...
  int inter = 0;        // ACLED inter code
  std::string text;     // the words that named it in the mention

  bool empty() const { return key.empty(); }
  bool generic() const { return id.starts_with("gen."); }
};

// Geographic precision, finest first: a town; near a town or on a border; a district; a
// province; a country (or larger); unknown.
enum class GeoPrecision : uint8_t { kPlace, kNear, kAdmin2, kAdmin1, kCountry, kNone };
GeoPrecision ParseGeoPrecision(std::string_view name);
std::string_view GeoPrecisionName(GeoPrecision precision);

struct PlaceRef {
  std::string key;         // "gn:167611", "adm1:SY:Idlib Governorate", "country:SY"
  int64_t geonameid = 0;   // 0 when the place has none (divisions, countries)
  std::string name;
  std::string country;
  std::string admin1;
  std::string feature_code;
  std::string level;
  bool has_position = false;
  double lat = 0, lon = 0;
  GeoPrecision precision = GeoPrecision::kNone;
};

// How many people of one kind (killed, injured, displaced, detained, abducted, ...) a mention
// reports: its largest count of that kind plus the counts added to it ("five soldiers and two
// civilians"), parts left out ("including three children"); a toll over a period
// (`cumulative`) only when the mention gives nothing else of that kind.
struct PeopleCount {
  std::string kind;
  int64_t value = 0;
  bool cumulative = false;
};
// The people counts of a mention's counts array (the JSON `frontline extract` writes).
std::vector<PeopleCount> PeopleCounts(const std::string& counts_json);

// One event as one sentence of one document reports it.
struct Mention {
  std::string sub_event_type;  // taxonomy id: "government_regains_territory"
  std::string event_type;      // ACLED type label: "Battles"
  int64_t sentence = 0;
  std::string trigger_text;
  int64_t trigger_start = 0, trigger_end = 0;
  ActorRef actor1, actor2;
  std::vector<ActorRef> assoc1, assoc2;
  PlaceRef place;
  std::string place_text;       // the words that named the place
  std::string location_source;  // sentence, paragraph, document, actor
  std::string date_start, date_end;  // ISO dates, inclusive
  std::string date_precision;        // day, week, month, season, year, range, publication ...
  std::string date_source;
  std::string date_text;
  int64_t fatalities = 0;
  std::string counts;     // the counts as JSON (docs/schema.md)
  std::vector<PeopleCount> people;  // read from `counts`
  std::string modality;   // fact, claimed, historical, negated, future, hypothetical
  std::string claimed_by;
  double confidence = 0;
  int64_t evidence_start = 0, evidence_end = 0;
  std::string evidence;   // the sentence
};

// Reads the events of one record written by `frontline extract` (docs/schema.md). Fails with
// the event's index and field when one is malformed.
Result<std::vector<Mention>> MentionsOfRecord(const nlohmann::json& record);

// The modality of an extracted event's "modality" object, as one word (negated first, then
// hypothetical, future, claimed, historical, else fact).
std::string ModalityWord(bool negated, bool hypothetical, bool future, bool claimed,
                         bool historical);

// Whether `mention` may report the same happening as an event whose reconciled values are
// `event`. `why` receives the deciding test ("0.0 km, dates overlap, actors agree" or what
// failed).
bool SameHappening(const Mention& event, const Mention& mention, std::string* why);

// Distance (km) under which two places of these precisions may be the same event's.
double MergeRadiusKm(GeoPrecision a, GeoPrecision b);

// An event's values reconciled from its mentions.
struct Reconciled {
  Mention slots;               // the chosen value of every slot
  int64_t fatalities_min = 0;  // over the mentions that give a toll
  int64_t fatalities_max = 0;
  size_t evidence = 0;         // index of the mention whose sentence represents the event
  // Every kind of people count, reconciled like fatalities, as a JSON object:
  // {"injured": {"best": 12, "min": 10, "max": 15, "reports": 3, "cumulative": false}, ...}.
  std::string counts = "{}";
};

// The event's values from its mentions, given in the order they were stored (the order
// breaks ties, so the result is deterministic): the most cited sub-type; the most precise
// place, then the most cited; the most precise date, then the most cited; a named actor over
// a generic one, then the most cited; fatalities as the range of the tolls reported with the
// most cited toll as the value (the lower one on a tie, as coders do); "fact" if any report
// is, else the most direct modality. `mentions` must not be empty.
Reconciled Reconcile(const std::vector<Mention>& mentions);

// Days between ISO dates (b - a); 0 when either is malformed.
int64_t DaysBetween(std::string_view a, std::string_view b);
// `date` moved by `days`.
std::string AddDays(std::string_view date, int64_t days);

}  // namespace frontline::store

#endif  // FRONTLINE_STORE_MERGE_H_
