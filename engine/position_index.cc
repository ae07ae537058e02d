#include "engine/position_index.h"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace careergraph {

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

PositionIndex::PositionIndex(const std::vector<v1::Position>& positions) : positions_(&positions) {
  by_id_.reserve(positions.size());
  for (std::uint32_t i = 0; i < positions.size(); ++i) {
    if (!by_id_.emplace(positions[i].id(), i).second && first_duplicate_ == kNotFound) first_duplicate_ = i;
    by_title_[ToLower(positions[i].title())].push_back(i);
  }
}

std::uint32_t PositionIndex::FindId(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? kNotFound : it->second;
}

StatusOr<std::uint32_t> PositionIndex::Resolve(std::string_view query, std::string_view field) const {
  if (query.empty())
    return Status::InvalidArgument(std::string(field) + " is empty: name a position by id or title")
        .WithField(std::string(field));
  if (auto id = FindId(query); id != kNotFound) return id;
  std::string q = ToLower(query);
  // Trim surrounding whitespace: people paste titles.
  while (!q.empty() && std::isspace(static_cast<unsigned char>(q.back()))) q.pop_back();
  while (!q.empty() && std::isspace(static_cast<unsigned char>(q.front()))) q.erase(q.begin());
  if (auto it = by_title_.find(q); it != by_title_.end()) {
    if (it->second.size() == 1) return it->second.front();
    std::vector<std::string> candidates;
    for (auto v : it->second) candidates.push_back((*positions_)[v].id());
    std::sort(candidates.begin(), candidates.end());
    std::string msg = "position title '" + std::string(query) + "' is ambiguous: " +
                      std::to_string(it->second.size()) +
                      " positions share it; name one by id or as 'title @ org'";
    return Status::InvalidArgument(std::move(msg)).WithField(std::string(field)).WithSuggestions(candidates);
  }
  // "title @ org"
  if (auto at = q.rfind(" @ "); at != std::string::npos) {
    const std::string title = q.substr(0, at), org = q.substr(at + 3);
    if (auto it = by_title_.find(title); it != by_title_.end())
      for (auto v : it->second)
        if (ToLower((*positions_)[v].org()) == org) return v;
  }
  auto suggestions = Suggest(query);
  std::string msg = "unknown position '" + std::string(query) + "'";
  if (!suggestions.empty()) {
    msg += "; did you mean ";
    for (std::size_t i = 0; i < suggestions.size(); ++i)
      msg += (i ? (i + 1 == suggestions.size() ? " or '" : ", '") : "'") + suggestions[i] + "'";
    msg += "?";
  } else {
    msg += "; list positions with `careergraph positions --search TEXT`";
  }
  return Status::NotFound(std::move(msg)).WithField(std::string(field)).WithSuggestions(suggestions);
}

std::vector<std::string> PositionIndex::Suggest(std::string_view query, std::size_t n) const {
  if (!positions_ || positions_->empty()) return {};
  const std::string q = ToLower(query);
  // (distance, name) over titles and ids; a name containing the query counts as close.
  std::vector<std::pair<std::size_t, std::string>> scored;
  auto consider = [&](const std::string& name) {
    const std::string l = ToLower(name);
    const std::size_t len_gap = l.size() > q.size() ? l.size() - q.size() : q.size() - l.size();
    if (len_gap > std::max<std::size_t>(q.size(), 4)) return;  // cannot be close
    std::size_t d = EditDistance(q, l);
    if (l.find(q) != std::string::npos || q.find(l) != std::string::npos) d = std::min(d, len_gap / 2 + 1);
    if (d <= std::max<std::size_t>(2, q.size() / 2)) scored.emplace_back(d, name);
  };
  for (const auto& [title, ids] : by_title_) {
    (void)title;
    consider((*positions_)[ids.front()].title());
  }
  if (positions_->size() <= 200000)
    for (const auto& p : *positions_)
      if (ToLower(p.id()) != ToLower(p.title())) consider(p.id());
  std::sort(scored.begin(), scored.end());
  scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
  std::vector<std::string> out;
  for (auto& [d, name] : scored) {
    if (out.size() == n) break;
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

std::vector<std::uint32_t> PositionIndex::Search(std::string_view text, std::size_t limit) const {
  std::vector<std::tuple<int, std::string, std::uint32_t>> hits;
  const std::string q = ToLower(text);
  if (!positions_) return {};
  for (std::uint32_t i = 0; i < positions_->size(); ++i) {
    const auto& p = (*positions_)[i];
    const std::string title = ToLower(p.title());
    int rank;
    if (q.empty()) rank = 3;
    else if (title == q || ToLower(p.id()) == q) rank = 0;
    else if (title.rfind(q, 0) == 0) rank = 1;
    else if (title.find(q) != std::string::npos) rank = 2;
    else if (ToLower(p.id()).find(q) != std::string::npos || ToLower(p.org()).find(q) != std::string::npos ||
             ToLower(p.track()).find(q) != std::string::npos)
      rank = 3;
    else continue;
    hits.emplace_back(rank, q.empty() ? std::string() : title, i);
  }
  std::stable_sort(hits.begin(), hits.end());
  std::vector<std::uint32_t> out;
  for (auto& h : hits) {
    if (out.size() == limit) break;
    out.push_back(std::get<2>(h));
  }
  return out;
}

}  // namespace careergraph
