// Command-line parsing for staplint, kept apart from main() so it can be tested.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "staplint/error.hpp"
#include "staplint/fix_apply.hpp"
#include "staplint/lint.hpp"
#include "staplint/project_config.hpp"

namespace staplint::cli {

/// What the command line says. Settings a `.staplint.yaml` can also give are
/// unset (nullopt or empty) unless the command line gives them: it wins.
struct Options {
  std::vector<std::string> paths;
  std::optional<std::string> format;
  std::string color = "auto";
  std::optional<std::string> fail_on;                         ///< error | warning | info | none
  std::string config_file;                                    ///< --config FILE
  bool no_config = false;                                     ///< --no-config
  std::optional<std::set<std::string>> enable, disable;       ///< as written: ids or names
  std::vector<std::pair<std::string, std::string>> severity;  ///< --severity RULE=LEVEL
  std::vector<std::string> exclude;                           ///< --exclude GLOB
  std::string dump_ast;
  bool list_rules = false;
  std::string explain;
  bool help = false;
  bool version = false;
  int verbosity = 0;
  LoadOptions load;
  LintOptions lint;
  std::optional<FixMode> fix;  ///< --fix, --fix=all
  bool diff = false;           ///< --diff
  bool show_suppressed = false;
  std::string baseline;        ///< --baseline FILE
  std::string write_baseline;  ///< --write-baseline FILE

  /// `staplint probe TARGET...` (its targets are `paths`), and its options.
  struct Probe {
    bool on = false;
    std::string sni;                                           ///< --sni NAME
    std::vector<std::pair<std::string, std::string>> connect;  ///< --connect HOST:PORT=ADDR
    std::size_t attempts = 3;                                  ///< --attempts N
    unsigned timeout_ms = 5000;                                ///< --timeout SECONDS
    std::optional<std::string> tls;                            ///< --tls 1.2|1.3
    std::vector<std::string> from;                             ///< --from CONFIG, --against CONFIG
    bool against = false;                                      ///< --against: compare with the static verdicts
    bool ask_responder = false;                                ///< --ask-responder
    bool replay = false;                                       ///< --replay: the paths are recordings
    std::string record;                                        ///< --record DIR
    /// The probe-only options given, for the error a lint run gives.
    std::vector<std::string> given;
  } probe;

  /// What this command line asks staplint to do.
  enum class Command : std::uint8_t { help, version, list_rules, explain, dump_ast, fix, lint, probe };
  Command command() const;
};

/// How an option takes its value.
enum class Takes : std::uint8_t {
  nothing,
  value,         ///< `--opt VALUE` or `--opt=VALUE`
  inline_value,  ///< only as `--opt=VALUE`, else none: a path may follow `--fix`
};

/// What the shell completes for an option's value.
enum class Completes : std::uint8_t {
  nothing,
  words,  ///< the choices its value names, `a|b|c`
  files,
  directories,
  rules,        ///< a rule id or name
  rule_list,    ///< RULE[,RULE...]
  rule_levels,  ///< RULE=LEVEL
};

/// One option: parsing, --help, the man page and the bash completion all read
/// the table of these (option_table.cpp), so they cannot disagree.
struct OptionSpec {
  std::string_view name;        ///< "--format"
  std::string_view short_name;  ///< "-h", or empty
  std::string_view value;       ///< its value as --help writes it: FILE, a|b; empty when it takes none
  Takes takes = Takes::nothing;
  std::string_view help;  ///< lines separated by '\n'
  Completes completes = Completes::nothing;
  /// Stores `value` (empty when the option took none); false with `error`
  /// set when the value is not one the option takes.
  bool (*apply)(Options& o, std::string_view option, const std::string& value, std::string& error) = nullptr;

  /// How --help writes the option: "-h, --help", "--format text|gcc",
  /// "--fix[=safe|all]".
  std::string synopsis() const;
  /// The choices of a `words` value: "text|gcc" gives {"text", "gcc"};
  /// none for any other value.
  std::vector<std::string_view> words() const;
};

/// Every option, in the order --help lists them.
std::span<const OptionSpec> option_table();

/// The settings of one run over some paths: the command line over the
/// project configuration `config` (may be null) over the defaults.
struct Run {
  LintRequest request;
  std::string format = "text";
  Severity fail_on = Severity::warning;
  bool fail_never = false;
};

/// Combines them. `cwd` makes relative globs absolute and paths from the
/// configuration relative to where staplint runs. A rule the command line
/// names that the catalog does not know is a usage error.
Result<Run> resolve(const Options& o, const ProjectConfig* config, const RuleCatalog& catalog, const std::string& cwd);

/// Parses argv, or says what is wrong with it (a usage error).
Result<Options> parse(int argc, const char* const* argv);

/// The parts of --help, for the man page: what staplint does, and its exit
/// statuses (the options come from option_table()).
std::string_view usage_synopsis();
std::string_view usage_description();
std::string_view usage_exit_status();
/// --help: the parts above and every option.
std::string usage();

}  // namespace staplint::cli
