// An HTTP request body (JSON, as most clients send) and query string, parsed into a request
// message as the server does (tools/server/codec.h). What it accepts must serialise to
// binary protobuf that parses back: the answer to it carries its strings (issue 13: protobuf
// answers with invalid UTF-8).
#include "careergraph/v1/route.pb.h"
#include "fuzz/fuzz_util.h"
#include "tools/server/codec.h"

extern "C" int CAREERGRAPH_FUZZ_ENTRY(const std::uint8_t* data, std::size_t size) {
  using namespace careergraph;
  const std::string_view bytes = fuzz::Bytes(data, size);
  for (server::WireFormat format : {server::WireFormat::kJson, server::WireFormat::kProtobuf}) {
    v1::RouteRequest req;
    if (!server::ParseBody(bytes, format, &req).ok()) continue;
    v1::RouteRequest back;
    if (!back.ParseFromString(req.SerializeAsString()))
      fuzz::Fail("an accepted request body does not survive binary protobuf (strings not UTF-8?)");
    // Enum values in any spelling (engine/choices.h) are read to a value the type declares.
    if (format == server::WireFormat::kJson) {
      if (!v1::Objective_IsValid(req.objective())) fuzz::Fail("an accepted JSON body holds an undeclared objective");
      for (int k : req.constraints().avoid_kinds())
        if (!v1::TransitionKind_IsValid(k)) fuzz::Fail("an accepted JSON body holds an undeclared transition kind");
    }
    (void)server::Serialize(req, server::WireFormat::kJson);
  }
  v1::RouteRequest q;
  if (server::ParseQuery(server::ParseQueryString(bytes), &q).ok()) {
    v1::RouteRequest back;
    if (!back.ParseFromString(q.SerializeAsString()))
      fuzz::Fail("an accepted query string does not survive binary protobuf (strings not UTF-8?)");
    if (!v1::Objective_IsValid(q.objective())) fuzz::Fail("an accepted query string holds an undeclared objective");
  }
  return 0;
}
