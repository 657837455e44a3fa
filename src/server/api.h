// The HTTP API's handlers, apart from any HTTP library: a method, a path, query parameters and
// a body in; a status and a JSON body out. docs/api.md describes every endpoint. The server
// (server.h) binds this to cpp-httplib; tests and fuzzers call it directly.
#ifndef FRONTLINE_SERVER_API_H_
#define FRONTLINE_SERVER_API_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/params.h"
#include "status/status.h"
#include "store/store.h"

namespace frontline::geo {
class Gazetteer;
}
namespace frontline::pipeline {
struct Resources;
}

namespace frontline::server {

class PlaceSearch;

struct Response {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
};

// The body of an error response: {"error": {"status": N, "message": "..."}}.
Response ErrorResponse(int status, std::string_view message);

// Events rendered as JSON, by id, for the events endpoint: a page is its ids (the filter, the
// sort and the limit run in the database for every request) and the events' text, rendered once
// and kept until the database changes. Bounded in bytes; the least recently used go first.
class EventCache {
 public:
  struct Entry {
    std::string json;         // AppendEventJson
    std::string coordinates;  // EventCoordinates
  };
  explicit EventCache(size_t max_bytes) : max_bytes_(max_bytes) {}
  // Brings the cache to the store's generation (Store::Generation): emptied when it differs.
  void Sync(int64_t generation);
  std::shared_ptr<const Entry> Find(int64_t id);
  // Keeps `entry`, rendered from the store at `generation`; dropped when the cache has moved
  // to another generation since (a request that read the rows before a commit).
  void Put(int64_t id, std::shared_ptr<const Entry> entry, int64_t generation);
  size_t size();

 private:
  void ClearLocked();
  using Lru = std::list<int64_t>;
  std::mutex mutex_;
  std::unordered_map<int64_t, std::pair<std::shared_ptr<const Entry>, Lru::iterator>> entries_;
  Lru lru_;  // most recent first
  size_t bytes_ = 0;
  size_t max_bytes_;
  int64_t generation_ = -1;
};

struct ApiOptions {
  std::string database;  // a SQLite path or postgresql://...
  const geo::Gazetteer* gazetteer = nullptr;  // place names, country names; may be null
  // /api/places: returns the place search, waiting while it is being built; null when there is
  // none (then 503). May be empty (none).
  std::function<const PlaceSearch*()> places;
  // Dictionaries for POST /api/ingest; null: ingest is refused with 403.
  const pipeline::Resources* ingest = nullptr;
  size_t max_body = size_t{16} << 20;
  size_t cache_bytes = size_t{256} << 20;  // EventCache's bound; 0: no cache
  // Database connections at most (requests beyond wait for one); 0: cores + 2.
  size_t connections = 0;
  // The database time one request may take (its statements are interrupted then, and it is
  // answered 503); 0: no limit.
  std::chrono::microseconds query_timeout{10'000'000};
};

class Api {
 public:
  explicit Api(ApiOptions options);
  ~Api();

  // Opens one connection to check the database; fails with why it cannot be used.
  Status Check();

  // Answers one request. Safe to call from many threads at once: each call borrows a store
  // connection of its own from a pool.
  Response Handle(std::string_view method, std::string_view path, const Params& params,
                  std::string_view body, std::string_view content_type = "application/x-ndjson");

 private:
  class Lease;
  // A pooled connection.
  struct Pooled {
    std::unique_ptr<store::Store> store;
  };
  // A connection from the pool, opening one when fewer than the limit are open, else waiting
  // for one (at most 10 s: then the error says the server is busy).
  Result<Pooled> Borrow();
  void Return(Pooled pooled);
  // The store's generation when the event cache may serve a request on `db` (the cache brought
  // to it first); nullopt when it may not.
  std::optional<int64_t> CacheGeneration(store::Store& db);

  Response Events(store::Store& db, const Params& params);
  Response Event(store::Store& db, int64_t id, const Params& params);
  Response Document(store::Store& db, int64_t id, const Params& params);
  Response Places(const Params& params);
  Response Actors(store::Store& db, const Params& params);
  Response Control(store::Store& db, const Params& params);
  Response Counts(store::Store& db, const Params& params);
  Response Stats(store::Store& db, const Params& params);
  Response Ingest(const Params& params, std::string_view body, std::string_view content_type);

  ApiOptions options_;
  std::mutex pool_mutex_;
  std::condition_variable pool_returned_;
  std::vector<Pooled> pool_;
  size_t open_connections_ = 0;  // borrowed and pooled
  EventCache cache_;
  std::mutex write_mutex_;  // one ingest batch at a time, read, analysed and stored
};

// The OpenAPI 3 description of the API, as served at /api/openapi.json.
const std::string& OpenApiDocument();

}  // namespace frontline::server

#endif  // FRONTLINE_SERVER_API_H_
