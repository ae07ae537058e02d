// careergraph::Result<T>: what every facade call returns, the response message or the
// structured careergraph.v1.Error (code, message, field, file:line, suggestions).
//
// Design choices: errors are values, never exceptions, as across the engine (engine/status.h);
// the error is the wire message itself, so an embedder logs, serialises or forwards it as the
// HTTP server does without a translation table of its own. Only std and the generated
// protobuf headers are included: this file is installed.
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "careergraph/v1/error.pb.h"

namespace careergraph {

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}            // NOLINT: implicit by design
  Result(v1::Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT
  // Result<v1::Error> would be ambiguous; no query answers with an Error.
  static_assert(!std::is_same_v<T, v1::Error>);

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // The response; only when ok().
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T& value() & { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // The error; only when !ok(). Its code is never ERROR_CODE_UNSPECIFIED.
  const v1::Error& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, v1::Error> v_;
};

}  // namespace careergraph
