// A person's competency levels kept in a file, for `--have @FILE` (what you hold, as the
// request's `have` map): one YAML mapping from competency id to level.
//
//   # me.yaml
//   system_design: 4
//   strategy: 2.5
//
// The file is text in UTF-8; every problem is reported as FILE:LINE with the competency it
// concerns. Whether the ids and levels fit the graph's catalogue is the query's to check, as
// for levels given on the command line.
#pragma once

#include <string>
#include <vector>

#include "engine/status.h"

namespace careergraph::io {

struct HeldLevel {
  std::string competency;
  double level = 0;
  unsigned line = 0;  // 1-based line of the entry in its file
};

StatusOr<std::vector<HeldLevel>> ReadProfileFile(const std::string& path);

}  // namespace careergraph::io
