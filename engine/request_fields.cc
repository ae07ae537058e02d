#include "engine/request_fields.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "engine/choices.h"

namespace careergraph {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

const FieldDescriptor* FieldByName(const Descriptor* d, std::string_view name) {
  const std::string n(name);
  if (const FieldDescriptor* f = d->FindFieldByName(n)) return f;
  for (int i = 0; i < d->field_count(); ++i)
    if (d->field(i)->json_name() == n) return d->field(i);
  return nullptr;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

template <typename T>
bool ParseInteger(std::string_view s, T* out) {
  s = Trim(s);
  if (s.empty()) return false;
  if (s.front() == '+') s.remove_prefix(1);
  const auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool ParseNumber(std::string_view s, double* out) {
  const std::string str(Trim(s));
  if (str.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(str.c_str(), &end);
  return end == str.c_str() + str.size() && std::isfinite(*out);
}

}  // namespace

const FieldDescriptor* FieldAtPath(const Descriptor* type, std::string_view path) {
  const FieldDescriptor* f = nullptr;
  while (type) {
    const auto dot = path.find('.');
    f = FieldByName(type, path.substr(0, dot));
    if (!f || dot == std::string_view::npos) return f;
    type = f->message_type();
    path = path.substr(dot + 1);
  }
  return nullptr;
}

Status SetFieldText(Message* msg, std::string_view path, std::string_view text, std::string_view error_path) {
  const std::string where(error_path.empty() ? path : error_path);
  // Walk to the message that holds the last field.
  for (auto dot = path.find('.'); dot != std::string_view::npos; dot = path.find('.')) {
    const FieldDescriptor* f = FieldByName(msg->GetDescriptor(), path.substr(0, dot));
    if (!f || f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || f->is_repeated())
      return Status::Internal("no message field at '" + std::string(path) + "' in " + msg->GetDescriptor()->full_name());
    msg = msg->GetReflection()->MutableMessage(msg, f);
    path = path.substr(dot + 1);
  }
  const FieldDescriptor* f = FieldByName(msg->GetDescriptor(), path);
  if (!f) return Status::Internal("no field '" + where + "' in " + msg->GetDescriptor()->full_name());
  const Reflection* r = msg->GetReflection();
  const bool rep = f->is_repeated();
  const std::string value(text);
  auto bad = [&](const std::string& what) {
    return Status::InvalidArgument(where + " must be " + what + ", got '" + value + "'").WithField(where);
  };
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      rep ? r->AddString(msg, f, value) : r->SetString(msg, f, value);
      return Status::Ok();
    case FieldDescriptor::CPPTYPE_INT32: {
      std::int32_t v;
      if (!ParseInteger(text, &v)) return bad("a whole number");
      rep ? r->AddInt32(msg, f, v) : r->SetInt32(msg, f, v);
      return Status::Ok();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      std::int64_t v;
      if (!ParseInteger(text, &v)) return bad("a whole number");
      rep ? r->AddInt64(msg, f, v) : r->SetInt64(msg, f, v);
      return Status::Ok();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      std::uint32_t v;
      if (Trim(text).starts_with('-') || !ParseInteger(text, &v)) return bad("a whole number >= 0 (at most 4294967295)");
      rep ? r->AddUInt32(msg, f, v) : r->SetUInt32(msg, f, v);
      return Status::Ok();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      std::uint64_t v;
      if (Trim(text).starts_with('-') || !ParseInteger(text, &v)) return bad("a whole number >= 0");
      rep ? r->AddUInt64(msg, f, v) : r->SetUInt64(msg, f, v);
      return Status::Ok();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double v;
      if (!ParseNumber(text, &v)) return bad("a finite number");
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
        rep ? r->AddFloat(msg, f, static_cast<float>(v)) : r->SetFloat(msg, f, static_cast<float>(v));
      } else {
        rep ? r->AddDouble(msg, f, v) : r->SetDouble(msg, f, v);
      }
      return Status::Ok();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      std::string v;
      for (char c : Trim(text)) v.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      bool b;
      if (v == "true" || v == "1" || v.empty()) b = true;
      else if (v == "false" || v == "0") b = false;
      else return bad("true or false");
      rep ? r->AddBool(msg, f, b) : r->SetBool(msg, f, b);
      return Status::Ok();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      auto n = Choices::Of(f->enum_type()).Parse(Trim(text), where);
      if (!n.ok()) return n.status();
      rep ? r->AddEnumValue(msg, f, *n) : r->SetEnumValue(msg, f, *n);
      return Status::Ok();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return Status::InvalidArgument(where + " is a message and cannot be given as text").WithField(where);
}

}  // namespace careergraph
