#include "tools/cli/command.h"

#include <algorithm>
#include <iostream>

#include "engine/errors.h"
#include "tools/cli/output.h"
#include "tools/cli/request_flags.h"

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

static std::string& ErrorFormat() {
  static std::string f = "table";
  return f;
}

void SetErrorFormat(const std::string& format) { ErrorFormat() = format; }

int ExitCode(const Status& st) { return LookupError(st.code()).exit_code; }

int ReportError(const Status& st) {
  const auto& info = LookupError(st.code());
  const std::string& format = ErrorFormat();
  if (format == "json" || format == "textproto" || format == "pb") {
    // The same careergraph.v1.Error an HTTP client gets, field paths and all.
    std::cout << Render(st.ToProto(), format, [] { return std::string(); });
    if (format == "json") std::cout << "\n";
    std::cout.flush();
    return info.exit_code;
  }
  if (!st.file().empty()) {
    // An error in a ladder file: its field is the file's ("to" of a transition row), not a
    // flag of the command line.
    std::cerr << "careergraph: error: " << st.ToString() << "\n";
    return info.exit_code;
  }
  Status shown(st.code(), SpellFieldsAsFlags(st.message()));
  // The field is named in front unless the message already names its flag.
  if (const std::string flag = FlagForField(st.field()); !flag.empty() && shown.message().find(flag) == std::string::npos)
    shown.WithField(flag);
  std::cerr << "careergraph: error: " << shown.ToString() << "\n";
  return info.exit_code;
}

const Limits& CliLimits() {
  static const Limits limits = [] {
    Limits l;
    l.route.build_landmarks = false;
    l.tradeoffs.build_landmarks = false;
    return l;
  }();
  return limits;
}

}  // namespace careergraph::cli
