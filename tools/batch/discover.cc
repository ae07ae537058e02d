#include "tools/batch/discover.h"

#include <algorithm>
#include <filesystem>
#include <string_view>

namespace careergraph::batch {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxDepth = 16;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

bool IsTable(const fs::path& p) {
  const std::string ext = Lower(p.extension().string());
  return ext == ".csv" || ext == ".tsv";
}

bool IsSelfContained(const fs::path& p) {
  static constexpr std::string_view kExt[] = {".yaml", ".yml", ".json", ".pb", ".binpb", ".textproto", ".txtpb", ".pbtxt"};
  const std::string ext = Lower(p.extension().string());
  return std::find(std::begin(kExt), std::end(kExt), ext) != std::end(kExt);
}

Status Walk(const std::string& dir, int depth, std::vector<LadderInput>* out) {
  if (depth > kMaxDepth)
    return Status::InvalidArgument("directories nest more than " + std::to_string(kMaxDepth) + " deep under " + dir +
                                   "; name the ladder directories directly");
  std::error_code ec;
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    names.push_back(name);
  }
  if (ec) return Status::Io("cannot list " + dir + ": " + ec.message());
  std::sort(names.begin(), names.end());
  std::vector<std::string> tables, singles, subdirs;
  for (const auto& name : names) {
    const fs::path p = fs::path(dir) / name;
    if (fs::is_directory(p, ec)) subdirs.push_back(p.string());
    else if (!fs::is_regular_file(p, ec)) continue;
    else if (IsTable(p)) tables.push_back(p.string());
    else if (IsSelfContained(p)) singles.push_back(p.string());
  }
  if (singles.empty() && subdirs.empty()) {
    if (tables.empty())
      return Status::NotFound("no ladder files in directory " + dir +
                              " (looked for .csv .tsv .yaml .yml .json .pb .binpb .textproto .txtpb .pbtxt)")
          .WithField("ladders");
    out->push_back({dir, {dir}});
    return Status::Ok();
  }
  const std::size_t before = out->size();
  if (!tables.empty()) out->push_back({dir, tables});
  // Files and subdirectories interleaved by name, as a listing shows them.
  std::vector<std::string> rest = singles;
  rest.insert(rest.end(), subdirs.begin(), subdirs.end());
  std::sort(rest.begin(), rest.end());
  for (const auto& p : rest) {
    if (fs::is_directory(p, ec)) {
      Status st = Walk(p, depth + 1, out);
      // An empty subdirectory is not an error inside a directory of ladders.
      if (!st.ok() && st.code() != v1::NOT_FOUND) return st;
    } else {
      out->push_back({p, {p}});
    }
  }
  if (out->size() == before)
    return Status::NotFound("no ladder files under directory " + dir).WithField("ladders");
  return Status::Ok();
}

}  // namespace

StatusOr<std::vector<LadderInput>> DiscoverLadders(const std::vector<std::string>& args) {
  if (args.empty()) return Status::InvalidArgument("no ladders given; name ladder files or directories").WithField("ladders");
  std::vector<LadderInput> out;
  for (const auto& a : args) {
    std::error_code ec;
    const fs::file_status st = fs::status(a, ec);
    if (ec || !fs::exists(st))
      return Status::NotFound("no such file or directory: " + a).WithField("ladders");
    if (fs::is_directory(st)) {
      CAREERGRAPH_RETURN_IF_ERROR(Walk(a, 0, &out));
    } else {
      out.push_back({a, {a}});
    }
  }
  return out;
}

}  // namespace careergraph::batch
