// `frontline serve`: the API (api.h) and the web page's assets over HTTP, with cpp-httplib.
#ifndef FRONTLINE_SERVER_SERVER_H_
#define FRONTLINE_SERVER_SERVER_H_

#include <functional>
#include <map>
#include <string>

#include "server/api.h"
#include "status/status.h"

namespace frontline::server {

struct ServerOptions {
  std::string bind = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0: any free port
  // Request threads. A kept-alive connection holds its thread while it stays open, so there are
  // many (0: 8 a core, at least 32); database work is bounded apart (Api's connection pool).
  size_t threads = 0;
  std::string web_dir;             // the page's built assets; "" serves the API alone
  int timeout_seconds = 10;        // to read a request, and to write a response
  size_t max_body = size_t{16} << 20;  // requests with larger bodies get 413
  std::string cors_origin;  // "" sends no CORS header (browsers then refuse cross-origin reads)
  bool access_log = false;  // one line a request on stderr
};

// The web page's files, read into memory once: only these paths are ever served, so no request
// reaches another file.
class Assets {
 public:
  // Reads every regular file under `dir` (not following links out of it). Fails when `dir` has
  // no index.html.
  static Result<Assets> Load(const std::string& dir);
  struct File {
    std::string body;
    std::string content_type;
  };
  // The file for a request path ("/" is index.html); null when there is none.
  const File* Find(const std::string& path) const;
  size_t size() const { return files_.size(); }

 private:
  std::map<std::string, File> files_;  // "/app.js" -> file
};

// Blocks SIGINT and SIGTERM in the calling thread and every thread it starts afterwards, so that
// Serve's signal thread receives them, and keeps freed memory in the process (responses of a
// few hundred KB are made and freed thousands of times a second: returning them to the kernel
// each time costs more than making them). Call it first thing, before starting threads.
void PrepareServerProcess();

// Serves until SIGINT or SIGTERM when `handle_signals` (see PrepareServerProcess); a signal
// that arrives before the server listens stops it as soon as it does. Calls
// `started` with the bound port once listening.
Status Serve(Api& api, const Assets* assets, const ServerOptions& options,
             const std::function<void(int port)>& started, bool handle_signals);

}  // namespace frontline::server

#endif  // FRONTLINE_SERVER_SERVER_H_
