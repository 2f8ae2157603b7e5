// `staplint probe` (issue 18): a TLS handshake with a live endpoint that asks
// for its OCSP staple (status_request), and the verdict on what came back.
// The handshake is I/O behind TlsClient (OpenSSL 3 in lib/src/probe_tls.cpp;
// tests give a fake); the verdict (judge_endpoint) is pure: it reads the
// handshakes' bytes with OpenSSL, and never connects anywhere. The probe
// connects only to the target it is given, and to the OCSP responder only
// when asked to (--ask-responder: OcspFetcher).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "staplint/certificate.hpp"
#include "staplint/diagnostic.hpp"
#include "staplint/result.hpp"
#include "staplint/source.hpp"
#include "staplint/unix_time.hpp"

namespace staplint {

/// What to connect to, and as whom.
struct ProbeTarget {
  std::string host;  ///< as named (`example.org`, `127.0.0.1`, `::1`)
  std::uint16_t port = 443;
  std::string sni;      ///< the server name sent; empty: `host` unless it is an address
  std::string connect;  ///< the address to connect to instead of `host` (`--connect`); empty: `host`
  /// `host:port` as the user wrote it, for messages.
  std::string label() const;
};

/// `HOST[:PORT]`, `[V6]:PORT`, `V6` alone: the target, or an error message.
std::optional<ProbeTarget> parse_probe_target(const std::string& text, std::string& error);

enum class TlsVersion : std::uint8_t { tls12, tls13 };
std::string_view to_string(TlsVersion v);

/// One handshake, as it went.
struct Handshake {
  enum class Outcome : std::uint8_t {
    ok,           ///< a TLS session was established
    unreachable,  ///< no TCP connection: refused, no route, the name does not resolve
    timeout,      ///< connected, but the handshake did not finish in time
    not_tls,      ///< the peer answered with something that is not TLS (plain HTTP, say)
    failed,       ///< a TLS alert or another TLS error: no common protocol, a bad certificate
  };
  Outcome outcome = Outcome::unreachable;
  std::string detail;                      ///< for other outcomes: what failed, in words
  TlsVersion version = TlsVersion::tls13;  ///< the version asked for
  std::string protocol;                    ///< as negotiated (`TLSv1.3`), when ok
  std::vector<std::string> chain_der;      ///< the certificates served, leaf first (DER)
  std::optional<std::string> staple;       ///< the stapled OCSPResponse (DER), when one came
  double milliseconds = 0;                 ///< how long it took
};

/// Makes handshakes. Implementations never follow redirects, never contact a
/// third party, and return within `timeout` (plus the connect's own bound).
class TlsClient {
 public:
  virtual ~TlsClient() = default;
  virtual Handshake handshake(const ProbeTarget& target, TlsVersion version,
                              std::chrono::milliseconds timeout) const = 0;
};

/// The OpenSSL 3 client: blocking sockets with poll() deadlines, SNI,
/// status_request, no certificate verification (the verdict judges the chain
/// and the staple itself).
std::unique_ptr<TlsClient> make_openssl_tls_client();

/// Asks an OCSP responder (`--ask-responder`): an HTTP POST of `request`
/// to `url`, bounded by `timeout`. Only `http://` URLs are asked (as servers
/// fetch them); the answer's body, or why there is none.
struct ResponderAnswer {
  std::optional<std::string> der;
  std::string error;
};
class OcspFetcher {
 public:
  virtual ~OcspFetcher() = default;
  virtual ResponderAnswer fetch(const std::string& url, const std::string& request,
                                std::chrono::milliseconds timeout) const = 0;
};
std::unique_ptr<OcspFetcher> make_http_ocsp_fetcher();

/// The live verdict of an endpoint.
enum class LiveVerdict : std::uint8_t {
  stapled_good,
  stapled_revoked,
  stapled_stale,    ///< the staple's nextUpdate has passed, or its thisUpdate is in the future
  stapled_invalid,  ///< unsigned by the issuer or an authorized responder, another certificate's, or an error status
  no_staple,        ///< no staple after every attempt
  no_ocsp_url,      ///< no staple, and the leaf names no OCSP responder: nothing to staple
  handshake_failed,
  unreachable,
};
std::string_view to_string(LiveVerdict v);

/// What the staple says, checked.
struct StapleCheck {
  enum class Signature : std::uint8_t { not_checked, by_issuer, by_delegated_responder, invalid };
  Signature signature = Signature::not_checked;
  std::string signature_problem;  ///< why it is invalid, in words
  std::string response_status;    ///< `successful`, `tryLater`, ...
  bool for_leaf = false;          ///< a SingleResponse's CertID names the served leaf
  OcspResponseFacts::CertStatus cert_status = OcspResponseFacts::CertStatus::unknown;
  UnixTime this_update = 0;
  std::optional<UnixTime> next_update;
  std::optional<UnixTime> revoked_at;
};

/// An endpoint's verdict with the facts behind it.
struct LiveResult {
  LiveVerdict verdict = LiveVerdict::unreachable;
  TlsVersion version = TlsVersion::tls13;
  std::size_t handshakes = 0;  ///< made, until a staple came or the attempts ran out
  std::size_t stapled_at = 0;  ///< 1-based: the handshake that brought the staple; 0: none
  std::string protocol;
  std::string failure;  ///< for handshake_failed and unreachable: the last failure
  std::optional<CertificateInfo> leaf;
  bool chain_has_issuer = false;  ///< the served chain holds the leaf's issuer
  std::optional<StapleCheck> staple;
  /// For stapled-stale and stapled-invalid: what is wrong with the staple,
  /// in words (`its signature does not verify: ...`).
  std::string problem;
  /// `--ask-responder`: what the leaf's OCSP responder answered.
  struct ResponderAnswerCheck {
    std::string url;
    std::optional<std::string> der;  ///< its answer as it came (for `--record`)
    /// Its status for the leaf; unset when it gave none (`error` says why).
    std::optional<OcspResponseFacts::CertStatus> status;
    std::string error;
  };
  std::optional<ResponderAnswerCheck> responder;
  /// The facts, one short line each, in the order they were established.
  std::vector<std::string> facts;
  /// The handshakes themselves, as made (probe_endpoint sets them, for
  /// `--record`); empty from judge_endpoint alone.
  std::vector<Handshake> made = {};
};

/// How the verdict is reached.
struct JudgeOptions {
  UnixTime now = 0;
  std::int64_t skew_seconds = 300;  ///< allowed clock skew on thisUpdate and nextUpdate
};

/// Judges the handshakes of one endpoint at one TLS version (in the order
/// they were made; the last one counts, and a staple from any of them).
LiveResult judge_endpoint(const std::vector<Handshake>& handshakes, const JudgeOptions& options);

/// What probe runs per endpoint and version.
struct ProbeOptions {
  std::size_t attempts = 3;                 ///< handshakes at most, until a staple comes
  std::chrono::milliseconds timeout{5000};  ///< per handshake
  std::chrono::milliseconds backoff{500};   ///< before the second attempt; doubled each time
  std::vector<TlsVersion> versions{TlsVersion::tls12, TlsVersion::tls13};
  JudgeOptions judge;
  /// `--ask-responder`: also ask the leaf's OCSP responder, and compare its
  /// answer with the staple; nullptr: never contact it.
  const OcspFetcher* ask_responder = nullptr;
};

/// Handshakes with `target` at each version, retrying while no staple comes
/// (a cold nginx fetches its response only after the first handshakes), and
/// stopping early where the endpoint cannot be reached.
std::vector<LiveResult> probe_endpoint(const TlsClient& client, const ProbeTarget& target, const ProbeOptions& options);

/// A target and its verdicts, one per TLS version probed.
struct ProbedEndpoint {
  ProbeTarget target;
  std::vector<LiveResult> results;
  /// Where the configuration declares it (`sites/a.conf:12`, `--from`);
  /// empty for a target named on the command line.
  std::string declared_at = {};
  /// `--against`: the configuration's static verdict for it.
  std::optional<Stapling> configured = {};
  /// Where its findings (the live rules, SL5xxx) are reported: the
  /// configuration's endpoint (`--from`), the recording's target
  /// (`--replay`), or a file of its own named `tls://HOST:PORT`.
  FileId file = kNoFile;
  Range range = {};
};

/// The static verdict beside a live one (`--against`).
struct Agreement {
  enum class Kind : std::uint8_t { agrees, disagrees, not_comparable };
  Kind kind = Kind::not_comparable;
  std::string why;  ///< what to check where they disagree; why not comparable
};
Agreement compare_configured(Stapling configured, const LiveResult& live);
std::string_view to_string(Agreement::Kind k);

/// The probe's report, one formatter per file under lib/src/format/: `text`
/// (a line per endpoint and version, then its facts, indented; what the
/// server sent is escaped for display) and `json` (versioned: "version": 1,
/// with the live rules' findings as the lint report writes findings). The
/// other formats are the lint formatters', over the findings.
void write_probe_text(const std::vector<ProbedEndpoint>& endpoints, std::ostream& out);
void write_probe_json(const std::vector<ProbedEndpoint>& endpoints, const std::vector<Finding>& findings,
                      const SourceManager& sources, std::ostream& out);

}  // namespace staplint
