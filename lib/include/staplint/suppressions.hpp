// Inline suppressions: a comment on its own line,
//   # staplint disable=SL1001,stapling-unverified -- reason
// (`<!-- staplint disable=... -->` in XML, `rem staplint disable=...` or
// `:: staplint disable=...` in batch files) turns the named rules off for the
// next directive or block, or for the whole file when it comes before the
// file's first directive. Rules are named by id or name.
#pragma once

#include <string>
#include <vector>

#include "staplint/config_tree.hpp"
#include "staplint/diagnostic.hpp"
#include "staplint/source.hpp"

namespace staplint {

class RuleCatalog;

struct Suppression {
  FileId file = kNoFile;
  Range comment;  ///< the comment that says it
  bool whole_file = false;
  Range applies;  ///< the next statement (unused for a whole file)
  struct Rule {
    std::string name;  ///< as written
    Range at;          ///< where, in the comment's file
  };
  std::vector<Rule> rules;
  std::string reason;  ///< after ` -- `; may be empty
};

/// The suppressions written in a tree's files (its nodes, included files and
/// JVM files alike).
/// `jobs`: the threads the files may be searched on (the result is the same).
std::vector<Suppression> collect_suppressions(const ConfigTree& tree, const SourceManager& sources, unsigned jobs = 1);

/// The suppression that turns `f` off, or nullptr.
const Suppression* suppressing(const std::vector<Suppression>& suppressions, const Finding& f,
                               const RuleCatalog& catalog);

}  // namespace staplint
