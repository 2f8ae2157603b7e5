// staplint probe (issue 18): targets, and the verdict on scripted handshakes
// that carry the test PKI's certificates and OCSP responses (samples/certs).
// No network: a fake TlsClient plays the server.
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <ctime>
#include <fstream>
#include <sstream>

#include "staplint/file_system.hpp"
#include "staplint/lint.hpp"
#include "staplint/live_rules.hpp"
#include "staplint/probe.hpp"
#include "staplint/probe_recording.hpp"
#include "staplint/result.hpp"
#include "staplint/rules.hpp"
#include "staplint/source.hpp"

using namespace staplint;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(STAPLINT_SOURCE_DIR) + "/samples/certs/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The certificates of a PEM fixture, as DER: what a handshake serves.
std::vector<std::string> der_chain(const std::string& pem_name) {
  const std::string pem = fixture(pem_name);
  std::vector<std::string> out;
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  while (X509* x = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
    unsigned char* der = nullptr;
    const int n = i2d_X509(x, &der);
    out.emplace_back(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n));
    OPENSSL_free(der);
    X509_free(x);
  }
  BIO_free(bio);
  return out;
}

Handshake served(const std::string& chain, std::optional<std::string> staple, TlsVersion v = TlsVersion::tls13) {
  Handshake h;
  h.outcome = Handshake::Outcome::ok;
  h.version = v;
  h.protocol = v == TlsVersion::tls13 ? "TLSv1.3" : "TLSv1.2";
  h.chain_der = der_chain(chain);
  h.staple = std::move(staple);
  return h;
}

JudgeOptions now() {
  JudgeOptions o;
  o.now = static_cast<UnixTime>(std::time(nullptr));
  return o;
}

bool has_fact(const LiveResult& r, const std::string& part) {
  return std::any_of(r.facts.begin(), r.facts.end(),
                     [&](const std::string& f) { return f.find(part) != std::string::npos; });
}

/// Plays a server: handshake i returns script[min(i, last)].
class ScriptedClient : public TlsClient {
 public:
  explicit ScriptedClient(std::vector<Handshake> script) : script_(std::move(script)) {}
  Handshake handshake(const ProbeTarget&, TlsVersion v, std::chrono::milliseconds) const override {
    Handshake h = script_[std::min(calls_++, script_.size() - 1)];
    h.version = v;
    return h;
  }
  std::size_t calls() const { return calls_; }

 private:
  std::vector<Handshake> script_;
  mutable std::size_t calls_ = 0;
};

}  // namespace

TEST_CASE("probe: targets", "[probe]") {
  std::string error;
  auto t = parse_probe_target("example.org", error);
  REQUIRE(t);
  CHECK(t->host == "example.org");
  CHECK(t->port == 443);
  CHECK(t->label() == "example.org:443");
  t = parse_probe_target("127.0.0.1:8443", error);
  REQUIRE(t);
  CHECK(t->host == "127.0.0.1");
  CHECK(t->port == 8443);
  t = parse_probe_target("[::1]:8443", error);
  REQUIRE(t);
  CHECK(t->host == "::1");
  CHECK(t->label() == "[::1]:8443");
  t = parse_probe_target("2001:db8::1", error);  // an address alone: the default port
  REQUIRE(t);
  CHECK(t->port == 443);
  t = parse_probe_target("[fe80::1%eth0]:443", error);
  REQUIRE(t);
  CHECK(t->host == "fe80::1%eth0");
  // Found by fuzzing: a "host" holding '[' made a label its own reader
  // refused; names are ASCII letters, digits, '.', '-' and '_'.
  for (const char* bad : {":443",
                          "host:0",
                          "host:65536",
                          "host:99999999",
                          "host:",
                          "host:https",
                          "[::1",
                          "[::1]x",
                          "a b",
                          "a/b",
                          "",
                          "a[::1]:443b:8080",
                          "[a[::1]:443",
                          "wwww.\xc1.test",
                          "a\x1b[31m.test",
                          "a\"b",
                          "[::g1]:443",
                          "[fe80::1%]:443",
                          "[fe80::1%e/0]:443",
                          "a%b"}) {
    INFO(bad);
    CHECK_FALSE(parse_probe_target(bad, error));
    CHECK_FALSE(error.empty());
  }
}

TEST_CASE("probe: the verdict on a staple", "[probe]") {
  const JudgeOptions o = now();
  LiveResult r = judge_endpoint({served("leaf-chain.pem", fixture("ocsp-leaf-good.der"))}, o);
  CHECK(r.verdict == LiveVerdict::stapled_good);
  CHECK(r.chain_has_issuer);
  REQUIRE(r.staple);
  CHECK(r.staple->signature == StapleCheck::Signature::by_issuer);
  CHECK(r.stapled_at == 1);
  CHECK(has_fact(r, "signed by the issuer"));

  CHECK(judge_endpoint({served("leaf-chain.pem", fixture("ocsp-leaf-revoked.der"))}, o).verdict ==
        LiveVerdict::stapled_revoked);
  r = judge_endpoint({served("leaf-chain.pem", fixture("ocsp-leaf-stale.der"))}, o);
  CHECK(r.verdict == LiveVerdict::stapled_stale);
  CHECK(has_fact(r, "nextUpdate has passed"));
  r = judge_endpoint({served("leaf-chain.pem", fixture("ocsp-other-certificate.der"))}, o);
  CHECK(r.verdict == LiveVerdict::stapled_invalid);
  CHECK(has_fact(r, "another certificate"));
  r = judge_endpoint({served("leaf-chain.pem", std::string("\x30\x03\x0a\x01\x03", 5))}, o);  // tryLater
  CHECK(r.verdict == LiveVerdict::stapled_invalid);
  CHECK(has_fact(r, "trylater"));

  // A signature that does not verify: a digit of the signed producedAt
  // changed (the response stays well-formed).
  std::string forged = fixture("ocsp-leaf-good.der");
  const std::size_t produced = forged.find("\x18\x0f");  // the first GeneralizedTime: producedAt
  REQUIRE(produced != std::string::npos);
  char& second = forged[produced + 2 + 13];  // YYYYMMDDHHMMSS: the last digit of the seconds
  second = second == '0' ? '1' : '0';
  r = judge_endpoint({served("leaf-chain.pem", forged)}, o);
  CHECK(r.verdict == LiveVerdict::stapled_invalid);
  CHECK(has_fact(r, "signature does not verify"));

  // Without the issuer in the chain the signature is not checked, and the
  // facts say so.
  r = judge_endpoint({served("leaf.pem", fixture("ocsp-leaf-good.der"))}, o);
  CHECK(r.verdict == LiveVerdict::stapled_good);
  CHECK_FALSE(r.chain_has_issuer);
  CHECK(has_fact(r, "the served chain lacks the issuer"));

  // Freshness, judged at a given time with the skew: a day past the good
  // response's nextUpdate (its certificates still valid), and within the skew.
  r = judge_endpoint({served("leaf-chain.pem", fixture("ocsp-leaf-stale.der"))}, o);
  REQUIRE(r.staple);
  REQUIRE(r.staple->next_update);
  JudgeOptions later = o;
  later.now = *r.staple->next_update + 86400;
  CHECK(judge_endpoint({served("leaf-chain.pem", fixture("ocsp-leaf-stale.der"))}, later).verdict ==
        LiveVerdict::stapled_stale);
  later.now = *r.staple->next_update + 200;  // within the default 300 s of skew
  CHECK(judge_endpoint({served("leaf-chain.pem", fixture("ocsp-leaf-stale.der"))}, later).verdict ==
        LiveVerdict::stapled_good);
}

TEST_CASE("probe: the verdict without a staple, and without a handshake", "[probe]") {
  const JudgeOptions o = now();
  LiveResult r = judge_endpoint({served("leaf-chain.pem", std::nullopt), served("leaf-chain.pem", std::nullopt)}, o);
  CHECK(r.verdict == LiveVerdict::no_staple);
  CHECK(r.handshakes == 2);
  CHECK(r.stapled_at == 0);
  CHECK(has_fact(r, "no staple in 2 handshakes"));
  CHECK(judge_endpoint({served("no-ocsp-chain.pem", std::nullopt)}, o).verdict == LiveVerdict::no_ocsp_url);
  r = judge_endpoint({served("must-staple-chain.pem", std::nullopt)}, o);
  CHECK(r.verdict == LiveVerdict::no_staple);
  CHECK(has_fact(r, "Must-Staple certificate without a staple"));

  Handshake refused;
  refused.outcome = Handshake::Outcome::unreachable;
  refused.detail = "connect: Connection refused";
  r = judge_endpoint({refused}, o);
  CHECK(r.verdict == LiveVerdict::unreachable);
  CHECK(r.failure == "connect: Connection refused");
  Handshake silent;
  silent.outcome = Handshake::Outcome::timeout;
  silent.detail = "no TLS answer in 1000 ms";
  r = judge_endpoint({silent}, o);
  CHECK(r.verdict == LiveVerdict::handshake_failed);
  CHECK(has_fact(r, "timed out"));
  Handshake http;
  http.outcome = Handshake::Outcome::not_tls;
  http.detail = "the peer does not speak TLS";
  CHECK(judge_endpoint({http}, o).verdict == LiveVerdict::handshake_failed);
  CHECK(judge_endpoint({}, o).verdict == LiveVerdict::unreachable);
}

TEST_CASE("probe: a cold server staples only after some handshakes", "[probe]") {
  ProbeOptions po;
  po.attempts = 5;
  po.backoff = std::chrono::milliseconds(0);
  po.versions = {TlsVersion::tls12};
  po.judge = now();
  const ProbeTarget t{"127.0.0.1", 443, "", ""};
  ScriptedClient cold({served("leaf-chain.pem", std::nullopt), served("leaf-chain.pem", std::nullopt),
                       served("leaf-chain.pem", fixture("ocsp-leaf-good.der"))});
  std::vector<LiveResult> r = probe_endpoint(cold, t, po);
  REQUIRE(r.size() == 1);
  CHECK(r[0].verdict == LiveVerdict::stapled_good);
  CHECK(r[0].stapled_at == 3);
  CHECK(r[0].handshakes == 3);  // stops at the staple
  CHECK(cold.calls() == 3);

  po.attempts = 2;  // too few for this server
  ScriptedClient colder({served("leaf-chain.pem", std::nullopt), served("leaf-chain.pem", std::nullopt),
                         served("leaf-chain.pem", fixture("ocsp-leaf-good.der"))});
  r = probe_endpoint(colder, t, po);
  CHECK(r[0].verdict == LiveVerdict::no_staple);
  CHECK(colder.calls() == 2);

  // Unreachable: one handshake, and the next version is not tried.
  Handshake refused;
  refused.outcome = Handshake::Outcome::unreachable;
  po.versions = {TlsVersion::tls12, TlsVersion::tls13};
  ScriptedClient down({refused});
  r = probe_endpoint(down, t, po);
  CHECK(r.size() == 1);
  CHECK(down.calls() == 1);
}

TEST_CASE("probe: addresses as configurations write them", "[probe]") {
  using A = EndpointReport::Address;
  auto is = [](std::string_view text, std::uint16_t def, const std::string& host, std::uint16_t port) {
    const std::optional<A> a = parse_endpoint_address(text, def);
    return a && a->host == host && a->port == port;
  };
  CHECK(is("443", 80, "", 443));
  CHECK(is("10.0.0.1:8443", 80, "10.0.0.1", 8443));
  CHECK(is("[::1]:443", 80, "::1", 443));
  CHECK(is("[::]:443", 80, "", 443));
  CHECK(is("*:443", 80, "", 443));
  CHECK(is("_default_:443", 80, "", 443));
  CHECK(is("0.0.0.0:443", 80, "", 443));
  CHECK(is("localhost", 80, "localhost", 80));
  CHECK(is("*", 443, "", 443));
  for (const char* bad : {"unix:/run/a.sock", "", "host:0", "host:70000", "host:x", "[::1", "[::1]x"}) {
    INFO(bad);
    CHECK_FALSE(parse_endpoint_address(bad, 443));
  }
}

TEST_CASE("probe: each dialect's endpoints carry their addresses and server names", "[probe]") {
  MemoryFileSystem fs;
  fs.add("/etc/nginx/nginx.conf",
         "events {}\nhttp {\n server { listen 10.0.0.1:443 ssl; listen 80; listen [::]:8443 ssl;\n"
         "  server_name _ *.example.org www.example.org; ssl_certificate /a.pem; }\n"
         " server { listen 443; ssl on; server_name b.example; ssl_certificate /b.pem; }\n}\n");
  fs.add("/etc/apache2/apache2.conf",
         "LoadModule ssl_module mod_ssl.so\n<VirtualHost 192.0.2.1:443 *:8443>\n ServerName Shop.Example.com\n"
         " SSLEngine on\n SSLCertificateFile /c.pem\n</VirtualHost>\n");
  fs.add("/srv/tomcat/conf/server.xml",
         "<Server><Service name=\"C\"><Connector port=\"8443\" address=\"127.0.0.2\" SSLEnabled=\"true\">"
         "<SSLHostConfig hostName=\"api.example.net\"><Certificate certificateFile=\"/d.pem\"/></SSLHostConfig>"
         "</Connector></Service></Server>\n");
  SourceManager sm;
  LintRequest req;
  req.paths = {"/etc/nginx/nginx.conf", "/etc/apache2/apache2.conf", "/srv/tomcat/conf/server.xml"};
  req.lint.read_certificates = false;
  const LintResult r = lint(fs, sm, RuleCatalog::builtin(), req);
  std::vector<std::string> got;
  for (const EndpointReport& e : r.endpoints) {
    std::string line = e.server_name + " @";
    for (const EndpointReport::Address& a : e.addresses) line += " " + a.host + ":" + std::to_string(a.port);
    got.push_back(line);
  }
  std::sort(got.begin(), got.end());
  CHECK(got == std::vector<std::string>{"api.example.net @ 127.0.0.2:8443", "b.example @ :443",
                                        "shop.example.com @ 192.0.2.1:443 :8443",
                                        "www.example.org @ 10.0.0.1:443 :8443"});
}

TEST_CASE("probe: the configured verdict beside the live one", "[probe]") {
  const JudgeOptions o = now();
  const LiveResult good = judge_endpoint({served("leaf-chain.pem", fixture("ocsp-leaf-good.der"))}, o);
  const LiveResult none = judge_endpoint({served("leaf-chain.pem", std::nullopt)}, o);
  const LiveResult stale = judge_endpoint({served("leaf-chain.pem", fixture("ocsp-leaf-stale.der"))}, o);
  const LiveResult no_url = judge_endpoint({served("no-ocsp-chain.pem", std::nullopt)}, o);
  Handshake refused;
  refused.outcome = Handshake::Outcome::unreachable;
  refused.detail = "connect: Connection refused";
  const LiveResult down = judge_endpoint({refused}, o);
  using K = Agreement::Kind;
  CHECK(compare_configured(Stapling::on, good).kind == K::agrees);
  CHECK(compare_configured(Stapling::off, none).kind == K::agrees);
  CHECK(compare_configured(Stapling::ineffective, none).kind == K::agrees);
  Agreement a = compare_configured(Stapling::on, none);
  CHECK(a.kind == K::disagrees);
  CHECK(a.why.find("resolver") != std::string::npos);
  a = compare_configured(Stapling::on, stale);
  CHECK(a.kind == K::disagrees);
  CHECK(a.why.find("the staple is stale") != std::string::npos);
  CHECK(compare_configured(Stapling::on, no_url).why.find("names no OCSP responder") != std::string::npos);
  a = compare_configured(Stapling::off, good);
  CHECK(a.kind == K::disagrees);
  CHECK(a.why.find("is it the configuration the server runs") != std::string::npos);
  CHECK(compare_configured(Stapling::fatal, good).kind == K::disagrees);
  CHECK(compare_configured(Stapling::unknown, good).kind == K::not_comparable);
  a = compare_configured(Stapling::on, down);
  CHECK(a.kind == K::not_comparable);
  CHECK(a.why.find("Connection refused") != std::string::npos);
}

namespace {
/// Plays an OCSP responder: answers every request with `der`, and counts.
class FixedResponder : public OcspFetcher {
 public:
  explicit FixedResponder(ResponderAnswer a) : answer_(std::move(a)) {}
  ResponderAnswer fetch(const std::string& url, const std::string& request, std::chrono::milliseconds) const override {
    ++asked_;
    last_url_ = url;
    request_size_ = request.size();
    return answer_;
  }
  ResponderAnswer answer_;
  mutable int asked_ = 0;
  mutable std::string last_url_;
  mutable std::size_t request_size_ = 0;
};
}  // namespace

TEST_CASE("probe: --ask-responder sets the responder's answer beside the staple", "[probe]") {
  ProbeOptions po;
  po.attempts = 1;
  po.versions = {TlsVersion::tls13};
  po.judge = now();
  const ProbeTarget t{"127.0.0.1", 443, "", ""};
  ScriptedClient server({served("leaf-chain.pem", fixture("ocsp-leaf-good.der"))});
  FixedResponder revoked(ResponderAnswer{fixture("ocsp-leaf-revoked.der"), {}});
  po.ask_responder = &revoked;
  std::vector<LiveResult> r = probe_endpoint(server, t, po);
  REQUIRE(r.size() == 1);
  CHECK(revoked.asked_ == 1);
  CHECK(revoked.last_url_ == r[0].leaf->ocsp_urls.front());
  CHECK(revoked.request_size_ > 0);                  // a DER OCSPRequest
  CHECK(r[0].verdict == LiveVerdict::stapled_good);  // the staple itself is good and fresh
  CHECK(has_fact(r[0], "it says revoked now; the staple says good: the server staples an old answer"));

  FixedResponder good(ResponderAnswer{fixture("ocsp-leaf-good.der"), {}});
  po.ask_responder = &good;
  r = probe_endpoint(server, t, po);
  CHECK(has_fact(r[0], "it says good now, as the staple does"));

  FixedResponder down(ResponderAnswer{std::nullopt, "connect: Connection refused"});
  po.ask_responder = &down;
  r = probe_endpoint(server, t, po);
  CHECK(has_fact(r[0], ": connect: Connection refused"));

  // Without it, nothing is asked.
  FixedResponder never(ResponderAnswer{fixture("ocsp-leaf-good.der"), {}});
  po.ask_responder = nullptr;
  r = probe_endpoint(server, t, po);
  CHECK(never.asked_ == 0);
  CHECK_FALSE(has_fact(r[0], "asked "));
}

namespace {

/// A recording at /r/rec.probe.yaml with the test PKI beside it (in memory).
MemoryFileSystem recording_fs(const std::string& yaml) {
  MemoryFileSystem fs;
  fs.add("/r/rec.probe.yaml", yaml);
  fs.add("/r/certs/leaf-chain.pem", fixture("leaf-chain.pem"));
  fs.add("/r/certs/good.der", fixture("ocsp-leaf-good.der"));
  fs.add("/r/certs/revoked.der", fixture("ocsp-leaf-revoked.der"));
  fs.add("/secret/key.pem", fixture("leaf-chain.pem"));
  return fs;
}

std::string problem_of(const MemoryFileSystem& fs, std::uint32_t* line = nullptr) {
  SourceManager sm;
  auto rec = read_probe_recording(fs, sm, "/r/rec.probe.yaml", 1 << 20);
  if (rec) return "";
  if (line) *line = sm.file(rec.error().file).line_col(rec.error().range.begin).line;
  return rec.error().message;
}

}  // namespace

TEST_CASE("probe: a recording replays as the probe would have judged it", "[probe][recording]") {
  const MemoryFileSystem fs = recording_fs(
      "# a comment\n"
      "target: www.staplint.test:443\n"
      "configured: \"on\"\n"
      "handshakes:\n"
      "  - {tls: \"1.3\", outcome: ok, chain: certs/leaf-chain.pem}\n"
      "  - {tls: \"1.3\", outcome: ok, chain: certs/leaf-chain.pem, staple: certs/good.der, milliseconds: 7}\n"
      "  - {tls: \"1.2\", outcome: ok, chain: certs/leaf-chain.pem, staple: certs/revoked.der}\n"
      "responder: certs/revoked.der\n");
  SourceManager sm;
  auto rec = read_probe_recording(fs, sm, "/r/rec.probe.yaml", 1 << 20);
  REQUIRE(rec);
  CHECK(rec->endpoint.target.label() == "www.staplint.test:443");
  CHECK(rec->endpoint.configured == Stapling::on);
  // Findings stand at the target's line.
  CHECK(sm.file(rec->endpoint.file).line_col(rec->endpoint.range.begin).line == 2);
  REQUIRE(rec->handshakes.size() == 2);
  CHECK(rec->handshakes[0].first == TlsVersion::tls13);
  CHECK(rec->handshakes[0].second.size() == 2);
  CHECK(rec->handshakes[0].second[0].chain_der.size() == 2);
  JudgeOptions judge;
  judge.now = static_cast<UnixTime>(std::time(nullptr));
  const ProbedEndpoint e = replay_probe_recording(*rec, judge);
  REQUIRE(e.results.size() == 2);
  CHECK(e.results[0].verdict == LiveVerdict::stapled_good);
  CHECK(e.results[0].stapled_at == 2);  // the cold server's second handshake
  CHECK(e.results[1].verdict == LiveVerdict::stapled_revoked);
  // The recorded responder answer stands for --ask-responder: revoked.
  REQUIRE(e.results[0].responder);
  CHECK(e.results[0].responder->status == OcspResponseFacts::CertStatus::revoked);
  const std::vector<Finding> found = run_live_rules(RuleCatalog::builtin(), {e}, RulePolicy{});
  std::vector<std::string> ids;
  ids.reserve(found.size());
  for (const Finding& f : found) ids.push_back(f.rule_id);
  CHECK(ids == std::vector<std::string>{"SL5002", "SL5010", "SL5011"});
}

TEST_CASE("probe: the live rules follow the rule policy", "[probe][recording]") {
  const MemoryFileSystem fs = recording_fs(
      "target: www.staplint.test:443\nhandshakes:\n  - {tls: \"1.3\", outcome: ok, chain: certs/leaf-chain.pem}\n");
  SourceManager sm;
  auto rec = read_probe_recording(fs, sm, "/r/rec.probe.yaml", 1 << 20);
  REQUIRE(rec);
  const ProbedEndpoint e = replay_probe_recording(*rec, JudgeOptions{});
  RulePolicy policy;
  CHECK(run_live_rules(RuleCatalog::builtin(), {e}, policy).size() == 1);
  policy.severity["SL5001"] = Severity::error;
  const std::vector<Finding> f = run_live_rules(RuleCatalog::builtin(), {e}, policy);
  REQUIRE(f.size() == 1);
  CHECK(f[0].rule_id == "SL5001");
  CHECK(f[0].severity == Severity::error);
  CHECK(f[0].message ==
        "'www.staplint.test:443' sent no OCSP staple in 1 handshake over TLS 1.3, though its certificate names the "
        "OCSP responder 'http://ocsp.staplint.test/'");
  policy.disable.insert("SL5001");
  CHECK(run_live_rules(RuleCatalog::builtin(), {e}, policy).empty());
  // An endpoint without a file has nowhere to report: nothing.
  ProbedEndpoint nowhere = e;
  nowhere.file = kNoFile;
  CHECK(run_live_rules(RuleCatalog::builtin(), {nowhere}, RulePolicy{}).empty());
}

TEST_CASE("probe: a recording reads only files beside it, and says where it is wrong", "[probe][recording]") {
  const std::string head = "target: www.staplint.test:443\nhandshakes:\n";
  std::uint32_t line = 0;
  MemoryFileSystem fs = recording_fs(head + "  - {tls: \"1.3\", outcome: ok, chain: ../secret/key.pem}\n");
  CHECK(problem_of(fs, &line) == "probe recording: '../secret/key.pem' leaves the recording's directory");
  CHECK(line == 3);
  fs = recording_fs(head + "  - {tls: \"1.3\", outcome: ok, chain: /secret/key.pem}\n");
  CHECK(problem_of(fs) == "probe recording: 'chain' names a file beside the recording, by a relative path");
  fs = recording_fs(head + "  - {tls: \"1.3\", outcome: ok, chain: certs/link.pem}\n");
  fs.add_symlink("/r/certs/link.pem", "/secret/key.pem");
  CHECK(problem_of(fs) == "probe recording: 'certs/link.pem' leads out of the recording's directory");
  fs = recording_fs(head + "  - {tls: \"1.3\", outcome: ok, chain: certs/missing.pem}\n");
  CHECK(problem_of(fs) == "probe recording: cannot read 'certs/missing.pem': no such file");
  fs = recording_fs(head + "  - {tls: \"1.3\", outcome: ok, chain: certs/leaf-chain.pem, staple: certs/big.der}\n");
  fs.add("/r/certs/big.der", std::string((1 << 20) + 1, 'x'));
  CHECK(problem_of(fs) == "probe recording: cannot read 'certs/big.der': over 1048576 bytes");
  fs = recording_fs(head + "  - {tls: \"1.4\", outcome: ok, chain: certs/leaf-chain.pem}\n");
  CHECK(problem_of(fs, &line) == "probe recording: 'tls' is \"1.2\" or \"1.3\"");
  CHECK(line == 3);
  fs = recording_fs(head + "  - {tls: \"1.3\", outcome: maybe}\n");
  CHECK(problem_of(fs) == "probe recording: 'outcome' is ok, unreachable, timeout, not-tls or failed");
  fs = recording_fs(head + "  - {tls: \"1.3\", outcome: ok, chain: certs/good.der}\n");
  CHECK(problem_of(fs) == "probe recording: 'certs/good.der' holds no PEM certificate");
  fs = recording_fs("target: www.staplint.test:443\nhandshake: []\n");
  CHECK(problem_of(fs, &line) ==
        "probe recording: unknown key 'handshake' (a probe recording has target, sni, connect, configured, "
        "handshakes, responder, responder-unanswered and recorded)");
  CHECK(line == 2);
  fs = recording_fs("target: [unclosed\n");
  CHECK(problem_of(fs).rfind("probe recording: ", 0) == 0);
  fs = recording_fs(std::string(100000, '[') + "\n");
  CHECK(problem_of(fs).rfind("probe recording: ", 0) == 0);  // yaml-cpp's depth guard, not a stack overflow
  std::string many = head;
  for (int i = 0; i < 65; ++i) many += "  - {tls: \"1.3\", outcome: unreachable, detail: refused}\n";
  fs = recording_fs(many);
  CHECK(problem_of(fs) == "probe recording: more than 64 handshakes in one recording");
}

TEST_CASE("probe: what --record writes replays as it was probed", "[probe][recording]") {
  // A cold server, then a good staple at TLS 1.3; plain HTTP at TLS 1.2 (a
  // detail with a quote, a newline and an escape); the responder asked.
  class ByVersion final : public TlsClient {
   public:
    Handshake handshake(const ProbeTarget&, TlsVersion v, std::chrono::milliseconds) const override {
      if (v == TlsVersion::tls12) {
        Handshake h;
        h.version = v;
        h.outcome = Handshake::Outcome::not_tls;
        h.detail = "the peer answered with plain HTTP: \"HTTP/1.0 400\"\n\x1b[31m";
        return h;
      }
      return served("leaf-chain.pem",
                    tls13_calls_++ == 0 ? std::nullopt : std::optional(fixture("ocsp-leaf-good.der")));
    }

   private:
    mutable int tls13_calls_ = 0;
  } client;
  ProbeTarget t;
  t.host = "www.staplint.test";
  t.sni = "www.staplint.test";
  ProbeOptions o;
  o.backoff = std::chrono::milliseconds(0);
  o.judge = now();
  FixedResponder revoked(ResponderAnswer{fixture("ocsp-leaf-revoked.der"), {}});
  o.ask_responder = &revoked;
  ProbedEndpoint probed;
  probed.target = t;
  probed.configured = Stapling::on;
  probed.results = probe_endpoint(client, t, o);
  REQUIRE(probed.results.size() == 2);
  CHECK(probed.results[1].stapled_at == 2);

  const std::vector<RecordedFile> files = record_probe(probed, recording_name(t), "now");
  REQUIRE(files.size() == 5);  // the recording, two chains, one staple, the responder's answer
  CHECK(files[0].name == "www.staplint.test_443.probe.yaml");
  MemoryFileSystem fs;
  for (const RecordedFile& f : files) fs.add("/rec/" + f.name, f.bytes);
  SourceManager sm;
  auto rec = read_probe_recording(fs, sm, "/rec/" + files[0].name, 1 << 20);
  REQUIRE(rec);
  const ProbedEndpoint replayed = replay_probe_recording(*rec, o.judge);
  CHECK(replayed.target.sni == "www.staplint.test");
  CHECK(replayed.configured == Stapling::on);
  REQUIRE(replayed.results.size() == probed.results.size());
  for (std::size_t i = 0; i < probed.results.size(); ++i) {
    INFO(i);
    CHECK(replayed.results[i].verdict == probed.results[i].verdict);
    CHECK(replayed.results[i].stapled_at == probed.results[i].stapled_at);
    CHECK(replayed.results[i].failure == probed.results[i].failure);
    CHECK(replayed.results[i].facts == probed.results[i].facts);
  }
  // File names stay in their directory, and are never hidden.
  std::string error;
  CHECK(recording_name(*parse_probe_target("[::1]:8443", error)) == "___1__8443");
  ProbeTarget dots;
  dots.host = "..";
  CHECK(recording_name(dots) == "_.._443");
}
