// Numbers as people write them in ladder files: optional surrounding blanks and a leading
// '+', then a whole decimal number ("1.5", "2e5", "inf" and "nan" parse too and are then
// rejected by the range checks, which say why). Nothing else may follow.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace careergraph::io {

inline std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

// The common case of ParseDouble without from_chars: an optional '-', digits, and an
// optional '.' with digits after it, at most 15 digits in all (ladders write "2.125",
// "0.8992", "55800"). Then the digits as an integer and the power of ten are both exact
// doubles, and one correctly rounded division gives the correctly rounded value of the
// decimal (Clinger, "How to read floating point numbers accurately", PLDI 1990): the very
// double from_chars returns. Anything else (exponents, "inf", more digits) returns false
// and is left to from_chars.
inline bool ParsePlainDecimal(std::string_view s, double* out) {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  std::size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  i += negative;
  std::uint64_t digits = 0;
  int count = 0, fraction = -1;  // fraction: digits after the '.', -1 before one
  for (; i < s.size(); ++i) {
    const unsigned d = static_cast<unsigned char>(s[i]) - '0';
    if (d <= 9) {
      digits = digits * 10 + d;
      ++count;
      if (fraction >= 0) ++fraction;
    } else if (s[i] == '.' && fraction < 0 && count > 0) {
      fraction = 0;
    } else {
      return false;
    }
  }
  if (count == 0 || count > 15 || fraction == 0) return false;
  double v = static_cast<double>(digits);
  if (fraction > 0) v /= kPow10[fraction];
  *out = negative ? -v : v;
  return true;
}

inline bool ParseDouble(std::string_view s, double* out) {
  s = TrimBlanks(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  if (ParsePlainDecimal(s, out)) return true;
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
