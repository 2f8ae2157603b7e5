// Which server reads a file that no entry includes: nginx or Apache httpd?
// The file's text, its name and folders, and the tree it sits in each give
// evidence; the verdict says how sure it is, so that a guess is reported as a
// guess and never "fixed" in a dialect the file may not be written in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "staplint/config_tree.hpp"

namespace staplint {

struct DialectGuess {
  Dialect dialect = Dialect::nginx;
  /// The evidence agrees (or there is none to disagree: an empty file). When
  /// false, `why` says what was seen, at `at`.
  bool certain = true;
  /// The file holds ModSecurity rules (`SecRule`, `SecAction`, ...): httpd
  /// syntax, read by mod_security2 or by nginx's `modsecurity_rules_file`,
  /// never by nginx's own parser.
  bool modsecurity = false;
  /// False when the text is not recognisably either server's configuration:
  /// a script ('#!'), prose (a README), an INI file. Nothing is linted.
  bool configuration = true;
  std::uint32_t at = 0;  ///< byte offset of the line that decided, or of the first conflicting one
  std::string why;       ///< for the note: "lines ending in ';' and httpd '<Section>' tags"
};

/// `tree` is the dialect of the server tree the file sits in (an nginx.conf or
/// apache2.conf/httpd.conf above it), if any. Linear in the text.
DialectGuess sniff_dialect(std::string_view path, std::string_view text, std::optional<Dialect> tree = std::nullopt);

}  // namespace staplint
