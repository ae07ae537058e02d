#include "io/competency_yaml.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "engine/position_index.h"
#include "io/finding.h"
#include "io/number_parse.h"

namespace careergraph::io {
namespace {

unsigned LineOf(const YAML::Node& n) {
  if (!n.IsDefined()) return 0;
  const YAML::Mark m = n.Mark();
  return m.line >= 0 ? static_cast<unsigned>(m.line) + 1 : 0;
}

class Reader {
 public:
  Reader(const std::string& file, std::vector<v1::Finding>* findings) : file_(file), findings_(findings) {}

  void Error(const std::string& code, const std::string& msg, const YAML::Node& at, const std::string& field,
             const std::string& position = "") {
    findings_->push_back(ErrorFinding(code, msg, file_, LineOf(at), field, position));
  }

  bool Number(const YAML::Node& n, const std::string& field, const std::string& position, double* out) {
    if (n.IsScalar() && ParseDouble(n.Scalar(), out) && std::isfinite(*out)) return true;
    Error("malformed-number",
          field + " " + (n.IsScalar() ? "'" + n.Scalar() + "'" : std::string("(a list or mapping)")) +
              " is not a number; write it like 3 or 2.5",
          n, field, position);
    return false;
  }

  std::string Text(const YAML::Node& m, const char* key, const std::string& where) {
    const YAML::Node n = m[key];
    if (!n || n.IsNull()) return "";
    if (!n.IsScalar()) {
      Error("parse-error", std::string("'") + key + "' of " + where + " must be text", n, key);
      return "";
    }
    return n.Scalar();
  }

  void CheckKeys(const YAML::Node& m, std::initializer_list<std::string_view> known, const std::string& where) {
    for (auto it = m.begin(); it != m.end(); ++it) {
      const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string list;
      for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      Error("unknown-key", "unknown key '" + key + "' in " + where + " (known keys: " + list + ")", it->first, key);
    }
  }

  // The catalogue index of `id`, or -1 after reporting it (unknown, or no catalogue).
  int Resolve(const v1::Metadata& md, const std::string& id, const YAML::Node& at, const std::string& field,
              const std::string& position) {
    if (md.competencies_size() == 0) {
      Error("no-competency-catalogue",
            "a competency profile needs the competency catalogue; declare the competencies once at the top level "
            "(competencies: [{id: " + id + ", name: ..., scale: [0, 5]}, ...])",
            at, field, position);
      return -1;
    }
    std::string hint, known;
    std::size_t best = std::max<std::size_t>(2, id.size() / 3) + 1;
    for (int k = 0; k < md.competencies_size(); ++k) {
      const std::string& c = md.competencies(k).id();
      if (c == id) return k;
      known += (known.empty() ? "" : ", ") + c;
      if (std::size_t d = EditDistance(ToLower(id), ToLower(c)); d < best) best = d, hint = c;
    }
    Error("unknown-competency",
          "unknown competency '" + id + "'" + (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
              " (the catalogue has: " + known + ")",
          at, field, position);
    return -1;
  }

  void Add(const v1::Metadata& md, int k, const YAML::Node& value_node, double level, std::optional<double> importance,
           const std::string& position, v1::Position* p, std::set<int>* seen) {
    const v1::Competency& c = md.competencies(k);
    const std::string field = "competencies." + c.id();
    if (!seen->insert(k).second) {
      Error("duplicate-competency", "competency '" + c.id() + "' is given twice in this profile", value_node, field,
            position);
      return;
    }
    if (level < c.scale_min() || level > c.scale_max()) {
      Error("bad-competency-level",
            "level " + FormatNumber(level) + " of '" + c.id() + "' is outside its scale " +
                FormatNumber(c.scale_min()) + ".." + FormatNumber(c.scale_max()),
            value_node, field, position);
      return;
    }
    if (importance && !(*importance >= 0 && *importance <= 1)) {
      Error("bad-importance",
            "importance " + FormatNumber(*importance) + " of '" + c.id() + "' is outside [0, 1]", value_node,
            field + ".importance", position);
      return;
    }
    auto* r = p->add_competencies();
    r->set_competency(c.id());
    r->set_level(level);
    if (importance) r->set_importance(*importance);
  }

 private:
  const std::string& file_;
  std::vector<v1::Finding>* findings_;
};

}  // namespace

void ReadCompetencyCatalogue(const YAML::Node& list, const std::string& file, v1::Metadata* md,
                             std::vector<v1::Finding>* findings) {
  Reader r(file, findings);
  if (!list || list.IsNull()) return;
  if (!list.IsSequence()) {
    r.Error("parse-error", "'competencies' must be a list of {id, name, scale, ...}", list, "competencies");
    return;
  }
  std::set<std::string> ids;
  for (const YAML::Node& n : list) {
    if (!n.IsMap()) {
      r.Error("parse-error", "each competency must be a mapping {id: ..., name: ..., scale: [min, max]}", n,
              "competencies");
      continue;
    }
    r.CheckKeys(n, {"id", "name", "description", "scale", "labels", "source"}, "competency");
    v1::Competency c;
    c.set_id(r.Text(n, "id", "competency"));
    if (c.id().empty()) {
      r.Error("missing-value", "competency has no id; give it one, e.g. id: system_design", n, "id");
      continue;
    }
    if (!ids.insert(c.id()).second) {
      r.Error("duplicate-competency", "competency '" + c.id() + "' is declared twice", n, "id");
      continue;
    }
    c.set_name(r.Text(n, "name", "competency"));
    if (c.name().empty()) c.set_name(c.id());
    c.set_description(r.Text(n, "description", "competency"));
    c.set_source(r.Text(n, "source", "competency"));
    double lo = 0, hi = 5;
    if (const YAML::Node s = n["scale"]) {
      if (!s.IsSequence() || s.size() != 2) {
        r.Error("parse-error", "scale must be [min, max], e.g. [0, 5]", s, "scale", c.id());
        continue;
      }
      if (!r.Number(s[0], "scale", c.id(), &lo) || !r.Number(s[1], "scale", c.id(), &hi)) continue;
      if (!(lo < hi)) {
        r.Error("bad-scale", "scale [" + FormatNumber(lo) + ", " + FormatNumber(hi) + "] needs min < max", s, "scale",
                c.id());
        continue;
      }
    }
    c.set_scale_min(lo);
    c.set_scale_max(hi);
    if (const YAML::Node l = n["labels"]) {
      if (!l.IsMap()) {
        r.Error("parse-error", "labels must be a mapping {level: label, ...}", l, "labels", c.id());
      } else {
        for (auto it = l.begin(); it != l.end(); ++it) {
          double level = 0;
          if (!r.Number(it->first, "labels", c.id(), &level)) continue;
          if (level < lo || level > hi) {
            r.Error("bad-competency-level",
                    "label level " + FormatNumber(level) + " is outside the scale " + FormatNumber(lo) + ".." +
                        FormatNumber(hi),
                    it->first, "labels", c.id());
            continue;
          }
          auto* x = c.add_labels();
          x->set_level(level);
          x->set_label(it->second.IsScalar() ? it->second.Scalar() : "");
        }
        std::sort(c.mutable_labels()->begin(), c.mutable_labels()->end(),
                  [](const v1::CompetencyLabel& a, const v1::CompetencyLabel& b) { return a.level() < b.level(); });
      }
    }
    *md->add_competencies() = std::move(c);
  }
}

std::vector<std::string> ReadCompetencyAxes(const YAML::Node& list, const std::string& file, const v1::Metadata& md,
                                            std::vector<v1::Finding>* findings) {
  Reader r(file, findings);
  std::vector<std::string> axes;
  if (!list || list.IsNull()) return axes;
  if (!list.IsSequence()) {
    r.Error("parse-error", "competency_axes must be a list of competency ids, e.g. [technology, people]", list,
            "competency_axes");
    return axes;
  }
  for (const YAML::Node& n : list) {
    const std::string id = n.IsScalar() ? n.Scalar() : "";
    if (r.Resolve(md, id, n, "competency_axes", "") < 0) return {};
    axes.push_back(id);
  }
  return axes;
}

void ReadCompetencyProfile(const YAML::Node& node, const std::vector<std::string>& axes, const std::string& file,
                           const v1::Metadata& md, v1::Position* p, std::vector<v1::Finding>* findings) {
  Reader r(file, findings);
  if (!node || node.IsNull()) return;
  std::set<int> seen;
  if (node.IsSequence()) {
    if (axes.empty()) {
      r.Error("parse-error",
              "a list of levels needs the track's competency_axes (the columns); or write a mapping "
              "{competency: level, ...}",
              node, "competencies", p->id());
      return;
    }
    if (node.size() != axes.size()) {
      r.Error("bad-profile-row",
              "this row has " + std::to_string(node.size()) + " levels but the track has " +
                  std::to_string(axes.size()) + " competency_axes",
              node, "competencies", p->id());
      return;
    }
    for (std::size_t i = 0; i < axes.size(); ++i) {
      const YAML::Node v = node[i];
      if (v.IsNull() || (v.IsScalar() && (v.Scalar() == "-" || v.Scalar().empty()))) continue;  // not asked
      double level = 0;
      if (!r.Number(v, "competencies." + axes[i], p->id(), &level)) continue;
      const int k = r.Resolve(md, axes[i], v, "competencies", p->id());
      if (k >= 0) r.Add(md, k, v, level, std::nullopt, p->id(), p, &seen);
    }
    return;
  }
  if (!node.IsMap()) {
    r.Error("parse-error", "competencies must be a mapping {competency: level, ...} or a row of levels", node,
            "competencies", p->id());
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string id = it->first.IsScalar() ? it->first.Scalar() : "";
    const int k = r.Resolve(md, id, it->first, "competencies", p->id());
    if (k < 0) continue;
    const YAML::Node v = it->second;
    double level = 0;
    std::optional<double> importance;
    if (v.IsMap()) {
      r.CheckKeys(v, {"level", "importance"}, "competency requirement");
      if (!v["level"]) {
        r.Error("missing-value", "requirement of '" + id + "' has no level; write {level: 3, importance: 0.5}", v,
                "competencies." + id, p->id());
        continue;
      }
      if (!r.Number(v["level"], "competencies." + id + ".level", p->id(), &level)) continue;
      if (const YAML::Node imp = v["importance"]) {
        double x = 0;
        if (!r.Number(imp, "competencies." + id + ".importance", p->id(), &x)) continue;
        importance = x;
      }
    } else if (!r.Number(v, "competencies." + id, p->id(), &level)) {
      continue;
    }
    r.Add(md, k, v, level, importance, p->id(), p, &seen);
  }
}

}  // namespace careergraph::io
