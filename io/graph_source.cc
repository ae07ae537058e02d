#include "io/graph_source.h"


#include <dlfcn.h>
#include <link.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "engine/position_index.h"
#include "io/binary_snapshot.h"
#include "io/csv_snapshot.h"
#include "io/default_ladder.h"
#include "io/load.h"

namespace careergraph::io {
namespace {

namespace fs = std::filesystem;

// A graph opened once per process: the snapshot, the built engine graph or why it failed.
struct Opened {
  v1::Graph snapshot;
  Status status;
  GraphPtr graph;
};

// `keep_snapshot`: keep a copy of the snapshot (the default ladder's, for DefaultLadder()).
// `name`: the input, named by an error Build finds (the io checks name their own files).
Opened Open(LoadResult loaded, bool keep_snapshot = false, const std::string& name = "") {
  Opened o;
  o.status = loaded.FirstError();
  if (keep_snapshot) o.snapshot = loaded.graph;
  if (!o.status.ok()) return o;
  auto built = CareerGraph::Build(std::move(loaded.graph));
  if (!built.ok()) {
    o.status = built.status();
    if (o.status.file().empty()) o.status.WithLocation(name, 0);
  } else {
    o.graph = *built;
  }
  return o;
}

// A binary snapshot (.pb .binpb) straight through io/binary_snapshot.h, when it is one the
// general path would accept without an error: CareerGraph::Build checks everything the
// io layer rejects except a transition without a kind, checked here. On any problem this
// returns nothing and the caller takes the general path, which reports it exactly as
// `careergraph validate` does. Warnings are not computed on either path: a query never
// shows them (`careergraph validate` and `build` do).
std::optional<GraphPtr> OpenBinarySnapshot(const std::string& path) {
  const std::string ext = ToLower(fs::path(path).extension().string());
  std::error_code ec;
  if ((ext != ".pb" && ext != ".binpb") || !fs::is_regular_file(path, ec)) return std::nullopt;
  StatusOr<SnapshotParts> parts = [&]() -> StatusOr<SnapshotParts> {
    auto file = MappedFile::Open(path);
    if (!file.ok()) return file.status();
    return DecodeBinarySnapshot(file->bytes());
  }();
  if (!parts.ok()) return std::nullopt;
  const auto& kinds = parts->columns.kind;
  if (!parts->columns.from.empty() &&
      (kinds.empty() || std::find(kinds.begin(), kinds.end(), v1::TRANSITION_KIND_UNSPECIFIED) != kinds.end()))
    return std::nullopt;
  for (const auto& t : parts->transitions)
    if (t.kind() == v1::TRANSITION_KIND_UNSPECIFIED) return std::nullopt;
  // As LoadLadders names a graph that has no name.
  if (parts->metadata.name().empty()) parts->metadata.set_name(DefaultGraphName(path));
  auto built = CareerGraph::Build(std::move(*parts));
  if (!built.ok()) return std::nullopt;
  return *built;
}

// A directory of CSV/TSV tables straight through io/csv_snapshot.h, when the general path
// would read it without an error; otherwise nothing, and the general path reports why.
std::optional<GraphPtr> OpenCsvDirectory(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return std::nullopt;
  auto parts = ReadCsvDirectory(path);
  if (!parts) return std::nullopt;
  auto built = CareerGraph::Build(std::move(*parts));
  if (!built.ok()) return std::nullopt;
  return *built;
}

// A file or directory given by the user, through a fast path when one applies.
Opened OpenPath(const std::string& path) {
  for (auto* fast : {&OpenBinarySnapshot, &OpenCsvDirectory}) {
    if (auto g = fast(path)) {
      Opened o;
      o.graph = std::move(*g);
      return o;
    }
  }
  return Open(LoadLadders({path}, LoadOptions{.warnings = false}), false, path);
}

const Opened& Default() {
  static const Opened kDefault = Open(LoadYamlLadder(kDefaultLadderYaml, "default_ladder.yaml"), true);
  return kDefault;
}

StatusOr<GraphPtr> Result(const Opened& o) {
  if (!o.status.ok()) return o.status;
  return o.graph;
}

// The directory of the binary this code is linked into: the executable, or the shared
// library (libcareergraph.so) when the engine is embedded, so that an installed copy finds
// its data beside itself whichever it is (a Python process's executable is python3's).
fs::path ModuleDir() {
  std::error_code ec;
  Dl_info info{};
  link_map* map = nullptr;
  if (dladdr1(reinterpret_cast<void*>(&ModuleDir), &info, reinterpret_cast<void**>(&map), RTLD_DL_LINKMAP) &&
      map && map->l_name && *map->l_name) {  // the main program's link map has no name
    fs::path lib = fs::canonical(map->l_name, ec);
    if (!ec) return lib.parent_path();
  }
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

// Whether `dir` is `root` or inside it.
bool Inside(const fs::path& dir, const fs::path& root) {
  auto [r, d] = std::mismatch(root.begin(), root.end(), dir.begin(), dir.end());
  return r == root.end();
}

// Where the shipped datasets live, in order of preference: $CAREERGRAPH_DATA_DIR, the
// install layout beside the binary (bin/ or lib/ -> share/careergraph/data), the source
// tree's data/ beside a build directory, and the source tree a build directory was
// configured from. An installed binary never looks in the source tree it was built from.
std::vector<fs::path> DataDirs() {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("CAREERGRAPH_DATA_DIR"); env && *env) dirs.emplace_back(env);
  const fs::path module = ModuleDir();
  if (!module.empty()) {
    dirs.push_back(module / ".." / "share" / "careergraph" / "data");
    dirs.push_back(module / ".." / "data");
  }
#if defined(CAREERGRAPH_DATA_DIR) && defined(CAREERGRAPH_BINARY_DIR)
  if (std::error_code ec; !module.empty() && Inside(fs::weakly_canonical(module, ec), fs::path(CAREERGRAPH_BINARY_DIR)))
    dirs.emplace_back(CAREERGRAPH_DATA_DIR);
#endif
  return dirs;
}

Opened OpenOnet() {
  std::string looked;
  for (const fs::path& dir : DataDirs()) {
    const fs::path file = dir / "onet" / "graph.pb";
    std::error_code ec;
    if (fs::is_regular_file(file, ec)) return OpenPath(file.lexically_normal().string());
    looked += (looked.empty() ? "" : ", ") + file.lexically_normal().string();
  }
  Opened o;
  o.status = Status::NotFound("the O*NET graph is not installed (looked in " + looked +
                              "); build data/onet/graph.pb or set CAREERGRAPH_DATA_DIR to the directory holding onet/graph.pb")
                 .WithField("graph");
  return o;
}

}  // namespace

const v1::Graph& DefaultLadder() { return Default().snapshot; }

StatusOr<GraphPtr> OpenGraph(const std::string& spec) {
  if (spec.empty() || spec == "default") return Result(Default());
  if (spec == "onet") {
    static const Opened kOnet = OpenOnet();
    return Result(kOnet);
  }
  std::error_code ec;
  if (!fs::exists(spec, ec))
    return Status::NotFound("no such file: " + spec +
                            " (--graph takes a ladder file, a directory, 'default' or 'onet')")
        .WithField("graph");
  return Result(OpenPath(spec));
}

}  // namespace careergraph::io
