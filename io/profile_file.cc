#include "io/profile_file.h"

#include <cmath>

#include <yaml-cpp/yaml.h>

#include "io/atomic_file.h"
#include "io/number_parse.h"
#include "io/text_encoding.h"

namespace careergraph::io {
namespace {

unsigned LineOf(const YAML::Node& n) { return n.Mark().line >= 0 ? static_cast<unsigned>(n.Mark().line) + 1 : 0; }

Status Bad(const std::string& path, unsigned line, const std::string& what) {
  return Status::InvalidArgument(path + ":" + std::to_string(line) + ": " + what);
}

}  // namespace

StatusOr<std::vector<HeldLevel>> ReadProfileFile(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  if (auto bad = CheckUtf8Text(*text)) return Bad(path, bad->line, bad->message);
  YAML::Node root;
  try {
    root = YAML::Load(*text);
  } catch (const YAML::Exception& e) {
    return Bad(path, e.mark.line >= 0 ? static_cast<unsigned>(e.mark.line) + 1 : 0, e.msg);
  }
  if (!root.IsMap() || root.size() == 0)
    return Bad(path, root.IsDefined() ? LineOf(root) : 1,
               "a profile is a mapping from competency to level, one per line, e.g. 'system_design: 4'");
  std::vector<HeldLevel> out;
  for (auto it = root.begin(); it != root.end(); ++it) {
    const unsigned line = LineOf(it->first);
    if (!it->first.IsScalar() || it->first.Scalar().empty())
      return Bad(path, line, "a competency must be named by its id, e.g. 'system_design: 4'");
    const std::string id = it->first.Scalar();
    for (const auto& seen : out)
      if (seen.competency == id)
        return Bad(path, line, "'" + id + "' is given twice (first on line " + std::to_string(seen.line) + ")");
    double level = 0;
    if (!it->second.IsScalar() || !ParseDouble(it->second.Scalar(), &level) || !std::isfinite(level))
      return Bad(path, LineOf(it->second),
                 "level of '" + id + "' is not a number" +
                     (it->second.IsScalar() ? " ('" + it->second.Scalar() + "')" : std::string()) + "; write e.g. 3 or 2.5");
    out.push_back({id, level, line});
  }
  return out;
}

}  // namespace careergraph::io
