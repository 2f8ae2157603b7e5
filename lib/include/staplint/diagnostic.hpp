// Findings, with their notes and fixes as plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "staplint/source.hpp"

namespace staplint {

enum class Severity : std::uint8_t { info = 0, warning = 1, error = 2 };
std::string_view to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view s);

/// Replace `length` bytes at `offset` of `file` with `text`; or, when
/// `create` is set, create the file at that path (as the tree's paths are
/// written) holding `text` (`file` is then kNoFile).
struct TextEdit {
  FileId file = kNoFile;
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  std::string text;
  std::string create;
};

struct Fix {
  std::string description;
  std::vector<TextEdit> edits;
  /// Safe: it only says what the configuration already means (a name's
  /// spelling, a synonym, a repeated line), so `--fix` applies it. Otherwise
  /// it is suggested: it changes what the server does, and only
  /// `--fix=all` applies it.
  bool safe = false;
};

struct Note {
  FileId file = kNoFile;
  Range range;
  std::string message;
};

struct Finding {
  std::string rule_id;  ///< SLnnnn
  std::string rule_name;
  Severity severity = Severity::warning;
  FileId file = kNoFile;
  Range range;
  std::string message;
  std::vector<Note> notes;
  std::vector<Fix> fixes;
  /// The include directives that brought `file` in, innermost first; empty for
  /// an entry file.
  std::vector<Note> included_from;
  /// It holds only if a condition staplint cannot evaluate holds (a note says
  /// which): `<IfDefine NAME>`, `<If ...>`, `<IfModule>` without LoadModule lines.
  bool conditional = false;
};

}  // namespace staplint
