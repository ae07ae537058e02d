// Rendering a response message: a table for people (the default), or the message itself
// as protobuf JSON, text format or binary. --output writes atomically instead of stdout.
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>
#include <google/protobuf/message.h>

#include "engine/status.h"

namespace careergraph::cli {

enum class Format { kTable, kJson, kTextproto, kPb };

struct OutputOptions {
  std::string format = "table";
  std::string output;  // empty = stdout
};

// Adds --format and --output to a subcommand. `extra` lists more formats it supports
// (e.g. "dot") beyond table/json/textproto/pb/csv; csv is the message's main list as a table
// (render/csv.h), unless the subcommand renders csv itself.
void AddOutputOptions(CLI::App& sub, OutputOptions* opts, const std::vector<std::string>& extra = {});

// Serialises `msg` in the chosen format; `table` renders the human form.
std::string Render(const google::protobuf::Message& msg, const std::string& format,
                   const std::function<std::string()>& table);
std::string ToJson(const google::protobuf::Message& msg, bool pretty = true);

// Writes `text` to stdout or atomically to opts.output; returns an exit code.
int Emit(const OutputOptions& opts, const std::string& text);

// "1 year", "2.5 years".
std::string YearsText(double years);

// Renders and emits in one step; returns the exit code.
int EmitMessage(const OutputOptions& opts, const google::protobuf::Message& msg,
                const std::function<std::string()>& table);

}  // namespace careergraph::cli
