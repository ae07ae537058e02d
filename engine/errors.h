// The error-code registry: one table maps each careergraph.v1.ErrorCode to its name, its
// HTTP status and the CLI's exit code, so the server and the CLI can never disagree
// (Valhalla keeps the same kind of table in src/exceptions.cc).
#pragma once

#include <string_view>

#include "careergraph/v1/error.pb.h"

namespace careergraph {

struct ErrorInfo {
  v1::ErrorCode code;
  std::string_view name;  // stable, lower-case, used in logs and metrics
  int http_status;
  int exit_code;          // CLI exit code; 0 is success; usage errors share INVALID_ARGUMENT's 2
};

// Never null: unknown codes map to the INTERNAL entry.
const ErrorInfo& LookupError(v1::ErrorCode code);

}  // namespace careergraph
