# Turns a file into a C++ translation unit defining `std::string_view NAMESPACE::SYMBOL`
# (NAMESPACE defaults to careergraph::io).
if(NOT NAMESPACE)
  set(NAMESPACE careergraph::io)
endif()
file(READ ${INPUT} CONTENT HEX)
string(LENGTH "${CONTENT}" HEXLEN)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," BYTES "${CONTENT}")
math(EXPR LEN "${HEXLEN} / 2")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}; do not edit.\n#include <string_view>\nnamespace ${NAMESPACE} {\nstatic const char kData[] = {${BYTES} 0};\nextern const std::string_view ${SYMBOL};\nconst std::string_view ${SYMBOL}(kData, ${LEN});\n}\n")
