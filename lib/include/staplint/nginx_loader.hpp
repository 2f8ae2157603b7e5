// Reads nginx files, parses them once each, and expands `include` the way
// nginx resolves it.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "staplint/config_tree.hpp"
#include "staplint/file_system.hpp"

namespace staplint {

struct NginxLoadOptions {
  /// Relative includes resolve against this directory; empty: the directory
  /// of the entry file (nginx's conf prefix).
  std::string prefix;
  /// Absolute includes are looked up below this directory when set, so that
  /// `/etc/nginx/conf.d/*.conf` can be read from a checkout.
  std::string root;
  LoadLimits limits;
};

/// One file read and parsed (or not), before include expansion.
struct ParsedFile {
  FileId file = kNoFile;  ///< kNoFile: the file could not be read
  std::span<Node> nodes;
  /// The nodes were handed to a tree; a second use gets a deep copy.
  bool taken = false;
  std::optional<InputProblem> problem;  ///< unreadable, binary, too large, syntax
};

class NginxLoader {
 public:
  NginxLoader(const FileSystem& fs, SourceManager& sources, NginxLoadOptions options);

  /// Parses `path` (cached by canonical identity).
  ParsedFile& parse_file(const std::string& path);
  /// Loads the tree rooted at `entry_path`, expanding includes.
  ConfigTree load(const std::string& entry_path, bool as_fragment);

  const NginxLoadOptions& options() const { return options_; }

 private:
  struct Expansion;
  void expand(std::span<Node> nodes, Expansion& ex, std::uint32_t inclusion, unsigned depth);
  void expand_include(Node& node, Expansion& ex, std::uint32_t inclusion, unsigned depth);
  /// The file's nodes for one more use in a tree: the cached nodes the first
  /// time (most files are included once), a deep copy after that.
  std::span<Node> take_nodes(ParsedFile& pf);
  std::string resolve(const std::string& pattern, const std::string& entry_dir) const;

  const FileSystem& fs_;
  SourceManager& sources_;
  NginxLoadOptions options_;
  std::map<std::string, ParsedFile> cache_;  // by canonical identity
};

/// Lowers a parsed buffer into common nodes (exposed for tests and fuzzing).
/// Returns false and fills `problem` on a syntax error.
bool parse_nginx_text(FileId file, SourceManager& sources, unsigned max_nesting,
                      std::span<Node>& nodes, std::optional<InputProblem>& problem);

}  // namespace staplint
