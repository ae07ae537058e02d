// careergraph: career-path questions over a graph of positions.
#include <iostream>
#include <string>

#include "engine/position_index.h"

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
  // Name an unknown command (CLI11 would only say that one is required).
  if (argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    std::string closest;
    std::size_t best = 3;
    bool known = false;
    for (const auto& spec : careergraph::cli::Commands()) {
      known |= spec.name == word;
      const std::size_t d = careergraph::EditDistance(word, spec.name);
      if (d < best) best = d, closest = spec.name;
    }
    if (!known) {
      std::cerr << "careergraph: error: unknown command '" << word << "'"
                << (closest.empty() ? "" : "; did you mean '" + closest + "'?")
                << "\nRun 'careergraph --help' for the list of commands.\n";
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; every usage error exits 2, like an invalid request.
    return app.exit(e) == 0 ? 0 : 2;
  }
  return run ? run() : 0;
}
