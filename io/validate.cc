#include "io/validate.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "engine/career_graph.h"
#include "engine/competency.h"
#include "engine/pay_inversion.h"
#include "engine/position_index.h"
#include "io/finding.h"

namespace careergraph::io {

unsigned SourceMap::Loc::LineOf(std::string_view field) const {
  for (const auto& [name, l] : field_lines)
    if (name == field) return l;
  return line;
}

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// A record's location; `loc` is null past the end of the SourceMap's vectors.
struct At {
  const std::string& file;
  const SourceMap::Loc* loc;
  unsigned LineOf(std::string_view field) const { return loc ? loc->LineOf(field) : 0; }
  bool Reported(std::uint32_t bit) const { return loc && (loc->reported & bit); }
  std::string Describe() const {
    if (file.empty()) return "";
    return loc && loc->line ? file + ":" + std::to_string(loc->line) : file;
  }
};

At Locate(const SourceMap& w, const std::vector<SourceMap::Loc>& v, std::size_t i) {
  static const std::string kNoFile;
  if (i < v.size()) return At{v[i].file < w.files.size() ? w.files[v[i].file] : kNoFile, &v[i]};
  return At{w.files.empty() ? kNoFile : w.files[0], nullptr};
}

// One transition, from a row or from the columnar table, endpoints resolved to indexes.
struct Edge {
  std::size_t from = kNone, to = kNone;
  std::string_view from_id, to_id;  // as written (rows); table edges: see FromId/ToId
  bool table = false;                // from the columnar table: raw indexes below
  std::uint32_t from_index = 0, to_index = 0;
  int kind = 0;
  double years = 0, probability = 0;
};

// The ids of an edge's ends, as written (rows) or resolved (table). A table edge looks
// them up only when a finding needs them: on millions of edges those random reads of the
// positions cost more than the rest of the checks.
std::string_view FromId(const v1::Graph& g, const Edge& e) {
  if (!e.table) return e.from_id;
  return e.from == kNone ? std::string_view() : std::string_view(g.positions(static_cast<int>(e.from)).id());
}
std::string_view ToId(const v1::Graph& g, const Edge& e) {
  if (!e.table) return e.to_id;
  return e.to == kNone ? std::string_view() : std::string_view(g.positions(static_cast<int>(e.to)).id());
}

std::string Quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// " (did you mean 'x'?)" for a mistyped id, when one is close; bounded work on big graphs.
std::string DidYouMean(std::string_view id, const v1::Graph& g, int* budget) {
  if (*budget <= 0 || g.positions_size() > 20000) return "";
  --*budget;
  std::size_t best = std::numeric_limits<std::size_t>::max();
  const std::string* best_id = nullptr;
  const std::string lower = ToLower(id);
  for (const auto& p : g.positions()) {
    std::size_t d = EditDistance(lower, ToLower(p.id()));
    if (d < best) best = d, best_id = &p.id();
  }
  if (!best_id || best > std::max<std::size_t>(2, id.size() / 3)) return "";
  return " (did you mean " + Quoted(*best_id) + "?)";
}

// Duplicates are found by sorting (from, to, kind, index): on millions of edges a sort is
// several times faster than a hash set, and the first of each run is the earliest.
struct EdgeKey {
  std::size_t from, to;
  int kind;
  std::size_t index;
  auto operator<=>(const EdgeKey&) const = default;
};

void CheckPositions(const v1::Graph& g, const SourceMap& w, std::unordered_map<std::string_view, std::size_t>* by_id,
                    std::vector<v1::Finding>* out) {
  const std::string currency = g.metadata().currency().empty() ? "" : " " + g.metadata().currency();
  for (int ii = 0; ii < g.positions_size(); ++ii) {
    const std::size_t i = static_cast<std::size_t>(ii);
    const v1::Position& p = g.positions(ii);
    const At at = Locate(w, w.positions, i);
    if (p.id().empty()) {
      if (!at.Reported(SourceMap::kId))
        out->push_back(ErrorFinding("missing-value", "position has no id; give every position a unique id",
                                    at.file, at.LineOf("id"), "id"));
    } else if (auto [it, inserted] = by_id->emplace(p.id(), i); !inserted) {
      const At first = Locate(w, w.positions, it->second);
      const std::string where = first.Describe();
      out->push_back(ErrorFinding("duplicate-id",
                                  "duplicate id " + Quoted(p.id()) + " (first defined" +
                                      (where.empty() ? std::string(" earlier") : " at " + where) +
                                      "); ids must be unique: rename one of them",
                                  at.file, at.LineOf("id"), "id", p.id()));
    }
    if (!at.Reported(SourceMap::kPay) && p.has_annual_pay() && !(p.annual_pay() >= 0 && p.annual_pay() <= kMaxAnnualPay))
      out->push_back(p.annual_pay() > kMaxAnnualPay
                         ? ErrorFinding("bad-pay",
                                        "pay " + FormatNumber(p.annual_pay()) +
                                            " is above the limit of 1e9; give the annual pay" + currency +
                                            " in whole units, not cents",
                                        at.file, at.LineOf("pay"), "pay", p.id())
                         : ErrorFinding("negative-pay",
                                        "pay " + FormatNumber(p.annual_pay()) +
                                            " is not a number >= 0; give the annual pay" + currency +
                                            ", or unknown when it is not known",
                                        at.file, at.LineOf("pay"), "pay", p.id()));
    if (!at.Reported(SourceMap::kAmbiguity) && p.has_ambiguity() && !(p.ambiguity() >= 0 && p.ambiguity() <= 1))
      out->push_back(ErrorFinding("bad-ambiguity",
                                  "ambiguity " + FormatNumber(p.ambiguity()) +
                                      " is outside [0, 1]; use 0 for fully structured work up to 1 for "
                                      "fully open-ended work",
                                  at.file, at.LineOf("ambiguity"), "ambiguity", p.id()));
    if (!at.Reported(SourceMap::kLeadership) && p.has_leadership() && !(p.leadership() >= 0 && p.leadership() <= 1))
      out->push_back(ErrorFinding("bad-leadership",
                                  "leadership " + FormatNumber(p.leadership()) +
                                      " is outside [0, 1]; use 0 for far from company leadership up to 1 "
                                      "for part of it",
                                  at.file, at.LineOf("leadership"), "leadership", p.id()));
    if (!v1::PayBasis_IsValid(p.pay_basis()))
      out->push_back(ErrorFinding("bad-pay-basis",
                                  "pay basis " + std::to_string(p.pay_basis()) +
                                      " is not one of measured, shared, estimated or top-coded",
                                  at.file, at.LineOf("pay_basis"), "pay_basis", p.id()));
    if (p.has_pay_error() && !(p.pay_error() >= 0 && p.pay_error() <= kMaxPayError))
      out->push_back(ErrorFinding("bad-pay-error",
                                  "pay_error " + FormatNumber(p.pay_error()) +
                                      " is not a relative error in [0, 10]; write 0.15 for a figure typically "
                                      "within 15% of the true pay",
                                  at.file, at.LineOf("pay_error"), "pay_error", p.id()));
    if (!p.has_annual_pay() && (p.pay_basis() != v1::PAY_BASIS_UNSPECIFIED || p.has_pay_error()))
      out->push_back(WarningFinding("pay-basis-without-pay",
                                    "pay_basis or pay_error is given but the pay is unknown; they describe a pay "
                                    "figure, so give the pay or remove them",
                                    at.file, at.LineOf(p.has_pay_error() ? "pay_error" : "pay_basis"), "pay_basis",
                                    p.id()));
  }
}

// As CareerGraph::Build requires; a damaged table is reported once (CheckTransitionTable).
// Two positions of one org with the same title (case-insensitive, as name lookups compare)
// make "title" and "title @ org" ambiguous: an error naming both. Hashes are sorted rather
// than strings interned, so a million positions cost no allocation per position.
void CheckDuplicateTitles(const v1::Graph& g, const SourceMap& w, std::vector<v1::Finding>* out) {
  auto lower_hash = [](std::uint64_t h, std::string_view s) {
    for (unsigned char c : s) h = (h ^ static_cast<unsigned char>(std::tolower(c))) * 1099511628211ull;
    return (h ^ 0xff) * 1099511628211ull;  // a separator, so ("ab","c") and ("a","bc") differ
  };
  auto same = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
  };
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keys;
  keys.reserve(static_cast<std::size_t>(g.positions_size()));
  for (int i = 0; i < g.positions_size(); ++i) {
    const auto& p = g.positions(i);
    if (p.id().empty() || p.title().empty()) continue;  // an untitled position is named by its id
    keys.emplace_back(lower_hash(lower_hash(14695981039346656037ull, p.org()), p.title()), static_cast<std::uint32_t>(i));
  }
  std::sort(keys.begin(), keys.end());
  for (std::size_t k = 1; k < keys.size(); ++k) {
    if (keys[k].first != keys[k - 1].first) continue;
    // The run's first member with the same org and title (hash collisions are compared away).
    const auto& p = g.positions(static_cast<int>(keys[k].second));
    for (std::size_t j = k; j-- > 0 && keys[j].first == keys[k].first;) {
      const auto& q = g.positions(static_cast<int>(keys[j].second));
      if (!same(p.org(), q.org()) || !same(p.title(), q.title()) || p.id() == q.id()) continue;
      const At at = Locate(w, w.positions, keys[k].second);
      const std::string first = Locate(w, w.positions, keys[j].second).Describe();
      out->push_back(ErrorFinding(
          "duplicate-title",
          "title " + Quoted(p.title()) + (p.org().empty() ? std::string() : " at " + p.org()) + " is given to both " +
              Quoted(q.id()) + (first.empty() ? std::string() : " (" + first + ")") + " and " + Quoted(p.id()) +
              "; a title names one position of its org, so give each its own title (e.g. with its level or track)",
          at.file, at.LineOf("title"), "title", p.id()));
      break;
    }
  }
}

bool TableLengthsMatch(const v1::TransitionTable& t) {
  const int m = t.from_size();
  return t.to_size() == m && t.years_size() == m && t.probability_size() == m && (t.kind_size() == 0 || t.kind_size() == m) &&
         (t.provenance_size() == 0 || t.provenance_size() == m);
}

std::vector<Edge> GatherEdges(const v1::Graph& g, const std::unordered_map<std::string_view, std::size_t>& by_id) {
  std::vector<Edge> edges;
  const auto& table = g.transition_table();
  edges.reserve(static_cast<std::size_t>(g.transitions_size() + table.from_size()));
  auto resolve = [&](std::string_view id) {
    auto it = by_id.find(id);
    return it == by_id.end() ? kNone : it->second;
  };
  for (const auto& t : g.transitions()) {
    Edge e;
    e.from_id = t.from();
    e.to_id = t.to();
    e.from = resolve(t.from());
    e.to = resolve(t.to());
    e.kind = t.kind();
    e.years = t.years();
    e.probability = t.probability();
    edges.push_back(std::move(e));
  }
  const std::size_t n = static_cast<std::size_t>(g.positions_size());
  auto column = [&](const auto& col, int j, auto dflt) { return j < col.size() ? col.Get(j) : dflt; };
  const int table_rows = TableLengthsMatch(table) ? table.from_size() : 0;
  for (int j = 0; j < table_rows; ++j) {
    Edge e;
    e.table = true;
    e.from_index = table.from(j);
    e.to_index = column(table.to(), j, std::numeric_limits<std::uint32_t>::max());
    if (e.from_index < n) e.from = e.from_index;
    if (e.to_index < n) e.to = e.to_index;
    e.kind = column(table.kind(), j, 0);
    e.years = column(table.years(), j, std::numeric_limits<double>::quiet_NaN());
    e.probability = column(table.probability(), j, std::numeric_limits<double>::quiet_NaN());
    edges.push_back(std::move(e));
  }
  return edges;
}

void CheckTransitions(const v1::Graph& g, const SourceMap& w, const std::vector<Edge>& edges, bool warnings,
                      std::vector<v1::Finding>* out) {
  std::vector<EdgeKey> keys;
  keys.reserve(edges.size());
  int suggestion_budget = 50;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const Edge& e = edges[i];
    const At at = Locate(w, w.transitions, i);
    // Messages are built only for findings: this loop runs over millions of edges.
    auto what = [&] { return "transition " + std::string(FromId(g, e)) + " -> " + std::string(ToId(g, e)) + ": "; };
    auto endpoint = [&](std::size_t idx, std::string_view id, std::uint32_t raw, const char* field, std::uint32_t bit) {
      if (idx != kNone || at.Reported(bit)) return;
      if (e.table) {
        const std::string index_error =
            raw == std::numeric_limits<std::uint32_t>::max()
                ? std::string("has no valid position index")
                : "position index " + std::to_string(raw) + " is out of range (the graph has " +
                      std::to_string(g.positions_size()) + " positions)";
        out->push_back(ErrorFinding("unknown-position", std::string(field) + " " + index_error, at.file,
                                    at.LineOf(field), field));
      } else if (id.empty()) {
        out->push_back(ErrorFinding("missing-value",
                                    std::string("transition has no '") + field + "' position; give a position id",
                                    at.file, at.LineOf(field), field));
      } else {
        out->push_back(ErrorFinding("unknown-position",
                                    what() + "unknown position " + Quoted(id) + DidYouMean(id, g, &suggestion_budget) +
                                        "; define it or fix the id",
                                    at.file, at.LineOf(field), field, std::string(id)));
      }
    };
    endpoint(e.from, e.from_id, e.from_index, "from", SourceMap::kFrom);
    endpoint(e.to, e.to_id, e.to_index, "to", SourceMap::kTo);
    auto position = [&] { return FromId(g, e); };
    if (!at.Reported(SourceMap::kYears) && !YearsInBounds(e.years))
      out->push_back(ErrorFinding("bad-years",
                                  what() + "years " + FormatNumber(e.years) + " " + kYearsRule,
                                  at.file, at.LineOf("years"), "years", std::string(position())));
    if (!at.Reported(SourceMap::kProbability) && !(e.probability > 0 && e.probability <= 1))
      out->push_back(ErrorFinding("bad-probability",
                                  what() + "probability " + FormatNumber(e.probability) +
                                      " is outside (0, 1]; give the chance the move succeeds as a fraction, "
                                      "e.g. 0.35 (not 35)",
                                  at.file, at.LineOf("probability"), "probability", std::string(position())));
    const bool kind_ok = e.kind > 0 && e.kind <= v1::TRANSITION_KIND_ORG_CHANGE && v1::TransitionKind_IsValid(e.kind);
    if (!at.Reported(SourceMap::kKind) && !kind_ok)
      out->push_back(ErrorFinding("bad-kind",
                                  what() + (e.kind == 0 ? std::string("kind is not given")
                                                      : "kind " + std::to_string(e.kind) + " is not a transition kind") +
                                      "; use promotion, lateral, track_switch or org_change",
                                  at.file, at.LineOf("kind"), "kind", std::string(position())));
    if (kind_ok && e.kind == v1::TRANSITION_KIND_PROMOTION && e.from != kNone && e.to != kNone) {
      const auto& a = g.positions(static_cast<int>(e.from));
      const auto& b = g.positions(static_cast<int>(e.to));
      // A promotion that does not go up in level is a ladder listed upside down or a
      // mislabelled move; routes would call a step down a promotion.
      if (b.level() <= a.level() && !at.Reported(SourceMap::kKind))
        out->push_back(ErrorFinding("promotion-not-up",
                                    what() + "a promotion from level " + std::to_string(a.level()) + " to level " +
                                        std::to_string(b.level()) +
                                        "; a promotion goes up in level: list a track's levels junior first, fix "
                                        "the level numbers, or give the move another kind",
                                    at.file, at.LineOf("kind"), "kind", std::string(position())));
      // Within one (org, track) ladder a pay cut up a level is a pay inversion, reported below.
      else if (warnings && (a.org() != b.org() || a.track() != b.track()) && a.has_annual_pay() &&
               b.has_annual_pay() && b.annual_pay() < a.annual_pay())
        out->push_back(WarningFinding("promotion-pay-cut",
                                      what() + "a promotion that cuts pay from " + FormatNumber(a.annual_pay()) +
                                          " to " + FormatNumber(b.annual_pay()) + "; check the pay or the levels",
                                      at.file, at.LineOf("from"), "from", std::string(position())));
    }
    if (!warnings || e.from == kNone || e.to == kNone) continue;
    if (e.from == e.to) {
      out->push_back(WarningFinding("self-loop",
                                    what() + "leads back to the same position; remove it (staying put is "
                                           "not a move)",
                                    at.file, at.LineOf("to"), "to", std::string(position())));
      continue;
    }
    keys.push_back(EdgeKey{e.from, e.to, e.kind, i});
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::pair<std::size_t, std::size_t>> duplicates;  // (index, index of the first of its run)
  for (std::size_t k = 1, run_first = 0; k < keys.size(); ++k) {
    const EdgeKey &a = keys[k - 1], &b = keys[k];
    if (a.from == b.from && a.to == b.to && a.kind == b.kind) duplicates.emplace_back(b.index, keys[run_first].index);
    else run_first = k;
  }
  std::sort(duplicates.begin(), duplicates.end());
  for (const auto& [i, first_index] : duplicates) {
    const Edge& e = edges[i];
    const At at = Locate(w, w.transitions, i);
    const std::string first = Locate(w, w.transitions, first_index).Describe();
    out->push_back(WarningFinding(
        "duplicate-transition",
        "transition " + std::string(FromId(g, e)) + " -> " + std::string(ToId(g, e)) + ": " +
            std::string(TransitionKindName(static_cast<v1::TransitionKind>(e.kind))) + " given again (first" +
            (first.empty() ? std::string(" earlier") : " at " + first) + "); remove one, or merge their numbers",
        at.file, at.LineOf("from"), "from", std::string(FromId(g, e))));
  }
}

// Unreachable, dead-end and pay-inversion: structure within each (org, track) ladder.
void CheckLadders(const v1::Graph& g, const SourceMap& w, const std::vector<Edge>& edges,
                  const std::unordered_map<std::string_view, std::size_t>& by_id, std::vector<v1::Finding>* out) {
  const std::size_t n = static_cast<std::size_t>(g.positions_size());
  std::vector<std::uint32_t> in(n, 0), outd(n, 0);
  // An edge to or from an unknown position still counts at its known end: that error is
  // reported already and should not also make its other end look like a dead end.
  for (const Edge& e : edges) {
    if (e.from == e.to) continue;
    if (e.from != kNone) ++outd[e.from];
    if (e.to != kNone) ++in[e.to];
  }
  // A position without an id or with a duplicate one is an error already, and no edge can
  // reach it: leave it out rather than also call it unreachable.
  std::unordered_map<std::string, std::vector<std::size_t>> ladders;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& p = g.positions(static_cast<int>(i));
    auto it = by_id.find(p.id());
    if (p.id().empty() || it == by_id.end() || it->second != i) continue;
    ladders[p.org() + '\0' + p.track()].push_back(i);
  }
  // Deterministic order: by the first member's index.
  std::vector<std::vector<std::size_t>*> order;
  for (auto& [key, members] : ladders) order.push_back(&members);
  std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->front() < b->front(); });

  auto ladder_name = [](const v1::Position& p) {
    std::string s = "track " + Quoted(p.track());
    if (!p.org().empty()) s += " at " + p.org();
    return s;
  };
  for (auto* members : order) {
    int lo = std::numeric_limits<int>::max(), hi = std::numeric_limits<int>::min();
    for (std::size_t i : *members) {
      lo = std::min(lo, g.positions(static_cast<int>(i)).level());
      hi = std::max(hi, g.positions(static_cast<int>(i)).level());
    }
    for (std::size_t i : *members) {
      const auto& p = g.positions(static_cast<int>(i));
      const At at = Locate(w, w.positions, i);
      if (w.incomplete) break;
      if (in[i] == 0 && p.level() > lo)
        out->push_back(WarningFinding(
            "unreachable",
            "no transition leads into " + Quoted(p.id()) + " (level " + std::to_string(p.level()) + " of " +
                ladder_name(p) + ", whose entry level is " + std::to_string(lo) +
                "); add a promotion or move into it, or remove it",
            at.file, at.LineOf("id"), "id", p.id()));
      if (outd[i] == 0 && p.level() < hi)
        out->push_back(WarningFinding(
            "dead-end",
            "no transition leads out of " + Quoted(p.id()) + " (level " + std::to_string(p.level()) + " of " +
                ladder_name(p) + ", whose top level is " + std::to_string(hi) +
                "); add a promotion or move out of it",
            at.file, at.LineOf("id"), "id", p.id()));
    }
    // Pay inversion (engine/pay_inversion.h); a pay missing or already reported as malformed is unknown.
    std::vector<int> levels;
    std::vector<double> pays;
    for (std::size_t i : *members) {
      const auto& p = g.positions(static_cast<int>(i));
      levels.push_back(p.level());
      pays.push_back(p.has_annual_pay() && !Locate(w, w.positions, i).Reported(SourceMap::kPay) ? p.annual_pay()
                                                                                                 : kUnknown);
    }
    for (const PayInversion& inv : FindPayInversions(levels, pays)) {
      const std::size_t i = (*members)[inv.position];
      const auto& p = g.positions(static_cast<int>(i));
      const auto& lower = g.positions(static_cast<int>((*members)[inv.lower]));
      const At at = Locate(w, w.positions, i);
      out->push_back(WarningFinding(
          "pay-inversion",
          Quoted(p.id()) + " (level " + std::to_string(p.level()) + ") pays " + FormatNumber(p.annual_pay()) +
              ", less than " + Quoted(lower.id()) + " (level " + std::to_string(lower.level()) + ") at " +
              FormatNumber(lower.annual_pay()) + " in " + ladder_name(p) + "; check the pay or the levels",
          at.file, at.LineOf("pay"), "pay", p.id()));
    }
  }
}

}  // namespace

void CheckTransitionTable(const v1::Graph& g, const std::string& file, std::vector<v1::Finding>* out) {
  const v1::TransitionTable& t = g.transition_table();
  if (!TableLengthsMatch(t)) {
    out->push_back(ErrorFinding(
        "bad-table",
        "transition_table columns have different lengths (from " + std::to_string(t.from_size()) + ", to " +
            std::to_string(t.to_size()) + ", kind " + std::to_string(t.kind_size()) + ", years " +
            std::to_string(t.years_size()) + ", probability " + std::to_string(t.probability_size()) + ", provenance " +
            std::to_string(t.provenance_size()) + "); the file is damaged: rebuild it with 'careergraph build'",
        file, 0, "transition_table"));
    return;
  }
  for (int j = 0; j < t.provenance_size(); ++j)
    if (t.provenance(j) >= static_cast<std::uint32_t>(t.provenance_strings_size())) {
      out->push_back(ErrorFinding("bad-table",
                                  "transition_table entry " + std::to_string(j + 1) + ": provenance index " +
                                      std::to_string(t.provenance(j)) + " is out of range (" +
                                      std::to_string(t.provenance_strings_size()) +
                                      " provenance strings); the file is damaged: rebuild it with 'careergraph build'",
                                  file, 0, "transition_table.provenance"));
      return;
    }
}

// The competency catalogue and every profile, by the engine's rule (CheckCompetencies), so
// that what loads also builds; each problem at its position's line.
void CheckCompetencyProfiles(const v1::Graph& g, const SourceMap& w, std::vector<v1::Finding>* out) {
  const auto problems = CheckCompetencies(g.metadata(), static_cast<std::size_t>(g.positions_size()),
                                          [&](std::size_t i) -> const v1::Position& { return g.positions(static_cast<int>(i)); });
  for (const CompetencyProblem& x : problems) {
    if (x.position < 0) {
      const std::string& file = w.files.empty() ? std::string() : w.files[0];
      out->push_back(ErrorFinding(x.code, "competency catalogue: " + x.message, file, 0,
                                  "competencies[" + std::to_string(x.index) + "]." + x.field));
      continue;
    }
    const v1::Position& p = g.positions(x.position);
    const std::string& id = p.competencies(x.index).competency();
    const std::string field = "competencies." + id + (x.field == "importance" ? ".importance" : "");
    const At at = Locate(w, w.positions, static_cast<std::size_t>(x.position));
    out->push_back(ErrorFinding(x.code, "position " + Quoted(p.id()) + ": " + x.message, at.file,
                                at.LineOf("competencies." + id), field, p.id()));
  }
}

void ValidateGraph(const v1::Graph& g, const SourceMap& where, std::vector<v1::Finding>* out,
                   const ValidateOptions& options) {
  std::unordered_map<std::string_view, std::size_t> by_id;
  by_id.reserve(static_cast<std::size_t>(g.positions_size()));
  CheckPositions(g, where, &by_id, out);
  CheckDuplicateTitles(g, where, out);
  CheckCompetencyProfiles(g, where, out);
  const std::vector<Edge> edges = GatherEdges(g, by_id);
  CheckTransitions(g, where, edges, options.warnings, out);
  if (options.warnings) CheckLadders(g, where, edges, by_id, out);
}

v1::ValidationReport MakeReport(const v1::Graph& g, const std::vector<v1::Finding>& findings) {
  v1::ValidationReport r;
  for (const auto& f : findings) {
    *r.add_findings() = f;
    if (f.severity() == v1::ERROR) r.set_errors(r.errors() + 1);
    else r.set_warnings(r.warnings() + 1);
  }
  r.set_positions(static_cast<std::uint32_t>(g.positions_size()));
  r.set_transitions(static_cast<std::uint32_t>(g.transitions_size() + g.transition_table().from_size()));
  return r;
}

}  // namespace careergraph::io
