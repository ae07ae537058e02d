#include "engine/position_index.h"


#include "engine/huge_pages.h"
#include "engine/tracks.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <tuple>
#include <unordered_set>

namespace careergraph {

namespace {

constexpr std::uint64_t kHigh = 0x8080808080808080ull;
constexpr std::uint64_t kOnes = 0x0101010101010101ull;

// A-Z to a-z in each byte of `x`, other bytes (including non-ASCII) unchanged.
inline std::uint64_t LowerAscii8(std::uint64_t x) {
  const std::uint64_t heptets = x & ~kHigh;
  const std::uint64_t ge_a = heptets + (0x80 - 'A') * kOnes;      // high bit: >= 'A'
  const std::uint64_t gt_z = heptets + (0x80 - 'Z' - 1) * kOnes;  // high bit: > 'Z'
  const std::uint64_t upper = ge_a & ~gt_z & ~x & kHigh;
  return x | (upper >> 2);
}

inline char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::uint64_t Mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

// A 64-bit hash of `s`, of its ASCII lower case form when kLower. Eight bytes at a time:
// ids and titles are short, and this runs once per position when a graph is built.
template <bool kLower>
std::uint64_t Hash(std::string_view s) {
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ s.size();
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if constexpr (kLower) w = LowerAscii8(w);
    h = (h ^ w) * 0x9e3779b97f4a7c15ull;
    h ^= h >> 29;
  }
  if (i < s.size()) {
    std::uint64_t w = 0;
    std::memcpy(&w, s.data() + i, s.size() - i);
    if constexpr (kLower) w = LowerAscii8(w);
    h = (h ^ w) * 0x9e3779b97f4a7c15ull;
  }
  return Mix(h);
}

// `a` equals `b` ignoring ASCII case.
bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  return true;
}

// `s` (any case) equals `lower` (already lower case).
bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (LowerAscii(s[i]) != lower[i]) return false;
  return true;
}

// `haystack` holds `needle`, ignoring ASCII case on both sides.
bool ContainsIgnoringCase(std::string_view haystack, std::string_view needle) {
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && LowerAscii(haystack[i + k]) == LowerAscii(needle[k])) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

// Each string field of a position lives in its own heap block, so reading one field of
// every position misses the cache once per position (twice for a long string). Building
// asks for them ahead: the string objects two batches ahead, their characters one batch
// ahead (by then the object, which holds the pointer to them, has arrived).
constexpr std::size_t kPrefetchBatch = 16;

using StringField = const std::string& (v1::Position::*)() const;

void PrefetchStrings(const PositionList& positions, std::size_t b, std::size_t n, StringField field) {
  for (std::size_t i = b + 2 * kPrefetchBatch; i < std::min(n, b + 3 * kPrefetchBatch); ++i)
    __builtin_prefetch(&(positions[i].*field)());
  for (std::size_t i = b + kPrefetchBatch; i < std::min(n, b + 2 * kPrefetchBatch); ++i)
    __builtin_prefetch((positions[i].*field)().data());
}

// The same for a walk from the last position down; `b` is the first of the current batch.
void PrefetchStringsBackward(const PositionList& positions, std::size_t b, StringField field) {
  for (std::size_t i = b >= 2 * kPrefetchBatch ? b - 2 * kPrefetchBatch : 0; i + kPrefetchBatch < b; ++i)
    __builtin_prefetch(&(positions[i].*field)());
  for (std::size_t i = b >= kPrefetchBatch ? b - kPrefetchBatch : 0; i < b; ++i)
    __builtin_prefetch((positions[i].*field)().data());
}

}  // namespace

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  return BoundedEditDistance(a, b, std::max(a.size(), b.size()));
}

namespace {

template <bool kFold>
inline bool Same(char x, char y) {
  if constexpr (kFold) return LowerAscii(x) == LowerAscii(y);
  return x == y;
}

// BoundedEditDistance, ASCII case folded on the fly when kFold (no lower-case copy is made).
template <bool kFold>
std::size_t BandedDistance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() < b.size()) std::swap(a, b);  // b the shorter: one row of b.size() + 1 cells
  if (a.size() - b.size() > limit) return limit + 1;
  const std::size_t over = limit + 1;  // any cell beyond the limit is kept as limit + 1
  // One row, kept on the stack for names of ordinary length.
  std::size_t stack_row[128];
  std::vector<std::size_t> heap_row;
  std::size_t* row = stack_row;
  if (b.size() + 1 > std::size(stack_row)) {
    heap_row.resize(b.size() + 1);
    row = heap_row.data();
  }
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = std::min(j, over);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    // Only the cells with |i - j| <= limit can hold limit or less (Ukkonen's band); those
    // left of it are `over`, and so is row[lo - 1] as the band moves right. Cells right of
    // it have never been written since the first row, which made them `over`.
    const std::size_t lo = i > limit ? i - limit : 1, hi = std::min(b.size(), i + limit);
    std::size_t diag = row[lo - 1];  // the cell up-left of row[lo]
    row[lo - 1] = lo == 1 ? std::min(i, over) : over;
    std::size_t row_min = row[lo - 1];
    for (std::size_t j = lo; j <= hi; ++j) {
      const std::size_t up = row[j];
      const std::size_t cell = std::min({up + 1, row[j - 1] + 1, diag + (Same<kFold>(a[i - 1], b[j - 1]) ? 0 : 1), over});
      diag = up;
      row[j] = cell;
      row_min = std::min(row_min, cell);
    }
    if (row_min >= over) return over;  // every way on costs more than the limit
  }
  return row[b.size()];
}

}  // namespace

std::size_t BoundedEditDistance(std::string_view a, std::string_view b, std::size_t limit) {
  return BandedDistance<false>(a, b, limit);
}

PositionIndex::PositionIndex(const PositionList& positions,
                             const google::protobuf::RepeatedPtrField<v1::Track>* tracks)
    : positions_(&positions), tracks_(tracks) {
  const std::size_t n = positions.size();
  std::size_t size = 16;
  while (size < 2 * n) size *= 2;
  mask_ = size - 1;
  // Positions go in batches: hash a batch and prefetch its slots, then insert it in order.
  constexpr std::size_t kBatch = kPrefetchBatch;
  std::uint64_t hashes[kBatch];
  id_slot_.assign(size, std::uint64_t{kNotFound});
  for (std::size_t b = 0; b < n; b += kBatch) {
    const std::size_t e = std::min(n, b + kBatch);
    PrefetchStrings(positions, b, n, &v1::Position::id);
    for (std::size_t i = b; i < e; ++i) {
      hashes[i - b] = Hash<false>(positions[i].id());
      __builtin_prefetch(&id_slot_[hashes[i - b] & mask_]);
    }
    for (std::size_t i = b; i < e; ++i) {
      const std::string& id = positions[i].id();
      const std::uint64_t h = hashes[i - b];
      const std::uint64_t tag = h & 0xffffffff00000000ull;
      for (std::uint64_t s = h & mask_;; s = (s + 1) & mask_) {
        const std::uint64_t slot = id_slot_[s];
        const auto at = static_cast<std::uint32_t>(slot);
        if (at == kNotFound) {
          id_slot_[s] = tag | i;
          break;
        }
        if ((slot & 0xffffffff00000000ull) == tag && positions[at].id() == id) {
          if (first_duplicate_ == kNotFound) first_duplicate_ = static_cast<std::uint32_t>(i);
          break;
        }
      }
    }
  }
  // Titles from the last position to the first, each pushed on the front of its title's
  // chain: the slot ends up naming the first position and the chain runs in index order.
  title_slot_.assign(size, kNotFound);
  next_title_.assign(n, kNotFound);
  for (std::size_t e = n; e > 0;) {
    const std::size_t b = e > kBatch ? e - kBatch : 0;
    PrefetchStringsBackward(positions, b, &v1::Position::title);
    for (std::size_t i = b; i < e; ++i) {
      hashes[i - b] = Hash<true>(positions[i].title());
      __builtin_prefetch(&title_slot_[hashes[i - b] & mask_]);
    }
    for (std::size_t i = e; i-- > b;) {
      const std::string& title = positions[i].title();
      for (std::uint64_t s = hashes[i - b] & mask_;; s = (s + 1) & mask_) {
        const std::uint32_t at = title_slot_[s];
        if (at == kNotFound || EqualsIgnoreCase(positions[at].title(), title)) {
          next_title_[i] = at;
          title_slot_[s] = static_cast<std::uint32_t>(i);
          break;
        }
      }
    }
    e = b;
  }
}

std::uint32_t PositionIndex::FindId(std::string_view id) const {
  if (!positions_) return kNotFound;
  const std::uint64_t h = Hash<false>(id);
  const std::uint64_t tag = h & 0xffffffff00000000ull;
  for (std::uint64_t s = h & mask_;; s = (s + 1) & mask_) {
    const std::uint64_t slot = id_slot_[s];
    const auto at = static_cast<std::uint32_t>(slot);
    if (at == kNotFound) return kNotFound;
    if ((slot & 0xffffffff00000000ull) == tag && (*positions_)[at].id() == id) return at;
  }
}

void PositionIndex::FindIds(std::span<const std::string_view> ids, std::span<std::uint32_t> out) const {
  constexpr std::size_t kChunk = 256;  // lookups in flight: their slots and ids stay in cache
  std::uint64_t hashes[kChunk];
  for (std::size_t b = 0; b < ids.size(); b += kChunk) {
    const std::size_t e = std::min(ids.size(), b + kChunk);
    if (!positions_) {
      std::fill(out.begin() + static_cast<std::ptrdiff_t>(b), out.begin() + static_cast<std::ptrdiff_t>(e), kNotFound);
      continue;
    }
    // 1. Hash every id and start loading its home slot.
    for (std::size_t i = b; i < e; ++i) {
      hashes[i - b] = Hash<false>(ids[i]);
      __builtin_prefetch(&id_slot_[hashes[i - b] & mask_]);
    }
    // 2. The first slot whose hash agrees names the likely position: start loading it.
    for (std::size_t i = b; i < e; ++i) {
      const std::uint64_t h = hashes[i - b], tag = h & 0xffffffff00000000ull;
      std::uint32_t at = kNotFound;
      for (std::uint64_t s = h & mask_;; s = (s + 1) & mask_) {
        const std::uint64_t slot = id_slot_[s];
        if (static_cast<std::uint32_t>(slot) == kNotFound) break;
        if ((slot & 0xffffffff00000000ull) == tag) {
          at = static_cast<std::uint32_t>(slot);
          break;
        }
      }
      out[i] = at;
      if (at != kNotFound) __builtin_prefetch(&(*positions_)[at]);
    }
    // 3. Then the position's id string.
    for (std::size_t i = b; i < e; ++i)
      if (out[i] != kNotFound) __builtin_prefetch(&(*positions_)[out[i]].id());
    // 4. Confirm; on a hash collision (or a miss) take the one-by-one probe.
    for (std::size_t i = b; i < e; ++i)
      if (out[i] == kNotFound || (*positions_)[out[i]].id() != ids[i]) out[i] = FindId(ids[i]);
  }
}

std::uint32_t PositionIndex::FirstWithTitle(std::string_view lower_title) const {
  if (!positions_) return kNotFound;
  for (std::uint64_t s = Hash<false>(lower_title) & mask_;; s = (s + 1) & mask_) {
    const std::uint32_t at = title_slot_[s];
    if (at == kNotFound || EqualsLower((*positions_)[at].title(), lower_title)) return at;
  }
}

std::uint32_t PositionIndex::FirstSharedTitleInOrg() const {
  // One pass over each title chain with the orgs seen so far in a set (case-insensitive, by
  // view: no copies): linear in the positions, where comparing every pair of a chain was
  // quadratic (a synthetic ladder repeats each title across thousands of orgs).
  struct CaseHash {
    std::size_t operator()(std::string_view s) const {
      std::size_t h = 1469598103934665603ull;
      for (char c : s) h = (h ^ static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(c)))) * 1099511628211ull;
      return h;
    }
  };
  struct CaseEq {
    bool operator()(std::string_view a, std::string_view b) const {
      return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
             });
    }
  };
  std::unordered_set<std::string_view, CaseHash, CaseEq> orgs;
  std::uint32_t first = kNotFound;
  for (const std::uint32_t head : title_slot_) {  // chains are in index order
    if (head == kNotFound || next_title_[head] == kNotFound || (*positions_)[head].title().empty()) continue;
    orgs.clear();
    for (std::uint32_t v = head; v != kNotFound; v = next_title_[v])
      if (!orgs.insert((*positions_)[v].org()).second) {  // the chain's first repeat is its smallest
        first = std::min(first, v);
        break;
      }
  }
  return first;
}

std::size_t PositionIndex::MemoryBytes() const {
  return id_slot_.capacity() * sizeof(std::uint64_t) +
         (title_slot_.capacity() + next_title_.capacity()) * sizeof(std::uint32_t);
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
  if (const std::uint32_t first = FirstWithTitle(q); first != kNotFound) {
    if (next_title_[first] == kNotFound) return first;
    std::vector<std::string> candidates;
    for (std::uint32_t v = first; v != kNotFound; v = next_title_[v]) candidates.push_back((*positions_)[v].id());
    std::sort(candidates.begin(), candidates.end());
    std::string msg = "position title '" + std::string(query) + "' is ambiguous: " +
                      std::to_string(candidates.size()) +
                      " positions share it; name one by id or as 'title @ org'";
    return Status::InvalidArgument(std::move(msg)).WithField(std::string(field)).WithSuggestions(candidates);
  }
  // "title @ org"
  if (auto at = q.rfind(" @ "); at != std::string::npos) {
    const std::string_view title = std::string_view(q).substr(0, at), org = std::string_view(q).substr(at + 3);
    std::vector<std::uint32_t> hits;
    for (std::uint32_t v = FirstWithTitle(title); v != kNotFound; v = next_title_[v])
      if (EqualsLower((*positions_)[v].org(), org)) hits.push_back(v);
    if (hits.size() == 1) return hits[0];
    if (hits.size() > 1) {  // never a silent pick: list them
      std::vector<std::string> ids;
      for (std::uint32_t v : hits) ids.push_back((*positions_)[v].id());
      std::sort(ids.begin(), ids.end());
      std::string msg = "position '" + std::string(query) + "' is ambiguous: " + std::to_string(ids.size()) +
                        " positions of that org share the title (";
      for (std::size_t i = 0; i < ids.size() && i < 5; ++i) msg += (i ? ", " : "") + ids[i];
      if (ids.size() > 5) msg += ", ...";
      msg += "); name one by id";
      return Status::InvalidArgument(std::move(msg)).WithField(std::string(field)).WithSuggestions(ids);
    }
  }
  // Level label + track, or an abbreviated title (tracks.h); the close ones, found in the
  // same pass, lead the suggestions on a miss.
  PositionAliasHits aliases;
  if (tracks_) {
    aliases = FindPositionAliases(q, *positions_, *tracks_);
    const std::vector<std::uint32_t>& hits = aliases.exact;
    if (hits.size() == 1) return hits[0];
    if (hits.size() > 1) {
      std::vector<std::string> candidates;
      for (std::uint32_t v : hits) candidates.push_back((*positions_)[v].title() + " (" + (*positions_)[v].id() + ")");
      std::string msg = "position '" + std::string(query) + "' is ambiguous: it could be ";
      for (std::size_t i = 0; i < candidates.size() && i < 5; ++i) msg += (i ? ", " : "") + candidates[i];
      if (candidates.size() > 5) msg += ", ...";
      msg += "; name one by id or title";
      return Status::InvalidArgument(std::move(msg)).WithField(std::string(field)).WithSuggestions(candidates);
    }
  }
  auto suggestions = SuggestAfter(query, 3, aliases.close);
  std::string msg = "unknown position '" + std::string(query) + "'";
  if (!suggestions.empty()) {
    msg += "; " + DidYouMean(suggestions);
  } else {
    msg += "; list positions with `careergraph positions --search TEXT`";
  }
  return Status::NotFound(std::move(msg)).WithField(std::string(field)).WithSuggestions(suggestions);
}

std::string DidYouMean(const std::vector<std::string>& suggestions) {
  std::string msg = "did you mean ";
  for (std::size_t i = 0; i < suggestions.size(); ++i)
    msg += (i ? (i + 1 == suggestions.size() ? " or '" : ", '") : "'") + suggestions[i] + "'";
  return msg + "?";
}

std::vector<std::string> PositionIndex::Suggest(std::string_view query, std::size_t n) const {
  if (!positions_ || positions_->empty() || n == 0) return {};
  return SuggestAfter(query, n, tracks_ ? FindPositionAliases(query, *positions_, *tracks_).close
                                        : std::vector<std::uint32_t>{});
}

std::vector<std::string> PositionIndex::SuggestAfter(std::string_view query, std::size_t n,
                                                     const std::vector<std::uint32_t>& close_aliases) const {
  if (!positions_ || positions_->empty() || n == 0) return {};
  const std::string q = ToLower(query);
  const std::size_t threshold = std::max<std::size_t>(2, q.size() / 2);
  // The closest (distance, name) pairs over titles and ids, a name containing the query (or
  // contained in it) counting as close. Only the first 2n distinct names can be shown (at
  // most n abbreviated titles come before them), so only those are kept, and a name is
  // measured only as far as the last kept one: on a large ladder most names stop after a
  // few letters (BoundedEditDistance).
  const std::size_t keep = 2 * n;
  std::vector<std::pair<std::size_t, std::string>> scored;  // sorted, distinct names
  auto consider = [&](const std::string& name) {
    const std::size_t len_gap = name.size() > q.size() ? name.size() - q.size() : q.size() - name.size();
    if (len_gap > std::max<std::size_t>(q.size(), 4)) return;  // cannot be close
    const std::size_t limit = scored.size() == keep ? std::min(threshold, scored.back().first) : threshold;
    // Containing the query (or contained in it) puts a name len_gap / 2 + 1 away; the edit
    // distance is at least len_gap. Each is worked out only when it could decide.
    const std::size_t by_containing = len_gap / 2 + 1;
    std::size_t d = len_gap > limit ? limit + 1 : BandedDistance<true>(q, name, limit);
    if (d > by_containing && by_containing <= limit &&
        (name.size() >= q.size() ? ContainsIgnoringCase(name, q) : ContainsIgnoringCase(q, name)))
      d = by_containing;
    if (d > limit) return;
    std::pair<std::size_t, std::string> entry(d, name);
    if (scored.size() == keep && !(entry < scored.back())) return;
    for (const auto& e : scored)
      if (e.second == name) return;  // the same name has the same distance
    scored.insert(std::upper_bound(scored.begin(), scored.end(), entry), std::move(entry));
    if (scored.size() > keep) scored.pop_back();
  };
  // Every name is a string of its own on the heap, so the scans are memory reads at random:
  // positions are walked in index order with their strings asked for ahead.
  const PositionList& positions = *positions_;
  const std::size_t count = positions.size();
  std::vector<std::uint32_t> firsts;  // one position per distinct title
  for (const std::uint32_t first : title_slot_)
    if (first != kNotFound) firsts.push_back(first);
  if (firsts.size() < count / 8) {  // few titles (shared across orgs): read them as they are
    for (const std::uint32_t v : firsts) consider(positions[v].title());
  } else {
    std::vector<bool> first_of_title(count);
    for (const std::uint32_t v : firsts) first_of_title[v] = true;
    for (std::size_t b = 0; b < count; b += kPrefetchBatch) {
      PrefetchStrings(positions, b, count, &v1::Position::title);
      for (std::size_t v = b; v < std::min(count, b + kPrefetchBatch); ++v)
        if (first_of_title[v]) consider(positions[v].title());
    }
  }
  if (count <= 200000)
    for (std::size_t b = 0; b < count; b += kPrefetchBatch) {
      PrefetchStrings(positions, b, count, &v1::Position::id);
      for (std::size_t v = b; v < std::min(count, b + kPrefetchBatch); ++v)
        if (!EqualsIgnoreCase(positions[v].id(), positions[v].title())) consider(positions[v].id());
    }
  std::vector<std::string> out;
  // An abbreviated title one typo away ("staf swe") first: it names the position outright,
  // where letters alone find little in common with the full title.
  for (const std::uint32_t v : close_aliases) {
    if (out.size() == n) break;
    const std::string& title = (*positions_)[v].title();
    if (std::find(out.begin(), out.end(), title) == out.end()) out.push_back(title);
  }
  for (auto& [d, name] : scored) {
    if (out.size() == n) break;
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  // Nothing close: a word of titles ("staff") suggests the titles that have it, as
  // `positions --search` lists them (a title starting with it first).
  if (out.empty() && q.size() >= 3)
    for (const std::uint32_t v : Search(q, 4 * n)) {
      if (out.size() == n) break;
      const std::string& title = (*positions_)[v].title();
      if (ToLower(title).find(q) == std::string::npos) continue;  // an org's or track's hit names no title
      if (std::find(out.begin(), out.end(), title) == out.end()) out.push_back(title);
    }
  return out;
}

std::vector<std::uint32_t> PositionIndex::Search(std::string_view text, std::size_t limit) const {
  std::vector<std::tuple<int, std::string, std::uint32_t>> hits;
  const std::string q = ToLower(text);
  if (!positions_) return {};
  // No string is made for a position that is not a hit: on a million positions the scan is
  // the whole cost of a search (and of an unknown name's last suggestions).
  std::string title;
  for (std::uint32_t i = 0; i < positions_->size(); ++i) {
    const auto& p = (*positions_)[i];
    int rank;
    if (q.empty()) {
      rank = 3;
    } else {
      title.assign(p.title());
      for (char& c : title) c = LowerAscii(c);
      if (title == q || EqualsLower(p.id(), q)) rank = 0;
      else if (title.starts_with(q)) rank = 1;
      else if (title.find(q) != std::string::npos) rank = 2;
      else if (ContainsIgnoringCase(p.id(), q) || ContainsIgnoringCase(p.org(), q) || ContainsIgnoringCase(p.track(), q)) rank = 3;
      else continue;
    }
    hits.emplace_back(rank, q.empty() ? std::string() : title, i);
  }
  // (rank, title, index) orders every hit (indexes differ), so sorting only the first
  // `limit` gives the same answer as sorting them all: on a million positions `positions
  // -n 10` sorts ten, not a million.
  const std::size_t keep = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(keep), hits.end());
  std::vector<std::uint32_t> out;
  out.reserve(keep);
  for (std::size_t i = 0; i < keep; ++i) out.push_back(std::get<2>(hits[i]));
  return out;
}

}  // namespace careergraph
