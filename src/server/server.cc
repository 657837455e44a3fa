#include "server/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <malloc.h>
#include <signal.h>

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
    assets.files_["/" + fs::relative(path, root).generic_string()] =
        File{body.str(), ContentTypeOf(path)};
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
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR1);
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
  auto handle = [&](const httplib::Request& req, httplib::Response& res) {
    headers(res);
    if (req.path.starts_with("/api/") || req.path == "/api") {
      res.set_header("Cache-Control", "no-store");
      Send(res, api.Handle(req.method, req.path, req.params, req.body));
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
    std::string what = "unexpected failure";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    headers(res);
    Send(res, ErrorResponse(500, what));
  });
  if (options.access_log) {
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "%s %s %d %zu\n", req.method.c_str(), req.path.c_str(), res.status,
                   res.body.size());
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
  if (handle_signals) {
    // SIGINT and SIGTERM wait in one thread (blocked everywhere else), which stops the server.
    PrepareServerProcess();
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGUSR1);
    signals = std::thread([&server, set] {
      int signal = 0;
      sigwait(&set, &signal);
      server.stop();
    });
  }
  started(port);
  const bool ok = server.listen_after_bind();
  if (signals.joinable()) {
    pthread_kill(signals.native_handle(), SIGUSR1);  // wakes the waiting thread if no signal came
    signals.join();
  }
  return ok ? Status::Ok() : Status::Error("the server stopped on an error");
}

}  // namespace frontline::server
