// O*NET Skills as competency profiles: the 35 skills become the graph's competency catalogue
// and each occupation's ratings its profile.
//
// Mapping (README, "The O*NET occupational graph"):
//  - A competency per Element ID (e.g. "2.B.1.a"), named by Element Name, on O*NET's level
//    scale LV, 0..7, with source O*NET.
//  - An occupation's requirement: level = its LV Data Value; importance = (IM - 1) / 4, O*NET's
//    importance scale 1..5 mapped onto 0..1 (1 = "not important" weighs nothing).
//  - Missing is not zero: a rating O*NET marks for suppression (Recommend Suppress = Y: too
//    few raters or too large an error) and an LV marked Not Relevant = Y leave the skill out
//    of the profile (it asks nothing); an IM without its LV, or an LV without its IM, likewise.
//  - Either O*NET layout (OnetScales, onet_tables.h): a row per scale ("Scale ID", "Data
//    Value", 29.x) or the IM and LV columns of one row (30.x).
//  - Rows of occupations the graph does not hold are ignored; a repeated (occupation,
//    element, scale) row, a value outside its scale or a malformed code is an error with
//    file:line.
#pragma once

#include <string>

#include "careergraph/v1/graph.pb.h"
#include "engine/status.h"
#include "io/onet_tables.h"

namespace careergraph::io {

// Adds the catalogue to g's metadata and a profile to each of g's positions whose id is an
// O*NET-SOC code rated in `skills` (the Skills table).
Status AddOnetSkillProfiles(const TsvTable& skills, v1::Graph* g);

}  // namespace careergraph::io
