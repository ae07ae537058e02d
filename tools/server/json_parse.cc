#include "tools/server/json_parse.h"

#include <charconv>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "engine/choices.h"

namespace careergraph::server {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr int kMaxDepth = 32;

class Parser {
 public:
  explicit Parser(std::string_view text, Status* error)
      : p_(text.data()), end_(text.data() + text.size()), error_(error) {}

  bool Document(Message* msg) {
    if (!Object(msg, 0)) return false;
    SkipSpace();
    return p_ == end_;
  }

 private:
  void SkipSpace() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }

  bool Take(char c) {
    SkipSpace();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }

  bool Peek(char c) {
    SkipSpace();
    return p_ < end_ && *p_ == c;
  }

  bool String(std::string* out) {
    if (!Take('"')) return false;
    out->clear();
    const char* run = p_;
    while (p_ < end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        out->append(run, p_);
        ++p_;
        return true;
      }
      if (c < 0x20 || c >= 0x80) return false;
      if (c != '\\') {
        ++p_;
        continue;
      }
      out->append(run, p_);
      if (++p_ == end_) return false;
      switch (*p_) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        default: return false;
      }
      run = ++p_;
    }
    return false;
  }

  // A number in JSON's grammar; `integral` is false when it has a fraction or exponent.
  bool Number(std::string_view* tok, bool* integral) {
    SkipSpace();
    const char* start = p_;
    auto digit = [this] { return p_ < end_ && *p_ >= '0' && *p_ <= '9'; };
    if (p_ < end_ && *p_ == '-') ++p_;
    if (!digit()) return false;
    if (*p_ == '0') {
      ++p_;
    } else {
      while (digit()) ++p_;
    }
    *integral = true;
    if (p_ < end_ && *p_ == '.') {
      *integral = false;
      ++p_;
      if (!digit()) return false;
      while (digit()) ++p_;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      *integral = false;
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (!digit()) return false;
      while (digit()) ++p_;
    }
    *tok = std::string_view(start, static_cast<std::size_t>(p_ - start));
    return true;
  }

  bool Word(std::string_view w) {
    SkipSpace();
    if (static_cast<std::size_t>(end_ - p_) < w.size() || std::string_view(p_, w.size()) != w) return false;
    p_ += w.size();
    return true;
  }

  static const FieldDescriptor* Field(const Descriptor* d, const std::string& key) {
    if (const FieldDescriptor* f = d->FindFieldByName(key)) return f;
    for (int i = 0; i < d->field_count(); ++i)
      if (d->field(i)->json_name() == key) return d->field(i);
    return nullptr;
  }

  bool Object(Message* msg, int depth) {
    if (depth > kMaxDepth || !Take('{')) return false;
    const Descriptor* d = msg->GetDescriptor();
    if (d->file()->package() == "google.protobuf") return false;
    if (Take('}')) return true;
    std::vector<const FieldDescriptor*> seen;
    std::string key;
    do {
      if (!String(&key) || !Take(':')) return false;
      const FieldDescriptor* f = Field(d, key);
      if (!f || f->is_map() || f->is_extension()) return false;
      for (const FieldDescriptor* s : seen)
        if (s == f || (s->containing_oneof() && s->containing_oneof() == f->containing_oneof())) return false;
      seen.push_back(f);
      path_.push_back(f->name());
      if (f->is_repeated()) {
        if (!Take('[')) return false;
        if (!Take(']')) {
          int index = 0;
          do {
            path_.back() = f->name() + "[" + std::to_string(index++) + "]";
            if (!Value(msg, f, depth)) return false;
          } while (Take(','));
          if (!Take(']')) return false;
        }
      } else if (!Value(msg, f, depth)) {
        return false;
      }
      path_.pop_back();
    } while (Take(','));
    return Take('}');
  }

  template <typename T>
  bool Integer(T* out) {
    std::string_view tok;
    bool integral = false;
    if (!Number(&tok, &integral) || !integral) return false;
    const auto r = std::from_chars(tok.data(), tok.data() + tok.size(), *out);
    return r.ec == std::errc() && r.ptr == tok.data() + tok.size();
  }

  bool Value(Message* msg, const FieldDescriptor* f, int depth) {
    const Reflection* r = msg->GetReflection();
    const bool rep = f->is_repeated();
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING: {
        if (f->type() == FieldDescriptor::TYPE_BYTES) return false;
        std::string s;
        if (!String(&s)) return false;
        rep ? r->AddString(msg, f, std::move(s)) : r->SetString(msg, f, std::move(s));
        return true;
      }
      case FieldDescriptor::CPPTYPE_INT32: {
        std::int32_t v;
        if (!Integer(&v)) return false;
        rep ? r->AddInt32(msg, f, v) : r->SetInt32(msg, f, v);
        return true;
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        std::int64_t v;
        if (!Integer(&v)) return false;
        rep ? r->AddInt64(msg, f, v) : r->SetInt64(msg, f, v);
        return true;
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        std::uint32_t v;
        if (Peek('-') || !Integer(&v)) return false;
        rep ? r->AddUInt32(msg, f, v) : r->SetUInt32(msg, f, v);
        return true;
      }
      case FieldDescriptor::CPPTYPE_UINT64: {
        std::uint64_t v;
        if (Peek('-') || !Integer(&v)) return false;
        rep ? r->AddUInt64(msg, f, v) : r->SetUInt64(msg, f, v);
        return true;
      }
      case FieldDescriptor::CPPTYPE_DOUBLE: {
        std::string_view tok;
        bool integral = false;
        if (!Number(&tok, &integral)) return false;
        double v = 0;
        const auto res = std::from_chars(tok.data(), tok.data() + tok.size(), v);
        if (res.ec != std::errc() || res.ptr != tok.data() + tok.size()) return false;
        if (v == 0 && tok.front() == '-') return false;  // protobuf reads "-0" as +0
        rep ? r->AddDouble(msg, f, v) : r->SetDouble(msg, f, v);
        return true;
      }
      case FieldDescriptor::CPPTYPE_BOOL: {
        bool v;
        if (Word("true")) v = true;
        else if (Word("false")) v = false;
        else return false;
        rep ? r->AddBool(msg, f, v) : r->SetBool(msg, f, v);
        return true;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        std::string name;
        if (!String(&name)) return false;
        // Any spelling the Choices registry knows: "safest", "SAFEST", "OBJECTIVE_SAFEST".
        const Choices& choices = Choices::Of(f->enum_type());
        const int number = choices.Find(name);
        if (number < 0) {
          if (error_) {
            std::string path;
            for (const auto& p : path_) path += (path.empty() ? "" : ".") + p;
            *error_ = choices.Parse(name, path).status();
          }
          return false;
        }
        rep ? r->AddEnumValue(msg, f, number) : r->SetEnumValue(msg, f, number);
        return true;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        return Object(rep ? r->AddMessage(msg, f) : r->MutableMessage(msg, f), depth + 1);
      case FieldDescriptor::CPPTYPE_FLOAT:
        return false;
    }
    return false;
  }

  const char* p_;
  const char* end_;
  Status* error_;
  std::vector<std::string> path_;  // field path to the value being read, for errors
};

}  // namespace

bool ParseJsonFast(std::string_view body, Message* msg, Status* error) { return Parser(body, error).Document(msg); }

}  // namespace careergraph::server
