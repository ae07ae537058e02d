#include "engine/errors.h"

#include <array>

#include "engine/status.h"

namespace careergraph {
namespace {

constexpr std::array<ErrorInfo, 12> kRegistry = {{
    {v1::ERROR_CODE_UNSPECIFIED, "ok", 200, 0},
    {v1::INVALID_ARGUMENT, "invalid_argument", 400, 2},
    {v1::NOT_FOUND, "not_found", 404, 3},
    {v1::NO_ROUTE, "no_route", 422, 4},
    {v1::INVALID_DATA, "invalid_data", 400, 5},
    {v1::TOO_LARGE, "too_large", 413, 6},
    {v1::OVERLOADED, "overloaded", 503, 7},
    {v1::DEADLINE_EXCEEDED, "deadline_exceeded", 504, 8},
    {v1::FAILED_PRECONDITION, "failed_precondition", 403, 9},
    {v1::UNAUTHENTICATED, "unauthenticated", 401, 10},
    {v1::INTERNAL, "internal", 500, 11},
    {v1::IO_ERROR, "io_error", 500, 12},
}};

}  // namespace

const ErrorInfo& LookupError(v1::ErrorCode code) {
  for (const auto& e : kRegistry)
    if (e.code == code) return e;
  return kRegistry[10];
}

v1::Error Status::ToProto() const {
  v1::Error e;
  e.set_code(code_);
  e.set_message(message_);
  e.set_field(field_);
  e.set_file(file_);
  e.set_line(line_);
  for (const auto& s : suggestions_) e.add_suggestions(s);
  return e;
}

Status Status::FromProto(const v1::Error& e) {
  Status s(e.code(), e.message());
  s.field_ = e.field();
  s.file_ = e.file();
  s.line_ = e.line();
  s.suggestions_.assign(e.suggestions().begin(), e.suggestions().end());
  return s;
}

std::string Status::ToString() const {
  std::string out;
  if (!file_.empty()) {
    out += file_;
    if (line_) out += ":" + std::to_string(line_);
    out += ": ";
  }
  if (!field_.empty()) out += field_ + ": ";
  out += message_;
  return out;
}

}  // namespace careergraph
