// The HTTP API's handlers, apart from any HTTP library: a method, a path, query parameters and
// a body in; a status and a JSON body out. docs/api.md describes every endpoint. The server
// (server.h) binds this to cpp-httplib; tests and fuzzers call it directly.
#ifndef FRONTLINE_SERVER_API_H_
#define FRONTLINE_SERVER_API_H_

#include <condition_variable>
#include <functional>
#include <list>
#include <unordered_map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
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
  std::shared_ptr<const Entry> Find(int64_t id);
  void Put(int64_t id, std::shared_ptr<const Entry> entry);
  void Clear();
  size_t bytes() const { return bytes_; }

 private:
  using Lru = std::list<int64_t>;
  std::mutex mutex_;
  std::unordered_map<int64_t, std::pair<std::shared_ptr<const Entry>, Lru::iterator>> entries_;
  Lru lru_;  // most recent first
  size_t bytes_ = 0;
  size_t max_bytes_;
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
                  std::string_view body);

 private:
  class Lease;
  // A pooled connection and the database's data_version it last saw (-1: not yet).
  struct Pooled {
    std::unique_ptr<store::Store> store;
    int64_t data_version = -1;
  };
  Result<Pooled> Borrow();
  void Return(Pooled pooled);
  // Whether the event cache may serve `pooled`'s request: it is emptied first when the
  // database changed since this connection last looked. False on PostgreSQL.
  bool CacheUsable(Pooled& pooled);

  Response Events(Pooled& pooled, const Params& params);
  Response Event(store::Store& db, int64_t id, const Params& params);
  Response Document(store::Store& db, int64_t id, const Params& params);
  Response Places(const Params& params);
  Response Actors(store::Store& db, const Params& params);
  Response Control(store::Store& db, const Params& params);
  Response Counts(store::Store& db, const Params& params);
  Response Stats(store::Store& db, const Params& params);
  Response Ingest(const Params& params, std::string_view body);

  ApiOptions options_;
  std::mutex pool_mutex_;
  std::condition_variable pool_returned_;
  std::vector<Pooled> pool_;
  size_t open_connections_ = 0;  // borrowed and pooled
  EventCache cache_;
  std::mutex write_mutex_;  // one ingest batch at a time
};

// The OpenAPI 3 description of the API, as served at /api/openapi.json.
const std::string& OpenApiDocument();

}  // namespace frontline::server

#endif  // FRONTLINE_SERVER_API_H_
