#include "tests/test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>

namespace careergraph::testing {
namespace {

std::vector<std::string> Split(const std::string& s, char d) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == d) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

v1::Graph MakeGraph(const std::vector<std::string>& positions, const std::vector<std::string>& transitions) {
  v1::Graph g;
  g.mutable_metadata()->set_name("test");
  g.mutable_metadata()->set_version("t1");
  g.mutable_metadata()->set_currency("USD");
  for (const auto& line : positions) {
    auto f = Split(line, '|');
    if (f.size() != 7) throw std::runtime_error("bad test position: " + line);
    auto* p = g.add_positions();
    p->set_id(f[0]);
    p->set_title(f[1]);
    p->set_org("Acme");
    p->set_track(f[2]);
    p->set_level(std::stoi(f[3]));
    // "?" leaves the value unknown (unset).
    if (f[4] != "?") p->set_annual_pay(std::stod(f[4]));
    if (f[5] != "?") p->set_ambiguity(std::stod(f[5]));
    if (f[6] != "?") p->set_leadership(std::stod(f[6]));
  }
  for (const auto& line : transitions) {
    auto f = Split(line, '|');
    auto ends = Split(f.at(0), '>');
    if (f.size() != 4 || ends.size() != 2) throw std::runtime_error("bad test transition: " + line);
    auto* t = g.add_transitions();
    t->set_from(ends[0]);
    t->set_to(ends[1]);
    v1::TransitionKind k;
    if (!ParseTransitionKind(f[1], &k)) throw std::runtime_error("bad kind: " + f[1]);
    t->set_kind(k);
    t->set_years(std::stod(f[2]));
    t->set_probability(std::stod(f[3]));
  }
  return g;
}

GraphPtr MakeEngineGraph(const std::vector<std::string>& positions, const std::vector<std::string>& transitions) {
  auto g = CareerGraph::Build(MakeGraph(positions, transitions));
  if (!g.ok()) throw std::runtime_error(g.status().ToString());
  return *g;
}

EdgeId FindMove(const CareerGraph& g, std::string_view from, std::string_view to) {
  const Vertex f = g.index().FindId(from), t = g.index().FindId(to);
  if (f != PositionIndex::kNotFound && t != PositionIndex::kNotFound)
    for (EdgeId e = g.out_begin(f); e < g.out_end(f); ++e)
      if (g.target(e) == t) return e;
  throw std::runtime_error("no move " + std::string(from) + " -> " + std::string(to));
}

GraphPtr EngineerLadder(bool other_org) {
  std::vector<std::string> positions = {
      "eng|Engineer|swe|1|100000|0.1|0.1",
      "sr|Senior Engineer|swe|2|150000|0.2|0.2",
      "staff|Staff Engineer|swe|3|200000|0.3|0.3",
      "mgr|Manager|mgmt|2|180000|0.5|0.6",
  };
  std::vector<std::string> moves = {
      "eng>sr|promotion|2|0.8",
      "sr>staff|promotion|3|0.5",
      "eng>mgr|track-switch|1|0.3",
      "mgr>staff|lateral|1|0.9",
  };
  if (other_org) {
    positions.push_back("ext|Engineer Elsewhere|swe|1|120000|0.1|0.1");
    moves.push_back("eng>ext|org-change|1|0.9");
    moves.push_back("ext>staff|promotion|1|0.2");
  }
  return MakeEngineGraph(positions, moves);
}

std::string SourcePath(const std::string& relative) { return std::string(CAREERGRAPH_SOURCE_DIR) + "/" + relative; }

namespace {

// Each test gets a directory of its own, made fresh (mkdtemp), so a directory left behind by an
// earlier run whose process had the same id is never read as this test's. The directories go
// when every test of the process passed; a failing run keeps them for a look.
class TempDirs : public ::testing::Environment {
 public:
  static TempDirs& Get() {
    static TempDirs* dirs = [] {
      auto* d = new TempDirs;
      ::testing::AddGlobalTestEnvironment(d);  // gtest owns it from here
      return d;
    }();
    return *dirs;
  }

  std::string For(const std::string& test) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = dirs_.find(test);
    if (it != dirs_.end()) return it->second;
    std::string pattern = std::filesystem::temp_directory_path().string() + "/careergraph-test-" + test + "-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot make a directory like " + pattern);
    return dirs_.emplace(test, pattern).first->second;
  }

  void TearDown() override {
    if (!::testing::UnitTest::GetInstance()->Passed()) return;
    std::lock_guard<std::mutex> lock(mu_);
    std::error_code ec;
    for (const auto& [test, dir] : dirs_) std::filesystem::remove_all(dir, ec);
    dirs_.clear();
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string> dirs_;
};

// Made before RUN_ALL_TESTS so that its TearDown runs after the last test.
const bool kTempDirsRegistered = (TempDirs::Get(), true);

}  // namespace

std::string TempPath(const std::string& name) {
  (void)kTempDirsRegistered;
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string test = info ? std::string(info->test_suite_name()) + "." + info->name() : "x";
  return TempDirs::Get().For(test) + "/" + name;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

RunResult RunCli(const std::vector<std::string>& args) {
  const std::string out_path = TempPath("cli.stdout"), err_path = TempPath("cli.stderr");
  std::string cmd = Quote(CAREERGRAPH_BIN);
  for (const auto& a : args) cmd += " " + Quote(a);
  cmd += " </dev/null >" + Quote(out_path) + " 2>" + Quote(err_path);
  RunResult r;
  int status = std::system(cmd.c_str());
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadText(out_path);
  r.err = ReadText(err_path);
  return r;
}

}  // namespace careergraph::testing
