#include "io/finding.h"

#include <charconv>
#include <cmath>

namespace careergraph::io {

v1::Finding MakeFinding(v1::Severity severity, std::string code, std::string message, std::string file,
                        unsigned line, std::string field, std::string position) {
  v1::Finding f;
  f.set_severity(severity);
  f.set_code(std::move(code));
  f.set_message(std::move(message));
  f.set_file(std::move(file));
  f.set_line(line);
  f.set_field(std::move(field));
  f.set_position(std::move(position));
  return f;
}

std::string FormatFinding(const v1::Finding& f) {
  std::string out;
  if (!f.file().empty()) {
    out += f.file();
    if (f.line()) out += ":" + std::to_string(f.line());
    out += ": ";
  }
  out += f.severity() == v1::ERROR ? "error: " : "warning: ";
  if (!f.field().empty()) out += f.field() + ": ";
  out += f.message();
  out += " [" + f.code() + "]";
  return out;
}

Status FindingToStatus(const v1::Finding& f) {
  Status st(f.code() == "io-error" ? v1::IO_ERROR : v1::INVALID_DATA, f.message() + " [" + f.code() + "]");
  st.WithField(f.field());
  st.WithLocation(f.file(), f.line());
  return st;
}

std::string FormatNumber(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip form
  return std::string(buf, r.ptr);
}

}  // namespace careergraph::io
