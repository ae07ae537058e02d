#include "engine/analysis.h"

#include <algorithm>
#include <filesystem>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/strong_components.hpp>

#include "engine/competency_gates.h"
#include "engine/pay_inversion.h"
#include "engine/search.h"
#include "engine/statistics.h"
#include "engine/thread_pool.h"
#include "engine/tracks.h"

namespace careergraph {
namespace {

std::string Num(double v) {
  std::string s = std::to_string(v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// ---- searches restricted by an edge filter ------------------------------------------------

template <typename Cost, typename Allow>
void MultiSourceSearch(const CareerGraph& g, std::span<const Vertex> sources, const Cost& cost, const Allow& allow,
                       SearchSpace& ws) {
  ws.Prepare(g.num_positions());
  QuadHeap& heap = ws.heap();
  for (Vertex s : sources) {
    if (ws.reached(s)) continue;
    ws.Reach(s, 0.0, kNoEdge);
    heap.Push(s, 0.0);
  }
  while (!heap.empty()) {
    const Vertex u = heap.Pop();
    ws.Settle(u);
    const double du = ws.dist(u);
    const EdgeId end = g.out_end(u);
    for (EdgeId e = g.out_begin(u); e < end; ++e) {
      const Vertex v = g.target(e);
      if (ws.settled(v) || !allow(e)) continue;
      const double nd = du + cost(e);
      if (nd < ws.dist(v)) {
        ws.Reach(v, nd, e);
        heap.Push(v, nd);
      }
    }
  }
}

// dist(v) = least years from v to any of `targets`, over edges `allow` accepts.
template <typename Allow>
void MultiTargetReverseSearch(const CareerGraph& g, std::span<const Vertex> targets, const Allow& allow,
                              SearchSpace& ws) {
  ws.Prepare(g.num_positions());
  QuadHeap& heap = ws.heap();
  for (Vertex t : targets) {
    if (ws.reached(t)) continue;
    ws.Reach(t, 0.0, kNoEdge);
    heap.Push(t, 0.0);
  }
  while (!heap.empty()) {
    const Vertex u = heap.Pop();
    ws.Settle(u);
    const double du = ws.dist(u);
    g.ForEachInEdge(u, [&](EdgeId e) {
      const Vertex v = g.source(e);
      if (ws.settled(v) || !allow(e)) return;
      const double nd = du + g.years(e);
      if (nd < ws.dist(v)) {
        ws.Reach(v, nd, e);
        heap.Push(v, nd);
      }
    });
  }
}

// Success probability of the path the last forward search found to v.
double PathProbability(const CareerGraph& g, const SearchSpace& ws, Vertex v) {
  double p = 1.0;
  for (EdgeId e = ws.pred(v); e != kNoEdge; e = ws.pred(v)) {
    p *= g.probability(e);
    v = g.source(e);
  }
  return p;
}

// The closest of `targets` (lowest vertex id on ties); kNoVertex when none was reached.
Vertex Closest(const SearchSpace& ws, std::span<const Vertex> targets) {
  Vertex best = kNoVertex;
  for (Vertex t : targets)
    if (ws.reached(t) && (best == kNoVertex || ws.dist(t) < ws.dist(best))) best = t;
  return best;
}

// Positions reached from `starts` following edges forwards (or backwards).
std::vector<char> Reach(const CareerGraph& g, const std::vector<Vertex>& starts, bool backwards) {
  std::vector<char> seen(g.num_positions(), 0);
  std::vector<Vertex> stack;
  for (Vertex s : starts)
    if (!seen[s]) {
      seen[s] = 1;
      stack.push_back(s);
    }
  while (!stack.empty()) {
    const Vertex u = stack.back();
    stack.pop_back();
    auto visit = [&](Vertex v) {
      if (!seen[v]) {
        seen[v] = 1;
        stack.push_back(v);
      }
    };
    if (backwards) g.ForEachInEdge(u, [&](EdgeId e) { visit(g.source(e)); });
    else
      for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) visit(g.target(e));
  }
  return seen;
}

// Positions within each horizon of a source: Dijkstra by years, cut off at the largest
// horizon. It runs once per position of the ladder; SearchSpace's stamps make each search
// cost what it settles.
class MobilitySearch {
 public:
  explicit MobilitySearch(const CareerGraph& g) : g_(g) {}

  void Count(Vertex s, const std::vector<double>& horizons, double max_h, std::uint32_t* count) {
    const std::span<const double> years = g_.years_column();
    ForwardSearch(
        g_, s, kNoVertex, [&](EdgeId e) { return years[e]; }, AllowAll{}, NoPotential{}, ws_, max_h,
        [&](Vertex v, double d) {
          if (v == s) return;
          for (std::size_t k = 0; k < horizons.size(); ++k) count[k] += d <= horizons[k];
        });
  }

 private:
  const CareerGraph& g_;
  SearchSpace ws_;
};

// ---- per-level helpers ---------------------------------------------------------------------

double MeanKnownPay(const CareerGraph& g, std::span<const Vertex> vs) {
  double sum = 0;
  std::size_t k = 0;
  for (Vertex v : vs)
    if (g.pay(v) > 0) {
      sum += g.pay(v);
      ++k;
    }
  return k ? sum / static_cast<double>(k) : kUnknown;
}

// The mean over the positions whose value is known; unknown when none is.
template <typename F>
double MeanOf(std::span<const Vertex> vs, F&& value) {
  double sum = 0;
  std::size_t k = 0;
  for (Vertex v : vs)
    if (const double x = value(v); Known(x)) sum += x, ++k;
  return k ? sum / static_cast<double>(k) : kUnknown;
}

// Jaccard overlap of two intervals.
double Overlap(double lo1, double hi1, double lo2, double hi2) {
  const double inter = std::min(hi1, hi2) - std::max(lo1, lo2);
  const double uni = std::max(hi1, hi2) - std::min(lo1, lo2);
  if (inter <= 0 || uni <= 0) return 0;
  return inter / uni;
}

// An org's track: its positions by level.
struct Group {
  std::uint32_t org = 0, track = 0;
  std::vector<Vertex> members;                       // ascending
  std::vector<std::pair<int, std::vector<Vertex>>> levels;  // ascending level
  const std::vector<Vertex>& entry() const { return levels.front().second; }
  const std::vector<Vertex>& top() const { return levels.back().second; }
};

std::vector<Group> Groups(const CareerGraph& g, std::vector<std::uint32_t>* group_of) {
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> index;
  std::vector<Group> groups;
  group_of->assign(g.num_positions(), 0);
  for (Vertex v = 0; v < g.num_positions(); ++v) {
    auto [it, added] = index.emplace(std::make_pair(g.org_id(v), g.track_id(v)), groups.size());
    if (added) {
      groups.emplace_back();
      groups.back().org = g.org_id(v);
      groups.back().track = g.track_id(v);
    }
    groups[it->second].members.push_back(v);
  }
  for (auto& gr : groups) {
    std::map<int, std::vector<Vertex>> by_level;
    for (Vertex v : gr.members) by_level[g.level(v)].push_back(v);
    for (auto& [level, vs] : by_level) gr.levels.emplace_back(level, std::move(vs));
  }
  std::sort(groups.begin(), groups.end(), [&](const Group& a, const Group& b) {
    const std::string& oa = g.orgs()[a.org];
    const std::string& ob = g.orgs()[b.org];
    if (oa != ob) return oa < ob;
    const std::string& ta = g.tracks()[a.track];
    const std::string& tb = g.tracks()[b.track];
    if (ta != tb) return ta < tb;
    return a.members.front() < b.members.front();
  });
  for (std::size_t i = 0; i < groups.size(); ++i)
    for (Vertex v : groups[i].members) (*group_of)[v] = static_cast<std::uint32_t>(i);
  return groups;
}

struct TrackResult {
  v1::TrackReport report;
  double top_pay = 0;
};

// Everything about one track; fills years_to_top[v] (kInf when the top is out of reach).
TrackResult AnalyzeTrack(const CareerGraph& g, const Group& gr, SearchSpace& ws, std::vector<double>* years_to_top) {
  TrackResult out;
  v1::TrackReport& t = out.report;
  t.set_org(g.orgs()[gr.org]);
  t.set_track(g.tracks()[gr.track]);
  t.set_positions(static_cast<std::uint32_t>(gr.members.size()));
  t.set_entry_level(gr.levels.front().first);
  t.set_top_level(gr.levels.back().first);
  for (Vertex v : gr.entry()) t.add_entry_positions(g.position(v).id());
  for (Vertex v : gr.top()) t.add_top_positions(g.position(v).id());

  auto in_track = [&](EdgeId e) {
    const Vertex v = g.target(e);
    return g.org_id(v) == gr.org && g.track_id(v) == gr.track;
  };
  auto years = [&](EdgeId e) { return g.years(e); };
  auto expected = [&](EdgeId e) { return g.years(e) / g.probability(e); };
  auto ambiguity = [&](Vertex v) { return g.ambiguity(v); };
  auto leadership = [&](Vertex v) { return g.leadership(v); };

  const std::size_t k = gr.levels.size();
  for (std::size_t j = 0; j < k; ++j) {
    const auto& here = gr.levels[j].second;
    v1::LevelStep* step = t.add_levels();
    step->set_level(gr.levels[j].first);
    step->set_positions(static_cast<std::uint32_t>(here.size()));
    const double pay = MeanKnownPay(g, here);
    SetIfKnown(step, &v1::LevelStep::set_pay, pay);
    SetIfKnown(step, &v1::LevelStep::set_ambiguity, MeanOf(here, ambiguity));
    SetIfKnown(step, &v1::LevelStep::set_leadership, MeanOf(here, leadership));
    const bool last = j + 1 == k;
    if (last && j != 0) continue;
    MultiSourceSearch(g, here, years, in_track, ws);
    Vertex next_best = kNoVertex, top_best = kNoVertex;
    double next_prob = 0, top_prob = 0;
    if (!last) {
      next_best = Closest(ws, gr.levels[j + 1].second);
      if (next_best != kNoVertex) next_prob = PathProbability(g, ws, next_best);
    }
    if (j == 0) {
      top_best = Closest(ws, gr.top());
      if (top_best != kNoVertex) top_prob = PathProbability(g, ws, top_best);
    }
    const double next_years = next_best == kNoVertex ? kInf : ws.dist(next_best);
    const double top_years = top_best == kNoVertex ? kInf : ws.dist(top_best);
    MultiSourceSearch(g, here, expected, in_track, ws);
    if (!last) {
      step->set_next_level(gr.levels[j + 1].first);
      if (next_best != kNoVertex) {
        const Vertex e_best = Closest(ws, gr.levels[j + 1].second);
        step->set_next_reachable(true);
        step->set_years_to_next(next_years);
        step->set_expected_years_to_next(ws.dist(e_best));
        step->set_probability_to_next(next_prob);
        step->set_levels_per_year((gr.levels[j + 1].first - gr.levels[j].first) / next_years);
        const double next_pay = MeanKnownPay(g, gr.levels[j + 1].second);
        if (pay > 0 && next_pay > 0) step->set_pay_growth_per_year((next_pay - pay) / next_years);
      }
    }
    if (j == 0 && top_best != kNoVertex) {
      const Vertex e_best = Closest(ws, gr.top());
      t.set_top_reachable(true);
      t.set_fastest_years_to_top(top_years);
      t.set_expected_years_to_top(ws.dist(e_best));
      t.set_probability_fastest(top_prob);
    }
  }

  const double entry_pay = MeanKnownPay(g, gr.entry());
  out.top_pay = MeanKnownPay(g, gr.top());
  if (t.top_reachable()) {
    const double y = t.fastest_years_to_top();
    SetIfKnown(&t, &v1::TrackReport::set_entry_pay, entry_pay);
    SetIfKnown(&t, &v1::TrackReport::set_top_pay, out.top_pay);
    SetIfKnown(&t, &v1::TrackReport::set_entry_ambiguity, MeanOf(gr.entry(), ambiguity));
    SetIfKnown(&t, &v1::TrackReport::set_top_ambiguity, MeanOf(gr.top(), ambiguity));
    SetIfKnown(&t, &v1::TrackReport::set_entry_leadership, MeanOf(gr.entry(), leadership));
    SetIfKnown(&t, &v1::TrackReport::set_top_leadership, MeanOf(gr.top(), leadership));
    if (y > 0) {
      if (entry_pay > 0 && out.top_pay > 0) {
        t.set_pay_growth_per_year((out.top_pay - entry_pay) / y);
        t.set_pay_growth_rate(std::pow(out.top_pay / entry_pay, 1.0 / y) - 1.0);
      }
      if (t.has_entry_ambiguity() && t.has_top_ambiguity())
        t.set_ambiguity_per_year((t.top_ambiguity() - t.entry_ambiguity()) / y);
      if (t.has_entry_leadership() && t.has_top_leadership())
        t.set_leadership_per_year((t.top_leadership() - t.entry_leadership()) / y);
    }
  }

  auto from_track = [&](EdgeId e) {
    const Vertex v = g.source(e);
    return g.org_id(v) == gr.org && g.track_id(v) == gr.track;
  };
  MultiTargetReverseSearch(g, gr.top(), from_track, ws);
  for (Vertex v : gr.members) (*years_to_top)[v] = ws.dist(v);
  return out;
}

// ---- level bands ---------------------------------------------------------------------------

void AddOnce(google::protobuf::RepeatedPtrField<std::string>* list, const std::string& s) {
  if (std::find(list->begin(), list->end(), s) == list->end()) *list->Add() = s;
}

}  // namespace

std::vector<v1::LevelBand> LevelBands(const CareerGraph& g) {
  std::map<int, std::vector<Vertex>> by_level;
  for (Vertex v = 0; v < g.num_positions(); ++v) by_level[g.level(v)].push_back(v);
  std::vector<v1::LevelBand> bands;
  std::vector<double> pay_centres, amb_centres;  // per band; NaN-free: pay centre 0 = none
  for (const auto& [level, vs] : by_level) {
    v1::LevelBand b;
    b.set_level(level);
    b.set_positions(static_cast<std::uint32_t>(vs.size()));
    std::vector<double> pays;
    double amb_min = 1e300, amb_max = -1e300, amb_sum = 0;
    std::size_t amb_known = 0;
    for (Vertex v : vs) {
      AddOnce(b.mutable_names()->mutable_orgs(), g.orgs()[g.org_id(v)]);
      AddOnce(b.mutable_names()->mutable_titles(), g.position(v).title());
      AddOnce(b.mutable_names()->mutable_level_labels(), LevelLabelOf(g, v));
      if (g.pay(v) > 0) pays.push_back(g.pay(v));
      if (!Known(g.ambiguity(v))) continue;  // unknown ambiguity is left out, never read as 0
      amb_min = std::min(amb_min, g.ambiguity(v));
      amb_max = std::max(amb_max, g.ambiguity(v));
      amb_sum += g.ambiguity(v);
      ++amb_known;
    }
    b.set_positions_with_pay(static_cast<std::uint32_t>(pays.size()));
    if (!pays.empty()) {
      b.set_pay_min(*std::min_element(pays.begin(), pays.end()));
      b.set_pay_max(*std::max_element(pays.begin(), pays.end()));
      b.set_pay_median(Median(pays));
    }
    if (amb_known > 0) {
      b.set_ambiguity_min(amb_min);
      b.set_ambiguity_max(amb_max);
      b.set_ambiguity_mean(amb_sum / static_cast<double>(amb_known));
    }
    pay_centres.push_back(pays.empty() ? 0.0 : std::log(b.pay_median()));
    amb_centres.push_back(amb_known > 0 ? b.ambiguity_mean() : kUnknown);
    bands.push_back(std::move(b));
  }
  std::vector<double> pay_gaps, amb_gaps;
  double last_pay = 0;
  bool have_last_pay = false;
  for (std::size_t i = 0; i < bands.size(); ++i) {
    if (bands[i].positions_with_pay() > 0) {
      if (have_last_pay) pay_gaps.push_back(std::abs(pay_centres[i] - last_pay));
      last_pay = pay_centres[i];
      have_last_pay = true;
    }
    if (i > 0 && Known(amb_centres[i]) && Known(amb_centres[i - 1]))
      amb_gaps.push_back(std::abs(amb_centres[i] - amb_centres[i - 1]));
  }
  // Half the typical step between levels: adjacent single-position levels then just touch.
  const double w_pay = std::max(0.05, 0.5 * Median(pay_gaps));
  const double w_amb = std::max(0.01, 0.5 * Median(amb_gaps));
  for (auto& b : bands) {
    if (b.positions_with_pay() > 0) {
      b.set_band_pay_low(std::exp(std::log(b.pay_min()) - w_pay));
      b.set_band_pay_high(std::exp(std::log(b.pay_max()) + w_pay));
    }
    if (b.has_ambiguity_min()) {
      b.set_band_ambiguity_low(b.ambiguity_min() - w_amb);
      b.set_band_ambiguity_high(b.ambiguity_max() + w_amb);
    }
  }
  return bands;
}

// ---------------------------------------------------------------------------------------------

StatusOr<v1::AnalyzeOptions> ResolveAnalyzeOptions(const v1::AnalyzeOptions& in) {
  v1::AnalyzeOptions o = in;
  if (o.exact_max_positions() == 0) o.set_exact_max_positions(kDefaultExactMaxPositions);
  if (o.samples() == 0) o.set_samples(kDefaultSamples);
  if (o.samples() > kMaxSamples)
    return Status::InvalidArgument("samples " + std::to_string(o.samples()) + " is more than the limit of " +
                                   std::to_string(kMaxSamples) + "; use fewer sources or raise exact_max_positions")
        .WithField("samples");
  if (o.seed() == 0) o.set_seed(kDefaultAnalysisSeed);
  if (o.failure_probability() == 0) o.set_failure_probability(kDefaultFailureProbability);
  if (!(o.failure_probability() > 0 && o.failure_probability() < 1))
    return Status::InvalidArgument("the failure probability of the sampling bound is " +
                                   Num(o.failure_probability()) + "; it must be between 0 and 1, e.g. 0.05")
        .WithField("failure_probability");
  if (o.mobility_years_size() == 0) {
    o.add_mobility_years(3);
    o.add_mobility_years(5);
  }
  if (static_cast<std::size_t>(o.mobility_years_size()) > kMaxMobilityHorizons)
    return Status::InvalidArgument("at most " + std::to_string(kMaxMobilityHorizons) + " mobility horizons, got " +
                                   std::to_string(o.mobility_years_size()))
        .WithField("mobility_years");
  for (double h : o.mobility_years())
    if (!(h > 0 && h <= kMaxMobilityYears))
      return Status::InvalidArgument("mobility horizon " + Num(h) + " years must be > 0 and at most " +
                                     Num(kMaxMobilityYears) + ", e.g. 3")
          .WithField("mobility_years");
  for (const auto& [name, has, value] : {std::tuple{"map_weight_pay", o.has_map_weight_pay(), o.map_weight_pay()},
                                         std::tuple{"map_weight_ambiguity", o.has_map_weight_ambiguity(),
                                                    o.map_weight_ambiguity()}})
    if (has && !(std::isfinite(value) && value >= 0 && value <= 1000))
      return Status::InvalidArgument(std::string(name) + " " + Num(value) + " must be a number in [0, 1000], e.g. 0.5")
          .WithField(name);
  if (o.has_map_weight_pay() && o.has_map_weight_ambiguity() && o.map_weight_pay() == 0 && o.map_weight_ambiguity() == 0)
    return Status::InvalidArgument("the level mapping needs a positive weight on pay or on ambiguity")
        .WithField("map_weight_pay");
  if (o.top() == 0) o.set_top(kDefaultTop);
  if (o.top() > kMaxTop)
    return Status::InvalidArgument("top " + std::to_string(o.top()) + " is more than the limit of " +
                                   std::to_string(kMaxTop))
        .WithField("top");
  return o;
}

void AnalysisPartial::Merge(const AnalysisPartial& other) {
  sources.Merge(other.sources);
  if (mobility.size() < other.mobility.size()) mobility.resize(other.mobility.size(), 0);
  for (std::size_t i = 0; i < other.mobility.size(); ++i) mobility[i] += other.mobility[i];
}

std::vector<std::uint64_t> AnalysisPartial::Pack() const {
  std::vector<std::uint64_t> out;
  const std::size_t n = sources.dependency.size();
  out.reserve(3 * n + mobility.size());
  for (const auto& s : sources.dependency) {
    out.push_back(s.high());
    out.push_back(s.low());
  }
  for (std::size_t v = 0; v < n; ++v) out.push_back(v < sources.routes_cut.size() ? sources.routes_cut[v] : 0);
  for (std::uint32_t x : mobility) out.push_back(x);
  return out;
}

StatusOr<AnalysisPartial> AnalysisPartial::Unpack(std::span<const std::uint64_t> packed, std::size_t n,
                                                  std::size_t horizons) {
  if (packed.size() != n * (3 + horizons))
    return Status::Internal("analysis partial has " + std::to_string(packed.size()) + " words, expected " +
                            std::to_string(n * (3 + horizons)) + " for " + std::to_string(n) + " positions");
  AnalysisPartial p;
  p.sources.dependency.resize(n);
  p.sources.routes_cut.resize(n);
  p.mobility.resize(n * horizons);
  for (std::size_t v = 0; v < n; ++v) p.sources.dependency[v] = ExactSum::FromParts(packed[2 * v], packed[2 * v + 1]);
  for (std::size_t v = 0; v < n; ++v) p.sources.routes_cut[v] = packed[2 * n + v];
  for (std::size_t i = 0; i < n * horizons; ++i) p.mobility[i] = static_cast<std::uint32_t>(packed[3 * n + i]);
  return p;
}

LadderAnalysis::LadderAnalysis(GraphPtr graph, v1::AnalyzeOptions options)
    : graph_(std::move(graph)), options_(std::move(options)) {
  const Vertex n = graph_->num_positions();
  sources_ = n <= options_.exact_max_positions() ? AllSources(n) : SampleSources(n, options_.samples(), options_.seed());
  horizons_.assign(options_.mobility_years().begin(), options_.mobility_years().end());
}

std::size_t LadderAnalysis::num_units() const { return sources_.vertices.size() + graph_->num_positions(); }

std::vector<std::size_t> LadderAnalysis::ShardUnits(int shard, int shards) const {
  std::vector<std::size_t> units;
  const std::size_t total = num_units(), step = static_cast<std::size_t>(std::max(1, shards));
  for (std::size_t u = static_cast<std::size_t>(shard); u < total; u += step) units.push_back(u);
  return units;
}

AnalysisPartial LadderAnalysis::EmptyPartial() const {
  const std::size_t n = graph_->num_positions();
  AnalysisPartial p;
  p.sources.dependency.assign(n, ExactSum{});
  p.sources.routes_cut.assign(n, 0);
  p.mobility.assign(n * horizons_.size(), 0);
  return p;
}

AnalysisPartial LadderAnalysis::Compute(std::span<const std::size_t> units, int threads,
                                        std::atomic<std::uint64_t>* done) const {
  const CareerGraph& g = *graph_;
  const std::size_t num_sources = sources_.vertices.size();
  const std::size_t h = horizons_.size();
  const double max_h = *std::max_element(horizons_.begin(), horizons_.end());
  struct Worker {
    std::unique_ptr<BrandesWorkspace> brandes;
    std::unique_ptr<MobilitySearch> mobility;
    AnalysisPartial part;
    bool ready = false;
  };
  const int workers = WorkersFor(units.size(), threads);
  std::vector<Worker> ws(static_cast<std::size_t>(workers));
  ParallelFor(units.size(), workers, [&](std::size_t i, int w) {
    Worker& me = ws[static_cast<std::size_t>(w)];
    if (!me.ready) {
      me.part = EmptyPartial();
      me.ready = true;
    }
    const std::size_t u = units[i];
    if (u < num_sources) {
      if (!me.brandes) me.brandes = std::make_unique<BrandesWorkspace>(g);
      me.brandes->Run(sources_.vertices[u]);
      me.brandes->AddDependencies(me.part.sources.dependency, sources_.multiplicity[u]);
      me.brandes->AddRouteCuts(me.part.sources.routes_cut, sources_.multiplicity[u]);
    } else {
      if (!me.mobility) me.mobility = std::make_unique<MobilitySearch>(g);
      const Vertex s = static_cast<Vertex>(u - num_sources);
      me.mobility->Count(s, horizons_, max_h, &me.part.mobility[static_cast<std::size_t>(s) * h]);
    }
    if (done) done->fetch_add(1, std::memory_order_relaxed);
  });
  AnalysisPartial out = EmptyPartial();
  for (const auto& w : ws)
    if (w.ready) out.Merge(w.part);
  return out;
}

// ---- the ladder report, one metric at a time ------------------------------------------------
//
// LadderAnalysis::Finish calls these in a fixed order; each adds its part of the report and
// returns what a later one reads.

namespace {

// Betweenness is normalised by the ordered pairs of other positions, (n - 1)(n - 2).
double PairNorm(Vertex n) { return n > 2 ? static_cast<double>(n - 1) * static_cast<double>(n - 2) : 0.0; }

void AddRanked(const CareerGraph& g, const std::vector<double>& value, double norm, std::uint32_t top,
               google::protobuf::RepeatedPtrField<v1::RankedPosition>* out) {
  std::vector<Vertex> order;
  for (Vertex v = 0; v < value.size(); ++v)
    if (value[v] > 0) order.push_back(v);
  auto better = [&](Vertex a, Vertex b) {
    if (value[a] != value[b]) return value[a] > value[b];
    const std::string& ia = g.position(a).id();
    const std::string& ib = g.position(b).id();
    return ia != ib ? ia < ib : a < b;
  };
  const std::size_t k = std::min<std::size_t>(top, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(), better);
  for (std::size_t i = 0; i < k; ++i) {
    auto* r = out->Add();
    const Vertex v = order[i];
    r->set_id(g.position(v).id());
    r->set_title(g.position(v).title());
    r->set_value(value[v]);
    r->set_normalized(norm > 0 ? value[v] / norm : 0.0);
  }
}

// Bottlenecks: the betweenness estimate from the summed sources, how it was computed (exact
// or sampled, with its error bound), and the positions ranked by betweenness and by routes cut.
BetweennessEstimate AddBottlenecks(const CareerGraph& g, const BetweennessSources& sources,
                                   const BetweennessPartial& sums, const v1::AnalyzeOptions& options,
                                   v1::LadderReport* r) {
  const Vertex n = g.num_positions();
  const BetweennessEstimate est = FinishEstimate(sources, sums, options.failure_probability());
  v1::BetweennessInfo* b = r->mutable_betweenness();
  b->set_exact(sources.exact);
  b->set_positions(n);
  b->set_sources(sources.draws);
  b->set_distinct_sources(static_cast<std::uint32_t>(sources.vertices.size()));
  if (sources.exact) {
    b->set_method("exact: Brandes (2001), every position a source; routes cut from dominator trees "
                  "(Cooper, Harvey & Kennedy 2001)");
  } else {
    b->set_seed(options.seed());
    b->set_epsilon(est.epsilon);
    b->set_failure_probability(options.failure_probability());
    b->set_absolute_error_bound(est.epsilon * static_cast<double>(n) * static_cast<double>(n > 2 ? n - 2 : 0));
    b->set_method("sampled: " + std::to_string(sources.draws) +
                  " uniform source draws scaled by n/k (Brandes & Pich 2007); bound from Hoeffding's "
                  "inequality and a union bound over positions");
  }
  AddRanked(g, est.betweenness, PairNorm(n), options.top(), r->mutable_bottlenecks());
  AddRanked(g, est.routes_cut, PairNorm(n), options.top(), r->mutable_critical_positions());
  return est;
}

// The org tracks and what the later metrics read of them.
struct Tracks {
  std::vector<Group> groups;            // in report order
  std::vector<std::uint32_t> group_of;  // position -> index into groups
  std::vector<double> years_to_top;     // position -> fastest years to its track's top; kInf out of reach
  std::vector<double> top_pay;          // track -> mean known pay of its top level
};

Tracks AddTracks(const CareerGraph& g, v1::LadderReport* r) {
  Tracks t;
  t.groups = Groups(g, &t.group_of);
  t.years_to_top.assign(g.num_positions(), kInf);
  t.top_pay.assign(t.groups.size(), 0);
  SearchSpace ws;
  for (std::size_t i = 0; i < t.groups.size(); ++i) {
    TrackResult tr = AnalyzeTrack(g, t.groups[i], ws, &t.years_to_top);
    t.top_pay[i] = tr.top_pay;
    *r->add_tracks() = std::move(tr.report);
  }
  return t;
}

// Per position: no route to any track's top (a dead end), no route from any track's entry
// (unreachable).
struct Reachability {
  std::vector<char> dead_end, unreachable;
};

Reachability AddDeadEndsAndUnreachable(const CareerGraph& g, const std::vector<Group>& groups,
                                       v1::LadderReport* r) {
  const Vertex n = g.num_positions();
  std::vector<Vertex> tops, entries;
  std::vector<char> is_top(n, 0), is_entry(n, 0);
  for (const auto& gr : groups) {
    for (Vertex v : gr.top()) is_top[v] = 1;
    for (Vertex v : gr.entry()) is_entry[v] = 1;
  }
  for (Vertex v = 0; v < n; ++v) {
    if (is_top[v]) tops.push_back(v);
    if (is_entry[v]) entries.push_back(v);
  }
  const std::vector<char> leads_to_top = Reach(g, tops, /*backwards=*/true);
  const std::vector<char> from_entry = Reach(g, entries, /*backwards=*/false);
  Reachability out;
  out.dead_end.assign(n, 0);
  out.unreachable.assign(n, 0);
  for (Vertex v = 0; v < n; ++v) {
    out.dead_end[v] = !leads_to_top[v];
    out.unreachable[v] = !from_entry[v];
    if (out.dead_end[v]) r->add_dead_ends(g.position(v).id());
    if (out.unreachable[v]) r->add_unreachable(g.position(v).id());
  }
  return out;
}

// Pay inversions within each track (engine/pay_inversion.h, the rule validate warns about).
void AddPayInversions(const CareerGraph& g, const std::vector<Group>& groups, v1::LadderReport* r) {
  for (const auto& gr : groups) {
    std::vector<int> levels;
    std::vector<double> pays;
    for (Vertex v : gr.members) {
      levels.push_back(g.level(v));
      pays.push_back(g.pay(v));
    }
    for (const PayInversion& inv : FindPayInversions(levels, pays)) {
      const Vertex v = gr.members[inv.position], lower = gr.members[inv.lower];
      auto* p = r->add_pay_inversions();
      p->set_org(g.orgs()[gr.org]);
      p->set_track(g.tracks()[gr.track]);
      p->set_position(g.position(v).id());
      p->set_level(g.level(v));
      p->set_pay(g.pay(v));
      p->set_lower_position(g.position(lower).id());
      p->set_lower_level(g.level(lower));
      p->set_lower_pay(g.pay(lower));
    }
  }
}

// Strong components of the whole graph.
int CountStrongComponents(const CareerGraph& g) {
  const Vertex n = g.num_positions();
  if (n == 0) return 0;
  std::vector<int> comp(n, 0);
  const auto vindex = boost::get(boost::vertex_index, g.csr());
  return boost::strong_components(g.csr(), boost::make_iterator_property_map(comp.begin(), vindex));
}

// Lateral cycles: the strong components of two or more positions over the moves that do not
// raise the level, by first member. Returns each position's 1-based cycle, 0 for none.
std::vector<std::uint32_t> AddLateralCycles(const CareerGraph& g, v1::LadderReport* r) {
  const Vertex n = g.num_positions();
  std::vector<std::uint32_t> cycle_of(n, 0);
  if (n == 0) return cycle_of;
  struct NotUp {
    const CareerGraph* g = nullptr;
    bool operator()(const boost::graph_traits<Csr>::edge_descriptor& e) const {
      const Vertex a = g->source(e.idx), b = g->target(e.idx);
      return a != b && g->level(b) <= g->level(a);
    }
  };
  boost::filtered_graph<Csr, NotUp> lateral(g.csr(), NotUp{&g});
  std::vector<int> comp(n, 0);
  const auto vindex = boost::get(boost::vertex_index, g.csr());
  const int k = boost::strong_components(lateral, boost::make_iterator_property_map(comp.begin(), vindex));
  std::vector<std::vector<Vertex>> members(static_cast<std::size_t>(k));
  for (Vertex v = 0; v < n; ++v) members[static_cast<std::size_t>(comp[v])].push_back(v);
  std::vector<std::vector<Vertex>*> cycles;
  for (auto& m : members)
    if (m.size() >= 2) cycles.push_back(&m);
  std::sort(cycles.begin(), cycles.end(), [](auto* a, auto* b) { return a->front() < b->front(); });
  for (std::size_t c = 0; c < cycles.size(); ++c) {
    auto* lc = r->add_lateral_cycles();
    std::vector<std::string> tracks;
    int lo = cycles[c]->empty() ? 0 : g.level(cycles[c]->front()), hi = lo;
    for (Vertex v : *cycles[c]) {
      lc->add_positions(g.position(v).id());
      tracks.push_back(g.tracks()[g.track_id(v)]);
      lo = std::min(lo, g.level(v));
      hi = std::max(hi, g.level(v));
      cycle_of[v] = static_cast<std::uint32_t>(c + 1);
    }
    std::sort(tracks.begin(), tracks.end());
    tracks.erase(std::unique(tracks.begin(), tracks.end()), tracks.end());
    for (auto& t : tracks) lc->add_tracks(t);
    lc->set_level_min(lo);
    lc->set_level_max(hi);
  }
  return cycle_of;
}

// Track switches: every move between two tracks of one org, and the premiums per (from track,
// to track). Returns the mean pay change (%) over the moves with known pay at both ends.
std::optional<double> AddTrackSwitches(const CareerGraph& g, const Tracks& tracks, v1::LadderReport* r) {
  struct Premium {
    std::uint32_t moves = 0, with_pay = 0, with_top = 0, with_top_pay = 0;
    double years = 0, prob = 0, pay = 0, pct = 0, ytt = 0, top_pay = 0;
  };
  std::map<std::pair<std::string, std::string>, Premium> premiums;
  double pct_sum = 0;
  std::uint32_t pct_n = 0;
  for (EdgeId e = 0; e < g.num_transitions(); ++e) {
    const Vertex a = g.source(e), b = g.target(e);
    if (g.org_id(a) != g.org_id(b) || g.track_id(a) == g.track_id(b)) continue;
    auto* m = r->add_track_switch_moves();
    m->set_from(g.position(a).id());
    m->set_to(g.position(b).id());
    m->set_org(g.orgs()[g.org_id(a)]);
    m->set_from_track(g.tracks()[g.track_id(a)]);
    m->set_to_track(g.tracks()[g.track_id(b)]);
    m->set_from_level(g.level(a));
    m->set_to_level(g.level(b));
    m->set_years(g.years(e));
    m->set_probability(g.probability(e));
    Premium& agg = premiums[{m->from_track(), m->to_track()}];
    ++agg.moves;
    agg.years += g.years(e);
    agg.prob += g.probability(e);
    if (g.pay(a) > 0 && g.pay(b) > 0) {
      m->set_pay_change(g.pay(b) - g.pay(a));
      m->set_pay_change_pct(100.0 * (g.pay(b) - g.pay(a)) / g.pay(a));
      ++agg.with_pay;
      agg.pay += m->pay_change();
      agg.pct += m->pay_change_pct();
      pct_sum += m->pay_change_pct();
      ++pct_n;
    }
    SetIfKnown(m, &v1::TrackSwitchMove::set_top_pay_staying, tracks.top_pay[tracks.group_of[a]]);
    SetIfKnown(m, &v1::TrackSwitchMove::set_top_pay_switching, tracks.top_pay[tracks.group_of[b]]);
    if (tracks.years_to_top[a] < kInf) {
      m->set_top_reachable_staying(true);
      m->set_years_to_top_staying(tracks.years_to_top[a]);
    }
    if (tracks.years_to_top[b] < kInf) {
      m->set_top_reachable_switching(true);
      m->set_years_to_top_switching(g.years(e) + tracks.years_to_top[b]);
    }
    if (m->top_reachable_staying() && m->top_reachable_switching()) {
      ++agg.with_top;
      agg.ytt += m->years_to_top_switching() - m->years_to_top_staying();
      if (m->has_top_pay_staying() && m->has_top_pay_switching()) {
        ++agg.with_top_pay;
        agg.top_pay += m->top_pay_switching() - m->top_pay_staying();
      }
    }
  }
  for (const auto& [key, agg] : premiums) {
    auto* p = r->add_track_switches();
    p->set_from_track(key.first);
    p->set_to_track(key.second);
    p->set_moves(agg.moves);
    p->set_mean_years(agg.years / agg.moves);
    p->set_mean_probability(agg.prob / agg.moves);
    p->set_moves_with_pay(agg.with_pay);
    if (agg.with_pay) {
      p->set_mean_pay_change(agg.pay / agg.with_pay);
      p->set_mean_pay_change_pct(agg.pct / agg.with_pay);
    }
    p->set_moves_with_top(agg.with_top);
    if (agg.with_top) {
      p->set_mean_years_to_top_change(agg.ytt / agg.with_top);
    }
    if (agg.with_top_pay) p->set_mean_top_pay_change(agg.top_pay / agg.with_top_pay);
  }
  if (!pct_n) return std::nullopt;
  return pct_sum / pct_n;
}

// One row per position: where it sits, its pay, betweenness and mobility, its moves in and
// out, and what the metrics above found about it.
void AddPositions(const CareerGraph& g, const BetweennessEstimate& est, std::span<const std::uint32_t> mobility,
                  std::size_t horizons, const Tracks& tracks, const Reachability& reach,
                  const std::vector<std::uint32_t>& cycle_of, v1::LadderReport* r) {
  const Vertex n = g.num_positions();
  const double pair_norm = PairNorm(n);
  for (Vertex v = 0; v < n; ++v) {
    const v1::Position& pos = g.position(v);
    auto* p = r->add_positions();
    p->set_id(pos.id());
    p->set_title(pos.title());
    p->set_org(g.orgs()[g.org_id(v)]);
    p->set_track(g.tracks()[g.track_id(v)]);
    p->set_level(g.level(v));
    SetIfKnown(p, &v1::PositionReport::set_pay, g.pay(v));
    p->set_betweenness(est.betweenness[v]);
    p->set_betweenness_normalized(pair_norm > 0 ? est.betweenness[v] / pair_norm : 0.0);
    p->set_routes_cut(est.routes_cut[v]);
    for (std::size_t k = 0; k < horizons; ++k) p->add_mobility(mobility[static_cast<std::size_t>(v) * horizons + k]);
    p->set_moves_in(static_cast<std::uint32_t>(g.in_end(v) - g.in_begin(v)));
    p->set_moves_out(g.out_end(v) - g.out_begin(v));
    p->set_dead_end(reach.dead_end[v]);
    p->set_unreachable(reach.unreachable[v]);
    p->set_lateral_cycle(cycle_of[v]);
    if (tracks.years_to_top[v] < kInf) {
      p->set_top_reachable(true);
      p->set_years_to_top(tracks.years_to_top[v]);
    }
  }
}

// The summary's means over the tracks: time to the top (fastest and expected) of the tracks
// that have a route to it, years per promotion, and pay growth.
void SummariseTracks(const v1::LadderReport& r, v1::LadderSummary* s) {
  double ytt_sum = 0, ytt_max = 0, exp_sum = 0, growth_sum = 0, rate_sum = 0, step_sum = 0;
  std::uint32_t reach_n = 0, growth_n = 0, step_n = 0;
  for (const auto& t : r.tracks()) {
    for (const auto& st : t.levels())
      if (st.next_reachable()) {
        step_sum += st.years_to_next();
        ++step_n;
      }
    if (!t.top_reachable()) continue;
    ++reach_n;
    ytt_sum += t.fastest_years_to_top();
    ytt_max = std::max(ytt_max, t.fastest_years_to_top());
    exp_sum += t.expected_years_to_top();
    if (t.fastest_years_to_top() > 0 && t.entry_pay() > 0 && t.top_pay() > 0) {
      growth_sum += t.pay_growth_per_year();
      rate_sum += t.pay_growth_rate();
      ++growth_n;
    }
  }
  s->set_tracks_with_route_to_top(reach_n);
  if (reach_n) {
    s->set_mean_years_to_top(ytt_sum / reach_n);
    s->set_max_years_to_top(ytt_max);
    s->set_mean_expected_years_to_top(exp_sum / reach_n);
  }
  if (step_n) s->set_mean_years_per_promotion(step_sum / step_n);
  if (growth_n) {
    s->set_mean_pay_growth_per_year(growth_sum / growth_n);
    s->set_mean_pay_growth_rate(rate_sum / growth_n);
  }
}

// The summary: counts and means over the report's lists, in their order.
void AddSummary(const CareerGraph& g, const std::vector<Group>& groups, std::size_t horizons,
                std::optional<double> mean_switch_pay_change_pct, v1::LadderReport* r) {
  const Vertex n = g.num_positions();
  v1::LadderSummary* s = r->mutable_summary();
  s->set_positions(n);
  s->set_transitions(g.num_transitions());
  {
    std::vector<std::uint32_t> orgs;
    for (const auto& gr : groups) orgs.push_back(gr.org);
    std::sort(orgs.begin(), orgs.end());
    s->set_orgs(static_cast<std::uint32_t>(std::unique(orgs.begin(), orgs.end()) - orgs.begin()));
  }
  s->set_tracks(static_cast<std::uint32_t>(groups.size()));
  s->set_dead_ends(static_cast<std::uint32_t>(r->dead_ends_size()));
  s->set_unreachable(static_cast<std::uint32_t>(r->unreachable_size()));
  s->set_pay_inversions(static_cast<std::uint32_t>(r->pay_inversions_size()));
  s->set_lateral_cycles(static_cast<std::uint32_t>(r->lateral_cycles_size()));
  std::uint32_t in_cycles = 0;
  for (const auto& lc : r->lateral_cycles()) in_cycles += static_cast<std::uint32_t>(lc.positions_size());
  s->set_positions_in_lateral_cycles(in_cycles);
  s->set_strong_components(static_cast<std::uint32_t>(CountStrongComponents(g)));
  SummariseTracks(*r, s);
  std::vector<double> mobility_sum(horizons, 0);
  for (const auto& p : r->positions())
    for (std::size_t k = 0; k < horizons; ++k) mobility_sum[k] += p.mobility(static_cast<int>(k));
  for (std::size_t k = 0; k < horizons; ++k) s->add_mean_mobility(n ? mobility_sum[k] / n : 0.0);
  if (r->bottlenecks_size() > 0) {
    s->set_top_bottleneck(r->bottlenecks(0).id());
    s->set_top_bottleneck_betweenness(r->bottlenecks(0).normalized());
  }
  if (r->critical_positions_size() > 0) {
    s->set_top_critical(r->critical_positions(0).id());
    s->set_top_critical_routes_cut(r->critical_positions(0).value());
  }
  s->set_track_switch_moves(static_cast<std::uint32_t>(r->track_switch_moves_size()));
  if (mean_switch_pay_change_pct) s->set_mean_track_switch_pay_change_pct(*mean_switch_pay_change_pct);
}

}  // namespace

v1::LadderReport LadderAnalysis::Finish(const AnalysisPartial& all) const {
  const CareerGraph& g = *graph_;
  v1::LadderReport r;
  r.set_name(g.metadata().name());
  r.set_currency(g.metadata().currency());
  const BetweennessEstimate est = AddBottlenecks(g, sources_, all.sources, options_, &r);
  const Tracks tracks = AddTracks(g, &r);
  const Reachability reach = AddDeadEndsAndUnreachable(g, tracks.groups, &r);
  AddPayInversions(g, tracks.groups, &r);
  const std::vector<std::uint32_t> cycle_of = AddLateralCycles(g, &r);
  const std::optional<double> switch_pay_change_pct = AddTrackSwitches(g, tracks, &r);
  if (auto gates = FindCompetencyGates(g, options_.top())) *r.mutable_competency_gates() = std::move(*gates);
  for (auto& b : LevelBands(g)) *r.add_levels() = std::move(b);
  AddPositions(g, est, all.mobility, horizons_.size(), tracks, reach, cycle_of, &r);
  AddSummary(g, tracks.groups, horizons_.size(), switch_pay_change_pct, &r);
  return r;
}

v1::LadderReport AnalyzeLadder(GraphPtr graph, const v1::AnalyzeOptions& options, int threads) {
  LadderAnalysis a(std::move(graph), options);
  const auto units = a.AllUnits();
  return a.Finish(a.Compute(units, threads));
}

std::vector<v1::LevelMatch> MapLevels(const v1::LadderReport& reference, const v1::LadderReport& ladder,
                                      const MapWeights& weights) {
  const int a = ladder.levels_size(), b = reference.levels_size();
  struct Cell {
    double pay = kUnknown, amb = kUnknown, score = 0;  // an overlap is unknown where a band is missing
  };
  std::vector<Cell> cell(static_cast<std::size_t>(a) * static_cast<std::size_t>(b));
  auto idx = [&](int i, int j) {
    return static_cast<std::size_t>(i) * static_cast<std::size_t>(b) + static_cast<std::size_t>(j);
  };
  auto at = [&](int i, int j) -> Cell& { return cell[idx(i, j)]; };
  for (int i = 0; i < a; ++i)
    for (int j = 0; j < b; ++j) {
      const auto& x = ladder.levels(i);
      const auto& ref = reference.levels(j);
      Cell& c = at(i, j);
      // Each band counts only where both levels have it: an unknown ambiguity is left out,
      // never matched as if it were 0 on both sides.
      double weight = 0, sum = 0;
      if (x.positions_with_pay() > 0 && ref.positions_with_pay() > 0 && weights.pay > 0) {
        c.pay = Overlap(std::log(x.band_pay_low()), std::log(x.band_pay_high()), std::log(ref.band_pay_low()),
                        std::log(ref.band_pay_high()));
        weight += weights.pay;
        sum += weights.pay * c.pay;
      }
      if (x.has_band_ambiguity_low() && ref.has_band_ambiguity_low() && weights.ambiguity > 0) {
        c.amb = Overlap(x.band_ambiguity_low(), x.band_ambiguity_high(), ref.band_ambiguity_low(),
                        ref.band_ambiguity_high());
        weight += weights.ambiguity;
        sum += weights.ambiguity * c.amb;
      }
      // No overlap in pay (when both have pay) means these levels are not the same level,
      // whatever their ambiguity says.
      const bool pay_disjoint = Known(c.pay) && c.pay <= 0;
      c.score = weight > 0 && !pay_disjoint ? sum / weight : 0.0;
    }
  // Both scales are ordered, so is the mapping: an order-preserving assignment of distinct
  // levels to distinct reference levels, a level left unmatched where no band overlaps, with
  // the largest total score. This is a weighted alignment of two sequences, solved exactly:
  //   T(i, j) = max(T(i-1, j), T(i, j-1), T(i-1, j-1) + score(i, j) if score > 0).
  // Ties prefer matching (then the lower reference level), so equal scores stay stable.
  std::vector<int> choice(static_cast<std::size_t>(a), -1);
  if (a > 0 && b > 0) {
    const std::size_t w = static_cast<std::size_t>(b) + 1;
    std::vector<double> T((static_cast<std::size_t>(a) + 1) * w, 0.0);
    std::vector<std::uint8_t> how(T.size(), 0);  // 0 skip ladder level, 1 skip reference level, 2 match
    auto t = [&](int i, int j) -> double& { return T[static_cast<std::size_t>(i) * w + static_cast<std::size_t>(j)]; };
    for (int i = 1; i <= a; ++i)
      for (int j = 1; j <= b; ++j) {
        double best = t(i - 1, j);
        std::uint8_t h = 0;
        if (t(i, j - 1) > best) best = t(i, j - 1), h = 1;
        const double sc = at(i - 1, j - 1).score;
        if (sc > 0 && t(i - 1, j - 1) + sc >= best - 1e-12) best = t(i - 1, j - 1) + sc, h = 2;
        t(i, j) = best;
        how[static_cast<std::size_t>(i) * w + static_cast<std::size_t>(j)] = h;
      }
    for (int i = a, j = b; i > 0 && j > 0;) {
      const std::uint8_t h = how[static_cast<std::size_t>(i) * w + static_cast<std::size_t>(j)];
      if (h == 2) choice[static_cast<std::size_t>(--i)] = --j;
      else if (h == 1) --j;
      else --i;
    }
  }
  std::vector<v1::LevelMatch> out;
  for (int i = 0; i < a; ++i) {
    v1::LevelMatch m;
    m.set_ladder(ladder.source());
    const v1::LevelBand& here = ladder.levels(i);
    m.set_level(here.level());
    m.set_positions(here.positions());
    *m.mutable_names() = here.names();
    const int j = choice[static_cast<std::size_t>(i)];
    if (j >= 0) {
      const Cell& c = at(i, j);
      const v1::LevelBand& there = reference.levels(j);
      m.set_matched(true);
      m.set_reference_level(there.level());
      *m.mutable_reference_names() = there.names();
      SetIfKnown(&m, &v1::LevelMatch::set_pay_overlap, c.pay);
      SetIfKnown(&m, &v1::LevelMatch::set_ambiguity_overlap, c.amb);
      m.set_score(c.score);
    }
    out.push_back(std::move(m));
  }
  return out;
}

Status CompleteReport(v1::AnalysisReport* report) {
  report->clear_level_mapping();
  report->clear_reference_ladder();
  std::uint32_t analysed = 0, rejected = 0;
  const v1::LadderReport* reference = nullptr;
  for (const auto& l : report->ladders()) {
    if (l.rejected()) {
      ++rejected;
      continue;
    }
    ++analysed;
  }
  // The reference: the ladder options.reference names (its source, file name, stem or
  // metadata name, case-insensitive), else the first analysed one.
  const std::string want = ToLower(report->options().reference());
  auto names = [&](const v1::LadderReport& l) {
    const std::filesystem::path p(l.source());
    return want == ToLower(l.source()) || want == ToLower(p.filename().string()) ||
           want == ToLower(p.stem().string()) || want == ToLower(l.name());
  };
  for (const auto& l : report->ladders())
    if (!l.rejected() && (want.empty() || names(l))) {
      reference = &l;
      break;
    }
  MapWeights weights;
  if (report->options().has_map_weight_pay()) weights.pay = report->options().map_weight_pay();
  if (report->options().has_map_weight_ambiguity()) weights.ambiguity = report->options().map_weight_ambiguity();
  if (!want.empty() && !reference) {
    std::string known;
    for (const auto& l : report->ladders())
      if (!l.rejected()) known += (known.empty() ? "" : ", ") + std::filesystem::path(l.source()).filename().string();
    return Status::NotFound("no analysed ladder is named '" + report->options().reference() +
                            "'; name one of: " + (known.empty() ? std::string("(none)") : known))
        .WithField("reference");
  }
  if (reference) {
    report->set_reference_ladder(reference->source());
    for (const auto& l : report->ladders())
      if (!l.rejected() && &l != reference)
        for (auto& m : MapLevels(*reference, l, weights)) *report->add_level_mapping() = std::move(m);
  }
  report->set_ladders_analysed(analysed);
  report->set_ladders_rejected(rejected);
  return Status::Ok();
}

}  // namespace careergraph
