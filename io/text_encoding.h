// The one rule for text inputs: every ladder file and import table is UTF-8.
//
// A file that is not is refused before any parsing with the position of the first bad byte
// (line, and column counted in characters), so a snapshot never carries a string protobuf
// cannot read back. UTF-16 and UTF-32 files (recognised by their byte-order mark) are
// refused by name with the fix. A UTF-8 byte-order mark is accepted and skipped by every
// text reader (CSV/TSV, YAML, JSON, textproto, O*NET tables).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace careergraph::io {

struct EncodingError {
  unsigned line = 0;    // 1-based
  unsigned column = 0;  // 1-based, in characters
  std::string message;  // "... (column N); <fix>"
};

// The first reason `text` is not UTF-8 text, or nothing.
std::optional<EncodingError> CheckUtf8Text(std::string_view text);

// `text` without a leading UTF-8 byte-order mark.
std::string_view StripUtf8Bom(std::string_view text);

}  // namespace careergraph::io
