// One ladder file, read exactly as `careergraph build` reads one (io/load.h). Built once per
// text format (csv, yaml, json, textproto): CAREERGRAPH_FUZZ_FILE is the file name whose
// extension picks the reader.
//
// For YAML it also holds the fast path to the general one (io/yaml_reader.h): a text the
// subset tree takes must be one yaml-cpp takes, with the same tree, and a text the fast
// reader takes must give the general reader's ladder, findings and lines included.
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "fuzz/fuzz_util.h"
#include "io/text_encoding.h"
#include "io/yaml_compare.h"
#include "io/yaml_reader.h"
#include "io/yaml_tree.h"

namespace careergraph::fuzz {
namespace {

void CheckYamlPathsAgree(std::string_view bytes) {
  if (io::CheckUtf8Text(bytes)) return;  // refused before any reader, as io/load.cc does
  const std::string_view text = io::StripUtf8Bom(bytes);
  if (const std::optional<io::YamlTree> tree = io::YamlTree::Parse(text)) {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      Fail("the YAML subset took a text yaml-cpp refuses: " + e.msg);
    }
    if (const std::string d = io::YamlTreeDifference(*tree, root); !d.empty())
      Fail("the YAML subset's tree is not yaml-cpp's: " + d);
  }
  if (const std::optional<io::LadderPart> fast = io::ReadYamlLadderFast(text, "fuzz.yaml")) {
    const std::string d = io::LadderPartDifference(*fast, io::ReadYamlLadderGeneral(text, "fuzz.yaml"));
    if (!d.empty()) Fail("the YAML fast path reads a ladder unlike the general path: " + d);
  }
}

}  // namespace
}  // namespace careergraph::fuzz

extern "C" int CAREERGRAPH_FUZZ_ENTRY(const std::uint8_t* data, std::size_t size) {
  using namespace careergraph;
  const io::LoadResult r = io::LoadLadderBytes(fuzz::Bytes(data, size), CAREERGRAPH_FUZZ_FILE);
  fuzz::CheckAcceptedLoadsBack(r, CAREERGRAPH_FUZZ_FILE);
  if (std::string_view(CAREERGRAPH_FUZZ_FILE).ends_with(".yaml")) fuzz::CheckYamlPathsAgree(fuzz::Bytes(data, size));
  return 0;
}
