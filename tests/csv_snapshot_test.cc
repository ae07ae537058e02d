// The fast CSV/TSV directory reader against the general path: the same graph whenever the
// general path reads a directory without an error, and nothing (so the general path
// reports) whenever it would find one.
#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <map>
#include <filesystem>
#include <random>

#include "engine/career_graph.h"
#include "io/csv_snapshot.h"
#include "io/graph_source.h"
#include "io/load.h"
#include "io/number_parse.h"
#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph::io {
namespace {

namespace fs = std::filesystem;
using namespace careergraph::testing;  // SourcePath, TempPath, WriteText, RandomGraph

std::string Errors(const LoadResult& r) {
  std::string s;
  for (const auto& f : r.findings)
    if (f.severity() == v1::ERROR) s += f.file() + ":" + std::to_string(f.line()) + " " + f.message() + "\n";
  return s;
}

// Two texts of many megabytes: where they first differ (gtest's diff of the whole texts
// would take minutes).
void ExpectSameText(const std::string& got, const std::string& want) {
  if (got == want) return;
  const std::size_t at = static_cast<std::size_t>(std::mismatch(got.begin(), got.end(), want.begin(), want.end()).first - got.begin());
  const std::size_t from = got.rfind('\n', at) == std::string::npos ? 0 : got.rfind('\n', at) + 1;
  const std::size_t line = static_cast<std::size_t>(std::count(got.begin(), got.begin() + static_cast<std::ptrdiff_t>(from), '\n')) + 1;
  ADD_FAILURE() << "the graphs differ at line " << line << " of their text:\n  got:  " << got.substr(from, at - from + 80)
                << "\n  want: " << want.substr(from, at - from + 80);
}

// The graph both ways, as its snapshot in text form (positions, metadata, every move with
// its kind and provenance, in CSR order).
// Read with one thread and, where the moves table is plain, with two.
void ExpectSameGraph(const std::string& dir) {
  SCOPED_TRACE(dir);
  LoadResult general = LoadLadders({dir}, LoadOptions{.warnings = false});
  ASSERT_FALSE(general.has_errors()) << Errors(general);
  auto want = CareerGraph::Build(std::move(general.graph));
  ASSERT_TRUE(want.ok()) << want.status().ToString();
  // Two threads with chunks of the table's own size, and of 97 bytes (small tables cut
  // into many chunks, most of them ending mid-table).
  for (auto [threads, chunk] : {std::pair{CsvThreads::kOne, std::size_t{0}}, std::pair{CsvThreads::kTwo, std::size_t{0}},
                                std::pair{CsvThreads::kTwo, std::size_t{97}}}) {
    SCOPED_TRACE(chunk);
    auto parts = ReadCsvDirectory(dir, threads, chunk);
    ASSERT_TRUE(parts.has_value()) << "the fast reader declined a directory the general path reads";
    auto got = CareerGraph::Build(std::move(*parts));
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ExpectSameText((*got)->ToSnapshot().DebugString(), (*want)->ToSnapshot().DebugString());
  }
}

TEST(CsvSnapshot, ShippedTablesReadAsTheGeneralPathReadsThem) {
  // Quoted fields with delimiters, doubled quotes and newlines; headers in any order and
  // by alias; tags; a provenance column; a README and a queries table that are skipped.
  for (const char* dir : {"tests/testdata/csv_dir", "tests/testdata/csv_quoted", "tests/testdata/peers_tiny",
                          "tests/testdata/tsv_pair"})
    ExpectSameGraph(SourcePath(dir));
}

std::string Num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.17g", v);
  return b;
}

TEST(CsvSnapshot, RandomLaddersAsCsvAndTsv) {
  for (int seed = 0; seed < 60; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(seed));
    RandomGraphOptions opt;
    opt.allow_self_loops = seed % 3 == 0;
    const v1::Graph g = RandomGraph(rng, opt);
    const bool tsv = seed % 2 == 1;
    const std::string sep = tsv ? "\t" : ",", ext = tsv ? ".tsv" : ".csv";
    const std::string dir = TempPath("seed" + std::to_string(seed));
    fs::create_directories(dir);
    // Columns shuffled per seed; some kinds left empty to be inferred, some rows with a
    // provenance of their own, positions split over two files.
    std::string pos_a = "level" + sep + "id" + sep + "name" + sep + "company" + sep + "track" + sep + "salary" + sep +
                        "ambiguity" + sep + "leadership\n";
    std::string pos_b = pos_a;
    for (int i = 0; i < g.positions_size(); ++i) {
      const auto& p = g.positions(i);
      const std::string row = std::to_string(p.level()) + sep + p.id() + sep + (i % 4 == 0 ? "" : p.title()) + sep +
                              p.org() + sep + p.track() + sep + Num(p.annual_pay()) + sep + Num(p.ambiguity()) + sep +
                              Num(p.leadership()) + "\n";
      (i % 2 == 0 ? pos_a : pos_b) += row;
    }
    std::string moves = "probability" + sep + "src" + sep + "dst" + sep + "years" + sep + "kind" + sep + "provenance\n";
    for (int i = 0; i < g.transitions_size(); ++i) {
      const auto& t = g.transitions(i);
      std::string kind = std::string(TransitionKindName(t.kind()));
      if ((i + seed) % 3 == 0) kind.clear();
      moves += Num(t.probability()) + sep + t.from() + sep + t.to() + sep + Num(t.years()) + sep + kind + sep +
               (i % 5 == 0 ? "survey" : "") + "\n";
    }
    WriteText(dir + "/a_positions" + ext, pos_a);
    WriteText(dir + "/b_positions" + ext, pos_b);
    WriteText(dir + "/moves" + ext, moves);
    ExpectSameGraph(dir);
  }
}

// The random ladders again with numbered positions (the peers' and many exports' form): ids
// are distinct numbers, some far apart, in shuffled order, so endpoints are found by number.
// Some seeds write one id non-canonically ("07"): then ids are no longer numbers alone and
// endpoints are hashed as strings, with the same graph either way. Some put blank lines
// among the moves.
TEST(CsvSnapshot, RandomLaddersWithNumberedPositions) {
  for (int seed = 0; seed < 40; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(seed));
    const v1::Graph g = RandomGraph(rng, RandomGraphOptions{});
    std::vector<std::string> number(static_cast<std::size_t>(g.positions_size()));
    for (std::size_t i = 0; i < number.size(); ++i) number[i] = std::to_string(i * (seed % 4 == 0 ? 7 : 1) + seed % 3);
    std::shuffle(number.begin(), number.end(), rng);
    if (seed % 5 == 4) number[0] = "0" + number[0];
    std::map<std::string, std::string> id_of;
    for (int i = 0; i < g.positions_size(); ++i) id_of[g.positions(i).id()] = number[static_cast<std::size_t>(i)];
    const std::string dir = TempPath("numbered" + std::to_string(seed));
    fs::create_directories(dir);
    std::string nodes = "id\tname\tcompany\ttrack\tlevel\tpay\tambiguity\tleadership\n";
    for (const auto& p : g.positions())
      nodes += id_of[p.id()] + "\t" + p.title() + "\t" + p.org() + "\t" + p.track() + "\t" + std::to_string(p.level()) +
               "\t" + Num(p.annual_pay()) + "\t" + Num(p.ambiguity()) + "\t" + Num(p.leadership()) + "\n";
    std::string edges = "src\tdst\tyears\tprobability\tkind\n";
    for (int i = 0; i < g.transitions_size(); ++i) {
      const auto& t = g.transitions(i);
      edges += id_of[t.from()] + "\t" + id_of[t.to()] + "\t" + Num(t.years()) + "\t" + Num(t.probability()) + "\t" +
               (i % 4 == seed % 4 ? "" : std::string(TransitionKindName(t.kind()))) + "\n";
      // Blank lines on some seeds: a chunk holding one fills fewer rows than it has lines,
      // and the chunks after it close up (their inferred kinds with them).
      if (seed % 3 == 1 && i % 5 == 2) edges += i % 2 ? "\n" : "  \n";
    }
    WriteText(dir + "/nodes.tsv", nodes);
    WriteText(dir + "/edges.tsv", edges);
    ExpectSameGraph(dir);
  }
}

// A moves table over 64 KiB is read in chunks on two threads beside the positions,
// each chunk into its rows of the columns: the chunks must join into the very graph the
// general path builds (provenances first met in later chunks, kinds inferred in all, blank
// lines that leave a chunk short of its lines, a quoted field or a non-ASCII letter far
// into the table), and an error in a late chunk must still send the directory to the
// general path, which reports it at its line.
TEST(CsvSnapshot, LargeNumberedTableReadOnTwoThreads) {
  constexpr int kPositions = 3000, kMoves = 45000;
  std::string nodes = "id\tname\tcompany\ttrack\tlevel\tpay\tambiguity\tleadership\n";
  for (int i = 0; i < kPositions; ++i) {
    const int id = (i * 7919) % kPositions;  // numbered out of order
    nodes += std::to_string(id) + "\tRole " + std::to_string(id) + "\tco" + std::to_string(id / 60) + "\tT" +
             std::to_string(id % 6) + "\t" + std::to_string(1 + id % 10) + "\t" + std::to_string(50000 + id) +
             "\t0.5\t" + (id % 11 == 0 ? "" : "0.25") + "\n";
  }
  std::string moves = "src\tdst\tyears\tprobability\tkind\tprovenance\n";
  for (int i = 0; i < kMoves; ++i) {
    const int from = i / 15, to = (from * 31 + i % 15 * 97 + 1) % kPositions;
    const char* kind = i % 3 == 0 ? "" : to % 10 > from % 10 ? "promotion" : "external";
    // From half way on mostly "late", so the second part meets its provenances in another
    // order than the first and they must be renumbered.
    const std::string provenance = i >= kMoves / 2 ? (i % 5 ? "late" : "survey") : i % 7 == 0 ? "survey" : "";
    moves += std::to_string(from) + "\t" + std::to_string(to) + "\t" + std::to_string(1 + i % 8) + ".125\t0." +
             std::to_string(1000 + i % 9000) + "\t" + kind + "\t" + provenance + "\n";
  }
  ASSERT_GT(moves.size(), std::size_t{1} << 20);
  auto dir_with = [&](const std::string& name, const std::string& more) {
    const std::string dir = TempPath(name);
    fs::create_directories(dir);
    WriteText(dir + "/nodes.tsv", nodes);
    WriteText(dir + "/edges.tsv", moves + more);
    return dir;
  };
  ExpectSameGraph(dir_with("large", ""));
  // The same moves with something put in every 997th line ending.
  auto every_997th = [&](const std::string& name, const std::string& insert, const std::string& also_at_end) {
    std::string text;
    std::size_t line = 0;
    for (char c : moves) {
      text += c;
      if (c == '\n' && ++line % 997 == 0) text += insert;
    }
    const std::string dir = TempPath(name);
    fs::create_directories(dir);
    WriteText(dir + "/nodes.tsv", nodes);
    WriteText(dir + "/edges.tsv", text + also_at_end);
    return dir;
  };
  // Blank lines (no record: the chunks holding them fill fewer rows than they have lines),
  // and a last line without a line end.
  ExpectSameGraph(every_997th("large_blank", "\n   \n", "5\t6\t1\t0.5\tlateral"));
  // A provenance with a letter outside ASCII (still plain: the chunks are read), and one
  // quoted (the table is not plain: it is read whole on one thread, as before).
  ExpectSameGraph(every_997th("large_utf8", "7\t8\t2\t0.5\tlateral\tZ\u00fcrich survey\n", ""));
  ExpectSameGraph(every_997th("large_quoted", "7\t8\t2\t0.5\tlateral\t\"survey, 2024\"\n", ""));
  {  // A byte that is not UTF-8, far in: declined, and the general path says where.
    const std::string dir = every_997th("large_not_utf8", "", "9\t10\t1\t0.5\tlateral\tS\xe9ville\n");
    EXPECT_FALSE(ReadCsvDirectory(dir, CsvThreads::kTwo).has_value());
    EXPECT_FALSE(ReadCsvDirectory(dir, CsvThreads::kOne).has_value());
    auto opened = OpenGraph(dir);
    ASSERT_FALSE(opened.ok());
    EXPECT_NE(opened.status().ToString().find("UTF-8"), std::string::npos) << opened.status().ToString();
    EXPECT_EQ(opened.status().line(), static_cast<unsigned>(kMoves + 2)) << opened.status().ToString();
  }
  // The last row's endpoint is unknown, then one that is not a canonical number.
  for (const char* bad : {"2\t3000\t1\t0.5\tpromotion\n", "2\t03\t1\t0.5\tpromotion\n"}) {
    const std::string dir = dir_with("large_bad", bad);
    EXPECT_FALSE(ReadCsvDirectory(dir, CsvThreads::kTwo).has_value());
    EXPECT_FALSE(ReadCsvDirectory(dir, CsvThreads::kOne).has_value());
    auto opened = OpenGraph(dir);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.status().line(), static_cast<unsigned>(kMoves + 2)) << opened.status().ToString();
    fs::remove_all(dir);
  }
}

// The same for positions named by text: the chunks keep each endpoint as written, and once
// the positions' thread has indexed the ids both threads look them up a chunk at a time. An
// endpoint that names no position (late in the table, or first, or a number where the ids
// are numbers but spelt otherwise) sends the directory to the general path, as does an id
// given twice.
TEST(CsvSnapshot, LargeTableWithTextIdsReadOnTwoThreads) {
  constexpr int kPositions = 3000, kMoves = 45000;
  auto id_of = [](int n) { return "role-" + std::to_string(n); };
  std::string nodes = "id\tname\tcompany\ttrack\tlevel\tpay\tambiguity\tleadership\n";
  for (int i = 0; i < kPositions; ++i) {
    const int n = (i * 7919) % kPositions;
    nodes += id_of(n) + "\tRole " + std::to_string(n) + "\tco" + std::to_string(n / 60) + "\tT" +
             std::to_string(n % 6) + "\t" + std::to_string(1 + n % 10) + "\t" + std::to_string(50000 + n) + "\t0.5\t0.25\n";
  }
  std::string moves = "src\tdst\tyears\tprobability\tkind\n";
  for (int i = 0; i < kMoves; ++i) {
    const int from = i / 15, to = (from * 31 + i % 15 * 97 + 1) % kPositions;
    const char* kind = i % 3 == 0 ? "" : to % 10 > from % 10 ? "promotion" : "external";
    moves += id_of(from) + "\t" + id_of(to) + "\t" + std::to_string(1 + i % 8) + ".125\t0." +
             std::to_string(1000 + i % 9000) + "\t" + kind + (i % 1999 == 5 ? "\n\n" : "\n");
  }
  ASSERT_GT(moves.size(), std::size_t{1} << 20);
  auto dir_with = [&](const std::string& name, const std::string& first_nodes, const std::string& first_moves,
                      const std::string& last_moves) {
    const std::string dir = TempPath(name);
    fs::create_directories(dir);
    WriteText(dir + "/nodes.tsv", nodes + first_nodes);
    const std::size_t header = moves.find('\n') + 1;
    WriteText(dir + "/edges.tsv", moves.substr(0, header) + first_moves + moves.substr(header) + last_moves);
    return dir;
  };
  ExpectSameGraph(dir_with("text_ids", "", "", ""));
  // A first move whose endpoints are numbers: the chunks read numbers, the ids are not
  // numbers, and the moves are read again by hashing (the same graph).
  ExpectSameGraph(dir_with("text_ids_number_first", "7\tSeven\tco\tT\t1\t1\t0.5\t0.25\n", "7\t7\t1\t0.5\tlateral\n", ""));
  struct Bad {
    const char *name, *first_nodes, *first_moves, *last_moves, *says;
    unsigned line;
  };
  for (const Bad& bad : {
           Bad{"late_unknown", "", "", "role-2\trole-3000\t1\t0.5\tpromotion\n", "role-3000", 0},
           Bad{"first_unknown", "", "role-2\trole-x\t1\t0.5\tpromotion\n", "", "role-x", 2},
           Bad{"twice", "role-9\tAgain\tco\tT\t1\t1\t0.5\t0.25\n", "", "", "role-9", 0},
       }) {
    SCOPED_TRACE(bad.name);
    const std::string dir = dir_with(std::string("text_ids_") + bad.name, bad.first_nodes, bad.first_moves, bad.last_moves);
    // Declined by the reader, or (an id given twice) by Build, as the caller meets it.
    auto declined = [&](CsvThreads threads, std::size_t chunk) {
      auto parts = ReadCsvDirectory(dir, threads, chunk);
      return !parts || !CareerGraph::Build(std::move(*parts)).ok();
    };
    EXPECT_TRUE(declined(CsvThreads::kTwo, 0));
    EXPECT_TRUE(declined(CsvThreads::kTwo, 97));
    EXPECT_TRUE(declined(CsvThreads::kOne, 0));
    auto opened = OpenGraph(dir);
    ASSERT_FALSE(opened.ok());
    EXPECT_NE(opened.status().ToString().find(bad.says), std::string::npos) << opened.status().ToString();
    if (bad.line != 0) {
      EXPECT_EQ(opened.status().line(), bad.line) << opened.status().ToString();
    }
    fs::remove_all(dir);
  }
}

TEST(CsvSnapshot, PeersDirectoryWithItsQueriesTableIsReadFast) {
  // queries.tsv (key, value) fits neither role: the general path skips it with a warning a
  // query never shows, so the fast reader must skip it too rather than decline.
  const std::string dir = TempPath("peers_with_queries");
  fs::create_directories(dir);
  for (const char* f : {"nodes.tsv", "edges.tsv"})
    fs::copy_file(SourcePath(std::string("tests/testdata/peers_tiny/") + f), dir + "/" + f);
  WriteText(dir + "/queries.tsv", "key\tvalue\nscale\ttiny\nsource\t0\ntarget\t55\n");
  ASSERT_TRUE(ReadCsvDirectory(dir).has_value());
  ExpectSameGraph(dir);
}

std::string Dir(const std::string& name, const std::string& positions, const std::string& transitions);

TEST(CsvSnapshot, LineShapesReadAsTheGeneralPathReadsThem) {
  // Blank lines (empty or blanks only), blanks around fields, a byte-order mark, a short
  // row, a trailing delimiter, a last line without a line end, CRLF and a quoted field
  // (these two take the general tokenizer).
  const std::string positions = "id,title,track,level,pay,ambiguity,leadership\n\n  a , Analyst ,ops,1,50000,0.1,0.2\n   \n"
                                "b,Senior Analyst,ops,2,65000,0.2,0.3\nc,Lead,ops,3,,,\nd,Director,ops,4\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"plain", "from,to,years,probability,kind\n\na,b,2,0.8,promotion\n  \nb,c,1.5,80%,\nc,d,3,1,lateral"},
      {"plain-blank-ids", "from,to,years,probability,kind\n a ,b,2,0.8,promotion\nb, c ,1.5,0.9,\na,d,4,0.25,track-switch\n"},
      {"reordered", "kind,years,to,note,from,probability\npromotion,2,b,x,a,0.8\n,1.5,c,,b,0.9\nlateral,3,d,y,c,1\n"},
      {"bom", "\xEF\xBB\xBF" "from,to,years,probability\na,b,2,0.8\n"},
      {"crlf", "from,to,years,probability,kind\r\na,b,2,0.8,promotion\r\nb,c,1,0.5,\r\n"},
      {"quoted", "from,to,years,probability,kind\na,b,2,0.8,\"promotion\"\nb,\"c\",1,0.5,\n"},
  };
  for (const auto& [name, moves] : cases) {
    SCOPED_TRACE(name);
    ExpectSameGraph(Dir("shape_" + name, positions, moves));
  }
}

// Numbered moves tables and plain positions tables take the one-pass line readers; a line
// they do not take whole is read by the general rules. Every shape on both sides of that
// line must read as the general path reads it, with the columns in any order and a column
// the readers skip.
TEST(CsvSnapshot, NumberedLineShapesReadAsTheGeneralPathReadsThem) {
  const std::string positions =
      "id,title,track,level,pay,ambiguity,leadership\n0,Analyst,ops,1,50000,0.1,0.2\n1,Senior,ops,2,65000,0.2,0.3\n"
      "2,Lead,ops,3,,,\n3,Director,ops,4,90000,0.5,0.5\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"tight", "from,to,years,probability,kind\n0,1,2,0.8,promotion\n1,2,1.5,0.75,lateral\n2,3,3,1,\n"},
      {"no-last-line-end", "from,to,years,probability,kind\n0,1,2,0.8,promotion\n1,2,1.5,0.75,lateral"},
      {"no-kind-column", "from,to,years,probability\n0,1,2,0.8\n2,3,0.5,0.25\n"},
      {"blanks", "from,to,years,probability,kind\n 0,1,2,0.8,promotion\n1 ,2, 1.5,0.75 , lateral \n2,3,3,1,  \n"},
      {"signs-percent-exponent",
       "from,to,years,probability,kind\n0,1,+2,80%,promotion\n1,2,1.5e0,0.75,lateral\n2,3,.5,1.,promotion\n"},
      {"long-decimals", "from,to,years,probability,kind\n0,1,2.0000000000000001,0.1234567890123456789,promotion\n"
                        "1,2,12.3456789012345,0.99999999999999,lateral\n"},
      {"blank-and-short-lines", "from,to,years,probability,kind\n\n0,1,2,0.8,promotion\n   \n1,2,1.5,0.75\n\n"},
      {"kind-spellings", "from,to,years,probability,kind\n0,1,2,0.8,PROMOTION\n1,2,1,0.5,Track-Switch\n"
                         "2,3,1,0.5,transition_kind_lateral\n0,2,1,0.5,promotion\n1,3,1,0.5,PROMOTION\n"},
      {"reordered-with-extra", "kind,probability,note,years,to,from,provenance\npromotion,0.8,x,2,1,0\n"
                               "lateral,0.75,,1.5,2,1,survey 2024\n,1,y,3,3,2,\n"},
  };
  for (const auto& [name, moves] : cases) {
    SCOPED_TRACE(name);
    ExpectSameGraph(Dir("numbered_shape_" + name, positions, moves));
  }
  // Positions tables the one-pass reader takes line by line, and lines it leaves to the
  // general rules: blanks, "unknown", empty and missing cells, a level written "2.0", a pay
  // with an exponent or a sign, a column it skips, the columns in another order, a blank
  // line, a last line without a line end.
  const std::string moves = "from,to,years,probability,kind\n0,1,2,0.8,promotion\n1,2,1.5,0.75,\n2,3,3,1,lateral\n";
  const std::vector<std::pair<std::string, std::string>> position_cases = {
      {"positions-blanks", "id,title,track,level,pay,ambiguity,leadership\n0, Analyst ,ops,1,50000,0.1,0.2\n"
                           " 1,Senior,ops,2, 65000,0.2,0.3\n2,Lead,ops,3,,,\n3,Director,ops,4,unknown,UNKNOWN,0.5\n"},
      {"positions-numbers", "id,title,track,level,pay,ambiguity,leadership\n0,Analyst,ops,1.0,5e4,0.11800000000000001,0.2\n"
                            "1,Senior,ops,2,+65000,0.2,0.3\n2,Lead,ops,3,70000.5,.5,1\n3,Director,ops,4\n"},
      {"positions-reordered", "leadership,note,pay,id,ambiguity,level,title,org\n0.2,x,50000,0,0.1,1,Analyst,Acme\n"
                              "\n0.3,,65000,1,0.2,2,,Acme\n,,,2,,3,Lead,\n0.5,y,90000,3,0.5,4,Director,Acme"},
  };
  for (const auto& [name, table] : position_cases) {
    SCOPED_TRACE(name);
    ExpectSameGraph(Dir("numbered_shape_" + name, table, moves));
  }
}

TEST(CsvSnapshot, PlainDecimalsParseToFromCharsDouble) {
  // The fast decimal path must give the very double from_chars gives, for every shape it
  // takes and for those it leaves to from_chars.
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200000; ++i) {
    std::string s = (rng() % 5 == 0 ? "-" : "") + std::to_string(rng() % 1000000000000000ull >> (rng() % 50));
    if (rng() % 4 != 0) s.insert(s.size() - std::min<std::size_t>(s.size() - (s[0] == '-'), rng() % 18), ".");
    if (s.back() == '.' || s[0] == '.' || s.rfind("-.", 0) == 0) continue;
    double want = 0, got = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), want);
    ASSERT_EQ(r.ec, std::errc()) << s;
    ASSERT_TRUE(ParseDouble(s, &got)) << s;
    ASSERT_EQ(std::memcmp(&got, &want, sizeof got), 0) << s << ": " << got << " vs " << want;
  }
  for (const char* s : {"1.", ".5", "1e3", "-0", "+2.5", " 3.25 ", "0.1000000000000000055511151231257827", "inf"}) {
    double want = 0, got = 0;
    std::string_view v = TrimBlanks(s);
    if (v.front() == '+') v.remove_prefix(1);
    ASSERT_EQ(std::from_chars(v.data(), v.data() + v.size(), want).ec, std::errc()) << s;
    ASSERT_TRUE(ParseDouble(s, &got)) << s;
    EXPECT_EQ(std::memcmp(&got, &want, sizeof got), 0) << s;
  }
  double d = 0;
  for (const char* s : {"", "-", "1.2.3", "1,5", "12a", "--1", "1 2"}) EXPECT_FALSE(ParseDouble(s, &d)) << s;
}

// A directory of one positions and one transitions table.
std::string Dir(const std::string& name, const std::string& positions, const std::string& transitions) {
  const std::string dir = TempPath(name);
  fs::create_directories(dir);
  WriteText(dir + "/positions.csv", positions);
  WriteText(dir + "/transitions.csv", transitions);
  return dir;
}

const std::string kPositions =
    "id,title,track,level,pay,ambiguity,leadership\n"
    "a,Analyst,ops,1,50000,0.1,0.2\n"
    "b,Senior Analyst,ops,2,65000,0.2,0.3\n";
const std::string kMoves = "from,to,years,probability,kind\na,b,2,0.8,promotion\n";

TEST(CsvSnapshot, DeclinesWhatTheGeneralPathReportsAndOpenGraphReportsItThere) {
  struct Case {
    const char* name;
    std::string positions, transitions;
    const char* file;  // the file the error names
    unsigned line;
  };
  const std::vector<Case> cases = {
      {"malformed_pay", "id,pay,ambiguity,leadership\na,50k,,\nb,1,,\n",
       kMoves.substr(0, kMoves.find('\n') + 1) + "a,b,2,0.8,\n", "positions.csv", 2},
      {"missing_pay_column", "id,ambiguity,leadership\na,0.1,0.1\nb,0.2,0.2\n", kMoves, "positions.csv", 1},
      {"empty_years", kPositions, "from,to,years,probability\na,b,,0.8\n", "transitions.csv", 2},
      {"unknown_endpoint", kPositions, kMoves + "a,zz,1,0.5,lateral\n", "transitions.csv", 3},
      {"bad_kind", kPositions, kMoves + "b,a,1,0.5,demotion\n", "transitions.csv", 3},
      {"extra_field", kPositions, kMoves + "b,a,1,0.5,lateral,oops\n", "transitions.csv", 3},
      {"empty_id", kPositions + ",Nobody,ops,1,1,0,0\n", kMoves, "positions.csv", 4},
      {"open_quote", kPositions + "\"c,Unclosed,ops,1,1,0,0\n", kMoves, "positions.csv", 4},
      // Left to Build, which fails; OpenGraph then takes the general path.
      {"duplicate_id", kPositions + "a,Again,ops,1,1,0,0\n", kMoves, "positions.csv", 4},
      {"negative_pay", kPositions + "c,Broke,ops,1,-5,0,0\n", kMoves, "positions.csv", 4},
      {"probability_above_one", kPositions, kMoves + "b,a,1,1.5,lateral\n", "transitions.csv", 3},
      {"no_positions", "id,pay,ambiguity,leadership\n", "from,to,years,probability\n", "no_positions", 0},
      // Numbered positions: "07" is not the id "7" (endpoints are compared as text).
      {"numbered_non_canonical", "id,pay,ambiguity,leadership\n7,1,0,0\n8,2,0,0\n",
       "from,to,years,probability\n7,8,1,0.5\n07,8,1,0.5\n", "transitions.csv", 3},
      {"numbered_unknown", "id,pay,ambiguity,leadership\n7,1,0,0\n8,2,0,0\n",
       "from,to,years,probability\n7,8,1,0.5\n8,9,1,0.5\n", "transitions.csv", 3},
      {"numbered_duplicate", "id,pay,ambiguity,leadership\n7,1,0,0\n8,2,0,0\n7,3,0,0\n",
       "from,to,years,probability\n7,8,1,0.5\n", "positions.csv", 4},
      {"malformed_years_in_a_plain_table", kPositions, kMoves + "b,a,1 year,0.5,lateral\n", "transitions.csv", 3},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string dir = Dir(c.name, c.positions, c.transitions);
    auto parts = ReadCsvDirectory(dir);
    if (parts.has_value()) {
      EXPECT_FALSE(CareerGraph::Build(std::move(*parts)).ok()) << "neither the reader nor Build caught it";
    }
    const Status want = LoadLadders({dir}, LoadOptions{.warnings = false}).FirstError();
    ASSERT_FALSE(want.ok());
    auto opened = OpenGraph(dir);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.status().ToString(), want.ToString());
    EXPECT_EQ(fs::path(opened.status().file()).filename().string(), c.file) << opened.status().ToString();
    EXPECT_EQ(opened.status().line(), c.line) << opened.status().ToString();
  }
}

TEST(CsvSnapshot, LeavesOtherFormatsInTheDirectoryToTheGeneralPath) {
  const std::string dir = Dir("with_yaml", kPositions, kMoves);
  WriteText(dir + "/more.yaml", "name: more\ntracks:\n  - id: x\n    levels:\n      - id: x1\n        title: X One\n");
  EXPECT_FALSE(ReadCsvDirectory(dir).has_value());
  EXPECT_FALSE(ReadCsvDirectory(TempPath("no_such_dir")).has_value());
  const std::string empty = TempPath("empty_dir");
  fs::create_directories(empty);
  EXPECT_FALSE(ReadCsvDirectory(empty).has_value());
}

TEST(CsvSnapshot, OpenGraphOnADirectoryGivesTheGeneralPathsGraph) {
  const std::string dir = Dir("open", kPositions, kMoves + "b,a,1,0.5,\n");
  auto opened = OpenGraph(dir);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  LoadResult general = LoadLadders({dir});
  auto want = CareerGraph::Build(std::move(general.graph));
  ASSERT_TRUE(want.ok());
  EXPECT_EQ((*opened)->ToSnapshot().DebugString(), (*want)->ToSnapshot().DebugString());
  EXPECT_EQ((*opened)->metadata().name(), "open");
  EXPECT_EQ((*opened)->kind(1), v1::TRANSITION_KIND_LATERAL);  // inferred: same track, not one level up
}

}  // namespace
}  // namespace careergraph::io
