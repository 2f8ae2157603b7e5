// Applying fix edits to file contents.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "staplint/diagnostic.hpp"

namespace staplint {

/// Applies edits (all for one file) to `text`. Identical edits are applied once;
/// an edit overlapping an earlier one is skipped and counted in `skipped`.
std::string apply_edits(const std::string& text, std::vector<TextEdit> edits, std::size_t* skipped = nullptr);

/// The first fix of each finding, grouped by file.
std::map<FileId, std::vector<TextEdit>> collect_first_fixes(const std::vector<Finding>& findings);

}  // namespace staplint
