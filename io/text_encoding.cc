#include "io/text_encoding.h"

#include <cstdint>

namespace careergraph::io {
namespace {

// The length of the UTF-8 sequence starting at s[i], or 0 when it is not a valid one
// (overlong forms, surrogates and code points past U+10FFFF are invalid, as in RFC 3629).
std::size_t SequenceLength(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
  const std::uint8_t c = b(i);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  std::uint8_t lo = 0x80, hi = 0xBF;  // bounds of the second byte
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c == 0xE0) len = 3, lo = 0xA0;
  else if (c == 0xED) len = 3, hi = 0x9F;
  else if (c >= 0xE1 && c <= 0xEF) len = 3;
  else if (c == 0xF0) len = 4, lo = 0x90;
  else if (c >= 0xF1 && c <= 0xF3) len = 4;
  else if (c == 0xF4) len = 4, hi = 0x8F;
  else return 0;
  if (i + len > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  return len;
}

std::string Hex(std::uint8_t c) {
  static const char* kDigits = "0123456789ABCDEF";
  return std::string("0x") + kDigits[c >> 4] + kDigits[c & 15];
}

}  // namespace

std::string_view StripUtf8Bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

std::optional<EncodingError> CheckUtf8Text(std::string_view text) {
  const char* fix = "; save the file as UTF-8";
  if (text.substr(0, 4) == std::string_view("\xFF\xFE\0\0", 4) || text.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4))
    return EncodingError{1, 1, std::string("the file is UTF-32, not UTF-8") + fix};
  if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF")
    return EncodingError{1, 1, std::string("the file is UTF-16, not UTF-8") + fix};
  unsigned line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      column = 1;
      ++i;
      continue;
    }
    if (c == '\0')
      return EncodingError{line, column,
                           "a NUL byte (column " + std::to_string(column) + "); this is not a text file" + fix};
    const std::size_t len = SequenceLength(text, i);
    if (len == 0)
      return EncodingError{line, column,
                           "byte " + Hex(static_cast<std::uint8_t>(c)) + " is not UTF-8 (column " +
                               std::to_string(column) + "); the file looks like Latin-1 or Windows-1252" + fix};
    i += len;
    ++column;
  }
  return std::nullopt;
}

}  // namespace careergraph::io
