#include "tools/cli/output.h"

#include <algorithm>
#include <iostream>
#include <sstream>

#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

#include "io/atomic_file.h"
#include "render/csv.h"
#include "tools/cli/command.h"

namespace careergraph::cli {

void AddOutputOptions(CLI::App& sub, OutputOptions* opts, const std::vector<std::string>& extra) {
  std::vector<std::string> formats = {"table", "json", "textproto", "pb"};
  formats.insert(formats.end(), extra.begin(), extra.end());
  // Every answer with a main list is also a table for spreadsheets (render/csv.h).
  if (std::find(formats.begin(), formats.end(), "csv") == formats.end()) formats.push_back("csv");
  std::string list;
  for (const auto& f : formats) list += (list.empty() ? "" : "|") + f;
  sub.add_option("--format,-f", opts->format,
                 "Output format: " + list + " (json/textproto/pb are the response message)")
      ->check(CLI::IsMember(formats))
      ->each([](const std::string& f) { SetErrorFormat(f); })
      ->capture_default_str();
  sub.add_option("--output,-o", opts->output, "Write to this file (atomically) instead of stdout");
}

std::string ToJson(const google::protobuf::Message& msg, bool pretty) {
  std::string out;
  google::protobuf::util::JsonPrintOptions o;
  o.add_whitespace = pretty;
  o.preserve_proto_field_names = false;
  (void)google::protobuf::util::MessageToJsonString(msg, &out, o);
  return out;
}

std::string Render(const google::protobuf::Message& msg, const std::string& format,
                   const std::function<std::string()>& table) {
  if (format == "json") return ToJson(msg);
  if (format == "textproto") {
    std::string out;
    google::protobuf::TextFormat::PrintToString(msg, &out);
    return out;
  }
  if (format == "pb") return msg.SerializeAsString();
  if (format == "csv") return render::ToCsv(msg);  // what `Accept: text/csv` answers over HTTP
  return table();
}

int Emit(const OutputOptions& opts, const std::string& text) {
  if (opts.output.empty() || opts.output == "-") {
    std::cout << text;
    std::cout.flush();
    return std::cout ? 0 : ReportError(Status::Io("writing to stdout failed"));
  }
  Status st = io::WriteFileAtomic(opts.output, text);
  return st.ok() ? 0 : ReportError(st);
}

int EmitMessage(const OutputOptions& opts, const google::protobuf::Message& msg,
                const std::function<std::string()>& table) {
  return Emit(opts, Render(msg, opts.format, table));
}

std::string YearsText(double years) {
  std::ostringstream os;
  os << years << (years == 1 ? " year" : " years");
  return os.str();
}

}  // namespace careergraph::cli
