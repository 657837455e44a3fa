// The SQLite back end of store/sql.h.
#include <fmt/format.h>
#include <sqlite3.h>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>

#include "geo/gazetteer.h"
#include "store/sql.h"

namespace frontline::store {
namespace {

class SqliteConnection;

// Whether an error with this (extended) code is the database's, not one statement's.
bool IsDatabaseFailure(int code) {
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_NOMEM:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL:
      return true;
    default:
      return false;
  }
}

// Why a write to the database at `path` failed, judged from the state of things after it (SQLite
// keeps no reliable errno): its file or its WAL at the process's file size limit (ulimit -f), or
// its file system with less than a megabyte left. "" when neither.
std::string WriteFailureCause(const std::string& path) {
  struct rlimit limit {};
  if (getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    for (const char* suffix : {"", "-wal", "-journal"}) {
      struct stat st {};
      if (stat((path + suffix).c_str(), &st) == 0 &&
          static_cast<uint64_t>(st.st_size) + (uint64_t{1} << 16) >= limit.rlim_cur) {
        return fmt::format("the file size limit of {} bytes was reached (ulimit -f)",
                           static_cast<uint64_t>(limit.rlim_cur));
      }
    }
  }
  const size_t slash = path.rfind('/');
  const std::string dir =
      slash == std::string::npos ? "." : path.substr(0, std::max<size_t>(slash, 1));
  struct statvfs fs {};
  if (statvfs(dir.c_str(), &fs) == 0 &&
      static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize < (uint64_t{1} << 20)) {
    return "the disk is full";
  }
  return "";
}

// SQLite's message for the last error on `db` (the database at `path`), with what a user can do
// about the two a running ingest meets: another process holding the write lock past the wait,
// and a write that found no room (SQLITE_FULL, or an I/O error at a file size limit or on a
// full file system).
std::string ErrorText(sqlite3* db, const std::string& path, int busy_timeout_ms) {
  const int code = sqlite3_extended_errcode(db);
  const std::string message = sqlite3_errmsg(db);
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
    return fmt::format(
        "{}: another connection kept it locked for writing longer than the wait of {:g} s", message,
        busy_timeout_ms / 1000.0);
  }
  if ((code & 0xff) == SQLITE_FULL || (code & 0xff) == SQLITE_IOERR) {
    std::string cause = WriteFailureCause(path);
    if (cause.empty() && (code & 0xff) == SQLITE_FULL) cause = "the disk is full";
    if (!cause.empty()) {
      return fmt::format("{} ({})", cause, message);
    }
  }
  return message;
}

class SqliteStatement : public Statement {
 public:
  SqliteStatement(SqliteConnection* connection, sqlite3_stmt* statement)
      : connection_(connection), statement_(statement) {}
  ~SqliteStatement() override { sqlite3_finalize(statement_); }

  Statement& Bind(const std::vector<Value>& values) override;
  bool Next() override;
  bool IsNull(int column) const override {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
  }
  int64_t Int(int column) const override { return sqlite3_column_int64(statement_, column); }
  double Real(int column) const override { return sqlite3_column_double(statement_, column); }
  std::string Text(int column) const override {
    const unsigned char* text = sqlite3_column_text(statement_, column);
    if (text == nullptr) return std::string();
    return std::string(reinterpret_cast<const char*>(text),
                       static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
  }

 private:
  SqliteConnection* connection_;
  sqlite3_stmt* statement_;
  bool done_ = false;
};

class SqliteConnection : public Connection {
 public:
  SqliteConnection(sqlite3* db, std::string name, int busy_timeout_ms)
      : db_(db), name_(std::move(name)), busy_timeout_ms_(busy_timeout_ms) {}
  ~SqliteConnection() override {
    ForgetStatements();
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }
  void Exec(std::string_view sql) override {
    if (!status_.ok()) return;
    char* error = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      sqlite3_free(error);
      FailWithLastError();
    }
  }
  std::unique_ptr<Statement> Compile(std::string_view sql, bool& prepared) override {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK) {
      FailWithLastError(" in: " + std::string(sql.substr(0, 200)));
      statement = nullptr;
    }
    prepared = statement != nullptr;
    return std::make_unique<SqliteStatement>(this, statement);
  }
  void SetDeadline(std::optional<std::chrono::steady_clock::time_point> deadline) override {
    deadline_ = deadline;
    timed_out_ = false;
    // Every 1,000 virtual machine instructions (a few microseconds), the clock is read.
    if (deadline_) {
      sqlite3_progress_handler(db_, 1000, &SqliteConnection::PastDeadline, this);
    } else {
      sqlite3_progress_handler(db_, 0, nullptr, nullptr);
    }
  }
  const std::string& name() const override { return name_; }
  int64_t Insert(std::string_view sql, const std::vector<Value>& values) override {
    Prepare(sql).Bind(values).Run();
    return status_.ok() ? sqlite3_last_insert_rowid(db_) : 0;
  }

  void Fail(const std::string& what) {
    if (status_.ok()) status_ = Status::Error(name_ + ": " + what);
  }
  // Fails with the last error on the database, explained.
  void FailWithLastError(std::string_view context = {}) {
    if (status_.ok()) {
      const int code = sqlite3_extended_errcode(db_);
      unusable_ = IsDatabaseFailure(code);
      if (code == SQLITE_INTERRUPT && deadline_ && std::chrono::steady_clock::now() >= *deadline_) {
        timed_out_ = true;
        Fail("the statement ran past its time limit and was interrupted");
        return;
      }
    }
    Fail(ErrorText(db_, name_, busy_timeout_ms_) + std::string(context));
  }
  bool failed() const { return !status_.ok(); }
  sqlite3* db() const { return db_; }

 private:
  sqlite3* db_;
  std::string name_;
  static int PastDeadline(void* self) {
    const auto* connection = static_cast<const SqliteConnection*>(self);
    return connection->deadline_ && std::chrono::steady_clock::now() >= *connection->deadline_;
  }

  int busy_timeout_ms_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
};

Statement& SqliteStatement::Bind(const std::vector<Value>& values) {
  done_ = false;
  if (statement_ == nullptr || connection_->failed()) return *this;
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  const int expected = sqlite3_bind_parameter_count(statement_);
  if (static_cast<int>(values.size()) != expected) {
    connection_->Fail("statement expects " + std::to_string(expected) + " parameters, got " +
                      std::to_string(values.size()) + ": " + sqlite3_sql(statement_));
    return *this;
  }
  for (size_t i = 0; i < values.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const Value& value = values[i];
    int rc = SQLITE_OK;
    if (std::holds_alternative<int64_t>(value)) {
      rc = sqlite3_bind_int64(statement_, index, std::get<int64_t>(value));
    } else if (std::holds_alternative<double>(value)) {
      rc = sqlite3_bind_double(statement_, index, std::get<double>(value));
    } else if (std::holds_alternative<std::string>(value)) {
      const std::string& text = std::get<std::string>(value);
      rc = sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8);
    } else {
      rc = sqlite3_bind_null(statement_, index);
    }
    if (rc != SQLITE_OK) connection_->FailWithLastError();
  }
  return *this;
}

bool SqliteStatement::Next() {
  if (statement_ == nullptr || done_ || connection_->failed()) return false;
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  done_ = true;
  if (rc != SQLITE_DONE) connection_->FailWithLastError();
  // Releases read locks and the statement's hold on the WAL.
  sqlite3_reset(statement_);
  return false;
}

void DistanceFunction(sqlite3_context* context, int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
      sqlite3_result_null(context);
      return;
    }
  }
  const geo::LatLon a{sqlite3_value_double(argv[0]), sqlite3_value_double(argv[1])};
  const geo::LatLon b{sqlite3_value_double(argv[2]), sqlite3_value_double(argv[3])};
  sqlite3_result_double(context, geo::DistanceKm(a, b));
}

}  // namespace

Result<std::unique_ptr<Connection>> ConnectSqlite(const std::string& path, int busy_timeout_ms) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    std::string message = path + ": cannot open database: " +
                          (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close_v2(db);
    return Status::Error(std::move(message));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  sqlite3_create_function_v2(db, "frontline_km", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                             DistanceFunction, nullptr, nullptr, nullptr);
  auto connection = std::make_unique<SqliteConnection>(db, path, busy_timeout_ms);
  // WAL: readers do not block the writer, and a killed writer leaves the last committed
  // state. A 64 MiB page cache and 256 MiB of memory-mapped reads keep merging's lookups off
  // the read() path. synchronous=NORMAL is durable to the last checkpoint-free commit on power loss and
  // consistent always, the usual setting with WAL.
  connection->Exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
      "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;");
  if (!connection->status().ok()) return connection->status();
  return std::unique_ptr<Connection>(std::move(connection));
}

}  // namespace frontline::store
