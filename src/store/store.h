// The store: documents, the events they report merged into one record per real-world
// happening, and who controls which place since when. SQLite by default (one file, WAL),
// PostgreSQL for teams sharing a database (`postgresql://...`); the same schema and the same
// queries on both (docs/schema.md, "Store").
//
// Writing: Add() takes one document as `frontline extract` writes it. Documents are known by
// URL and by a hash of their normalised text: a document already stored is skipped, one whose
// URL is stored with other text replaces the old version. Each new mention joins the first
// stored event it may describe (store/merge.h) or starts a new one; the event's values are
// then reconciled from all its mentions. Writes happen inside batches (Begin/Commit), each
// document under its own savepoint: a document that fails leaves the batch's other documents
// intact, and a process killed mid-batch leaves the last committed batch.
//
// A Store belongs to one thread. Several processes may share a database; SQLite writers take
// turns (a writer waiting longer than the busy timeout fails with "database is locked").
#ifndef FRONTLINE_STORE_STORE_H_
#define FRONTLINE_STORE_STORE_H_

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "status/status.h"
#include "store/merge.h"
#include "store/sql.h"

namespace frontline::store {

// What Add() did with a document.
struct AddResult {
  enum class Outcome { kAdded, kReplaced, kSkipped };
  Outcome outcome = Outcome::kAdded;
  int64_t document_id = 0;
  size_t mentions = 0;    // events the document reports
  size_t new_events = 0;  // of which started new events
  size_t merged = 0;      // of which joined stored events
  std::string why;        // for kSkipped: "same URL and text", "same text as document 12"
};

// An event as stored: its reconciled values and how many reports back it.
struct StoredEvent {
  int64_t id = 0;
  Mention slots;  // sub-type, place, date, actors, toll, modality; evidence of the best report
  int64_t fatalities_min = 0, fatalities_max = 0;
  std::string counts = "{}";  // every kind of people count reconciled (Reconciled::counts)
  int64_t sources = 0;   // distinct documents
  int64_t mentions = 0;  // sentences
  std::string updated_at;
  std::string source_url;     // the evidence's document
  std::string source_title;
  std::string source_published;
};

// One report of a stored event.
struct EventSource {
  int64_t mention_id = 0;
  int64_t document_id = 0;
  std::string url, title, published, origin;
  Mention mention;
  std::string merge_note;  // why it joined the event ("same place, dates overlap, ...")
};

// Filters of Events(); every set field must hold.
struct EventFilter {
  std::vector<std::string> countries;  // ISO alpha-2
  std::string admin1;                  // division name as stored ("Idlib Governorate")
  std::optional<double> lat, lon;      // with radius_km: events within the radius
  double radius_km = 25;
  std::optional<std::array<double, 4>> bbox;  // min_lon, min_lat, max_lon, max_lat
  std::string from, to;                // ISO dates: events whose range overlaps [from, to]
  std::vector<std::string> event_types;      // ACLED labels ("Battles")
  std::vector<std::string> sub_event_types;  // taxonomy ids ("air_drone_strike")
  std::string actor;                   // actor id, or part of an actor's name
  int64_t min_sources = 0;
  std::vector<std::string> modalities;  // empty: all
  std::string text;                     // words the sources' text must contain
  // Keyset pagination, in order of (date_start, id): rows after this position (none when
  // after_id is 0; undated events have an empty date and come first).
  std::string after_date;
  int64_t after_id = 0;
  size_t limit = 100;  // 0: no limit
};

// One period of control of a place.
struct ControlPeriod {
  PlaceRef place;
  ActorRef holder;     // empty when the taker is unnamed
  std::string change;  // the sub-type that began it
  std::string since, since_end, since_precision;
  std::string until;   // the next change's date, "" while current
  int64_t event_id = 0;
  std::string modality;
  std::string evidence;  // the sentence
  std::string source;    // the evidence's document (URL, else title)
};

// Events of one start date and event type (Store::CountsByDay).
struct DayTypeCount {
  std::string date;
  std::string event_type;
  int64_t events = 0;
};

// An actor with the number of events it takes part in (as actor 1 or 2).
struct ActorSummary {
  ActorRef actor;
  int64_t events = 0;
};

// A stored document with the spans of its sentences that report events.
struct StoredDocument {
  int64_t id = 0;
  std::string url, title, published, origin, text;
  struct Evidence {
    int64_t event_id = 0;  // 0 when the mention's event was dropped
    int64_t sentence = 0;
    int64_t start = 0, end = 0;                  // the sentence, bytes in `text`
    int64_t trigger_start = 0, trigger_end = 0;  // the trigger, bytes in `text`
  };
  std::vector<Evidence> evidence;  // in text order
};

struct StoreCounts {
  int64_t documents = 0, events = 0, mentions = 0, places = 0, actors = 0, control = 0;
};

class Store {
 public:
  // Connects to `target` (a SQLite path or a postgresql:// URI) and brings its schema to this
  // build's version. A writer waits at most `lock_timeout_ms` for another's lock (see Connect).
  static Result<std::unique_ptr<Store>> Open(const std::string& target,
                                             int lock_timeout_ms = 10000);
  ~Store();

  // Batches: every Add() happens between Begin() and Commit(). Rollback() drops the batch.
  Status Begin();
  Status Commit();
  void Rollback();
  // Whether a batch is open. False after a failure that lost the batch (the database itself
  // failed: Connection::Unusable): its documents are not stored.
  bool in_batch() const { return in_batch_; }

  // Stores one document record (the JSON object `frontline extract` writes for it). On a
  // failure of the document's own, nothing of it is stored and the batch goes on; on a
  // failure of the database (locked, full, lost), the batch is rolled back (in_batch() false).
  Result<AddResult> Add(const nlohmann::json& record);

  // Reading.
  Result<StoreCounts> Counts();
  Result<std::vector<StoredEvent>> Events(const EventFilter& filter);
  // Events() in two steps: the ids (with start dates, for cursors) of the page, in order, then
  // those events (in the order of `ids`; ids of no event are skipped).
  struct EventKey {
    int64_t id = 0;
    std::string date_start;
  };
  Result<std::vector<EventKey>> EventIds(const EventFilter& filter);
  Result<std::vector<StoredEvent>> EventsByIds(const std::vector<int64_t>& ids);
  // The store's generation: a number every committed batch increases (kept in the meta
  // table), on both back ends, whichever process wrote. What a reader rendered from the store
  // stays right while the generation does. Nullopt when it cannot be read.
  std::optional<int64_t> Generation();
  Result<std::optional<StoredEvent>> Event(int64_t id);
  Result<std::vector<EventSource>> Sources(int64_t event_id);
  // The stored places whose name or GeoNames id matches `query` (a name in any spelling the
  // stored name folds to, or digits for a GeoNames id), with their control history in date
  // order. `gazetteer_ids` are GeoNames ids the caller resolved the name to (may be empty).
  Result<std::vector<ControlPeriod>> ControlOf(const std::string& query,
                                               const std::vector<int64_t>& gazetteer_ids);
  // Who held each place (of `country`, when given; inside `bbox` {min_lon, min_lat, max_lon,
  // max_lat}, when given: the places' R*Tree on SQLite) on `date`.
  Result<std::vector<ControlPeriod>> ControlAt(const std::string& date, const std::string& country,
                                               const std::optional<std::array<double, 4>>& bbox = {});
  // Events per start date and event type for `filter` (its limit and cursor ignored);
  // undated events are left out. Rows in date order.
  Result<std::vector<DayTypeCount>> CountsByDay(const EventFilter& filter);
  // Actors that take part in events, most events first; `query` (may be empty) keeps those
  // whose id, key or name contains it (case-insensitive).
  Result<std::vector<ActorSummary>> Actors(const std::string& query, size_t limit);
  // One document with its evidence spans; nullopt when there is none with this id.
  Result<std::optional<StoredDocument>> Document(int64_t id);
  // The first start date and the last end date of the dated events ("" when none).
  Result<std::pair<std::string, std::string>> DateSpan();

  // The actor stored under `key`, or an empty one.
  ActorRef Actor(const std::string& key);

  Connection& connection() { return *db_; }

 private:
  explicit Store(std::unique_ptr<Connection> db);

  Result<AddResult> AddDocument(const nlohmann::json& record, const std::vector<Mention>& mentions);
  void RemoveDocument(int64_t document_id);
  std::string EnsureActor(const ActorRef& actor);
  int64_t EnsurePlace(const PlaceRef& place);
  int64_t FindEvent(const Mention& mention, std::string* why);
  // Reconciles and writes an event after `added` (stored as `mention_id` of `document_id`)
  // joined it; with `added` null, after mentions left it (deleted when none is left).
  void Refresh(int64_t event_id, const Mention* added, int64_t mention_id, int64_t document_id);
  struct EventState;
  // Inserts a new event with `event`'s values; returns its id.
  int64_t CreateEvent(const Reconciled& event, EventState& state);
  // Writes the event's values, only its counters when its slots are as last written.
  void WriteEvent(int64_t event_id, const Reconciled& event, EventState& state,
                  int64_t evidence_mention);
  void RecomputeControl(int64_t place_id);
  std::vector<Mention> MentionsOf(int64_t event_id, std::vector<int64_t>* ids);
  void ForgetCaches();

  std::unique_ptr<Connection> db_;
  bool in_batch_ = false;
  std::map<std::string, int64_t> place_ids_;
  std::set<std::string> actor_keys_;
  std::map<std::string, ActorRef> actors_;
  std::set<int64_t> control_places_;  // places whose control to recompute at Commit
  // The events this batch touched, with their mentions' slots, so that a report joining a
  // much-reported event does not read all its mentions back each time.
  struct EventState {
    std::vector<Mention> mentions;
    std::vector<int64_t> ids;
    std::set<int64_t> documents;
    int64_t place_id = 0;
    std::vector<Value> written;  // the slot values as last written (empty: unknown)
  };
  std::map<int64_t, EventState> batch_events_;
};

}  // namespace frontline::store

#endif  // FRONTLINE_STORE_STORE_H_
