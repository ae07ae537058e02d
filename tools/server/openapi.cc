#include "tools/server/openapi.h"

#include <cctype>
#include <cstdio>
#include <memory>
#include <set>
#include <utility>

#include <google/protobuf/descriptor.h>

#include "careergraph/v1/error.pb.h"

namespace careergraph::server {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;

// A JSON value that keeps its keys in insertion order (the document reads top-down).
class Json {
 public:
  enum class Kind { kNull, kString, kNumber, kBool, kArray, kObject };
  Json() = default;
  Json(const char* s) : kind_(Kind::kString), text_(s) {}  // NOLINT: literals read as strings
  Json(std::string s) : kind_(Kind::kString), text_(std::move(s)) {}  // NOLINT
  static Json Number(double v) {
    Json j;
    j.kind_ = Kind::kNumber;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    j.text_ = buf;
    return j;
  }
  static Json Bool(bool v) {
    Json j;
    j.kind_ = Kind::kBool;
    j.text_ = v ? "true" : "false";
    return j;
  }
  static Json Array() {
    Json j;
    j.kind_ = Kind::kArray;
    return j;
  }
  static Json Object() {
    Json j;
    j.kind_ = Kind::kObject;
    return j;
  }

  Json& operator[](const std::string& key) {
    kind_ = Kind::kObject;
    for (auto& [k, v] : members_)
      if (k == key) return v;
    members_.emplace_back(key, Json());
    return members_.back().second;
  }
  Json& Push(Json v) {
    kind_ = Kind::kArray;
    items_.push_back(std::move(v));
    return items_.back();
  }
  bool empty() const { return members_.empty() && items_.empty(); }

  void Write(std::string* out) const {
    switch (kind_) {
      case Kind::kNull: *out += "null"; return;
      case Kind::kNumber:
      case Kind::kBool: *out += text_; return;
      case Kind::kString: Quote(text_, out); return;
      case Kind::kArray:
        *out += '[';
        for (std::size_t i = 0; i < items_.size(); ++i) {
          if (i) *out += ',';
          items_[i].Write(out);
        }
        *out += ']';
        return;
      case Kind::kObject:
        *out += '{';
        for (std::size_t i = 0; i < members_.size(); ++i) {
          if (i) *out += ',';
          Quote(members_[i].first, out);
          *out += ':';
          members_[i].second.Write(out);
        }
        *out += '}';
        return;
    }
  }

 private:
  static void Quote(const std::string& s, std::string* out) {
    *out += '"';
    for (unsigned char c : s) {
      if (c == '"' || c == '\\') {
        *out += '\\';
        *out += static_cast<char>(c);
      } else if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        *out += buf;
      } else {
        *out += static_cast<char>(c);
      }
    }
    *out += '"';
  }

  Kind kind_ = Kind::kNull;
  std::string text_;
  std::vector<std::pair<std::string, Json>> members_;
  std::vector<Json> items_;
};

std::string Ref(const Descriptor* d) { return "#/components/schemas/" + d->full_name(); }

Json RefTo(const Descriptor* d) {
  Json j;
  j["$ref"] = Ref(d);
  return j;
}

// Collects the schemas of `d` and every message and enum it reaches.
class SchemaBuilder {
 public:
  void AddMessage(const Descriptor* d) {
    if (!seen_.insert(d->full_name()).second) return;
    Json s;
    s["type"] = "object";
    Json& props = s["properties"];
    props = Json::Object();
    for (int i = 0; i < d->field_count(); ++i) {
      const FieldDescriptor* f = d->field(i);
      props[f->json_name()] = Field(f);
    }
    schemas_[d->full_name()] = std::move(s);
  }

  Json Field(const FieldDescriptor* f) {
    if (f->is_map()) {
      Json m;
      m["type"] = "object";
      m["additionalProperties"] = Single(f->message_type()->map_value());
      return m;
    }
    if (f->is_repeated()) {
      Json a;
      a["type"] = "array";
      a["items"] = Single(f);
      return a;
    }
    return Single(f);
  }

  Json Single(const FieldDescriptor* f) {
    Json j;
    switch (f->type()) {
      case FieldDescriptor::TYPE_MESSAGE:
      case FieldDescriptor::TYPE_GROUP:
        AddMessage(f->message_type());
        return RefTo(f->message_type());
      case FieldDescriptor::TYPE_ENUM: {
        AddEnum(f->enum_type());
        j["$ref"] = "#/components/schemas/" + f->enum_type()->full_name();
        return j;
      }
      case FieldDescriptor::TYPE_DOUBLE:
      case FieldDescriptor::TYPE_FLOAT:
        j["type"] = "number";
        j["format"] = f->type() == FieldDescriptor::TYPE_DOUBLE ? "double" : "float";
        return j;
      case FieldDescriptor::TYPE_INT32:
      case FieldDescriptor::TYPE_SINT32:
      case FieldDescriptor::TYPE_SFIXED32:
        j["type"] = "integer";
        j["format"] = "int32";
        return j;
      case FieldDescriptor::TYPE_UINT32:
      case FieldDescriptor::TYPE_FIXED32:
        j["type"] = "integer";
        j["format"] = "int64";  // OpenAPI has no uint32; its range fits int64
        j["minimum"] = Json::Number(0);
        j["maximum"] = Json::Number(4294967295.0);
        return j;
      case FieldDescriptor::TYPE_INT64:
      case FieldDescriptor::TYPE_SINT64:
      case FieldDescriptor::TYPE_SFIXED64:
      case FieldDescriptor::TYPE_UINT64:
      case FieldDescriptor::TYPE_FIXED64:
        // protobuf's JSON mapping writes 64-bit integers as decimal strings.
        j["type"] = "string";
        j["format"] = f->cpp_type() == FieldDescriptor::CPPTYPE_UINT64 ? "uint64" : "int64";
        j["pattern"] = "^-?[0-9]+$";
        return j;
      case FieldDescriptor::TYPE_BOOL:
        j["type"] = "boolean";
        return j;
      case FieldDescriptor::TYPE_STRING:
        j["type"] = "string";
        return j;
      case FieldDescriptor::TYPE_BYTES:
        j["type"] = "string";
        j["format"] = "byte";
        return j;
    }
    return j;
  }

  void AddEnum(const EnumDescriptor* e) {
    if (!seen_.insert(e->full_name()).second) return;
    Json s;
    s["type"] = "string";
    Json values = Json::Array();
    for (int i = 0; i < e->value_count(); ++i) values.Push(e->value(i)->name());
    s["enum"] = std::move(values);
    schemas_[e->full_name()] = std::move(s);
  }

  Json Take() { return std::move(schemas_); }

 private:
  std::set<std::string> seen_;
  Json schemas_ = Json::Object();
};

Json Content(const Descriptor* d) {
  Json c;
  Json json;
  json["schema"] = RefTo(d);
  c["application/json"] = std::move(json);
  Json pb;
  pb["schema"]["type"] = "string";
  pb["schema"]["format"] = "binary";
  pb["schema"]["description"] = "binary protobuf " + d->full_name();
  c["application/x-protobuf"] = std::move(pb);
  return c;
}

Json ErrorResponse() {
  Json r;
  r["description"] = "careergraph.v1.Error: the HTTP status comes from the error registry (400 invalid request, 404 "
                     "unknown position or path, 405 wrong method, 413 too large, 422 no route, 503 overloaded, 504 "
                     "past the deadline)";
  r["content"] = Content(v1::Error::descriptor());
  return r;
}

// "/v1/admin/reload" -> "adminReload".
std::string OperationId(const std::string& method, const std::string& path) {
  std::string id = method == "get" ? "get" : "";
  bool upper = !id.empty();
  std::string_view p = path;
  if (p.rfind("/v1/", 0) == 0) p.remove_prefix(4);
  for (char c : p) {
    if (c == '/' || c == '-' || c == '_' || c == '.') {
      upper = true;
      continue;
    }
    id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return id;
}

}  // namespace

std::string OpenApiJson(const EndpointRegistry& registry, const std::vector<ExtraPath>& extra,
                        std::string_view api_version) {
  SchemaBuilder schemas;
  Json doc;
  doc["openapi"] = "3.0.3";
  doc["info"]["title"] = "careergraph HTTP API";
  doc["info"]["version"] = std::string(api_version);
  doc["info"]["description"] =
      "Career-path queries over a graph of positions and transitions. Requests and responses are the "
      "careergraph.v1 protobuf messages in protobuf's JSON mapping (or binary protobuf). Generated by the server "
      "from the messages' descriptors.";
  doc["info"]["license"]["name"] = "see the project's README";
  Json& paths = doc["paths"];
  paths = Json::Object();
  bool any_admin = false;
  for (const Endpoint& e : registry.endpoints()) {
    const bool get = e.options.method == Method::kGet;
    const std::string method = get ? "get" : "post";
    Json op;
    op["operationId"] = OperationId(method, e.path);
    op["summary"] = e.request_type->full_name() + " -> " + e.response_type->full_name();
    op["tags"].Push(e.options.admin ? "admin" : e.path.rfind("/v1/", 0) == 0 ? "queries" : "service");
    schemas.AddMessage(e.request_type);
    schemas.AddMessage(e.response_type);
    if (get) {
      Json params = Json::Array();
      for (int i = 0; i < e.request_type->field_count(); ++i) {
        const FieldDescriptor* f = e.request_type->field(i);
        if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) continue;
        Json p;
        p["name"] = f->json_name();
        p["in"] = "query";
        p["required"] = Json::Bool(false);
        p["schema"] = schemas.Field(f);
        if (f->is_repeated()) {
          p["style"] = "form";
          p["explode"] = Json::Bool(true);
        }
        params.Push(std::move(p));
      }
      if (!params.empty()) op["parameters"] = std::move(params);
    } else {
      op["requestBody"]["required"] = Json::Bool(!e.options.empty_body_ok);
      op["requestBody"]["content"] = Content(e.request_type);
    }
    Json ok;
    ok["description"] = e.response_type->full_name();
    ok["content"] = Content(e.response_type);
    for (const Rendering& r : e.renderings) {
      ok["content"][r.media_type]["schema"]["type"] = "string";
      ok["content"][r.media_type]["schema"]["description"] = "the answer drawn (Accept: " + r.media_type + ")";
    }
    op["responses"]["200"] = std::move(ok);
    op["responses"]["default"] = ErrorResponse();
    if (e.options.admin) {
      Json req;
      req["adminToken"] = Json::Array();
      op["security"].Push(std::move(req));
      any_admin = true;
    }
    paths[e.path][method] = std::move(op);
  }
  for (const ExtraPath& x : extra) {
    Json op;
    op["operationId"] = OperationId("get", x.path);
    op["summary"] = x.summary;
    op["tags"].Push("service");
    Json ok;
    ok["description"] = x.summary;
    if (x.response) {
      schemas.AddMessage(x.response);
      ok["content"] = Content(x.response);
    } else {
      ok["content"][x.content_type]["schema"]["type"] = "string";
    }
    op["responses"]["200"] = std::move(ok);
    op["responses"]["default"] = ErrorResponse();
    paths[x.path]["get"] = std::move(op);
  }
  schemas.AddMessage(v1::Error::descriptor());
  doc["components"]["schemas"] = schemas.Take();
  if (any_admin) {
    Json& sec = doc["components"]["securitySchemes"]["adminToken"];
    sec["type"] = "http";
    sec["scheme"] = "bearer";
    sec["description"] = "the server's --admin-token";
  }
  std::string out;
  doc.Write(&out);
  return out;
}

}  // namespace careergraph::server
