// Status and Result<T>: expected failures as values.
//
// Bad input, a missing file, a malformed line: these are not programmer errors, so they travel
// as values rather than exceptions. A Status is either ok or carries a message that says what
// went wrong; the caller that knows the input's name and line prefixes it ("feed.jsonl:12: ...").
// Exceptions are reserved for programmer errors and the outermost CLI boundary.
#ifndef FRONTLINE_STATUS_STATUS_H_
#define FRONTLINE_STATUS_STATUS_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace frontline {

class Status {
 public:
  // An ok status.
  Status() = default;

  static Status Ok() { return Status(); }
  // A failure described by `message` (what went wrong, including any byte offset).
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return !message_.has_value(); }
  // The failure's message; empty when ok().
  const std::string& message() const;

 private:
  explicit Status(std::string message) : message_(std::move(message)) {}
  std::optional<std::string> message_;
};

// Either a value of type T or a failed Status. Access value() only when ok().
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  // The failure; an ok Status when the result holds a value.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace frontline

#endif  // FRONTLINE_STATUS_STATUS_H_
