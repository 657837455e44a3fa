// Reading from the store: events by filter, one event's sources, control of places.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <utility>

#include "store/rows.h"
#include "store/store.h"

namespace frontline::store {
namespace {

// Events longer than this many days are found through their own index when a date range
// is asked for; shorter ones through the start date.
constexpr int kLongEventDays = 31;

// A LIKE pattern (with ESCAPE '\') for names containing `text`, lower-cased: the user's words,
// their % and _ matched as themselves, not as LIKE's wildcards.
std::string ContainsPattern(std::string_view text) {
  std::string pattern = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return pattern + "%";
}

std::string Marks(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

void ReadPlace(Row& row, PlaceRef& place) {
  place.key = row.Text();
  place.geonameid = row.Int();
  place.name = row.Text();
  place.feature_code = row.Text();
  place.level = row.Text();
  place.country = row.Text();
  place.admin1 = row.Text();
  place.has_position = !row.Null();
  place.lat = row.Real();
  place.lon = row.Real();
  place.precision = ParseGeoPrecision(row.Text());
}

ControlPeriod ReadControl(Row& row, Store& store) {
  ControlPeriod c;
  ReadPlace(row, c.place);
  c.holder = store.Actor(row.Text());
  c.change = row.Text();
  c.since = row.Text();
  c.since_end = row.Text();
  c.since_precision = row.Text();
  c.until = row.Text();
  c.event_id = row.Int();
  c.modality = row.Text();
  c.evidence = row.Text();
  const std::string url = row.Text();
  const std::string title = row.Text();
  c.source = url.empty() ? title : url;
  return c;
}

constexpr std::string_view kControlSelect =
    "SELECT p.key, p.geonameid, p.name, p.feature_code, p.level, p.country, p.admin1, p.lat, "
    "p.lon, 'place', c.actor, c.change, c.since, c.since_end, c.since_precision, c.until, "
    "c.event_id, e.modality, s.text, d.url, d.title FROM control c "
    "JOIN places p ON p.id = c.place_id JOIN events e ON e.id = c.event_id "
    "LEFT JOIN mentions m ON m.id = e.evidence_mention "
    "LEFT JOIN sentences s ON s.document_id = m.document_id AND s.seq = m.sentence "
    "LEFT JOIN documents d ON d.id = m.document_id ";

// Every row of `select` (bound, not yet stepped) read by `read`, or the connection's failure.
template <typename Read>
auto ReadAll(Connection& db, Statement& select, Read read)
    -> Result<std::vector<decltype(read(std::declval<Row&>()))>> {
  std::vector<decltype(read(std::declval<Row&>()))> rows;
  while (select.Next()) {
    Row row(select);
    rows.push_back(read(row));
  }
  if (!db.status().ok()) return db.status();
  return rows;
}

// Appends to `sql` (which ends in a WHERE clause) the conditions of `f` over the events
// aliased `e`, and their values to `values`. The cursor is included; the order and limit are
// the caller's.
void AppendEventConditions(const EventFilter& f, Dialect dialect, std::string& sql,
                           std::vector<Value>& values) {
  const bool sqlite = dialect == Dialect::kSqlite;
  if (!f.countries.empty()) {
    sql += " AND e.country IN (" + Marks(f.countries.size()) + ")";
    for (const std::string& c : f.countries) values.emplace_back(c);
  }
  if (!f.admin1.empty()) {
    sql += " AND e.admin1 = ?";
    values.emplace_back(f.admin1);
  }
  auto box = [&](double min_lon, double min_lat, double max_lon, double max_lat) {
    if (sqlite) {
      sql += " AND e.id IN (SELECT id FROM events_rtree WHERE min_lat >= ? AND max_lat <= ? AND "
             "min_lon >= ? AND max_lon <= ?)";
    } else {
      sql += " AND e.lat >= ? AND e.lat <= ? AND e.lon >= ? AND e.lon <= ?";
    }
    values.insert(values.end(), {min_lat, max_lat, min_lon, max_lon});
  };
  if (f.lat && f.lon) {
    // The radius's bounding box first (an index lookup), then the exact distance.
    const double dlat = f.radius_km / 111.0;
    const double dlon = f.radius_km / (111.0 * std::max(0.01, std::cos(*f.lat * M_PI / 180.0)));
    box(*f.lon - dlon, *f.lat - dlat, *f.lon + dlon, *f.lat + dlat);
    sql += " AND frontline_km(e.lat, e.lon, ?, ?) <= ?";
    values.insert(values.end(), {*f.lat, *f.lon, f.radius_km});
  }
  if (f.bbox) box((*f.bbox)[0], (*f.bbox)[1], (*f.bbox)[2], (*f.bbox)[3]);
  if (!f.from.empty() || !f.to.empty()) {
    const std::string from = f.from.empty() ? "0000-01-01" : f.from;
    const std::string to = f.to.empty() ? "9999-12-31" : f.to;
    // Overlap of [date_start, date_end] with [from, to]: short events by their start (one
    // index range), long ones through the partial index on their end.
    sql += fmt::format(
        " AND e.date_start <= ? AND e.date_end >= ? AND (e.date_start >= ? OR "
        "e.id IN (SELECT id FROM events WHERE date_days > {} AND date_end >= ?))",
        kLongEventDays);
    values.insert(values.end(), {to, from, AddDays(from, -kLongEventDays), from});
  }
  if (!f.event_types.empty()) {
    sql += " AND e.event_type IN (" + Marks(f.event_types.size()) + ")";
    for (const std::string& t : f.event_types) values.emplace_back(t);
  }
  if (!f.sub_event_types.empty()) {
    sql += " AND e.sub_event_type IN (" + Marks(f.sub_event_types.size()) + ")";
    for (const std::string& t : f.sub_event_types) values.emplace_back(t);
  }
  if (!f.actor.empty()) {
    sql +=
        " AND (e.actor1 IN (SELECT key FROM actors WHERE actor_id = ? OR key = ? OR "
        "lower(name) LIKE ? ESCAPE '\\') OR e.actor2 IN (SELECT key FROM actors WHERE "
        "actor_id = ? OR key = ? OR lower(name) LIKE ? ESCAPE '\\'))";
    const std::string pattern = ContainsPattern(f.actor);
    values.insert(values.end(), {f.actor, f.actor, pattern, f.actor, f.actor, pattern});
  }
  if (f.min_sources > 0) {
    sql += " AND e.sources >= ?";
    values.emplace_back(f.min_sources);
  }
  if (!f.modalities.empty()) {
    sql += " AND e.modality IN (" + Marks(f.modalities.size()) + ")";
    for (const std::string& m : f.modalities) values.emplace_back(m);
  }
  if (!f.text.empty()) {
    if (sqlite) {
      // Each word quoted: the user's text is words to find, not FTS5 query syntax.
      std::string query;
      std::string word;
      auto flush = [&] {
        if (word.empty()) return;
        if (!query.empty()) query += ' ';
        query += '"' + word + '"';
        word.clear();
      };
      for (const char c : f.text) {
        if (static_cast<unsigned char>(c) <= ' ') {
          flush();  // spaces and control characters separate words
        } else if (c != '"') {
          word += c;
        }
      }
      flush();
      if (query.empty()) query = "\"\"";  // no word: matches nothing (an empty MATCH fails)
      sql += " AND e.id IN (SELECT es.event_id FROM event_sources es WHERE es.document_id IN "
             "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))";
      values.emplace_back(query);
    } else {
      sql += " AND e.id IN (SELECT es.event_id FROM event_sources es JOIN documents d2 ON "
             "d2.id = es.document_id WHERE d2.search @@ plainto_tsquery('simple', ?))";
      values.emplace_back(f.text);
    }
  }
  if (f.after_id > 0) {  // undated events sort first, with an empty date
    sql += " AND (e.date_start > ? OR (e.date_start = ? AND e.id > ?))";
    values.insert(values.end(), {f.after_date, f.after_date, f.after_id});
  }
}

}  // namespace

int64_t ReadMentionSlots(Row& row, Store& store, Mention& m) {
  const int64_t id = row.Int();
  m.sub_event_type = row.Text();
  m.event_type = row.Text();
  m.actor1 = store.Actor(row.Text());
  m.actor2 = store.Actor(row.Text());
  m.assoc1 = ActorsOfKeysJson(row.Text(), store);
  m.assoc2 = ActorsOfKeysJson(row.Text(), store);
  ReadPlace(row, m.place);
  m.date_start = row.Text();
  m.date_end = row.Text();
  m.date_precision = row.Text();
  m.fatalities = row.Int();
  m.modality = row.Text();
  m.confidence = row.Real();
  m.counts = row.Text();
  m.people = PeopleCounts(m.counts);
  return id;
}

int64_t ReadEventSlots(Row& row, Store* store, Mention& s) {
  const int64_t id = row.Int();
  s.sub_event_type = row.Text();
  s.event_type = row.Text();
  s.date_start = row.Text();
  s.date_end = row.Text();
  s.date_precision = row.Text();
  ReadPlace(row, s.place);
  if (store != nullptr) {
    s.actor1 = store->Actor(row.Text());
    s.actor2 = store->Actor(row.Text());
  } else {
    s.actor1.key = row.Text();
    s.actor2.key = row.Text();
  }
  s.modality = row.Text();
  return id;
}

MentionRow ReadMention(Row& row, Store& store) {
  MentionRow out;
  Mention& m = out.mention;
  out.id = ReadMentionSlots(row, store, m);
  out.document_id = row.Int();
  out.event_id = row.Int();
  out.merge_note = row.Text();
  m.sentence = row.Int();
  m.trigger_text = row.Text();
  m.trigger_start = row.Int();
  m.trigger_end = row.Int();
  m.actor1.text = row.Text();
  m.actor2.text = row.Text();
  m.place_text = row.Text();
  m.location_source = row.Text();
  m.date_source = row.Text();
  m.date_text = row.Text();
  m.claimed_by = row.Text();
  m.evidence_start = row.Int();
  m.evidence_end = row.Int();
  m.evidence = row.Text();
  return out;
}

StoredEvent ReadEvent(Row& row, Store& store) {
  StoredEvent e;
  ReadEvent(row, store, e);
  return e;
}

void ReadEvent(Row& row, Store& store, StoredEvent& e) {
  Mention& s = e.slots;
  e.id = ReadEventSlots(row, &store, s);
  s.assoc1 = ActorsOfKeysJson(row.Text(), store);
  s.assoc2 = ActorsOfKeysJson(row.Text(), store);
  s.fatalities = row.Int();
  e.fatalities_min = row.Int();
  e.fatalities_max = row.Int();
  e.sources = row.Int();
  e.mentions = row.Int();
  s.confidence = row.Real();
  e.updated_at = row.Text();
  e.counts = row.Text();
  s.place_text = row.Text();
  s.trigger_text = row.Text();
  s.trigger_start = row.Int();
  s.trigger_end = row.Int();
  s.date_text = row.Text();
  s.counts = row.Text();
  s.claimed_by = row.Text();
  s.sentence = row.Int();
  s.evidence_start = row.Int();
  s.evidence_end = row.Int();
  s.evidence = row.Text();
  e.source_url = row.Text();
  e.source_title = row.Text();
  e.source_published = row.Text();
}

Result<StoreCounts> Store::Counts() {
  StoreCounts counts;
  counts.documents = db_->QueryInt("SELECT COUNT(*) FROM documents", {});
  counts.events = db_->QueryInt("SELECT COUNT(*) FROM events", {});
  counts.mentions = db_->QueryInt("SELECT COUNT(*) FROM mentions", {});
  counts.places = db_->QueryInt("SELECT COUNT(*) FROM places", {});
  counts.actors = db_->QueryInt("SELECT COUNT(*) FROM actors", {});
  counts.control = db_->QueryInt("SELECT COUNT(*) FROM control", {});
  if (!db_->status().ok()) return db_->status();
  return counts;
}

Result<std::vector<Store::EventKey>> Store::EventIds(const EventFilter& f) {
  std::string sql = "SELECT e.id, e.date_start FROM events e WHERE 1 = 1";
  std::vector<Value> values;
  AppendEventConditions(f, db_->dialect(), sql, values);
  sql += " ORDER BY e.date_start, e.id";
  if (f.limit > 0) {
    sql += " LIMIT ?";
    values.emplace_back(static_cast<int64_t>(f.limit));
  }
  db_->ClearError();
  Statement& select = db_->Prepare(sql).Bind(values);
  return ReadAll(*db_, select, [](Row& row) {
    EventKey key;
    key.id = row.Int();
    key.date_start = row.Text();
    return key;
  });
}

Result<std::vector<StoredEvent>> Store::EventsByIds(const std::vector<int64_t>& ids) {
  db_->ClearError();
  // In chunks of a fixed number of placeholders (padded with 0, which is no event's id), so
  // that a few statements serve every page size.
  std::map<int64_t, StoredEvent> found;
  for (size_t done = 0; done < ids.size();) {
    const size_t left = ids.size() - done;
    const size_t chunk = left <= 1 ? 1 : left <= 10 ? 10 : 100;
    std::vector<Value> chunk_ids;
    for (size_t i = 0; i < chunk; ++i)
      chunk_ids.emplace_back(done + i < ids.size() ? ids[done + i] : int64_t{0});
    Statement& select = db_->Prepare(std::string("SELECT ") + std::string(kEventColumns) +
                                     std::string(kEventFrom) + " WHERE e.id IN (" + Marks(chunk) +
                                     ")")
                            .Bind(chunk_ids);
    while (select.Next()) {
      Row row(select);
      ReadEvent(row, *this, found[select.Int(0)]);
    }
    if (!db_->status().ok()) return db_->status();
    done += std::min(chunk, left);
  }
  std::vector<StoredEvent> events;
  events.reserve(found.size());
  for (const int64_t id : ids) {
    auto it = found.find(id);
    if (it != found.end()) events.push_back(std::move(it->second));
  }
  return events;
}

Result<std::vector<StoredEvent>> Store::Events(const EventFilter& f) {
  // First the page's ids, in order (the conditions, the sort and the limit over narrow rows and
  // indexes), then the whole rows of those ids alone: sorting the joined rows, evidence text and
  // all, cost a third more.
  auto keys = EventIds(f);
  if (!keys.ok()) return keys.status();
  std::vector<int64_t> ids;
  ids.reserve(keys.value().size());
  for (const EventKey& k : keys.value()) ids.push_back(k.id);
  return EventsByIds(ids);
}

std::optional<int64_t> Store::Generation() {
  db_->ClearError();
  const int64_t generation =
      db_->QueryInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'", {}, 0);
  if (!db_->status().ok()) return std::nullopt;
  return generation;
}

Result<std::optional<StoredEvent>> Store::Event(int64_t id) {
  db_->ClearError();
  Statement& select = db_->Prepare(std::string("SELECT ") + std::string(kEventColumns) +
                                   std::string(kEventFrom) + " WHERE e.id = ?");
  select.Bind({id});
  std::optional<StoredEvent> event;
  if (select.Next()) {
    Row row(select);
    event = ReadEvent(row, *this);
    select.Run();
  }
  if (!db_->status().ok()) return db_->status();
  return event;
}

Result<std::vector<EventSource>> Store::Sources(int64_t event_id) {
  db_->ClearError();
  Statement& select = db_->Prepare(
      std::string("SELECT ") + std::string(kMentionColumns) +
      ", d.url, d.title, d.published, d.origin" + std::string(kMentionFrom) +
      " JOIN documents d ON d.id = m.document_id WHERE m.event_id = ? ORDER BY m.id");
  select.Bind({event_id});
  return ReadAll(*db_, select, [&](Row& row) {
    MentionRow m = ReadMention(row, *this);
    EventSource source;
    source.mention_id = m.id;
    source.document_id = m.document_id;
    source.merge_note = m.merge_note;
    source.mention = std::move(m.mention);
    source.url = row.Text();
    source.title = row.Text();
    source.published = row.Text();
    source.origin = row.Text();
    return source;
  });
}

Result<std::vector<ControlPeriod>> Store::ControlOf(const std::string& query,
                                                    const std::vector<int64_t>& gazetteer_ids) {
  db_->ClearError();
  // Places by GeoNames id (typed, or resolved by the caller's gazetteer), by stored name, or
  // by the words an article used for them.
  std::string sql = std::string(kControlSelect) +
                    "WHERE p.id IN (SELECT id FROM places WHERE lower(name) = lower(CAST(? AS TEXT)) OR "
                    "geonameid = ? UNION SELECT place_id FROM mentions WHERE place_id IS NOT NULL "
                    "AND lower(place_text) = lower(CAST(? AS TEXT))";
  std::vector<Value> values = {query, nullptr, query};
  // A GeoNames id: digits that fit (a longer number names no place; found by the API fuzzer,
  // where it threw).
  int64_t geonameid = 0;
  const auto [end, ec] = std::from_chars(query.data(), query.data() + query.size(), geonameid);
  if (!query.empty() && ec == std::errc() && end == query.data() + query.size() && geonameid > 0)
    values[1] = geonameid;
  if (!gazetteer_ids.empty()) {
    sql += " UNION SELECT id FROM places WHERE geonameid IN (" + Marks(gazetteer_ids.size()) + ")";
    for (const int64_t id : gazetteer_ids) values.emplace_back(id);
  }
  sql += ") ORDER BY p.name, p.id, c.since, c.id";
  Statement& select = db_->Prepare(sql).Bind(values);
  return ReadAll(*db_, select, [&](Row& row) { return ReadControl(row, *this); });
}

Result<std::vector<ControlPeriod>> Store::ControlAt(const std::string& date,
                                                    const std::string& country,
                                                    const std::optional<std::array<double, 4>>& bbox) {
  db_->ClearError();
  std::string sql = std::string(kControlSelect) +
                    "WHERE c.since <= ? AND (c.until IS NULL OR c.until > ?) AND "
                    "(CAST(? AS TEXT) = '' OR p.country = ?)";
  std::vector<Value> values = {date, date, country, country};
  if (bbox) {
    sql += db_->dialect() == Dialect::kSqlite
               ? " AND p.id IN (SELECT id FROM places_rtree WHERE min_lon >= ? AND min_lat >= ? "
                 "AND max_lon <= ? AND max_lat <= ?)"
               : " AND p.lon >= ? AND p.lat >= ? AND p.lon <= ? AND p.lat <= ?";
    values.insert(values.end(), {(*bbox)[0], (*bbox)[1], (*bbox)[2], (*bbox)[3]});
  }
  sql += " ORDER BY p.country, p.name, p.id";
  Statement& select = db_->Prepare(sql).Bind(values);
  return ReadAll(*db_, select, [&](Row& row) { return ReadControl(row, *this); });
}

Result<std::vector<DayTypeCount>> Store::CountsByDay(const EventFilter& filter) {
  EventFilter f = filter;
  f.after_id = 0;
  std::string sql = "SELECT e.date_start, e.event_type, COUNT(*) FROM events e WHERE e.date_start <> ''";
  std::vector<Value> values;
  AppendEventConditions(f, db_->dialect(), sql, values);
  sql += " GROUP BY e.date_start, e.event_type ORDER BY e.date_start, e.event_type";
  db_->ClearError();
  Statement& select = db_->Prepare(sql).Bind(values);
  return ReadAll(*db_, select, [](Row& row) {
    DayTypeCount c;
    c.date = row.Text();
    c.event_type = row.Text();
    c.events = row.Int();
    return c;
  });
}

Result<std::vector<ActorSummary>> Store::Actors(const std::string& query, size_t limit) {
  const std::string pattern = ContainsPattern(query);
  db_->ClearError();
  Statement& select = db_->Prepare(
      "SELECT a.key, COUNT(*) AS n FROM (SELECT actor1 AS k FROM events WHERE actor1 IS NOT NULL "
      "UNION ALL SELECT actor2 FROM events WHERE actor2 IS NOT NULL) x JOIN actors a ON a.key = x.k "
      "WHERE lower(a.name) LIKE ? ESCAPE '\\' OR lower(a.actor_id) LIKE ? ESCAPE '\\' OR "
      "lower(a.key) LIKE ? ESCAPE '\\' "
      "GROUP BY a.key ORDER BY n DESC, a.key LIMIT ?");
  select.Bind({pattern, pattern, pattern, static_cast<int64_t>(limit)});
  return ReadAll(*db_, select, [&](Row& row) {
    ActorSummary a;
    a.actor = Actor(row.Text());
    a.events = row.Int();
    return a;
  });
}

Result<std::optional<StoredDocument>> Store::Document(int64_t id) {
  db_->ClearError();
  Statement& select =
      db_->Prepare("SELECT id, url, title, published, origin, text FROM documents WHERE id = ?");
  select.Bind({id});
  std::optional<StoredDocument> doc;
  if (select.Next()) {
    Row row(select);
    doc.emplace();
    doc->id = row.Int();
    doc->url = row.Text();
    doc->title = row.Text();
    doc->published = row.Text();
    doc->origin = row.Text();
    doc->text = row.Text();
    select.Run();
  }
  if (!db_->status().ok()) return db_->status();
  if (!doc) return doc;
  Statement& spans = db_->Prepare(
      "SELECT m.event_id, m.sentence, s.start_byte, s.end_byte, m.trigger_start, m.trigger_end "
      "FROM mentions m JOIN sentences s ON s.document_id = m.document_id AND s.seq = m.sentence "
      "WHERE m.document_id = ? ORDER BY s.start_byte, m.id");
  spans.Bind({id});
  auto evidence = ReadAll(*db_, spans, [&](Row& row) {
    StoredDocument::Evidence e;
    e.event_id = row.Int();
    e.sentence = row.Int();
    e.start = row.Int();
    e.end = row.Int();
    e.trigger_start = row.Int();  // stored as bytes in the document's text
    e.trigger_end = row.Int();
    const auto size = static_cast<int64_t>(doc->text.size());
    e.start = std::clamp<int64_t>(e.start, 0, size);
    e.end = std::clamp<int64_t>(e.end, e.start, size);
    e.trigger_start = std::clamp<int64_t>(e.trigger_start, e.start, e.end);
    e.trigger_end = std::clamp<int64_t>(e.trigger_end, e.trigger_start, e.end);
    return e;
  });
  if (!evidence.ok()) return evidence.status();
  doc->evidence = std::move(evidence).value();
  return doc;
}

Result<std::pair<std::string, std::string>> Store::DateSpan() {
  db_->ClearError();
  Statement& select =
      db_->Prepare("SELECT MIN(date_start), MAX(date_end) FROM events WHERE date_start <> ''").Bind({});
  std::pair<std::string, std::string> span;
  if (select.Next()) {
    Row row(select);
    span.first = row.Text();
    span.second = row.Text();
    select.Run();
  }
  if (!db_->status().ok()) return db_->status();
  return span;
}

}  // namespace frontline::store
