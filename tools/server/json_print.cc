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

// printf's layout of %.15g for the decimal digits[0..k) x 10^exp (digits[0] != 0, no
// trailing zeros, k <= 15; exp is the exponent of digits[0]).
void AppendG15(bool negative, const char* digits, int k, int exp, std::string* out) {
  constexpr int precision = 15;
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
}

// The common case in answers (pay 155000, years 2.5, ambiguity 0.38) without any
// floating-point formatting: when v x 10^s is an integer n below 10^15 for a small s and
// n / 10^s reads back as v (a correctly rounded division of exact operands), the decimal
// n x 10^-s has at most 15 digits and reads back as v, so it is what %.15g prints.
bool AppendDecimal(double v, std::string* out) {
  static constexpr double kPow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
  const double a = std::fabs(v);
  if (!(a >= 1e-4 && a < 1e15)) return false;
  for (int s = 0; s < 9; ++s) {
    const double x = a * kPow10[s];
    if (x >= 1e15) return false;
    if (x != std::floor(x) || x / kPow10[s] != a) continue;
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<std::uint64_t>(x));
    int n = static_cast<int>(r.ptr - buf);
    const int exp = n - 1 - s;
    while (n > 1 && buf[n - 1] == '0') --n;
    AppendG15(v < 0, buf, n, exp, out);
    return true;
  }
  return false;
}

// printf("%.15g", v) for a finite, normal v whose shortest round-trip form has at most 15
// significant digits; false otherwise. Such a v rounded to 15 digits is exactly that
// shortest form (a decimal of so few digits lies closer to v than half a unit in its last
// place, because 10^15 < 2^53), so only printf's layout is left to reproduce, and the
// shortest form comes from std::to_chars far cheaper than from printf.
bool AppendShortG(double v, std::string* out) {
  constexpr int precision = 15;
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
  AppendG15(negative, digits, k, exp, out);
  return true;
}

// protobuf's SimpleDtoa: printf's %.15g when that reads back exactly, else %.17g. For a
// normal number the shortest form decides: when it has more than 15 digits, no 15-digit
// form reads back.
void AppendDouble(double v, std::string* out) {
  constexpr int short_digits = 15, long_digits = 17;
  if (std::isnan(v)) {
    *out += "\"NaN\"";
    return;
  }
  if (std::isinf(v)) {
    *out += v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    return;
  }
  if (v == 0) {
    *out += std::signbit(v) ? "-0" : "0";
    return;
  }
  if (AppendDecimal(v, out)) return;
  // Subnormals carry fewer significant bits, so a short decimal need not be their rounding.
  if (std::fpclassify(v) != FP_SUBNORMAL && AppendShortG(v, out)) return;
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, short_digits);
  double back = 0;
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
      AppendDouble(rep ? r->GetRepeatedDouble(m, f, i) : r->GetDouble(m, f), out);
      return true;
    case FieldDescriptor::CPPTYPE_FLOAT:
      return false;  // no message of this API has one
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
