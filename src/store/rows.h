// Internal to the store: the column lists that read mentions and events back, and a cursor
// over a row's columns, shared by writing (merge) and reading (queries).
#ifndef FRONTLINE_STORE_ROWS_H_
#define FRONTLINE_STORE_ROWS_H_

#include <string>
#include <string_view>

#include "store/store.h"

namespace frontline::store {

// Reads a row's columns in order.
class Row {
 public:
  explicit Row(const Statement& statement) : statement_(statement) {}
  bool Null() const { return statement_.IsNull(column_); }
  int64_t Int() { return statement_.Int(column_++); }
  double Real() { return statement_.Real(column_++); }
  std::string Text() { return statement_.Text(column_++); }
  void Skip() { ++column_; }

 private:
  const Statement& statement_;
  int column_ = 0;
};

// The slot columns of a mention (what merging needs), of mentions m with its place p; read by
// ReadMentionSlots, which returns the mention's id.
inline constexpr std::string_view kMentionSlotList =
    "m.id, m.sub_event_type, m.event_type, m.actor1, m.actor2, m.assoc_actor1, m.assoc_actor2, "
    "p.key, p.geonameid, p.name, p.feature_code, p.level, m.country, m.admin1, m.lat, m.lon, "
    "m.geo_precision, m.date_start, m.date_end, m.date_precision, m.fatalities, m.modality, "
    "m.confidence, m.counts";
inline const std::string kMentionSlotColumns =
    std::string(kMentionSlotList) + " FROM mentions m LEFT JOIN places p ON p.id = m.place_id";
int64_t ReadMentionSlots(Row& row, Store& store, Mention& mention);

// SELECT list for a whole mention: the slots, then where it stands and what it said, FROM
// kMentionFrom (with its sentence s); read by ReadMention.
inline const std::string kMentionColumns =
    std::string(kMentionSlotList) +
    ", m.document_id, m.event_id, m.merge_note, m.sentence, m.trigger_text, m.trigger_start, "
    "m.trigger_end, m.actor1_text, m.actor2_text, m.place_text, m.location_source, "
    "m.date_source, m.date_text, m.claimed_by, s.start_byte, s.end_byte, s.text";
inline constexpr std::string_view kMentionFrom =
    " FROM mentions m LEFT JOIN places p ON p.id = m.place_id "
    "LEFT JOIN sentences s ON s.document_id = m.document_id AND s.seq = m.sentence";

struct MentionRow {
  int64_t id = 0, document_id = 0, event_id = 0;
  std::string merge_note;
  Mention mention;
};
MentionRow ReadMention(Row& row, Store& store);

// The slot columns of an event, of events e with its place p; read by ReadEventSlots, which
// returns the event's id. With `store` null, the actors are left as their keys (for a first,
// cheaper test of place and date).
inline constexpr std::string_view kEventSlotList =
    "e.id, e.sub_event_type, e.event_type, e.date_start, e.date_end, e.date_precision, p.key, "
    "p.geonameid, p.name, p.feature_code, p.level, e.country, e.admin1, e.lat, e.lon, "
    "e.geo_precision, e.actor1, e.actor2, e.modality";
inline const std::string kEventSlotColumns =
    std::string(kEventSlotList) + " FROM events e LEFT JOIN places p ON p.id = e.place_id";
int64_t ReadEventSlots(Row& row, Store* store, Mention& slots);

// SELECT list for a whole event: the slots, then its other values and its evidence (mention m,
// sentence s, document d), FROM kEventFrom; read by ReadEvent.
inline const std::string kEventColumns =
    std::string(kEventSlotList) +
    ", e.assoc_actor1, e.assoc_actor2, e.fatalities, e.fatalities_min, e.fatalities_max, "
    "e.sources, e.mentions, e.confidence, e.updated_at, e.counts, m.place_text, m.trigger_text, "
    "m.trigger_start, m.trigger_end, m.date_text, m.counts, m.claimed_by, m.sentence, "
    "s.start_byte, s.end_byte, s.text, d.url, d.title, d.published";
inline constexpr std::string_view kEventFrom =
    " FROM events e LEFT JOIN places p ON p.id = e.place_id "
    "LEFT JOIN mentions m ON m.id = e.evidence_mention "
    "LEFT JOIN sentences s ON s.document_id = m.document_id AND s.seq = m.sentence "
    "LEFT JOIN documents d ON d.id = m.document_id";
StoredEvent ReadEvent(Row& row, Store& store);
// The same, into `event` (its strings reuse their buffers).
void ReadEvent(Row& row, Store& store, StoredEvent& event);

// A JSON array of actor keys, and back.
std::string ActorKeysJson(const std::vector<ActorRef>& actors);
std::vector<ActorRef> ActorsOfKeysJson(const std::string& json, Store& store);

// Current UTC time, ISO 8601 to the second.
std::string NowUtc();

}  // namespace frontline::store

#endif  // FRONTLINE_STORE_ROWS_H_
