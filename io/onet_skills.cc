#include "io/onet_skills.h"

#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

#include "io/number_parse.h"

namespace careergraph::io {
namespace {

struct Rating {
  std::optional<double> im, lv;
  unsigned im_line = 0, lv_line = 0;
};

bool Flagged(const TsvTable& t, std::size_t row, int col) {
  return col >= 0 && (TrimBlanks(t.Text(row, col)) == "Y" || TrimBlanks(t.Text(row, col)) == "y");
}

}  // namespace

Status AddOnetSkillProfiles(const TsvTable& t, v1::Graph* g) {
  auto code_col = t.Require({"O*NET-SOC Code"});
  if (!code_col.ok()) return code_col.status();
  auto element_col = t.Require({"Element ID"});
  if (!element_col.ok()) return element_col.status();
  auto name_col = t.Require({"Element Name"});
  if (!name_col.ok()) return name_col.status();
  auto layout = OnetScales::Find(t, {"IM", "LV"});
  if (!layout.ok()) return layout.status();
  const int suppress_col = t.Find({"Recommend Suppress"});
  const int not_relevant_col = t.Find({"Not Relevant"});

  std::unordered_map<std::string, int> position_of;
  for (int i = 0; i < g->positions_size(); ++i) position_of.emplace(g->positions(i).id(), i);

  // The catalogue in the order elements first appear; the ratings by (position, element).
  std::vector<std::pair<std::string, std::string>> elements;  // id, name
  std::unordered_map<std::string, std::size_t> element_index;
  std::map<std::pair<int, std::size_t>, Rating> ratings;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    // k = 0: IM, 1: LV; a row of the 29.x layout rates one of them (or another scale), a
    // row of the 30.x layout both.
    for (std::size_t k = 0; k < 2; ++k) {
      const int value_col = layout->Column(t, r, k);
      if (value_col < 0) continue;
      const bool im = k == 0;
      const std::string scale = im ? "IM" : "LV";
      const std::string element(TrimBlanks(t.Text(r, *element_col)));
      auto [it, added] = element_index.emplace(element, elements.size());
      if (added) elements.emplace_back(element, std::string(TrimBlanks(t.Text(r, *name_col))));
      const std::string code(TrimBlanks(t.Text(r, *code_col)));
      auto value = t.OptionalNumber(r, value_col);
      if (!value.ok()) return value.status();
      const double lo = im ? 1 : 0, hi = im ? 5 : 7;
      if (*value && (**value < lo || **value > hi))
        return t.Error(r, value_col,
                       "value " + std::to_string(**value) + " is outside the " + scale + " scale (" +
                           std::to_string(static_cast<int>(lo)) + " to " + std::to_string(static_cast<int>(hi)) + ")");
      const auto pos = position_of.find(code);
      if (pos == position_of.end()) continue;
      Rating& rating = ratings[{pos->second, it->second}];
      unsigned& line = im ? rating.im_line : rating.lv_line;
      if (line)
        return t.Error(r, *element_col, code + " has element " + element + " (" + scale + ") twice (first on line " +
                                            std::to_string(line) + ")");
      line = t.line(r);
      if (!*value || Flagged(t, r, suppress_col)) continue;  // suppressed: unknown
      if (!im && Flagged(t, r, not_relevant_col)) continue;   // not relevant: not asked
      (im ? rating.im : rating.lv) = **value;
    }
  }

  auto* md = g->mutable_metadata();
  for (const auto& [id, name] : elements) {
    auto* c = md->add_competencies();
    c->set_id(id);
    c->set_name(name);
    c->set_scale_min(0);
    c->set_scale_max(7);
    c->set_source("O*NET Skills (level scale LV 0-7; importance IM 1-5 mapped to (IM - 1) / 4)");
  }
  for (const auto& [key, rating] : ratings) {
    if (!rating.lv || !rating.im) continue;
    auto* req = g->mutable_positions(key.first)->add_competencies();
    req->set_competency(elements[key.second].first);
    req->set_level(std::round(*rating.lv * 100) / 100);
    req->set_importance(std::round((*rating.im - 1) / 4 * 1000) / 1000);
  }
  return Status::Ok();
}

}  // namespace careergraph::io
