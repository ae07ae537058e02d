// Status and StatusOr: how every engine entry point reports failure.
//
// Design choices: errors cross the API as values, never exceptions (LevelDB's Status,
// absl::StatusOr). A Status carries the same fields as the wire message
// careergraph.v1.Error so front ends render it without translation: a code from the
// registry in errors.h, a message that names the bad input and the fix, and where known
// the field, file and line at fault, plus "did you mean" suggestions.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "careergraph/v1/error.pb.h"

namespace careergraph {

using ErrorCode = v1::ErrorCode;

class Status {
 public:
  Status() = default;  // OK
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {v1::INVALID_ARGUMENT, std::move(m)}; }
  static Status NotFound(std::string m) { return {v1::NOT_FOUND, std::move(m)}; }
  static Status NoRoute(std::string m) { return {v1::NO_ROUTE, std::move(m)}; }
  static Status InvalidData(std::string m) { return {v1::INVALID_DATA, std::move(m)}; }
  static Status TooLarge(std::string m) { return {v1::TOO_LARGE, std::move(m)}; }
  static Status Io(std::string m) { return {v1::IO_ERROR, std::move(m)}; }
  static Status Internal(std::string m) { return {v1::INTERNAL, std::move(m)}; }

  bool ok() const { return code_ == v1::ERROR_CODE_UNSPECIFIED; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  const std::string& file() const { return file_; }
  unsigned line() const { return line_; }
  const std::vector<std::string>& suggestions() const { return suggestions_; }

  Status& WithField(std::string f) & { field_ = std::move(f); return *this; }
  Status&& WithField(std::string f) && { field_ = std::move(f); return std::move(*this); }
  Status& WithLocation(std::string file, unsigned line) & { file_ = std::move(file); line_ = line; return *this; }
  Status&& WithLocation(std::string file, unsigned line) && { file_ = std::move(file); line_ = line; return std::move(*this); }
  Status&& WithSuggestions(std::vector<std::string> s) && { suggestions_ = std::move(s); return std::move(*this); }

  v1::Error ToProto() const;
  static Status FromProto(const v1::Error& e);
  // "file:line: field: message" (the parts that are known).
  std::string ToString() const;

 private:
  ErrorCode code_ = v1::ERROR_CODE_UNSPECIFIED;
  std::string message_;
  std::string field_;
  std::string file_;
  unsigned line_ = 0;
  std::vector<std::string> suggestions_;
};

template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).ok()); }  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

#define CAREERGRAPH_RETURN_IF_ERROR(expr)        \
  do {                                           \
    ::careergraph::Status _st = (expr);          \
    if (!_st.ok()) return _st;                   \
  } while (0)

}  // namespace careergraph
