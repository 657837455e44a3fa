// A small SQL layer over the two back ends the store runs on: SQLite (the default, one file)
// and PostgreSQL (a shared server, through libpqxx). The store writes one dialect of SQL with
// `?` placeholders; the PostgreSQL connection rewrites them to `$1, $2, ...`.
//
// Errors are sticky, as in an ostream: the first failure is kept in status() and every later
// operation on the connection does nothing (Exec returns, Next returns false) until
// ClearError(). Code may therefore run a unit of work (one document) and check status() once
// at its end, then roll back; nothing after a failure can write.
//
// A Connection and its statements belong to one thread.
#ifndef FRONTLINE_STORE_SQL_H_
#define FRONTLINE_STORE_SQL_H_

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "status/status.h"

namespace frontline::store {

enum class Dialect { kSqlite, kPostgres };

// A parameter: NULL, an integer, a real or a text.
using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;

// A text value, or NULL when empty.
Value TextOrNull(std::string_view text);

// A prepared statement. Bind() starts a new execution; Next() steps through its rows (a
// statement that returns none needs one Next() call, or Run()).
class Statement {
 public:
  virtual ~Statement() = default;
  // Replaces the parameters (in order of the `?` marks) and rewinds the statement.
  virtual Statement& Bind(const std::vector<Value>& values) = 0;
  Statement& Bind(std::initializer_list<Value> values) {
    return Bind(std::vector<Value>(values));
  }
  // Advances to the next row; false at the end or after an error.
  virtual bool Next() = 0;
  // Executes to completion, ignoring rows.
  void Run() {
    while (Next()) {
    }
  }
  // Columns of the current row, from 0. A NULL reads as 0, 0.0 or "".
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual double Real(int column) const = 0;
  virtual std::string Text(int column) const = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs statements without parameters (several, separated by ';', are allowed).
  virtual void Exec(std::string_view sql) = 0;
  // A prepared statement for `sql`, cached by its text: preparing the same text again returns
  // the same statement. Owned by the connection. A statement that fails to prepare (the
  // failure goes to status()) is not cached, so the next request after ClearError() prepares
  // it again.
  Statement& Prepare(std::string_view sql);
  // The first failure since the last ClearError(), or ok.
  Status status() const { return status_; }
  void ClearError() {
    status_ = Status::Ok();
    unusable_ = false;
    timed_out_ = false;
  }
  // Whether that failure was the database's rather than one statement's: locked past the
  // wait, disk full, an I/O error, the connection lost. A batch cannot go on after one.
  bool Unusable() const { return unusable_; }

  // Bounds the time of what runs from now on: a statement still running at `deadline` is
  // interrupted and fails, and TimedOut() tells that failure apart. nullopt: no bound. SQLite
  // checks the clock as a statement runs; PostgreSQL sets statement_timeout to the time left.
  virtual void SetDeadline(std::optional<std::chrono::steady_clock::time_point> deadline) = 0;
  // Whether the failure in status() is a statement interrupted at the deadline.
  bool TimedOut() const { return timed_out_; }
  // Where the connection points, for messages ("events.db", "postgresql://host/db").
  virtual const std::string& name() const = 0;

  // Runs an INSERT into a table with an integer key `id` and returns the new row's id, 0
  // after a failure. `sql` has no RETURNING clause: each back end gets the id its cheapest way.
  virtual int64_t Insert(std::string_view sql, const std::vector<Value>& values) = 0;

  // Drops the cached statements when there are more than `max` (statements built from a
  // client's lists differ by the lists' lengths). Only between uses: no statement of this
  // connection may be in use.
  void TrimStatements(size_t max) {
    if (statements_.size() > max) ForgetStatements();
  }

  // Convenience: the first column of the first row as an integer, or `fallback` when the
  // query returns no row.
  int64_t QueryInt(std::string_view sql, const std::vector<Value>& values, int64_t fallback = 0);

 protected:
  // The back end's statement for `sql`; `prepared` false when it could not be prepared (the
  // statement returned then does nothing).
  virtual std::unique_ptr<Statement> Compile(std::string_view sql, bool& prepared) = 0;
  // Drops every statement: back ends call it before closing their connection.
  void ForgetStatements() {
    statements_.clear();
    failed_.clear();
  }

  // The failure state, set by each back end when a call fails (the first failure stands).
  Status status_;
  bool unusable_ = false;
  bool timed_out_ = false;

 private:
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> statements_;
  std::vector<std::unique_ptr<Statement>> failed_;
};

// Opens a database: "postgresql://..." or "postgres://..." (a libpq URI) selects PostgreSQL,
// anything else is a SQLite file path (created when missing). SQLite connections run in WAL
// mode with foreign keys on. `busy_timeout_ms` bounds the wait for a lock another connection
// holds (SQLite's busy timeout, PostgreSQL's lock_timeout); a longer wait fails with "database
// is locked" (SQLite) or "canceling statement due to lock timeout" (PostgreSQL). Both register
// frontline_km(lat1, lon1, lat2, lon2), the great-circle distance in kilometres (PostgreSQL:
// created by the schema).
Result<std::unique_ptr<Connection>> Connect(const std::string& target, int busy_timeout_ms = 10000);

// Whether `target` names a PostgreSQL database.
bool IsPostgresTarget(std::string_view target);

// `sql` with each `?` outside quotes replaced by $1, $2, ... (PostgreSQL's placeholders).
std::string NumberPlaceholders(std::string_view sql);

}  // namespace frontline::store

#endif  // FRONTLINE_STORE_SQL_H_
