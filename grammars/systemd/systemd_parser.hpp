// Public, Spirit-free entry point of the systemd unit grammar.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ast.hpp"

namespace staplint::grammar::systemd {

/// Splits a unit file into comments, section headers and assignments. Every
/// input is accepted: systemd skips (and logs) lines it cannot read.
std::vector<ast::entry> parse(std::string_view text);

/// A value as systemd reads it: each backslash-newline becomes a space.
std::string join_lines(std::string_view raw);

}  // namespace staplint::grammar::systemd
