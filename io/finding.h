// Findings: one problem in an input ladder, where it is and how to fix it.
//
// Every reader and the whole-graph checks report through these helpers so a finding always
// carries severity, a stable kebab-case code, file, line (1-based; 0 = unknown) and field,
// and is printed the same way by every front end ("file:line: severity: field: message [code]").
#pragma once

#include <string>
#include <vector>

#include "careergraph/v1/error.pb.h"
#include "engine/status.h"

namespace careergraph::io {

v1::Finding MakeFinding(v1::Severity severity, std::string code, std::string message, std::string file,
                        unsigned line, std::string field, std::string position = "");
inline v1::Finding ErrorFinding(std::string code, std::string message, std::string file, unsigned line,
                                std::string field, std::string position = "") {
  return MakeFinding(v1::ERROR, std::move(code), std::move(message), std::move(file), line, std::move(field),
                     std::move(position));
}
inline v1::Finding WarningFinding(std::string code, std::string message, std::string file, unsigned line,
                                  std::string field, std::string position = "") {
  return MakeFinding(v1::WARNING, std::move(code), std::move(message), std::move(file), line, std::move(field),
                     std::move(position));
}

// "file:line: severity: field: message [code]", leaving out the parts that are unknown.
std::string FormatFinding(const v1::Finding& f);

// An error finding as a Status: IO_ERROR for "io-error", INVALID_DATA otherwise, with the
// finding's file, line and field.
Status FindingToStatus(const v1::Finding& f);

// Formats a number the way a person would write it back in a ladder file ("0.35", "1e+300").
std::string FormatNumber(double v);

}  // namespace careergraph::io
