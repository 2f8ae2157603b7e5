// `staplint probe HOST[:PORT]...`: each endpoint's live stapling verdict
// (lib/src/probe_tls.cpp, lib/src/probe_verdict.cpp), probed concurrently
// (at most 32 at a time), then judged by the live rules (SL5xxx,
// lib/src/checks/live/) into findings every format writes. `--replay` judges
// probe recordings instead, and connects to nothing.
#include <algorithm>
#include <atomic>
#include <csignal>
#include <ctime>
#include <iostream>
#include <set>
#include <thread>

#include "commands.hpp"
#include "runs.hpp"
#include "staplint/format.hpp"
#include "staplint/live_rules.hpp"
#include "staplint/probe.hpp"
#include "staplint/probe_recording.hpp"
#include "staplint/text.hpp"

namespace staplint::cli {

namespace {

/// At most this many endpoints in one run (a tree of 20,000 servers would
/// otherwise mean 40,000 handshakes at least); --from says how many it left.
constexpr std::size_t kMaxProbedEndpoints = 1024;

/// The address --connect gives `label`, or empty.
std::string connect_for(const Options& o, const std::string& label) {
  for (const std::pair<std::string, std::string>& c : o.probe.connect) {
    if (c.first == label) return c.second;
  }
  return {};
}

/// --from: the TLS endpoints the configuration declares, each at the
/// address it listens on (or --connect's for its NAME:PORT), with its server
/// name as the target and SNI, its findings reported where it is declared.
/// One that listens on every address and has no --connect is not probed:
/// connecting by its name would reach wherever DNS points, which the
/// configuration does not say. Returns an exit status.
int add_declared(const Invocation& in, SourceManager& sources, std::vector<ProbedEndpoint>& all) {
  Options lo = in.options;
  lo.paths = in.options.probe.from;
  lo.probe = {};
  DiskFileSystem fs;
  auto session = open_session(lo, fs, in.catalog);
  if (!session) return session.error().status;
  bool failed = false;
  const LintResult result = lint_all(fs, sources, in.catalog, session->runs, session->baseline, failed);
  report_unusable(result, fs);
  if (!result.unusable.empty()) return 2;
  std::size_t declared = 0;
  std::size_t over = 0;
  for (const EndpointReport& e : result.endpoints) {
    if (e.file == kNoFile) continue;  // every endpoint has its file; never index past the sources
    const SourceFile& file = sources.file(e.file);
    const std::string at =
        path::relative_to(file.path(), session->cwd) + ":" + std::to_string(file.line_col(e.range.begin).line);
    for (const EndpointReport::Address& a : e.addresses) {
      ++declared;
      ProbeTarget t;
      t.port = a.port;
      t.host = !e.server_name.empty() ? e.server_name : a.host;
      t.sni = !in.options.probe.sni.empty() ? in.options.probe.sni : e.server_name;
      t.connect = connect_for(in.options, t.label());
      if (t.connect.empty() && !a.host.empty() && a.host != t.host) t.connect = a.host;
      if (t.host.empty() || (a.host.empty() && t.connect.empty())) {
        std::cerr << "staplint: note: " << escape_for_display(at) << ": '" << escape_for_display(e.name)
                  << "' listens on every address on port " << a.port << "; not probed: give --connect "
                  << escape_for_display(t.host.empty() ? "NAME" : t.host) << ":" << a.port << "=ADDRESS\n";
        continue;
      }
      if (all.size() >= kMaxProbedEndpoints) {
        ++over;
        continue;
      }
      ProbedEndpoint& p = all.emplace_back();
      p.target = std::move(t);
      p.declared_at = at;
      if (in.options.probe.against) p.configured = e.stapling;
      p.file = e.file;
      p.range = e.range;
    }
  }
  if (over > 0) {
    std::cerr << "staplint: note: " << over << " more endpoint" << (over == 1 ? "" : "s")
              << " not probed: one run probes at most " << kMaxProbedEndpoints << "\n";
  }
  if (declared == 0) std::cerr << "staplint: note: the configuration declares no TLS endpoint with an address\n";
  if (all.empty()) return 3;
  return 0;
}

/// The named targets, with --sni and --connect. Returns an exit status.
int add_named(const Options& o, std::vector<ProbedEndpoint>& all) {
  if (o.paths.size() > kMaxProbedEndpoints) {
    std::cerr << "staplint: " << o.paths.size() << " targets; one run probes at most " << kMaxProbedEndpoints << "\n";
    return 3;
  }
  for (const std::string& t : o.paths) {
    std::string error;
    auto target = parse_probe_target(t, error);
    if (!target) {
      std::cerr << "staplint: " << escape_for_display(error) << "\n";
      return 3;
    }
    target->sni = o.probe.sni;
    target->connect = connect_for(o, target->label());
    if (target->connect.empty()) target->connect = connect_for(o, t);
    all.emplace_back().target = std::move(*target);
  }
  return 0;
}

/// Probes every endpoint, up to kProbeConcurrency at a time: the waits are
/// the network's, not the cores'. Each result goes in its endpoint's slot.
void probe_all(const Options& o, std::vector<ProbedEndpoint>& all) {
  ProbeOptions po;
  po.attempts = o.probe.attempts;
  po.timeout = std::chrono::milliseconds(o.probe.timeout_ms);
  if (o.probe.tls) po.versions = {*o.probe.tls == "1.2" ? TlsVersion::tls12 : TlsVersion::tls13};
  po.judge.now = static_cast<UnixTime>(std::time(nullptr));
  const std::unique_ptr<TlsClient> client = make_openssl_tls_client();
  const std::unique_ptr<OcspFetcher> fetcher = o.probe.ask_responder ? make_http_ocsp_fetcher() : nullptr;
  po.ask_responder = fetcher.get();
  constexpr std::size_t kProbeConcurrency = 32;
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < all.size();) {
      all[i].results = probe_endpoint(*client, all[i].target, po);
    }
  };
  const std::size_t threads = std::min(kProbeConcurrency, all.size());
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

/// A recording that cannot be read, as the finding of its rule (SL0001 or
/// SL0004).
Finding problem_finding(const RuleCatalog& catalog, const InputProblem& p) {
  Finding f;
  const RuleSpec* rule = catalog.find(p.kind == InputProblemKind::syntax ? "SL0001" : "SL0004");
  f.rule_id = rule ? rule->id : "SL0001";
  f.rule_name = rule ? rule->name : "syntax-error";
  f.severity = Severity::error;
  f.file = p.file;
  f.range = p.range;
  f.message = p.message;
  return f;
}

/// --replay: the recordings named (a folder: its `*.probe.yaml` files), each
/// judged again. Returns an exit status.
int add_replayed(const Options& o, const RuleCatalog& catalog, SourceManager& sources, std::vector<ProbedEndpoint>& all,
                 std::vector<Finding>& problems) {
  DiskFileSystem fs;
  std::vector<std::string> files;
  for (const std::string& p : o.paths) {
    const PathKind kind = fs.kind(p);
    if (kind == PathKind::missing) {
      // As lint says of a named path it cannot read: exit 2.
      std::cerr << "staplint: error: cannot read '" << escape_for_display(p) << "': no such file or directory\n";
      return 2;
    }
    if (kind != PathKind::directory) {
      files.push_back(p);
      continue;
    }
    path::WalkReport walked;
    for (std::string& f : path::files_below(fs, p, 32, true, walked)) {
      if (is_probe_recording(f)) files.push_back(std::move(f));
    }
    if (walked.over_budget) {
      std::cerr << "staplint: error: '" << escape_for_display(p) << "' holds more than " << path::kMaxWalkEntries
                << " directory entries\n";
      return 2;
    }
  }
  if (files.empty()) {
    std::cerr << "staplint: error: no probe recording (NAME.probe.yaml) in what was named\n";
    return 2;
  }
  JudgeOptions judge;
  judge.now = o.lint.now ? *o.lint.now : static_cast<UnixTime>(std::time(nullptr));
  for (const std::string& f : files) {
    auto rec = read_probe_recording(fs, sources, f, o.load.limits.max_file_size);
    if (!rec) {
      problems.push_back(problem_finding(catalog, rec.error()));
      continue;
    }
    all.push_back(replay_probe_recording(*rec, judge));
  }
  return 0;
}

/// --record DIR: each endpoint's recording and its files, written into DIR
/// (which must be a directory) through a temporary file and a rename each,
/// never through a symbolic link. Returns an exit status.
int write_recordings(const std::string& dir, const std::vector<ProbedEndpoint>& all) {
  DiskFileSystem fs;
  if (fs.kind(dir) != PathKind::directory) {
    std::cerr << "staplint: error: --record: '" << escape_for_display(dir) << "' is not a directory\n";
    return 2;
  }
  char when[32] = "";
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  if (gmtime_r(&now, &utc)) std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &utc);
  std::set<std::string> names;
  for (const ProbedEndpoint& p : all) {
    std::string name = recording_name(p.target);
    for (int n = 2; !names.insert(name).second; ++n) name = recording_name(p.target) + "-" + std::to_string(n);
    for (const RecordedFile& f : record_probe(p, name, when)) {
      const std::string path = path::join(dir, f.name);
      if (fs.read_link(path)) {
        std::cerr << "staplint: error: --record: '" << escape_for_display(path)
                  << "' is a symbolic link; not written through\n";
        return 2;
      }
      if (const Result<void> w = fs.write_file(path, f.bytes); !w) {
        std::cerr << "staplint: error: --record: " << escape_for_display(w.error().message) << "\n";
        return 2;
      }
    }
  }
  std::cerr << "staplint: recorded " << all.size() << " endpoint" << (all.size() == 1 ? "" : "s") << " in '"
            << escape_for_display(dir) << "'\n";
  return 0;
}

}  // namespace

int probe_command(const Invocation& in) {
  const Options& o = in.options;
  // A peer that closes while the client hello is written must not end the
  // process: the write fails, and the handshake says so.
  std::signal(SIGPIPE, SIG_IGN);
  // The rules, their severities, --fail-on and the format: the command line's.
  const Result<Run> run = resolve(o, nullptr, in.catalog, current_directory());
  if (!run) {
    std::cerr << "staplint: " << escape_for_display(run.error().message) << "\n";
    return 3;
  }
  const std::string format = o.format.value_or("text");
  const bool color = o.color == "always" || (o.color == "auto" && ::isatty(STDOUT_FILENO));
  std::unique_ptr<Formatter> formatter = make_formatter(format, color);
  if (!formatter) {
    std::cerr << "staplint: unknown format '" << escape_for_display(format) << "'\n";
    return 3;
  }

  SourceManager sources;
  std::vector<ProbedEndpoint> all;
  LintResult result;
  if (o.probe.replay) {
    if (const int status = add_replayed(o, in.catalog, sources, all, result.findings)) return status;
  } else {
    if (const int status = add_named(o, all)) return status;
    if (!o.probe.from.empty()) {
      if (const int status = add_declared(in, sources, all)) return status;
    }
    for (const std::pair<std::string, std::string>& c : o.probe.connect) {
      const bool used = std::any_of(all.begin(), all.end(), [&](const ProbedEndpoint& p) {
        return c.first == p.target.label() || p.target.connect == c.second;
      });
      if (!used) {
        std::cerr << "staplint: '--connect " << escape_for_display(c.first) << "=...' names no target given\n";
        return 3;
      }
    }
    probe_all(o, all);
  }
  // An endpoint named on the command line has no file: its findings go to
  // one named for it, `tls://HOST:PORT`, with no text.
  for (ProbedEndpoint& p : all) {
    if (p.file != kNoFile) continue;
    const std::string name = "tls://" + p.target.label();
    p.file = sources.add(name, name, "");
  }
  for (const ProbedEndpoint& p : all) {
    if (std::find(result.files.begin(), result.files.end(), p.file) == result.files.end()) {
      result.files.push_back(p.file);
      result.file_dialects.push_back(Dialect::live);
    }
  }
  std::vector<Finding> live = run_live_rules(in.catalog, all, run->request.policy);
  std::move(live.begin(), live.end(), std::back_inserter(result.findings));

  if (format == "json") {
    write_probe_json(all, result.findings, sources, std::cout);
  } else if (format == "text") {
    write_probe_text(all, std::cout);
    if (!result.findings.empty()) {
      std::cout << "\n";
      formatter->write({sources, result, in.catalog, false}, std::cout);
    }
  } else {
    formatter->write({sources, result, in.catalog, false}, std::cout);
  }
  std::cout.flush();
  // After the report: a recording that cannot be written loses no verdict.
  if (!o.probe.record.empty()) {
    if (const int status = write_recordings(o.probe.record, all)) return status;
  }
  const bool failed = std::any_of(result.findings.begin(), result.findings.end(),
                                  [&](const Finding& f) { return !run->fail_never && f.severity >= run->fail_on; });
  return failed ? 1 : 0;
}

}  // namespace staplint::cli
