// `staplint probe HOST[:PORT]...`: each endpoint's live stapling verdict
// (lib/src/probe_tls.cpp, lib/src/probe_verdict.cpp), probed concurrently
// (at most 32 at a time), printed in the targets' order.
#include <algorithm>
#include <atomic>
#include <csignal>
#include <ctime>
#include <iostream>
#include <thread>

#include "staplint/text.hpp"

#include "commands.hpp"
#include "runs.hpp"
#include "staplint/probe.hpp"

namespace staplint::cli {

namespace {

/// The address --connect gives `label`, or empty.
std::string connect_for(const Options& o, const std::string& label) {
  for (const std::pair<std::string, std::string>& c : o.probe.connect) {
    if (c.first == label) return c.second;
  }
  return {};
}

/// --from: the TLS endpoints the configuration declares, each at the
/// address it listens on (or --connect's for its NAME:PORT), with its server
/// name as the target and SNI. One that listens on every address and has no
/// --connect is not probed: connecting by its name would reach wherever DNS
/// points, which the configuration does not say. Returns an exit status.
int add_declared(const Invocation& in, std::vector<ProbedEndpoint>& all) {
  Options lo = in.options;
  lo.paths = in.options.probe.from;
  lo.probe = {};
  DiskFileSystem fs;
  auto session = open_session(lo, fs, in.catalog);
  if (!session) return session.error().status;
  SourceManager sources;
  bool failed = false;
  const LintResult result = lint_all(fs, sources, in.catalog, session->runs, session->baseline, failed);
  report_unusable(result, fs);
  if (!result.unusable.empty()) return 2;
  std::size_t declared = 0;
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
      all.push_back({std::move(t), {}, at});
      if (in.options.probe.against) all.back().configured = e.stapling;
    }
  }
  if (declared == 0) std::cerr << "staplint: note: the configuration declares no TLS endpoint with an address\n";
  if (all.empty()) return 3;
  return 0;
}

}  // namespace

int probe_command(const Invocation& in) {
  const Options& o = in.options;
  // A peer that closes while the client hello is written must not end the
  // process: the write fails, and the handshake says so.
  std::signal(SIGPIPE, SIG_IGN);
  const std::string format = o.format.value_or("text");
  if (format != "text" && format != "json") {
    std::cerr << "staplint: 'staplint probe' writes text or json for now, not '" << escape_for_display(format) << "'\n";
    return 3;
  }
  std::vector<ProbedEndpoint> all;
  for (const std::string& t : o.paths) {
    std::string error;
    auto target = parse_probe_target(t, error);
    if (!target) {
      std::cerr << "staplint: " << escape_for_display(error) << "\n";
      return 3;
    }
    target->sni = o.probe.sni;
    for (const auto& [named, addr] : o.probe.connect) {
      if (named == target->label() || named == t) target->connect = addr;
    }
    all.push_back({std::move(*target), {}});
  }
  if (!o.probe.from.empty()) {
    const int status = add_declared(in, all);
    if (status != 0) return status;
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
  ProbeOptions po;
  po.attempts = o.probe.attempts;
  po.timeout = std::chrono::milliseconds(o.probe.timeout_ms);
  if (o.probe.tls) po.versions = {*o.probe.tls == "1.2" ? TlsVersion::tls12 : TlsVersion::tls13};
  po.judge.now = static_cast<UnixTime>(std::time(nullptr));
  const std::unique_ptr<TlsClient> client = make_openssl_tls_client();
  const std::unique_ptr<OcspFetcher> fetcher = o.probe.ask_responder ? make_http_ocsp_fetcher() : nullptr;
  po.ask_responder = fetcher.get();

  // Concurrently: the waits are the network's, not the cores', so up to
  // kProbeConcurrency endpoints at a time; each result goes in its slot.
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

  if (format == "json") {
    write_probe_json(all, std::cout);
  } else {
    write_probe_text(all, std::cout);
  }
  std::cout.flush();
  for (const ProbedEndpoint& p : all) {
    for (const LiveResult& r : p.results) {
      if (r.verdict != LiveVerdict::stapled_good) return 1;
      if (p.configured && compare_configured(*p.configured, r).kind == Agreement::Kind::disagrees) return 1;
    }
  }
  return 0;
}

}  // namespace staplint::cli
