#include "engine/career_graph.h"

#include "engine/landmarks.h"

#include <algorithm>
#include <cmath>
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
  auto [it, inserted] = ids.emplace(s, static_cast<std::uint32_t>(names.size()));
  if (inserted) names.push_back(s);
  return it->second;
}

}  // namespace

CareerGraph::CareerGraph() : landmark_cache_(std::make_unique<LandmarkCache>()) {}
CareerGraph::~CareerGraph() = default;

const Landmarks& CareerGraph::landmarks(Metric metric) const { return landmark_cache_->Get(*this, metric); }

std::string_view TransitionKindName(v1::TransitionKind k) {
  switch (k) {
    case v1::PROMOTION: return "promotion";
    case v1::LATERAL: return "lateral";
    case v1::TRACK_SWITCH: return "track-switch";
    case v1::ORG_CHANGE: return "org-change";
    default: return "unspecified";
  }
}

bool ParseTransitionKind(std::string_view s, v1::TransitionKind* out) {
  std::string k = ToLower(s);
  std::replace(k.begin(), k.end(), '_', '-');
  if (k == "promotion" || k == "promote") *out = v1::PROMOTION;
  else if (k == "lateral") *out = v1::LATERAL;
  else if (k == "track-switch" || k == "switch" || k == "trackswitch") *out = v1::TRACK_SWITCH;
  else if (k == "org-change" || k == "external" || k == "orgchange") *out = v1::ORG_CHANGE;
  else return false;
  return true;
}

StatusOr<std::shared_ptr<const CareerGraph>> CareerGraph::Build(v1::Graph snapshot) {
  std::shared_ptr<CareerGraph> g(new CareerGraph());
  g->metadata_ = std::move(*snapshot.mutable_metadata());
  const std::size_t n = static_cast<std::size_t>(snapshot.positions_size());
  if (n >= kNoVertex) return Status::TooLarge("too many positions: " + std::to_string(n));

  g->positions_.reserve(n);
  for (auto& p : *snapshot.mutable_positions()) g->positions_.push_back(std::move(p));
  snapshot.clear_positions();

  g->pay_.resize(n);
  g->ambiguity_.resize(n);
  g->leadership_.resize(n);
  g->level_.resize(n);
  g->track_id_.resize(n);
  g->org_id_.resize(n);
  std::unordered_map<std::string, std::uint32_t> track_ids, org_ids;
  g->index_ = PositionIndex(g->positions_);
  for (std::size_t i = 0; i < n; ++i) {
    const v1::Position& p = g->positions_[i];
    if (p.id().empty()) return BadPosition(p, i, "id", "empty id");
    if (i == g->index_.first_duplicate()) return BadPosition(p, i, "id", "duplicate id '" + p.id() + "'");
    if (!(p.annual_pay() >= 0) || !std::isfinite(p.annual_pay()))
      return BadPosition(p, i, "annual_pay", "pay must be a finite number >= 0");
    if (!(p.ambiguity() >= 0 && p.ambiguity() <= 1))
      return BadPosition(p, i, "ambiguity", "ambiguity must be in [0, 1]");
    if (!(p.leadership() >= 0 && p.leadership() <= 1))
      return BadPosition(p, i, "leadership", "leadership proximity must be in [0, 1]");
    g->pay_[i] = p.annual_pay();
    g->ambiguity_[i] = p.ambiguity();
    g->leadership_[i] = p.leadership();
    g->level_[i] = p.level();
    g->track_id_[i] = Intern(track_ids, g->tracks_, p.track());
    g->org_id_[i] = Intern(org_ids, g->orgs_, p.org());
    g->max_pay_ = std::max(g->max_pay_, p.annual_pay());
  }

  // Transitions come from rows and/or columns. Both are validated, then placed straight
  // into their CSR slots by a stable counting sort on the source (O(n + m), no
  // intermediate edge list), so CSR edge i is the i-th transition of its source in input
  // order and building is deterministic.
  const auto& table = snapshot.transition_table();
  const std::size_t rows = static_cast<std::size_t>(snapshot.transitions_size());
  const std::size_t cols = static_cast<std::size_t>(table.from_size());
  if (rows + cols >= static_cast<std::size_t>(static_cast<EdgeId>(-1)))
    return Status::TooLarge("too many transitions: " + std::to_string(rows + cols));
  std::unordered_map<std::string, std::uint32_t> prov_ids;
  g->provenance_strings_.push_back("");
  prov_ids.emplace("", 0);

  auto check_values = [&](std::size_t i, std::string_view from, std::string_view to, int kind,
                          double years, double p) -> Status {
    if (!(years > 0) || !std::isfinite(years))
      return BadTransition(i, from, to, "years", "years must be a finite number > 0");
    if (!(p > 0 && p <= 1)) return BadTransition(i, from, to, "probability", "probability must be in (0, 1]");
    if (kind < 0 || kind > v1::ORG_CHANGE || !v1::TransitionKind_IsValid(kind))
      return BadTransition(i, from, to, "kind", "unknown transition kind " + std::to_string(kind));
    return Status::Ok();
  };

  // Pass 1: validate and resolve endpoints; count out-degrees.
  std::vector<Vertex> row_from(rows), row_to(rows);
  std::vector<EdgeId> start(n + 1, 0);
  for (std::size_t i = 0; i < rows; ++i) {
    const v1::Transition& t = snapshot.transitions(static_cast<int>(i));
    const Vertex f = g->index_.FindId(t.from());
    if (f == PositionIndex::kNotFound)
      return BadTransition(i, t.from(), t.to(), "from", "unknown position '" + t.from() + "'");
    const Vertex to = g->index_.FindId(t.to());
    if (to == PositionIndex::kNotFound)
      return BadTransition(i, t.from(), t.to(), "to", "unknown position '" + t.to() + "'");
    CAREERGRAPH_RETURN_IF_ERROR(check_values(i, t.from(), t.to(), t.kind(), t.years(), t.probability()));
    row_from[i] = f;
    row_to[i] = to;
    ++start[f + 1];
  }
  if (table.to_size() != table.from_size() || table.years_size() != table.from_size() ||
      table.probability_size() != table.from_size() ||
      (table.kind_size() != 0 && table.kind_size() != table.from_size()) ||
      (table.provenance_size() != 0 && table.provenance_size() != table.from_size()))
    return Status::InvalidData("transition_table columns have different lengths").WithField("transition_table");
  std::vector<std::uint32_t> table_prov(static_cast<std::size_t>(table.provenance_strings_size()));
  for (int j = 0; j < table.provenance_strings_size(); ++j)
    table_prov[static_cast<std::size_t>(j)] = Intern(prov_ids, g->provenance_strings_, table.provenance_strings(j));
  for (std::size_t j = 0; j < cols; ++j) {
    const int jj = static_cast<int>(j);
    const std::uint32_t f = table.from(jj), t = table.to(jj);
    const std::size_t i = rows + j;
    if (f >= n || t >= n)
      return BadTransition(i, std::to_string(f), std::to_string(t), f >= n ? "from" : "to",
                           "position index out of range (" + std::to_string(n) + " positions)");
    const int kind = table.kind_size() ? table.kind(jj) : v1::TRANSITION_KIND_UNSPECIFIED;
    const double years = table.years(jj), p = table.probability(jj);
    if (!(years > 0) || !std::isfinite(years) || !(p > 0 && p <= 1) || kind < 0 || kind > v1::ORG_CHANGE)
      CAREERGRAPH_RETURN_IF_ERROR(check_values(i, g->positions_[f].id(), g->positions_[t].id(), kind, years, p));
    if (table.provenance_size() && table.provenance(jj) >= table_prov.size())
      return BadTransition(i, g->positions_[f].id(), g->positions_[t].id(), "provenance",
                           "provenance index out of range");
    ++start[f + 1];
  }
  for (std::size_t v = 0; v < n; ++v) start[v + 1] += start[v];

  // Pass 2: place every transition in its slot.
  const std::size_t m = rows + cols;
  std::vector<std::pair<Vertex, Vertex>> pairs(m);
  g->src_.resize(m);
  g->years_.resize(m);
  g->probability_.resize(m);
  g->risk_.resize(m);
  g->kind_.resize(m);
  g->provenance_.resize(m);
  std::vector<EdgeId> next(start.begin(), start.end() - 1);
  auto place = [&](Vertex f, Vertex t, int kind, double years, double p, std::uint32_t prov) {
    const EdgeId e = next[f]++;
    pairs[e] = {f, t};
    g->src_[e] = f;
    g->years_[e] = years;
    g->probability_[e] = p;
    g->risk_[e] = -std::log(p);
    g->kind_[e] = static_cast<std::uint8_t>(kind);
    g->provenance_[e] = prov;
  };
  for (std::size_t i = 0; i < rows; ++i) {
    const v1::Transition& t = snapshot.transitions(static_cast<int>(i));
    place(row_from[i], row_to[i], t.kind(), t.years(), t.probability(),
          Intern(prov_ids, g->provenance_strings_, t.provenance()));
  }
  for (std::size_t j = 0; j < cols; ++j) {
    const int jj = static_cast<int>(j);
    place(table.from(jj), table.to(jj), table.kind_size() ? table.kind(jj) : 0, table.years(jj),
          table.probability(jj), table.provenance_size() ? table_prov[table.provenance(jj)] : 0);
  }
  snapshot.Clear();
  g->csr_ = Csr(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(), static_cast<Vertex>(n));
  return std::shared_ptr<const CareerGraph>(std::move(g));
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
      any_prov |= provenance_[e] != 0;
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
  std::size_t b = 0;
  for (const auto& p : positions_) b += p.SpaceUsedLong();
  const std::size_t n = positions_.size(), m = years_.size();
  b += n * (3 * sizeof(double) + sizeof(int) + 2 * sizeof(std::uint32_t));
  b += m * (sizeof(Vertex) + 3 * sizeof(double) + 1 + sizeof(std::uint32_t));
  b += (n + 1) * 2 * sizeof(EdgeId) + m * (2 * sizeof(Vertex) + sizeof(EdgeId));  // CSR + transpose
  return b;
}

}  // namespace careergraph
