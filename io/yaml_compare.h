// The checks that hold the YAML fast path to the general one (io/yaml_reader.h), shared by
// tests/yaml_tree_test.cc, tests/yaml_fast_path_test.cc and the yaml fuzz harness: each
// returns an empty string when the two agree, else where they first differ.
#pragma once

#include <string>

#include <google/protobuf/util/field_comparator.h>
#include <google/protobuf/util/message_differencer.h>
#include <yaml-cpp/yaml.h>

#include "io/ladder_part.h"
#include "io/yaml_tree.h"

namespace careergraph::io {

namespace yaml_compare_internal {

inline std::string Kind(YamlTree::Kind k) {
  switch (k) {
    case YamlTree::Kind::kNull: return "null";
    case YamlTree::Kind::kScalar: return "scalar";
    case YamlTree::Kind::kSequence: return "sequence";
    case YamlTree::Kind::kMap: return "map";
  }
  return "?";
}

inline std::string Kind(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null: return "null";
    case YAML::NodeType::Scalar: return "scalar";
    case YAML::NodeType::Sequence: return "sequence";
    case YAML::NodeType::Map: return "map";
    case YAML::NodeType::Undefined: break;
  }
  return "undefined";
}

inline std::string Tree(const YamlTree& t, std::uint32_t i, const YAML::Node& y, const std::string& path) {
  const YamlTree::Node& n = t.node(i);
  const std::string at = (path.empty() ? "root" : path) + " (line " + std::to_string(n.line) + ")";
  if (Kind(n.kind) != Kind(y)) return at + ": " + Kind(n.kind) + " here, " + Kind(y) + " in yaml-cpp";
  const unsigned line = y.Mark().line >= 0 ? static_cast<unsigned>(y.Mark().line) + 1 : 0;
  if (n.line != line) return at + ": yaml-cpp says line " + std::to_string(line);
  if (n.kind == YamlTree::Kind::kScalar && t.scalar(n) != y.Scalar())
    return at + ": '" + std::string(t.scalar(n)) + "' here, '" + y.Scalar() + "' in yaml-cpp";
  if (n.kind == YamlTree::Kind::kSequence || n.kind == YamlTree::Kind::kMap) {
    const std::size_t entries = n.kind == YamlTree::Kind::kMap ? n.size / 2 : n.size;
    if (entries != y.size())
      return at + ": " + std::to_string(entries) + " entries here, " + std::to_string(y.size()) + " in yaml-cpp";
    std::uint32_t c = n.first;
    std::size_t k = 0;
    if (n.kind == YamlTree::Kind::kSequence) {
      for (const auto& e : y) {
        if (auto d = Tree(t, c, e, path + "[" + std::to_string(k++) + "]"); !d.empty()) return d;
        c = t.node(c).next;
      }
    } else {
      for (auto it = y.begin(); it != y.end(); ++it) {
        const std::string key = path + "{" + std::to_string(k++) + "}";
        if (auto d = Tree(t, c, it->first, key + ".key"); !d.empty()) return d;
        c = t.node(c).next;
        if (auto d = Tree(t, c, it->second, key + ".value"); !d.empty()) return d;
        c = t.node(c).next;
      }
    }
  }
  return "";
}

inline std::string Loc(const SourceMap::Loc& a, const SourceMap::Loc& b) {
  if (a.file != b.file || a.line != b.line || a.reported != b.reported || a.field_lines != b.field_lines)
    return "file " + std::to_string(a.file) + "/" + std::to_string(b.file) + ", line " + std::to_string(a.line) + "/" +
           std::to_string(b.line) + ", reported " + std::to_string(a.reported) + "/" + std::to_string(b.reported) +
           ", field lines " + std::to_string(a.field_lines.size()) + "/" + std::to_string(b.field_lines.size());
  return "";
}

inline std::string Locs(const std::vector<SourceMap::Loc>& a, const std::vector<SourceMap::Loc>& b,
                        const std::string& what) {
  if (a.size() != b.size()) return what + ": " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    if (auto d = Loc(a[i], b[i]); !d.empty()) return what + "[" + std::to_string(i) + "]: " + d;
  return "";
}

}  // namespace yaml_compare_internal

// The tree against yaml-cpp's YAML::Load of the same text: kinds, scalars, lines, order.
inline std::string YamlTreeDifference(const YamlTree& tree, const YAML::Node& root) {
  return yaml_compare_internal::Tree(tree, YamlTree::root(), root, "");
}

// Two reads of one file: the graph, every location and every finding.
inline std::string LadderPartDifference(const LadderPart& a, const LadderPart& b) {
  using namespace yaml_compare_internal;
  std::string report;
  // A value both paths read as NaN (`years: nan`, reported later by validation) is the same.
  google::protobuf::util::DefaultFieldComparator numbers;
  numbers.set_treat_nan_as_equal(true);
  google::protobuf::util::MessageDifferencer differ;
  differ.set_field_comparator(&numbers);
  differ.ReportDifferencesToString(&report);
  if (!differ.Compare(a.graph, b.graph)) return "graph: " + report.substr(0, 2000);
  if (a.findings.size() != b.findings.size())
    return "findings: " + std::to_string(a.findings.size()) + " vs " + std::to_string(b.findings.size()) +
           (a.findings.empty() ? "" : "; first: " + a.findings[0].ShortDebugString()) +
           (b.findings.empty() ? "" : "; first: " + b.findings[0].ShortDebugString());
  for (std::size_t i = 0; i < a.findings.size(); ++i)
    if (!google::protobuf::util::MessageDifferencer::Equals(a.findings[i], b.findings[i]))
      return "finding " + std::to_string(i) + ": " + a.findings[i].ShortDebugString() + " vs " +
             b.findings[i].ShortDebugString();
  if (a.where.files != b.where.files) return "files";
  if (a.where.incomplete != b.where.incomplete) return "incomplete";
  if (auto d = Locs(a.where.positions, b.where.positions, "positions"); !d.empty()) return d;
  if (auto d = Locs(a.where.transitions, b.where.transitions, "transitions"); !d.empty()) return d;
  if (a.infer_kind != b.infer_kind) return "infer_kind";
  return "";
}

}  // namespace careergraph::io
