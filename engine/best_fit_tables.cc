#include "engine/best_fit_tables.h"

#include <algorithm>
#include <limits>

#include "engine/cost.h"
#include "engine/landmarks.h"

namespace careergraph {
namespace {

// Weightings without tables that are remembered; past it the counts start again (a host
// asking for thousands of weightings once each keeps none of them).
constexpr std::size_t kMaxAsked = 1024;

}  // namespace

std::size_t BestFitTables::Capacity(std::uint64_t positions, std::uint64_t transitions) {
  const std::uint64_t budget = std::max<std::uint64_t>(std::uint64_t{64} << 20, 16 * transitions);
  const std::uint64_t per_table = std::max<std::uint64_t>(1, 64 * positions);
  return static_cast<std::size_t>(std::clamp<std::uint64_t>(budget / per_table, 1, kMaxWeightings));
}

bool BestFitTables::Worthwhile(const v1::Weights& w) {
  return w.risk() > 0 || w.pay() > 0 || w.ambiguity() > 0 || w.leadership() > 0 || w.skills() > 0;
}

BestFitTables::Key BestFitTables::KeyOf(const v1::Weights& w) {
  return {w.years(), w.risk(), w.pay(), w.ambiguity(), w.leadership(), w.skills()};
}

v1::Weights BestFitTables::WeightsOf(const Key& k) {
  v1::Weights w;
  w.set_years(k[0]);
  w.set_risk(k[1]);
  w.set_pay(k[2]);
  w.set_ambiguity(k[3]);
  w.set_leadership(k[4]);
  w.set_skills(k[5]);
  return w;
}

std::shared_ptr<const Landmarks> BestFitTables::Find(const v1::Weights& w) {
  if (!Worthwhile(w)) return nullptr;
  const Key key = KeyOf(w);
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = kept_.find(key); it != kept_.end()) {
    ++it->second.uses;
    return it->second.tables;
  }
  if (asked_.size() >= kMaxAsked && !asked_.contains(key)) asked_.clear();
  ++asked_[key];
  return nullptr;
}

std::optional<v1::Weights> BestFitTables::Wanted(const CareerGraph& g) const {
  if (g.num_positions() < kMinPositions) return std::nullopt;
  std::lock_guard<std::mutex> lock(mu_);
  const Key* best = nullptr;
  std::uint64_t most = 0;
  for (const auto& [key, uses] : asked_)
    if (uses >= kWantedAfterUses && uses > most) best = &key, most = uses;
  if (!best) return std::nullopt;
  if (kept_.size() >= Capacity(g.num_positions(), g.num_transitions())) {
    std::uint64_t least = std::numeric_limits<std::uint64_t>::max();
    for (const auto& [key, kept] : kept_) least = std::min(least, kept.uses);
    if (most <= 2 * least) return std::nullopt;  // twice as wanted: no churn between equals
  }
  return WeightsOf(*best);
}

bool BestFitTables::Build(const CareerGraph& g, const v1::Weights& w) {
  if (!Worthwhile(w)) return false;
  const Key key = KeyOf(w);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (kept_.contains(key)) return false;
  }
  auto cost = CostModel::Make(g, v1::OBJECTIVE_BEST_FIT, w);
  if (!cost.ok()) return false;  // a weight on a value some position lacks: no query can ask for it
  // The fixed tables' landmark positions (built first if need be: the fallback needs them).
  auto tables = std::make_shared<const Landmarks>(Landmarks::Compute(g, *cost, g.landmarks(Metric::kYears).sites()));
  std::lock_guard<std::mutex> lock(mu_);
  if (kept_.contains(key)) return false;
  while (kept_.size() >= Capacity(g.num_positions(), g.num_transitions())) {
    auto least = std::min_element(kept_.begin(), kept_.end(),
                                  [](const auto& a, const auto& b) { return a.second.uses < b.second.uses; });
    kept_.erase(least);
  }
  // Every count halves at a build: what was asked for long ago weighs less than what is
  // asked for now, and equally used weightings keep equal counts (no churn).
  for (auto& [k, kept] : kept_) kept.uses /= 2;
  for (auto& [k, uses] : asked_) uses /= 2;
  kept_[key] = Kept{std::move(tables), 0};
  asked_.erase(key);
  return true;
}

std::size_t BestFitTables::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return kept_.size();
}

std::size_t BestFitTables::MemoryBytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::size_t bytes = 0;
  for (const auto& [key, kept] : kept_) bytes += kept.tables->MemoryBytes();
  return bytes;
}

}  // namespace careergraph
