// Protobuf ladders: a careergraph.v1.Graph as binary (.pb .binpb), text format (.textproto
// .txtpb .pbtxt) or protobuf's JSON mapping (.json).
//
// Text format records where every field was parsed, so findings on a textproto name the
// line of the offending record and field. Binary has no lines; JSON parse errors carry what
// the parser reports, and records found later carry only the file.
#pragma once

#include <string>
#include <string_view>

#include "io/ladder_part.h"

namespace careergraph::io {

enum class ProtoFormat { kBinary, kText, kJson };

LadderPart ReadProtoLadder(std::string_view bytes, const std::string& file, ProtoFormat format);

}  // namespace careergraph::io
