#include "io/proto_reader.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

#include "io/finding.h"
#include "io/text_encoding.h"
#include "io/validate.h"

namespace careergraph::io {
namespace {

namespace pb = google::protobuf;

// The name findings use for a Graph field ("pay" for annual_pay, as in the other formats).
std::string FindingField(std::string_view name) {
  if (name == "annual_pay" || name == "annualPay") return "pay";
  return std::string(name);
}

class FirstErrors : public pb::io::ErrorCollector {
 public:
  void AddError(int line, pb::io::ColumnNumber column, const std::string& message) override {
    if (!message_.empty()) return;
    line_ = line >= 0 ? static_cast<unsigned>(line) + 1 : 0;
    message_ = message + " (column " + std::to_string(column + 1) + ")";
  }
  unsigned line_ = 0;
  std::string message_;
};

// The first string of `m` that is not UTF-8: the text format's escapes ("\222", "\x92")
// write any byte into a string of a file that is itself UTF-8, and a snapshot holding such
// a string could not be read back (protobuf's binary reader refuses it). Its field path
// goes to `field`, its line (from `tree`, 1-based; 0 when unknown) to `line`.
bool FirstNonUtf8String(const pb::Message& m, const pb::TextFormat::ParseInfoTree* tree, const std::string& path,
                        std::string* field, unsigned* line) {
  const pb::Reflection* r = m.GetReflection();
  std::vector<const pb::FieldDescriptor*> fields;
  r->ListFields(m, &fields);
  for (const pb::FieldDescriptor* f : fields) {
    const int count = f->is_repeated() ? r->FieldSize(m, f) : 1;
    for (int i = 0; i < count; ++i) {
      const int index = f->is_repeated() ? i : -1;
      const std::string here = path + (path.empty() ? "" : ".") + f->name() + (f->is_repeated() ? "[" + std::to_string(i) + "]" : "");
      if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING && f->type() == pb::FieldDescriptor::TYPE_STRING) {
        const std::string value = f->is_repeated() ? r->GetRepeatedString(m, f, i) : r->GetString(m, f);
        if (CheckUtf8Text(value)) {
          *field = here;
          const auto at = tree != nullptr ? tree->GetLocation(f, index) : pb::TextFormat::ParseLocation();
          *line = at.line >= 0 ? static_cast<unsigned>(at.line) + 1 : 0;
          return true;
        }
      } else if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
        const pb::Message& nested = f->is_repeated() ? r->GetRepeatedMessage(m, f, i) : r->GetMessage(m, f);
        if (FirstNonUtf8String(nested, tree != nullptr ? tree->GetTreeForNested(f, index) : nullptr, here, field, line))
          return true;
      }
    }
  }
  return false;
}

// Record and field lines from the text parser's location tree.
void TextLocations(const v1::Graph& g, const pb::TextFormat::ParseInfoTree& tree, SourceMap* where) {
  const pb::Descriptor* gd = v1::Graph::descriptor();
  auto fill = [&](const pb::FieldDescriptor* list, int count, std::vector<SourceMap::Loc>* out) {
    for (int i = 0; i < count; ++i) {
      SourceMap::Loc& loc = AddLoc(out, static_cast<unsigned>(tree.GetLocation(list, i).line + 1));
      const pb::TextFormat::ParseInfoTree* nested = tree.GetTreeForNested(list, i);
      if (!nested) continue;
      const pb::Descriptor* d = list->message_type();
      for (int f = 0; f < d->field_count(); ++f) {
        const pb::FieldDescriptor* fd = d->field(f);
        if (fd->is_repeated()) continue;
        const int line = nested->GetLocation(fd, -1).line;
        if (line >= 0 && static_cast<unsigned>(line + 1) != loc.line)
          loc.field_lines.emplace_back(FindingField(fd->name()), static_cast<unsigned>(line + 1));
      }
    }
  };
  fill(gd->FindFieldByName("positions"), g.positions_size(), &where->positions);
  fill(gd->FindFieldByName("transitions"), g.transitions_size(), &where->transitions);
}

// Protobuf's JSON parser reports "message\n<the text from up to 20 bytes before the error>\n<spaces>^"
// (the excerpt may hold newlines);
// find that excerpt in the text to recover the line.
unsigned JsonErrorLine(std::string_view text, std::string_view message) {
  const std::size_t caret_nl = message.rfind('\n');
  if (caret_nl != std::string_view::npos && message.back() == '^') {
    const std::size_t column = message.size() - 1 - (caret_nl + 1);
    const std::size_t seg_nl = message.find('\n');  // the message itself is one line
    if (seg_nl != caret_nl) {
      const std::string_view segment = message.substr(seg_nl + 1, caret_nl - seg_nl - 1);
      std::size_t at = std::string_view::npos;
      if (segment.empty()) {
        at = text.size();
      } else if (std::size_t first = text.find(segment); first != std::string_view::npos &&
                                                       text.find(segment, first + 1) == std::string_view::npos) {
        at = first + column;
      }
      if (at != std::string_view::npos) {
        std::string_view before = text.substr(0, std::min(at, text.size()));
        if (segment.empty())  // the end of the text: report the last line with something on it
          while (!before.empty() && std::isspace(static_cast<unsigned char>(before.back()))) before.remove_suffix(1);
        return static_cast<unsigned>(std::count(before.begin(), before.end(), '\n')) + 1;
      }
    }
  }
  // "name: Cannot find field." -> the line of "name".
  if (std::size_t colon = message.find(": Cannot find field"); colon != std::string_view::npos) {
    std::string_view name = message.substr(0, colon);
    // "(positions[0]) salary" or "a.b.salary": the last word.
    if (std::size_t cut = name.find_last_of(" .)"); cut != std::string_view::npos) name.remove_prefix(cut + 1);
    if (std::size_t at = text.find("\"" + std::string(name) + "\""); at != std::string_view::npos)
      return static_cast<unsigned>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
  }
  return 0;
}

// Lines of the entries of the top-level "positions" and "transitions" arrays, and of their
// keys, from a light scan of the JSON text (already known to parse).
void JsonLocations(std::string_view text, SourceMap* where) {
  unsigned line = 1;
  std::vector<char> stack;            // '{' or '['
  std::string key, top_key;           // last key read; the top-level key we are inside
  bool expecting_key = false;
  std::vector<SourceMap::Loc>* list = nullptr;
  SourceMap::Loc* current = nullptr;  // the record being read
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
    } else if (c == '"') {
      std::string s;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) s += text[++i];
        else if (text[i] == '\n') ++line;
        else s += text[i];
      }
      if (expecting_key) {
        key = s;
        expecting_key = false;
        if (stack.size() == 1) top_key = s;
        if (stack.size() == 3 && current && list) {
          const std::string field = FindingField(s);
          if (line != current->line) current->field_lines.emplace_back(field, line);
        }
      }
    } else if (c == '{' || c == '[') {
      if (c == '{' && stack.size() == 2 && stack.back() == '[' && list) current = &AddLoc(list, line);
      if (c == '[' && stack.size() == 1)
        list = top_key == "positions" ? &where->positions : top_key == "transitions" ? &where->transitions : nullptr;
      stack.push_back(c);
      expecting_key = c == '{';
    } else if (c == '}' || c == ']') {
      if (!stack.empty()) stack.pop_back();
      if (stack.size() == 1) list = nullptr;
      if (stack.size() == 2) current = nullptr;
    } else if (c == ',') {
      expecting_key = !stack.empty() && stack.back() == '{';
    }
  }
}

}  // namespace

LadderPart ReadProtoLadder(std::string_view bytes, const std::string& file, ProtoFormat format) {
  LadderPart part;
  part.where.files = {file};
  switch (format) {
    case ProtoFormat::kBinary:
      if (!part.graph.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
        part.findings.push_back(ErrorFinding(
            "parse-error", "not a binary careergraph.v1.Graph (truncated, another message, or text that is not UTF-8); rebuild it with "
            "'careergraph build'",
            file, 0, ""));
      break;
    case ProtoFormat::kText: {
      pb::TextFormat::Parser parser;
      FirstErrors errors;
      pb::TextFormat::ParseInfoTree tree;
      parser.RecordErrorsTo(&errors);
      parser.WriteLocationsTo(&tree);
      if (!parser.ParseFromString(std::string(bytes), &part.graph)) {
        part.findings.push_back(ErrorFinding("parse-error", "not a careergraph.v1.Graph in text format: " + errors.message_,
                                             file, errors.line_, ""));
        part.graph.Clear();
        break;
      }
      std::string field;
      unsigned line = 0;
      if (FirstNonUtf8String(part.graph, &tree, "", &field, &line)) {
        part.findings.push_back(ErrorFinding("not-utf8",
                                             "not UTF-8 text once its escapes are read (an escape "
                                             "such as \\222 or \\x92 writes one byte of a character); write the "
                                             "character itself",
                                             file, line, field));
        part.graph.Clear();
        break;
      }
      TextLocations(part.graph, tree, &part.where);
      break;
    }
    case ProtoFormat::kJson: {
      pb::util::JsonParseOptions options;
      options.ignore_unknown_fields = false;
      auto st = pb::util::JsonStringToMessage(pb::StringPiece(bytes.data(), bytes.size()), &part.graph, options);
      if (!st.ok()) {
        const std::string msg(st.message());
        std::string first = msg.substr(0, msg.find('\n'));
        part.findings.push_back(ErrorFinding("parse-error", "not a careergraph.v1.Graph in protobuf JSON: " + first, file,
                                             JsonErrorLine(bytes, msg), ""));
        part.graph.Clear();
        break;
      }
      JsonLocations(bytes, &part.where);
      // The scan must agree with the parser; if it does not, fall back to the file alone.
      if (part.where.positions.size() != static_cast<std::size_t>(part.graph.positions_size()) ||
          part.where.transitions.size() != static_cast<std::size_t>(part.graph.transitions_size())) {
        part.where.positions.clear();
        part.where.transitions.clear();
      }
      break;
    }
  }
  CheckTransitionTable(part.graph, file, &part.findings);
  return part;
}

}  // namespace careergraph::io
