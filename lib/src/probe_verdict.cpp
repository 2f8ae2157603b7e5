// The live verdict of an endpoint (probe.hpp): what the handshakes brought,
// judged as a TLS client that requires stapling would judge it. Pure: the
// bytes are read through certificate.hpp, and nothing is fetched.
#include <algorithm>
#include <cctype>
#include <thread>

#include "staplint/probe.hpp"

namespace staplint {

namespace {

std::string day_of(UnixTime t) {
  // YYYY-MM-DD HH:MM:SS UTC, without locale or time zone.
  std::int64_t s = t;
  const std::int64_t days = s >= 0 ? s / 86400 : (s - 86399) / 86400;
  std::int64_t rem = s - days * 86400;
  // civil_from_days (Howard Hinnant)
  std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld UTC", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(rem / 3600),
                static_cast<long long>(rem % 3600 / 60), static_cast<long long>(rem % 60));
  return buf;
}

std::string_view status_words(OcspResponseFacts::CertStatus s) {
  switch (s) {
    case OcspResponseFacts::CertStatus::good:
      return "good";
    case OcspResponseFacts::CertStatus::revoked:
      return "revoked";
    case OcspResponseFacts::CertStatus::unknown:
      return "unknown";
  }
  return "unknown";
}

/// Checks a staple against the served chain.
StapleCheck check_staple(const std::string& der, const CertificateInfo& leaf, const CertificateInfo* issuer,
                         const std::vector<CertificateInfo>& served, const JudgeOptions& o) {
  StapleCheck c;
  const OcspResponseFacts facts = read_ocsp_response(der, leaf, issuer);
  c.response_status = facts.status == OcspResponseFacts::Status::ok             ? "successful"
                      : facts.status == OcspResponseFacts::Status::unsuccessful ? facts.responder_status
                                                                                : "not an OCSP response";
  if (facts.status != OcspResponseFacts::Status::ok) return c;
  c.for_leaf = facts.for_certificate;
  c.cert_status = facts.cert_status;
  c.this_update = facts.this_update;
  c.next_update = facts.next_update;
  if (issuer) {
    const OcspSignature sig = verify_ocsp_signature(der, *issuer, served, o.now);
    c.signature = sig.signer == OcspSignature::Signer::issuer ? StapleCheck::Signature::by_issuer
                  : sig.signer == OcspSignature::Signer::delegated_responder
                      ? StapleCheck::Signature::by_delegated_responder
                      : StapleCheck::Signature::invalid;
    c.signature_problem = sig.problem;
  }
  return c;
}

/// --ask-responder: the leaf's responder's answer now, beside the staple.
void ask_responder(const OcspFetcher& fetcher, const std::vector<Handshake>& made, const ProbeOptions& o,
                   LiveResult& r) {
  if (!r.leaf || r.leaf->ocsp_urls.empty()) return;
  const Handshake* h = nullptr;
  for (const Handshake& x : made) {
    if (x.outcome == Handshake::Outcome::ok) h = &x;
  }
  if (!h) return;
  std::vector<CertificateInfo> served;
  for (const std::string& der : h->chain_der) {
    if (auto c = parse_certificate_der(der)) served.push_back(std::move(*c));
  }
  const CertificateInfo* issuer = nullptr;
  for (std::size_t i = 1; i < served.size() && !issuer; ++i) {
    if (issued_by(served.front(), served[i])) issuer = &served[i];
  }
  const std::string& url = r.leaf->ocsp_urls.front();
  LiveResult::ResponderAnswerCheck& asked = r.responder.emplace();
  asked.url = url;
  if (!issuer) {
    asked.error = "the served chain lacks the issuer a request names";
    r.facts.push_back("the responder is not asked: " + asked.error);
    return;
  }
  const ResponderAnswer a = fetcher.fetch(url, ocsp_request_der(served.front(), *issuer), o.timeout);
  asked.der = a.der;
  if (!a.der) {
    asked.error = a.error;
    r.facts.push_back("asked " + url + ": " + a.error);
    return;
  }
  const StapleCheck now = check_staple(*a.der, served.front(), issuer, served, o.judge);
  if (now.response_status != "successful" || !now.for_leaf) {
    asked.error = "no answer for the certificate (" + now.response_status + ")";
    r.facts.push_back("asked " + url + ": " + asked.error);
    return;
  }
  if (now.signature == StapleCheck::Signature::invalid) {
    asked.error = "its answer's signature does not verify: " + now.signature_problem;
  } else {
    asked.status = now.cert_status;
  }
  std::string says = "asked " + url + ": it says " + std::string(status_words(now.cert_status)) + " now";
  if (now.signature == StapleCheck::Signature::invalid) says += ", in a response whose signature does not verify";
  if (r.staple && r.staple->for_leaf && r.staple->cert_status != now.cert_status) {
    says +=
        "; the staple says " + std::string(status_words(r.staple->cert_status)) + ": the server staples an old answer";
  } else if (r.staple && r.staple->for_leaf) {
    says += ", as the staple does";
  }
  r.facts.push_back(says);
}

}  // namespace

std::string ProbeTarget::label() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::optional<ProbeTarget> parse_probe_target(const std::string& text, std::string& error) {
  ProbeTarget t;
  std::string port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos) {
      error = "'" + text + "' opens '[' without ']'";
      return std::nullopt;
    }
    t.host = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') {
        error = "'" + text + "': expected ':PORT' after ']'";
        return std::nullopt;
      }
      port = text.substr(close + 2);
    }
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    t.host = text.substr(0, text.find(':'));
    port = text.substr(text.find(':') + 1);
  } else {
    t.host = text;  // a name, an IPv4 address, or an IPv6 address without a port
  }
  if (t.host.empty()) {
    error = "'" + text + "' names no host";
    return std::nullopt;
  }
  // A name of letters, digits, '.', '-' and '_' (an international name in
  // its ASCII form), an IPv4 address, or an IPv6 address (hex digits, ':'
  // and '.', with a %zone): nothing a label, a message or a file name could
  // misread.
  const auto ok_name = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_';
  };
  const std::string_view addr = std::string_view(t.host).substr(0, t.host.find('%'));
  const std::string_view zone =
      t.host.find('%') == std::string::npos ? std::string_view() : std::string_view(t.host).substr(addr.size() + 1);
  const bool v6 = addr.find(':') != std::string_view::npos;
  const bool valid =
      v6 ? std::all_of(addr.begin(), addr.end(),
                       [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'; }) &&
               std::all_of(zone.begin(), zone.end(), ok_name) &&
               (zone.empty() == (t.host.find('%') == std::string::npos))
         : t.host.find('%') == std::string::npos && std::all_of(t.host.begin(), t.host.end(), ok_name);
  if (!valid) {
    error = "'" + text + "' is not a host name or address";
    return std::nullopt;
  }
  if (!port.empty() || (text.size() > t.host.size() && text.back() == ':')) {
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) || std::stoi(port) == 0 ||
        std::stoi(port) > 65535) {
      error = "'" + text + "': the port must be a number from 1 to 65535";
      return std::nullopt;
    }
    t.port = static_cast<std::uint16_t>(std::stoi(port));
  }
  return t;
}

std::string_view to_string(TlsVersion v) { return v == TlsVersion::tls12 ? "TLS 1.2" : "TLS 1.3"; }

std::string_view to_string(LiveVerdict v) {
  switch (v) {
    case LiveVerdict::stapled_good:
      return "stapled-good";
    case LiveVerdict::stapled_revoked:
      return "stapled-revoked";
    case LiveVerdict::stapled_stale:
      return "stapled-stale";
    case LiveVerdict::stapled_invalid:
      return "stapled-invalid";
    case LiveVerdict::no_staple:
      return "no-staple";
    case LiveVerdict::no_ocsp_url:
      return "no-ocsp-url";
    case LiveVerdict::handshake_failed:
      return "handshake-failed";
    case LiveVerdict::unreachable:
      return "unreachable";
  }
  return "unreachable";
}

LiveResult judge_endpoint(const std::vector<Handshake>& handshakes, const JudgeOptions& o) {
  LiveResult r;
  r.handshakes = handshakes.size();
  if (handshakes.empty()) {
    r.failure = "no handshake was made";
    return r;
  }
  r.version = handshakes.back().version;
  // The handshake that counts: the first with a staple, else the last.
  std::size_t at = handshakes.size() - 1;
  for (std::size_t i = 0; i < handshakes.size(); ++i) {
    if (handshakes[i].outcome == Handshake::Outcome::ok && handshakes[i].staple) {
      at = i;
      r.stapled_at = i + 1;
      break;
    }
  }
  const Handshake& h = handshakes[at];
  if (h.outcome != Handshake::Outcome::ok) {
    r.verdict = h.outcome == Handshake::Outcome::unreachable ? LiveVerdict::unreachable : LiveVerdict::handshake_failed;
    r.failure = h.detail;
    r.facts.push_back(std::string(h.outcome == Handshake::Outcome::timeout   ? "timed out: "
                                  : h.outcome == Handshake::Outcome::not_tls ? "not TLS: "
                                                                             : "") +
                      h.detail);
    return r;
  }
  r.protocol = h.protocol;
  r.facts.push_back("negotiated " + h.protocol + " in " + std::to_string(static_cast<long>(h.milliseconds)) + " ms");
  std::vector<CertificateInfo> served;
  for (const std::string& der : h.chain_der) {
    if (auto c = parse_certificate_der(der)) served.push_back(std::move(*c));
  }
  if (served.empty()) {
    r.verdict = LiveVerdict::handshake_failed;
    r.failure = "the server sent no certificate staplint can read";
    r.facts.push_back(r.failure);
    return r;
  }
  r.leaf = served.front();
  const CertificateInfo& leaf = served.front();
  const CertificateInfo* issuer = nullptr;
  for (std::size_t i = 1; i < served.size() && !issuer; ++i) {
    if (issued_by(leaf, served[i])) issuer = &served[i];
  }
  r.chain_has_issuer = issuer != nullptr;
  r.facts.push_back("served " + std::to_string(served.size()) + " certificate" + (served.size() == 1 ? "" : "s") +
                    "; the leaf is '" + leaf.subject + "', issued by '" + leaf.issuer + "'" +
                    (issuer ? "" : ", which the served chain does not hold"));
  r.facts.push_back(leaf.ocsp_urls.empty() ? "the leaf names no OCSP responder"
                                           : "the leaf's OCSP responder: " + leaf.ocsp_urls.front());
  if (!leaf.crl_urls.empty()) r.facts.push_back("the leaf's CRL: " + leaf.crl_urls.front());
  if (leaf.must_staple) r.facts.push_back("the leaf is Must-Staple (TLS Feature status_request)");

  if (!h.staple) {
    r.verdict = leaf.ocsp_urls.empty() ? LiveVerdict::no_ocsp_url : LiveVerdict::no_staple;
    r.facts.push_back("no staple in " + std::to_string(handshakes.size()) + " handshake" +
                      (handshakes.size() == 1 ? "" : "s"));
    if (leaf.must_staple)
      r.facts.push_back("a Must-Staple certificate without a staple: clients that honour it refuse");
    return r;
  }
  r.facts.push_back("stapled at handshake " + std::to_string(r.stapled_at) + " of " +
                    std::to_string(handshakes.size()));
  StapleCheck c = check_staple(*h.staple, leaf, issuer, served, o);
  r.staple = c;
  if (c.response_status != "successful") {
    r.verdict = LiveVerdict::stapled_invalid;
    r.problem = "its response status is '" + c.response_status + "'";
    r.facts.push_back("the staple's response status is '" + c.response_status + "'");
    return r;
  }
  if (!c.for_leaf) {
    r.verdict = LiveVerdict::stapled_invalid;
    r.problem = "it answers for another certificate";
    r.facts.push_back("the staple answers for another certificate");
    return r;
  }
  switch (c.signature) {
    case StapleCheck::Signature::by_issuer:
      r.facts.push_back("signed by the issuer");
      break;
    case StapleCheck::Signature::by_delegated_responder:
      r.facts.push_back("signed by a responder the issuer authorized (OCSPSigning)");
      break;
    case StapleCheck::Signature::invalid:
      r.verdict = LiveVerdict::stapled_invalid;
      r.problem = "its signature does not verify: " + c.signature_problem;
      r.facts.push_back("the signature does not verify: " + c.signature_problem);
      return r;
    case StapleCheck::Signature::not_checked:
      r.facts.push_back("the signature is not checked: the served chain lacks the issuer");
      break;
  }
  r.facts.push_back("status " + std::string(status_words(c.cert_status)) + ", thisUpdate " + day_of(c.this_update) +
                    (c.next_update ? ", nextUpdate " + day_of(*c.next_update) : ", no nextUpdate"));
  if (c.cert_status == OcspResponseFacts::CertStatus::revoked) {
    r.verdict = LiveVerdict::stapled_revoked;
    return r;
  }
  if (c.this_update > o.now + o.skew_seconds) {
    r.verdict = LiveVerdict::stapled_stale;
    r.problem = "its thisUpdate, " + day_of(c.this_update) + ", is in the future, beyond " +
                std::to_string(o.skew_seconds) + " s of clock skew";
    r.facts.push_back("thisUpdate is in the future, beyond " + std::to_string(o.skew_seconds) + " s of skew");
    return r;
  }
  if (c.next_update && *c.next_update < o.now - o.skew_seconds) {
    r.verdict = LiveVerdict::stapled_stale;
    r.problem = "its nextUpdate, " + day_of(*c.next_update) + ", has passed";
    r.facts.push_back("nextUpdate has passed");
    return r;
  }
  if (c.cert_status == OcspResponseFacts::CertStatus::unknown) {
    r.verdict = LiveVerdict::stapled_invalid;
    r.problem = "its status is 'unknown': the responder does not know the certificate";
    r.facts.push_back("the responder does not know the certificate");
    return r;
  }
  // Good, as far as the served chain lets staplint see: without the issuer
  // the signature is unchecked, and the facts say so.
  r.verdict = LiveVerdict::stapled_good;
  return r;
}

std::string_view to_string(Agreement::Kind k) {
  switch (k) {
    case Agreement::Kind::agrees:
      return "agrees";
    case Agreement::Kind::disagrees:
      return "disagrees";
    case Agreement::Kind::not_comparable:
      return "not-comparable";
  }
  return "not-comparable";
}

Agreement compare_configured(Stapling configured, const LiveResult& live) {
  using K = Agreement::Kind;
  const bool stapled = live.stapled_at != 0;
  const std::string tries = std::to_string(live.handshakes) + " handshake" + (live.handshakes == 1 ? "" : "s");
  switch (live.verdict) {
    case LiveVerdict::unreachable:
    case LiveVerdict::handshake_failed:
      return {K::not_comparable, "no TLS session: " + live.failure};
    default:
      break;
  }
  switch (configured) {
    case Stapling::on:
      if (live.verdict == LiveVerdict::stapled_good) return {K::agrees, {}};
      if (!stapled) {
        return {K::disagrees, live.verdict == LiveVerdict::no_ocsp_url
                                  ? "configured to staple, but the served certificate names no OCSP responder: "
                                    "the server has nothing to fetch (is it the certificate the configuration names?)"
                                  : "configured to staple, but no staple in " + tries +
                                        ": check that the resolver answers, that the OCSP responder is reachable "
                                        "from the server, and that the trusted chain verifies its responses"};
      }
      return {K::disagrees, "configured to staple, and it staples, but the staple is " +
                                std::string(to_string(live.verdict)).substr(8) +
                                ": check the responder's answers and the trusted chain (ssl_trusted_certificate, "
                                "SSLCACertificateFile) the server verifies them with"};
    case Stapling::off:
    case Stapling::ineffective:
      if (!stapled) return {K::agrees, {}};
      return {K::disagrees,
              "the configuration does not staple, but the server does: is it the configuration the "
              "server runs?"};
    case Stapling::fatal:
      return {K::disagrees,
              "the configuration would stop the server from starting, but a server answers: is it the "
              "configuration the server runs?"};
    case Stapling::unknown:
      return {K::not_comparable, "the static verdict is unknown: the live one decides"};
  }
  return {K::not_comparable, {}};
}

std::vector<LiveResult> probe_endpoint(const TlsClient& client, const ProbeTarget& target, const ProbeOptions& o) {
  std::vector<LiveResult> out;
  for (const TlsVersion v : o.versions) {
    std::vector<Handshake> made;
    std::chrono::milliseconds wait = o.backoff;
    for (std::size_t i = 0; i < std::max<std::size_t>(1, o.attempts); ++i) {
      if (i > 0) {
        std::this_thread::sleep_for(wait);
        wait *= 2;
      }
      made.push_back(client.handshake(target, v, o.timeout));
      const Handshake& h = made.back();
      // A staple came, or trying again cannot help.
      if (h.outcome == Handshake::Outcome::ok && h.staple) break;
      if (h.outcome != Handshake::Outcome::ok) break;
    }
    out.push_back(judge_endpoint(made, o.judge));
    if (o.ask_responder) ask_responder(*o.ask_responder, made, o, out.back());
    out.back().made = std::move(made);
    // Unreachable at one version is unreachable at the next.
    if (out.back().verdict == LiveVerdict::unreachable) break;
  }
  return out;
}

}  // namespace staplint
