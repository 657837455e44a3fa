// The SQLite back end of store/sql.h.
#include <sqlite3.h>

#include <cmath>
#include <map>

#include "geo/gazetteer.h"
#include "store/sql.h"

namespace frontline::store {
namespace {

class SqliteConnection;

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
  SqliteConnection(sqlite3* db, std::string name) : db_(db), name_(std::move(name)) {}
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
      Fail(error != nullptr ? error : sqlite3_errmsg(db_));
      sqlite3_free(error);
    }
  }
  std::unique_ptr<Statement> Compile(std::string_view sql, bool& prepared) override {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK) {
      Fail(std::string(sqlite3_errmsg(db_)) + " in: " + std::string(sql.substr(0, 200)));
      statement = nullptr;
    }
    prepared = statement != nullptr;
    return std::make_unique<SqliteStatement>(this, statement);
  }
  Status status() const override { return status_; }
  void ClearError() override { status_ = Status::Ok(); }
  const std::string& name() const override { return name_; }
  int64_t Insert(std::string_view sql, const std::vector<Value>& values) override {
    Prepare(sql).Bind(values).Run();
    return status_.ok() ? sqlite3_last_insert_rowid(db_) : 0;
  }

  void Fail(const std::string& what) {
    if (status_.ok()) status_ = Status::Error(name_ + ": " + what);
  }
  bool failed() const { return !status_.ok(); }
  sqlite3* db() const { return db_; }

 private:
  sqlite3* db_;
  std::string name_;
  Status status_;
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
    if (rc != SQLITE_OK) connection_->Fail(sqlite3_errmsg(connection_->db()));
  }
  return *this;
}

bool SqliteStatement::Next() {
  if (statement_ == nullptr || done_ || connection_->failed()) return false;
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  done_ = true;
  if (rc != SQLITE_DONE) connection_->Fail(sqlite3_errmsg(connection_->db()));
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
  auto connection = std::make_unique<SqliteConnection>(db, path);
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
