// The PostgreSQL back end of store/sql.h, through libpqxx. Statements are prepared on the
// server once per connection; transactions are the store's own BEGIN/COMMIT sent through a
// nontransaction, so both back ends share one transaction discipline.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <pqxx/pqxx>

#include "store/sql.h"

namespace frontline::store {
namespace {

class PostgresConnection;

class PostgresStatement : public Statement {
 public:
  PostgresStatement(PostgresConnection* connection, std::string name)
      : connection_(connection), name_(std::move(name)) {}

  Statement& Bind(const std::vector<Value>& values) override {
    params_ = values;
    executed_ = false;
    row_ = -1;
    result_ = pqxx::result();
    return *this;
  }
  bool Next() override;
  bool IsNull(int column) const override { return result_[row_][column].is_null(); }
  int64_t Int(int column) const override {
    const pqxx::field field = result_[row_][column];
    if (field.is_null()) return 0;
    // Booleans come back as "t"/"f"; counts and ids as digits.
    const char* text = field.c_str();
    if (text[0] == 't') return 1;
    if (text[0] == 'f') return 0;
    return std::strtoll(text, nullptr, 10);
  }
  double Real(int column) const override {
    const pqxx::field field = result_[row_][column];
    return field.is_null() ? 0.0 : std::strtod(field.c_str(), nullptr);
  }
  std::string Text(int column) const override {
    const pqxx::field field = result_[row_][column];
    return field.is_null() ? std::string() : std::string(field.c_str(), field.size());
  }

 private:
  PostgresConnection* connection_;
  std::string name_;
  std::vector<Value> params_;
  bool executed_ = false;
  pqxx::result result_;
  pqxx::result::size_type row_ = -1;
};

class PostgresConnection : public Connection {
 public:
  PostgresConnection(std::unique_ptr<pqxx::connection> connection, std::string name)
      : connection_(std::move(connection)),
        work_(std::make_unique<pqxx::nontransaction>(*connection_)),
        name_(std::move(name)) {}
  ~PostgresConnection() override {
    ForgetStatements();
    work_.reset();
  }

  Dialect dialect() const override { return Dialect::kPostgres; }
  void Exec(std::string_view sql) override {
    if (!status_.ok()) return;
    try {
      work_->exec(std::string(sql));
    } catch (const std::exception& e) {
      Fail(e);
    }
  }
  // After a failure the server refuses everything until the rollback: nothing is prepared.
  std::unique_ptr<Statement> Compile(std::string_view sql, bool& prepared) override {
    const std::string name = fmt::format("s{}", next_name_++);
    prepared = status_.ok();
    if (prepared) {
      try {
        connection_->prepare(name, NumberPlaceholders(sql));
      } catch (const std::exception& e) {
        Fail(e, " in: " + std::string(sql.substr(0, 200)));
        prepared = false;
      }
    }
    return std::make_unique<PostgresStatement>(this, name);
  }
  void SetDeadline(std::optional<std::chrono::steady_clock::time_point> deadline) override {
    int64_t ms = 0;  // 0: no limit
    if (deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          *deadline - std::chrono::steady_clock::now());
      ms = std::max<int64_t>(left.count(), 1);
    }
    if (!status_.ok()) {
      statement_timeout_ms_ = -1;  // unknown: set again at the next call
      return;
    }
    if (ms == statement_timeout_ms_) return;
    Exec(fmt::format("SET statement_timeout = {}", ms));
    if (status_.ok()) statement_timeout_ms_ = ms;
  }
  const std::string& name() const override { return name_; }
  int64_t Insert(std::string_view sql, const std::vector<Value>& values) override {
    Statement& insert = Prepare(std::string(sql) + " RETURNING id").Bind(values);
    const int64_t id = insert.Next() ? insert.Int(0) : 0;
    insert.Run();
    return id;
  }

  // Fails with `e`, told apart as the database's failure (the connection lost, the server out
  // of space or shutting down, a lock wait past lock_timeout) or one statement's.
  void Fail(const std::exception& e, std::string_view context = {}) {
    if (status_.ok()) {
      if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) {
        unusable_ = true;
      } else if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
        const std::string state = sql->sqlstate();
        timed_out_ = state == "57014";  // query_canceled: statement_timeout
        unusable_ =
            !timed_out_ && (state.starts_with("08") || state.starts_with("53") ||
                            state.starts_with("57") || state.starts_with("58") || state == "55P03");
      }
    }
    Fail(std::string(e.what()) + std::string(context));
  }
  void Fail(std::string what) {
    while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
    if (status_.ok()) status_ = Status::Error(name_ + ": " + what);
  }
  bool failed() const { return !status_.ok(); }

  pqxx::result Run(const std::string& name, const std::vector<Value>& params) {
    std::vector<std::string> storage(params.size());
    std::vector<const char*> pointers(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& value = params[i];
      if (std::holds_alternative<int64_t>(value)) {
        storage[i] = std::to_string(std::get<int64_t>(value));
      } else if (std::holds_alternative<double>(value)) {
        storage[i] = fmt::format("{:.17g}", std::get<double>(value));
      } else if (std::holds_alternative<std::string>(value)) {
        storage[i] = std::get<std::string>(value);
      } else {
        continue;  // NULL: a null pointer
      }
      pointers[i] = storage[i].c_str();
    }
    return work_->exec_prepared(name, pqxx::prepare::make_dynamic_params(pointers));
  }

 private:
  std::unique_ptr<pqxx::connection> connection_;
  std::unique_ptr<pqxx::nontransaction> work_;
  std::string name_;
  int64_t statement_timeout_ms_ = 0;
  size_t next_name_ = 0;
};

bool PostgresStatement::Next() {
  if (connection_->failed()) return false;
  if (!executed_) {
    executed_ = true;
    try {
      result_ = connection_->Run(name_, params_);
    } catch (const std::exception& e) {
      connection_->Fail(e);
      return false;
    }
    row_ = -1;
  }
  ++row_;
  return row_ < result_.size();
}

// The URI without its password, for messages.
std::string Redacted(const std::string& uri) {
  const size_t scheme = uri.find("://");
  const size_t at = uri.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return uri;
  const size_t colon = uri.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return uri;
  return uri.substr(0, colon) + ":***" + uri.substr(at);
}

}  // namespace

Result<std::unique_ptr<Connection>> ConnectPostgres(const std::string& uri, int lock_timeout_ms) {
  try {
    auto connection = std::make_unique<pqxx::connection>(uri);
    auto result = std::make_unique<PostgresConnection>(std::move(connection), Redacted(uri));
    // Quiet NOTICEs ("relation already exists, skipping") from the schema's IF NOT EXISTS.
    result->Exec("SET client_min_messages TO WARNING; SET lock_timeout = " +
                 std::to_string(std::max(lock_timeout_ms, 1)));
    if (!result->status().ok()) return result->status();
    return std::unique_ptr<Connection>(std::move(result));
  } catch (const std::exception& e) {
    std::string what = e.what();
    while (!what.empty() && what.back() == '\n') what.pop_back();
    return Status::Error(Redacted(uri) + ": cannot connect: " + what);
  }
}

}  // namespace frontline::store
