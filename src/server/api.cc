#include "server/api.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "doc/source.h"
#include "geo/gazetteer.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"
#include "server/place_search.h"
#include "store/export.h"
#include "time/calendar.h"

namespace frontline::server {
namespace {

using nlohmann::json;

constexpr int64_t kMaxPage = 1000;

Response JsonResponse(const json& value, int status = 200) {
  Response r;
  r.status = status;
  r.body = value.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

Response BadRequest(const Status& status) { return ErrorResponse(400, status.message()); }

Response DatabaseError(const Status& status) {
  return ErrorResponse(500, "the database failed: " + status.message());
}

// The id in "/api/events/123"; nullopt when the rest is not a positive number.
std::optional<int64_t> IdOf(std::string_view rest) {
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), id);
  if (ec != std::errc() || end != rest.data() + rest.size() || id <= 0) return std::nullopt;
  return id;
}

json PlaceHitJson(const PlaceSearch::Hit& hit, const geo::Gazetteer& gazetteer) {
  const geo::Place& p = hit.place;
  json admin1 = nullptr;
  geo::Place division;
  if (!p.admin1.empty() && gazetteer.FindAdmin1(p.country, p.admin1, division))
    admin1 = std::string(division.name);
  return {{"geonameid", p.id > 0 ? json(p.id) : json(nullptr)},
          {"name", std::string(p.name)},
          {"matched", hit.matched},
          {"country", std::string(p.country)},
          {"admin1", admin1},
          {"feature_code", std::string(p.feature_code)},
          {"population", p.population},
          {"lat", p.position.lat},
          {"lon", p.position.lon},
          {"level", std::string(geo::LevelName(p.level))}};
}

// The document's text cut into runs at every evidence sentence's and trigger's edges.
json Segments(const store::StoredDocument& doc, int64_t only_event) {
  std::vector<const store::StoredDocument::Evidence*> spans;
  for (const auto& e : doc.evidence) {
    if (only_event == 0 || e.event_id == only_event) spans.push_back(&e);
  }
  std::set<int64_t> cuts = {0, static_cast<int64_t>(doc.text.size())};
  for (const auto* e : spans) cuts.insert({e->start, e->end, e->trigger_start, e->trigger_end});
  struct Run {
    int64_t begin, end;
    std::vector<int64_t> events;
    bool trigger;
  };
  std::vector<Run> runs;
  int64_t previous = 0;
  for (auto it = std::next(cuts.begin()); it != cuts.end(); ++it) {
    const int64_t a = previous, b = *it;
    previous = b;
    if (b <= a) continue;
    std::vector<int64_t> events;
    bool trigger = false;
    for (const auto* e : spans) {
      if (e->start <= a && b <= e->end) {
        if (e->event_id > 0 && std::find(events.begin(), events.end(), e->event_id) == events.end())
          events.push_back(e->event_id);
        if (e->trigger_start <= a && b <= e->trigger_end && e->trigger_end > e->trigger_start)
          trigger = true;
      }
    }
    if (!runs.empty() && runs.back().events == events && runs.back().trigger == trigger) {
      runs.back().end = b;  // the same marks: one run
    } else {
      runs.push_back(Run{a, b, std::move(events), trigger});
    }
  }
  json out = json::array();
  for (const Run& r : runs) {
    out.push_back({{"text", doc.text.substr(static_cast<size_t>(r.begin), static_cast<size_t>(r.end - r.begin))},
                   {"event", r.events.empty() ? json(nullptr) : json(r.events.front())},
                   {"events", r.events},
                   {"trigger", r.trigger}});
  }
  return out;
}

}  // namespace

Response ErrorResponse(int status, std::string_view message) {
  Response r;
  r.status = status;
  r.body = json{{"error", {{"status", status}, {"message", std::string(message)}}}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
  return r;
}

void EventCache::Sync(int64_t generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation != generation_) {
    ClearLocked();
    generation_ = generation;
  }
}

std::shared_ptr<const EventCache::Entry> EventCache::Find(int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second.second);
  return it->second.first;
}

void EventCache::Put(int64_t id, std::shared_ptr<const Entry> entry, int64_t generation) {
  const size_t size = entry->json.size() + entry->coordinates.size() + 64;
  if (size > max_bytes_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation != generation_) return;
  auto it = entries_.find(id);
  if (it != entries_.end()) {
    bytes_ -= it->second.first->json.size() + it->second.first->coordinates.size() + 64;
    lru_.erase(it->second.second);
    entries_.erase(it);
  }
  while (bytes_ + size > max_bytes_ && !lru_.empty()) {
    auto oldest = entries_.find(lru_.back());
    bytes_ -= oldest->second.first->json.size() + oldest->second.first->coordinates.size() + 64;
    entries_.erase(oldest);
    lru_.pop_back();
  }
  lru_.push_front(id);
  entries_.emplace(id, std::make_pair(std::move(entry), lru_.begin()));
  bytes_ += size;
}

size_t EventCache::size() {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

void EventCache::ClearLocked() {
  entries_.clear();
  lru_.clear();
  bytes_ = 0;
}

// A store borrowed from the pool for one request, returned when the request ends.
class Api::Lease {
 public:
  Lease(Api& api, Pooled pooled) : api_(api), pooled_(std::move(pooled)) {}
  ~Lease() {
    if (pooled_.store) api_.Return(std::move(pooled_));
  }
  store::Store& operator*() { return *pooled_.store; }
  Pooled& pooled() { return pooled_; }

 private:
  Api& api_;
  Pooled pooled_;
};

Api::Api(ApiOptions options) : options_(std::move(options)), cache_(options_.cache_bytes) {}
Api::~Api() = default;

Result<Api::Pooled> Api::Borrow() {
  const size_t cap = options_.connections > 0
                         ? options_.connections
                         : std::max(1u, std::thread::hardware_concurrency()) + 2;
  {
    std::unique_lock<std::mutex> lock(pool_mutex_);
    if (!pool_returned_.wait_for(lock, std::chrono::seconds(10),
                                 [&] { return !pool_.empty() || open_connections_ < cap; })) {
      return Status::Error("the server is busy: every database connection stayed in use for 10 s");
    }
    if (!pool_.empty()) {
      Pooled pooled = std::move(pool_.back());
      pool_.pop_back();
      return pooled;
    }
    ++open_connections_;
  }
  Result<std::unique_ptr<store::Store>> opened = Status::Error("not opened");
  try {
    opened = store::Store::Open(options_.database);
  } catch (const std::exception& e) {
    opened = Status::Error(e.what());
  }
  if (!opened.ok()) {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    --open_connections_;
    pool_returned_.notify_one();
    return opened.status();
  }
  return Pooled{std::move(opened).value()};
}

void Api::Return(Pooled pooled) {
  store::Connection& connection = pooled.store->connection();
  // A statement interrupted at its deadline leaves a connection as good as before.
  if (connection.TimedOut() && !connection.Unusable()) connection.ClearError();
  connection.SetDeadline(std::nullopt);
  std::lock_guard<std::mutex> lock(pool_mutex_);
  if (connection.status().ok()) {
    // Statements built from clients' lists differ by the lists' lengths: the cache of them is
    // bounded here, between requests.
    pooled.store->connection().TrimStatements(256);
    pool_.push_back(std::move(pooled));
  } else {
    --open_connections_;  // a connection that failed is not reused
  }
  pool_returned_.notify_one();
}

std::optional<int64_t> Api::CacheGeneration(store::Store& db) {
  if (options_.cache_bytes == 0) return std::nullopt;
  const std::optional<int64_t> generation = db.Generation();
  if (!generation) return std::nullopt;
  cache_.Sync(*generation);
  return generation;
}

Status Api::Check() {
  auto pooled = Borrow();
  if (!pooled.ok()) return pooled.status();
  auto counts = pooled.value().store->Counts();
  Return(std::move(pooled).value());
  return counts.ok() ? Status::Ok() : counts.status();
}

Response Api::Handle(std::string_view method, std::string_view path, const Params& params,
                     std::string_view body, std::string_view content_type) {
  struct Route {
    std::string_view prefix;
    bool with_id;
    std::string_view method;
  };
  static constexpr Route kRoutes[] = {
      {"/api/events", false, "GET"},    {"/api/events/", true, "GET"},
      {"/api/documents/", true, "GET"}, {"/api/places", false, "GET"},
      {"/api/actors", false, "GET"},    {"/api/control", false, "GET"},
      {"/api/counts", false, "GET"},    {"/api/stats", false, "GET"},
      {"/api/openapi.json", false, "GET"}, {"/api/ingest", false, "POST"},
  };
  const Route* route = nullptr;
  std::optional<int64_t> id;
  for (const Route& r : kRoutes) {
    if (r.with_id ? path.starts_with(r.prefix) && path.size() > r.prefix.size() : path == r.prefix) {
      route = &r;
      if (r.with_id) {
        id = IdOf(path.substr(r.prefix.size()));
        if (!id)
          return ErrorResponse(404, fmt::format("no such path: {} wants a positive whole number "
                                                "after {}", r.prefix, r.prefix));
      }
      break;
    }
  }
  if (route == nullptr) return ErrorResponse(404, "no such path (see /api/openapi.json)");
  const bool head = method == "HEAD" && route->method == "GET";
  if (method != route->method && !head)
    return ErrorResponse(405, fmt::format("{} takes {}, not {}", route->prefix, route->method, method));
  if (route->prefix == "/api/openapi.json") {
    if (Status s = CheckKnown(params, {}); !s.ok()) return BadRequest(s);
    Response r;
    r.body = OpenApiDocument();
    return r;
  }
  if (route->prefix == "/api/ingest") return Ingest(params, body, content_type);
  if (route->prefix == "/api/places") return Places(params);

  auto borrowed = Borrow();
  if (!borrowed.ok()) return ErrorResponse(503, "the database cannot be used: " + borrowed.status().message());
  Lease lease(*this, std::move(borrowed).value());
  store::Store& db = *lease;
  if (options_.query_timeout.count() > 0) {
    db.connection().SetDeadline(std::chrono::steady_clock::now() + options_.query_timeout);
  }
  const std::string_view p = route->prefix;
  Response response;
  if (p == "/api/events") {
    response = Events(db, params);
  } else if (p == "/api/events/") {
    response = Event(db, *id, params);
  } else if (p == "/api/documents/") {
    response = Document(db, *id, params);
  } else if (p == "/api/actors") {
    response = Actors(db, params);
  } else if (p == "/api/control") {
    response = Control(db, params);
  } else if (p == "/api/counts") {
    response = Counts(db, params);
  } else {
    response = Stats(db, params);
  }
  if (response.status == 500 && db.connection().TimedOut()) {
    // A request that would keep a connection busy for long is cut short, so that the others
    // go on being served.
    return ErrorResponse(503, fmt::format("the request took longer than the server's limit of "
                                          "{:g} s (--query-timeout): narrow its filters",
                                          options_.query_timeout.count() / 1e6));
  }
  return response;
}

Response Api::Events(store::Store& db, const Params& params) {
  std::vector<std::string_view> known(kEventFilterParams.begin(), kEventFilterParams.end());
  known.push_back("format");
  if (Status s = CheckKnown(params, known); !s.ok()) return BadRequest(s);
  auto format = OneOf(params, "format");
  if (!format.ok()) return BadRequest(format.status());
  if (!format.value().empty() && format.value() != "json" && format.value() != "geojson")
    return ErrorResponse(400, "format wants json or geojson, got \"" + format.value().substr(0, 40) + "\"");
  auto filter = ParseEventFilter(params, options_.gazetteer, kMaxPage);
  if (!filter.ok()) return BadRequest(filter.status());
  store::EventFilter f = std::move(filter).value();
  const size_t want = f.limit;
  f.limit = want + 1;  // one more tells whether another page follows
  auto keys = db.EventIds(f);
  if (!keys.ok()) return DatabaseError(keys.status());
  const bool more = keys.value().size() > want;
  if (more) keys.value().pop_back();
  std::vector<int64_t> page;
  page.reserve(keys.value().size());
  for (const store::Store::EventKey& k : keys.value()) page.push_back(k.id);
  const json next = more && !page.empty()
                        ? json(keys.value().back().date_start + "/" + std::to_string(page.back()))
                        : json(nullptr);

  // Each event's text from the cache, else rendered from its row (and kept).
  const std::optional<int64_t> generation = CacheGeneration(db);
  const bool cached = generation.has_value();
  std::vector<std::shared_ptr<const EventCache::Entry>> entries(page.size());
  std::vector<int64_t> missing;
  for (size_t i = 0; i < page.size(); ++i) {
    if (cached) entries[i] = cache_.Find(page[i]);
    if (!entries[i]) missing.push_back(page[i]);
  }
  if (!missing.empty()) {
    auto events = db.EventsByIds(missing);
    if (!events.ok()) return DatabaseError(events.status());
    std::unordered_map<int64_t, std::shared_ptr<const EventCache::Entry>> rendered;
    for (const store::StoredEvent& e : events.value()) {
      auto entry = std::make_shared<EventCache::Entry>();
      store::AppendEventJson(e, entry->json);
      entry->coordinates = store::EventCoordinates(e);
      if (cached) cache_.Put(e.id, entry, *generation);
      rendered.emplace(e.id, std::move(entry));
    }
    for (size_t i = 0; i < page.size(); ++i) {
      if (!entries[i]) {
        auto it = rendered.find(page[i]);
        if (it != rendered.end()) entries[i] = it->second;
      }
    }
  }
  // Written directly, not through a JSON tree: this is the endpoint maps call most.
  Response r;
  const bool geojson = format.value() == "geojson";
  size_t size = 64;
  for (const auto& e : entries) size += e ? e->json.size() + 96 : 0;
  r.body.reserve(size);
  r.body += geojson ? "{\"features\":[" : "{\"events\":[";
  bool first = true;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!entries[i]) continue;  // deleted between the two queries
    if (!first) r.body += ',';
    first = false;
    if (geojson) {
      store::AppendFeature(page[i], entries[i]->coordinates, entries[i]->json, r.body);
    } else {
      r.body += entries[i]->json;
    }
  }
  r.body += "],\"next\":" + next.dump();
  r.body += geojson ? ",\"type\":\"FeatureCollection\"}" : "}";
  return r;
}

Response Api::Event(store::Store& db, int64_t id, const Params& params) {
  if (Status s = CheckKnown(params, {}); !s.ok()) return BadRequest(s);
  auto event = db.Event(id);
  if (!event.ok()) return DatabaseError(event.status());
  if (!event.value()) return ErrorResponse(404, fmt::format("no event {}", id));
  auto sources = db.Sources(id);
  if (!sources.ok()) return DatabaseError(sources.status());
  json out = store::EventToJson(*event.value());
  json reports = json::array();
  for (const store::EventSource& s : sources.value()) {
    json r = store::SourceToJson(s);
    r["evidence_span"] = {{"start", s.mention.evidence_start}, {"end", s.mention.evidence_end}};
    r["trigger_span"] = {{"start", s.mention.trigger_start - s.mention.evidence_start},
                         {"end", s.mention.trigger_end - s.mention.evidence_start}};
    reports.push_back(std::move(r));
  }
  out["reports"] = std::move(reports);
  return JsonResponse(out);
}

Response Api::Document(store::Store& db, int64_t id, const Params& params) {
  if (Status s = CheckKnown(params, {"event"}); !s.ok()) return BadRequest(s);
  auto only = IntOf(params, "event", 1, INT64_MAX, 0);
  if (!only.ok()) return BadRequest(only.status());
  auto doc = db.Document(id);
  if (!doc.ok()) return DatabaseError(doc.status());
  if (!doc.value()) return ErrorResponse(404, fmt::format("no document {}", id));
  const store::StoredDocument& d = *doc.value();
  std::vector<int64_t> events;
  for (const auto& e : d.evidence)
    if (e.event_id > 0 && std::find(events.begin(), events.end(), e.event_id) == events.end())
      events.push_back(e.event_id);
  if (only.value() > 0 && std::find(events.begin(), events.end(), only.value()) == events.end())
    return ErrorResponse(404, fmt::format("document {} does not report event {}", id, only.value()));
  auto null_if_empty = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  return JsonResponse({{"id", d.id},
                       {"url", null_if_empty(d.url)},
                       {"title", null_if_empty(d.title)},
                       {"published", null_if_empty(d.published)},
                       {"origin", null_if_empty(d.origin)},
                       {"text", d.text},
                       {"events", events},
                       {"segments", Segments(d, only.value())}});
}

Response Api::Places(const Params& params) {
  if (Status s = CheckKnown(params, {"q", "country", "limit"}); !s.ok()) return BadRequest(s);
  auto q = OneOf(params, "q");
  if (!q.ok()) return BadRequest(q.status());
  auto country = OneOf(params, "country");
  if (!country.ok()) return BadRequest(country.status());
  auto limit = IntOf(params, "limit", 1, 50, 10);
  if (!limit.ok()) return BadRequest(limit.status());
  if (q.value().size() < 2) return ErrorResponse(400, "q wants at least 2 characters of a place name");
  if (q.value().size() > 200) return ErrorResponse(400, "q is longer than 200 bytes");
  std::string cc;
  if (!country.value().empty()) {
    auto code = CountryCode(country.value());
    if (!code.ok()) return BadRequest(code.status());
    cc = code.value();
  }
  const PlaceSearch* search = options_.places ? options_.places() : nullptr;
  if (search == nullptr || options_.gazetteer == nullptr)
    return ErrorResponse(503, "no gazetteer index is open: start the server with --gazetteer PATH");
  json list = json::array();
  for (const PlaceSearch::Hit& hit :
       search->Complete(q.value(), cc, static_cast<size_t>(limit.value())))
    list.push_back(PlaceHitJson(hit, *options_.gazetteer));
  return JsonResponse({{"places", std::move(list)}});
}

Response Api::Actors(store::Store& db, const Params& params) {
  if (Status s = CheckKnown(params, {"q", "limit"}); !s.ok()) return BadRequest(s);
  auto q = OneOf(params, "q");
  if (!q.ok()) return BadRequest(q.status());
  auto limit = IntOf(params, "limit", 1, 500, 50);
  if (!limit.ok()) return BadRequest(limit.status());
  auto actors = db.Actors(q.value(), static_cast<size_t>(limit.value()));
  if (!actors.ok()) return DatabaseError(actors.status());
  json list = json::array();
  for (const store::ActorSummary& a : actors.value()) {
    list.push_back({{"key", a.actor.key},
                    {"id", a.actor.id},
                    {"name", a.actor.name},
                    {"country", a.actor.country},
                    {"sector", a.actor.sector},
                    {"events", a.events}});
  }
  return JsonResponse({{"actors", std::move(list)}});
}

Response Api::Control(store::Store& db, const Params& params) {
  if (Status s = CheckKnown(params, {"at", "country", "bbox", "place"}); !s.ok()) return BadRequest(s);
  std::string at, country, bbox, place;
  for (const auto& [name, out] : {std::pair<std::string_view, std::string*>{"at", &at},
                                  std::pair<std::string_view, std::string*>{"country", &country},
                                  std::pair<std::string_view, std::string*>{"bbox", &bbox},
                                  std::pair<std::string_view, std::string*>{"place", &place}}) {
    auto v = OneOf(params, name);
    if (!v.ok()) return BadRequest(v.status());
    *out = std::move(v).value();
  }
  if (at.empty() == place.empty()) return ErrorResponse(400, "give at=DATE (with country, bbox) or place=NAME");
  Result<std::vector<store::ControlPeriod>> periods = std::vector<store::ControlPeriod>();
  if (!place.empty()) {
    if (!country.empty() || !bbox.empty())
      return ErrorResponse(400, "country and bbox go with at, not with place");
    std::vector<int64_t> ids;
    if (options_.gazetteer != nullptr) {
      for (const auto& match : options_.gazetteer->Lookup(place, "", 5))
        if (match.place.id > 0) ids.push_back(match.place.id);
    }
    periods = db.ControlOf(place, ids);
  } else {
    if (!IsIsoDate(at)) return ErrorResponse(400, "at wants a date YYYY-MM-DD, got \"" + at.substr(0, 40) + "\"");
    if (!country.empty()) {
      auto code = CountryCode(country);
      if (!code.ok()) return BadRequest(code.status());
      country = code.value();
    }
    const std::optional<std::array<double, 4>> box = ParseBox(bbox);
    if (!bbox.empty() && !box)
      return ErrorResponse(400, "bbox wants MIN_LON,MIN_LAT,MAX_LON,MAX_LAT in degrees");
    periods = db.ControlAt(at, country, box);
  }
  if (!periods.ok()) return DatabaseError(periods.status());
  json list = json::array();
  for (const store::ControlPeriod& c : periods.value()) list.push_back(store::ControlToJson(c));
  return JsonResponse({{"control", std::move(list)}});
}

Response Api::Counts(store::Store& db, const Params& params) {
  std::vector<std::string_view> known;
  for (const std::string_view k : kEventFilterParams)
    if (k != "limit" && k != "cursor") known.push_back(k);
  known.push_back("interval");
  if (Status s = CheckKnown(params, known); !s.ok()) return BadRequest(s);
  auto interval = OneOf(params, "interval");
  if (!interval.ok()) return BadRequest(interval.status());
  std::string unit = interval.value().empty() ? "month" : interval.value();
  if (unit != "day" && unit != "week" && unit != "month")
    return ErrorResponse(400, "interval wants day, week or month, got \"" + unit.substr(0, 40) + "\"");
  auto filter = ParseEventFilter(params, options_.gazetteer, kMaxPage);
  if (!filter.ok()) return BadRequest(filter.status());
  auto rows = db.CountsByDay(filter.value());
  if (!rows.ok()) return DatabaseError(rows.status());
  std::map<std::string, std::map<std::string, int64_t>> buckets;
  std::set<std::string> types;
  for (const store::DayTypeCount& c : rows.value()) {
    const std::optional<time::Date> date = time::ParseIsoDate(c.date);
    if (!date) continue;
    time::Date start = *date;
    // An event that began before the range counts on its first day inside it.
    if (!filter.value().from.empty() && c.date < filter.value().from) {
      start = *time::ParseIsoDate(filter.value().from);
    }
    if (unit == "week") {
      start = time::AddDays(start, -((time::Weekday(start) + 6) % 7));
    } else if (unit == "month") {
      start = time::FirstOfMonth(start.year, start.month);
    }
    buckets[time::FormatDate(start)][c.event_type] += c.events;
    types.insert(c.event_type);
  }
  json list = json::array();
  for (const auto& [start, counts] : buckets) list.push_back({{"start", start}, {"counts", counts}});
  return JsonResponse({{"interval", unit}, {"types", types}, {"buckets", std::move(list)}});
}

Response Api::Stats(store::Store& db, const Params& params) {
  if (Status s = CheckKnown(params, {}); !s.ok()) return BadRequest(s);
  auto counts = db.Counts();
  if (!counts.ok()) return DatabaseError(counts.status());
  auto span = db.DateSpan();
  if (!span.ok()) return DatabaseError(span.status());
  const store::StoreCounts& c = counts.value();
  auto date = [](const std::string& d) { return d.empty() ? json(nullptr) : json(d); };
  return JsonResponse({{"documents", c.documents},
                       {"events", c.events},
                       {"mentions", c.mentions},
                       {"places", c.places},
                       {"actors", c.actors},
                       {"control", c.control},
                       {"first_date", date(span.value().first)},
                       {"last_date", date(span.value().second)}});
}

Response Api::Ingest(const Params& params, std::string_view body, std::string_view content_type) {
  if (options_.ingest == nullptr)
    return ErrorResponse(403, "ingest is off: start the server with --allow-ingest");
  // A JSON type only: a browser sends other pages' plain-text or form posts to a loopback
  // server without asking first, and these types make it ask (a CORS preflight).
  const std::string_view type = content_type.substr(0, content_type.find(';'));
  if (type != "application/x-ndjson" && type != "application/jsonl" && type != "application/json")
    return ErrorResponse(415, "send the batch as Content-Type: application/x-ndjson (got \"" +
                                  std::string(type.substr(0, 60)) + "\")");
  // One batch at a time, from reading to storing: the memory a batch takes is bounded by
  // --max-body, not by the number of clients sending at once.
  std::lock_guard<std::mutex> lock(write_mutex_);
  if (Status s = CheckKnown(params, {"extracted"}); !s.ok()) return BadRequest(s);
  auto extracted = IntOf(params, "extracted", 0, 1, 0);
  if (!extracted.ok()) return BadRequest(extracted.status());
  if (body.size() > options_.max_body)
    return ErrorResponse(413, fmt::format("the body has {} bytes, more than the {} allowed",
                                          body.size(), options_.max_body));
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return ErrorResponse(400, "the body is empty: send JSONL, one document a line");

  // Read and analyse outside the write lock; store under it, in one transaction.
  json errors = json::array();
  std::vector<std::pair<size_t, json>> records;
  const pipeline::Pipeline pipeline(*options_.ingest);
  pipeline::JsonOptions json_options;
  json_options.gazetteer = options_.ingest->gazetteer.get();
  json_options.actors = &options_.ingest->actors;
  size_t line_number = 0;
  size_t documents = 0;
  for (size_t start = 0; start < body.size();) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    ++documents;
    if (extracted.value() == 1) {
      json record = json::parse(line, nullptr, false);
      if (record.is_discarded() || !record.is_object()) {
        errors.push_back({{"line", line_number},
                          {"message", "not a JSON object (expected a line of `frontline extract` output)"}});
        continue;
      }
      records.emplace_back(line_number, std::move(record));
      continue;
    }
    doc::RawDocument raw;
    if (Status s = doc::ParseFeedLine(line, raw); !s.ok()) {
      errors.push_back({{"line", line_number}, {"message", s.message()}});
      continue;
    }
    raw.origin = "api";
    raw.line = line_number;
    Result<pipeline::Record> record = pipeline.Process(raw);
    if (!record.ok()) {
      errors.push_back({{"line", line_number}, {"message", record.status().message()}});
      continue;
    }
    records.emplace_back(line_number, pipeline::ToJson(record.value(), json_options));
  }

  size_t added = 0, replaced = 0, skipped = 0, events = 0;
  {
    auto opened = store::Store::Open(options_.database);
    if (!opened.ok()) return ErrorResponse(503, "the database cannot be opened: " + opened.status().message());
    store::Store& db = *opened.value();
    if (!records.empty()) {
      if (Status s = db.Begin(); !s.ok()) return DatabaseError(s);
      for (const auto& [number, record] : records) {
        Result<store::AddResult> result = db.Add(record);
        if (!result.ok()) {
          errors.push_back({{"line", number}, {"message", result.status().message()}});
          if (!db.in_batch()) return DatabaseError(result.status());
          continue;
        }
        switch (result.value().outcome) {
          case store::AddResult::Outcome::kAdded: ++added; break;
          case store::AddResult::Outcome::kReplaced: ++replaced; break;
          case store::AddResult::Outcome::kSkipped: ++skipped; break;
        }
        events += result.value().mentions;
      }
      if (Status s = db.Commit(); !s.ok()) return DatabaseError(s);
    }
  }
  return JsonResponse({{"documents", documents},
                       {"added", added},
                       {"replaced", replaced},
                       {"skipped", skipped},
                       {"events", events},
                       {"errors", std::move(errors)}});
}

}  // namespace frontline::server
