// One pass over a table's bytes before it is parsed: is it plain text, and how many lines
// does it have.
//
// Design choices:
//  - A table that is ASCII needs no UTF-8 check (which counts lines and columns for its
//    message) and a table without quotes or carriage returns has one record per line,
//    split at the delimiter with no tokenizer; one pass tells both, sixteen bytes at a time
//    where SSE2 is there (every x86-64), eight at a time in a plain integer otherwise.
//  - The line count lets a table cut into chunks give each chunk its rows ahead, so chunks
//    read on different threads write in place (io/csv_snapshot.cc).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace careergraph::io {

struct TextScan {
  bool ascii = true;      // no byte >= 0x80 and no NUL: UTF-8 text, as CheckUtf8Text would find
  bool plain = true;      // no '"' and no CR: every record is one line, split at the delimiter
  std::size_t lines = 0;  // line ends, and one more for a last line without one
};

TextScan ScanText(std::string_view text);

// The findings of two texts, the first ending at a line end, as of the one after the other.
inline TextScan operator+(const TextScan& a, const TextScan& b) {
  return {a.ascii && b.ascii, a.plain && b.plain, a.lines + b.lines};
}

// ---- Bytes, eight at a time, in one integer ----

inline constexpr std::uint64_t kOnes = 0x0101010101010101ull;
inline constexpr std::uint64_t kHigh = 0x8080808080808080ull;

// The high bit of each byte of `x` that is zero, and of no other byte (exact: no borrow
// runs from one byte into the next, unlike the shorter (x - ones) & ~x form).
inline std::uint64_t ZeroBytes(std::uint64_t x) {
  const std::uint64_t low7 = ~kHigh;
  return ~(((x & low7) + low7) | x | low7);
}
inline std::uint64_t BytesEqual(std::uint64_t x, char c) { return ZeroBytes(x ^ (kOnes * static_cast<unsigned char>(c))); }

inline std::uint64_t Load8(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

}  // namespace careergraph::io
