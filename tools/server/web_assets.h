// The dashboard's files (web/), compiled into the binary by the build (cmake/embed.cmake), so
// `careergraph serve` answers / with a working page offline. The page is a client of the
// public /v1 API like any other; nothing here runs on the /v1 request path.
#pragma once

#include <string_view>

namespace careergraph::server {

struct WebAsset {
  std::string_view path;          // "/", "/app.js", ...
  std::string_view content_type;
  std::string_view body;
};

// The asset served at `path`, or null.
const WebAsset* FindWebAsset(std::string_view path);

}  // namespace careergraph::server
