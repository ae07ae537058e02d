#include "io/yaml_reader.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <utility>

#include <yaml-cpp/yaml.h>

#include "engine/career_graph.h"
#include "engine/pay_basis.h"
#include "engine/position_index.h"
#include "io/competency_yaml.h"
#include "io/finding.h"
#include "io/number_parse.h"
#include "io/yaml_tree.h"

namespace careergraph::io {
namespace {

// The two trees the reader below reads, behind one interface: yaml-cpp's (every input, and
// the general path's error wording) and the subset's (io/yaml_tree.h, fast). Each gives the
// same kinds, scalars and 1-based lines for a text both read (tests/yaml_tree_test.cc), so
// the one reader gives the same LadderPart.
class CppNode {
 public:
  CppNode() = default;
  explicit CppNode(YAML::Node n) : n_(std::move(n)) {}
  bool IsDefined() const { return n_.IsDefined(); }
  bool IsNull() const { return n_.IsNull(); }
  bool IsScalar() const { return n_.IsScalar(); }
  bool IsSequence() const { return n_.IsSequence(); }
  bool IsMap() const { return n_.IsMap(); }
  unsigned Line() const {
    if (!n_.IsDefined()) return 0;
    const YAML::Mark m = n_.Mark();
    return m.line >= 0 ? static_cast<unsigned>(m.line) + 1 : 0;
  }
  const std::string& Scalar() const { return n_.Scalar(); }
  bool DecodeBool(bool* out) const { return YAML::convert<bool>::decode(n_, *out); }
  // Nothing for a node of another kind (yaml-cpp's iterators would throw on one).
  template <class F>
  void ForEach(F f) const {
    if (!n_.IsSequence()) return;
    for (const auto& e : n_) f(CppNode(e));
  }
  template <class F>
  void ForEachPair(F f) const {
    if (!n_.IsMap()) return;
    for (auto it = n_.begin(); it != n_.end(); ++it) f(CppNode(it->first), CppNode(it->second));
  }
  // For io/competency_yaml.h, which reads yaml-cpp's nodes.
  template <class F>
  void AsYamlCpp(std::vector<v1::Finding>*, F f) const {
    f(n_);
  }

 private:
  YAML::Node n_;
};

// The fast reader gives up (and the caller takes yaml-cpp's tree) on what it cannot word
// exactly as the general path does.
struct NotHandled {};

class TreeNode {
 public:
  TreeNode() = default;
  TreeNode(const YamlTree* tree, std::uint32_t i) : t_(tree), i_(i) {}
  bool IsDefined() const { return t_ && i_ != YamlTree::kNone; }
  bool IsNull() const { return Is(YamlTree::Kind::kNull); }
  bool IsScalar() const { return Is(YamlTree::Kind::kScalar); }
  bool IsSequence() const { return Is(YamlTree::Kind::kSequence); }
  bool IsMap() const { return Is(YamlTree::Kind::kMap); }
  unsigned Line() const { return IsDefined() ? t_->node(i_).line : 0; }
  std::string Scalar() const { return IsScalar() ? std::string(t_->scalar(t_->node(i_))) : std::string(); }
  // yaml-cpp's own spellings of true and false (y, Yes, on, ...).
  bool DecodeBool(bool* out) const { return IsScalar() && YAML::convert<bool>::decode(YAML::Node(Scalar()), *out); }
  template <class F>
  void ForEach(F f) const {
    if (!IsSequence()) return;
    for (std::uint32_t c = t_->node(i_).first; c != YamlTree::kNone; c = t_->node(c).next) f(TreeNode(t_, c));
  }
  template <class F>
  void ForEachPair(F f) const {
    if (!IsMap()) return;
    for (std::uint32_t k = t_->node(i_).first; k != YamlTree::kNone;) {
      const std::uint32_t v = t_->node(k).next;
      f(TreeNode(t_, k), TreeNode(t_, v));
      k = t_->node(v).next;
    }
  }
  // Competencies are read by io/competency_yaml.h from a yaml-cpp copy of this subtree. The
  // copy has no marks, so when that reader finds a problem the whole file goes to the
  // general path, which reports it at its line.
  template <class F>
  void AsYamlCpp(std::vector<v1::Finding>* findings, F f) const {
    const std::size_t before = findings->size();
    f(ToYamlCpp(i_));
    if (findings->size() != before) throw NotHandled{};
  }

 private:
  bool Is(YamlTree::Kind k) const { return IsDefined() && t_->node(i_).kind == k; }
  YAML::Node ToYamlCpp(std::uint32_t i) const {
    const YamlTree::Node& n = t_->node(i);
    switch (n.kind) {
      case YamlTree::Kind::kNull: return YAML::Node(YAML::NodeType::Null);
      case YamlTree::Kind::kScalar: return YAML::Node(std::string(t_->scalar(n)));
      case YamlTree::Kind::kSequence: {
        YAML::Node seq(YAML::NodeType::Sequence);
        for (std::uint32_t c = n.first; c != YamlTree::kNone; c = t_->node(c).next) seq.push_back(ToYamlCpp(c));
        return seq;
      }
      case YamlTree::Kind::kMap: break;
    }
    YAML::Node map(YAML::NodeType::Map);
    for (std::uint32_t k = n.first; k != YamlTree::kNone;) {
      const YamlTree::Node& key = t_->node(k);
      const std::string name(t_->scalar(key));
      // yaml-cpp's own tree keeps a repeated key twice; map[name] would keep one. (The const
      // lookup adds no entry.)
      if (key.kind != YamlTree::Kind::kScalar || std::as_const(map)[name].IsDefined()) throw NotHandled{};
      map[name] = ToYamlCpp(key.next);
      k = t_->node(key.next).next;
    }
    return map;
  }

  const YamlTree* t_ = nullptr;
  std::uint32_t i_ = YamlTree::kNone;
};

template <class Node>
unsigned LineOf(const Node& n) {
  return n.Line();
}

// A mapping's entries by key, in order, so unknown keys can be reported with their line.
template <class Node>
class Mapping {
 public:
  Mapping() = default;
  explicit Mapping(const Node& n) {
    n.ForEachPair([&](const Node& k, const Node& v) {
      entries_.emplace_back(k.IsScalar() ? std::string(k.Scalar()) : std::string(), std::make_pair(k, v));
    });
  }
  const Node* Get(std::string_view key) const {
    for (const auto& [k, kv] : entries_)
      if (k == key) return &kv.second;
    return nullptr;
  }
  const auto& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::pair<Node, Node>>> entries_;
};

// The keys each kind of record takes, in the order an unknown-key finding lists them. A new
// key goes here and into the reader below that reads it; the fast and general paths both
// read through that code (the subset tree knows no keys), so neither needs more.
constexpr std::string_view kTopKeys[] = {"name",   "version", "currency",  "description", "org",         "defaults",
                                         "sources", "tracks", "positions", "transitions", "competencies"};
constexpr std::string_view kSourceKeys[] = {"name", "url", "licence", "license", "attribution"};
constexpr std::string_view kDefaultsKeys[] = {"pay", "ambiguity", "leadership"};
constexpr std::string_view kPromotionKeys[] = {"years", "probability"};
constexpr std::string_view kTrackKeys[] = {"id",     "name", "description", "org", "promotion", "generate_promotions",
                                           "levels", "competency_axes"};
constexpr std::string_view kLevelKeys[] = {"id",          "title",     "label",        "level",     "pay",
                                           "ambiguity",   "leadership", "tags",        "description", "promotion",
                                           "competencies", "pay_basis", "pay_error",   "pay_source"};
constexpr std::string_view kPositionKeys[] = {"id",          "title",        "label",      "track",     "level",
                                              "pay",         "ambiguity",    "leadership", "tags",      "description",
                                              "org",         "competencies", "pay_basis",  "pay_error", "pay_source"};
constexpr std::string_view kTransitionKeys[] = {"from", "to", "kind", "years", "probability", "provenance"};

// One value that may come from a level's or a track's promotion.
struct PromoValue {
  std::optional<double> value;
  unsigned line = 0;
  bool malformed = false;  // already reported
  bool shared = false;     // the track's default: report a bad value only once
  bool* used = nullptr;    // set once a generated promotion took the shared value
};

struct Promotion {
  PromoValue years, probability;
};

struct Level {
  std::string id;
  unsigned line = 0;
  int level = 0;
  std::optional<Promotion> promotion;
};

struct Generated {
  std::string track;
  const Level* from;
  const Level* to;
  const Promotion* track_promotion;
};

template <class Node>
class YamlReader {
  using Map = Mapping<Node>;

 public:
  YamlReader(const std::string& file, LadderPart* part) : file_(file), part_(part) {}

  void Read(const Node& root) {
    if (!root.IsMap()) {
      part_->findings.push_back(ErrorFinding(
          "parse-error", "expected a mapping with name, tracks, positions and transitions at the top level", file_,
          LineOf(root) ? LineOf(root) : 1, ""));
      return;
    }
    const Map top(root);
    CheckKeys(top, kTopKeys, "top level");
    ReadDefaults(top);
    auto* md = part_->graph.mutable_metadata();
    md->set_name(Text(top, "name"));
    md->set_version(Text(top, "version"));
    md->set_currency(Text(top, "currency"));
    md->set_description(Text(top, "description"));
    org_ = Text(top, "org");
    for (const Node& s : Seq(top, "sources")) {
      const Map m = ExpectMap(s, "sources");
      CheckKeys(m, kSourceKeys, "source");
      auto* src = md->add_sources();
      src->set_name(Text(m, "name"));
      src->set_url(Text(m, "url"));
      src->set_licence(m.Get("licence") ? Text(m, "licence") : Text(m, "license"));
      src->set_attribution(Text(m, "attribution"));
    }
    if (const Node* c = top.Get("competencies"))
      c->AsYamlCpp(&part_->findings, [&](const YAML::Node& y) { ReadCompetencyCatalogue(y, file_, md, &part_->findings); });
    for (const Node& t : Seq(top, "tracks")) ReadTrack(t);
    for (const Node& p : Seq(top, "positions")) ReadPosition(p);
    EmitTransitions(Seq(top, "transitions"));
    CheckUnusedDefaults();
  }

 private:
  // ---- values ---------------------------------------------------------------
  void CheckKeys(const Map& m, std::span<const std::string_view> known, const std::string& where) {
    for (const auto& [key, kv] : m.entries()) {
      bool ok = false;
      for (auto k : known) ok |= key == k;
      if (ok) continue;
      std::string list;
      for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      // An unknown key is an error: a misspelt 'pay' would otherwise load as no pay at all.
      std::string hint;
      static const std::map<std::string, std::string> kSynonyms = {
          {"salary", "pay"}, {"compensation", "pay"}, {"wage", "pay"}, {"comp", "pay"},
          {"name", "title"}, {"prob", "probability"}, {"p", "probability"}, {"time", "years"}};
      const std::string lower = ToLower(key);
      if (auto s = kSynonyms.find(lower); s != kSynonyms.end()) {
        for (auto k : known)
          if (k == s->second) hint = s->second;
      }
      if (hint.empty()) {
        std::size_t best = std::max<std::size_t>(2, key.size() / 3) + 1;
        for (auto k : known)
          if (std::size_t d = EditDistance(lower, k); d < best) best = d, hint = std::string(k);
      }
      part_->findings.push_back(ErrorFinding("unknown-key",
                                             "unknown key '" + key + "' in " + where +
                                                 (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                                                 " (known keys: " + list + ")",
                                             file_, LineOf(kv.first), key));
    }
  }

  Map ExpectMap(const Node& n, const std::string& what) {
    if (!n.IsMap())
      part_->findings.push_back(ErrorFinding("parse-error", "each entry of '" + what + "' must be a mapping ({key: value, ...})",
                                             file_, LineOf(n), what));
    return Map(n);
  }

  std::vector<Node> Seq(const Map& m, const std::string& key) {
    std::vector<Node> out;
    const Node* n = m.Get(key);
    if (!n || n->IsNull()) return out;
    if (!n->IsSequence()) {
      part_->findings.push_back(ErrorFinding("parse-error", "'" + key + "' must be a list (entries starting with '- ')",
                                             file_, LineOf(*n), key));
      return out;
    }
    n->ForEach([&](const Node& e) { out.push_back(e); });
    return out;
  }

  std::string Text(const Map& m, const std::string& key) {
    const Node* n = m.Get(key);
    if (!n || n->IsNull()) return "";
    if (!n->IsScalar()) {
      part_->findings.push_back(ErrorFinding("parse-error", "'" + key + "' must be text, not a list or mapping", file_,
                                             LineOf(*n), key));
      return "";
    }
    return n->Scalar();
  }

  // Notes a field's line when it differs from its record's.
  static void NoteLine(SourceMap::Loc* loc, const std::string& field, const Node& n) {
    const unsigned l = LineOf(n);
    if (l && l != loc->line) loc->field_lines.emplace_back(field, l);
  }

  // A number; std::nullopt when absent. Malformed values are reported (and `*malformed` set).
  std::optional<double> Number(const Map& m, const std::string& key, const std::string& field,
                               const std::string& position, bool* malformed) {
    const Node* n = m.Get(key);
    if (!n) return std::nullopt;
    double v = 0;
    const bool probability = key == "probability";
    if (n->IsScalar() && (probability ? ParseProbability(n->Scalar(), &v) : ParseDouble(n->Scalar(), &v))) return v;
    const std::string shown = n->IsScalar() ? "'" + n->Scalar() + "'" : n->IsNull() ? "(empty)" : "(a list or mapping)";
    part_->findings.push_back(ErrorFinding("malformed-number",
                                           key == "pay_error" ? BadPayErrorMessage(shown)
                                           : field + " " + shown +
                                               (probability ? " is not a probability; write it like 0.85 or 85%"
                                                            : " is not a number; write it like 2.5 (no units or separators)"),
                                           file_, LineOf(*n), field, position));
    *malformed = true;
    return std::nullopt;
  }

  // A position's pay, ambiguity or leadership: a number, or `unknown` said explicitly (here or
  // in the ladder's `defaults:`). Absent with no default is an error: missing is never 0.
  std::optional<double> Attribute(const Map& m, const std::string& key, std::uint32_t bit, SourceMap::Loc* loc,
                                  const std::string& position, const char* example) {
    const Node* n = m.Get(key);
    if (n) {
      NoteLine(loc, key, *n);
      if (n->IsScalar() && IsUnknownWord(n->Scalar())) return std::nullopt;
      bool bad = false;
      auto v = Number(m, key, key, position, &bad);
      if (bad) loc->reported |= bit;
      return v;
    }
    if (auto d = defaults_.find(key); d != defaults_.end()) {
      d->second.used = true;
      return d->second.value;
    }
    part_->findings.push_back(ErrorFinding(
        "missing-value",
        "'" + position + "' has no " + key + "; give " + key + ": " + example + ", or " + key +
            ": unknown when it is not known (defaults: {" + key + ": unknown} at the top covers every position)",
        file_, loc->line, key, position));
    loc->reported |= bit;
    return std::nullopt;
  }

  // The ladder-wide `defaults:` for pay, ambiguity and leadership (a number or unknown).
  void ReadDefaults(const Map& top) {
    const Node* n = top.Get("defaults");
    if (!n || n->IsNull()) return;
    if (!n->IsMap()) {
      part_->findings.push_back(ErrorFinding("parse-error", "'defaults' must be a mapping like {ambiguity: unknown}",
                                             file_, LineOf(*n), "defaults"));
      return;
    }
    const Map m(*n);
    CheckKeys(m, kDefaultsKeys, "defaults");
    for (const std::string_view key_view : kDefaultsKeys) {
      const std::string key(key_view);
      const Node* v = m.Get(key);
      if (!v) continue;
      Default d;
      d.line = LineOf(*v);
      if (!(v->IsScalar() && IsUnknownWord(v->Scalar()))) {
        bool bad = false;
        d.value = Number(m, key, std::string("defaults.") + key, "", &bad);
        if (bad) continue;
        const double x = *d.value;
        const bool pay = std::string_view(key) == "pay";
        if (pay ? !(x >= 0 && x <= kMaxAnnualPay) : !(x >= 0 && x <= 1)) {
          part_->findings.push_back(ErrorFinding(
              pay ? "bad-pay" : std::string("bad-") + key,
              std::string("defaults.") + key + " " + FormatNumber(x) +
                  (pay ? " is outside [0, 1e9]; give the annual pay, or unknown" : " is outside [0, 1]; give a value in [0, 1], or unknown"),
              file_, d.line, std::string("defaults.") + key));
          continue;
        }
      }
      defaults_[key] = d;
    }
  }

  // Reads a numeric field into a record: 0 when absent; marks `bit` reported when malformed.
  double Field(const Map& m, const std::string& key, std::uint32_t bit, SourceMap::Loc* loc, const std::string& position) {
    bool bad = false;
    auto v = Number(m, key, key, position, &bad);
    if (const Node* n = m.Get(key)) NoteLine(loc, key, *n);
    if (bad) loc->reported |= bit;
    return v.value_or(0);
  }

  std::optional<Promotion> ReadPromotion(const Map& owner, const std::string& position) {
    const Node* n = owner.Get("promotion");
    if (!n) return std::nullopt;
    if (!n->IsMap()) {
      part_->findings.push_back(ErrorFinding("parse-error", "'promotion' must be a mapping {years: ..., probability: ...}",
                                             file_, LineOf(*n), "promotion", position));
      return std::nullopt;
    }
    const Map m(*n);
    CheckKeys(m, kPromotionKeys, "promotion");
    Promotion p;
    auto read = [&](const std::string& key, PromoValue* out) {
      out->value = Number(m, key, "promotion." + key, position, &out->malformed);
      if (const Node* v = m.Get(key)) out->line = LineOf(*v);
    };
    read("years", &p.years);
    read("probability", &p.probability);
    return p;
  }

  void ReadTags(const Map& m, v1::Position* p) {
    const Node* n = m.Get("tags");
    if (!n || n->IsNull()) return;
    if (n->IsScalar()) {
      p->add_tags(n->Scalar());
    } else if (n->IsSequence()) {
      n->ForEach([&](const Node& t) {
        if (t.IsScalar()) p->add_tags(t.Scalar());
      });
    } else {
      part_->findings.push_back(
          ErrorFinding("parse-error", "'tags' must be a list like [ic, senior]", file_, LineOf(*n), "tags", p->id()));
    }
  }

  // Fields shared by levels and positions.
  v1::Position* ReadPositionFields(const Map& m, const Node& node, SourceMap::Loc** loc_out) {
    SourceMap::Loc& loc = AddLoc(&part_->where.positions, LineOf(node));
    *loc_out = &loc;
    v1::Position* p = part_->graph.add_positions();
    p->set_id(Text(m, "id"));
    if (const Node* n = m.Get("id")) NoteLine(&loc, "id", *n);
    const std::string title = Text(m, "title");
    p->set_title(title.empty() ? p->id() : title);
    if (auto v = Attribute(m, "pay", SourceMap::kPay, &loc, p->id(), "150000")) p->set_annual_pay(*v);
    if (auto v = Attribute(m, "ambiguity", SourceMap::kAmbiguity, &loc, p->id(), "0.5")) p->set_ambiguity(*v);
    if (auto v = Attribute(m, "leadership", SourceMap::kLeadership, &loc, p->id(), "0.3")) p->set_leadership(*v);
    ReadTags(m, p);
    p->set_description(Text(m, "description"));
    p->set_level_label(Text(m, "label"));
    ReadPayBasis(m, &loc, p);
    return p;
  }

  // How sure the pay is: pay_basis (measured | shared | estimated | top-coded), pay_error (a
  // relative error, 0.15 = typically within 15%) and pay_source (words).
  void ReadPayBasis(const Map& m, SourceMap::Loc* loc, v1::Position* p) {
    if (const Node* n = m.Get("pay_basis")) {
      NoteLine(loc, "pay_basis", *n);
      v1::PayBasis b{};
      if (n->IsScalar() && ParsePayBasis(n->Scalar(), &b)) {
        p->set_pay_basis(b);
      } else {
        part_->findings.push_back(ErrorFinding(
            "bad-pay-basis",
            n->IsScalar() ? BadPayBasisMessage(n->Scalar())
                          : "pay_basis (not a word) is not one of measured, shared, estimated or top-coded",
            file_, LineOf(*n), "pay_basis", p->id()));
      }
    }
    bool bad = false;
    if (auto v = Number(m, "pay_error", "pay_error", p->id(), &bad)) p->set_pay_error(*v);
    if (const Node* n = m.Get("pay_error")) NoteLine(loc, "pay_error", *n);
    p->set_pay_source(Text(m, "pay_source"));
  }

  bool ReadLevelNumber(const Map& m, SourceMap::Loc* loc, const std::string& position, int* out) {
    const Node* n = m.Get("level");
    if (!n) return false;
    NoteLine(loc, "level", *n);
    int v = 0;
    if (n->IsScalar() && ParseInt(n->Scalar(), &v)) {
      *out = v;
      return true;
    }
    part_->findings.push_back(ErrorFinding("malformed-number", BadLevelMessage(n->IsScalar() ? n->Scalar() : "", "label", n->IsScalar() || n->IsNull()),
                                           file_, LineOf(*n), "level", position));
    loc->reported |= SourceMap::kLevel;
    return false;
  }

  // ---- records --------------------------------------------------------------
  // A track's scale keeps one label per level, in level order (the first label given wins).
  static void AddLevelLabel(v1::Track* track, int level, const std::string& label) {
    auto* levels = track->mutable_levels();
    auto it = std::find_if(levels->begin(), levels->end(), [&](const v1::LevelLabel& l) { return l.level() >= level; });
    if (it != levels->end() && it->level() == level) return;
    v1::LevelLabel l;
    l.set_level(level);
    l.set_label(label);
    const int at = static_cast<int>(it - levels->begin());
    levels->Add(std::move(l));
    for (int i = levels->size() - 1; i > at; --i) levels->SwapElements(i, i - 1);
  }

  void ReadTrack(const Node& node) {
    const Map m = ExpectMap(node, "tracks");
    if (!node.IsMap()) return;
    CheckKeys(m, kTrackKeys, "track");
    const std::string id = Text(m, "id");
    if (id.empty())
      part_->findings.push_back(ErrorFinding("missing-value", "track has no id; give it one, e.g. id: swe", file_,
                                             LineOf(node), "id"));
    v1::Track* track = part_->graph.mutable_metadata()->add_tracks();
    track->set_id(id);
    track->set_name(Text(m, "name"));
    track->set_description(Text(m, "description"));
    const std::string org = m.Get("org") ? Text(m, "org") : org_;
    auto& promo = track_promotions_.emplace_back(ReadPromotion(m, ""));
    if (promo) {
      promo->years.shared = promo->probability.shared = true;
      promo->years.used = &used_flags_.emplace_back(false);
      promo->probability.used = &used_flags_.emplace_back(false);
    }
    bool generate = true;
    if (const Node* g = m.Get("generate_promotions")) {
      if (!g->IsScalar() || !g->DecodeBool(&generate))
        part_->findings.push_back(ErrorFinding("parse-error", "generate_promotions must be true or false", file_,
                                               LineOf(*g), "generate_promotions"));
    }
    const Node* axes_node = m.Get("competency_axes");
    std::vector<std::string> axes;
    if (axes_node)
      axes_node->AsYamlCpp(&part_->findings, [&](const YAML::Node& y) {
        axes = ReadCompetencyAxes(y, file_, part_->graph.metadata(), &part_->findings);
      });
    std::vector<Level>& levels = track_levels_.emplace_back();
    int index = 0;
    for (const Node& ln : Seq(m, "levels")) {
      ++index;
      const Map lm = ExpectMap(ln, "levels");
      if (!ln.IsMap()) continue;
      CheckKeys(lm, kLevelKeys, "level");
      SourceMap::Loc* loc = nullptr;
      v1::Position* p = ReadPositionFields(lm, ln, &loc);
      p->set_org(org);
      p->set_track(id);
      int level = index;
      ReadLevelNumber(lm, loc, p->id(), &level);
      p->set_level(level);
      if (!p->level_label().empty()) AddLevelLabel(track, level, p->level_label());
      // A track lists its levels junior first: each level's number must exceed the one before.
      if (!levels.empty() && level <= levels.back().level)
        part_->findings.push_back(ErrorFinding(
            "levels-out-of-order",
            "track '" + id + "': level '" + p->id() + "' (level " + std::to_string(level) + ") comes after '" +
                levels.back().id + "' (level " + std::to_string(levels.back().level) +
                "); list a track's levels junior first, each with a higher level number than the one before",
            file_, loc->LineOf("level"), "level", p->id()));
      if (const Node* c = lm.Get("competencies")) ReadProfile(*c, axes, p);
      levels.push_back(Level{p->id(), loc->line, level, ReadPromotion(lm, p->id())});
    }
    if (!generate) return;
    for (std::size_t k = 0; k + 1 < levels.size(); ++k)
      if (levels[k + 1].level > levels[k].level)  // an out-of-order pair is reported above, not promoted
        generated_.push_back(Generated{id, &levels[k], &levels[k + 1], promo ? &*promo : nullptr});
  }

  void ReadProfile(const Node& n, const std::vector<std::string>& axes, v1::Position* p) {
    n.AsYamlCpp(&part_->findings, [&](const YAML::Node& y) {
      ReadCompetencyProfile(y, axes, file_, part_->graph.metadata(), p, &part_->findings);
    });
  }

  void ReadPosition(const Node& node) {
    const Map m = ExpectMap(node, "positions");
    if (!node.IsMap()) return;
    CheckKeys(m, kPositionKeys, "position");
    SourceMap::Loc* loc = nullptr;
    v1::Position* p = ReadPositionFields(m, node, &loc);
    p->set_org(m.Get("org") ? Text(m, "org") : org_);
    p->set_track(Text(m, "track"));
    int level = 0;
    ReadLevelNumber(m, loc, p->id(), &level);
    p->set_level(level);
    if (const Node* c = m.Get("competencies")) ReadProfile(*c, {}, p);
  }

  // A track's promotion default that no level took is still a value in the file: a bad one
  // is an error, not silently dropped (a used one is checked where it is used).
  void CheckUnusedDefaults() {
    for (const auto& promo : track_promotions_) {
      if (!promo) continue;
      const PromoValue& y = promo->years;
      if (y.value && !y.malformed && !*y.used && !YearsInBounds(*y.value))
        part_->findings.push_back(ErrorFinding("bad-years",
                                               "track promotion: years " + FormatNumber(*y.value) + " " + kYearsRule,
                                               file_, y.line, "promotion.years"));
      const PromoValue& p = promo->probability;
      if (p.value && !p.malformed && !*p.used && !ProbabilityInBounds(*p.value))
        part_->findings.push_back(ErrorFinding("bad-probability",
                                               "track promotion: probability " + FormatNumber(*p.value) +
                                                   " is outside (0, 1]; give the chance the move succeeds as a "
                                                   "fraction, e.g. 0.35 (not 35)",
                                               file_, p.line, "promotion.probability"));
    }
  }

  void EmitTransitions(const std::vector<Node>& explicit_nodes) {
    // Explicit transitions first read, so they can replace generated promotions.
    struct Explicit {
      const Node* node;
      Map map;
    };
    std::vector<Explicit> explicits;
    std::set<std::pair<std::string, std::string>> replaced;
    std::set<std::pair<std::string, std::string>> generated_pairs;
    for (const auto& g : generated_) generated_pairs.emplace(g.from->id, g.to->id);
    for (const Node& n : explicit_nodes) {
      Explicit e{&n, ExpectMap(n, "transitions")};
      if (!n.IsMap()) continue;
      const std::string kind = Text(e.map, "kind");
      v1::TransitionKind k = v1::TRANSITION_KIND_UNSPECIFIED;
      const std::pair<std::string, std::string> ends(Text(e.map, "from"), Text(e.map, "to"));
      if ((kind.empty() || (ParseTransitionKind(kind, &k) && k == v1::TRANSITION_KIND_PROMOTION)) && generated_pairs.count(ends))
        replaced.insert(ends);
      explicits.push_back(std::move(e));
    }
    for (const auto& g : generated_) {
      if (replaced.count({g.from->id, g.to->id})) continue;
      EmitGenerated(g);
    }
    for (const auto& e : explicits) EmitExplicit(*e.node, e.map, generated_pairs);
  }

  void EmitGenerated(const Generated& g) {
    SourceMap::Loc& loc = AddLoc(&part_->where.transitions, g.from->line);
    v1::Transition* t = part_->graph.add_transitions();
    t->set_from(g.from->id);
    t->set_to(g.to->id);
    t->set_kind(v1::TRANSITION_KIND_PROMOTION);
    t->set_provenance("generated: consecutive levels of track " + g.track);
    auto take = [&](const char* key, PromoValue Promotion::*member, std::uint32_t bit) -> double {
      const PromoValue* own = g.from->promotion ? &(*g.from->promotion.*member) : nullptr;
      const PromoValue* dflt = g.track_promotion ? &(g.track_promotion->*member) : nullptr;
      const PromoValue* v = own && (own->value || own->malformed) ? own : dflt && (dflt->value || dflt->malformed) ? dflt : nullptr;
      if (!v) {
        part_->findings.push_back(ErrorFinding(
            "missing-value",
            "track '" + g.track + "': no promotion " + key + " for " + g.from->id + " -> " + g.to->id +
                "; add promotion: {years: ..., probability: ...} to the track or to level '" + g.from->id + "'",
            file_, g.from->line, std::string("promotion.") + key, g.from->id));
        loc.reported |= bit;
        return 0;
      }
      if (v->line && v->line != loc.line) loc.field_lines.emplace_back(key, v->line);
      if (v->malformed) loc.reported |= bit;
      if (v->shared) {
        if (*v->used) loc.reported |= bit;  // a bad shared value is reported on its first use only
        *v->used = true;
      }
      return v->value.value_or(0);
    };
    t->set_years(take("years", &Promotion::years, SourceMap::kYears));
    t->set_probability(take("probability", &Promotion::probability, SourceMap::kProbability));
  }

  void EmitExplicit(const Node& node, const Map& m, const std::set<std::pair<std::string, std::string>>& generated_pairs) {
    CheckKeys(m, kTransitionKeys, "transition");
    SourceMap::Loc& loc = AddLoc(&part_->where.transitions, LineOf(node));
    v1::Transition* t = part_->graph.add_transitions();
    t->set_from(Text(m, "from"));
    t->set_to(Text(m, "to"));
    for (const char* key : {"from", "to", "kind"})
      if (const Node* n = m.Get(key)) NoteLine(&loc, key, *n);
    auto required = [&](const std::string& key, std::uint32_t bit) {
      if (!m.Get(key)) {
        part_->findings.push_back(ErrorFinding("missing-value",
                                               "transition " + t->from() + " -> " + t->to() + " has no " + key +
                                                   "; add " + key + ": <number>",
                                               file_, loc.line, key, t->from()));
        loc.reported |= bit;
        return 0.0;
      }
      return Field(m, key, bit, &loc, t->from());
    };
    t->set_years(required("years", SourceMap::kYears));
    t->set_probability(required("probability", SourceMap::kProbability));
    const std::string kind = Text(m, "kind");
    v1::TransitionKind k = v1::TRANSITION_KIND_UNSPECIFIED;
    if (kind.empty()) {
      if (generated_pairs.count({t->from(), t->to()})) t->set_kind(v1::TRANSITION_KIND_PROMOTION);
      else part_->infer_kind.push_back(static_cast<std::size_t>(part_->graph.transitions_size() - 1));
    } else if (ParseTransitionKind(kind, &k)) {
      t->set_kind(k);
    } else {
      part_->findings.push_back(ErrorFinding("bad-kind",
                                             "kind '" + kind +
                                                 "' is not a transition kind; use promotion, lateral, track_switch or "
                                                 "org_change (or leave it out to infer it)",
                                             file_, loc.LineOf("kind"), "kind", t->from()));
      loc.reported |= SourceMap::kKind;
    }
    const std::string prov = Text(m, "provenance");
    t->set_provenance(prov.empty() ? std::filesystem::path(file_).filename().string() : prov);
  }

  const std::string& file_;
  LadderPart* part_;
  std::string org_;
  struct Default {
    std::optional<double> value;  // nullopt: unknown
    unsigned line = 0;
    bool used = false;
  };
  std::map<std::string, Default> defaults_;
  // Stable storage: generated_ points into these.
  std::deque<std::optional<Promotion>> track_promotions_;
  std::deque<std::vector<Level>> track_levels_;
  std::deque<bool> used_flags_;
  std::vector<Generated> generated_;
};

}  // namespace

std::optional<LadderPart> ReadYamlLadderFast(std::string_view text, const std::string& file) {
  const std::optional<YamlTree> tree = YamlTree::Parse(text);
  if (!tree) return std::nullopt;
  LadderPart part;
  part.where.files = {file};
  try {
    YamlReader<TreeNode>(file, &part).Read(TreeNode(&*tree, YamlTree::root()));
  } catch (const NotHandled&) {
    return std::nullopt;
  } catch (const YAML::Exception&) {
    // Thrown by io/competency_yaml.h on the mark-less copy; the general path words it.
    return std::nullopt;
  }
  return part;
}

LadderPart ReadYamlLadderGeneral(std::string_view text, const std::string& file) {
  LadderPart part;
  part.where.files = {file};
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    YamlReader<CppNode>(file, &part).Read(CppNode(root));
  } catch (const YAML::Exception& e) {
    unsigned line = e.mark.line >= 0 ? static_cast<unsigned>(e.mark.line) + 1 : 0;
    std::string message = "not valid YAML: " + e.msg;
    // YAML forbids tabs in indentation, and the parser's own words ("illegal block entry")
    // do not say so: name the first line indented with a tab.
    unsigned n = 1;
    for (std::size_t at = 0; at < text.size(); ++n) {
      std::size_t end = text.find('\n', at);
      if (end == std::string_view::npos) end = text.size();
      const std::string_view row = text.substr(at, end - at);
      const std::size_t indent = row.find_first_not_of(" \t");
      if (indent != std::string_view::npos && row.substr(0, indent).find('\t') != std::string_view::npos) {
        message = "line " + std::to_string(n) +
                  " is indented with a tab; YAML allows only spaces for indentation (the parser says: " + e.msg + ")";
        line = n;
        break;
      }
      at = end + 1;
    }
    part.findings.push_back(ErrorFinding("parse-error", message, file, line, ""));
  }
  return part;
}

LadderPart ReadYamlLadder(std::string_view text, const std::string& file) {
  if (std::optional<LadderPart> part = ReadYamlLadderFast(text, file)) return std::move(*part);
  return ReadYamlLadderGeneral(text, file);
}

}  // namespace careergraph::io
