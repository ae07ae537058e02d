// The competency gap as answers show it in text: "gap 5.00: grow product_sense, strategy".
#pragma once

#include <string>

#include <google/protobuf/repeated_ptr_field.h>

#include "tools/cli/table.h"

namespace careergraph::cli {

inline std::string GapText(double gap, const google::protobuf::RepeatedPtrField<std::string>& grow) {
  std::string s = "gap " + Fixed(gap, 2);
  if (!grow.empty()) {
    s += ": grow ";
    for (int i = 0; i < grow.size(); ++i) s += (i ? ", " : "") + grow[i];
  }
  return s;
}

}  // namespace careergraph::cli
