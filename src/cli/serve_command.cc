// serve: the JSON API and the web map over HTTP.
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include "cli/commands.h"
#include "geo/gazetteer.h"
#include "pipeline/data_dir.h"
#include "server/api.h"
#include "server/place_search.h"
#include "server/server.h"

namespace frontline::cli {

void ServeCommand::Register(CLI::App& app) {
  app.add_option("--db", db_, "database: a SQLite file or postgresql://... (else $FRONTLINE_DB)");
  app.add_option("--bind", bind_, "address to listen on (loopback by default; 0.0.0.0 for a network)")
      ->capture_default_str();
  app.add_option("--port", port_, "TCP port (0: any free port, printed)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  app.add_option("--threads", threads_, "request threads (default: 8 a core, at least 32)");
  app.add_option("--web", web_, "the web page's built assets (default: the build's web/)");
  app.add_flag("--allow-ingest", allow_ingest_, "accept JSONL batches on POST /api/ingest");
  app.add_option("--max-body", max_body_, "largest ingest batch, bytes (without --allow-ingest: 64 KiB)")
      ->capture_default_str();
  app.add_option("--timeout", timeout_, "seconds to read a request or write a response")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  app.add_option("--query-timeout", query_timeout_,
                 "seconds of database work one request may take; a longer one is interrupted "
                 "and answered 503 (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 86400.0));
  app.add_option("--cors", cors_, "send Access-Control-Allow-Origin with this origin (off by default)");
  app.add_flag("--log", log_, "one line a request on stderr");
  app.add_option("--cache-mb", cache_mb_,
                 "memory for events rendered as JSON, kept until the database changes (0: none)")
      ->capture_default_str();
}

int ServeCommand::Run(const GlobalOptions& global) const {
  server::PrepareServerProcess();  // before any thread starts, so only the server's handles them
  std::string database = db_;
  if (database.empty()) {
    if (const char* env = std::getenv("FRONTLINE_DB")) database = env;
  }
  if (database.empty()) {
    std::fprintf(stderr, "frontline serve: no database: give --db PATH (SQLite) or --db postgresql://...\n");
    return kExitUsage;
  }
  if (database.find("://") == std::string::npos && !std::filesystem::exists(database)) {
    std::fprintf(stderr, "frontline serve: %s: no such database (create one with `frontline ingest --db %s`)\n",
                 database.c_str(), database.c_str());
    return kExitUsage;
  }
  // The gazetteer for place search and place filters; the dictionaries only for ingest.
  std::unique_ptr<pipeline::Resources> resources;
  std::unique_ptr<geo::Gazetteer> gazetteer;
  const geo::Gazetteer* places = nullptr;
  if (allow_ingest_) {
    resources = LoadResources(global, Places::kIfAvailable);
    if (resources == nullptr) return kExitUsage;
    places = resources->gazetteer.get();
  } else {
    bool failed = false;
    gazetteer = MaybeGazetteer(global, &failed);
    if (failed) return kExitUsage;
    places = gazetteer.get();
    if (places == nullptr) {
      std::fprintf(stderr, "frontline serve: note: no gazetteer index at %s: place search is off\n",
                   pipeline::ResolveGazetteer(global.gazetteer).c_str());
    }
  }
  // Place search sorts every name of the index (a few seconds for millions of names): built at
  // the first /api/places request, which waits for it, so that the server starts at once and a
  // server nobody asks for places never spends the time (nor makes its stop wait for it).
  std::once_flag search_built;
  std::unique_ptr<server::PlaceSearch> search;

  server::ApiOptions api_options;
  api_options.database = database;
  api_options.gazetteer = places;
  if (places != nullptr) {
    api_options.places = [&search_built, &search, places] {
      std::call_once(search_built, [&] { search = std::make_unique<server::PlaceSearch>(*places); });
      return search.get();
    };
  }
  api_options.ingest = resources.get();
  api_options.max_body = max_body_;
  api_options.cache_bytes = cache_mb_ << 20;
  // Any limit above 0 is one, however small (a microsecond at least).
  api_options.query_timeout = std::chrono::microseconds(
      query_timeout_ > 0 ? std::max<int64_t>(1, std::llround(query_timeout_ * 1e6)) : 0);
  server::Api api(api_options);
  if (Status s = api.Check(); !s.ok()) {
    std::fprintf(stderr, "frontline serve: %s\n", s.message().c_str());
    return kExitUsage;
  }

  std::optional<server::Assets> assets;
  const std::string web = pipeline::ResolveWebDir(web_);
  if (auto loaded = server::Assets::Load(web); loaded.ok()) {
    assets = std::move(loaded).value();
  } else if (!web_.empty()) {
    std::fprintf(stderr, "frontline serve: %s\n", loaded.status().message().c_str());
    return kExitUsage;
  } else {
    std::fprintf(stderr, "frontline serve: note: %s; serving the API alone\n",
                 loaded.status().message().c_str());
  }

  server::ServerOptions options;
  options.bind = bind_;
  options.port = port_;
  options.threads = threads_;
  options.timeout_seconds = timeout_;
  // Without ingest no request needs a body: a small limit, so that no client makes the server
  // read megabytes only to refuse them.
  options.max_body = allow_ingest_ ? max_body_ : size_t{64} << 10;
  options.cors_origin = cors_;
  options.access_log = log_;
  Status served = server::Serve(
      api, assets ? &*assets : nullptr, options,
      [&](int port) {
        const std::string host = bind_.find(':') != std::string::npos ? "[" + bind_ + "]" : bind_;
        std::printf("frontline serve: http://%s:%d/\n", host.c_str(), port);
        std::fflush(stdout);
      },
      true);
  if (!served.ok()) {
    std::fprintf(stderr, "frontline serve: %s\n", served.message().c_str());
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace frontline::cli
