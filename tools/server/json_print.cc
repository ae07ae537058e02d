#include "tools/server/json_print.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

#include <google/protobuf/descriptor.h>

namespace careergraph::server {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr char kHex[] = "0123456789abcdef";

template <typename T>
void AppendInt(T v, bool quoted, std::string* out) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  if (quoted) out->push_back('"');
  out->append(buf, r.ptr);
  if (quoted) out->push_back('"');
}

bool AppendString(std::string_view s, std::string* out) {
  out->push_back('"');
  std::size_t run = 0;  // start of the pending run of characters copied as they are
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '<' && c != '>') continue;
    if (c >= 0x80) return false;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': *out += "\\\""; continue;
      case '\\': *out += "\\\\"; continue;
      case '\b': *out += "\\b"; continue;
      case '\f': *out += "\\f"; continue;
      case '\n': *out += "\\n"; continue;
      case '\r': *out += "\\r"; continue;
      case '\t': *out += "\\t"; continue;
      default: break;
    }
    *out += "\\u00";
    out->push_back(kHex[c >> 4]);
    out->push_back(kHex[c & 0xf]);
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
  return true;
}

// printf("%.*g", precision, v) for a finite v whose shortest round-trip form has at most
// `precision` significant digits; false otherwise. Such a v rounded to `precision` digits
// is exactly that shortest form (a decimal of so few digits lies closer to v than half a
// unit in its last place, because 10^15 < 2^53 and 10^6 < 2^24), so only printf's layout
// is left to reproduce, and the shortest form comes from std::to_chars far cheaper than
// printf's.
template <typename T>
bool AppendShortG(T v, int precision, std::string* out) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  const char* p = buf;
  const bool negative = *p == '-';
  if (negative) ++p;
  char digits[24];
  int k = 0;
  for (; p < r.ptr && *p != 'e'; ++p) {
    if (*p == '.') continue;
    if (k == precision) return false;
    digits[k++] = *p;
  }
  if (p == r.ptr) return false;
  ++p;  // 'e'
  if (p < r.ptr && *p == '+') ++p;
  int exp = 0;
  if (std::from_chars(p, r.ptr, exp).ec != std::errc()) return false;
  while (k > 1 && digits[k - 1] == '0') --k;
  if (negative) out->push_back('-');
  if (exp < -4 || exp >= precision) {
    out->push_back(digits[0]);
    if (k > 1) {
      out->push_back('.');
      out->append(digits + 1, static_cast<std::size_t>(k - 1));
    }
    out->push_back('e');
    out->push_back(exp < 0 ? '-' : '+');
    const int a = exp < 0 ? -exp : exp;
    if (a < 10) out->push_back('0');
    AppendInt(a, false, out);
  } else if (exp >= 0) {
    const int whole = exp + 1;
    if (k <= whole) {
      out->append(digits, static_cast<std::size_t>(k));
      out->append(static_cast<std::size_t>(whole - k), '0');
    } else {
      out->append(digits, static_cast<std::size_t>(whole));
      out->push_back('.');
      out->append(digits + whole, static_cast<std::size_t>(k - whole));
    }
  } else {
    *out += "0.";
    out->append(static_cast<std::size_t>(-exp - 1), '0');
    out->append(digits, static_cast<std::size_t>(k));
  }
  return true;
}

// protobuf's SimpleDtoa / SimpleFtoa: printf's %.15g (%.6g for a float) when that reads
// back exactly, else %.17g (%.9g). For a normal number the shortest form decides: when it
// has more digits than the short precision, no short form reads back.
template <typename T>
void AppendFloat(T v, int short_digits, int long_digits, std::string* out) {
  if (std::isnan(v)) {
    *out += "\"NaN\"";
    return;
  }
  if (std::isinf(v)) {
    *out += v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    return;
  }
  // Subnormals carry fewer significant bits, so a short decimal need not be their rounding.
  if (std::fpclassify(v) != FP_SUBNORMAL && AppendShortG(v, short_digits, out)) return;
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, short_digits);
  T back{};
  if (std::fpclassify(v) != FP_SUBNORMAL || std::from_chars(buf, r.ptr, back).ec != std::errc() || back != v)
    r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, long_digits);
  out->append(buf, r.ptr);
}

bool Printable(const Descriptor* d) { return d->file()->package() != "google.protobuf"; }

bool AppendMessage(const Message& m, std::size_t depth, std::string* out);

// One value of `f` (element `i` when repeated).
bool AppendValue(const Message& m, const Reflection* r, const FieldDescriptor* f, int i, std::size_t depth,
                 std::string* out) {
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      AppendInt(rep ? r->GetRepeatedInt32(m, f, i) : r->GetInt32(m, f), false, out);
      return true;
    case FieldDescriptor::CPPTYPE_UINT32:
      AppendInt(rep ? r->GetRepeatedUInt32(m, f, i) : r->GetUInt32(m, f), false, out);
      return true;
    case FieldDescriptor::CPPTYPE_INT64:
      AppendInt(rep ? r->GetRepeatedInt64(m, f, i) : r->GetInt64(m, f), true, out);
      return true;
    case FieldDescriptor::CPPTYPE_UINT64:
      AppendInt(rep ? r->GetRepeatedUInt64(m, f, i) : r->GetUInt64(m, f), true, out);
      return true;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      AppendFloat(rep ? r->GetRepeatedDouble(m, f, i) : r->GetDouble(m, f), 15, 17, out);
      return true;
    case FieldDescriptor::CPPTYPE_FLOAT:
      AppendFloat(rep ? r->GetRepeatedFloat(m, f, i) : r->GetFloat(m, f), 6, 9, out);
      return true;
    case FieldDescriptor::CPPTYPE_BOOL:
      *out += (rep ? r->GetRepeatedBool(m, f, i) : r->GetBool(m, f)) ? "true" : "false";
      return true;
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int v = rep ? r->GetRepeatedEnumValue(m, f, i) : r->GetEnumValue(m, f);
      if (const auto* ev = f->enum_type()->FindValueByNumber(v)) return AppendString(ev->name(), out);
      AppendInt(v, false, out);
      return true;
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      if (f->type() == FieldDescriptor::TYPE_BYTES) return false;
      std::string scratch;
      const std::string& s = rep ? r->GetRepeatedStringReference(m, f, i, &scratch) : r->GetStringReference(m, f, &scratch);
      return AppendString(s, out);
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const Message& sub = rep ? r->GetRepeatedMessage(m, f, i) : r->GetMessage(m, f);
      return Printable(sub.GetDescriptor()) && AppendMessage(sub, depth + 1, out);
    }
  }
  return false;
}

bool AppendMessage(const Message& m, std::size_t depth, std::string* out) {
  // One field list per nesting depth, kept by the thread, so printing allocates none.
  thread_local std::vector<std::vector<const FieldDescriptor*>> lists;
  if (lists.size() <= depth) lists.resize(depth + 1);
  const Reflection* r = m.GetReflection();
  lists[depth].clear();
  r->ListFields(m, &lists[depth]);  // present fields, in field-number order
  out->push_back('{');
  bool first = true;
  for (std::size_t j = 0; j < lists[depth].size(); ++j) {
    const FieldDescriptor* f = lists[depth][j];
    if (f->is_map() || f->is_extension()) return false;
    if (!first) out->push_back(',');
    first = false;
    out->push_back('"');
    *out += f->json_name();
    *out += "\":";
    if (f->is_repeated()) {
      out->push_back('[');
      const int n = r->FieldSize(m, f);
      for (int i = 0; i < n; ++i) {
        if (i) out->push_back(',');
        if (!AppendValue(m, r, f, i, depth, out)) return false;
      }
      out->push_back(']');
    } else if (!AppendValue(m, r, f, 0, depth, out)) {
      return false;
    }
  }
  out->push_back('}');
  return true;
}

}  // namespace

bool PrintJsonFast(const Message& msg, std::string* out) {
  if (!Printable(msg.GetDescriptor())) return false;
  out->reserve(out->size() + 2048);
  return AppendMessage(msg, 0, out);
}

}  // namespace careergraph::server
