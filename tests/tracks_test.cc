// Tracks as first-class data: names and descriptions from YAML, level labels, lookups by
// track name and by "label + track" or an abbreviated title, `DescribeTracks`, the compare
// verdict's drivers on hand-made ladders, and export -> import keeping all of it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "engine/compare.h"
#include "engine/tracks.h"
#include "io/load.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::RunCli;
using testing::RunResult;
using testing::TempPath;

// Two tracks on different scales: SWE on IC3..IC6, PM on L4..L6. Switching into PM at the
// same level is the harder move unless `pm_odds` says otherwise.
std::string Yaml(double pm_odds = 0.30, double tpm_to_pm = 0.40) {
  return "name: Acme\n"
         "version: \"1\"\n"
         "currency: USD\n"
         "org: Acme\n"
         "tracks:\n"
         "  - id: swe\n"
         "    name: Software Engineering\n"
         "    description: Builds the product.\n"
         "    promotion: {years: 2, probability: 0.7}\n"
         "    levels:\n"
         "      - {id: swe3, title: Software Engineer, label: IC3, level: 3, pay: 150000, ambiguity: 0.2, leadership: 0.1}\n"
         "      - {id: swe4, title: Senior Software Engineer, label: IC4, level: 4, pay: 200000, ambiguity: 0.3, leadership: 0.2}\n"
         "      - {id: swe5, title: Staff Software Engineer, label: IC5, level: 5, pay: 280000, ambiguity: 0.4, leadership: 0.3}\n"
         "  - id: pm\n"
         "    name: Product Management\n"
         "    description: Owns what to build and why.\n"
         "    promotion: {years: 2, probability: 0.6}\n"
         "    levels:\n"
         "      - {id: pm4, title: Senior Product Manager, label: L4, level: 4, pay: 220000, ambiguity: 0.5, leadership: 0.4}\n"
         "      - {id: pm5, title: Principal Product Manager, label: L5, level: 5, pay: 320000, ambiguity: 0.6, leadership: 0.5}\n"
         "      - {id: pm6, title: Director of Product, label: L6, level: 6, pay: 450000, ambiguity: 0.7, leadership: 0.7}\n"
         "  - id: tpm\n"
         "    name: Technical Program Management\n"
         "    description: Owns how and when it ships.\n"
         "    promotion: {years: 2, probability: 0.6}\n"
         "    levels:\n"
         "      - {id: tpm5, title: Staff Technical Program Manager, label: L5, level: 5, pay: 270000, ambiguity: 0.45, leadership: 0.4}\n"
         "      - {id: tpm6, title: Principal Technical Program Manager, label: L6, level: 6, pay: 340000, ambiguity: 0.5, leadership: 0.5}\n"
         "transitions:\n"
         "  - {from: swe5, to: pm5, kind: track_switch, years: 1, probability: " +
         std::to_string(pm_odds) +
         "}\n"
         "  - {from: swe5, to: tpm5, kind: track_switch, years: 1, probability: 0.6}\n"
         "  - {from: tpm5, to: pm5, kind: track_switch, years: 1, probability: " +
         std::to_string(tpm_to_pm) + "}\n";
}

GraphPtr Build(const std::string& yaml) {
  io::LoadResult r = io::LoadYamlLadder(yaml, "acme.yaml");
  EXPECT_FALSE(r.has_errors()) << r.FirstError().ToString();
  auto g = CareerGraph::Build(r.graph);
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return *g;
}

TEST(Tracks, YamlCarriesNamesDescriptionsAndLabels) {
  auto g = Build(Yaml());
  ASSERT_EQ(g->metadata().tracks_size(), 3);
  const v1::Track& pm = g->metadata().tracks(1);
  EXPECT_EQ(pm.id(), "pm");
  EXPECT_EQ(pm.name(), "Product Management");
  EXPECT_EQ(pm.description(), "Owns what to build and why.");
  ASSERT_EQ(pm.levels_size(), 3);
  EXPECT_EQ(pm.levels(0).label(), "L4");
  EXPECT_EQ(pm.levels(2).level(), 6);
  auto v = g->index().Resolve("swe4");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(g->position(*v).level_label(), "IC4");
  EXPECT_EQ(LevelLabelOf(*g, *v), "IC4");
}

TEST(Tracks, TracksAreNamedByIdNameOrWordCaseInsensitively) {
  auto g = Build(Yaml());
  for (const char* name : {"pm", "PM", "Product Management", "product management", "product", "  Product  "}) {
    auto t = ResolveTrack(*g, name, "track");
    ASSERT_TRUE(t.ok()) << name << ": " << t.status().ToString();
    EXPECT_EQ(g->tracks()[*t], "pm") << name;
  }
  auto tpm = ResolveTrack(*g, "technical program management", "track");
  ASSERT_TRUE(tpm.ok());
  EXPECT_EQ(g->tracks()[*tpm], "tpm");
  // "management" is a word of two names: ambiguous, and says which.
  auto amb = ResolveTrack(*g, "management", "track");
  ASSERT_FALSE(amb.ok());
  EXPECT_NE(amb.status().message().find("ambiguous"), std::string::npos) << amb.status().ToString();
  // A typo suggests the closest.
  auto miss = ResolveTrack(*g, "Prodct Management", "tracks[0]");
  ASSERT_FALSE(miss.ok());
  EXPECT_EQ(miss.status().field(), "tracks[0]");
  EXPECT_NE(miss.status().message().find("did you mean 'pm'?"), std::string::npos) << miss.status().ToString();
}

TEST(Tracks, PositionsAreNamedByLabelAndTrackOrAbbreviatedTitle) {
  auto g = Build(Yaml());
  auto id = [&](const std::string& q) {
    auto v = g->index().Resolve(q, "from");
    return v.ok() ? g->position(*v).id() : "error: " + v.status().message();
  };
  EXPECT_EQ(id("IC3 SWE"), "swe3");
  EXPECT_EQ(id("swe ic3"), "swe3");
  EXPECT_EQ(id("ic5 software engineering"), "swe5");
  EXPECT_EQ(id("L5 pm"), "pm5");
  EXPECT_EQ(id("L5 Product Management"), "pm5");
  EXPECT_EQ(id("tpm l6"), "tpm6");
  EXPECT_EQ(id("Senior PM"), "pm4");
  EXPECT_EQ(id("Staff TPM"), "tpm5");
  // The track's id for the title words it abbreviates: "SWE" is soft-W-are Engineer in
  // track swe, and stands for exactly those words.
  EXPECT_EQ(id("Staff SWE @ acme"), "swe5");
  EXPECT_EQ(id("Senior SWE"), "swe4");  // not Senior Staff... (swe does not abbreviate "staff software engineer")
  EXPECT_EQ(id("Staff PM").rfind("error: unknown position 'Staff PM'", 0), 0u);  // pm has no Staff
  EXPECT_EQ(id("Senior TPM").rfind("error: unknown position", 0), 0u);  // tpm's titles are Staff and Principal
  // A track id alone names no position, and "swe" stands for no title in track pm.
  EXPECT_EQ(id("swe").rfind("error: unknown position 'swe'", 0), 0u);
  EXPECT_EQ(id("Senior Product SWE").rfind("error: unknown position", 0), 0u);
  // Word abbreviations, with or without the dot, and small words left out.
  EXPECT_EQ(id("Sr Software Engineer"), "swe4");
  EXPECT_EQ(id("Sr. SWE"), "swe4");
  EXPECT_EQ(id("Prin PM"), "pm5");
  EXPECT_EQ(id("Dir Product"), "pm6");
  EXPECT_EQ(id("Dir of Product"), "pm6");
  EXPECT_EQ(id("IC4 swe @ Acme"), "swe4");
  EXPECT_EQ(id("L5 pm @ Elsewhere").rfind("error: unknown position", 0), 0u);
}

TEST(Tracks, AMissSuggestsTheAbbreviatedTitleOneTypoAway) {
  auto g = Build(Yaml());
  auto message = [&](const std::string& q) {
    auto v = g->index().Resolve(q, "from");
    return v.ok() ? "resolved to " + g->position(*v).id() : v.status().message();
  };
  // Letters alone find nothing close to "Staf SWE"; as words it is Staff SWE with a typo.
  EXPECT_EQ(message("Staf SWE"), "unknown position 'Staf SWE'; did you mean 'Staff Software Engineer'?");
  EXPECT_EQ(message("Princpal TPM"), "unknown position 'Princpal TPM'; did you mean 'Principal Technical Program Manager'?");
  EXPECT_EQ(message("Sr Prodct Mgr"), "unknown position 'Sr Prodct Mgr'; did you mean 'Senior Product Manager'?");
  // Short words are never corrected ("sr" is not "sre"), so a typo there finds no alias.
  EXPECT_EQ(message("Sx SWE").find("did you mean 'Senior Software Engineer'"), std::string::npos);
  // A word of titles suggests the titles that have it.
  EXPECT_EQ(message("principal"),
            "unknown position 'principal'; did you mean 'Principal Product Manager' or 'Principal Technical Program "
            "Manager'?");
  EXPECT_EQ(message("astronaut"), "unknown position 'astronaut'; list positions with `careergraph positions --search TEXT`");
}

// On a ladder of thousands of orgs an alias is read once per (track, title) when titles
// repeat, and title by title when every title names its org: the same positions either way,
// in index order.
TEST(Tracks, AliasesOnLargeLaddersFindEveryPositionTheTitleNames) {
  const google::protobuf::RepeatedPtrField<v1::Track> no_tracks;
  auto position = [](const std::string& id, const std::string& title, const std::string& track) {
    v1::Position p;
    p.set_id(id);
    p.set_title(title);
    p.set_track(track);
    p.set_org(id);
    return p;
  };
  constexpr std::uint32_t kOrgs = 6000;  // past the first few thousand titles
  PositionList shared, own;
  std::vector<std::uint32_t> staff_swe, senior_pm;
  for (std::uint32_t k = 0; k < kOrgs; ++k) {
    const std::string org = std::to_string(k);
    staff_swe.push_back(static_cast<std::uint32_t>(shared.size()));
    shared.push_back(position("swe-" + org, "Staff Software Engineer", "swe"));
    senior_pm.push_back(static_cast<std::uint32_t>(shared.size()));
    shared.push_back(position("pm-" + org, "Senior Product Manager", "pm"));
    own.push_back(position("swe-" + org, "Staff Software Engineer Org" + org, "swe"));
    own.push_back(position("pm-" + org, "Senior Product Manager Org" + org, "pm"));
  }
  EXPECT_EQ(FindPositionAliases("Staff SWE", shared, no_tracks).exact, staff_swe);
  EXPECT_EQ(FindPositionAliases("Sr PM", shared, no_tracks).exact, senior_pm);
  EXPECT_EQ(FindPositionAliases("Staf SWE", shared, no_tracks).close, staff_swe);
  EXPECT_TRUE(FindPositionAliases("Staff PM", shared, no_tracks).exact.empty());
  // Every title its own: the one it names, early or late in the ladder.
  for (std::uint32_t k : {7u, 4321u, kOrgs - 1}) {
    const std::string org = std::to_string(k);
    EXPECT_EQ(FindPositionAliases("Staff SWE Org" + org, own, no_tracks).exact, std::vector<std::uint32_t>{2 * k}) << k;
    EXPECT_EQ(FindPositionAliases("Senior PM Org" + org, own, no_tracks).exact, std::vector<std::uint32_t>{2 * k + 1}) << k;
    const auto close = FindPositionAliases("Staf SWE Org" + org, own, no_tracks).close;
    ASSERT_FALSE(close.empty()) << k;
    EXPECT_EQ(close.front(), 2 * k) << k;
  }
}

// Titles are skipped by their word count (a one-word query is only ever a one-word title)
// and remembered by title and which query words name the track: on random ladders, with
// tracks shared by every org or each org's own, the hits are those of reading every title.
TEST(Tracks, AliasShortcutsFindWhatReadingEveryTitleFinds) {
  std::mt19937 rng(23);
  const std::vector<std::string> vocabulary = {"Staff", "Senior", "Software", "Engineer", "Product", "Manager",
                                               "Director", "of", "the", "and", "&", "VP", "Engineering",
                                               "Principal", "Technical", "Program", "Data", "Scientist", "Lead"};
  const std::vector<std::string> query_words = {"staff", "sr", "senior", "swe", "pm", "tpm", "dir", "vp", "eng",
                                                "engineer", "enginer", "product", "prodct", "manager", "mgr",
                                                "ds", "data", "scientist", "of", "lead", "ic5", "l6", "x"};
  auto pick = [&](const std::vector<std::string>& from) { return from[rng() % from.size()]; };
  for (int ladder = 0; ladder < 12; ++ladder) {
    const bool own_tracks = ladder % 2 == 1;
    const int orgs = ladder < 2 ? 700 : 1 + static_cast<int>(rng() % 40);  // the first two pass the memo's trial
    google::protobuf::RepeatedPtrField<v1::Track> tracks;
    PositionList ps;
    const std::vector<std::pair<std::string, std::string>> kinds = {
        {"swe", "Software Engineering"}, {"pm", "Product Management"}, {"tpm", "Technical Program Management"},
        {"ds", "Data Science"}};
    for (int o = 0; o < orgs; ++o) {
      const std::string org = "Org" + std::to_string(o);
      for (const auto& [kind, name] : kinds) {
        if (rng() % 3 == 0) continue;
        const std::string track = own_tracks ? org + "-" + kind : kind;
        if (own_tracks || o == 0) {
          v1::Track* t = tracks.Add();
          t->set_id(track);
          if (rng() % 4 != 0) t->set_name(name);
        }
        for (int level = 1 + static_cast<int>(rng() % 3); level <= 6; level += 1 + static_cast<int>(rng() % 2)) {
          v1::Position p;
          p.set_id(track + "-" + std::to_string(level) + "-" + std::to_string(o));
          std::string title;
          for (int w = 0, words = 1 + static_cast<int>(rng() % 4); w < words; ++w) title += (w ? " " : "") + pick(vocabulary);
          if (rng() % 50 == 0) title += ", " + org;
          p.set_title(title);
          p.set_org(org);
          p.set_track(track);
          p.set_level(level);
          if (rng() % 3 == 0) p.set_level_label((rng() % 2 ? "IC" : "L") + std::to_string(level));
          ps.push_back(std::move(p));
        }
      }
    }
    for (int query = 0; query < 60; ++query) {
      std::string q;
      for (int w = 0, words = 1 + static_cast<int>(rng() % 3); w < words; ++w) q += (w ? " " : "") + pick(query_words);
      if (rng() % 8 == 0) q += " @ org" + std::to_string(rng() % orgs);
      const PositionAliasHits fast = FindPositionAliases(q, ps, tracks);
      const PositionAliasHits plain = tracks_internal::FindPositionAliasesTitleByTitle(q, ps, tracks);
      ASSERT_EQ(fast.exact, plain.exact) << "ladder " << ladder << " query '" << q << "'";
      ASSERT_EQ(fast.close, plain.close) << "ladder " << ladder << " query '" << q << "'";
    }
  }
}

// Each track's description is the metadata's first with its id, on a ladder of a few tracks
// and of thousands (each org its own), and a track the metadata does not describe has none.
TEST(Tracks, ATrackIsDescribedByTheFirstEntryWithItsId) {
  for (const int orgs : {1, 3000}) {
    v1::Graph graph = testing::MakeGraph({"a|A|swe|1|100|0.1|0.1", "b|B|pm|1|100|0.1|0.1"}, {"a>b|lateral|1|0.5"});
    for (int o = 0; o < orgs; ++o) {
      v1::Position* p = graph.add_positions();
      p->set_id("x" + std::to_string(o));
      p->set_title("X");
      p->set_org("Org" + std::to_string(o));
      p->set_track("org" + std::to_string(o) + "-swe");
      v1::Track* t = graph.mutable_metadata()->add_tracks();
      t->set_id(p->track());
      t->set_name("Engineering at Org" + std::to_string(o));
    }
    for (const char* name : {"Software Engineering", "Second description"}) {
      v1::Track* t = graph.mutable_metadata()->add_tracks();
      t->set_id("swe");
      t->set_name(name);
    }
    auto g = CareerGraph::Build(graph);
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    auto name_of = [&](const std::string& track) {
      for (std::uint32_t t = 0; t < (*g)->tracks().size(); ++t)
        if ((*g)->tracks()[t] == track) return TrackDisplayName(**g, t);
      return std::string("no such track");
    };
    EXPECT_EQ(name_of("swe"), "Software Engineering") << orgs;
    EXPECT_EQ(name_of("pm"), "pm") << orgs;  // not described: its id
    EXPECT_EQ(name_of("org" + std::to_string(orgs - 1) + "-swe"), "Engineering at Org" + std::to_string(orgs - 1));
  }
}

TEST(Tracks, DescribeTracksGivesTheLadderWaysInAndOutAndTimeToTheTop) {
  auto g = Build(Yaml());
  v1::TracksRequest req;
  req.set_track("Product Management");
  auto r = DescribeTracks(*g, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->tracks_size(), 1);
  const auto& t = r->tracks(0);
  EXPECT_EQ(t.name(), "Product Management");
  ASSERT_EQ(t.ladder_size(), 3);
  EXPECT_EQ(t.ladder(0).position_id(), "pm4");
  EXPECT_EQ(t.ladder(0).level_label(), "L4");
  EXPECT_EQ(t.ladder(0).next_id(), "pm5");
  EXPECT_DOUBLE_EQ(t.ladder(0).next_years(), 2);
  EXPECT_DOUBLE_EQ(t.ladder(0).next_probability(), 0.6);
  EXPECT_TRUE(t.ladder(2).next_id().empty());
  ASSERT_EQ(t.ways_in_size(), 2);
  EXPECT_EQ(t.ways_in(0).from_id(), "swe5");
  EXPECT_EQ(t.ways_in(0).from_label(), "IC5");
  EXPECT_EQ(t.ways_in(0).level_change(), 0);
  EXPECT_DOUBLE_EQ(t.ways_in(0).pay_change(), 40000);
  EXPECT_EQ(t.ways_in(1).from_track(), "tpm");
  EXPECT_EQ(t.ways_out_size(), 0);
  EXPECT_TRUE(t.top_reachable());
  EXPECT_EQ(t.top_id(), "pm6");
  EXPECT_DOUBLE_EQ(t.years_to_top(), 4);
  EXPECT_NEAR(t.probability_to_top(), 0.36, 1e-12);
  // Every track, in first-seen order.
  auto all = DescribeTracks(*g, v1::TracksRequest());
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->tracks_size(), 3);
  EXPECT_EQ(all->tracks(2).id(), "tpm");
}

std::string Lines(const v1::CompareResponse& r) {
  std::string all;
  for (const auto& l : r.verdict_lines()) all += l + "\n";
  return all;
}

v1::CompareResponse Compare(const CareerGraph& g) {
  v1::CompareRequest req;
  req.set_from("Staff Software Engineer");
  req.add_tracks("Product Management");
  req.add_tracks("tpm");
  req.set_horizon_years(6);
  auto r = CompareOptions(g, req);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

TEST(CompareVerdict, TheHarderEntryFlipsTheExpectedWinner) {
  auto g = Build(Yaml(0.05, 0.05));
  const auto r = Compare(*g);
  const std::string all = Lines(r);
  // PM earns more when every move succeeds, TPM in expectation: the verdict says why.
  EXPECT_EQ(r.winner(), "tpm");
  EXPECT_EQ(r.verdict_lines(0).rfind("Product Management pays more if you get in, but Technical Program Management "
                                     "is the better bet over the next 6 years",
                                     0),
            0u)
      << all;
  EXPECT_NE(all.find("the switch into Product Management is the harder one (5% vs 60% per attempt)"), std::string::npos)
      << all;
  // Same-level pay, ambiguity, leadership and mobility are named with numbers.
  EXPECT_NE(all.find("Product Management pays more at every level they share (levels 5-6), by $50,000 to $110,000"),
            std::string::npos) << all;
  EXPECT_NE(all.find("at your level Principal Product Manager $320,000 vs Staff Technical Program Manager $270,000"),
            std::string::npos) << all;
  EXPECT_NE(all.find("ambiguity 0.45 vs 0.60, leadership proximity 0.40 vs 0.50"), std::string::npos) << all;
  EXPECT_NE(all.find("Product Management carries more ambiguity and sits closer to leadership"), std::string::npos) << all;
  EXPECT_NE(all.find("Upward mobility, staying in the option: 1 better-paid positions above Staff Technical Program "
                     "Manager, 1 above Principal Product Manager"),
            std::string::npos) << all;
}

TEST(CompareVerdict, AnEasyEnoughEntryKeepsTheBetterPaidWinner) {
  auto g = Build(Yaml(0.55));
  const auto r = Compare(*g);
  EXPECT_EQ(r.winner(), "pm");
  EXPECT_EQ(r.verdict_lines(0).rfind("Product Management over Technical Program Management: it earns more both ways", 0),
            0u)
      << Lines(r);
  EXPECT_EQ(r.verdict(), r.verdict_lines(0));
  // The ways in are listed with their odds; the one via TPM too.
  const auto& pm = r.options(0);
  ASSERT_EQ(pm.entries_size(), 2);
  EXPECT_EQ(pm.entries(0).via_id(), "swe5");
  EXPECT_EQ(pm.entries(1).via_id(), "tpm5");
  EXPECT_NEAR(pm.entries(1).probability(), 0.24, 1e-12);
  EXPECT_EQ(pm.name(), "Product Management");
}

TEST(Tracks, ExportThenImportKeepsTracksLabelsAndDescriptions) {
  const std::string yaml = TempPath("acme.yaml");
  std::ofstream(yaml) << Yaml();
  for (const std::string fmt : {"json", "textproto", "pb"}) {
    SCOPED_TRACE(fmt);
    const std::string out = TempPath("acme." + fmt);
    RunResult ex = RunCli({"export", "--graph", yaml, "--format", fmt, "-o", out});
    ASSERT_EQ(ex.exit_code, 0) << ex.err;
    io::LoadResult back = io::LoadLadders({out});
    ASSERT_FALSE(back.has_errors()) << back.FirstError().ToString();
    io::LoadResult orig = io::LoadLadders({yaml});
    ASSERT_EQ(back.graph.metadata().tracks_size(), 3);
    EXPECT_EQ(back.graph.metadata().tracks(1).DebugString(), orig.graph.metadata().tracks(1).DebugString());
    ASSERT_EQ(back.graph.positions_size(), orig.graph.positions_size());
    for (int i = 0; i < back.graph.positions_size(); ++i) {
      const auto& b = back.graph.positions(i);
      bool found = false;
      for (const auto& o : orig.graph.positions())
        if (o.id() == b.id()) {
          found = true;
          EXPECT_EQ(o.level_label(), b.level_label()) << o.id();
          EXPECT_EQ(o.description(), b.description()) << o.id();
        }
      EXPECT_TRUE(found) << b.id();
    }
  }
}

TEST(Tracks, CsvExportKeepsLevelLabelsAndDescriptions) {
  const std::string yaml = TempPath("acme.yaml");
  std::ofstream(yaml) << Yaml();
  const std::string dir = TempPath("csv") + "/";
  std::filesystem::create_directories(dir);
  RunResult ex = RunCli({"export", "--graph", yaml, "--format", "csv", "-o", dir});
  ASSERT_EQ(ex.exit_code, 0) << ex.err;
  io::LoadResult back = io::LoadLadders({dir});
  ASSERT_FALSE(back.has_errors()) << back.FirstError().ToString();
  auto g = CareerGraph::Build(back.graph);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  // CSV has no table of tracks: labels and descriptions of positions survive, track names
  // and descriptions do not (use JSON, text or binary protobuf for those).
  auto v = (*g)->index().Resolve("swe4");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ((*g)->position(*v).level_label(), "IC4");
  // Labels still name positions with the track id.
  auto t = (*g)->index().Resolve("IC4 swe");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(*t, *v);
}

}  // namespace
}  // namespace careergraph
