// careergraph: career-path questions over a graph of positions.
#include <iostream>

#include <CLI/CLI.hpp>

#include "tools/cli/command.h"

int main(int argc, char** argv) {
  CLI::App app{
      "careergraph: routes, plans and analytics over career-path graphs.\n"
      "Positions (a role at a level in an org) are nodes; transitions (promotion, lateral move,\n"
      "track switch, change of org) are edges with expected years and success probability.\n"
      "Every query runs on the embedded reference ladder unless --graph names another.\n"
      "Example: careergraph route --from \"Staff Software Engineer\" --to \"Director of Product\"",
      "careergraph"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "careergraph 0.1.0");
  careergraph::cli::RunFn run;
  for (const auto& spec : careergraph::cli::Commands()) {
    CLI::App* sub = app.add_subcommand(spec.name, spec.description);
    auto fn = spec.setup(*sub);
    sub->callback([&run, fn] { run = fn; });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return run ? run() : 0;
}
