// Helpers shared by the tests: tiny ladders written inline, running the CLI binary.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "careergraph/v1/graph.pb.h"
#include "engine/career_graph.h"

namespace careergraph::testing {

// Whether the tests are built with ThreadSanitizer (GCC defines __SANITIZE_THREAD__; clang
// has the feature test), which does not support threads started after a multi-threaded fork.
#if defined(__SANITIZE_THREAD__)
inline constexpr bool kThreadSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
inline constexpr bool kThreadSanitizer = true;
#else
inline constexpr bool kThreadSanitizer = false;
#endif
#else
inline constexpr bool kThreadSanitizer = false;
#endif

// Builds a snapshot from a compact description, one position per line
//   "id|title|track|level|pay|ambiguity|leadership"   (org is "Acme"; "?" = unknown value)
// and one transition per line
//   "from>to|kind|years|probability"                  kind: promotion|lateral|track-switch|org-change
v1::Graph MakeGraph(const std::vector<std::string>& positions, const std::vector<std::string>& transitions);
GraphPtr MakeEngineGraph(const std::vector<std::string>& positions, const std::vector<std::string>& transitions);

// The move from the position with id `from` to the one with id `to` (the first, if several);
// throws when there is none.
EdgeId FindMove(const CareerGraph& g, std::string_view from, std::string_view to);

// The ladder the exploration tests share. Engineer (100k) -> Senior (150k, 2 years, 80%)
// -> Staff (200k, 3 years, 50%); Engineer -> Manager (180k, mgmt track, 1 year, 30%) ->
// Staff (1 year, 90%). `other_org` adds Engineer -> Engineer Elsewhere (120k, org change,
// 1 year, 90%) -> Staff (1 year, 20%).
GraphPtr EngineerLadder(bool other_org);

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};
// Runs the careergraph binary with `args` (shell-quoted here), optional stdin text.
RunResult RunCli(const std::vector<std::string>& args);

std::string SourcePath(const std::string& relative);  // path inside the source tree
std::string TempPath(const std::string& name);         // fresh path in a per-test temp dir
std::string ReadText(const std::string& path);
void WriteText(const std::string& path, const std::string& text);

}  // namespace careergraph::testing
