#include "render/csv.h"

#include <charconv>
#include <map>

#include <google/protobuf/descriptor.h>

namespace careergraph::render {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// The main list of each response type (see csv.h). A type not listed has no CSV form.
const std::map<std::string, std::vector<std::string>>& RowPaths() {
  static const auto* paths = new std::map<std::string, std::vector<std::string>>{
      {"careergraph.v1.RouteResponse", {"routes.steps"}},
      {"careergraph.v1.TradeoffsResponse", {"routes.route.steps"}},
      {"careergraph.v1.PlanResponse", {"earnings.steps", "pay.route.steps", "expected.policy"}},
      {"careergraph.v1.ReachResponse", {"positions"}},
      {"careergraph.v1.NextResponse", {"moves"}},
      {"careergraph.v1.CompareResponse", {"options.series"}},
      {"careergraph.v1.MatrixResponse", {"rows.cells"}},
      {"careergraph.v1.PositionsResponse", {"positions"}},
      {"careergraph.v1.GraphInfo", {"sources"}},
      {"careergraph.v1.Graph", {"positions"}},  // `careergraph positions --format csv`
      {"careergraph.v1.ValidationReport", {"findings"}},
  };
  return *paths;
}

// The fields along `path`, or empty when it does not name a list of messages.
std::vector<const FieldDescriptor*> Resolve(const Descriptor* type, const std::string& path) {
  std::vector<const FieldDescriptor*> out;
  const Descriptor* d = type;
  for (std::size_t start = 0; d && start <= path.size();) {
    const std::size_t dot = std::min(path.find('.', start), path.size());
    const FieldDescriptor* f = d->FindFieldByName(path.substr(start, dot - start));
    if (!f || f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) return {};
    out.push_back(f);
    d = f->message_type();
    start = dot + 1;
  }
  if (out.empty() || !out.back()->is_repeated()) return {};
  return out;
}

bool IsScalar(const FieldDescriptor* f) { return f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE; }

std::string Number(double v) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string One(const Message& m, const Reflection* r, const FieldDescriptor* f, int i) {
  const bool rep = i >= 0;
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: return std::to_string(rep ? r->GetRepeatedInt32(m, f, i) : r->GetInt32(m, f));
    case FieldDescriptor::CPPTYPE_UINT32: return std::to_string(rep ? r->GetRepeatedUInt32(m, f, i) : r->GetUInt32(m, f));
    case FieldDescriptor::CPPTYPE_INT64: return std::to_string(rep ? r->GetRepeatedInt64(m, f, i) : r->GetInt64(m, f));
    case FieldDescriptor::CPPTYPE_UINT64: return std::to_string(rep ? r->GetRepeatedUInt64(m, f, i) : r->GetUInt64(m, f));
    case FieldDescriptor::CPPTYPE_DOUBLE: return Number(rep ? r->GetRepeatedDouble(m, f, i) : r->GetDouble(m, f));
    case FieldDescriptor::CPPTYPE_FLOAT: return Number(rep ? r->GetRepeatedFloat(m, f, i) : r->GetFloat(m, f));
    case FieldDescriptor::CPPTYPE_BOOL: return (rep ? r->GetRepeatedBool(m, f, i) : r->GetBool(m, f)) ? "true" : "false";
    case FieldDescriptor::CPPTYPE_ENUM: return (rep ? r->GetRepeatedEnum(m, f, i) : r->GetEnum(m, f))->name();
    case FieldDescriptor::CPPTYPE_STRING: return rep ? r->GetRepeatedString(m, f, i) : r->GetString(m, f);
    case FieldDescriptor::CPPTYPE_MESSAGE: return "";
  }
  return "";
}

std::string Value(const Message& m, const FieldDescriptor* f) {
  const Reflection* r = m.GetReflection();
  if (f->is_repeated()) {
    std::string out;
    for (int i = 0; i < r->FieldSize(m, f); ++i) out += (i ? "; " : "") + One(m, r, f, i);
    return out;
  }
  if (f->has_presence() && !r->HasField(m, f)) return "";  // missing, not zero
  return One(m, r, f, -1);
}

// An element's columns: its scalars, then the scalars of its singular sub-messages other than
// `skip` (the next field on the row path).
void Columns(const Descriptor* d, const std::string& prefix, const FieldDescriptor* skip, std::vector<std::string>* out) {
  for (int i = 0; i < d->field_count(); ++i)
    if (IsScalar(d->field(i))) out->push_back(prefix + d->field(i)->name());
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (IsScalar(f) || f->is_repeated() || f == skip) continue;
    for (int j = 0; j < f->message_type()->field_count(); ++j)
      if (IsScalar(f->message_type()->field(j))) out->push_back(prefix + f->name() + "." + f->message_type()->field(j)->name());
  }
}

void Values(const Message& m, const FieldDescriptor* skip, std::vector<std::string>* out) {
  const Descriptor* d = m.GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i)
    if (IsScalar(d->field(i))) out->push_back(Value(m, d->field(i)));
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (IsScalar(f) || f->is_repeated() || f == skip) continue;
    const Message& sub = m.GetReflection()->GetMessage(m, f);
    for (int j = 0; j < f->message_type()->field_count(); ++j)
      if (IsScalar(f->message_type()->field(j))) out->push_back(Value(sub, f->message_type()->field(j)));
  }
}

void Rows(const Message& m, const std::vector<const FieldDescriptor*>& path, std::size_t at,
          const std::vector<std::string>& above, std::string* out) {
  const FieldDescriptor* f = path[at];
  const Reflection* r = m.GetReflection();
  const bool last = at + 1 == path.size();
  const FieldDescriptor* next = last ? nullptr : path[at + 1];
  auto element = [&](const Message& e, std::vector<std::string> row) {
    Values(e, next, &row);
    if (!last) return Rows(e, path, at + 1, row, out);
    for (std::size_t i = 0; i < row.size(); ++i) *out += (i ? "," : "") + CsvCell(row[i]);
    *out += "\r\n";
  };
  if (f->is_repeated()) {
    for (int i = 0; i < r->FieldSize(m, f); ++i) {
      std::vector<std::string> row = above;
      if (!last) row.push_back(std::to_string(i + 1));
      element(r->GetRepeatedMessage(m, f, i), std::move(row));
    }
  } else if (r->HasField(m, f)) {
    element(r->GetMessage(m, f), above);
  }
}

bool Present(const Message& m, const FieldDescriptor* f) {
  const Reflection* r = m.GetReflection();
  return f->is_repeated() ? r->FieldSize(m, f) > 0 : r->HasField(m, f);
}

}  // namespace

std::vector<std::string> CsvRowPaths(const Descriptor* type) {
  auto it = RowPaths().find(type->full_name());
  return it == RowPaths().end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> CsvHeader(const Descriptor* type, const std::string& path) {
  const auto fields = Resolve(type, path);
  std::vector<std::string> out;
  std::string prefix;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const bool last = i + 1 == fields.size();
    if (last) {
      Columns(fields[i]->message_type(), "", nullptr, &out);
    } else {
      prefix += fields[i]->name();
      if (fields[i]->is_repeated()) out.push_back(prefix + "_index");
      prefix += ".";
      Columns(fields[i]->message_type(), prefix, fields[i + 1], &out);
    }
  }
  return out;
}

std::string ToCsv(const Message& msg) {
  const auto paths = CsvRowPaths(msg.GetDescriptor());
  if (paths.empty()) return "";
  std::string path = paths.front();
  for (const auto& p : paths) {
    const auto fields = Resolve(msg.GetDescriptor(), p);
    if (!fields.empty() && Present(msg, fields.front())) {
      path = p;
      break;
    }
  }
  std::string out;
  const auto header = CsvHeader(msg.GetDescriptor(), path);
  for (std::size_t i = 0; i < header.size(); ++i) out += (i ? "," : "") + CsvCell(header[i]);
  out += "\r\n";
  const auto fields = Resolve(msg.GetDescriptor(), path);
  if (!fields.empty()) Rows(msg, fields, 0, {}, &out);
  return out;
}

std::string CsvCell(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace careergraph::render
