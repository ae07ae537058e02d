// A fast path for reading request bodies in protobuf's JSON mapping.
//
// Why: protobuf 3.21 parses JSON through a type resolver into binary and then parses that;
// for a two-field route request this cost three times the route search. Requests are small
// and plain, so this parser reads the plain subset directly into the message by reflection
// and declines everything else, leaving it to protobuf's parser (which also writes the
// error messages): it never decides that a body is invalid, only that it is simple.
//
// The subset: objects whose keys name fields (JSON or proto name, each at most once);
// strings of printable ASCII with the escapes \" \\ \/ \b \f \n \r \t; numbers in JSON's
// grammar (integers only for integer fields, within range); true / false; enum values in
// any spelling engine/choices.h accepts (protobuf's parser knows only the exact name, so for
// enums this parser is the one that decides, and names an unknown value); arrays for repeated fields; nested objects for message fields. Declined: null,
// \u escapes, non-ASCII text, quoted numbers, enum numbers, "NaN" / "Infinity", negative
// zero (protobuf reads "-0" as +0), bytes,
// floats, maps, well-known types, unknown keys, nesting deeper than 32.
// tests/server_test.cc checks that whatever it accepts, protobuf's parser accepts and
// reads to the same message.
#pragma once

#include <string_view>

#include <google/protobuf/message.h>

#include "engine/status.h"

namespace careergraph::server {

// Reads `body` into `msg` (which must be empty); false, with `msg` unspecified, when the
// body is outside the subset. An enum value no spelling matches also sets `*error` (when
// given) to the INVALID_ARGUMENT that lists the valid values.
bool ParseJsonFast(std::string_view body, google::protobuf::Message* msg, Status* error = nullptr);

}  // namespace careergraph::server
