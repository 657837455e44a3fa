// The store's schema as versioned migrations, one SQL text for both back ends with a few
// words that differ ({pk} {int} {real}) filled per dialect, then each back end's own search
// structures: SQLite's FTS5 and R*Tree, PostgreSQL's tsvector with GIN and a b-tree on
// coordinates. docs/schema.md describes every table.
#include "store/schema.h"

#include <string>

namespace frontline::store {
namespace {

constexpr std::string_view kTables = R"sql(
CREATE TABLE documents (
  id {pk},
  url TEXT,
  content_hash TEXT NOT NULL,
  doc_key TEXT NOT NULL,
  title TEXT,
  published TEXT,
  origin TEXT,
  origin_line {int},
  language TEXT,
  text TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE UNIQUE INDEX documents_url ON documents (url) WHERE url IS NOT NULL;
CREATE UNIQUE INDEX documents_hash ON documents (content_hash);

CREATE TABLE sentences (
  document_id {int} NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq {int} NOT NULL,
  start_byte {int} NOT NULL,
  end_byte {int} NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (document_id, seq)
);

CREATE TABLE actors (
  key TEXT PRIMARY KEY,
  actor_id TEXT NOT NULL,
  name TEXT NOT NULL,
  country TEXT,
  sector TEXT,
  inter {int} NOT NULL DEFAULT 0
);

CREATE TABLE places (
  id {pk},
  key TEXT NOT NULL UNIQUE,
  geonameid {int},
  name TEXT NOT NULL,
  country TEXT,
  admin1 TEXT,
  feature_code TEXT,
  level TEXT,
  lat {real},
  lon {real}
);
CREATE INDEX places_name ON places (name);
CREATE INDEX places_geonameid ON places (geonameid);

CREATE TABLE events (
  id {pk_stable},
  sub_event_type TEXT NOT NULL,
  event_type TEXT NOT NULL,
  date_start TEXT NOT NULL,
  date_end TEXT NOT NULL,
  date_precision TEXT NOT NULL,
  date_days {int} NOT NULL DEFAULT 1,
  place_id {int} REFERENCES places (id),
  country TEXT,
  admin1 TEXT,
  lat {real},
  lon {real},
  geo_precision TEXT,
  actor1 TEXT REFERENCES actors (key),
  actor2 TEXT REFERENCES actors (key),
  assoc_actor1 TEXT NOT NULL DEFAULT '[]',
  assoc_actor2 TEXT NOT NULL DEFAULT '[]',
  fatalities {int} NOT NULL DEFAULT 0,
  fatalities_min {int} NOT NULL DEFAULT 0,
  fatalities_max {int} NOT NULL DEFAULT 0,
  modality TEXT NOT NULL,
  sources {int} NOT NULL DEFAULT 0,
  mentions {int} NOT NULL DEFAULT 0,
  confidence {real} NOT NULL DEFAULT 0,
  evidence_mention {int},
  updated_at TEXT NOT NULL
);
CREATE INDEX events_country_date ON events (country, date_start);
CREATE INDEX events_date ON events (date_start, id);
CREATE INDEX events_place ON events (place_id);
CREATE INDEX events_long ON events (date_end) WHERE date_days > 31;
-- Merging looks up events of one country and sub-type near a date and a place: these two
-- indexes hold every column that lookup tests, so only matching rows are read.
CREATE INDEX events_merge ON events
  (country, sub_event_type, date_start, date_end, date_days, lat, lon, geo_precision, admin1);
CREATE INDEX events_merge_long ON events
  (country, sub_event_type, date_end, date_start, lat, lon, geo_precision, admin1)
  WHERE date_days > 31;

CREATE TABLE mentions (
  id {pk},
  document_id {int} NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  event_id {int} REFERENCES events (id) ON DELETE SET NULL,
  seq {int} NOT NULL,
  sentence {int} NOT NULL,
  sub_event_type TEXT NOT NULL,
  event_type TEXT NOT NULL,
  trigger_text TEXT,
  trigger_start {int},
  trigger_end {int},
  actor1 TEXT REFERENCES actors (key),
  actor1_text TEXT,
  actor2 TEXT REFERENCES actors (key),
  actor2_text TEXT,
  assoc_actor1 TEXT NOT NULL DEFAULT '[]',
  assoc_actor2 TEXT NOT NULL DEFAULT '[]',
  place_id {int} REFERENCES places (id),
  place_text TEXT,
  location_source TEXT,
  country TEXT,
  admin1 TEXT,
  lat {real},
  lon {real},
  geo_precision TEXT,
  date_start TEXT NOT NULL,
  date_end TEXT NOT NULL,
  date_precision TEXT NOT NULL,
  date_source TEXT,
  date_text TEXT,
  fatalities {int} NOT NULL DEFAULT 0,
  counts TEXT NOT NULL DEFAULT '[]',
  modality TEXT NOT NULL,
  claimed_by TEXT,
  confidence {real} NOT NULL DEFAULT 0,
  merge_note TEXT
);
CREATE INDEX mentions_event ON mentions (event_id);
CREATE INDEX mentions_document ON mentions (document_id);

CREATE TABLE event_sources (
  event_id {int} NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  document_id {int} NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  PRIMARY KEY (event_id, document_id)
);
CREATE INDEX event_sources_document ON event_sources (document_id);

CREATE TABLE control (
  id {pk},
  place_id {int} NOT NULL REFERENCES places (id),
  actor TEXT REFERENCES actors (key),
  change TEXT NOT NULL,
  since TEXT NOT NULL,
  since_end TEXT NOT NULL,
  since_precision TEXT NOT NULL,
  until TEXT,
  event_id {int} NOT NULL REFERENCES events (id) ON DELETE CASCADE
);
CREATE INDEX control_place ON control (place_id, since);
)sql";

constexpr std::string_view kSqliteSearch = R"sql(
CREATE VIRTUAL TABLE documents_fts USING fts5 (title, text, content='documents', content_rowid='id');
CREATE VIRTUAL TABLE places_rtree USING rtree (id, min_lat, max_lat, min_lon, max_lon);
CREATE VIRTUAL TABLE events_rtree USING rtree (id, min_lat, max_lat, min_lon, max_lon);
)sql";

constexpr std::string_view kPostgresSearch = R"sql(
ALTER TABLE documents ADD COLUMN search tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED;
CREATE INDEX documents_search ON documents USING GIN (search);
CREATE INDEX places_position ON places (lat, lon);
CREATE INDEX events_position ON events (lat, lon);
CREATE OR REPLACE FUNCTION frontline_km(lat1 double precision, lon1 double precision,
                                        lat2 double precision, lon2 double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
  SELECT 2 * 6371.0088 * asin(least(1.0, sqrt(
    power(sin(radians(lat2 - lat1) / 2), 2) +
    cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2))))
$$;
)sql";

std::string Fill(std::string_view sql, Dialect dialect) {
  const bool pg = dialect == Dialect::kPostgres;
  std::string out(sql);
  const std::pair<std::string_view, std::string_view> words[] = {
      {"{pk}", pg ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY"},
      // Event ids are what users cite (`show 123`, event_id_cnty): never reused after a
      // delete.
      {"{pk_stable}",
       pg ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"},
      {"{int}", pg ? "BIGINT" : "INTEGER"},
      {"{real}", pg ? "DOUBLE PRECISION" : "REAL"},
  };
  for (const auto& [word, replacement] : words) {
    for (size_t at = out.find(word); at != std::string::npos;
         at = out.find(word, at + replacement.size())) {
      out.replace(at, word.size(), replacement);
    }
  }
  return out;
}

struct Migration {
  int version;
  std::string_view common;
  std::string_view sqlite;
  std::string_view postgres;
};

// Every kind of people count reconciled per event, not only deaths.
constexpr std::string_view kEventCounts =
    "ALTER TABLE events ADD COLUMN counts TEXT NOT NULL DEFAULT '{}'";

// Append only: a database records the last version it applied and gets the rest.
constexpr Migration kMigrations[] = {
    {1, kTables, kSqliteSearch, kPostgresSearch},
    {2, kEventCounts, "", ""},
};

}  // namespace

int SchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

Status Migrate(Connection& db) {
  // A database at this version is only read: opening it takes no write lock, so queries run
  // while an ingest holds the writer's lock.
  {
    Statement& version =
        db.Prepare("SELECT COUNT(*) FROM meta WHERE key = 'schema_version' AND value = ?");
    const bool current = version.Bind({std::to_string(SchemaVersion())}).Next() && version.Int(0) == 1;
    version.Run();
    if (current && db.status().ok()) return Status::Ok();
    db.ClearError();  // no meta table yet
  }
  db.Exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  if (!db.status().ok()) return db.status();
  // One migrating process at a time: the write lock (SQLite) or an advisory lock
  // (PostgreSQL) is taken before the version is read.
  if (db.dialect() == Dialect::kSqlite) {
    db.Exec("BEGIN IMMEDIATE");
  } else {
    db.Exec("BEGIN; SELECT pg_advisory_xact_lock(7428113)");
  }
  const int64_t current =
      db.QueryInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'", {}, 0);
  if (current > SchemaVersion()) {
    db.Exec("ROLLBACK");
    return Status::Error(db.name() + ": the database has schema version " +
                         std::to_string(current) + ", newer than this frontline's (" +
                         std::to_string(SchemaVersion()) + "); use a newer frontline");
  }
  for (const Migration& migration : kMigrations) {
    if (migration.version <= current) continue;
    db.Exec(Fill(migration.common, db.dialect()));
    const std::string_view own = db.dialect() == Dialect::kSqlite ? migration.sqlite : migration.postgres;
    if (!own.empty()) db.Exec(own);
    db.Prepare(
          "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
          "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .Bind({std::to_string(migration.version)})
        .Run();
  }
  if (!db.status().ok()) {
    const Status failed = db.status();
    db.ClearError();
    db.Exec("ROLLBACK");
    return Status::Error("schema migration failed: " + failed.message());
  }
  db.Exec("COMMIT");
  return db.status();
}

}  // namespace frontline::store
