#include "engine/competency.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "engine/position_index.h"

namespace careergraph {
namespace {

std::string Num(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

std::vector<CompetencyProblem> CheckCompetencies(const v1::Metadata& md, std::size_t count,
                                                 const std::function<const v1::Position&(std::size_t)>& position) {
  std::vector<CompetencyProblem> out;
  std::unordered_map<std::string, int> index;
  for (int k = 0; k < md.competencies_size(); ++k) {
    const v1::Competency& x = md.competencies(k);
    if (x.id().empty()) {
      out.push_back({"missing-value", -1, k, "id", "competency " + std::to_string(k + 1) + " has no id"});
      continue;
    }
    if (!index.emplace(x.id(), k).second) {
      out.push_back({"duplicate-competency", -1, k, "id", "duplicate competency id '" + x.id() + "'"});
      continue;
    }
    if (!std::isfinite(x.scale_min()) || !std::isfinite(x.scale_max()) || !(x.scale_min() < x.scale_max()))
      out.push_back({"bad-competency-scale", -1, k, "scale_max",
                     "competency '" + x.id() + "': its scale needs scale_min < scale_max (got " + Num(x.scale_min()) +
                         ".." + Num(x.scale_max()) + ")"});
  }
  std::vector<int> seen;
  for (std::size_t i = 0; i < count; ++i) {
    const v1::Position& p = position(i);
    const int pi = static_cast<int>(i);
    seen.clear();
    for (int j = 0; j < p.competencies_size(); ++j) {
      const v1::CompetencyRequirement& r = p.competencies(j);
      if (md.competencies_size() == 0) {
        out.push_back({"no-competency-catalogue", pi, j, "competency",
                       "has a competency profile but the graph has no competency catalogue; declare the "
                       "competencies in the metadata"});
        break;
      }
      auto it = index.find(r.competency());
      if (it == index.end()) {
        out.push_back({"unknown-competency", pi, j, "competency", "unknown competency '" + r.competency() + "'"});
        continue;
      }
      const v1::Competency& x = md.competencies(it->second);
      if (std::find(seen.begin(), seen.end(), it->second) != seen.end()) {
        out.push_back({"duplicate-competency", pi, j, "competency", "names competency '" + x.id() + "' twice"});
        continue;
      }
      seen.push_back(it->second);
      if (!(r.level() >= x.scale_min() && r.level() <= x.scale_max()))
        out.push_back({"bad-competency-level", pi, j, "level",
                       "level " + Num(r.level()) + " of '" + r.competency() + "' is outside its scale " +
                           Num(x.scale_min()) + ".." + Num(x.scale_max())});
      const double imp = r.has_importance() ? r.importance() : 1.0;
      if (!(imp >= 0 && imp <= 1))
        out.push_back({"bad-importance", pi, j, "importance",
                       "importance " + Num(imp) + " of '" + r.competency() + "' is outside [0, 1]"});
    }
  }
  return out;
}

StatusOr<Competencies> Competencies::Make(const v1::Metadata& md, const PositionList& positions) {
  const auto problems = CheckCompetencies(md, positions.size(), [&](std::size_t i) -> const v1::Position& { return positions[i]; });
  if (!problems.empty()) {
    const CompetencyProblem& x = problems.front();
    if (x.position < 0)
      return Status::InvalidData(x.message)
          .WithField("metadata.competencies[" + std::to_string(x.index) + "]." + x.field);
    const auto i = static_cast<std::size_t>(x.position);
    return Status::InvalidData("position " + std::to_string(i + 1) + " ('" + positions[i].id() + "'): " + x.message)
        .WithField("competencies[" + std::to_string(x.index) + "]." + x.field);
  }
  // Checked: resolve to dense indexes and sorted rows.
  Competencies c;
  std::unordered_map<std::string, std::uint32_t> index;
  for (int k = 0; k < md.competencies_size(); ++k) {
    const v1::Competency& x = md.competencies(k);
    index.emplace(x.id(), c.size());
    c.ids_.push_back(x.id());
    c.names_.push_back(x.name());
    c.min_.push_back(x.scale_min());
    c.max_.push_back(x.scale_max());
  }
  c.row_.assign(positions.size() + 1, 0);
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const v1::Position& p = positions[i];
    const std::size_t begin = c.reqs_.size();
    for (const v1::CompetencyRequirement& r : p.competencies())
      c.reqs_.push_back(Requirement{index.at(r.competency()), r.level(), r.has_importance() ? r.importance() : 1.0});
    std::sort(c.reqs_.begin() + static_cast<std::ptrdiff_t>(begin), c.reqs_.end(),
              [](const Requirement& a, const Requirement& b) { return a.competency < b.competency; });
    c.row_[i + 1] = static_cast<std::uint32_t>(c.reqs_.size());
  }
  c.min_importance_.assign(c.size(), 1.0);
  for (const Requirement& r : c.reqs_)
    c.min_importance_[r.competency] = std::min(c.min_importance_[r.competency], r.importance);
  return c;
}

std::optional<std::uint32_t> Competencies::Find(std::string_view s) const {
  const std::string lower = ToLower(s);
  for (std::uint32_t k = 0; k < size(); ++k)
    if (ToLower(ids_[k]) == lower || ToLower(names_[k]) == lower) return k;
  return std::nullopt;
}

std::vector<double> Competencies::Levels(std::uint32_t position) const {
  std::vector<double> have(min_);
  for (const Requirement& r : profile(position)) have[r.competency] = r.level;
  return have;
}

void Competencies::CarryForward(std::vector<double>* have, std::uint32_t position) const {
  for (const Requirement& r : profile(position)) (*have)[r.competency] = std::max((*have)[r.competency], r.level);
}

double Competencies::Gap(const std::vector<double>& have, std::uint32_t target) const {
  double total = 0;
  for (const Requirement& r : profile(target)) total += r.importance * std::max(0.0, r.level - have[r.competency]);
  return total;
}

MoveGap Competencies::Explain(const std::vector<double>& have, std::uint32_t target) const {
  MoveGap g;
  for (const Requirement& r : profile(target)) {
    const double growth = std::max(0.0, r.level - have[r.competency]);
    g.items.push_back(CompetencyGap{r.competency, have[r.competency], r.level, r.importance, growth, r.importance * growth});
    g.total += r.importance * growth;
    g.max_growth = std::max(g.max_growth, growth);
  }
  std::stable_sort(g.items.begin(), g.items.end(), [](const CompetencyGap& a, const CompetencyGap& b) {
    if (a.weighted != b.weighted) return a.weighted > b.weighted;
    return a.growth > b.growth;
  });
  return g;
}

double Competencies::GapBound(std::uint32_t from, std::uint32_t to) const {
  const auto have = profile(from);
  auto h = have.begin();
  double bound = 0;
  for (const Requirement& r : profile(to)) {
    while (h != have.end() && h->competency < r.competency) ++h;
    const double held = h != have.end() && h->competency == r.competency ? h->level : min_[r.competency];
    bound += min_importance_[r.competency] * std::max(0.0, r.level - held);
  }
  return bound;
}

// The gap of the move from position `from` (its own profile) into `to`: a merge of two
// sorted rows.
void Competencies::MergeGap(std::uint32_t from, std::uint32_t to, double* gap, double* growth) const {
  const auto have = profile(from);
  auto h = have.begin();
  double total = 0, most = 0;
  for (const Requirement& r : profile(to)) {
    while (h != have.end() && h->competency < r.competency) ++h;
    const double held = h != have.end() && h->competency == r.competency ? h->level : min_[r.competency];
    const double grow = std::max(0.0, r.level - held);
    total += r.importance * grow;
    most = std::max(most, grow);
  }
  *gap = total;
  *growth = most;
}

void Competencies::ComputeMoveColumns(std::span<const std::uint32_t> source, std::span<const std::uint32_t> target) {
  move_gap_.clear();
  move_growth_.clear();
  if (reqs_.empty()) return;
  move_gap_.resize(source.size());
  move_growth_.resize(source.size());
  for (std::size_t e = 0; e < source.size(); ++e) MergeGap(source[e], target[e], &move_gap_[e], &move_growth_[e]);
}

std::size_t Competencies::MemoryBytes() const {
  return row_.size() * sizeof(std::uint32_t) + reqs_.size() * sizeof(Requirement) +
         (move_gap_.size() + move_growth_.size()) * sizeof(double);
}

StatusOr<std::vector<double>> PersonLevels(const Competencies& c, std::uint32_t start,
                                           const google::protobuf::Map<std::string, double>& have,
                                           const std::string& field) {
  std::vector<double> levels = c.Levels(start);
  // In key order, so the first error reported does not depend on the map's hashing.
  std::vector<std::pair<std::string, double>> given(have.begin(), have.end());
  std::sort(given.begin(), given.end());
  for (const auto& [key, value] : given) {
    const auto k = c.Find(key);
    if (!k) {
      std::vector<std::string> close;
      std::size_t best = std::max<std::size_t>(2, key.size() / 3) + 1;
      for (std::uint32_t j = 0; j < c.size(); ++j)
        if (std::size_t d = EditDistance(ToLower(key), ToLower(c.id(j))); d < best) best = d, close = {c.id(j)};
      std::string known;
      for (std::uint32_t j = 0; j < c.size(); ++j) known += (j ? ", " : "") + c.id(j);
      return Status::NotFound("unknown competency '" + key + "'" +
                              (close.empty() ? "" : "; did you mean '" + close[0] + "'?") +
                              (c.empty() ? " (this graph has no competency catalogue)" : " (known: " + known + ")"))
          .WithField(field + "." + key)
          .WithSuggestions(close);
    }
    if (!(value >= c.scale_min(*k) && value <= c.scale_max(*k)))
      return Status::InvalidArgument("level " + Num(value) + " of '" + c.id(*k) + "' is outside its scale " +
                                     Num(c.scale_min(*k)) + ".." + Num(c.scale_max(*k)))
          .WithField(field + "." + key);
    levels[*k] = value;
  }
  return levels;
}

}  // namespace careergraph
