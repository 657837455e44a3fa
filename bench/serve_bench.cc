// Server benchmark: the events endpoint under load from a second process on loopback.
//
//   serve_bench [--events N] [--db PATH] [--seconds S] [--connections C] [--threads T]
//               [--handler-only]
//
// Fills a SQLite database with N events (default 100,000; each with actors and a stored report,
// as ingested events have: see FillEvents), or reuses PATH when it already holds events. Serves
// it in this process on a free loopback port (the server's default threads), and runs `wrk`
// (Debian's package) against /api/events for S seconds (default 10) with C connections (default
// 16) on T threads (default 2). Each request asks one page (100 events, the API's default) of
// one country and one quarter, cycling over 20 countries and 40 quarters, as map clients do.
// Prints the handler's cost alone (Api::Handle in a loop, no HTTP; --handler-only stops there,
// for profilers), requests/s, latency percentiles, and the server's peak RSS.
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "corpus.h"
#include "server/api.h"
#include "server/server.h"
#include "store/store.h"

using namespace frontline;

namespace {

int Fail(const std::string& what) {
  fmt::print(stderr, "serve_bench: {}\n", what);
  return 1;
}

std::string Run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  size_t events = 100000, connections = 16, threads = 2;
  int seconds = 10;
  bool handler_only = false;  // time the handler alone (for profilers), no HTTP load
  std::string db_path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--events") {
      events = std::stoul(value());
    } else if (arg == "--db") {
      db_path = value();
    } else if (arg == "--seconds") {
      seconds = std::stoi(value());
    } else if (arg == "--connections") {
      connections = std::stoul(value());
    } else if (arg == "--handler-only") {
      handler_only = true;
    } else if (arg == "--threads") {
      threads = std::stoul(value());
    } else {
      fmt::print("usage: serve_bench [--events N] [--db PATH] [--seconds S] [--connections C] "
                 "[--threads T] [--handler-only]\n");
      return arg == "--help" ? 0 : 2;
    }
  }
  if (std::system("command -v wrk >/dev/null") != 0)
    return Fail("wrk is not installed (apt-get install wrk; scripts/install-deps.sh does it)");
  const std::filesystem::path temp =
      std::filesystem::temp_directory_path() / fmt::format("frontline-serve-bench-{}", ::getpid());
  std::filesystem::create_directories(temp);
  if (db_path.empty()) db_path = (temp / "events.db").string();
  {
    auto opened = store::Store::Open(db_path);
    if (!opened.ok()) return Fail(opened.status().message());
    auto counts = opened.value()->Counts();
    if (!counts.ok()) return Fail(counts.status().message());
    if (counts.value().events == 0) {
      const auto t0 = std::chrono::steady_clock::now();
      if (Status s = bench::FillEvents(opened.value()->connection(), events, true); !s.ok())
        return Fail(s.message());
      fmt::print("filled {} with {} events in {:.1f} s\n", db_path, events,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    } else {
      events = static_cast<size_t>(counts.value().events);
      fmt::print("using {} ({} events)\n", db_path, events);
    }
  }

  server::PrepareServerProcess();
  // One page of one country and quarter a request, cycling over 800 queries.
  const std::string script = (temp / "paths.lua").string();
  {
    std::ofstream lua(script);
    lua << "local paths = {}\n";
    const char* countries[] = {"SY", "IQ", "YE", "AF", "LY", "SO", "NG", "UA", "SD", "ML",
                               "BF", "CD", "MM", "ET", "PS", "IL", "LB", "MZ", "CM", "NE"};
    for (int q = 0; q < 40; ++q) {
      const int year = 2015 + q / 4, month = (q % 4) * 3 + 1;
      for (const char* c : countries) {
        lua << fmt::format("paths[#paths + 1] = \"/api/events?country={}&from={}-{:02}-01&to={}-{:02}-{}\"\n",
                           c, year, month, year, month + 2, month + 2 == 3 || month + 2 == 12 ? 31 : 30);
      }
    }
    lua << "local i = 0\nrequest = function()\n  i = i % #paths + 1\n"
           "  return wrk.format(\"GET\", paths[i])\nend\n";
  }
  // Twice: without the event cache (every event rendered from its row for every request), then
  // with it (the server's default: events rendered once until the database changes).
  bool failed = false;
  for (const size_t cache_bytes : {size_t{0}, size_t{256} << 20}) {
    const char* label = cache_bytes == 0 ? "event cache off" : "event cache on (default)";
    server::ApiOptions api_options;
    api_options.database = db_path;
    api_options.cache_bytes = cache_bytes;
    server::Api api(api_options);
    {
      // The handler alone, without HTTP: what one request costs the server's CPU.
      const char* countries[] = {"SY", "IQ", "YE", "AF", "LY"};
      const int calls = 500;
      size_t bytes = 0;
      const auto t0 = std::chrono::steady_clock::now();
      for (int i = 0; i < calls; ++i) {
        server::Params params = {{"country", countries[i % 5]},
                                 {"from", fmt::format("{}-01-01", 2015 + i % 10)},
                                 {"to", fmt::format("{}-03-31", 2015 + i % 10)}};
        bytes += api.Handle("GET", "/api/events", params, "").body.size();
      }
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      fmt::print("{}: handler alone {:.3f} ms a request (one page of 100 events, {:.0f} KB), one thread\n",
                 label, 1000 * s / calls, bytes / 1024.0 / calls);
    }
    if (handler_only) continue;
    server::ServerOptions options;
    options.port = 0;
    std::atomic<int> port = 0;
    std::thread serving([&] {
      Status s = server::Serve(api, nullptr, options, [&](int p) { port = p; }, true);
      if (!s.ok()) fmt::print(stderr, "serve_bench: {}\n", s.message());
    });
    for (int i = 0; i < 100 && port == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (port == 0) return Fail("the server did not start");
    // A first run warms the database's pages (and the cache, when on), as in a server that has
    // been up a while; the second is measured.
    Run(fmt::format("wrk -t{} -c{} -d3s -s {} http://127.0.0.1:{}/ 2>&1", threads, connections,
                    script, port.load()));
    const std::string out = Run(fmt::format("wrk -t{} -c{} -d{}s --latency -s {} http://127.0.0.1:{}/ 2>&1",
                                            threads, connections, seconds, script, port.load()));
    std::smatch m;
    double rps = 0;
    if (std::regex_search(out, m, std::regex(R"(Requests/sec:\s+([0-9.]+))"))) rps = std::stod(m[1]);
    std::string p50, p90, p99, errors = "0";
    const size_t distribution = out.find("Latency Distribution");
    const std::string latencies = distribution == std::string::npos ? "" : out.substr(distribution);
    if (std::regex_search(latencies, m, std::regex(R"(50%\s+(\S+))"))) p50 = m[1];
    if (std::regex_search(latencies, m, std::regex(R"(90%\s+(\S+))"))) p90 = m[1];
    if (std::regex_search(latencies, m, std::regex(R"(99%\s+(\S+))"))) p99 = m[1];
    if (std::regex_search(out, m, std::regex(R"(Non-2xx or 3xx responses:\s+(\d+))"))) errors = m[1];
    fmt::print("{}: {:.0f} requests/s, latency p50 {} p90 {} p99 {}, non-2xx {} (wrk: {} connections, "
               "{} threads, {} s, {} events)\n",
               label, rps, p50, p90, p99, errors, connections, threads, seconds, events);
    kill(getpid(), SIGTERM);  // stops the server's loop (its signal thread)
    serving.join();
    if (rps == 0) {
      fmt::print(stderr, "{}\n", out);
      failed = true;
    }
  }
  fmt::print("server peak RSS: {:.0f} MiB\n", bench::PeakRssMiB());
  std::filesystem::remove_all(temp);
  return failed ? 1 : 0;
}
