#include "engine/tracks.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <limits>
#include <queue>
#include <set>
#include <span>
#include <unordered_map>
#include <utility>

namespace careergraph {
namespace {

std::string Trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return std::string(s.substr(a, b - a));
}

// What separates words: the C locale's spaces (what std::isspace says there), ',' and '/',
// compared here rather than by a call per letter: this runs over every title of a ladder when
// a name is not found.
bool SeparatesWords(char c) { return c == ' ' || (c >= '\t' && c <= '\r') || c == ',' || c == '/'; }

std::vector<std::string> Words(std::string_view s) {
  const auto separates = SeparatesWords;
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && separates(s[i])) ++i;
    const std::size_t start = i;
    while (i < s.size() && !separates(s[i])) ++i;
    if (i > start) out.emplace_back(s.substr(start, i - start));
  }
  return out;
}

std::string Join(const std::vector<std::string>& w, std::size_t skip = static_cast<std::size_t>(-1)) {
  std::string out;
  for (std::size_t i = 0; i < w.size(); ++i)
    if (i != skip) out += (out.empty() ? "" : " ") + w[i];
  return out;
}

// "technical program management" -> "tpm"; empty for a one-word name.
std::string Initials(const std::vector<std::string>& words) {
  if (words.size() < 2) return "";
  std::string out;
  for (const auto& w : words) out += w[0];
  return out;
}

// Lower-case names a track answers to: its id, its name and the initials of its name.
std::vector<std::string> TrackRefs(std::string_view id, const v1::Track* info) {
  std::vector<std::string> refs{ToLower(id)};
  if (info && !info->name().empty()) {
    const std::string name = ToLower(info->name());
    refs.push_back(name);
    if (std::string in = Initials(Words(name)); !in.empty()) refs.push_back(std::move(in));
  }
  return refs;
}

std::string ScaleLabel(const v1::Track* info, int level) {
  if (info)
    for (const auto& l : info->levels())
      if (l.level() == level) return l.label();
  return "";
}

}  // namespace

const v1::Track* TrackInfo(const CareerGraph& g, std::uint32_t track_id) { return g.track_info(track_id); }

std::string TrackDisplayName(const CareerGraph& g, std::uint32_t track_id) {
  const v1::Track* info = g.track_info(track_id);
  if (info && !info->name().empty()) return info->name();
  return track_id < g.tracks().size() ? g.tracks()[track_id] : std::string();
}

std::string LevelLabelOf(const CareerGraph& g, Vertex v) {
  const v1::Position& p = g.position(v);
  if (!p.level_label().empty()) return p.level_label();
  if (std::string s = ScaleLabel(g.track_info(g.track_id(v)), p.level()); !s.empty()) return s;
  return "L" + std::to_string(p.level());
}

StatusOr<std::uint32_t> ResolveTrack(const CareerGraph& g, std::string_view name, std::string_view field) {
  const std::string q = ToLower(Trim(name));
  if (q.empty())
    return Status::InvalidArgument(std::string(field) + " is empty: name a track by id or name").WithField(std::string(field));
  const auto& ids = g.tracks();
  const auto n = static_cast<std::uint32_t>(ids.size());
  for (std::uint32_t t = 0; t < n; ++t)
    if (ToLower(ids[t]) == q) return t;
  // The name or its initials, then a word of the name (or a prefix of the name).
  std::vector<std::uint32_t> exact, partial;
  for (std::uint32_t t = 0; t < n; ++t) {
    const v1::Track* info = g.track_info(t);
    if (!info || info->name().empty()) continue;
    const std::string lname = ToLower(info->name());
    const std::vector<std::string> words = Words(lname);
    if (lname == q || Initials(words) == q) exact.push_back(t);
    else if (q.size() >= 3 && (lname.starts_with(q) || std::find(words.begin(), words.end(), q) != words.end()))
      partial.push_back(t);
  }
  for (const auto* hits : {&exact, &partial}) {
    if (hits->size() == 1) return hits->front();
    if (hits->size() > 1) {
      std::vector<std::string> cands;
      std::string list;
      for (std::uint32_t t : *hits) {
        cands.push_back(ids[t]);
        list += (list.empty() ? "'" : ", '") + ids[t] + "' (" + TrackDisplayName(g, t) + ")";
      }
      return Status::InvalidArgument("track '" + std::string(name) + "' is ambiguous: it could be " + list +
                                     "; name one by id")
          .WithField(std::string(field))
          .WithSuggestions(std::move(cands));
    }
  }
  // Did you mean: the closest ids and names.
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (std::uint32_t t = 0; t < n; ++t) {
    std::size_t best = EditDistance(q, ToLower(ids[t]));
    if (const v1::Track* info = g.track_info(t); info && !info->name().empty())
      best = std::min(best, EditDistance(q, ToLower(info->name())));
    if (best <= std::max<std::size_t>(2, q.size() / 3)) scored.emplace_back(best, ids[t]);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> suggestions;
  for (std::size_t i = 0; i < scored.size() && i < 3; ++i) suggestions.push_back(scored[i].second);
  std::string msg = "unknown track '" + std::string(name) + "'";
  if (!suggestions.empty()) {
    msg += "; " + DidYouMean(suggestions);
  } else if (n > 20) {
    msg += "; " + std::to_string(n) + " tracks: list them with `careergraph tracks`";
  } else {
    std::string known;
    for (std::uint32_t t = 0; t < n; ++t) known += (known.empty() ? "" : ", ") + ids[t] + " (" + TrackDisplayName(g, t) + ")";
    msg += "; known: " + known;
  }
  return Status::NotFound(std::move(msg)).WithField(std::string(field)).WithSuggestions(std::move(suggestions));
}

namespace {

// Abbreviations people write in titles, and the words they stand for.
constexpr std::pair<std::string_view, std::string_view> kWordAbbreviations[] = {
    {"sr", "senior"},     {"snr", "senior"},      {"jr", "junior"},      {"mgr", "manager"},
    {"eng", "engineer"},  {"eng", "engineering"}, {"engr", "engineer"},  {"dir", "director"},
    {"assoc", "associate"}, {"prin", "principal"}, {"mgmt", "management"}, {"sw", "software"},
    {"dev", "developer"}, {"exec", "executive"},  {"admin", "administrator"}, {"ops", "operations"},
};

// How far query word `q` is from title word `t`: 0 when they are the same word (also "sr"
// or "sr." for "senior"), 1 when they are one edit apart (both four letters
// or more, so "sr" is never "sre"), else -1.
int WordDistance(std::string_view q, std::string_view t) {
  if (q.size() > 1 && q.back() == '.') q.remove_suffix(1);
  if (q == t) return 0;
  for (const auto& [abbreviation, word] : kWordAbbreviations)
    if (q == abbreviation && t == word) return 0;
  if (q.size() >= 4 && t.size() >= 4 && BoundedEditDistance(q, t, 1) == 1) return 1;
  return -1;
}

// Whether `a` abbreviates the words `run`: it splits into one piece per word, in order,
// each piece letters of its word in order starting with the word's first ("swe" for
// software engineer, "tpm" for technical program manager; not "swe" for staff software
// engineer).
bool Abbreviates(std::string_view a, std::span<const std::string> run) {
  // can[i]: a[0, i) is split over the words before the current one (a table, not a
  // recursion, so a long id against a long title costs |a| x |title| steps, not more).
  std::vector<char> can(a.size() + 1, 0), next(a.size() + 1, 0);
  can[0] = 1;
  for (const std::string& word : run) {
    std::fill(next.begin(), next.end(), 0);
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!can[i] || word.empty() || a[i] != word[0]) continue;
      // The piece a[i, e) for every e it can reach: letters of `word` in order.
      std::size_t at = 1;
      next[i + 1] = 1;
      for (std::size_t e = i + 1; e < a.size(); ++e) {
        at = word.find(a[e], at);
        if (at == std::string::npos) break;
        ++at;
        next[e + 1] = 1;
      }
    }
    can.swap(next);
  }
  return can[a.size()] != 0;
}

// The distance of query `words` from title `tw`, the title read with at most one run of
// its words written as their initials ("senior pm") or, for a run of the position's track,
// as the track's id or initials ("staff swe": `refs`); every other word by WordDistance.
// -1 when no reading matches. The title is never all one run (a track id alone is not a
// position's name).
int TitleDistance(const std::vector<std::string>& words, const std::vector<std::string>& tw,
                  const std::vector<std::string>& refs) {
  int best = -1;
  auto consider = [&](std::size_t i, std::size_t j) {  // the run [i, j) is one query word
    const std::size_t kept = tw.size() - (j - i) + (j > i ? 1 : 0);
    if (kept != words.size()) return;
    int sum = 0;
    std::size_t k = 0;
    for (std::size_t x = 0; x < i; ++x) {
      const int d = WordDistance(words[k++], tw[x]);
      if (d < 0) return;
      sum += d;
    }
    if (j > i) {
      std::string in;
      for (std::size_t x = i; x < j; ++x) in += tw[x][0];
      const std::string& w = words[k++];
      const bool initials = j - i >= 2 && w == in;
      const bool track =
          std::find(refs.begin(), refs.end(), w) != refs.end() && Abbreviates(w, std::span(tw).subspan(i, j - i));
      if (!initials && !track) return;
    }
    for (std::size_t x = j; x < tw.size(); ++x) {
      const int d = WordDistance(words[k++], tw[x]);
      if (d < 0) return;
      sum += d;
    }
    if (best < 0 || sum < best) best = sum;
  };
  consider(0, 0);  // no run: word by word
  for (std::size_t i = 0; i < tw.size(); ++i)
    for (std::size_t j = i + 1; j <= tw.size(); ++j)
      if (j - i < tw.size()) consider(i, j);
  return best;
}

// The distance of query `words` from `title` read as an abbreviated title (TitleDistance),
// also with the title's small words left out ("VP Eng" for VP of Engineering); -1 when no
// reading matches.
int AbbreviatedTitleDistance(const std::vector<std::string>& words, std::string_view title,
                             const std::vector<std::string>& refs) {
  std::vector<std::string> tw = Words(ToLower(title));
  int d = TitleDistance(words, tw, refs);
  if (std::erase_if(tw, [](const std::string& w) { return w == "of" || w == "the" || w == "and" || w == "&"; }) > 0)
    if (const int e = TitleDistance(words, tw, refs); e >= 0 && (d < 0 || e < d)) d = e;
  return d;
}

// Whether a title of `k` words can be read as `w` query words: TitleDistance reads it word by
// word (k words) or with one run of L < k words as one (k - L + 1 words, 2 to k).
bool WordCountsCanMatch(std::size_t w, std::size_t k) { return w == k || (w >= 2 && w <= k); }

// Whether `title` has a word count AbbreviatedTitleDistance could match `w` query words
// with, counted as Words splits it and without splitting it: when not, it is -1 outright
// (a one-word query is only ever a one-word title).
bool TitleCanMatch(std::size_t w, std::string_view title) {
  const auto separates = SeparatesWords;
  auto small = [](std::string_view x) {
    auto is = [&](std::string_view word) {
      if (x.size() != word.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i)
        if ((x[i] >= 'A' && x[i] <= 'Z' ? x[i] + ('a' - 'A') : x[i]) != word[i]) return false;
      return true;
    };
    return is("of") || is("the") || is("and") || is("&");
  };
  std::size_t all = 0, kept = 0, i = 0;
  while (i < title.size()) {
    while (i < title.size() && separates(title[i])) ++i;
    const std::size_t start = i;
    while (i < title.size() && !separates(title[i])) ++i;
    if (i == start) continue;
    ++all;
    kept += !small(title.substr(start, i - start));
  }
  return WordCountsCanMatch(w, all) || (kept < all && WordCountsCanMatch(w, kept));
}

// Every position `query` names by label + track (`by_label`), and by an abbreviated title
// with its distance, each word of four letters or more allowed one edit (`by_title`). A
// title at distance 0 is one the query names exactly: its words matched with no edit.
struct AliasReading {
  std::vector<std::uint32_t> by_label;
  std::vector<std::pair<int, std::uint32_t>> by_title;
};

// `shortcuts` off reads every title in full (the plain rule, for tests to compare with).
AliasReading ReadAliases(std::string_view query, const PositionList& positions,
                         const google::protobuf::RepeatedPtrField<v1::Track>& tracks, bool shortcuts = true) {
  std::string q = ToLower(query), org;
  if (auto at = q.rfind(" @ "); at != std::string::npos) {
    org = Trim(q.substr(at + 3));
    q = Trim(q.substr(0, at));
  }
  const std::vector<std::string> words = Words(q);
  AliasReading out;
  if (words.empty()) return out;
  // A track's description by its id (the first with the id), through a table when there are
  // many: a ladder of a thousand orgs may give each its own tracks, and the track changes
  // every few positions.
  std::unordered_map<std::string_view, const v1::Track*> by_id;
  if (tracks.size() > 16) {
    by_id.reserve(static_cast<std::size_t>(tracks.size()));
    for (const auto& t : tracks) by_id.emplace(t.id(), &t);
  }
  auto info_of = [&](const std::string& track) -> const v1::Track* {
    if (!by_id.empty()) {
      const auto it = by_id.find(track);
      return it == by_id.end() ? nullptr : it->second;
    }
    for (const auto& t : tracks)
      if (t.id() == track) return &t;
    return nullptr;
  };
  auto& [by_label, by_title] = out;
  const bool titles = positions.size() <= 200000;  // abbreviations cost a pass over every title
  std::string last_track;
  const v1::Track* info = nullptr;
  std::vector<std::string> refs;
  // A title's distance depends on the title and on which query words name its track (the
  // only way TitleDistance reads the track's references), so it is remembered by the two.
  // Ladders repeat a title in every org, and often give each org tracks of its own whose
  // references no query word is; a ladder whose first few thousand titles never repeat
  // (every title names its org) is read without the memo.
  std::string refs_key;  // per query word, '1' when it names the track
  std::unordered_map<std::string, int> memo;  // refs_key '\0' title -> its distance (-1: none)
  std::string memo_key;
  bool memoize = shortcuts;
  std::size_t memo_hits = 0;
  constexpr std::size_t kMemoTrial = 4096;
  for (std::uint32_t v = 0; v < positions.size(); ++v) {
    const v1::Position& p = positions[v];
    if (!org.empty() && ToLower(p.org()) != org) continue;
    if (v == 0 || p.track() != last_track) {  // ladders list a track's positions together
      last_track = p.track();
      info = info_of(p.track());
      refs = TrackRefs(p.track(), info);
      refs_key.clear();
      for (const std::string& w : words) refs_key += std::find(refs.begin(), refs.end(), w) != refs.end() ? '1' : '0';
    }
    // Level label + track, in either order (exactly: a label is a code, not a word).
    std::string label = p.level_label().empty() ? ScaleLabel(info, p.level()) : p.level_label();
    if (!label.empty() && words.size() >= 2) {
      label = ToLower(label);
      bool hit = false;
      for (std::size_t i = 0; i < words.size() && !hit; ++i)
        hit = words[i] == label && std::find(refs.begin(), refs.end(), Join(words, i)) != refs.end();
      if (hit) by_label.push_back(v);
    }
    if (!titles) continue;
    if (shortcuts && !TitleCanMatch(words.size(), p.title())) continue;
    if (memoize) {
      memo_key.assign(refs_key);
      memo_key += '\0';
      memo_key += p.title();
      if (auto known = memo.find(memo_key); known != memo.end()) {
        ++memo_hits;
        if (known->second >= 0) by_title.emplace_back(known->second, v);
        continue;
      }
    }
    const int d = AbbreviatedTitleDistance(words, p.title(), refs);
    if (d >= 0) by_title.emplace_back(d, v);
    if (memoize) {
      memo.emplace(memo_key, d);
      if (memo.size() == kMemoTrial && memo_hits < kMemoTrial) memoize = false;
    }
  }
  return out;
}

PositionAliasHits ToHits(AliasReading r) {
  PositionAliasHits hits;
  if (!r.by_label.empty()) {
    hits.exact = std::move(r.by_label);
  } else {
    for (const auto& [d, v] : r.by_title)
      if (d == 0) hits.exact.push_back(v);
  }
  std::stable_sort(r.by_title.begin(), r.by_title.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [d, v] : r.by_title) hits.close.push_back(v);
  return hits;
}

}  // namespace

PositionAliasHits FindPositionAliases(std::string_view query, const PositionList& positions,
                                      const google::protobuf::RepeatedPtrField<v1::Track>& tracks) {
  return ToHits(ReadAliases(query, positions, tracks));
}

namespace tracks_internal {
PositionAliasHits FindPositionAliasesTitleByTitle(std::string_view query, const PositionList& positions,
                                                  const google::protobuf::RepeatedPtrField<v1::Track>& tracks) {
  return ToHits(ReadAliases(query, positions, tracks, /*shortcuts=*/false));
}
}  // namespace tracks_internal

std::vector<Vertex> TrackLadder(const CareerGraph& g, std::uint32_t track_id) {
  std::vector<Vertex> out;
  for (Vertex v = 0; v < g.num_positions(); ++v)
    if (g.track_id(v) == track_id) out.push_back(v);
  std::sort(out.begin(), out.end(), [&](Vertex a, Vertex b) {
    return std::tuple(g.level(a), OrLowest(g.pay(a)), g.position(a).id()) <
           std::tuple(g.level(b), OrLowest(g.pay(b)), g.position(b).id());
  });
  return out;
}

namespace {

v1::TrackMove Move(const CareerGraph& g, EdgeId e) {
  const Vertex a = g.source(e), b = g.target(e);
  v1::TrackMove m;
  m.set_from_id(g.position(a).id());
  m.set_from_title(g.position(a).title());
  m.set_from_track(g.tracks()[g.track_id(a)]);
  m.set_from_label(LevelLabelOf(g, a));
  m.set_to_id(g.position(b).id());
  m.set_to_title(g.position(b).title());
  m.set_to_track(g.tracks()[g.track_id(b)]);
  m.set_to_label(LevelLabelOf(g, b));
  m.set_level_change(g.level(b) - g.level(a));
  m.set_years(g.years(e));
  m.set_probability(g.probability(e));
  SetIfKnown(&m, &v1::TrackMove::set_pay_change, g.pay(b) - g.pay(a));
  return m;
}

v1::TrackSummary Summarise(const CareerGraph& g, std::uint32_t t, const std::vector<Vertex>& ladder) {
  v1::TrackSummary s;
  s.set_id(g.tracks()[t]);
  s.set_name(TrackDisplayName(g, t));
  if (const v1::Track* info = g.track_info(t)) {
    s.set_description(info->description());
    *s.mutable_levels() = info->levels();
  }
  for (Vertex v : ladder) {
    v1::TrackStep* st = s.add_ladder();
    const v1::Position& p = g.position(v);
    st->set_position_id(p.id());
    st->set_title(p.title());
    st->set_level(p.level());
    st->set_level_label(LevelLabelOf(g, v));
    if (p.has_annual_pay()) st->set_pay(p.annual_pay()), st->set_pay_basis(p.pay_basis());
    if (p.has_ambiguity()) st->set_ambiguity(p.ambiguity());
    if (p.has_leadership()) st->set_leadership(p.leadership());
    st->set_description(p.description());
    EdgeId best = static_cast<EdgeId>(-1);
    for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e) {
      const Vertex w = g.target(e);
      if (g.track_id(w) != t || g.level(w) <= g.level(v)) continue;
      if (best == static_cast<EdgeId>(-1) ||
          std::pair(g.years(e), -g.probability(e)) < std::pair(g.years(best), -g.probability(best)))
        best = e;
    }
    if (best != static_cast<EdgeId>(-1)) {
      st->set_next_id(g.position(g.target(best)).id());
      st->set_next_years(g.years(best));
      st->set_next_probability(g.probability(best));
    }
    for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e)
      if (g.track_id(g.target(e)) != t) *s.add_ways_out() = Move(g, e);
    g.ForEachInEdge(v, [&](EdgeId e) {
      if (g.track_id(g.source(e)) != t) *s.add_ways_in() = Move(g, e);
    });
  }
  auto order = [](const v1::TrackMove& a, const v1::TrackMove& b) {
    return std::tuple(a.from_track(), a.to_label().size(), a.to_label(), a.from_label().size(), a.from_label(), -a.probability(), a.from_id()) <
           std::tuple(b.from_track(), b.to_label().size(), b.to_label(), b.from_label().size(), b.from_label(), -b.probability(), b.from_id());
  };
  std::stable_sort(s.mutable_ways_in()->begin(), s.mutable_ways_in()->end(), order);
  auto order_out = [](const v1::TrackMove& a, const v1::TrackMove& b) {
    return std::tuple(a.to_track(), a.from_label().size(), a.from_label(), a.to_label().size(), a.to_label(), -a.probability(), a.to_id()) <
           std::tuple(b.to_track(), b.from_label().size(), b.from_label(), b.to_label().size(), b.to_label(), -b.probability(), b.to_id());
  };
  std::stable_sort(s.mutable_ways_out()->begin(), s.mutable_ways_out()->end(), order_out);
  if (ladder.empty()) return s;
  // The quickest climb from the most junior position to the top, on the track's own moves.
  const Vertex bottom = ladder.front();
  Vertex top = ladder.back();
  for (Vertex v : ladder)
    if (g.level(v) == g.level(top) && OrLowest(g.pay(v)) > OrLowest(g.pay(top))) top = v;
  s.set_bottom_id(g.position(bottom).id());
  s.set_top_id(g.position(top).id());
  std::vector<double> dist(g.num_positions(), std::numeric_limits<double>::infinity());
  std::vector<double> prob(g.num_positions(), 0);
  using Item = std::pair<double, Vertex>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  dist[bottom] = 0;
  prob[bottom] = 1;
  heap.emplace(0, bottom);
  while (!heap.empty()) {
    auto [d, v] = heap.top();
    heap.pop();
    if (d > dist[v]) continue;
    if (v == top) break;
    for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e) {
      const Vertex w = g.target(e);
      if (g.track_id(w) != t) continue;
      const double nd = d + g.years(e);
      if (nd < dist[w] || (nd == dist[w] && prob[v] * g.probability(e) > prob[w])) {
        dist[w] = nd;
        prob[w] = prob[v] * g.probability(e);
        heap.emplace(nd, w);
      }
    }
  }
  s.set_top_reachable(dist[top] < std::numeric_limits<double>::infinity());
  if (s.top_reachable()) {
    s.set_years_to_top(dist[top]);
    s.set_probability_to_top(prob[top]);
  }
  return s;
}

}  // namespace

StatusOr<v1::TracksResponse> DescribeTracks(const CareerGraph& g, const v1::TracksRequest& req) {
  v1::TracksResponse resp;
  resp.set_currency(g.metadata().currency());
  resp.set_graph_version(g.metadata().version());
  const auto n = static_cast<std::uint32_t>(g.tracks().size());
  std::vector<std::vector<Vertex>> ladders(n);
  if (!req.track().empty()) {
    auto t = ResolveTrack(g, req.track(), "track");
    if (!t.ok()) return t.status();
    *resp.add_tracks() = Summarise(g, *t, TrackLadder(g, *t));
    return resp;
  }
  for (Vertex v = 0; v < g.num_positions(); ++v) ladders[g.track_id(v)].push_back(v);
  for (std::uint32_t t = 0; t < n; ++t) {
    auto& l = ladders[t];
    std::sort(l.begin(), l.end(), [&](Vertex a, Vertex b) {
      return std::tuple(g.level(a), OrLowest(g.pay(a)), g.position(a).id()) <
           std::tuple(g.level(b), OrLowest(g.pay(b)), g.position(b).id());
    });
    *resp.add_tracks() = Summarise(g, t, l);
  }
  return resp;
}

}  // namespace careergraph
