// careergraph validate: every problem in a set of ladder files, with file:line and the fix.
#include <iostream>

#include "engine/errors.h"
#include "io/finding.h"
#include "io/load.h"
#include "io/validate.h"
#include "render/text.h"
#include "tools/cli/command.h"
#include "tools/cli/output.h"

namespace careergraph::cli {
namespace {

std::string Table(const v1::ValidationReport& r) {
  std::string out;
  for (const auto& f : r.findings()) out += io::FormatFinding(f) + "\n";
  out += render::Counted(r.positions(), "position") + ", " + render::Counted(r.transitions(), "transition") + ": " +
         render::Counted(r.errors(), "error") + ", " + render::Counted(r.warnings(), "warning") + "\n";
  return out;
}

RunFn SetupValidate(CLI::App& sub) {
  struct State {
    std::vector<std::string> inputs;
    OutputOptions out;
    bool strict = false;
  };
  auto st = std::make_shared<State>();
  sub.add_option("inputs", st->inputs, "Ladder files or directories (.csv .tsv .yaml .yml .json .pb .textproto ...)")
      ->required();
  AddOutputOptions(sub, &st->out);
  sub.add_flag("--strict", st->strict, "Fail on warnings too");
  sub.footer(
      "Prints each finding as 'file:line: severity: field: message [code]', then a summary; json,\n"
      "textproto and pb print the careergraph.v1.ValidationReport. Exits 0 when there are no errors\n"
      "(and, with --strict, no warnings); otherwise with the invalid-data exit code.\n"
      "Example: careergraph validate nodes.tsv edges.tsv");
  return [st]() -> int {
    io::LoadResult loaded = io::LoadLadders(st->inputs);
    const v1::ValidationReport report = io::MakeReport(loaded.graph, loaded.findings);
    if (int rc = EmitMessage(st->out, report, [&] { return Table(report); })) return rc;
    if (report.errors() > 0 || (st->strict && report.warnings() > 0)) {
      Status failed = Status::InvalidData(render::Counted(report.errors(), "error") + ", " +
                                          render::Counted(report.warnings(), "warning") +
                                          (report.errors() == 0 ? " (--strict fails on warnings)" : ""));
      // The report is the answer; as a message it already says all of this.
      return st->out.format == "table" ? ReportError(failed) : ExitCode(failed);
    }
    return 0;
  };
}

const bool kValidateRegistered =
    RegisterCommand({"validate", "Check ladder files and list every problem with file:line and the fix", 61, SetupValidate});

}  // namespace
}  // namespace careergraph::cli
