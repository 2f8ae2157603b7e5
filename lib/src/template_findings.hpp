// How findings and verdicts read in a template (issue 17): a value in a hole
// is unknown, text in a condition or near an insertion may not be rendered.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "staplint/config_tree.hpp"
#include "staplint/result.hpp"
#include "staplint/source.hpp"

namespace staplint {

/// The blocks of a tree's templates, by file and where their names start:
/// built once per tree (empty when the tree holds no template), so that
/// judging a finding does not walk the tree.
class TemplateBlocks {
 public:
  TemplateBlocks(const ConfigTree& tree, const SourceManager& sources);
  const Node* at(FileId file, std::uint32_t name_begin) const;

 private:
  std::unordered_map<std::uint64_t, const Node*> blocks_;
};

/// Judges a finding in the light of the templates it touches. Returns false
/// when it must not be reported: its range lies in a hole, a value nobody
/// knows before rendering (an include's path too; syntax errors and limits
/// are kept). Otherwise marks
/// it conditional, with a note, when a template condition holds it or (for a
/// block) when the block holds a condition or an insertion; and drops every
/// fix that would edit template markup.
bool judge_template_finding(Finding& f, const TemplateBlocks& blocks, const SourceManager& sources);

/// `s` (a message, an endpoint's name) with each run of hole filler that
/// stands for a hole of `file` shown as the template wrote it: the models
/// read the mask, so a value taken from `{{ host }}` reads `XXXXXXXXXX`. A run
/// maps to the hole at its place in the message's word (`XXXXXXXXXX:XXXXXX`)
/// where that word stands in the masked text of `extent`; else to the next
/// hole of its length after the hole shown before it (a guess); a run no hole
/// there explains stays as it is.
std::string show_holes(std::string s, FileId file, Range extent, const SourceManager& sources);

/// An endpoint's verdict in a template: unknown when its block holds a
/// template condition, block or insertion, or a hole on a line that names
/// stapling or OCSP (even when `v` is fatal: the server's verdict on the
/// hole's filler); else `v`.
Stapling template_verdict(Stapling v, const Node& block, const SourceManager& sources);

}  // namespace staplint
