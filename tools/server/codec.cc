#include "tools/server/codec.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/unknown_field_set.h>
#include <google/protobuf/util/json_util.h>

#include "engine/position_index.h"
#include "engine/request_fields.h"
#include "io/text_encoding.h"
#include "tools/server/json_parse.h"
#include "tools/server/json_print.h"

namespace careergraph::server {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// "Application/JSON; charset=utf-8" -> "application/json".
std::string MediaType(std::string_view v) {
  if (auto semi = v.find(';'); semi != std::string_view::npos) v = v.substr(0, semi);
  return ToLower(Trim(v));
}

bool IsProtobufType(std::string_view t) {
  return t == kProtobufType || t == "application/protobuf" || t == "application/vnd.google.protobuf" ||
         t == "application/x-google-protobuf";
}

// A field by its proto name or its JSON name.
const FieldDescriptor* FieldByAnyName(const Descriptor* d, std::string_view name) {
  if (const FieldDescriptor* f = d->FindFieldByName(std::string(name))) return f;
  for (int i = 0; i < d->field_count(); ++i)
    if (d->field(i)->json_name() == name) return d->field(i);
  return nullptr;
}

// Field names of `d`, both spellings, for suggestions and listings.
std::vector<std::string> FieldNames(const Descriptor* d, bool json) {
  std::vector<std::string> out;
  for (int i = 0; i < d->field_count(); ++i) out.push_back(json ? d->field(i)->json_name() : d->field(i)->name());
  return out;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Known names within edit distance of `name`, closest first.
std::vector<std::string> Closest(const Descriptor* d, const std::string& name) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  const std::string lower = ToLower(name);
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    const std::size_t dist = std::min(EditDistance(lower, ToLower(f->name())), EditDistance(lower, ToLower(f->json_name())));
    if (dist <= std::max<std::size_t>(2, name.size() / 3)) scored.emplace_back(dist, f->json_name());
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < 3; ++i) out.push_back(scored[i].second);
  return out;
}

// The message type at a dotted field path ("constraints" -> Constraints), or null.
const Descriptor* DescriptorAt(const Descriptor* d, std::string_view path) {
  while (d && !path.empty()) {
    const auto dot = path.find('.');
    std::string part(path.substr(0, dot));
    if (auto br = part.find('['); br != std::string::npos) part.resize(br);
    const FieldDescriptor* f = FieldByAnyName(d, part);
    d = f ? f->message_type() : nullptr;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return d;
}

// Turns protobuf's JSON parser messages into errors that name the field:
//   "frob: Cannot find field."                           unknown top-level field
//   "(constraints) bogus: Cannot find field."            unknown nested field
//   "(constraints.max_moves): invalid value "x" for ..."  a value of the wrong type
Status JsonError(const Descriptor* type, const std::string& raw) {
  std::string path;
  std::string_view rest = raw;
  if (!rest.empty() && rest.front() == '(') {
    const auto close = rest.find(')');
    if (close != std::string_view::npos) {
      path = std::string(rest.substr(1, close - 1));
      rest = rest.substr(close + 1);
    }
  }
  rest = Trim(rest);
  constexpr std::string_view kUnknown = ": Cannot find field.";
  if (rest.size() > kUnknown.size() && rest.substr(rest.size() - kUnknown.size()) == kUnknown) {
    const std::string name(rest.substr(0, rest.size() - kUnknown.size()));
    const std::string full = path.empty() ? name : path + "." + name;
    const Descriptor* at = DescriptorAt(type, path);
    std::string msg = "unknown field '" + full + "' in " + type->full_name();
    std::vector<std::string> close = at ? Closest(at, name) : std::vector<std::string>{};
    if (!close.empty()) msg += "; did you mean '" + close.front() + "'?";
    else if (at) msg += " (" + at->full_name() + " has: " + Join(FieldNames(at, true)) + ")";
    return Status::InvalidArgument(msg).WithField(full).WithSuggestions(std::move(close));
  }
  if (!path.empty() && !rest.empty() && rest.front() == ':') {
    rest.remove_prefix(1);
    return Status::InvalidArgument("field '" + path + "': " + std::string(Trim(rest)) +
                                   " (see the field's type in " + type->full_name() + ")")
        .WithField(path);
  }
  return Status::InvalidArgument("the request body is not valid JSON for " + type->full_name() + ": " + raw);
}

// Unknown fields kept by the binary parser, as "path.#number".
void FindUnknown(const Message& m, const std::string& prefix, std::vector<std::string>* out) {
  const Reflection* r = m.GetReflection();
  const auto& unknown = r->GetUnknownFields(m);
  for (int i = 0; i < unknown.field_count(); ++i) out->push_back(prefix + "#" + std::to_string(unknown.field(i).number()));
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(m, &fields);
  for (const FieldDescriptor* f : fields) {
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (f->is_repeated()) {
      for (int i = 0; i < r->FieldSize(m, f); ++i)
        FindUnknown(r->GetRepeatedMessage(m, f, i), prefix + f->name() + "[" + std::to_string(i) + "].", out);
    } else {
      FindUnknown(r->GetMessage(m, f), prefix + f->name() + ".", out);
    }
  }
}

// A query parameter is read as the CLI reads a flag (engine/request_fields.h).
Status SetScalar(Message* msg, const FieldDescriptor* f, const std::string& value) {
  if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE)
    return Status::InvalidArgument("field '" + f->name() + "' is a message and cannot be given as a query parameter; "
                                   "POST the request as JSON instead")
        .WithField(f->name());
  return SetFieldText(msg, f->name(), value);
}

}  // namespace

StatusOr<WireFormat> BodyFormat(std::string_view content_type) {
  const std::string t = MediaType(content_type);
  if (t.empty() || t == kJsonType) return WireFormat::kJson;
  if (IsProtobufType(t)) return WireFormat::kProtobuf;
  return Status::InvalidArgument("Content-Type '" + std::string(Trim(content_type)) +
                                 "' is not supported; send application/json (curl: -H 'Content-Type: "
                                 "application/json') or application/x-protobuf")
      .WithField("Content-Type");
}

WireFormat ResponseFormat(std::string_view accept) {
  while (!accept.empty()) {
    const auto comma = accept.find(',');
    std::string_view range = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    // A media range with q=0 is one the client refuses.
    bool refused = false;
    for (std::string_view params = range; !params.empty();) {
      const auto semi = params.find(';');
      if (semi == std::string_view::npos) break;
      params = params.substr(semi + 1);
      std::string p = ToLower(Trim(params.substr(0, params.find(';'))));
      p.erase(std::remove(p.begin(), p.end(), ' '), p.end());
      if (p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000") refused = true;
    }
    if (refused) continue;
    const std::string t = MediaType(range);
    if (IsProtobufType(t)) return WireFormat::kProtobuf;
    if (t == kJsonType || t == "*/*" || t == "application/*") return WireFormat::kJson;
  }
  return WireFormat::kJson;
}

std::string_view ContentType(WireFormat f) { return f == WireFormat::kJson ? kJsonType : kProtobufType; }

Status ParseBody(std::string_view body, WireFormat format, Message* msg) {
  msg->Clear();
  const Descriptor* type = msg->GetDescriptor();
  if (format == WireFormat::kProtobuf) {
    if (!msg->ParseFromArray(body.data(), static_cast<int>(body.size())))
      return Status::InvalidArgument("the request body is not a valid binary " + type->full_name() +
                                     " (Content-Type says application/x-protobuf)");
    std::vector<std::string> unknown;
    FindUnknown(*msg, "", &unknown);
    if (!unknown.empty())
      return Status::InvalidArgument("unknown field number(s) " + Join(unknown) + " in binary " + type->full_name() +
                                     "; this server does not know them, so it would ignore them")
          .WithField(unknown.front());
    return Status::Ok();
  }
  if (Trim(body).empty())
    return Status::InvalidArgument("the request body is empty; send a " + type->full_name() +
                                   " as a JSON object ({} asks with every field at its default)");
  // JSON is UTF-8 (RFC 8259); protobuf's parser would keep other bytes in string fields, and
  // a binary answer carrying them could not be parsed by the client.
  if (auto bad = io::CheckUtf8Text(body))
    return Status::InvalidArgument("the request body is not UTF-8 at line " + std::to_string(bad->line) + ": " +
                                   bad->message);
  Status enum_error;
  if (ParseJsonFast(body, msg, &enum_error)) return Status::Ok();
  if (!enum_error.ok()) return enum_error;
  msg->Clear();
  google::protobuf::util::JsonParseOptions opts;
  opts.ignore_unknown_fields = false;
  const auto st = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(body.data(), body.size()), msg, opts);
  if (!st.ok()) return JsonError(type, std::string(st.message()));
  return Status::Ok();
}

Status ParseQuery(const std::vector<std::pair<std::string, std::string>>& params, Message* msg) {
  const Descriptor* type = msg->GetDescriptor();
  const Reflection* r = msg->GetReflection();
  for (const auto& [key, value] : params) {
    // Checked before anything echoes the key: an error message must be UTF-8 too.
    if (io::CheckUtf8Text(key) || io::CheckUtf8Text(value))
      return Status::InvalidArgument("a query parameter is not UTF-8 once decoded; percent-encode the UTF-8 bytes of "
                                     "the text");
    const FieldDescriptor* f = FieldByAnyName(type, key);
    if (!f) {
      std::vector<std::string> close = Closest(type, key);
      std::string m = "unknown query parameter '" + key + "'";
      m += close.empty() ? std::string("; this endpoint takes: ") + Join(FieldNames(type, false))
                         : "; did you mean '" + close.front() + "'?";
      if (type->field_count() == 0) m = "unknown query parameter '" + key + "'; this endpoint takes none";
      return Status::InvalidArgument(m).WithField(key).WithSuggestions(std::move(close));
    }
    if (!f->is_repeated() && r->HasField(*msg, f))
      return Status::InvalidArgument("query parameter '" + key + "' is given more than once").WithField(f->name());
    CAREERGRAPH_RETURN_IF_ERROR(SetScalar(msg, f, value));
  }
  return Status::Ok();
}

std::string Serialize(const Message& msg, WireFormat format) {
  std::string out;
  if (format == WireFormat::kProtobuf) {
    msg.SerializeToString(&out);
    return out;
  }
  if (PrintJsonFast(msg, &out)) return out;
  out.clear();
  google::protobuf::util::JsonPrintOptions o;
  o.add_whitespace = false;
  o.preserve_proto_field_names = false;
  (void)google::protobuf::util::MessageToJsonString(msg, &out, o);
  return out;
}

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else if (s[i] == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> ParseQueryString(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!query.empty()) {
    const auto amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (part.empty()) continue;
    const auto eq = part.find('=');
    out.emplace_back(PercentDecode(part.substr(0, eq), true),
                     eq == std::string_view::npos ? std::string() : PercentDecode(part.substr(eq + 1), true));
  }
  return out;
}

}  // namespace careergraph::server
