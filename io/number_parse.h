// Numbers as people write them in ladder files: optional surrounding blanks and a leading
// '+', then a whole decimal number ("1.5", "2e5", "inf" and "nan" parse too and are then
// rejected by the range checks, which say why). Nothing else may follow.
#pragma once

#include <charconv>
#include <cmath>
#include <string_view>

namespace careergraph::io {

inline std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

inline bool ParseDouble(std::string_view s, double* out) {
  s = TrimBlanks(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// A probability as a fraction ("0.85") or a percent ("85%", read as 0.85).
inline bool ParseProbability(std::string_view s, double* out) {
  s = TrimBlanks(s);
  if (!s.empty() && s.back() == '%') {
    if (!ParseDouble(s.substr(0, s.size() - 1), out)) return false;
    *out /= 100;
    return true;
  }
  return ParseDouble(s, out);
}

// "unknown" (any case): a value the ladder declares it does not know.
inline bool IsUnknownWord(std::string_view s) {
  s = TrimBlanks(s);
  constexpr std::string_view kWord = "unknown";
  if (s.size() != kWord.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((s[i] | 0x20) != kWord[i]) return false;
  return true;
}

// An integer, also written as a whole double ("3.0").
inline bool ParseInt(std::string_view s, int* out) {
  double d;
  if (!ParseDouble(s, &d) || !(d == std::floor(d)) || d < -2147483648.0 || d > 2147483647.0) return false;
  *out = static_cast<int>(d);
  return true;
}

}  // namespace careergraph::io
