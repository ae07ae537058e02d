// The YAML ladder's fast path against its general path (io/yaml_reader.h): on every text the
// fast path takes, the same LadderPart — graph, locations, findings with their lines; on the
// texts it leaves, ReadYamlLadder still gives the general path's words.
#include "io/yaml_reader.h"

#include <gtest/gtest.h>

#include <random>

#include "io/yaml_compare.h"
#include "tests/test_util.h"

namespace careergraph::io {
namespace {

using careergraph::testing::ReadText;
using careergraph::testing::SourcePath;

// The fast path takes `text` and agrees with the general path.
void ExpectFastAndSame(const std::string& text, const std::string& file = "ladder.yaml") {
  const std::optional<LadderPart> fast = ReadYamlLadderFast(text, file);
  ASSERT_TRUE(fast.has_value()) << "left to the general path:\n" << text;
  EXPECT_EQ(LadderPartDifference(*fast, ReadYamlLadderGeneral(text, file)), "") << text;
}

std::string Findings(const LadderPart& part) {
  std::string s;
  for (const auto& f : part.findings)
    s += f.file() + ":" + std::to_string(f.line()) + ": " + f.code() + ": " + f.message() + "\n";
  return s;
}

TEST(YamlFastPath, ShippedAndTestLadders) {
  for (const char* path : {"data/default_ladder.yaml", "tests/testdata/yaml/ladder.yaml",
                           "tests/testdata/competency/ladder.yaml", "tests/testdata/level_mapping/acme.yaml",
                           "tests/testdata/level_mapping/initech.yaml", "fuzz/seeds/yaml/subset_forms.yaml"}) {
    SCOPED_TRACE(path);
    ExpectFastAndSame(ReadText(SourcePath(path)), path);
  }
}

TEST(YamlFastPath, CompetencyProblemsGoToTheGeneralPath) {
  // The competency reader works on yaml-cpp nodes; its findings need yaml-cpp's marks.
  const std::string text = ReadText(SourcePath("tests/testdata/competency/bad.yaml"));
  EXPECT_FALSE(ReadYamlLadderFast(text, "bad.yaml").has_value());
  const LadderPart part = ReadYamlLadder(text, "bad.yaml");
  EXPECT_EQ(LadderPartDifference(part, ReadYamlLadderGeneral(text, "bad.yaml")), "");
  EXPECT_NE(Findings(part).find("bad.yaml:14: "), std::string::npos) << Findings(part);
}

// Problems in the ladder itself are read on the fast path, in the general path's words.
TEST(YamlFastPath, LadderErrorsInTheGeneralPathsWords) {
  const std::string head = "name: t\norg: Acme\ndefaults: {leadership: unknown}\ntracks:\n  - id: swe\n";
  struct Case {
    std::string body, expected;
  };
  const Case cases[] = {
      {"    promotion: {years: 2, probability: 0.7}\n    levels:\n      - {id: a, pay: 1, ambiguity: 0.1}\n"
       "      - {id: b, salary: 2, ambiguity: 0.2}\n",
       "ladder.yaml:9: unknown-key: unknown key 'salary' in level; did you mean 'pay'?"},
      {"    promotion: {years: 2, probability: 0.7}\n    levels:\n      - id: a\n        pay: 12k\n        ambiguity: 0.1\n",
       "ladder.yaml:9: malformed-number: pay '12k' is not a number"},
      {"    promotion: {years: two, probability: 0.7}\n    levels:\n      - {id: a, pay: 1, ambiguity: 0.1}\n"
       "      - {id: b, pay: 2, ambiguity: 0.2}\n",
       "ladder.yaml:6: malformed-number: promotion.years 'two' is not a number"},
      {"    levels:\n      - {id: a, pay: 1}\n",
       "ladder.yaml:7: missing-value: 'a' has no ambiguity"},
      {"    levels:\n      - {id: a, pay: 1, ambiguity: 0.1}\n  -\n      - {id: b}\n",
       "ladder.yaml:9: parse-error: each entry of 'tracks' must be a mapping"},
      {"    generate_promotions: maybe\n    levels:\n      - {id: a, pay: 1, ambiguity: 0.1}\n",
       "ladder.yaml:6: parse-error: generate_promotions must be true or false"},
      {"    levels:\n      - {id: a, pay: 1, ambiguity: 0.1}\ntransitions:\n  - {from: a, to: a, kind: sideways, years: 1, "
       "probability: 0.5}\n",
       "ladder.yaml:9: bad-kind: kind 'sideways' is not a transition kind"},
  };
  for (const Case& c : cases) {
    const std::string text = head + c.body;
    ExpectFastAndSame(text);
    const std::string got = Findings(*ReadYamlLadderFast(text, "ladder.yaml"));
    EXPECT_NE(got.find(c.expected), std::string::npos) << got << "\nexpected: " << c.expected;
  }
}

// Texts outside the subset: ReadYamlLadder gives the general path's part, and the error or
// the ladder is what yaml-cpp's tree says.
TEST(YamlFastPath, FallsBackOutsideTheSubset) {
  struct Case {
    std::string text, expected;
  };
  const Case cases[] = {
      {"name: t\norg: Acme\ntracks:\n  - id: swe\n    promotion: &p {years: 2, probability: 0.7}\n    levels:\n"
       "      - {id: a, pay: 1, ambiguity: 0.1, leadership: 0.1, promotion: *p}\n",
       ""},
      {"name: t\ntracks:\n  - id: swe\n\tlevels: []\n",
       "ladder.yaml:4: parse-error: line 4 is indented with a tab; YAML allows only spaces for indentation"},
      {"name: t\ndescription: two\n  lines\ntracks: []\n", ""},
      {"---\nname: t\ntracks: [\n", "ladder.yaml:4: parse-error: not valid YAML"},
      {"name: t\ntracks:\n  - id: swe\n    levels:\n      - id: a\n        pay:\n        ambiguity: 0.1\n",
       "ladder.yaml:7: malformed-number: pay (empty) is not a number"},
      {"name: t\nversion: !!str 1\ntracks: []\n", ""},
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(ReadYamlLadderFast(c.text, "ladder.yaml").has_value()) << c.text;
    const LadderPart part = ReadYamlLadder(c.text, "ladder.yaml");
    EXPECT_EQ(LadderPartDifference(part, ReadYamlLadderGeneral(c.text, "ladder.yaml")), "") << c.text;
    if (!c.expected.empty()) {
      EXPECT_NE(Findings(part).find(c.expected), std::string::npos) << Findings(part);
    }
  }
}

// A random ladder in the forms people write and exporters emit, with some of the mistakes
// people make; every field may be block or flow, quoted or plain, commented or not.
class LadderWriter {
 public:
  explicit LadderWriter(std::uint64_t seed) : rng_(seed) {}

  std::string Ladder() {
    out_.clear();
    ids_.clear();
    careless_ = Chance(50);
    Line("# generated ladder " + std::to_string(rng_()));
    Line("name: " + Text("Random ladder"));
    Line("version: \"" + std::to_string(Pick(100)) + "\"");
    if (Chance(50)) Line("currency: USD");
    if (Chance(30)) {
      // Raw: a comment or a blank line inside a block scalar would be part of its text.
      out_ += "description: >-\n  A ladder written at random\n  over two lines.\n";
    } else if (Chance(30)) {
      Line("description: " + Text("One line, with a comma"));
    }
    Line("org: " + Text("Acme"));
    if (Chance(40)) Line("defaults: {" + std::string(Chance(50) ? "leadership" : "pay") + ": unknown}");
    if (Chance(40)) {
      Line("sources:");
      Line("  - name: " + Text("Source one"));
      Line("    url: https://example.org/x");
      if (Chance(50)) Line("  - {name: 'Two', licence: CC0, attribution: \"by someone\"}");
    }
    Line("tracks:");
    const int tracks = 1 + Pick(4);
    for (int t = 0; t < tracks; ++t) Track("t" + std::to_string(t));
    if (Chance(60)) {
      Line("positions:");
      for (int i = 0, n = 1 + Pick(3); i < n; ++i) {
        const std::string id = "extra" + std::to_string(i);
        ids_.push_back(id);
        Record("  ", "- ", Fields(id, true) + Opt(80, "track: t0") + Opt(60, "level: " + std::to_string(Pick(8))) +
                               Opt(20, "org: " + Text("Other Org")));
      }
    }
    if (Chance(80)) {
      Line("transitions:");
      for (int i = 0, n = 1 + Pick(6); i < n; ++i) {
        std::string f = "from: " + Id() + "\nto: " + Id() + "\n";
        if (Chance(70))
          f += "kind: " + (Mistake(10) ? "sideways" : Pick<std::string>({"lateral", "track_switch", "org_change"})) + "\n";
        if (!Mistake(5)) f += "years: " + Number("1.5", "soon") + "\n";
        if (!Mistake(5)) f += "probability: " + (Mistake(10) ? "1.5" : Pick<std::string>({"0.4", "85%", "1", "'0.3'"})) + "\n";
        if (Chance(30)) f += "provenance: " + Text("a study") + "\n";
        if (Mistake(5)) f += "propability: 0.2\n";
        Record("  ", "- ", f);
      }
    }
    return out_;
  }

 private:
  bool Chance(int percent) { return static_cast<int>(rng_() % 100) < percent; }
  // A mistake, made only in the careless half of the ladders.
  bool Mistake(int percent) { return careless_ && Chance(percent); }
  int Pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }
  template <class T>
  T Pick(std::initializer_list<T> options) {
    return *(options.begin() + Pick(static_cast<int>(options.size())));
  }
  void Line(const std::string& s) {
    out_ += s;
    if (Chance(10)) out_ += "   # note";
    out_ += "\n";
    if (Chance(5)) out_ += "\n";
  }
  std::string Text(const std::string& s) {
    switch (Pick(4)) {
      case 0: return "'" + s + "'";
      case 1: return "\"" + s + "\"";
      default: return s;
    }
  }
  std::string Number(const std::string& good, const std::string& bad) {
    if (Mistake(4)) return bad;
    if (Chance(10)) return "\"" + good + "\"";
    return good;
  }
  std::string Id() {
    if (ids_.empty() || Mistake(5)) return "nowhere";
    return ids_[static_cast<std::size_t>(Pick(static_cast<int>(ids_.size())))];
  }
  std::string Opt(int percent, const std::string& field) { return Chance(percent) ? field + "\n" : ""; }
  // A position's fields, one per line ("key: value\n").
  std::string Fields(const std::string& id, bool always_title) {
    std::string f = "id: " + id + "\n";
    if (always_title || Chance(70)) f += "title: " + Text("Title " + id) + "\n";
    if (!Mistake(5)) f += "pay: " + (Mistake(10) ? Pick<std::string>({"-3", "12k", "\"\"", "[1]"}) : Pick<std::string>({"150000", "1.5e5", "unknown"})) + "\n";
    if (!Mistake(5)) f += "ambiguity: " + Number("0.4", "high") + "\n";
    f += "leadership: " + (Mistake(5) ? "2" : Pick<std::string>({"0.2", "0.9", "unknown"})) + "\n";
    if (Chance(40)) f += "label: L" + std::to_string(Pick(9)) + "\n";
    if (Chance(40)) f += "tags: " + Pick<std::string>({"[ic, senior]", "[]", "solo", "[a, 'b c']"}) + "\n";
    if (Chance(20)) f += "description: " + Text("Does things: well") + "\n";
    if (Mistake(4)) f += "salary: 100\n";
    return f;
  }
  // A plain scalar holding ": " would read as a mapping.
  static bool NeedsQuotes(const std::string& value) {
    return value.find(": ") != std::string::npos && std::string("'\"{[").find(value.front()) == std::string::npos;
  }
  // A mapping written as one flow mapping or as a block one, at `indent` after `lead`.
  void Record(const std::string& indent, const std::string& lead, const std::string& fields) {
    std::vector<std::string> kv;
    for (std::size_t at = 0; at < fields.size();) {
      const std::size_t nl = fields.find('\n', at);
      kv.push_back(fields.substr(at, nl - at));
      at = nl + 1;
    }
    if (Chance(40)) {
      std::string line = indent + lead + "{";
      for (std::size_t i = 0; i < kv.size(); ++i) {
        const std::size_t colon = kv[i].find(": ");
        std::string value = kv[i].substr(colon + 2);
        if (NeedsQuotes(value)) value = "'" + value + "'";
        // Now and then the flow mapping goes on over the next line.
        if (i) line += Chance(15) ? ",\n" + indent + std::string(lead.size() + 2, ' ') : ", ";
        line += kv[i].substr(0, colon + 2) + value;
      }
      Line(line + "}");
      return;
    }
    const std::string pad = indent + std::string(lead.size(), ' ');
    for (std::size_t i = 0; i < kv.size(); ++i) {
      std::string e = kv[i];
      const std::size_t colon = e.find(": ");
      std::string value = e.substr(colon + 2);
      if (NeedsQuotes(value)) value = "\"" + value + "\"";
      Line((i ? pad : indent + lead) + e.substr(0, colon + 2) + value);
    }
  }
  void Track(const std::string& id) {
    Line("  - id: " + id);
    if (Chance(60)) Line("    name: " + Text("Track " + id));
    if (Chance(20)) Line("    org: " + Text("Other Org"));
    if (!Mistake(30)) {
      if (Chance(50)) {
        Line("    promotion: {years: " + Number("2.5", "long") + ", probability: " + Number("0.7", "likely") + "}");
      } else {
        Line("    promotion:");
        Line("      years: " + Number("3", "x"));
        if (!Mistake(20)) Line("      probability: 0.6");
      }
    }
    if (Chance(15)) Line("    generate_promotions: " + (Mistake(20) ? "maybe" : Pick<std::string>({"false", "no", "true", "Yes"})));
    if (Mistake(5)) Line("    colour: red");
    Line("    levels:");
    const int levels = 1 + Pick(5);
    int level = Pick(3);
    for (int l = 0; l < levels; ++l) {
      const std::string pid = id + "-" + std::to_string(l);
      ids_.push_back(pid);
      level += Mistake(10) ? 0 : 1;  // sometimes out of order
      std::string f = Fields(pid, false) + Opt(50, "level: " + std::to_string(level));
      if (Chance(30)) f += "promotion: {years: " + Number("2", "x") + (Chance(70) ? ", probability: 0.5}" : "}") + "\n";
      Record("      ", "- ", f);
    }
  }

  std::mt19937_64 rng_;
  std::string out_;
  std::vector<std::string> ids_;
  bool careless_ = false;
};

TEST(YamlFastPath, RandomLaddersReadAlike) {
  LadderWriter writer(20260105);
  int with_errors = 0;
  for (int i = 0; i < 400; ++i) {
    const std::string text = writer.Ladder();
    SCOPED_TRACE("ladder " + std::to_string(i));
    ExpectFastAndSame(text);
    for (const auto& f : ReadYamlLadderGeneral(text, "ladder.yaml").findings)
      if (f.severity() == v1::ERROR) {
        ++with_errors;
        break;
      }
    if (::testing::Test::HasFailure()) return;
  }
  // Both clean ladders and ladders with mistakes must have been compared.
  EXPECT_GT(with_errors, 40);
  EXPECT_LT(with_errors, 360);
}

}  // namespace
}  // namespace careergraph::io
