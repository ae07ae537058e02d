#include "tools/server/web_assets.h"

#include <array>

namespace careergraph::server {

// Defined by the generated translation units (see CMakeLists.txt).
extern const std::string_view kWebIndexHtml;
extern const std::string_view kWebAppJs;
extern const std::string_view kWebAppCss;

const WebAsset* FindWebAsset(std::string_view path) {
  static const std::array<WebAsset, 4> kAssets = {{
      {"/", "text/html; charset=utf-8", kWebIndexHtml},
      {"/index.html", "text/html; charset=utf-8", kWebIndexHtml},
      {"/app.js", "text/javascript; charset=utf-8", kWebAppJs},
      {"/app.css", "text/css; charset=utf-8", kWebAppCss},
  }};
  for (const auto& a : kAssets)
    if (a.path == path) return &a;
  return nullptr;
}

}  // namespace careergraph::server
