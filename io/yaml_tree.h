// A compact tree of one YAML document, for the subset ladders are written in, read fast.
//
// yaml-cpp's scanner reads about 8 MB/s and its YAML::Node tree takes ~80 bytes per byte of
// input (16 MB of ladder: 2 s and 1.3 GB before any ladder is built). This reads the forms
// people and exporters actually write in one pass over the text, into one array of 20-byte
// nodes whose scalars are views of the text (or, when escapes or folding change them, of one
// side buffer). io/yaml_reader.cc reads a ladder from either tree with the same code.
//
// The subset:
//  - block mappings and block sequences (including "- key: value" entries and a sequence at
//    its key's indentation), plain keys and quoted keys;
//  - plain scalars on one line; single- and double-quoted scalars on one line (double-quoted
//    escapes \\ \" \/ \n \t \r only);
//  - flow sequences and flow mappings ([a, b], {years: 2, probability: 0.7}), nested, over
//    several lines;
//  - literal and folded block scalars (| >, with or without '-') whose lines share one
//    indentation and that start on the line after the indicator;
//  - comments, blank lines.
// Everything else returns nothing, so the caller takes yaml-cpp, which reads all of YAML and
// words every error: anchors, aliases, tags, directives, document markers, complex keys,
// multi-line plain or quoted scalars, empty values (yaml-cpp gives a null the line of the
// token after it), '+' chomping or explicit indentation, more-indented block scalar lines, a
// trailing comma, any tab, carriage return or other control character, and anything that is
// not valid YAML.
//
// The contract, checked by tests/yaml_tree_test.cc and the yaml fuzz harness: for every text
// this accepts, yaml-cpp's YAML::Load accepts it too and gives the same tree — the same kinds
// (a plain ~, null, Null, NULL or empty scalar is a null), the same scalar text, mappings'
// entries in order (repeated keys kept, as yaml-cpp keeps them) and the same line for every
// node (yaml-cpp's mark + 1: a collection's line is that of its first token).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace careergraph::io {

class YamlTree {
 public:
  enum class Kind : std::uint8_t { kNull, kScalar, kSequence, kMap };
  static constexpr std::uint32_t kNone = UINT32_MAX;

  struct Node {
    std::uint32_t line;   // 1-based
    Kind kind;
    bool decoded;         // a scalar whose text is in the side buffer, not in the input
    std::uint32_t first;  // scalar: offset of its text; collection: first child or kNone
    std::uint32_t size;   // scalar: length of its text; collection: children (a map's: 2 per entry)
    std::uint32_t next;   // the next sibling or kNone; a map's children alternate key, value
  };

  // The document in `text`, which must outlive the tree; nothing when it is outside the
  // subset or not valid YAML. The root is always a block mapping.
  static std::optional<YamlTree> Parse(std::string_view text);

  static constexpr std::uint32_t root() { return 0; }
  const Node& node(std::uint32_t i) const { return nodes_[i]; }
  std::string_view scalar(const Node& n) const {
    return (n.decoded ? std::string_view(decoded_) : text_).substr(n.first, n.size);
  }
  std::size_t node_count() const { return nodes_.size(); }

 private:
  friend class YamlTreeParser;
  std::string_view text_;
  std::string decoded_;
  std::vector<Node> nodes_;
};

}  // namespace careergraph::io
