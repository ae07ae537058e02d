// A fast printer for protobuf's JSON mapping, byte for byte what
// google::protobuf::util::MessageToJsonString prints without whitespace and with
// lowerCamelCase names (the CLI's options), for the messages this API answers with.
//
// Why: protobuf 3.21 prints JSON by serialising to binary and walking that through a type
// resolver, with two printf calls and a strtod per double; for a route response that was
// four fifths of the server's time per request. This printer walks the message by
// reflection and formats doubles with protobuf's own rule (%.15g, or %.17g when that does
// not read back) through std::to_chars.
//
// What it reproduces: fields in field-number order, present fields only (proto3 defaults
// are omitted, as protobuf omits them), 64-bit integers as strings, enums by name (by
// number when unknown), non-finite doubles as "NaN" / "Infinity" / "-Infinity", and
// protobuf's escaping of ASCII ('"', '\\', control characters, '<', '>', DEL).
// What it declines, returning false so the caller uses protobuf's printer: map fields,
// bytes, floats, well-known types (google.protobuf.*) and any string with a non-ASCII byte (whose
// escaping rules for format characters and invalid UTF-8 it does not copy).
// tests/server_test.cc checks its output against protobuf's on every response type.
#pragma once

#include <string>

#include <google/protobuf/message.h>

namespace careergraph::server {

// Appends `msg` as compact JSON to `out`; false (and `out` unspecified) when declined.
bool PrintJsonFast(const google::protobuf::Message& msg, std::string* out);

}  // namespace careergraph::server
