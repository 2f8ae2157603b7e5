// One file through a parse function, for the grammar tests: the nodes it
// gave, or the problem that stopped it.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "staplint/config_tree.hpp"
#include "staplint/source.hpp"

namespace staplint::test {

struct LoweredFile {
  SourceManager sm;
  FileId file = kNoFile;
  std::span<Node> nodes;
  std::optional<InputProblem> problem;
  bool ok = false;

  /// `parse(file, sm)` is one of the parse_<dialect>_text functions.
  template <class Parse>
  LoweredFile(const std::string& path, const std::string& text, Parse parse) {
    file = sm.add(path, path, text);
    ParseResult parsed = parse(file, sm);
    ok = parsed.ok();
    if (ok) {
      nodes = *parsed;
    } else {
      problem = parsed.error();
    }
  }
};

}  // namespace staplint::test
