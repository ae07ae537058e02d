// careergraph import onet: the O*NET database and BLS OEWS wages -> one graph snapshot.
//
// The mapping lives in io/onet_import.h; this file only turns flags into options, runs the
// import and writes the snapshot (atomically, so a failed import never damages an old one).
// Binary output is the same deterministic columnar snapshot data/onet/graph.pb is shipped as.
#include <filesystem>
#include <iostream>

#include <google/protobuf/text_format.h>

#include "engine/career_graph.h"
#include "engine/position_index.h"
#include "io/atomic_file.h"
#include "io/onet_import.h"
#include "tools/cli/command.h"
#include "tools/cli/output.h"

namespace careergraph::cli {
namespace {

RunFn SetupImport(CLI::App& sub) {
  struct State {
    io::OnetImportOptions options;
    std::string output;
    bool quiet = false;
  };
  auto st = std::make_shared<State>();
  sub.require_subcommand(1);
  CLI::App* onet = sub.add_subcommand("onet", "O*NET occupations and related occupations, with BLS OEWS wages");
  onet->add_option("--onet-dir", st->options.onet_dir,
                   "Folder of O*NET database text files (.txt or .tsv), in the 29.x or 30.x column layout: "
                   "Occupation Data, Related Occupations, Job Zones and Work Styles (required); Education, "
                   "Training, and Experience and Skills (optional)")
      ->required();
  onet->add_option("--wages", st->options.wages,
                   "BLS OEWS national wages, tab-separated (OCC_CODE, A_MEDIAN, ...); without it pay is unknown");
  onet->add_option("--context", st->options.context_dir,
                   "Folder with a work-context table holding 'Structured versus Unstructured Work' and the "
                   "O*NET-SOC 2010 to 2019 crosswalk (ambiguity); without it ambiguity comes from proxies");
  onet->add_option("--activities", st->options.activities,
                   "Work Activities importance file (leadership: Guiding, Directing, and Motivating Subordinates; "
                   "Coordinating the Work and Activities of Others)");
  onet->add_option("--top-code", st->options.top_code,
                   "Annual wage a top-coded ('#') median stands for; default: read from field_descriptions.txt "
                   "beside the wages file")
      ->check(CLI::Range(1.0, 1e9));
  onet->add_option("-o,--output", st->output,
                   "Snapshot to write (replaced atomically): .pb (default), .json or .textproto")
      ->required();
  onet->add_flag("-q,--quiet", st->quiet,
                 "Print only the notes on absent inputs and what was used instead, not the import summary");
  onet->footer(
      "Positions are occupations (id = O*NET-SOC code), transitions O*NET's related occupations. How pay,\n"
      "ambiguity, leadership, level, track, years and probability are derived: data/onet/README.md.\n"
      "Every imputed value is tagged on its position (e.g. pay:top-coded, ambiguity:imputed-from:proxies),\n"
      "and the summary names each optional input that was absent and what was used instead.\n"
      "Example (the shipped graph): scripts/build_onet.sh, or\n"
      "  careergraph import onet --onet-dir ../shared/data/onet-29.3 \\\n"
      "    --wages ../shared/data/bls-oews-2024-national/national_M2024.tsv \\\n"
      "    --context ../shared/data/onet-18.1-legacy-context \\\n"
      "    --activities ../shared/data/onet-30.0-work-activities/work_activities.tsv -o data/onet/graph.pb");
  return [st]() -> int {
    auto imported = io::ImportOnet(st->options);
    if (!imported.ok()) return ReportError(imported.status());
    const std::string ext = ToLower(std::filesystem::path(st->output).extension().string());
    std::string bytes;
    if (ext == ".json" || ext == ".textproto" || ext == ".txtpb" || ext == ".pbtxt") {
      // Text forms go through the engine graph too, so every form holds the same graph.
      auto built = CareerGraph::Build(imported->graph);
      if (!built.ok()) return ReportError(built.status());
      const v1::Graph snapshot = (*built)->ToSnapshot(/*columnar=*/false);
      if (ext == ".json") bytes = ToJson(snapshot) + "\n";
      else google::protobuf::TextFormat::PrintToString(snapshot, &bytes);
    } else {
      auto encoded = io::EncodeOnetSnapshot(imported->graph);
      if (!encoded.ok()) return ReportError(encoded.status());
      bytes = std::move(*encoded);
    }
    if (Status w = io::WriteFileAtomic(st->output, bytes); !w.ok()) return ReportError(w);
    if (!st->quiet)
      std::cerr << imported->report.Summary() << "wrote " << st->output << " (" << bytes.size() << " bytes)\n";
    else  // an absent input changes what the graph holds: never silent
      for (const auto& note : imported->report.notes) std::cerr << "careergraph: note: " << note << "\n";
    return 0;
  };
}

const bool kImportRegistered =
    RegisterCommand({"import", "Import a public dataset as a graph snapshot (onet: O*NET + BLS wages)", 65, SetupImport});

}  // namespace
}  // namespace careergraph::cli
