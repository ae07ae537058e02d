// Messages on the wire: choosing the format from Content-Type / Accept, parsing request
// bodies and query strings into request messages, and serialising responses.
//
// Design choices:
//  - JSON is protobuf's own JSON mapping (lowerCamelCase names on output, either spelling
//    on input), printed with the same options as the CLI's --format json, so the server and
//    the CLI give the same message for the same question.
//  - Strict input: an unknown field is an error naming the field (and the closest known
//    names), in JSON and in binary alike. A client sending a constraint this server does not
//    know would otherwise get an answer that silently ignores it.
//  - GET endpoints take their request message from the query string: each parameter names
//    a scalar field (proto or JSON name); a repeated field may be given several times.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <google/protobuf/message.h>

#include "engine/status.h"

namespace careergraph::server {

enum class WireFormat { kJson, kProtobuf };

inline constexpr std::string_view kJsonType = "application/json";
inline constexpr std::string_view kProtobufType = "application/x-protobuf";

// Content-Type of a request body: empty or application/json -> JSON; application/x-protobuf
// (or application/protobuf) -> binary; anything else is INVALID_ARGUMENT naming the header.
StatusOr<WireFormat> BodyFormat(std::string_view content_type);

// The response format an Accept header asks for: binary when it names a protobuf type
// ahead of JSON, JSON otherwise (including when it names neither).
WireFormat ResponseFormat(std::string_view accept);

std::string_view ContentType(WireFormat f);

// Parses `body` into `msg` (cleared first). Errors are INVALID_ARGUMENT with the field at
// fault and suggestions for misspelt field names.
Status ParseBody(std::string_view body, WireFormat format, google::protobuf::Message* msg);

// Sets fields of `msg` from decoded query parameters.
Status ParseQuery(const std::vector<std::pair<std::string, std::string>>& params, google::protobuf::Message* msg);

// Compact JSON (the CLI's mapping without the indentation) or binary.
std::string Serialize(const google::protobuf::Message& msg, WireFormat format);

// "a=1&b=x%20y" -> {{"a","1"},{"b","x y"}} ('+' is a space). Malformed escapes are kept as
// they are.
std::vector<std::pair<std::string, std::string>> ParseQueryString(std::string_view query);
std::string PercentDecode(std::string_view s, bool plus_is_space);

}  // namespace careergraph::server
