// Writing to the store: documents, mentions, merged events and control periods.
#include "store/store.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>

#include "geo/gazetteer.h"
#include "store/rows.h"
#include "store/schema.h"

namespace frontline::store {
namespace {

using nlohmann::json;

bool Territorial(std::string_view sub_type) {
  return sub_type == "government_regains_territory" ||
         sub_type == "non_state_actor_overtakes_territory" ||
         sub_type == "non_violent_transfer_of_territory";
}

std::string Str(const json& object, const char* key) {
  auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return std::string();
  return found->get<std::string>();
}

// The text with runs of white space made one space and the ends trimmed, hashed (XXH3,
// 128 bits, hex): the same article re-served with other line breaks or indentation hashes
// the same.
std::string ContentHash(std::string_view text) {
  std::string normal;
  normal.reserve(text.size());
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      space = !normal.empty();
      continue;
    }
    if (space) normal += ' ';
    space = false;
    normal += c;
  }
  const XXH128_hash_t hash = XXH3_128bits(normal.data(), normal.size());
  return fmt::format("{:016x}{:016x}", hash.high64, hash.low64);
}

std::vector<Value> MentionSlotValues(const Mention& m) {
  return {m.sub_event_type,
          m.event_type,
          TextOrNull(m.actor1.key),
          TextOrNull(m.actor2.key),
          ActorKeysJson(m.assoc1),
          ActorKeysJson(m.assoc2),
          TextOrNull(m.place.country),
          TextOrNull(m.place.admin1),
          m.place.has_position ? Value(m.place.lat) : Value(nullptr),
          m.place.has_position ? Value(m.place.lon) : Value(nullptr),
          std::string(GeoPrecisionName(m.place.precision)),
          m.date_start,
          m.date_end,
          m.date_precision,
          m.fatalities,
          m.modality,
          m.confidence};
}

}  // namespace

std::string NowUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string ActorKeysJson(const std::vector<ActorRef>& actors) {
  json keys = json::array();
  for (const ActorRef& a : actors) keys.push_back(a.key);
  return keys.dump();
}

std::vector<ActorRef> ActorsOfKeysJson(const std::string& text, Store& store) {
  std::vector<ActorRef> actors;
  if (text == "[]" || text.empty()) return actors;
  const json keys = json::parse(text, nullptr, false);
  if (!keys.is_array()) return actors;
  for (const json& key : keys)
    if (key.is_string()) actors.push_back(store.Actor(key.get<std::string>()));
  return actors;
}

Store::Store(std::unique_ptr<Connection> db) : db_(std::move(db)) {}
Store::~Store() {
  if (in_batch_) Rollback();
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& target, int lock_timeout_ms) {
  auto db = Connect(target, lock_timeout_ms);
  if (!db.ok()) return db.status();
  if (Status migrated = Migrate(*db.value()); !migrated.ok()) return migrated;
  return std::unique_ptr<Store>(new Store(std::move(db).value()));
}

Status Store::Begin() {
  db_->ClearError();
  // One writing batch at a time, on both back ends (PostgreSQL: a transaction-level advisory
  // lock), so that a batch merges against every event committed before it and two ingests
  // never race on the same document or place.
  db_->Exec(db_->dialect() == Dialect::kSqlite ? "BEGIN IMMEDIATE"
                                              : "BEGIN; SELECT pg_advisory_xact_lock(7428114)");
  if (Status failed = db_->status(); !failed.ok()) {
    Rollback();  // PostgreSQL: the transaction began before the lock wait failed
    return failed;
  }
  in_batch_ = true;
  return Status::Ok();
}

Status Store::Commit() {
  for (const int64_t place : control_places_) RecomputeControl(place);
  control_places_.clear();
  batch_events_.clear();
  // The batch's generation (Generation()): readers that keep what they rendered start again.
  db_->Exec(
      "INSERT INTO meta (key, value) VALUES ('generation', '1') ON CONFLICT (key) DO UPDATE SET "
      "value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)");
  db_->Exec("COMMIT");
  Status status = db_->status();
  if (!status.ok()) Rollback();
  in_batch_ = false;
  return status;
}

void Store::Rollback() {
  db_->ClearError();
  db_->Exec("ROLLBACK");
  db_->ClearError();
  in_batch_ = false;
  ForgetCaches();
}

void Store::ForgetCaches() {
  place_ids_.clear();
  actor_keys_.clear();
  actors_.clear();
  control_places_.clear();
  batch_events_.clear();
}

Result<AddResult> Store::Add(const json& record) {
  if (!in_batch_) return Status::Error("Store::Add outside a batch (call Begin first)");
  if (!record.is_object()) return Status::Error("record is not a JSON object");
  auto mentions = MentionsOfRecord(record);
  if (!mentions.ok()) return mentions.status();
  db_->Exec("SAVEPOINT document");
  if (!db_->status().ok()) {
    const Status failed = db_->status();
    Rollback();  // the database failed before the document began: the batch goes with it
    return failed;
  }
  const std::set<int64_t> control_before = control_places_;
  Result<AddResult> result = AddDocument(record, mentions.value());
  if (!result.ok() || !db_->status().ok()) {
    const Status failed = result.ok() ? db_->status() : result.status();
    if (db_->Unusable()) {
      // Not this document's fault: the database failed, and the batch goes with it.
      Rollback();
      return failed;
    }
    db_->ClearError();
    db_->Exec("ROLLBACK TO SAVEPOINT document; RELEASE SAVEPOINT document");
    // Ids cached during the document may name rows that no longer exist.
    place_ids_.clear();
    actor_keys_.clear();
    actors_.clear();
    batch_events_.clear();
    control_places_ = control_before;
    if (!db_->status().ok()) {
      // The batch itself is lost (the connection failed).
      const Status lost = db_->status();
      Rollback();
      return Status::Error(failed.message() + "; the batch is lost: " + lost.message());
    }
    return failed;
  }
  db_->Exec("RELEASE SAVEPOINT document");
  if (!db_->status().ok()) {
    const Status failed = db_->status();
    Rollback();
    return failed;
  }
  return result;
}

Result<AddResult> Store::AddDocument(const json& record, const std::vector<Mention>& mentions) {
  AddResult result;
  const std::string text = Str(record, "text");
  const std::string url = Str(record, "url");
  // A document without text is known by its address and title alone.
  const std::string hash =
      ContentHash(text.empty() ? "\x01" + url + "\x01" + Str(record, "title") : text);
  // The same text anywhere (another outlet's copy, or this URL's current version): nothing
  // new to store. Checked first, so that a URL's old version is never removed for a text that
  // then turns out to be stored already.
  {
    Statement& by_hash = db_->Prepare("SELECT id, url FROM documents WHERE content_hash = ?");
    by_hash.Bind({hash});
    if (by_hash.Next()) {
      result.outcome = AddResult::Outcome::kSkipped;
      result.document_id = by_hash.Int(0);
      result.why = by_hash.Text(1) == url && !url.empty()
                       ? std::string("same URL and text")
                       : fmt::format("same text as document {}", result.document_id);
      by_hash.Run();
      return result;
    }
  }
  if (!url.empty()) {
    const int64_t old = db_->QueryInt("SELECT id FROM documents WHERE url = ?", {url}, 0);
    if (old != 0) {
      RemoveDocument(old);
      result.outcome = AddResult::Outcome::kReplaced;
    }
  }
  const json published = record.value("published", json());
  const json source = record.value("source", json());
  std::string published_date = published.is_object() ? Str(published, "date") : std::string();
  const std::string title = Str(record, "title");
  std::string key = Str(record, "id");
  if (key.empty()) key = url.empty() ? Str(source, "file") : url;
  result.document_id = db_->Insert(
      "INSERT INTO documents (url, content_hash, doc_key, title, published, origin, origin_line, "
      "language, text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {TextOrNull(url), hash, key, TextOrNull(title), TextOrNull(published_date),
               TextOrNull(source.is_object() ? Str(source, "file") : std::string()),
               source.is_object() && source.contains("line") && source["line"].is_number_integer()
                   ? Value(source["line"].get<int64_t>())
                   : Value(nullptr),
               TextOrNull(Str(record, "language")), text, NowUtc()});
  if (result.document_id == 0)
    return db_->status().ok() ? Status::Error("document not inserted") : db_->status();
  if (db_->dialect() == Dialect::kSqlite) {
    db_->Prepare("INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)")
        .Bind({result.document_id, title, text})
        .Run();
  }

  // Sentences that carry a mention, so evidence survives without re-reading the document.
  std::map<int64_t, std::pair<int64_t, int64_t>> sentence_spans;
  if (auto s = record.find("sentences"); s != record.end() && s->is_array()) {
    for (const json& sentence : *s) {
      if (!sentence.is_object()) continue;
      auto number = [&](const char* key, int64_t fallback) {
        auto found = sentence.find(key);
        return found != sentence.end() && found->is_number_integer() ? found->get<int64_t>() : fallback;
      };
      sentence_spans[number("index", -1)] = {number("start", 0), number("end", 0)};
    }
  }
  for (size_t i = 0; i < mentions.size(); ++i) {
    Mention m = mentions[i];
    auto span = sentence_spans.find(m.sentence);
    const int64_t start = span != sentence_spans.end() ? span->second.first : m.evidence_start;
    const int64_t end = span != sentence_spans.end() ? span->second.second : m.evidence_end;
    db_->Prepare(
           "INSERT INTO sentences (document_id, seq, start_byte, end_byte, text) VALUES "
           "(?, ?, ?, ?, ?) ON CONFLICT (document_id, seq) DO NOTHING")
        .Bind({result.document_id, m.sentence, start, end, m.evidence})
        .Run();
    m.actor1.key = EnsureActor(m.actor1);
    m.actor2.key = EnsureActor(m.actor2);
    for (ActorRef& a : m.assoc1) a.key = EnsureActor(a);
    for (ActorRef& a : m.assoc2) a.key = EnsureActor(a);
    const int64_t place_id = EnsurePlace(m.place);
    std::string note;
    int64_t event_id = FindEvent(m, &note);
    const bool joined = event_id != 0;
    EventState created;
    if (!joined) {
      created.mentions = {m};
      created.documents = {result.document_id};
      event_id = CreateEvent(Reconcile(created.mentions), created);
      note = "first report";
    }
    std::vector<Value> values = {result.document_id, event_id, static_cast<int64_t>(i),
                                 m.sentence, TextOrNull(m.trigger_text), m.trigger_start,
                                 m.trigger_end, TextOrNull(m.actor1.text), TextOrNull(m.actor2.text),
                                 place_id != 0 ? Value(place_id) : Value(nullptr),
                                 TextOrNull(m.place_text), TextOrNull(m.location_source),
                                 TextOrNull(m.date_source), TextOrNull(m.date_text), m.counts,
                                 TextOrNull(m.claimed_by), note};
    for (Value& v : MentionSlotValues(m)) values.push_back(std::move(v));
    const int64_t mention_id = db_->Insert(
           "INSERT INTO mentions (document_id, event_id, seq, sentence, trigger_text, "
           "trigger_start, trigger_end, actor1_text, actor2_text, place_id, place_text, "
           "location_source, date_source, date_text, counts, claimed_by, merge_note, "
           "sub_event_type, event_type, actor1, actor2, assoc_actor1, assoc_actor2, country, "
           "admin1, lat, lon, geo_precision, date_start, date_end, date_precision, fatalities, "
           "modality, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
           "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values);
    db_->Prepare(
           "INSERT INTO event_sources (event_id, document_id) VALUES (?, ?) "
           "ON CONFLICT (event_id, document_id) DO NOTHING")
        .Bind({event_id, result.document_id})
        .Run();
    if (joined) {
      Refresh(event_id, &m, mention_id, result.document_id);
    } else {
      db_->Prepare("UPDATE events SET evidence_mention = ? WHERE id = ?")
          .Bind({mention_id, event_id})
          .Run();
      created.ids = {mention_id};
      if (Territorial(m.sub_event_type) && created.place_id != 0)
        control_places_.insert(created.place_id);
      batch_events_.insert_or_assign(event_id, std::move(created));
    }
    ++result.mentions;
    if (joined) {
      ++result.merged;
    } else {
      ++result.new_events;
    }
    if (!db_->status().ok()) return db_->status();
  }
  return result;
}

void Store::RemoveDocument(int64_t document_id) {
  std::vector<int64_t> events;
  Statement& affected =
      db_->Prepare("SELECT DISTINCT event_id FROM mentions WHERE document_id = ? AND "
                   "event_id IS NOT NULL ORDER BY event_id");
  affected.Bind({document_id});
  while (affected.Next()) events.push_back(affected.Int(0));
  if (db_->dialect() == Dialect::kSqlite) {
    Statement& old = db_->Prepare("SELECT title, text FROM documents WHERE id = ?");
    old.Bind({document_id});
    if (old.Next()) {
      const std::string title = old.Text(0), text = old.Text(1);
      old.Run();
      db_->Prepare(
             "INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES "
             "('delete', ?, ?, ?)")
          .Bind({document_id, title, text})
          .Run();
    }
  }
  db_->Prepare("DELETE FROM documents WHERE id = ?").Bind({document_id}).Run();
  for (const int64_t event : events) Refresh(event, nullptr, 0, 0);
}

std::string Store::EnsureActor(const ActorRef& actor) {
  if (actor.empty()) return std::string();
  if (actor_keys_.insert(actor.key).second) {
    db_->Prepare(
           "INSERT INTO actors (key, actor_id, name, country, sector, inter) VALUES "
           "(?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING")
        .Bind({actor.key, actor.id, actor.name, TextOrNull(actor.country), TextOrNull(actor.sector),
               static_cast<int64_t>(actor.inter)})
        .Run();
  }
  return actor.key;
}

int64_t Store::EnsurePlace(const PlaceRef& place) {
  if (place.key.empty()) return 0;
  if (auto found = place_ids_.find(place.key); found != place_ids_.end()) return found->second;
  const int64_t existing = db_->QueryInt("SELECT id FROM places WHERE key = ?", {place.key}, 0);
  int64_t id = existing;
  if (id == 0) {
    id = db_->Insert(
        "INSERT INTO places (key, geonameid, name, country, admin1, feature_code, level, lat, "
        "lon) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {place.key, place.geonameid != 0 ? Value(place.geonameid) : Value(nullptr), place.name,
         TextOrNull(place.country), TextOrNull(place.admin1), TextOrNull(place.feature_code),
         TextOrNull(place.level), place.has_position ? Value(place.lat) : Value(nullptr),
         place.has_position ? Value(place.lon) : Value(nullptr)});
    if (id != 0 && place.has_position && db_->dialect() == Dialect::kSqlite) {
      db_->Prepare("INSERT INTO places_rtree (id, min_lat, max_lat, min_lon, max_lon) VALUES "
                   "(?, ?, ?, ?, ?)")
          .Bind({id, place.lat, place.lat, place.lon, place.lon})
          .Run();
    }
  }
  if (id != 0) place_ids_[place.key] = id;
  return id;
}

int64_t Store::FindEvent(const Mention& mention, std::string* why) {
  // Candidates: same event type (sub-types that may merge share one), dates near enough, the
  // same country or none. An event starting more than a year before the mention is not a
  // candidate: long ranges ("since 2016") are background, and the bound keeps the scan to one
  // year of one country's events.
  // A mention without a country or a date has nothing to compare by: it starts its own event.
  if (mention.place.country.empty() || mention.date_start.empty()) return 0;
  // Candidates: same country and event type (sub-types that may merge share one), dates that
  // may overlap. Events of a month or less are found by their start (one index range); longer
  // ones through the partial index on their end, and only when they start within a year of
  // the mention: ranges longer than that ("since 2016") are background, never merge targets.
  const std::string high = AddDays(mention.date_end, 2);
  const std::string low_end = AddDays(mention.date_start, -2);
  // Places further than any merge radius are left out in SQL, so that only near candidates
  // are read: for an event at a town, near a town or at a district, a box of the radius of the
  // pair (MergeRadiusKm); the same province or a box of 150 km when either side is a province;
  // anything in the country when either side is placed at country level or not at all.
  const PlaceRef& p = mention.place;
  const bool boxed = p.has_position && p.precision < GeoPrecision::kCountry;
  const bool province = p.precision == GeoPrecision::kAdmin1;
  const double cos_lat = std::max(0.05, std::cos(p.lat * M_PI / 180.0));
  auto box = [&](std::vector<Value>& values, double km) {
    const double dlat = km / 111.0, dlon = km / 111.0 / cos_lat;
    values.insert(values.end(), {p.lat - dlat, p.lat + dlat, p.lon - dlon, p.lon + dlon});
  };
  const bool remote = mention.sub_event_type == "air_drone_strike" ||
                      mention.sub_event_type == "shelling_artillery_missile_attack";
  const std::string other = !remote ? mention.sub_event_type
                            : mention.sub_event_type == "air_drone_strike"
                                ? "shelling_artillery_missile_attack"
                                : "air_drone_strike";
  constexpr std::string_view kNear =
      " AND e.country = ? AND e.sub_event_type IN (?, ?) AND "
      "(? = 0 OR e.lat IS NULL OR e.geo_precision IN ('country', 'none') OR "
      "((? = 1 OR e.geo_precision = 'admin1') AND (e.admin1 = ? OR "
      "(e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?))) OR "
      "(e.geo_precision = 'place' AND e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?) OR "
      "(e.geo_precision = 'near' AND e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?) OR "
      "(e.geo_precision = 'admin2' AND e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?))";
  std::vector<Value> near = {p.country, mention.sub_event_type, other, int64_t{boxed ? 1 : 0},
                             int64_t{province ? 1 : 0}, p.admin1};
  box(near, MergeRadiusKm(p.precision, GeoPrecision::kAdmin1));
  for (const GeoPrecision at : {GeoPrecision::kPlace, GeoPrecision::kNear, GeoPrecision::kAdmin2})
    box(near, std::max(0.0, MergeRadiusKm(p.precision, at)));
  std::vector<StoredEvent> found;
  for (const bool long_events : {false, true}) {
    Statement& candidates = db_->Prepare(
        std::string("SELECT ") + std::string(kEventSlotColumns) +
        (long_events ? " WHERE e.date_days > 31 AND e.date_end >= ? AND e.date_start >= ? AND "
                       "e.date_start <= ?"
                     : " WHERE e.date_days <= 31 AND e.date_start >= ? AND e.date_start <= ? AND "
                       "e.date_end >= ?") +
        std::string(kNear));
    std::vector<Value> values =
        long_events ? std::vector<Value>{low_end, AddDays(mention.date_start, -368), high}
                    : std::vector<Value>{AddDays(mention.date_start, -33), high, low_end};
    values.insert(values.end(), near.begin(), near.end());
    candidates.Bind(values);
    while (candidates.Next()) {
      Row row(candidates);
      StoredEvent event;
      event.id = ReadEventSlots(row, nullptr, event.slots);
      // Place, date, type and modality first, with the sides left unnamed (which always
      // agree); the actors are looked up only for the events that pass.
      const std::string actor1 = std::move(event.slots.actor1.key);
      const std::string actor2 = std::move(event.slots.actor2.key);
      event.slots.actor1 = ActorRef();
      event.slots.actor2 = ActorRef();
      if (!SameHappening(event.slots, mention, nullptr)) continue;
      event.slots.actor1 = Actor(actor1);
      event.slots.actor2 = Actor(actor2);
      found.push_back(std::move(event));
    }
  }
  std::sort(found.begin(), found.end(),
            [](const StoredEvent& a, const StoredEvent& b) { return a.id < b.id; });
  // The first stored event the mention may report: nearest in place, then in date, then the
  // oldest, so the choice does not depend on the order rows come back in.
  int64_t best = 0;
  double best_km = 0;
  int64_t best_days = 0;
  const StoredEvent* chosen = nullptr;
  for (const StoredEvent& event : found) {
    if (!SameHappening(event.slots, mention, nullptr)) continue;
    const PlaceRef& a = event.slots.place;
    const PlaceRef& b = mention.place;
    const double km = a.has_position && b.has_position
                          ? geo::DistanceKm({a.lat, a.lon}, {b.lat, b.lon})
                          : 0.0;
    const int64_t days = std::llabs(DaysBetween(event.slots.date_start, mention.date_start));
    if (best == 0 || km < best_km - 1e-9 ||
        (std::abs(km - best_km) <= 1e-9 && (days < best_days || (days == best_days && event.id < best)))) {
      best = event.id;
      best_km = km;
      best_days = days;
      chosen = &event;
    }
  }
  // The reason is written for the chosen event only: formatting it for every candidate
  // cost more than the comparisons.
  if (chosen != nullptr && why != nullptr) {
    std::string reason;
    SameHappening(chosen->slots, mention, &reason);
    *why = fmt::format("joined event {}: {}", chosen->id, reason);
  }
  return best;
}

std::vector<Mention> Store::MentionsOf(int64_t event_id, std::vector<int64_t>* ids) {
  std::vector<Mention> mentions;
  Statement& select = db_->Prepare(std::string("SELECT ") + std::string(kMentionSlotColumns) +
                                   " WHERE m.event_id = ? ORDER BY m.id");
  select.Bind({event_id});
  while (select.Next()) {
    Row row(select);
    Mention m;
    const int64_t id = ReadMentionSlots(row, *this, m);
    if (ids != nullptr) ids->push_back(id);
    mentions.push_back(std::move(m));
  }
  return mentions;
}

void Store::Refresh(int64_t event_id, const Mention* added, int64_t mention_id,
                    int64_t document_id) {
  auto state = batch_events_.find(event_id);
  if (state == batch_events_.end() || added == nullptr) {
    // First touch in this batch (or mentions removed): the event's mentions from the database,
    // which already hold `added`.
    EventState loaded;
    loaded.mentions = MentionsOf(event_id, &loaded.ids);
    Statement& sources = db_->Prepare("SELECT document_id FROM event_sources WHERE event_id = ?");
    sources.Bind({event_id});
    while (sources.Next()) loaded.documents.insert(sources.Int(0));
    loaded.place_id = db_->QueryInt("SELECT place_id FROM events WHERE id = ?", {event_id}, 0);
    state = batch_events_.insert_or_assign(event_id, std::move(loaded)).first;
  } else {
    state->second.mentions.push_back(*added);
    state->second.ids.push_back(mention_id);
    state->second.documents.insert(document_id);
  }
  EventState& event = state->second;
  const int64_t old_place = event.place_id;
  if (event.mentions.empty()) {
    if (db_->dialect() == Dialect::kSqlite)
      db_->Prepare("DELETE FROM events_rtree WHERE id = ?").Bind({event_id}).Run();
    db_->Prepare("DELETE FROM events WHERE id = ?").Bind({event_id}).Run();
    if (old_place != 0) control_places_.insert(old_place);
    batch_events_.erase(state);
    return;
  }
  const Reconciled reconciled = Reconcile(event.mentions);
  WriteEvent(event_id, reconciled, event, event.ids[reconciled.evidence]);
  for (const Mention& m : event.mentions) {
    if (Territorial(m.sub_event_type)) {
      if (old_place != 0) control_places_.insert(old_place);
      if (event.place_id != 0) control_places_.insert(event.place_id);
      break;
    }
  }
}

namespace {

// The columns of an event that describe it (all but its counters), in the order of
// MentionSlotValues, then place_id and date_days.
std::vector<Value> EventSlotValues(const Mention& s, int64_t place_id) {
  std::vector<Value> values = MentionSlotValues(s);
  values.push_back(place_id != 0 ? Value(place_id) : Value(nullptr));
  values.push_back(s.date_start.empty() ? 1 : DaysBetween(s.date_start, s.date_end) + 1);
  return values;
}

constexpr std::string_view kEventSlotNames =
    "sub_event_type, event_type, actor1, actor2, assoc_actor1, assoc_actor2, country, admin1, "
    "lat, lon, geo_precision, date_start, date_end, date_precision, fatalities, modality, "
    "confidence, place_id, date_days";

}  // namespace

int64_t Store::CreateEvent(const Reconciled& event, EventState& state) {
  const Mention& s = event.slots;
  state.place_id = EnsurePlace(s.place);
  state.written = EventSlotValues(s, state.place_id);
  std::vector<Value> values = state.written;
  values.insert(values.end(), {event.fatalities_min, event.fatalities_max,
                               static_cast<int64_t>(state.documents.size()),
                               static_cast<int64_t>(state.mentions.size()), NowUtc(),
                               event.counts});
  const int64_t id = db_->Insert(
      std::string("INSERT INTO events (") + std::string(kEventSlotNames) +
          ", fatalities_min, fatalities_max, sources, mentions, updated_at, counts) VALUES (?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      values);
  if (id != 0 && s.place.has_position && db_->dialect() == Dialect::kSqlite) {
    db_->Prepare("INSERT INTO events_rtree (id, min_lat, max_lat, min_lon, max_lon) VALUES "
                 "(?, ?, ?, ?, ?)")
        .Bind({id, s.place.lat, s.place.lat, s.place.lon, s.place.lon})
        .Run();
  }
  return id;
}

void Store::WriteEvent(int64_t event_id, const Reconciled& event, EventState& state,
                       int64_t evidence_mention) {
  const Mention& s = event.slots;
  const int64_t place_id = EnsurePlace(s.place);
  std::vector<Value> slots = EventSlotValues(s, place_id);
  std::vector<Value> counters = {event.fatalities_min, event.fatalities_max,
                                 static_cast<int64_t>(state.documents.size()),
                                 static_cast<int64_t>(state.mentions.size()), evidence_mention,
                                 NowUtc(), event.counts, event_id};
  if (slots == state.written) {
    // Only the counters changed: an update that touches no indexed column.
    db_->Prepare(
           "UPDATE events SET fatalities_min = ?, fatalities_max = ?, sources = ?, mentions = ?, "
           "evidence_mention = ?, updated_at = ?, counts = ? WHERE id = ?")
        .Bind(counters)
        .Run();
    return;
  }
  const bool moved = state.written.empty() || state.written[8] != slots[8] ||
                     state.written[9] != slots[9];
  std::vector<Value> values = slots;
  values.insert(values.end(), counters.begin(), counters.end());
  db_->Prepare(
         "UPDATE events SET sub_event_type = ?, event_type = ?, actor1 = ?, actor2 = ?, "
         "assoc_actor1 = ?, assoc_actor2 = ?, country = ?, admin1 = ?, lat = ?, lon = ?, "
         "geo_precision = ?, date_start = ?, date_end = ?, date_precision = ?, fatalities = ?, "
         "modality = ?, confidence = ?, place_id = ?, date_days = ?, fatalities_min = ?, "
         "fatalities_max = ?, sources = ?, mentions = ?, evidence_mention = ?, updated_at = ?, "
         "counts = ? WHERE id = ?")
      .Bind(values)
      .Run();
  if (moved && db_->dialect() == Dialect::kSqlite) {
    if (s.place.has_position) {
      db_->Prepare("INSERT OR REPLACE INTO events_rtree (id, min_lat, max_lat, min_lon, max_lon) "
                   "VALUES (?, ?, ?, ?, ?)")
          .Bind({event_id, s.place.lat, s.place.lat, s.place.lon, s.place.lon})
          .Run();
    } else {
      db_->Prepare("DELETE FROM events_rtree WHERE id = ?").Bind({event_id}).Run();
    }
  }
  state.written = std::move(slots);
  state.place_id = place_id;
}

void Store::RecomputeControl(int64_t place_id) {
  db_->Prepare("DELETE FROM control WHERE place_id = ?").Bind({place_id}).Run();
  // Control changes only with a dated capture of a town (a province is not taken by one
  // event), reported as fact, claim or background; denials and threats change nothing. The
  // new holder is the taker (actor1), or for a transfer without a fight the side it went to
  // (actor2: in "the rebels withdrew from" or "handed over to", actor1 is the side leaving).
  Statement& changes = db_->Prepare(
      "SELECT e.id, e.sub_event_type, CASE WHEN e.sub_event_type = "
      "'non_violent_transfer_of_territory' THEN e.actor2 ELSE e.actor1 END, e.country, "
      "e.date_start, e.date_end, e.date_precision FROM events e WHERE e.place_id = ? AND "
      "e.geo_precision = 'place' AND e.date_start != '' AND "
      "e.modality IN ('fact', 'claimed', 'historical') AND e.sub_event_type IN "
      "('government_regains_territory', 'non_state_actor_overtakes_territory', "
      "'non_violent_transfer_of_territory') ORDER BY e.date_start, e.id");
  changes.Bind({place_id});
  struct Change {
    int64_t event;
    std::string sub_type, holder, since, since_end, precision;
  };
  std::vector<Change> rows;
  while (changes.Next()) {
    Change c{changes.Int(0), changes.Text(1), changes.Text(2),
             changes.Text(4), changes.Text(5), changes.Text(6)};
    const std::string country = changes.Text(3);
    if (c.holder.empty() && c.sub_type == "government_regains_territory" && !country.empty()) {
      // "The town was retaken" with no agent: the state retook it.
      ActorRef state;
      state.id = "gen.state_forces";
      state.country = country;
      state.key = state.id + "@" + country;
      state.name = "State forces (" + country + ")";
      state.sector = "state";
      state.inter = 1;
      c.holder = EnsureActor(state);
    }
    // A second report of the same holder's capture is not a change (nor of an unnamed
    // taker's: nothing says it changed hands).
    if (!rows.empty() && rows.back().holder == c.holder) continue;
    rows.push_back(std::move(c));
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    const Change& c = rows[i];
    db_->Prepare(
           "INSERT INTO control (place_id, actor, change, since, since_end, since_precision, "
           "until, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .Bind({place_id, TextOrNull(c.holder), c.sub_type, c.since, c.since_end, c.precision,
               i + 1 < rows.size() ? Value(rows[i + 1].since) : Value(nullptr), c.event})
        .Run();
  }
}

ActorRef Store::Actor(const std::string& key) {
  if (key.empty()) return ActorRef();
  if (auto found = actors_.find(key); found != actors_.end()) return found->second;
  ActorRef actor;
  Statement& select =
      db_->Prepare("SELECT key, actor_id, name, country, sector, inter FROM actors WHERE key = ?");
  select.Bind({key});
  if (select.Next()) {
    actor.key = select.Text(0);
    actor.id = select.Text(1);
    actor.name = select.Text(2);
    actor.country = select.Text(3);
    actor.sector = select.Text(4);
    actor.inter = static_cast<int>(select.Int(5));
    select.Run();
    actors_[key] = actor;
  }
  return actor;
}

}  // namespace frontline::store
