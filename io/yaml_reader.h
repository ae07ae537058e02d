// The compact hand-written YAML ladder (yaml-cpp):
//
//   name, version, currency, description     metadata
//   org                                      default org of every position
//   sources: [{name, url, licence, attribution}]
//   tracks:                                  ordered ladders
//     - id, name, description, org (overrides the default), generate_promotions (default true),
//       promotion: {years, probability}      default for the generated promotions
//       levels: [{id, title, label, level, pay, ambiguity, leadership, tags, description,
//                 promotion: {years, probability}, pay_basis, pay_error, pay_source}]   junior -> senior
//   positions: [{id, title, label, track, level, pay, ambiguity, leadership, tags, description, org,
//                pay_basis, pay_error, pay_source}]
//   (pay_basis: measured | shared | estimated | top-coded; pay_error: a relative error, 0.15)
//   transitions: [{from, to, kind, years, probability, provenance}]
//
// Design choices:
//  - A TRANSITION_KIND_PROMOTION is generated between consecutive levels of a track, with provenance
//    "generated: consecutive levels of track <id>". Its years and probability come from the
//    lower level's `promotion`, each falling back to the track's; when neither gives one it
//    is a missing-value error naming the track and level.
//  - An explicit transition between two consecutive levels of a track whose kind is
//    promotion (or not given) replaces the generated one. Other explicit transitions without
//    a kind have it inferred (load.h). Explicit transitions default their provenance to the
//    file's name.
//  - A track's id, name and description become a v1::Track in the metadata; the `label`s of
//    its levels ("IC3", "L6") become its level scale and each position's level_label.
//  - `level` defaults to the 1-based index in the track's list; `title` to the id.
//  - Unknown keys are warnings (unknown-key): they are usually typos of optional keys.
//  - A bad value in a track's default promotion is reported once, on the first promotion
//    generated from it, at the line of the value.
//  - Lines are yaml-cpp's marks, made 1-based; each field's line is kept where it differs
//    from its record's (block mappings).
//  - Two paths, one reader. yaml-cpp's document tree costs ~80 bytes and ~0.13 us per byte
//    of input (a 16 MB ladder: 1.3 GB, 2 s before any ladder is built), so a ladder is first
//    read into io/yaml_tree.h's compact tree of the subset ladders are written in; when the
//    text leaves that subset, or a competency (read by io/competency_yaml.h from yaml-cpp
//    nodes) has a problem, yaml-cpp's tree is read instead, which words every error with its
//    line as before. The ladder is read from either tree by the same code, templated on the
//    node, so the result is the same LadderPart, findings and lines included
//    (tests/yaml_fast_path_test.cc, fuzz/ladder_fuzz.cc).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "io/ladder_part.h"

namespace careergraph::io {

// The ladder in `text`: the fast path when it handles the text, else the general path.
LadderPart ReadYamlLadder(std::string_view text, const std::string& file);

// The two paths, for tests, benchmarks and the fuzz harness. The fast path returns nothing
// for a text it leaves to the general path; when it returns a part, it is the general path's.
std::optional<LadderPart> ReadYamlLadderFast(std::string_view text, const std::string& file);
LadderPart ReadYamlLadderGeneral(std::string_view text, const std::string& file);

}  // namespace careergraph::io
