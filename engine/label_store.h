// LabelStore: the labels of a label-setting search (multi-criteria Dijkstra; Martins, "On a
// multicriteria shortest path problem", EJOR 16(2), 1984), shared by the searches that keep
// more than one candidate route per position: route.cc's constrained routes, the constrained
// spur searches of alternatives.cc and reach.cc's exact (years, risk, moves) reach.
//
// Design choices:
//  - Labels live in one vector and name their parent by index, so a route is read back by
//    walking parents and nothing moves while the search runs.
//  - A bucket (a position, or a position at a stage of a route through via positions) lists
//    its live labels. A new label is dropped when a live label there dominates it, and
//    retires the live labels it dominates; a retired label stays in the vector, marked dead,
//    so its children keep their parent and its queue entry is skipped when popped.
//  - What dominates what is the caller's (which criteria count, with what tolerance), as is
//    the label type, which carries `parent` (an index, kNone for a root) and `dead`.
//  - The queue is a binary heap of (key, label index) with lazy deletion: among equal keys the
//    label added first pops first, so answers do not depend on the heap's internals. A key
//    may be a tuple, compared field by field.
//  - Reset clears only the buckets the last search used, so one store serves many searches
//    (the spur searches of one alternatives query) without an O(positions) pass each.
//
// Below the store, the pieces the two constrained route searches share: their label, the
// exact lower bounds that prune it, and the dominance that max_years / max_moves ask for.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <tuple>
#include <utility>
#include <vector>

#include "engine/cancel.h"
#include "engine/career_graph.h"
#include "engine/search.h"

namespace careergraph {

template <typename Label, typename Key = double>
class LabelStore {
 public:
  using Id = std::uint32_t;
  static constexpr Id kNone = static_cast<Id>(-1);

  // Starts a search over `buckets` buckets.
  void Reset(std::size_t buckets) {
    if (at_.size() != buckets) {
      at_.assign(buckets, {});
    } else {
      for (std::size_t b : touched_) at_[b].clear();
    }
    touched_.clear();
    labels_.clear();
    queue_.clear();
  }

  // Adds `label` to `bucket`, queued under `key`, unless a live label there dominates it
  // (`rule.Dominates(kept, label)`); first retires the live labels it dominates
  // (`rule.Retires(label, kept)`). Returns whether the label was added.
  template <typename Rule>
  bool Insert(std::size_t bucket, const Label& label, const Key& key, const Rule& rule) {
    auto& list = at_[bucket];
    for (Id i : list)
      if (rule.Dominates(labels_[i], label)) return false;
    for (Id i : list)
      if (rule.Retires(label, labels_[i])) labels_[i].dead = true;
    list.erase(std::remove_if(list.begin(), list.end(), [&](Id i) { return labels_[i].dead; }), list.end());
    if (list.empty()) touched_.push_back(bucket);
    const auto id = static_cast<Id>(labels_.size());
    labels_.push_back(label);
    list.push_back(id);
    queue_.push_back(std::tuple_cat(AsTuple(key), std::tuple<Id>(id)));
    std::push_heap(queue_.begin(), queue_.end(), std::greater<>());
    return true;
  }

  // Removes and returns the live label with the least key; kNone once the queue is empty.
  // Polls the cancellation scope for every entry it takes off the queue.
  Id PopLive() {
    while (!queue_.empty()) {
      const Id id = std::get<std::tuple_size_v<Entry> - 1>(queue_.front());
      PollCancel();
      std::pop_heap(queue_.begin(), queue_.end(), std::greater<>());
      queue_.pop_back();
      if (!labels_[id].dead) return id;
    }
    return kNone;
  }

  const Label& operator[](Id id) const { return labels_[id]; }
  // Labels added since Reset, retired ones included: what a search's label budget counts.
  std::size_t size() const { return labels_.size(); }

  // Appends the moves from the root to `id`, last move first (a label without a move, e.g.
  // the start of the next leg, adds none). For a search run backwards, that is route order.
  void AppendMovesBack(Id id, std::vector<EdgeId>* out) const {
    for (Id i = id; labels_[i].parent != kNone; i = labels_[i].parent)
      if (labels_[i].edge != kNoEdge) out->push_back(labels_[i].edge);
  }

 private:
  // A queue entry is the key's fields and then the label index, in one flat tuple (a
  // (years, risk, moves) key with its index fits 24 bytes, where a pair would take 32).
  template <typename K>
  static std::tuple<K> AsTuple(const K& k) { return std::tuple<K>(k); }
  template <typename... K>
  static const std::tuple<K...>& AsTuple(const std::tuple<K...>& k) { return k; }
  using Entry = decltype(std::tuple_cat(AsTuple(std::declval<Key>()), std::tuple<Id>()));

  std::vector<Label> labels_;
  std::vector<std::vector<Id>> at_;  // live labels by bucket
  std::vector<std::size_t> touched_;  // buckets given a label since Reset (some repeated)
  std::vector<Entry> queue_;
};

// ---- the constrained route searches: routes with max_years and/or max_moves ----

// A partial route: its cost, years and moves so far, where it is, and how it got there.
struct ResourceLabel {
  double cost, years;
  std::uint32_t moves;
  Vertex v;
  std::uint32_t stage;   // legs completed of a route through via positions (0 with none)
  std::uint32_t parent;  // label index, or LabelStore's kNone for the start
  EdgeId edge;           // the move that made this label; kNoEdge for the start and a new leg
  bool dead;
};

// Exact lower bounds per position on the cost, years and moves between it and the search's
// far end (the target, or the start for a search run backwards), under the request's filters.
struct ResourceBounds {
  std::vector<double> cost, years, moves;

  // Fills the bounds from three full searches: `search(per_move_cost)` runs one (forwards
  // from the start or backwards from the target) and returns the SearchSpace it left.
  template <typename Cost, typename Search>
  void Fill(const CareerGraph& g, const Cost& cost, Search&& search) {
    const Vertex n = g.num_positions();
    auto fill = [&](std::vector<double>& out, const auto& per_move) {
      const SearchSpace& ws = search(per_move);
      out.resize(n);
      for (Vertex v = 0; v < n; ++v) out[v] = ws.dist(v);
    };
    fill(this->cost, cost);
    fill(years, [&](EdgeId e) { return g.years(e); });
    fill(moves, [](EdgeId) { return 1.0; });
  }
};

// The limits of a constrained route (0 = none) and the dominance they ask for: with a limit
// on years, a cheaper label does not make a longer one unnecessary, and likewise for moves.
class ResourceRules {
 public:
  ResourceRules(double max_years, std::uint32_t max_moves)
      : use_years_(max_years > 0),
        use_moves_(max_moves > 0),
        max_years_(use_years_ ? max_years + kEps : kInf),
        max_moves_(use_moves_ ? max_moves + 0.5 : kInf) {}

  // Whether `l` can still end within the limits, by the bounds at its position.
  bool Feasible(const ResourceLabel& l, const ResourceBounds& b) const {
    return b.cost[l.v] < kInf && l.years + b.years[l.v] <= max_years_ && l.moves + b.moves[l.v] <= max_moves_;
  }
  // `kept` is as good as `l` (cost and years up to rounding): `l` is not needed.
  bool Dominates(const ResourceLabel& kept, const ResourceLabel& l) const {
    return kept.cost <= l.cost + kEps && (!use_years_ || kept.years <= l.years + kEps) &&
           (!use_moves_ || kept.moves <= l.moves);
  }
  // `l` is at least as good as `kept` in every limited resource and in cost: `kept` retires.
  bool Retires(const ResourceLabel& l, const ResourceLabel& kept) const {
    return l.cost <= kept.cost && (!use_years_ || l.years <= kept.years) && (!use_moves_ || l.moves <= kept.moves);
  }

 private:
  static constexpr double kEps = 1e-9;
  bool use_years_, use_moves_;
  double max_years_, max_moves_;
};

}  // namespace careergraph
