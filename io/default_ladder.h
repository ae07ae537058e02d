// The default reference ladder, embedded in the binary at build time: CMake turns
// data/default_ladder.yaml into build/gen/default_ladder_embed.cc (cmake/embed.cmake).
// Parse it with LoadYamlLadder(kDefaultLadderYaml, "default_ladder.yaml"); graph_source.h
// does so once per process.
#pragma once

#include <string_view>

namespace careergraph::io {

extern const std::string_view kDefaultLadderYaml;

}  // namespace careergraph::io
