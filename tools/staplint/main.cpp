// staplint: the command-line driver. It parses the command line, sets up
// logging and signals, and runs the command the options name (commands/).
// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 a named path could
// not be read, 3 usage error, 4 internal error.
#include <csignal>
#include <iostream>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "cli.hpp"
#include "commands.hpp"
#include "heap_tuning.hpp"
#include "staplint/file_system.hpp"
#include "staplint/rules.hpp"
#include "staplint/text.hpp"

#ifndef STAPLINT_VERSION
#define STAPLINT_VERSION "0.0.0"
#endif

namespace {

using namespace staplint;
using Command = cli::Options::Command;

/// SIGINT and SIGTERM during --fix: the temporary file of the write in
/// progress goes, then the signal ends the process as it would have.
extern "C" void on_termination(int sig) {
  staplint::remove_pending_temporary_file();
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void start_logging(int verbosity) {
  auto logger = spdlog::stderr_logger_mt("staplint");
  logger->set_pattern("staplint: %l: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(verbosity >= 2 ? spdlog::level::debug : verbosity == 1 ? spdlog::level::info : spdlog::level::warn);
}

/// The commands that need the rule catalog, by what the options name.
struct CommandEntry {
  Command command;
  int (*run)(const cli::Invocation&);
};
constexpr CommandEntry kCommands[] = {
    {Command::list_rules, cli::list_rules_command},
    {Command::explain, cli::explain_command},
    {Command::dump_ast, cli::dump_ast_command},
    {Command::fix, cli::fix_command},
    {Command::lint, cli::lint_command},
    {Command::probe, cli::probe_command},
};

int run(int argc, char** argv) {
  ::signal(SIGINT, on_termination);
  ::signal(SIGTERM, on_termination);
  const Result<cli::Options> parsed = cli::parse(argc, argv);
  if (!parsed) {
    std::cerr << "staplint: error: " << escape_for_display(parsed.error().message) << "\n"
              << "try 'staplint --help'\n";
    return 3;
  }
  const cli::Options& o = *parsed;
  start_logging(o.verbosity);
  const Command command = o.command();
  if (command == Command::help) {
    std::cout << cli::usage();
    return 0;
  }
  if (command == Command::version) {
    std::cout << "staplint " << STAPLINT_VERSION << "\n";
    return 0;
  }
  const RuleCatalog* catalog = nullptr;
  try {
    catalog = &RuleCatalog::builtin();
  } catch (const RuleError& e) {
    std::cerr << "staplint: error: invalid built-in rule: " << e.what() << "\n";
    return 3;
  }
  for (const CommandEntry& c : kCommands) {
    if (c.command == command) return c.run({o, *catalog, true});
  }
  std::cerr << "staplint: internal error: no command for these options\n";
  return 4;
}

}  // namespace

/// Exit 4 for what nothing below catches (out of memory among them), with a
/// message rather than std::terminate's abort.
int main(int argc, char** argv) {
  staplint::cli::prefer_huge_pages_for_heap();
  try {
    return run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "staplint: internal error: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << "staplint: internal error: " << staplint::escape_for_display(e.what()) << "\n";
  }
  return 4;
}
