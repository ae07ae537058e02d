#include "engine/career_graph.h"

#include "engine/best_fit_tables.h"
#include "engine/choices.h"
#include "engine/competency.h"
#include "engine/huge_pages.h"
#include "engine/landmarks.h"
#include "engine/thread_pool.h"

#include <algorithm>
#include <array>

#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/transform_iterator.hpp>
#include <cmath>
#include <cstring>
#include <numeric>
#include <unordered_map>
#include <utility>

namespace careergraph {
namespace {

Status BadPosition(const v1::Position& p, std::size_t i, std::string field, std::string msg) {
  return Status::InvalidData("position " + std::to_string(i + 1) + " ('" + p.id() + "'): " + msg)
      .WithField(std::move(field));
}

Status BadTransition(std::size_t i, std::string_view from, std::string_view to, std::string field,
                     std::string msg) {
  return Status::InvalidData("transition " + std::to_string(i + 1) + " (" + std::string(from) +
                             " -> " + std::string(to) + "): " + msg)
      .WithField(std::move(field));
}

std::uint32_t Intern(std::unordered_map<std::string, std::uint32_t>& ids,
                     std::vector<std::string>& names, const std::string& s) {
  auto it = ids.find(s);
  if (it != ids.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(names.size());
  ids.emplace(s, id);
  names.push_back(s);
  return id;
}

// Interns strings that outlive the table (the positions' own), remembering the last one:
// consecutive positions usually share their org and track.
class ViewInterner {
 public:
  explicit ViewInterner(std::vector<std::string>* names) : names_(names) {}
  std::uint32_t operator()(const std::string& s) {
    if (last_ != kNone && (*names_)[last_] == s) return last_;
    auto [it, inserted] = ids_.try_emplace(std::string_view(s), static_cast<std::uint32_t>(names_->size()));
    if (inserted) names_->push_back(s);
    return last_ = it->second;
  }

 private:
  static constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);
  std::vector<std::string>* names_;
  std::unordered_map<std::string_view, std::uint32_t> ids_;
  std::uint32_t last_ = kNone;
};

// The snapshot's TransitionTable and TransitionColumns seen through one interface, so both
// are validated and placed by the same code.
struct TableSource {
  const v1::TransitionTable& t;
  std::size_t size() const { return static_cast<std::size_t>(t.from_size()); }
  bool lengths_match() const {
    return t.to_size() == t.from_size() && t.years_size() == t.from_size() &&
           t.probability_size() == t.from_size() && (t.kind_size() == 0 || t.kind_size() == t.from_size()) &&
           (t.provenance_size() == 0 || t.provenance_size() == t.from_size());
  }
  std::uint32_t from(std::size_t j) const { return t.from(static_cast<int>(j)); }
  std::uint32_t to(std::size_t j) const { return t.to(static_cast<int>(j)); }
  int kind(std::size_t j) const { return t.kind_size() ? t.kind(static_cast<int>(j)) : 0; }
  double years(std::size_t j) const { return t.years(static_cast<int>(j)); }
  double probability(std::size_t j) const { return t.probability(static_cast<int>(j)); }
  bool has_provenance() const { return t.provenance_size() != 0; }
  std::uint32_t provenance(std::size_t j) const { return t.provenance(static_cast<int>(j)); }
  std::size_t num_provenance_strings() const { return static_cast<std::size_t>(t.provenance_strings_size()); }
  const std::string& provenance_string(std::size_t k) const { return t.provenance_strings(static_cast<int>(k)); }
};

struct ColumnsSource {
  const TransitionColumns& c;
  std::size_t size() const { return c.from.size(); }
  bool lengths_match() const {
    const std::size_t m = c.from.size();
    return c.to.size() == m && c.years.size() == m && c.probability.size() == m &&
           (c.kind.empty() || c.kind.size() == m) && (c.provenance.empty() || c.provenance.size() == m);
  }
  std::uint32_t from(std::size_t j) const { return c.from[j]; }
  std::uint32_t to(std::size_t j) const { return c.to[j]; }
  int kind(std::size_t j) const { return c.kind.empty() ? 0 : c.kind[j]; }
  double years(std::size_t j) const { return c.years[j]; }
  double probability(std::size_t j) const { return c.probability[j]; }
  bool has_provenance() const { return !c.provenance.empty(); }
  std::uint32_t provenance(std::size_t j) const { return c.provenance[j]; }
  std::size_t num_provenance_strings() const { return c.provenance_strings.size(); }
  const std::string& provenance_string(std::size_t k) const { return c.provenance_strings[k]; }
};

// -ln(p) through a small direct-mapped cache keyed by the exact bits of p: snapshots
// repeat a few thousand distinct probabilities over millions of edges, and a hit returns
// the very value std::log computed for the same p, so results are bit for bit the same.
class RiskOf {
 public:
  RiskOf() { keys_.fill(kEmptyKey); }
  double operator()(double p) {
    std::uint64_t bits;
    std::memcpy(&bits, &p, sizeof bits);
    const std::size_t slot = static_cast<std::size_t>((bits * 0x9e3779b97f4a7c15ull) >> (64 - kBits));
    if (keys_[slot] == bits) return values_[slot];
    const double r = -std::log(p);
    keys_[slot] = bits;
    values_[slot] = r;
    return r;
  }

 private:
  static constexpr int kBits = 12;
  // Not the bits of any probability that passes validation (it is a NaN).
  static constexpr std::uint64_t kEmptyKey = ~std::uint64_t{0};
  std::array<std::uint64_t, std::size_t{1} << kBits> keys_;
  std::array<double, std::size_t{1} << kBits> values_;
};

// Below this many positions + transitions a second thread costs more than it saves.
constexpr std::size_t kParallelBuildMin = 1u << 16;

}  // namespace

CareerGraph::CareerGraph()
    : landmark_cache_(std::make_unique<LandmarkCache>()),
      best_fit_tables_(std::make_unique<BestFitTables>()),
      competencies_(std::make_unique<Competencies>()) {}
CareerGraph::~CareerGraph() = default;

const Landmarks& CareerGraph::landmarks(Metric metric) const { return landmark_cache_->Get(*this, metric); }
bool CareerGraph::landmarks_built() const { return landmark_cache_->AllBuilt(); }

std::string_view TransitionKindName(v1::TransitionKind k) { return ChoiceName(k); }

bool ParseTransitionKind(std::string_view s, v1::TransitionKind* out) {
  const int n = ChoicesOf<v1::TransitionKind>().Find(s);
  if (n <= 0) return false;
  *out = static_cast<v1::TransitionKind>(n);
  return true;
}

StatusOr<std::shared_ptr<const CareerGraph>> CareerGraph::Build(v1::Graph snapshot) {
  PositionList positions;
  positions.Adopt(snapshot.mutable_positions());
  return BuildFrom(std::move(*snapshot.mutable_metadata()), std::move(positions), snapshot.transitions(),
                   snapshot.transition_table(), TransitionColumns{});
}

StatusOr<std::shared_ptr<const CareerGraph>> CareerGraph::Build(SnapshotParts parts) {
  return BuildFrom(std::move(parts.metadata), std::move(parts.positions), parts.transitions,
                   v1::TransitionTable::default_instance(), std::move(parts.columns));
}

StatusOr<std::shared_ptr<const CareerGraph>> CareerGraph::BuildFrom(
    v1::Metadata metadata, PositionList positions,
    const google::protobuf::RepeatedPtrField<v1::Transition>& transitions, const v1::TransitionTable& transition_table,
    TransitionColumns columns) {
  std::shared_ptr<CareerGraph> g(new CareerGraph());
  g->metadata_ = std::move(metadata);
  const std::size_t n = positions.size();
  if (n >= kNoVertex) return Status::TooLarge("too many positions: " + std::to_string(n));
  g->positions_ = std::move(positions);

  const TableSource table{transition_table};
  const ColumnsSource extra{columns};
  const std::size_t rows = static_cast<std::size_t>(transitions.size());
  const std::size_t m = rows + table.size() + extra.size();
  if (m >= static_cast<std::size_t>(static_cast<EdgeId>(-1)))
    return Status::TooLarge("too many transitions: " + std::to_string(m));

  // Positions: the name index, the checks and the vertex columns.
  Status position_status;
  auto build_positions = [&] {
    g->index_ = PositionIndex(g->positions_, &g->metadata_.tracks());
    g->traits_.assign(n, Traits{});
    g->level_.assign(n, 0);
    g->track_id_.assign(n, std::uint32_t{0});
    g->org_id_.assign(n, std::uint32_t{0});
    ViewInterner track_id(&g->tracks_), org_id(&g->orgs_);
    const std::uint32_t shared_title = g->index_.FirstSharedTitleInOrg();
    for (std::size_t i = 0; i < n; ++i) {
      if (i + 16 < n) {  // each string field is an object of its own: ask ahead
        const v1::Position& ahead = g->positions_[i + 16];
        __builtin_prefetch(&ahead.id());
        __builtin_prefetch(&ahead.track());
        __builtin_prefetch(&ahead.org());
      }
      const v1::Position& p = g->positions_[i];
      if (p.id().empty()) return void(position_status = BadPosition(p, i, "id", "empty id"));
      if (i == g->index_.first_duplicate())
        return void(position_status = BadPosition(p, i, "id", "duplicate id '" + p.id() + "'"));
      if (i == shared_title)
        return void(position_status = BadPosition(p, i, "title", "title '" + p.title() + "' is given to another position of its org"));
      if (p.has_annual_pay() && !(p.annual_pay() >= 0 && p.annual_pay() <= kMaxAnnualPay))
        return void(position_status = BadPosition(p, i, "annual_pay", "pay must be a number in [0, 1e9]"));
      if (p.has_ambiguity() && !(p.ambiguity() >= 0 && p.ambiguity() <= 1))
        return void(position_status = BadPosition(p, i, "ambiguity", "ambiguity must be in [0, 1]"));
      if (p.has_leadership() && !(p.leadership() >= 0 && p.leadership() <= 1))
        return void(position_status = BadPosition(p, i, "leadership", "leadership proximity must be in [0, 1]"));
      if (!v1::PayBasis_IsValid(p.pay_basis()))
        return void(position_status = BadPosition(p, i, "pay_basis", "unknown pay basis " + std::to_string(p.pay_basis())));
      if (p.has_pay_error() && !(p.pay_error() >= 0 && p.pay_error() <= kMaxPayError))
        return void(position_status = BadPosition(p, i, "pay_error", "pay error must be a fraction in [0, 10]"));
      // An absent value is unknown: NaN in the columns, never 0 (kUnknown).
      g->traits_[i] = Traits{p.has_annual_pay() ? p.annual_pay() : kUnknown, p.has_ambiguity() ? p.ambiguity() : kUnknown,
                             p.has_leadership() ? p.leadership() : kUnknown};
      g->level_[i] = p.level();
      g->track_id_[i] = track_id(p.track());
      g->org_id_[i] = org_id(p.org());
      if (p.has_annual_pay()) g->max_pay_ = std::max(g->max_pay_, p.annual_pay());
      else ++g->unknown_[0];
      if (!p.has_ambiguity()) ++g->unknown_[1];
      if (!p.has_leadership()) ++g->unknown_[2];
    }
    // Each track's description in the metadata, by track id, the first of an id (a track no
    // position names keeps its description in the metadata only). Through a table: a ladder
    // of many orgs may give each its own tracks (ten thousand at 100k positions).
    g->track_info_.assign(g->tracks_.size(), -1);
    std::unordered_map<std::string_view, int> described;
    described.reserve(static_cast<std::size_t>(g->metadata_.tracks_size()));
    for (int k = 0; k < g->metadata_.tracks_size(); ++k) described.emplace(g->metadata_.tracks(k).id(), k);
    for (std::size_t t = 0; t < g->tracks_.size(); ++t)
      if (const auto it = described.find(g->tracks_[t]); it != described.end()) g->track_info_[t] = it->second;
  };

  // Transitions come from rows and/or columns. All are validated, then placed straight
  // into their CSR slots by a stable counting sort on the source (O(n + m), no
  // intermediate edge list), so CSR edge i is the i-th transition of its source in input
  // order and building is deterministic. Rows name their endpoints by id, so they wait
  // for the index; columns do not, and are checked and placed while it is built.
  Status edge_status;
  // The CSR arrays, moved into the graph at the end.
  HugeVector<Vertex> column, in_source;
  HugeVector<EdgeId> rowstart, in_start, in_edge;
  auto build_edges = [&] {
    std::unordered_map<std::string, std::uint32_t> prov_ids;
    g->provenance_strings_.push_back("");
    prov_ids.emplace("", 0);

    auto check_values = [&](std::size_t i, std::string_view from, std::string_view to, int kind, double years,
                            double p) -> Status {
      if (!(years > 0 && years <= kMaxTransitionYears))
        return BadTransition(i, from, to, "years", "years must be a number > 0 and at most 100");
      if (!(p > 0 && p <= 1)) return BadTransition(i, from, to, "probability", "probability must be in (0, 1]");
      if (kind < 0 || kind > v1::TRANSITION_KIND_ORG_CHANGE || !v1::TransitionKind_IsValid(kind))
        return BadTransition(i, from, to, "kind", "unknown transition kind " + std::to_string(kind));
      return Status::Ok();
    };

    // Pass 1: validate and resolve endpoints; count out-degrees.
    std::vector<Vertex> row_from(rows), row_to(rows);
    std::vector<EdgeId> start(rows > 0 ? n + 1 : 0, 0);  // out-degree counts, then CSR offsets
    for (std::size_t i = 0; i < rows; ++i) {
      const v1::Transition& t = transitions.Get(static_cast<int>(i));
      const Vertex f = g->index_.FindId(t.from());
      if (f == PositionIndex::kNotFound)
        return void(edge_status = BadTransition(i, t.from(), t.to(), "from", "unknown position '" + t.from() + "'"));
      const Vertex to = g->index_.FindId(t.to());
      if (to == PositionIndex::kNotFound)
        return void(edge_status = BadTransition(i, t.from(), t.to(), "to", "unknown position '" + t.to() + "'"));
      edge_status = check_values(i, t.from(), t.to(), t.kind(), t.years(), t.probability());
      if (!edge_status.ok()) return;
      if (t.kind() == v1::TRANSITION_KIND_PROMOTION && g->positions_[to].level() <= g->positions_[f].level())
        return void(edge_status = BadTransition(i, t.from(), t.to(), "kind", "a promotion must go up in level"));
      row_from[i] = f;
      row_to[i] = to;
      ++start[f + 1];
    }
    // Each position's level, for the promotions' check: the position messages are far
    // apart in memory, read at random once per move; these are beside each other.
    std::vector<int> level;
    if (table.size() + extra.size() > n) {
      level.resize(n);
      for (std::size_t v = 0; v < n; ++v) level[v] = g->positions_[v].level();
    }
    auto level_of = [&](std::uint32_t v) { return level.empty() ? g->positions_[v].level() : level[v]; };
    // Columns: `base` is the number of transitions before them; `prov` receives the
    // interned ids of their provenance strings. Also tells whether sources never decrease.
    auto check_columns = [&](const auto& src, std::size_t base, std::vector<std::uint32_t>* prov,
                             bool* sorted) -> Status {
      if (!src.lengths_match())
        return Status::InvalidData("transition_table columns have different lengths").WithField("transition_table");
      prov->resize(src.num_provenance_strings());
      for (std::size_t k = 0; k < prov->size(); ++k)
        (*prov)[k] = Intern(prov_ids, g->provenance_strings_, src.provenance_string(k));
      const std::size_t count = src.size();
      std::uint32_t last = 0;
      *sorted = true;
      for (std::size_t j = 0; j < count; ++j) {
        const std::uint32_t f = src.from(j), t = src.to(j);
        const std::size_t i = base + j;
        if (f >= n || t >= n)
          return BadTransition(i, std::to_string(f), std::to_string(t), f >= n ? "from" : "to",
                               "position index out of range (" + std::to_string(n) + " positions)");
        const int kind = src.kind(j);
        const double years = src.years(j), p = src.probability(j);
        if (!(years > 0 && years <= kMaxTransitionYears) || !(p > 0 && p <= 1) || kind < 0 ||
            kind > v1::TRANSITION_KIND_ORG_CHANGE)
          CAREERGRAPH_RETURN_IF_ERROR(check_values(i, g->positions_[f].id(), g->positions_[t].id(), kind, years, p));
        if (kind == v1::TRANSITION_KIND_PROMOTION && level_of(t) <= level_of(f))
          return BadTransition(i, g->positions_[f].id(), g->positions_[t].id(), "kind", "a promotion must go up in level");
        if (src.has_provenance() && src.provenance(j) >= prov->size())
          return BadTransition(i, g->positions_[f].id(), g->positions_[t].id(), "provenance",
                               "provenance index out of range");
        *sorted &= f >= last;
        last = f;
      }
      return Status::Ok();
    };
    std::vector<std::uint32_t> table_prov, extra_prov;
    bool table_sorted = true, extra_sorted = true;
    edge_status = check_columns(table, rows, &table_prov, &table_sorted);
    if (!edge_status.ok()) return;
    edge_status = check_columns(extra, rows + table.size(), &extra_prov, &extra_sorted);
    if (!edge_status.ok()) return;

    if (rows == 0 && table.size() == 0 && extra_sorted) {
      // Already in CSR order: the columns become the graph's.
      g->src_ = std::move(columns.from);
      column = std::move(columns.to);
      g->years_ = std::move(columns.years);
      g->probability_ = std::move(columns.probability);
      if (columns.kind.empty()) g->kind_.assign(m, std::uint8_t{0});
      else g->kind_ = std::move(columns.kind);
      if (!columns.provenance.empty()) {
        for (auto& p : columns.provenance) p = extra_prov[p];
        g->provenance_ = std::move(columns.provenance);
      }
    } else {
      start.resize(n + 1, 0);
      for (std::size_t j = 0; j < table.size(); ++j) ++start[table.from(j) + 1];
      for (std::size_t j = 0; j < extra.size(); ++j) ++start[extra.from(j) + 1];
      for (std::size_t v = 0; v < n; ++v) start[v + 1] += start[v];

      // Pass 2: place every transition in its slot.
      g->src_.reserve(m);
      column.reserve(m);
      g->years_.reserve(m);
      g->probability_.reserve(m);
      g->kind_.reserve(m);
      g->provenance_.reserve(m);
      g->src_.resize(m);
      column.resize(m);
      g->years_.resize(m);
      g->probability_.resize(m);
      g->kind_.resize(m);
      g->provenance_.resize(m);
      std::vector<EdgeId> next(start.begin(), start.end() - 1);
      auto place = [&](Vertex f, Vertex t, int kind, double years, double p, std::uint32_t prov) {
        const EdgeId e = next[f]++;
        g->src_[e] = f;
        column[e] = t;
        g->years_[e] = years;
        g->probability_[e] = p;
        g->kind_[e] = static_cast<std::uint8_t>(kind);
        g->provenance_[e] = prov;
      };
      for (std::size_t i = 0; i < rows; ++i) {
        const v1::Transition& t = transitions.Get(static_cast<int>(i));
        place(row_from[i], row_to[i], t.kind(), t.years(), t.probability(),
              Intern(prov_ids, g->provenance_strings_, t.provenance()));
      }
      auto place_columns = [&](const auto& src, const std::vector<std::uint32_t>& prov) {
        for (std::size_t j = 0; j < src.size(); ++j)
          place(src.from(j), src.to(j), src.kind(j), src.years(j), src.probability(j),
                src.has_provenance() ? prov[src.provenance(j)] : 0);
      };
      place_columns(table, table_prov);
      place_columns(extra, extra_prov);
    }
    // The CSR: out-edges by the counting sort above, in-edges by a second one on the target,
    // in forward edge order, each remembering its forward edge (what Boost's transpose holds).
    rowstart.assign(n + 1, EdgeId{0});
    for (std::size_t e = 0; e < m; ++e) ++rowstart[g->src_[e] + 1];
    for (std::size_t v = 0; v < n; ++v) rowstart[v + 1] += rowstart[v];
    // Counting ten million in-edges straight into arrays far larger than the caches misses
    // on nearly every access, so the sort by target starts with one radix step: edges are
    // partitioned, stably, by the target's block of 1024-or-so vertices (a few hundred
    // write streams, which the caches hold); then every count and placement stays inside
    // one block's slice of the arrays. A block's slice of the partition is the block's
    // slice of the in-edge arrays, so the partition lives in in_source (sources) and in the
    // risk column (target and edge, eight bytes each), which is filled only afterwards:
    // freshly touched memory is what a load of this size mostly pays for.
    int shift = 0;
    while (n > 0 && ((n - 1) >> shift) >= 1024) ++shift;
    const std::size_t blocks = n == 0 ? 0 : ((n - 1) >> shift) + 1;
    static_assert(sizeof(double) == sizeof(std::uint64_t));
    g->risk_.reserve(m);
    g->risk_.resize(m);
    char* const by_block = reinterpret_cast<char*>(g->risk_.data());  // (target << 32) | edge
    auto get = [by_block](std::size_t k) {
      std::uint64_t te;
      std::memcpy(&te, by_block + k * sizeof te, sizeof te);
      return te;
    };
    in_source.reserve(m);
    in_edge.reserve(m);
    in_source.resize(m);
    in_edge.resize(m);
    std::vector<EdgeId> head(blocks + 1, 0);
    for (std::size_t e = 0; e < m; ++e) ++head[(column[e] >> shift) + 1];
    for (std::size_t b = 0; b < blocks; ++b) head[b + 1] += head[b];
    const std::vector<EdgeId> block_start(head.begin(), head.end());
    for (std::size_t e = 0; e < m; ++e) {
      const Vertex t = column[e];
      const EdgeId k = head[t >> shift]++;
      const std::uint64_t te = (std::uint64_t{t} << 32) | e;
      std::memcpy(by_block + std::size_t{k} * sizeof te, &te, sizeof te);
      in_source[k] = g->src_[e];
    }
    in_start.assign(n + 1, EdgeId{0});
    for (std::size_t k = 0; k < m; ++k) ++in_start[(get(k) >> 32) + 1];
    for (std::size_t v = 0; v < n; ++v) in_start[v + 1] += in_start[v];
    std::vector<EdgeId> next(in_start.begin(), in_start.end() - 1);
    std::vector<Vertex> sources;  // one block's sources, moved aside while it is placed
    for (std::size_t b = 0; b < blocks; ++b) {
      const EdgeId lo = block_start[b], hi = block_start[b + 1];
      sources.assign(in_source.begin() + lo, in_source.begin() + hi);
      for (EdgeId k = lo; k < hi; ++k) {
        const std::uint64_t te = get(k);
        const EdgeId slot = next[te >> 32]++;
        in_edge[slot] = static_cast<EdgeId>(te);
        in_source[slot] = sources[k - lo];
      }
    }
  };

  // Rows need the index to resolve their ids; otherwise both halves are independent.
  RunBoth(rows == 0 && n + m >= kParallelBuildMin, build_positions, build_edges);
  if (!position_status.ok()) return position_status;
  if (!edge_status.ok()) return edge_status;
  // The risk column last (the edge half used it for the partition), half of it on each
  // thread: the edge half is the longer one, and its logarithms were 5 of its 28 ms at
  // 100k positions.
  auto risks = [&](std::size_t lo, std::size_t hi) {
    RiskOf risk;
    for (std::size_t e = lo; e < hi; ++e) g->risk_[e] = risk(g->probability_[e]);
  };
  RunBoth(m >= kParallelBuildMin, [&] { risks(0, m / 2); }, [&] { risks(m / 2, m); });
  auto competencies = Competencies::Make(g->metadata_, g->positions_);
  if (!competencies.ok()) return competencies.status();
  *g->competencies_ = std::move(*competencies);
  columns = TransitionColumns{};

  g->out_start_ = std::move(rowstart);
  g->target_ = std::move(column);
  g->in_start_ = std::move(in_start);
  g->in_source_ = std::move(in_source);
  g->in_edge_ = std::move(in_edge);
  g->competencies_->ComputeMoveColumns(g->src_, g->target_);
  return std::shared_ptr<const CareerGraph>(std::move(g));
}

namespace {

// Transition e as the (source, target) pair Boost's CSR constructor reads.
struct EdgeEnds {
  const CareerGraph* g = nullptr;
  std::pair<Vertex, Vertex> operator()(EdgeId e) const { return {g->source(e), g->target(e)}; }
};

}  // namespace

const Csr& CareerGraph::csr() const {
  std::call_once(boost_csr_once_, [this] {
    // Edges are given in CSR order, so Boost's stable counting sorts keep every edge index
    // (and, in the transpose, the forward order): its CSR is this graph's, index for index.
    auto at = [this](EdgeId e) { return boost::make_transform_iterator(boost::counting_iterator<EdgeId>(e), EdgeEnds{this}); };
    boost_csr_ = std::make_unique<Csr>(boost::edges_are_unsorted_multi_pass, at(0), at(num_transitions()),
                                       num_positions());
    boost_csr_built_.store(true, std::memory_order_release);
  });
  return *boost_csr_;
}

v1::Graph CareerGraph::ToSnapshot(bool columnar) const {
  v1::Graph out;
  *out.mutable_metadata() = metadata_;
  out.mutable_positions()->Reserve(static_cast<int>(positions_.size()));
  for (const auto& p : positions_) *out.add_positions() = p;
  const EdgeId m = num_transitions();
  if (columnar) {
    auto* t = out.mutable_transition_table();
    t->mutable_from()->Reserve(static_cast<int>(m));
    t->mutable_to()->Reserve(static_cast<int>(m));
    t->mutable_years()->Reserve(static_cast<int>(m));
    t->mutable_probability()->Reserve(static_cast<int>(m));
    t->mutable_kind()->Reserve(static_cast<int>(m));
    bool any_prov = false;
    for (EdgeId e = 0; e < m; ++e) {
      t->add_from(src_[e]);
      t->add_to(target(e));
      t->add_kind(kind(e));
      t->add_years(years_[e]);
      t->add_probability(probability_[e]);
      any_prov |= !provenance_.empty() && provenance_[e] != 0;
    }
    if (any_prov) {
      for (const auto& s : provenance_strings_) t->add_provenance_strings(s);
      for (EdgeId e = 0; e < m; ++e) t->add_provenance(provenance_[e]);
    }
  } else {
    out.mutable_transitions()->Reserve(static_cast<int>(m));
    for (EdgeId e = 0; e < m; ++e) {
      auto* t = out.add_transitions();
      t->set_from(positions_[src_[e]].id());
      t->set_to(positions_[target(e)].id());
      t->set_kind(kind(e));
      t->set_years(years_[e]);
      t->set_probability(probability_[e]);
      t->set_provenance(provenance(e));
    }
  }
  return out;
}

std::size_t CareerGraph::MemoryBytes() const {
  std::size_t b = positions_.MemoryBytes();
  const std::size_t n = positions_.size(), m = years_.size();
  b += n * (sizeof(Traits) + sizeof(int) + 2 * sizeof(std::uint32_t));
  b += m * (sizeof(Vertex) + 3 * sizeof(double) + 1 + sizeof(std::uint32_t));
  b += (n + 1) * 2 * sizeof(EdgeId) + m * (2 * sizeof(Vertex) + sizeof(EdgeId));  // CSR + transpose
  if (boost_csr_built_.load(std::memory_order_acquire))  // Boost's copy: the same arrays, one byte per edge more
    b += (n + 1) * 2 * sizeof(EdgeId) + m * (2 * sizeof(Vertex) + sizeof(EdgeId) + 1);
  b += index_.MemoryBytes();
  b += competencies_->MemoryBytes();
  return b;
}

const char* AttributeName(Attribute a) {
  switch (a) {
    case Attribute::kPay: return "pay";
    case Attribute::kAmbiguity: return "ambiguity";
    case Attribute::kLeadership: return "leadership";
  }
  return "?";
}

namespace {

Status LacksAttribute(Attribute a, std::string_view need, std::string field, std::size_t count,
                      const std::vector<std::string>& names) {
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  if (count > names.size()) list += ", ...";
  const std::string what = AttributeName(a);
  return Status::InvalidArgument(std::string(need) + " needs every position's " + what + ", and " +
                                 std::to_string(count) + (count == 1 ? " position lacks it: " : " positions lack it: ") +
                                 list + "; give their " + what + " in the ladder, or ask without it")
      .WithField(std::move(field));
}

}  // namespace

Status CareerGraph::RequireKnown(Attribute a, std::string_view need, std::string field) const {
  if (unknown_count(a) == 0) return Status::Ok();
  std::vector<std::string> names;
  for (Vertex v = 0; v < num_positions() && names.size() < 5; ++v)
    if (!Known(attribute(a, v))) names.push_back("'" + position(v).title() + "' (" + position(v).id() + ")");
  return LacksAttribute(a, need, std::move(field), unknown_count(a), names);
}

Status CareerGraph::RequireKnown(Attribute a, std::string_view need, std::string field,
                                 const std::vector<Vertex>& among) const {
  if (unknown_count(a) == 0) return Status::Ok();
  std::vector<std::string> names;
  std::size_t count = 0;
  for (Vertex v : among)
    if (!Known(attribute(a, v)) && count++ < 5) names.push_back("'" + position(v).title() + "' (" + position(v).id() + ")");
  if (count == 0) return Status::Ok();
  return LacksAttribute(a, need, std::move(field), count, names);
}

}  // namespace careergraph
