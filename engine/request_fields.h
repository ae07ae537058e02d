// Request fields by path: how the front ends that speak in text (CLI flags, the HTTP query
// string) fill a request message without a parser of their own.
//
// A path names a field from the request down ("from", "constraints.max_moves",
// "weights.risk"), by proto or JSON name. Scalars are parsed strictly (a whole number for
// integer fields, no negative values for unsigned ones, a finite number for doubles); enum
// values go through the Choices registry; a repeated field gets one element per call.
// Errors are INVALID_ARGUMENT naming the path.
#pragma once

#include <string>
#include <string_view>

#include <google/protobuf/message.h>

#include "engine/status.h"

namespace careergraph {

// `error_path` names the value in errors when it is not `path` itself ("avoid_kinds[1]" for
// the second element of a repeated field).
Status SetFieldText(google::protobuf::Message* msg, std::string_view path, std::string_view text,
                    std::string_view error_path = {});

// The field descriptor at `path` below `type`, or null.
const google::protobuf::FieldDescriptor* FieldAtPath(const google::protobuf::Descriptor* type, std::string_view path);

}  // namespace careergraph
