// CareerGraph::Build: the CSR arrays it fills itself against the ones Boost's constructor
// makes, in-edges mapping back to their forward edges, the columns form against the
// protobuf form, and the same errors from both.
#include "engine/career_graph.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "tests/brute_force.h"
#include "tests/test_util.h"

namespace careergraph {
namespace {

using testing::MakeEngineGraph;
using testing::MakeGraph;

// The CSR Boost builds from the graph's own (source, target) list in edge order.
Csr BoostCsr(const CareerGraph& g) {
  std::vector<std::pair<Vertex, Vertex>> pairs;
  for (EdgeId e = 0; e < g.num_transitions(); ++e) pairs.emplace_back(g.source(e), g.target(e));
  return Csr(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(), g.num_positions());
}

// Each position's in-edges as (transpose slot's source, forward edge), in order.
std::vector<std::vector<std::pair<Vertex, EdgeId>>> InEdges(const CareerGraph& g) {
  std::vector<std::vector<std::pair<Vertex, EdgeId>>> in(g.num_positions());
  for (Vertex v = 0; v < g.num_positions(); ++v)
    for (EdgeId k = g.in_begin(v); k < g.in_end(v); ++k) in[v].emplace_back(g.in_source(k), g.in_edge(k));
  return in;
}

// The same from a Boost CSR, through Boost's interface.
std::vector<std::vector<std::pair<Vertex, EdgeId>>> InEdges(const Csr& csr) {
  std::vector<std::vector<std::pair<Vertex, EdgeId>>> in(boost::num_vertices(csr));
  for (Vertex v = 0; v < in.size(); ++v)
    for (auto [it, end] = boost::in_edges(v, csr); it != end; ++it)
      in[v].emplace_back(boost::source(*it, csr), static_cast<EdgeId>(it->idx));
  return in;
}

// The graph's CSR arrays are the ones Boost's constructor makes, edge index for edge index,
// and so is the Boost CSR it lends to Boost's algorithms.
void ExpectSameCsr(const CareerGraph& g) {
  const Csr expected = BoostCsr(g);
  for (const Csr* boost_csr : {&expected, &g.csr()}) {
    ASSERT_EQ(boost::num_vertices(*boost_csr), g.num_positions());
    ASSERT_EQ(boost::num_edges(*boost_csr), g.num_transitions());
    for (Vertex v = 0; v < g.num_positions(); ++v) {
      std::vector<std::pair<EdgeId, Vertex>> want, got;
      for (auto [it, end] = boost::out_edges(v, *boost_csr); it != end; ++it)
        want.emplace_back(static_cast<EdgeId>(it->idx), boost::target(*it, *boost_csr));
      for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e) got.emplace_back(e, g.target(e));
      EXPECT_EQ(got, want) << "out-edges of " << v;
    }
    EXPECT_EQ(InEdges(g), InEdges(*boost_csr));
  }
}

// The columns form of a snapshot's transitions: rows resolved to indexes, then the table.
TransitionColumns ColumnsOf(const v1::Graph& s) {
  std::map<std::string, std::uint32_t> index;
  for (int i = 0; i < s.positions_size(); ++i) index.emplace(s.positions(i).id(), static_cast<std::uint32_t>(i));
  TransitionColumns c;
  c.provenance_strings.push_back("");
  std::map<std::string, std::uint32_t> prov{{"", 0}};
  auto prov_id = [&](const std::string& p) {
    auto [it, inserted] = prov.emplace(p, static_cast<std::uint32_t>(c.provenance_strings.size()));
    if (inserted) c.provenance_strings.push_back(p);
    return it->second;
  };
  for (const auto& t : s.transitions()) {
    c.from.push_back(index.at(t.from()));
    c.to.push_back(index.at(t.to()));
    c.kind.push_back(static_cast<std::uint8_t>(t.kind()));
    c.years.push_back(t.years());
    c.probability.push_back(t.probability());
    c.provenance.push_back(prov_id(t.provenance()));
  }
  return c;
}

// A snapshot's transition table as the columns a reader hands to Build.
TransitionColumns ColumnsOf(const v1::TransitionTable& t) {
  TransitionColumns c;
  c.from.assign(t.from().begin(), t.from().end());
  c.to.assign(t.to().begin(), t.to().end());
  for (int k : t.kind()) c.kind.push_back(static_cast<std::uint8_t>(k));
  c.years.assign(t.years().begin(), t.years().end());
  c.probability.assign(t.probability().begin(), t.probability().end());
  c.provenance.assign(t.provenance().begin(), t.provenance().end());
  c.provenance_strings.assign(t.provenance_strings().begin(), t.provenance_strings().end());
  return c;
}

SnapshotParts PartsOf(const v1::Graph& s, TransitionColumns columns) {
  SnapshotParts parts;
  parts.metadata = s.metadata();
  for (const auto& p : s.positions()) parts.positions.push_back(p);
  parts.columns = std::move(columns);
  return parts;
}

void ExpectSameGraph(const CareerGraph& a, const CareerGraph& b) {
  ASSERT_EQ(a.num_positions(), b.num_positions());
  ASSERT_EQ(a.num_transitions(), b.num_transitions());
  EXPECT_EQ(a.metadata().SerializeAsString(), b.metadata().SerializeAsString());
  for (Vertex v = 0; v < a.num_positions(); ++v) {
    EXPECT_EQ(a.position(v).SerializeAsString(), b.position(v).SerializeAsString());
    EXPECT_EQ(a.track_id(v), b.track_id(v));
    EXPECT_EQ(a.org_id(v), b.org_id(v));
    EXPECT_EQ(a.out_begin(v), b.out_begin(v));
  }
  EXPECT_EQ(a.tracks(), b.tracks());
  EXPECT_EQ(a.orgs(), b.orgs());
  EXPECT_EQ(a.max_pay(), b.max_pay());
  for (EdgeId e = 0; e < a.num_transitions(); ++e) {
    EXPECT_EQ(a.source(e), b.source(e));
    EXPECT_EQ(a.target(e), b.target(e));
    EXPECT_EQ(a.years(e), b.years(e));
    EXPECT_EQ(a.probability(e), b.probability(e));
    EXPECT_EQ(a.risk(e), b.risk(e));
    EXPECT_EQ(a.kind(e), b.kind(e));
    EXPECT_EQ(a.provenance(e), b.provenance(e));
  }
  EXPECT_EQ(InEdges(a), InEdges(b));
  EXPECT_EQ(a.ToSnapshot(true).SerializeAsString(), b.ToSnapshot(true).SerializeAsString());
}

const std::vector<std::string> kPositions = {
    "a|A|swe|1|100|0.1|0.1", "b|B|swe|2|120|0.2|0.2", "c|C|swe|3|150|0.3|0.3", "d|D|pm|2|130|0.4|0.4",
};

TEST(CareerGraphTest, InEdgesMapToTheirForwardEdges) {
  // Given out of source order on purpose: CSR edges are sorted by source, stably.
  auto g = MakeEngineGraph(kPositions, {"c>a|lateral|1|0.5", "a>b|promotion|2|0.9", "d>b|lateral|1|0.4",
                                        "a>d|track-switch|1|0.3", "b>c|promotion|2|0.8", "a>b|lateral|3|0.2"});
  ASSERT_TRUE(g);
  // Forward: a's edges first, in input order.
  ASSERT_EQ(g->num_transitions(), 6u);
  const std::vector<std::tuple<Vertex, Vertex, double>> forward = {
      {0, 1, 2}, {0, 3, 1}, {0, 1, 3}, {1, 2, 2}, {2, 0, 1}, {3, 1, 1}};
  for (EdgeId e = 0; e < 6; ++e) {
    EXPECT_EQ(g->source(e), std::get<0>(forward[e])) << e;
    EXPECT_EQ(g->target(e), std::get<1>(forward[e])) << e;
    EXPECT_EQ(g->years(e), std::get<2>(forward[e])) << e;
  }
  // Into b: edges 0 (a), 2 (a again) and 5 (d), in forward order.
  std::vector<EdgeId> into_b;
  g->ForEachInEdge(1, [&](EdgeId e) { into_b.push_back(e); });
  EXPECT_EQ(into_b, (std::vector<EdgeId>{0, 2, 5}));
  for (Vertex v = 0; v < g->num_positions(); ++v) {
    g->ForEachInEdge(v, [&](EdgeId e) { EXPECT_EQ(g->target(e), v); });
    auto [it, end] = boost::in_edges(v, g->csr());
    for (; it != end; ++it) {
      EXPECT_EQ(boost::target(*it, g->csr()), v);
      EXPECT_EQ(boost::source(*it, g->csr()), g->source(static_cast<EdgeId>(it->idx)));
    }
    EXPECT_EQ(boost::in_degree(v, g->csr()), static_cast<std::size_t>(std::count_if(
                                                 forward.begin(), forward.end(),
                                                 [&](const auto& f) { return std::get<1>(f) == v; })));
  }
  ExpectSameCsr(*g);
}

TEST(CareerGraphTest, CsrMatchesBoostOnRandomGraphs) {
  std::mt19937 rng(11);
  for (int round = 0; round < 200; ++round) {
    testing::RandomGraphOptions o;
    o.min_positions = 1;
    o.max_positions = 30;
    o.edge_probability = round % 2 ? 0.5 : 0.1;
    o.allow_self_loops = true;
    v1::Graph s = testing::RandomGraph(rng, o);
    auto g = CareerGraph::Build(s);
    ASSERT_TRUE(g.ok()) << g.status().message();
    ExpectSameCsr(**g);
  }
}

TEST(CareerGraphTest, EmptyGraphs) {
  auto none = CareerGraph::Build(v1::Graph());
  ASSERT_TRUE(none.ok());
  EXPECT_EQ((*none)->num_positions(), 0u);
  EXPECT_EQ((*none)->num_transitions(), 0u);
  ExpectSameCsr(**none);
  auto isolated = MakeEngineGraph(kPositions, {});
  ASSERT_TRUE(isolated);
  ExpectSameCsr(*isolated);
}

TEST(CareerGraphTest, RiskIsMinusLogProbabilityExactly) {
  std::mt19937 rng(3);
  std::vector<std::string> transitions;
  for (int i = 0; i < 3000; ++i) {
    const double p = (1 + rng() % 10000) / 10000.0;
    transitions.push_back(std::string(i % 2 ? "a>b" : "b>c") + "|lateral|1|" + std::to_string(p));
  }
  auto g = MakeEngineGraph(kPositions, transitions);
  ASSERT_TRUE(g);
  for (EdgeId e = 0; e < g->num_transitions(); ++e) EXPECT_EQ(g->risk(e), -std::log(g->probability(e)));
}

// The columns form builds the graph the protobuf form builds: sorted columns (adopted as
// they are), unsorted ones (placed), with rows before them, and a large graph (built on
// two threads).
TEST(CareerGraphTest, ColumnsBuildTheSameGraphAsTheSnapshot) {
  std::mt19937 rng(5);
  for (int round = 0; round < 52; ++round) {
    testing::RandomGraphOptions o;
    o.min_positions = round < 50 ? 2 : 4000;
    o.max_positions = round < 50 ? 25 : 4000;
    o.edge_probability = round < 50 ? 0.3 : 0.005;
    v1::Graph s = testing::RandomGraph(rng, o);
    for (auto& t : *s.mutable_transitions()) t.set_provenance(rng() % 3 ? "" : "src" + std::to_string(rng() % 4));
    auto from_rows = CareerGraph::Build(s);
    ASSERT_TRUE(from_rows.ok()) << from_rows.status().message();

    // Columns in the rows' order (unsorted).
    auto unsorted = CareerGraph::Build(PartsOf(s, ColumnsOf(s)));
    ASSERT_TRUE(unsorted.ok()) << unsorted.status().message();
    ExpectSameGraph(**from_rows, **unsorted);

    // The graph's own columnar export (sorted by source), as `careergraph build` writes it.
    const v1::Graph columnar = (*from_rows)->ToSnapshot(true);
    auto from_table = CareerGraph::Build(columnar);
    ASSERT_TRUE(from_table.ok());
    ExpectSameGraph(**from_rows, **from_table);
    TransitionColumns c = ColumnsOf(columnar.transition_table());
    v1::Graph positions_only = columnar;
    positions_only.clear_transition_table();
    auto sorted = CareerGraph::Build(PartsOf(positions_only, std::move(c)));
    ASSERT_TRUE(sorted.ok()) << sorted.status().message();
    ExpectSameGraph(**from_rows, **sorted);
    ExpectSameCsr(**sorted);

    // Rows first, then columns: half the transitions each way.
    v1::Graph half = s;
    const int keep = s.transitions_size() / 2;
    half.mutable_transitions()->DeleteSubrange(keep, s.transitions_size() - keep);
    v1::Graph rest = s;
    rest.mutable_transitions()->DeleteSubrange(0, keep);
    SnapshotParts mixed = PartsOf(s, ColumnsOf(rest));
    mixed.transitions = half.transitions();
    auto both = CareerGraph::Build(std::move(mixed));
    ASSERT_TRUE(both.ok()) << both.status().message();
    for (EdgeId e = 0; e < (*both)->num_transitions(); ++e) {
      EXPECT_EQ((*both)->source(e), (*from_rows)->source(e));
      EXPECT_EQ((*both)->target(e), (*from_rows)->target(e));
      EXPECT_EQ((*both)->years(e), (*from_rows)->years(e));
      EXPECT_EQ((*both)->provenance(e), (*from_rows)->provenance(e));
    }
    ExpectSameCsr(**both);
  }
}

// Bad data gives the same error from the table and from the columns.
TEST(CareerGraphTest, ColumnsReportTheTableErrors) {
  v1::Graph base = MakeGraph(kPositions, {});
  auto with_table = [&](auto edit) {
    v1::Graph s = base;
    auto* t = s.mutable_transition_table();
    for (std::uint32_t k = 0; k < 3; ++k) {
      t->add_from(k);
      t->add_to(k + 1);
      t->add_kind(v1::TRANSITION_KIND_PROMOTION);
      t->add_years(1.5);
      t->add_probability(0.5);
    }
    edit(t);
    return s;
  };
  auto to_columns = [](const v1::Graph& s) {
    TransitionColumns c = ColumnsOf(s.transition_table());
    v1::Graph p = s;
    p.clear_transition_table();
    return PartsOf(p, std::move(c));
  };
  const std::vector<std::pair<std::string, std::function<void(v1::TransitionTable*)>>> cases = {
      {"index out of range", [](v1::TransitionTable* t) { t->set_to(1, 9); }},
      {"bad years", [](v1::TransitionTable* t) { t->set_years(2, -1); }},
      {"bad probability", [](v1::TransitionTable* t) { t->set_probability(0, 1.5); }},
      {"bad kind", [](v1::TransitionTable* t) { t->set_kind(1, static_cast<v1::TransitionKind>(7)); }},
      {"lengths", [](v1::TransitionTable* t) { t->add_years(1); }},
      {"provenance", [](v1::TransitionTable* t) {
         t->add_provenance_strings("");
         for (int k = 0; k < 3; ++k) t->add_provenance(k == 2 ? 5 : 0);
       }},
  };
  for (const auto& [name, edit] : cases) {
    const v1::Graph s = with_table(edit);
    auto a = CareerGraph::Build(s);
    auto b = CareerGraph::Build(to_columns(s));
    ASSERT_FALSE(a.ok()) << name;
    ASSERT_FALSE(b.ok()) << name;
    EXPECT_EQ(a.status().code(), b.status().code()) << name;
    EXPECT_EQ(a.status().message(), b.status().message()) << name;
    EXPECT_EQ(a.status().field(), b.status().field()) << name;
  }
}

TEST(CareerGraphTest, PositionErrorsComeFirstAndNameTheEarliest) {
  // A duplicate id at position 3 and a bad pay at position 2: the pay is reported.
  v1::Graph s = MakeGraph({"a|A|swe|1|100|0.1|0.1", "b|B|swe|2|-5|0.2|0.2", "a|C|swe|3|150|0.3|0.3"},
                          {"a>b|promotion|1|0.5"});
  s.mutable_transitions(0)->set_probability(7);  // also bad, but transitions come second
  auto g = CareerGraph::Build(s);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().message(), "position 2 ('b'): pay must be a number in [0, 1e9]");
  EXPECT_EQ(g.status().field(), "annual_pay");
  s.mutable_positions(1)->set_annual_pay(5);
  g = CareerGraph::Build(s);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().message(), "position 3 ('a'): duplicate id 'a'");
}

}  // namespace
}  // namespace careergraph
