// Files are written atomically: to a temporary file in the same directory, flushed, then
// renamed over the target, so a failure never leaves a half-written output behind.
#pragma once

#include <string>
#include <string_view>

#include "engine/status.h"

namespace careergraph::io {

Status WriteFileAtomic(const std::string& path, std::string_view bytes);
StatusOr<std::string> ReadFile(const std::string& path);

}  // namespace careergraph::io
