// careergraph build: ladder sources (CSV, YAML, protobuf) -> one validated snapshot file.
//
// What is written is the engine graph's own snapshot (CareerGraph::ToSnapshot), so loading
// the file gives exactly the graph that was built; binary uses the columnar transition
// table, which loads an order of magnitude faster. Nothing is written when the input has
// errors; the written file is read back and loaded before it atomically replaces the target,
// so a failed build never damages an old one and never installs one that cannot be loaded.
#include <filesystem>
#include <iostream>

#include <google/protobuf/text_format.h>

#include "engine/career_graph.h"
#include "io/atomic_file.h"
#include "io/finding.h"
#include "io/load.h"
#include "io/proto_reader.h"
#include "io/validate.h"
#include "render/text.h"
#include "tools/cli/command.h"
#include "tools/cli/output.h"

namespace careergraph::cli {
namespace {

// The snapshot format: --format, else from the output's extension, else binary.
std::string FormatFor(const std::string& format, const std::string& output) {
  if (!format.empty()) return format;
  const std::string ext = ToLower(std::filesystem::path(output).extension().string());
  if (ext == ".json") return "json";
  if (ext == ".textproto" || ext == ".txtpb" || ext == ".pbtxt") return "textproto";
  return "pb";
}

RunFn SetupBuild(CLI::App& sub) {
  struct State {
    std::vector<std::string> inputs;
    std::string output;
    std::string format;
  };
  auto st = std::make_shared<State>();
  sub.add_option("inputs", st->inputs, "Ladder files or directories (.csv .tsv .yaml .yml .json .pb .textproto ...)")
      ->required();
  sub.add_option("-o,--output", st->output, "Snapshot file to write (replaced atomically)")->required();
  sub.add_option("--format,-f", st->format,
                 "Snapshot format: pb (binary, columnar), json or textproto; default: from the output's "
                 "extension, else pb")
      ->check(CLI::IsMember({"pb", "json", "textproto"}));
  sub.footer(
      "Reads and validates every input (see 'careergraph validate'), merges them into one graph and\n"
      "writes it as a careergraph.v1.Graph snapshot. Refuses, writing nothing, when there are errors.\n"
      "Example: careergraph build ladders/ -o graph.pb && careergraph route --graph graph.pb ...");
  return [st]() -> int {
    io::LoadResult loaded = io::LoadLadders(st->inputs);
    std::size_t errors = 0, warnings = 0;
    for (const auto& f : loaded.findings) {
      std::cerr << io::FormatFinding(f) << "\n";
      (f.severity() == v1::ERROR ? errors : warnings) += 1;
    }
    const auto counts = render::Counted(errors, "error") + ", " + render::Counted(warnings, "warning");
    if (errors > 0)
      return ReportError(Status::InvalidData(counts + " in the input; " + st->output +
                                             " was not written (fix the errors listed above)"));
    auto built = CareerGraph::Build(std::move(loaded.graph));
    if (!built.ok()) return ReportError(built.status());
    const CareerGraph& g = **built;
    const std::string format = FormatFor(st->format, st->output);
    const v1::Graph snapshot = g.ToSnapshot(/*columnar=*/format == "pb");
    std::string bytes;
    if (format == "json") {
      bytes = ToJson(snapshot) + "\n";
    } else if (format == "textproto") {
      google::protobuf::TextFormat::PrintToString(snapshot, &bytes);
    } else if (!snapshot.SerializeToString(&bytes)) {
      return ReportError(Status::Internal("could not serialise the snapshot"));
    }
    // Read the written file back before it replaces the target: a snapshot that cannot be
    // loaded is never installed.
    const io::ProtoFormat proto_format = format == "json"         ? io::ProtoFormat::kJson
                                         : format == "textproto" ? io::ProtoFormat::kText
                                                                 : io::ProtoFormat::kBinary;
    auto read_back = [&](const std::string& written) -> Status {
      auto text = io::ReadFile(written);
      if (!text.ok()) return text.status();
      io::LadderPart back = io::ReadProtoLadder(*text, st->output, proto_format);
      for (const auto& f : back.findings)
        if (f.severity() == v1::ERROR)
          return Status::Internal("the snapshot written for " + st->output + " does not read back (" + f.message() +
                                  "); nothing was written")
              .WithField("output");
      auto rebuilt = CareerGraph::Build(std::move(back.graph));
      if (!rebuilt.ok())
        return Status::Internal("the snapshot written for " + st->output + " does not load (" +
                                rebuilt.status().message() + "); nothing was written")
            .WithField("output");
      return Status::Ok();
    };
    if (Status w = io::WriteFileAtomic(st->output, bytes, read_back); !w.ok()) return ReportError(w);
    std::cerr << "wrote " << st->output << ": " << render::Counted(g.num_positions(), "position") << ", "
              << render::Counted(g.num_transitions(), "transition") << ", " << counts << "\n";
    return 0;
  };
}

const bool kBuildRegistered =
    RegisterCommand({"build", "Validate ladder files and write one graph snapshot (.pb, .json, .textproto)", 60, SetupBuild});

}  // namespace
}  // namespace careergraph::cli
