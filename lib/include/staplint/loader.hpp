// Reads configuration files, parses them once each, and expands includes the
// way each server resolves them: nginx's `include`, httpd's `Include` and
// `IncludeOptional`.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "staplint/config_tree.hpp"
#include "staplint/file_system.hpp"
#include "staplint/template_mask.hpp"
#include "staplint/template_vars.hpp"

namespace staplint {

struct LoadOptions {
  /// Relative includes resolve against this directory; empty: the directory
  /// of the entry file (nginx's conf prefix), or for httpd the entry's
  /// `ServerRoot` when that directory exists.
  std::string prefix;
  /// Absolute includes are looked up below this directory when set, so that
  /// `/etc/nginx/conf.d/*.conf` can be read from a checkout.
  std::string root;
  /// Absolute server paths read from elsewhere, longest prefix first wins
  /// over `root`: {"/etc/nginx", "deploy/nginx"} reads /etc/nginx/x.conf
  /// as deploy/nginx/x.conf.
  std::vector<std::pair<std::string, std::string>> path_map;
  LoadLimits limits;
  /// The working directory relative paths are taken from (confinement
  /// compares absolute paths); empty: paths are compared as written.
  std::string cwd;
  /// Threads that read and parse the files an include names (`-j`). The
  /// result is the same for any count: files join the tree in order.
  unsigned jobs = 1;
  /// A tree's rules run on up to `jobs` threads, one for each this many bytes
  /// of its text: starting threads costs more than the rules of a small tree
  /// (a directory of site files is many small trees). 0: always `jobs`.
  std::size_t rule_thread_bytes = std::size_t{512} * 1024;
  /// Template variables given outside the repository's own files
  /// (`--template-var NAME=VALUE`, `.staplint.yaml`'s `template-vars`), by the
  /// name the template writes (`nginx_stapling`, `.Values.tls.stapling`,
  /// `@stapling`, `STAPLING`); they override the role's and chart's files.
  struct TemplateVar {
    std::string name, value, source;
  };
  std::vector<TemplateVar> template_vars;
  /// Globs (absolute, or relative to cwd) whose files are templates of an
  /// engine their names do not say (`.staplint.yaml`'s `templates`); the
  /// first that matches wins, before the names' own engines.
  std::vector<std::pair<std::string, TemplateEngine>> template_globs;
  /// Read templates as if every condition without an `else` rendered
  /// nothing (leave_out_conditions()): lint() reads a template's tree this
  /// way too, for what a condition that is false leaves out.
  bool template_conditions_out = false;

  /// Where an absolute path as the server names it is read: below the
  /// longest `path_map` prefix that covers it, else below `root`, else
  /// itself. A relative path is returned as it is.
  std::string map_server_path(const std::string& server_path) const;
  /// Whether absolute server paths are read from a checkout at all.
  bool maps_server_paths() const { return !root.empty() || !path_map.empty(); }
  /// The checkout directories a server's paths are read from: `root` and
  /// the `path_map` targets.
  std::vector<std::string> checkout_roots() const;
  /// `relative` taken from `dir`, where a checkout is read: `..` stops at the
  /// checkout root that holds `dir`, as it would under chroot.
  std::string join_confined(const std::string& dir, const std::string& relative) const;
};

/// One file read and parsed (or not), before include expansion.
struct ParsedFile {
  FileId file = kNoFile;  ///< kNoFile: the file could not be read
  std::span<Node> nodes;
  /// The nodes were handed to a tree; a second use gets a deep copy.
  bool taken = false;
  std::size_t node_count = 0;  ///< all nodes, children included
  unsigned depth = 0;          ///< how deep its blocks nest (0: none)
  /// It holds something the include expansion acts on (an include; httpd's
  /// Define or UnDefine): a file without is not walked again when included.
  bool expands = true;
  std::optional<InputProblem> problem;  ///< unreadable, binary, too large, syntax
};

class ConfigLoader {
 public:
  ConfigLoader(const FileSystem& fs, SourceManager& sources, LoadOptions options);

  /// Parses `path` as `dialect` (cached by canonical identity).
  ParsedFile& parse_file(const std::string& path, Dialect dialect = Dialect::nginx);
  /// Loads the tree rooted at `entry_path`, expanding includes.
  /// `base_dir`, when set, is where relative includes resolve (else the
  /// entry's directory, or httpd's ServerRoot): for a fragment inside a
  /// server tree, that tree's conf prefix.
  ConfigTree load(const std::string& entry_path, bool as_fragment, Dialect dialect = Dialect::nginx,
                  const std::string& base_dir = {});
  /// Loads the tree of `entry_path` with `file`, which no entry includes (a
  /// site in sites-available/, a template), read as if included where its
  /// siblings are: at the end of the last `http {}` (nginx) or at server
  /// level (httpd). `tree.adopted` is its id, or kNoFile when it cannot be
  /// (a syntax error in it, no `http {}`, already in the tree): then lint it
  /// as a fragment.
  ConfigTree load_adopting(const std::string& entry_path, Dialect dialect, const std::string& file);

  /// Loads files that form one tree without including each other (a
  /// Terraform module: the *.tf and *.tf.json of one directory): their
  /// top-level nodes in the order given; `files.front()` is the entry.
  ConfigTree load_files(const std::vector<std::string>& files, Dialect dialect, const std::string& base_dir);

  const LoadOptions& options() const { return options_; }

  /// The template engine `path` is written for: by its name (`*.j2`,
  /// `*.template`, ...: template_by_name), or a file in the `templates/`
  /// folder of a Helm chart (a `Chart.yaml` beside that folder). Such a file
  /// is read through its mask (template_mask.hpp).
  std::optional<TemplateEngine> template_engine(const std::string& path) const;

  /// The values the repository gives the variables of the template at `path`
  /// (template_vars.hpp): an Ansible role's `defaults/main.yml` then its
  /// `vars/main.yml` (Jinja2, a template under the role's `templates/`), a
  /// Helm chart's `values.yaml` as `.Values.` (Go, a template under the
  /// chart's `templates/`), then options().template_vars.
  TemplateVariables template_variables(const std::string& path, TemplateEngine engine);

 private:
  struct Expansion;
  /// What the loader needs of a file's nodes, from one walk (summarize()):
  /// their number, how deep they nest (`deep`: the first node deeper than
  /// the limit), and whether the include expansion has anything to do there.
  struct NodeSummary {
    std::size_t count = 0;
    unsigned depth = 0;
    const Node* deep = nullptr;
    bool expands = false;
  };
  /// A file parse_ahead() parsed on another thread.
  struct ParsedAhead {
    SourceManager* owner = nullptr;  ///< kept alive by sources_
    FileId file = kNoFile;           ///< in owner
    std::vector<NodeUnit*> units;    ///< the units its parse made, repointed when it is taken
    ParseResult parsed;
    NodeSummary summary;  ///< of `parsed`'s nodes, made on the thread that parsed them
  };
  using AheadMap = std::unordered_map<std::string, ParsedAhead>;
  void expand(std::span<Node> nodes, Expansion& ex, std::uint32_t inclusion, unsigned depth, unsigned nesting);
  void expand_include(Node& node, Expansion& ex, std::uint32_t inclusion, unsigned depth, unsigned nesting);
  /// The file's nodes for one more use in a tree: the cached nodes the first
  /// time (most files are included once), a deep copy after that.
  std::span<Node> take_nodes(ParsedFile& pf);
  /// One SL0005 per tree for a variable cut at max_value_length.
  void value_over_limit(Expansion& ex, const Node& node, Range at);
  std::string resolve(const std::string& pattern, const std::string& base_dir) const;
  /// Reads the JVM files that belong to the Tomcat instance of `server_xml`.
  void add_tomcat_jvm_files(ConfigTree& tree, const std::string& server_xml);
  /// Reads and parses `paths` (the files one include names) on
  /// options_.jobs threads, ahead of parse_file(), which takes each result
  /// over in its turn. Only when the file system can read from several
  /// threads; what a thread cannot do (an unreadable or binary file) is left
  /// to parse_file().
  void parse_ahead(const std::vector<std::string>& paths, Dialect dialect, std::size_t budget);
  /// The result parse_ahead() left at `it`, its file now in sources_.
  ParseResult take_parsed_ahead(AheadMap::iterator it, ParsedFile& pf, NodeSummary& summary);
  /// parse_file() for a path whose canonical identity the caller has.
  ParsedFile& parse_file(const std::string& path, const std::string& identity, Dialect dialect);
  /// One walk of a file's nodes, without recursion.
  static NodeSummary summarize(std::span<const Node> nodes, Dialect dialect, unsigned limit);
  /// httpd's ServerRoot for this tree: `--prefix`, else the entry's
  /// `ServerRoot` if that directory exists, else the entry's directory (its
  /// parent when that is `conf/`, RHEL's layout).
  std::string apache_server_root(std::span<const Node> top, const std::string& entry_dir) const;

  const FileSystem& fs_;
  SourceManager& sources_;
  LoadOptions options_;
  std::unordered_map<std::string, ParsedFile> cache_;  // by dialect and canonical identity
  /// Files of variables, read once each, by engine and path.
  std::map<std::string, TemplateVariables> variable_files_;
  /// Each file parse_ahead() parsed, by the same key, until parse_file() takes it.
  AheadMap ahead_;
};

/// Lowers a parsed buffer into common nodes (exposed for tests and fuzzing),
/// or gives the syntax error or nesting limit that stopped it.
ParseResult parse_nginx_text(FileId file, SourceManager& sources, unsigned max_nesting);

}  // namespace staplint
