// The CLI is a thin front end: each subcommand lives in its own file, registers itself
// here with one line, turns flags into a request message, calls one engine entry point
// and renders the response with output.h.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "engine/limits.h"
#include "engine/status.h"

namespace careergraph::cli {

// A subcommand's setup adds its options to `sub` and returns the function that runs it.
// The run function returns the process exit code.
using RunFn = std::function<int()>;
using SetupFn = std::function<RunFn(CLI::App& sub)>;

struct CommandSpec {
  std::string name;
  std::string description;
  int order;  // position in --help
  SetupFn setup;
};

// Called from a static initialiser in each command's file, under a name of its own (the
// command files are compiled together in unity batches):
//   const bool kRouteRegistered = RegisterCommand({"route", "...", 10, SetupRoute});
bool RegisterCommand(CommandSpec spec);
const std::vector<CommandSpec>& Commands();

// Prints a Status as "careergraph: error: ..." (plus suggestions) on stderr and returns
// the exit code the error registry assigns to it.
// With --format json|textproto|pb the error is printed instead as the careergraph.v1.Error
// message on stdout, exactly as HTTP returns it (the exit code is the same).
int ReportError(const Status& st);

// The limits every subcommand passes to its query: the engine's defaults (engine/limits.h),
// except that a query never builds landmark tables, which would cost one process more than
// they save.
const Limits& CliLimits();
// The exit code of an error, without printing it (for a command that already printed its
// answer, such as validate's report).
int ExitCode(const Status& st);
// The --format of the running command (AddOutputOptions sets it).
void SetErrorFormat(const std::string& format);

}  // namespace careergraph::cli
