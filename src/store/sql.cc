#include "store/sql.h"

namespace frontline::store {

Result<std::unique_ptr<Connection>> ConnectSqlite(const std::string& path, int busy_timeout_ms);
Result<std::unique_ptr<Connection>> ConnectPostgres(const std::string& uri, int lock_timeout_ms);

Value TextOrNull(std::string_view text) {
  if (text.empty()) return nullptr;
  return std::string(text);
}

Statement& Connection::Prepare(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found != statements_.end()) return *found->second;
  bool prepared = false;
  std::unique_ptr<Statement> statement = Compile(sql, prepared);
  Statement& result = *statement;
  if (prepared) {
    statements_.emplace(std::string(sql), std::move(statement));
  } else {
    failed_.push_back(std::move(statement));
  }
  return result;
}

int64_t Connection::QueryInt(std::string_view sql, const std::vector<Value>& values,
                             int64_t fallback) {
  Statement& statement = Prepare(sql).Bind(values);
  int64_t result = fallback;
  if (statement.Next()) result = statement.IsNull(0) ? fallback : statement.Int(0);
  while (statement.Next()) {
  }
  return result;
}

bool IsPostgresTarget(std::string_view target) {
  return target.starts_with("postgresql://") || target.starts_with("postgres://");
}

Result<std::unique_ptr<Connection>> Connect(const std::string& target, int busy_timeout_ms) {
  if (target.empty()) return Status::Error("no database given (--db PATH or postgresql://...)");
  if (IsPostgresTarget(target)) return ConnectPostgres(target, busy_timeout_ms);
  return ConnectSqlite(target, busy_timeout_ms);
}

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  char quote = 0;
  for (const char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(next++);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace frontline::store
