// The compact YAML tree (io/yaml_tree.h) against yaml-cpp: every text it accepts must give
// yaml-cpp's tree (kinds, scalars, lines, order), and what it leaves to yaml-cpp it must refuse.
#include "io/yaml_tree.h"

#include <gtest/gtest.h>

#include <random>

#include <yaml-cpp/yaml.h>

#include "io/yaml_compare.h"
#include "tests/test_util.h"

namespace careergraph::io {
namespace {

using careergraph::testing::ReadText;
using careergraph::testing::SourcePath;

// Empty when the tree refuses `text` or equals yaml-cpp's; otherwise what differs.
std::string CheckAgainstYamlCpp(const std::string& text) {
  const std::optional<YamlTree> tree = YamlTree::Parse(text);
  if (!tree) return "";
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return "accepted, but yaml-cpp says: " + e.msg;
  }
  return YamlTreeDifference(*tree, root);
}

void ExpectSameAsYamlCpp(const std::string& text) {
  const std::optional<YamlTree> tree = YamlTree::Parse(text);
  ASSERT_TRUE(tree.has_value()) << "refused:\n" << text;
  EXPECT_EQ(CheckAgainstYamlCpp(text), "") << text;
}

TEST(YamlTree, BlockMappingsAndSequences) {
  ExpectSameAsYamlCpp("a: 1\nb: two words\n");
  ExpectSameAsYamlCpp("  a: 1\n  b: 2");  // indented root, no final line break
  ExpectSameAsYamlCpp("a:\n  b:\n    c: d\n  e: f\ng: h\n");
  ExpectSameAsYamlCpp("list:\n  - x\n  - y\nnext: z\n");
  ExpectSameAsYamlCpp("list:\n- x\n- y\nnext: z\n");  // a sequence at its key's indentation
  ExpectSameAsYamlCpp("levels:\n  - id: a\n    pay: 1\n  -   id: b\n      pay: 2\n  -\n    id: c\n");
  ExpectSameAsYamlCpp("seq:\n  -\n    - nested\n    - again\n");
  ExpectSameAsYamlCpp("k: v\n\n\n# comment\n   # indented comment\nk2: v2 # trailing\n");
  ExpectSameAsYamlCpp("a: 1\na: 2\n");  // a repeated key: yaml-cpp keeps both entries
  ExpectSameAsYamlCpp("key with spaces: value\nx: y\n");
}

TEST(YamlTree, Scalars) {
  ExpectSameAsYamlCpp("a: ~\nb: null\nc: Null\nd: NULL\ne: '~'\nf: \"null\"\n");
  ExpectSameAsYamlCpp("a: 'it''s'\nb: \"say \\\"hi\\\"\\n\\ttab \\\\ \\/\"\nc: ''\nd: \"\"\n");
  ExpectSameAsYamlCpp("a: -5\nb: .5\nc: 85%\nd: a#b\ne: x:y\nf: a, b [c] {d}\ng: caf\xC3\xA9\n");
  ExpectSameAsYamlCpp("\"quoted key\": 1\n'single': 2\n~: 3\n");
  ExpectSameAsYamlCpp("a: trailing spaces   \nb: 1   # and a comment\n");
}

TEST(YamlTree, FlowCollections) {
  ExpectSameAsYamlCpp("tags: [ic, senior]\nempty: []\nnone: {}\n");
  ExpectSameAsYamlCpp("p: {years: 2.5, probability: 0.7}\nq: {a: [1, 2], b: {c: d}}\n");
  ExpectSameAsYamlCpp("l:\n  - {id: a, title: A b, tags: [x]}\n  - {id: b,\n     promotion: {years: 3},  # note\n     pay: 5}\n");
  ExpectSameAsYamlCpp("m: {\"k\": 'v', x: ~, y: \"a, b\"}\n");
  ExpectSameAsYamlCpp("s: [a b, c , d]\n");
}

TEST(YamlTree, BlockScalars) {
  ExpectSameAsYamlCpp("d: >-\n  one\n  two\n\n  three\nnext: 1\n");
  ExpectSameAsYamlCpp("d: >\n  one\n  two\n\n\n  three\n\nnext: 1\n");
  ExpectSameAsYamlCpp("d: |\n  one\n  two\n\n  # not a comment\nnext: 1\n");
  ExpectSameAsYamlCpp("d: |-   # comment\n    x  \n    y\n");
  ExpectSameAsYamlCpp("l:\n  - >-\n    folded\n    item\n  - x\n");
}

TEST(YamlTree, LeavesTheRestToYamlCpp) {
  const char* refused[] = {
      "a: &x 1\nb: *x\n",                     // anchors and aliases
      "a: !!str 1\n",                         // tags
      "---\na: 1\n",                          // document markers
      "a: 1\n...\n",
      "%YAML 1.2\n---\na: 1\n",               // directives
      "? a\n: 1\n",                           // complex keys
      "<<: {a: 1}\n",                         // a merge key
      "a: one\n  two\n",                      // a multi-line plain scalar
      "a: \"one\n  two\"\n",                  // a multi-line quoted scalar
      "a:\nb: 1\n",                           // an empty value
      "a: 1\nb:\n",
      "l:\n  -\n  - x\n",                     // an empty entry
      "a: [1, 2,]\n",                         // a trailing comma
      "a: [1, , 2]\n",
      "a: {b: }\n",
      "a: {b}\n",
      "a: [b: c]\n",
      "a:\n\tb: 1\n",                         // a tab
      "a: b\tc\n",
      "a: 1\r\nb: 2\r\n",                     // carriage returns
      "a: \"\\x41\"\n",                       // escapes beyond the common ones
      "a: |+\n  keep\n\n",                    // keep chomping
      "a: |2\n   x\n",                        // an explicit indentation
      "a: >\n  x\n    more\n  y\n",           // a more-indented folded line
      "a: >\n\n  x\n",                        // blank lines before the first
      "a: >-\n  x",                           // no line break after the last line
      "a: >-\n  x\n  ",                       // spaces at the end, which yaml-cpp folds in
      "\xfe\xff: x\n",                        // yaml-cpp would read UTF-16
      "a: b: c\n",                            // a mapping on a value's line
      "- a\n- b\n",                           // a root that is not a mapping
      "a: 1\n b: 2\n",                        // bad indentation
      "a:\n    b: 1\n  c: 2\n",
      "a: - b\n",
      "a: @x\n",
      "a: \"x\"y\n",
      "a: \"x\"#y\n",
      "a: 1\n# only a comment after\n  b: 2\n",
      "",
      "# nothing\n",
  };
  for (const char* text : refused) {
    EXPECT_FALSE(YamlTree::Parse(text).has_value()) << text;
  }
}

TEST(YamlTree, ShippedAndTestLaddersMatchYamlCpp) {
  for (const char* path : {"data/default_ladder.yaml", "tests/testdata/yaml/ladder.yaml",
                           "tests/testdata/competency/ladder.yaml", "tests/testdata/competency/bad.yaml",
                           "tests/testdata/competency/no_catalogue.yaml", "tests/testdata/level_mapping/acme.yaml",
                           "tests/testdata/level_mapping/initech.yaml"}) {
    const std::string text = ReadText(SourcePath(path));
    ASSERT_FALSE(text.empty()) << path;
    EXPECT_TRUE(YamlTree::Parse(text).has_value()) << path;
    EXPECT_EQ(CheckAgainstYamlCpp(text), "") << path;
  }
}

// Random edits of real ladders, biased to YAML's own characters: whatever the tree still
// accepts must be yaml-cpp's tree. (The yaml fuzz harness runs the same check unbounded.)
TEST(YamlTree, RandomEditsAgreeWithYamlCpp) {
  // Every form of the subset in one document, besides two real ladders.
  const std::string features =
      "name: 'it''s' # c\nversion: \"a \\\"b\\\" \\n\"\nd: >-\n  one\n  two\n\n  three\nl: |\n  x\n  # y\n"
      "list:\n- a\n- ~\nm:\n  -\n    k: v\n  - {a: [1, 2], b: {c: d},\n     e: 'f'}\n"
      "e: []\nf: {}\n\"q\": -5\n";
  const std::string base[] = {ReadText(SourcePath("tests/testdata/yaml/ladder.yaml")),
                              ReadText(SourcePath("tests/testdata/competency/ladder.yaml")),
                              features};
  ExpectSameAsYamlCpp(features);
  const std::string alphabet = " \n\n   :-#'\"[]{},>|~x1.";
  std::mt19937_64 rng(20260105);
  int accepted = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string text = base[round % 3];
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text.erase(at, 1 + rng() % 2); break;
        case 1: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
        default: text[at] = alphabet[rng() % alphabet.size()]; break;
      }
    }
    if (YamlTree::Parse(text)) ++accepted;
    ASSERT_EQ(CheckAgainstYamlCpp(text), "") << "round " << round << ":\n" << text;
  }
  // The edits must leave enough texts inside the subset for the comparison to mean something.
  EXPECT_GT(accepted, 300);
}

}  // namespace
}  // namespace careergraph::io
