// Competencies in a YAML ladder: the catalogue once at the top level, a profile per level or
// position, and the compact form for ladders (the track lists its axes once and each level
// gives a row of levels, one per axis).
//
//   competencies:                       # the catalogue
//     - id: system_design
//       name: System design
//       description: Designs systems that others build on.
//       scale: [0, 5]                   # min, max (default [0, 5])
//       labels: {1: "a component", 3: "a team's systems", 5: "the company's architecture"}
//       source: Engineering Ladders
//   tracks:
//     - id: swe
//       competency_axes: [technology, system_design, people]   # the compact form's columns
//       levels:
//         - id: swe-l5
//           competencies: [4, 3, 1]                         # one level per axis
//         - id: swe-l6
//           competencies: {technology: 4, system_design: {level: 4, importance: 0.8}}
//
// Every problem is a finding with file:line: an unknown competency (with a suggestion), a
// level outside its scale, a row whose length differs from the axes, a profile in a file
// with no catalogue.
#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "careergraph/v1/error.pb.h"
#include "careergraph/v1/graph.pb.h"

namespace careergraph::io {

// Reads the top-level `competencies` list into metadata.competencies.
void ReadCompetencyCatalogue(const YAML::Node& list, const std::string& file, v1::Metadata* metadata,
                             std::vector<v1::Finding>* findings);

// Reads a track's `competency_axes` (competency ids, checked against the catalogue).
std::vector<std::string> ReadCompetencyAxes(const YAML::Node& list, const std::string& file,
                                            const v1::Metadata& metadata, std::vector<v1::Finding>* findings);

// Reads a level's or position's `competencies`: a mapping {id: level | {level, importance}},
// or with `axes` a list of levels in axis order.
void ReadCompetencyProfile(const YAML::Node& node, const std::vector<std::string>& axes, const std::string& file,
                           const v1::Metadata& metadata, v1::Position* position, std::vector<v1::Finding>* findings);

}  // namespace careergraph::io
