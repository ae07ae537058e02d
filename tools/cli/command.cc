#include "tools/cli/command.h"

#include <algorithm>
#include <iostream>

#include "engine/errors.h"

namespace careergraph::cli {

static std::vector<CommandSpec>& Registry() {
  static std::vector<CommandSpec> r;
  return r;
}

bool RegisterCommand(CommandSpec spec) {
  auto& r = Registry();
  r.push_back(std::move(spec));
  std::stable_sort(r.begin(), r.end(), [](const CommandSpec& a, const CommandSpec& b) { return a.order < b.order; });
  return true;
}

const std::vector<CommandSpec>& Commands() { return Registry(); }

int ReportError(const Status& st) {
  std::cerr << "careergraph: error: " << st.ToString() << "\n";
  const auto& info = LookupError(st.code());
  return info.exit_code;
}

}  // namespace careergraph::cli
