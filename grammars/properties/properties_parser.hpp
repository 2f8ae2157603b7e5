// Public, Spirit-free entry point of the Java properties grammar.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ast.hpp"

namespace staplint::grammar::properties {

/// Splits a whole properties file into comments and entries. Every input is
/// accepted, as java.util.Properties.load accepts it.
std::vector<ast::entry> parse(std::string_view text);

/// A key or value as the JDK reads it: continuations removed (with the next
/// line's indentation), \uXXXX, \t, \n, \r, \f resolved, any other \x read as x.
/// `valid` is false for a malformed \u escape, which the JDK rejects
/// ("Malformed \uxxxx encoding.").
std::string unescape(std::string_view raw, bool& valid);

}  // namespace staplint::grammar::properties
