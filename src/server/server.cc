#include "server/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <malloc.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace frontline::server {
namespace {

std::string ContentTypeOf(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".png") return "image/png";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

void Send(httplib::Response& res, const Response& r) {
  res.status = r.status;
  res.set_content(r.body, r.content_type.c_str());
}

}  // namespace

Result<Assets> Assets::Load(const std::string& dir) {
  namespace fs = std::filesystem;
  Assets assets;
  std::error_code ec;
  const fs::path root = fs::canonical(dir, ec);
  if (ec) return Status::Error(fmt::format("{}: the web page's assets are not there ({})", dir, ec.message()));
  size_t total = 0;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::none, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file() || it->is_symlink()) continue;
    const fs::path& path = it->path();
    std::ifstream in(path, std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    if (!in && !in.eof()) return Status::Error(path.string() + ": cannot read");
    total += body.str().size();
    if (total > (size_t{256} << 20)) return Status::Error(dir + ": more than 256 MiB of assets");
    std::string key = "/";
    key += fs::relative(path, root).generic_string();
    assets.files_[key] = File{body.str(), ContentTypeOf(path)};
  }
  if (ec) return Status::Error(fmt::format("{}: {}", dir, ec.message()));
  if (!assets.files_.contains("/index.html"))
    return Status::Error(dir + ": no index.html (build the page with scripts/build-web.sh)");
  return assets;
}

const Assets::File* Assets::Find(const std::string& path) const {
  auto it = files_.find(path == "/" ? "/index.html" : path);
  return it == files_.end() ? nullptr : &it->second;
}

void PrepareServerProcess() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_ARENA_MAX, static_cast<int>(2 * std::max(1u, std::thread::hardware_concurrency())));
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

Status Serve(Api& api, const Assets* assets, const ServerOptions& options,
             const std::function<void(int port)>& started, bool handle_signals) {
  httplib::Server server;
  const size_t threads =
      options.threads > 0 ? options.threads : std::max(32u, 8 * std::thread::hardware_concurrency());
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_read_timeout(options.timeout_seconds, 0);
  server.set_write_timeout(options.timeout_seconds, 0);
  server.set_keep_alive_timeout(5);
  server.set_keep_alive_max_count(10000);
  server.set_payload_max_length(options.max_body);

  auto headers = [&options](httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                   "object-src 'none'; frame-ancestors 'none'");
    if (!options.cors_origin.empty()) res.set_header("Access-Control-Allow-Origin", options.cors_origin);
  };
  // Behind a loopback address, only requests that name it: a page elsewhere cannot reach the
  // server through a name of its own that resolves to 127.0.0.1 (DNS rebinding).
  const bool loopback = options.bind == "127.0.0.1" || options.bind == "::1" || options.bind == "localhost";
  auto host_allowed = [&](const httplib::Request& req) {
    if (!loopback) return true;
    std::string host = req.get_header_value("Host");
    if (host.empty()) return true;  // HTTP/1.0
    if (host.starts_with("[")) {
      host = host.substr(1, host.find(']') - 1);
    } else {
      host = host.substr(0, host.find(':'));
    }
    return host == "127.0.0.1" || host == "localhost" || host == "::1";
  };
  auto handle = [&](const httplib::Request& req, httplib::Response& res) {
    headers(res);
    // Byte ranges are not served: a header of thousands of ranges would multiply a response.
    const_cast<httplib::Request&>(req).ranges.clear();
    if (!host_allowed(req)) {
      Send(res, ErrorResponse(421, "this server answers to 127.0.0.1 or localhost only"));
      return;
    }
    if (req.method == "OPTIONS") {
      // A CORS preflight: answered for the allowed origin, refused otherwise.
      if (options.cors_origin.empty() || req.get_header_value("Origin") != options.cors_origin) {
        Send(res, ErrorResponse(405, "cross-origin requests are not allowed (start with --cors ORIGIN)"));
        return;
      }
      res.status = 204;
      res.set_header("Access-Control-Allow-Methods", "GET, POST");
      res.set_header("Access-Control-Allow-Headers", "Content-Type");
      res.set_header("Access-Control-Max-Age", "600");
      return;
    }
    if (req.method != "GET" && req.method != "HEAD") {
      // A write from another site's page: refused unless that site is the allowed origin.
      const std::string origin = req.get_header_value("Origin");
      if (!origin.empty() && origin != options.cors_origin &&
          origin != "http://" + req.get_header_value("Host")) {
        Send(res, ErrorResponse(403, "requests from another site's page are refused"));
        return;
      }
    }
    if (req.path.starts_with("/api/") || req.path == "/api") {
      res.set_header("Cache-Control", "no-store");
      Send(res, api.Handle(req.method, req.path, req.params, req.body,
                           req.get_header_value("Content-Type")));
      return;
    }
    if (req.method != "GET" && req.method != "HEAD") {
      Send(res, ErrorResponse(405, req.method + " is not taken here; the page is read with GET"));
      return;
    }
    const Assets::File* file = assets != nullptr ? assets->Find(req.path) : nullptr;
    if (file == nullptr) {
      Send(res, ErrorResponse(404, assets == nullptr ? "this server has no web page (the API is under /api/)"
                                                     : "no such file"));
      return;
    }
    res.set_header("Cache-Control", "no-cache");
    res.set_content(file->body, file->content_type.c_str());
  };
  server.Get(".*", handle);
  server.Post(".*", handle);
  server.Put(".*", handle);
  server.Delete(".*", handle);
  server.Patch(".*", handle);
  server.Options(".*", handle);
  // Errors cpp-httplib answers itself (a body over the limit, a malformed request line) get the
  // API's JSON body too.
  server.set_error_handler([&](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    headers(res);
    const char* what = res.status == 413   ? "the request body is larger than the server takes"
                       : res.status == 414 ? "the request line is too long"
                       : res.status == 400 ? "malformed request"
                                           : "the request failed";
    Send(res, ErrorResponse(res.status, what));
  });
  server.set_exception_handler([&](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::fprintf(stderr, "frontline serve: internal error: %s\n", what.c_str());
    headers(res);
    Send(res, ErrorResponse(500, "internal error (the server's log says more)"));
  });
  if (options.access_log) {
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      // The path as the client sent it may hold anything: bytes outside printable ASCII are
      // written as \xNN, so a request cannot forge log lines.
      std::string path;
      for (const char c : req.path.substr(0, 300)) {
        const auto u = static_cast<unsigned char>(c);
        path += u < 0x20 || u >= 0x7F || c == '\\' ? fmt::format("\\x{:02x}", u) : std::string(1, c);
      }
      std::fprintf(stderr, "%s %s %d %zu\n", req.method.substr(0, 10).c_str(), path.c_str(),
                   res.status, res.body.size());
    });
  }

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.bind);
    if (port < 0) return Status::Error(fmt::format("cannot listen on {}", options.bind));
  } else if (!server.bind_to_port(options.bind, port)) {
    return Status::Error(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)",
                                     options.bind, port));
  }
  std::thread signals;
  std::atomic<bool> listening_done = false;
  if (handle_signals) {
    // SIGINT and SIGTERM wait in one thread (blocked everywhere else), which stops the server.
    // A signal that came during start-up waits until the server runs, so none is lost.
    PrepareServerProcess();
    signals = std::thread([&server, &listening_done] {
      sigset_t set;
      sigemptyset(&set);
      sigaddset(&set, SIGINT);
      sigaddset(&set, SIGTERM);
      int signal = 0;
      sigwait(&set, &signal);
      while (!server.is_running() && !listening_done) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      server.stop();
    });
  }
  started(port);
  const bool ok = server.listen_after_bind();
  listening_done = true;
  if (signals.joinable()) {
    pthread_kill(signals.native_handle(), SIGTERM);  // wakes the waiting thread if no signal came
    signals.join();
  }
  return ok ? Status::Ok() : Status::Error("the server stopped on an error");
}

}  // namespace frontline::server
