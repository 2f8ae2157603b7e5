// A loaded configuration tree: an entry file with its includes expanded, plus
// the input problems (SL0001..SL0005) met while loading it.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "staplint/ast.hpp"
#include "staplint/diagnostic.hpp"
#include "staplint/dialect.hpp"
#include "staplint/error.hpp"

namespace staplint {

enum class InputProblemKind : std::uint8_t {
  syntax,             ///< SL0001
  include_not_found,  ///< SL0002
  include_cycle,      ///< SL0003
  unreadable,         ///< SL0004
  limit,              ///< SL0005
  dialect_uncertain,  ///< SL0007
  template_unnamed,   ///< SL0008
};

struct InputProblem {
  InputProblemKind kind = InputProblemKind::syntax;
  FileId file = kNoFile;
  Range range;
  std::string message;
  std::vector<Note> notes;
  std::optional<Fix> fix;
};

/// What a parse function gives: one file's top-level nodes (in the source
/// manager's arena), or the problem that stopped it (a syntax error, a limit).
using ParseResult = Result<std::span<Node>, InputProblem>;

struct ConfigTree {
  Dialect dialect = Dialect::nginx;
  FileId entry = kNoFile;
  /// Where relative includes resolve: the entry's directory (nginx's conf
  /// prefix), httpd's ServerRoot, or the base a fragment was given.
  std::string base_dir;
  /// A standalone fragment (a top-level `server {}` file): linted as if it
  /// were included in `http {}`.
  bool fragment = false;
  /// The dialect was a guess (SL0007): no fixes are offered for the tree.
  bool dialect_guessed = false;
  /// A file no entry includes, read as if included (ConfigLoader::load_adopting).
  FileId adopted = kNoFile;
  std::span<Node> nodes;              ///< in the SourceManager's arena
  std::vector<Inclusion> inclusions;  ///< [0] is the entry file itself
  std::vector<FileId> files;          ///< every file in the tree, in load order
  /// Statements the tree holds, each file's counted once per inclusion
  /// (comments and blocks too): what the models size their lists by.
  std::size_t node_count = 0;
  std::vector<InputProblem> problems;
  /// Tomcat: the JVM files of the instance, read with its server.xml
  /// (/etc/default/tomcatN, CATALINA_BASE/bin/setenv.sh, conf/catalina.properties),
  /// in the order the JVM's start reads them.
  struct JvmFile {
    FileId file = kNoFile;
    std::span<Node> nodes;
    /// Named by -Djava.security.properties: a security properties file
    /// whatever its name.
    bool security = false;
    /// Found where the instance's layout puts it (/etc/default/tomcatN,
    /// the systemd unit, bin/setenv.sh), not named by another file's text
    /// (EnvironmentFile=, java.security.properties): part of what the user
    /// named, so quoted and fixed.
    bool conventional = true;
  };
  std::vector<JvmFile> jvm_files;
};

/// Budgets for what a tree may cost, whatever its files hold. Each that
/// trips gives one SL0005 and the rest is linted. The caps are the largest
/// values the command line accepts.
struct LoadLimits {
  std::size_t max_file_size = 32u << 20;
  static constexpr std::size_t kMaxFileSizeCap = 256u << 20;
  unsigned max_include_depth = 64;
  static constexpr unsigned kMaxIncludeDepthCap = 1000;
  unsigned max_files = 200000;
  static constexpr unsigned kMaxFilesCap = 10'000'000;
  /// Block nesting, in one file and through includes.
  unsigned max_nesting = 100;
  static constexpr unsigned kMaxNestingCap = 10000;
  /// Statements a tree may hold after include expansion, as a multiple of
  /// the distinct statements its files hold (a file included n times counts
  /// n times); never less than kExpansionFloor.
  unsigned max_expansion = 64;
  static constexpr unsigned kMaxExpansionCap = 100000;
  static constexpr std::size_t kExpansionFloor = 250'000;
  /// Bytes one variable may hold after expansion: httpd's Define and
  /// ${VAR}, shell and batch variables.
  std::size_t max_value_length = 1u << 20;
  static constexpr std::size_t kMaxValueLengthCap = 64u << 20;
};

}  // namespace staplint
