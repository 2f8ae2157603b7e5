# Writes OUT, a C++ file holding every rules/*.yaml as a string, so the installed
# binary needs no source tree (the idea of ninja's inline.sh).
file(GLOB rule_files "${RULES_DIR}/*.yaml")
list(SORT rule_files)
set(body "")
foreach(f IN LISTS rule_files)
  file(READ "${f}" text)
  string(FIND "${text}" ")staplint_yaml\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${f} contains the raw-string delimiter")
  endif()
  get_filename_component(name "${f}" NAME)
  string(APPEND body "      {\"rules/${name}\", R\"staplint_yaml(${text})staplint_yaml\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from rules/*.yaml by cmake/embed_rules.cmake. Do not edit.
#include \"staplint/rules.hpp\"

namespace staplint {
const std::vector<RuleText>& embedded_rule_texts() {
  static const std::vector<RuleText> texts = {
${body}  };
  return texts;
}
}  // namespace staplint
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
