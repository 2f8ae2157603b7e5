// Certificates: what lib/src/certificate.cpp reads from PEM, and SL1003 when
// every responder the certificates name is an IP literal.
#include <catch2/catch.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <functional>
#include <memory>

#include "staplint/certificate.hpp"
#include "staplint/lint.hpp"

using namespace staplint;

namespace {
/// A self-signed certificate in PEM, with `aia` ("OCSP;URI:http://...") as
/// its Authority Information Access, or none when empty.
std::string make_pem(const std::string& aia) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> x(X509_new(), X509_free);
  X509_set_version(x.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(x.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), 3600);
  X509_set_pubkey(x.get(), key.get());
  X509_NAME* name = X509_get_subject_name(x.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("test"), -1, -1, 0);
  X509_set_issuer_name(x.get(), name);
  if (!aia.empty()) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, x.get(), x.get(), nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_info_access, aia.c_str());
    REQUIRE(ext != nullptr);
    X509_add_ext(x.get(), ext, -1);
    X509_EXTENSION_free(ext);
  }
  REQUIRE(X509_sign(x.get(), key.get(), EVP_sha256()) > 0);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(bio.get(), x.get());
  PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::vector<std::string> rules_of(const LintResult& r) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings) out.push_back(f.rule_id);
  return out;
}
}  // namespace

TEST_CASE("certificates: the OCSP URLs of each certificate in a PEM file", "[certificate]") {
  const CertificateFile f = parse_certificates(make_pem("OCSP;URI:http://10.0.0.1:8080/") + make_pem(""));
  REQUIRE(f.status == CertificateFile::Status::ok);
  REQUIRE(f.certificates.size() == 2);
  CHECK(f.certificates[0].ocsp_urls == std::vector<std::string>{"http://10.0.0.1:8080/"});
  CHECK(f.certificates[1].ocsp_urls.empty());
  CHECK(parse_certificates("not a certificate\n").status == CertificateFile::Status::not_pem);
  CHECK(parse_certificates("").status == CertificateFile::Status::not_pem);
  CHECK(parse_certificates("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").status ==
        CertificateFile::Status::not_pem);
}

TEST_CASE("certificates: responder hosts", "[certificate]") {
  CHECK(url_host("http://10.0.0.1:8080/ocsp") == "10.0.0.1");
  CHECK(url_host("http://[2001:db8::1]:80/") == "2001:db8::1");
  CHECK(url_host("http://ocsp.example.com") == "ocsp.example.com");
  CHECK(is_ip_literal("10.0.0.1"));
  CHECK(is_ip_literal("2001:db8::1"));
  CHECK_FALSE(is_ip_literal("ocsp.example.com"));
  CHECK_FALSE(is_ip_literal("10.0.0"));
}

TEST_CASE("SL1003: no resolver is needed when every certificate names an IP-literal responder", "[certificate]") {
  const std::string conf =
      "events {}\nhttp {\n server {\n  listen 443 ssl;\n  ssl_certificate certs/a.pem;\n"
      "  ssl_certificate_key certs/a.pem;\n  ssl_stapling on;\n  ssl_stapling_verify on;\n"
      "  ssl_trusted_certificate certs/a.pem;\n }\n}\n";
  auto run = [&](const std::string& pem) {
    MemoryFileSystem fs;
    fs.add("/etc/nginx/nginx.conf", conf);
    if (!pem.empty()) fs.add("/etc/nginx/certs/a.pem", pem);
    SourceManager sm;
    LintRequest req;
    req.paths = {"/etc/nginx/nginx.conf"};
    return rules_of(lint(fs, sm, RuleCatalog::builtin(), req));
  };
  const auto has = [](const std::vector<std::string>& v, const char* id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  };
  CHECK_FALSE(has(run(make_pem("OCSP;URI:http://10.0.0.1/")), "SL1003"));
  CHECK_FALSE(has(run(make_pem("OCSP;URI:http://[2001:db8::1]:8080/")), "SL1003"));
  CHECK(has(run(make_pem("OCSP;URI:http://ocsp.example.com/")), "SL1003"));
  CHECK(has(run(make_pem("OCSP;URI:http://10.0.0.1/,OCSP;URI:http://ocsp.example.com/")), "SL1003"));
  CHECK(has(run(""), "SL1003"));            // not there: unknown, the resolver is still advised
  CHECK(has(run("garbage\n"), "SL1003"));   // not a certificate
  CHECK(has(run(make_pem("")), "SL1003"));  // no OCSP URL: another matter (issue 14), not this rule's
}

namespace {
std::string read_fixture(const std::string& name) {
  const ReadResult r = DiskFileSystem().read(std::string(STAPLINT_SOURCE_DIR) + "/samples/certs/" + name, 1 << 20);
  REQUIRE(r.status == ReadResult::Status::ok);
  return r.bytes;
}
}  // namespace

TEST_CASE("certificates: what a leaf says (samples/certs)", "[certificate]") {
  const CertificateFile f = parse_certificates(read_fixture("leaf-chain.pem"));
  REQUIRE(f.status == CertificateFile::Status::ok);
  REQUIRE(f.certificates.size() == 2);
  const CertificateInfo& leaf = f.certificates[0];
  CHECK(leaf.subject == "CN=www.staplint.test");
  CHECK(leaf.issuer == "CN=staplint test intermediate,O=staplint test");
  CHECK(leaf.ocsp_urls == std::vector<std::string>{"http://ocsp.staplint.test/"});
  CHECK(leaf.crl_urls == std::vector<std::string>{"http://crl.staplint.test/inter.crl"});
  CHECK_FALSE(leaf.must_staple);
  CHECK_FALSE(leaf.is_ca);
  CHECK(leaf.not_after - leaf.not_before > 50LL * 365 * 86400);
  CHECK(leaf.serial.size() >= 2);
  CHECK(f.certificates[1].is_ca);
  CHECK(issued_by(leaf, f.certificates[1]));
  CHECK_FALSE(issued_by(f.certificates[1], leaf));
  const CertificateFile root = parse_certificates(read_fixture("root.pem"));
  CHECK(root.certificates.at(0).self_issued);
  CHECK(issued_by(f.certificates[1], root.certificates.at(0)));
  CHECK_FALSE(issued_by(leaf, root.certificates.at(0)));
}

TEST_CASE("certificates: Must-Staple, no OCSP URL, no revocation information", "[certificate]") {
  CHECK(parse_certificates(read_fixture("must-staple-chain.pem")).certificates.at(0).must_staple);
  const CertificateInfo no_ocsp = parse_certificates(read_fixture("no-ocsp-chain.pem")).certificates.at(0);
  CHECK(no_ocsp.ocsp_urls.empty());
  CHECK_FALSE(no_ocsp.crl_urls.empty());
  const CertificateInfo nothing = parse_certificates(read_fixture("no-revocation-info-chain.pem")).certificates.at(0);
  CHECK(nothing.ocsp_urls.empty());
  CHECK(nothing.crl_urls.empty());
}

TEST_CASE("certificates: CRLs, their issuers and dates", "[certificate]") {
  const CertificateFile set = parse_certificates(read_fixture("crl-expired.pem"));
  REQUIRE(set.crls.size() == 2);
  CHECK(set.certificates.empty());
  CHECK(set.status == CertificateFile::Status::ok);
  CHECK(set.crls[0].next_update == UnixTime{949363200});  // 2000-02-01
  CHECK(format_date(*set.crls[0].next_update) == "2000-02-01");
  const CertificateFile cas = parse_certificates(read_fixture("ca-chain.pem"));
  REQUIRE(cas.certificates.size() == 2);
  CHECK(crl_issued_by(set.crls[0], cas.certificates[0]));
  CHECK(crl_issued_by(set.crls[1], cas.certificates[1]));
  CHECK_FALSE(crl_issued_by(set.crls[0], cas.certificates[1]));
  CHECK(*set.crls[1].next_update > set.crls[1].this_update + 50LL * 365 * 86400);
}

TEST_CASE("certificates: a private key in the file is never decoded", "[certificate]") {
  // A key block whose body is not base64 would make OpenSSL's PEM reader
  // fail if it were handed over; the certificate after it is still read.
  const std::string text =
      "-----BEGIN PRIVATE KEY-----\n!!!not base64!!!\n-----END PRIVATE KEY-----\n" + read_fixture("leaf.pem");
  const CertificateFile f = parse_certificates(text);
  REQUIRE(f.certificates.size() == 1);
  CHECK(f.certificates[0].subject == "CN=www.staplint.test");
  CHECK(parse_certificates("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").status ==
        CertificateFile::Status::not_pem);
}

TEST_CASE("certificates: OCSP responses for a stapling file", "[certificate]") {
  const CertificateFile chain = parse_certificates(read_fixture("leaf-chain.pem"));
  const CertificateInfo& leaf = chain.certificates.at(0);
  const CertificateInfo& issuer = chain.certificates.at(1);
  const OcspResponseFacts good = read_ocsp_response(read_fixture("ocsp-leaf-good.der"), leaf, &issuer);
  CHECK(good.status == OcspResponseFacts::Status::ok);
  CHECK(good.for_certificate);
  CHECK(good.cert_status == OcspResponseFacts::CertStatus::good);
  REQUIRE(good.next_update);
  CHECK(*good.next_update > good.this_update + 50LL * 365 * 86400);
  CHECK(read_ocsp_response(read_fixture("ocsp-leaf-good.der"), leaf, nullptr).for_certificate);  // by serial
  CHECK(read_ocsp_response(read_fixture("ocsp-leaf-revoked.der"), leaf, &issuer).cert_status ==
        OcspResponseFacts::CertStatus::revoked);
  const OcspResponseFacts stale = read_ocsp_response(read_fixture("ocsp-leaf-stale.der"), leaf, &issuer);
  REQUIRE(stale.next_update);
  CHECK(*stale.next_update < *good.next_update);
  const OcspResponseFacts other = read_ocsp_response(read_fixture("ocsp-other-certificate.der"), leaf, &issuer);
  CHECK(other.status == OcspResponseFacts::Status::ok);
  CHECK_FALSE(other.for_certificate);
  CHECK(read_ocsp_response("not DER", leaf, &issuer).status == OcspResponseFacts::Status::not_ocsp);
  CHECK(read_ocsp_response(std::string("\x30\x03\x0a\x01\x03", 5), leaf, &issuer).status ==
        OcspResponseFacts::Status::unsuccessful);  // tryLater
}

namespace {
struct CertRun {
  LintResult result;
  std::vector<std::string> rules;
};
/// Lints `conf` as /etc/nginx/nginx.conf with the test PKI in /etc/nginx/certs.
CertRun lint_with_pki(const std::string& conf, const std::function<void(LintRequest&)>& tune = {}) {
  MemoryFileSystem fs;
  fs.add("/etc/nginx/nginx.conf", conf);
  for (const char* name : {"leaf.pem", "leaf-chain.pem", "no-ocsp-chain.pem", "must-staple-chain.pem", "root.pem",
                           "ca-chain.pem", "crl-complete.pem", "crl-inter.pem", "ocsp-leaf-good.der"}) {
    fs.add(std::string("/etc/nginx/certs/") + name, read_fixture(name));
  }
  SourceManager sm;
  LintRequest req;
  req.paths = {"/etc/nginx/nginx.conf"};
  if (tune) tune(req);
  CertRun out{lint(fs, sm, RuleCatalog::builtin(), req), {}};
  out.rules = rules_of(out.result);
  return out;
}
std::string server(const std::string& body) {
  return "events {}\nhttp {\n resolver 127.0.0.1;\n server {\n  listen 443 ssl;\n" + body + "\n }\n}\n";
}
bool has(const std::vector<std::string>& v, const char* id) { return std::find(v.begin(), v.end(), id) != v.end(); }
}  // namespace

TEST_CASE("certificates decide the nginx verdict", "[certificate]") {
  const std::string stapling = "  ssl_stapling on; ssl_stapling_verify on;\n";
  auto verdict = [&](const std::string& body) {
    const CertRun r = lint_with_pki(server(body));
    REQUIRE(r.result.endpoints.size() == 1);
    return std::string(to_string(r.result.endpoints[0].stapling));
  };
  CHECK(verdict("  ssl_certificate certs/leaf-chain.pem;\n" + stapling +
                "  ssl_trusted_certificate certs/ca-chain.pem;") == "on");
  // No OCSP URL: nothing to fetch (SL4001).
  CHECK(verdict("  ssl_certificate certs/no-ocsp-chain.pem;\n" + stapling +
                "  ssl_trusted_certificate certs/ca-chain.pem;") == "ineffective");
  // ... unless a responder is named.
  CHECK(verdict("  ssl_certificate certs/no-ocsp-chain.pem;\n" + stapling +
                "  ssl_trusted_certificate certs/ca-chain.pem; ssl_stapling_responder http://10.0.0.1/;") == "on");
  // A leaf alone and only the root trusted: no issuer (SL4003).
  CHECK(verdict("  ssl_certificate certs/leaf.pem;\n" + stapling + "  ssl_trusted_certificate certs/root.pem;") ==
        "ineffective");
  // The issuer in the trusted file: found.
  CHECK(verdict("  ssl_certificate certs/leaf.pem;\n" + stapling + "  ssl_trusted_certificate certs/ca-chain.pem;") ==
        "on");
  // No trusted chain (SL1004): it depends on who signs the responses...
  CHECK(verdict("  ssl_certificate certs/leaf-chain.pem;\n" + stapling) == "unknown");
  // ... unless the certificates already settle it.
  CHECK(verdict("  ssl_certificate certs/leaf.pem;\n" + stapling) == "ineffective");
  // One of two certificates can be stapled: the endpoint staples.
  CHECK(verdict("  ssl_certificate certs/leaf-chain.pem; ssl_certificate certs/no-ocsp-chain.pem;\n" + stapling +
                "  ssl_trusted_certificate certs/ca-chain.pem;") == "on");
  // A trusted file staplint cannot read: a leaf alone may find its issuer there.
  CHECK(verdict("  ssl_certificate certs/leaf.pem;\n" + stapling + "  ssl_trusted_certificate /elsewhere/chain.pem;") ==
        "on");
}

TEST_CASE("certificates in JSON endpoints, and --no-certificates", "[certificate]") {
  const std::string conf = server("  ssl_certificate certs/must-staple-chain.pem;\n  ssl_stapling off;");
  const CertRun r = lint_with_pki(conf);
  REQUIRE(r.result.endpoints.size() == 1);
  REQUIRE(r.result.endpoints[0].certificates.size() == 1);
  const EndpointCertificate& c = *r.result.endpoints[0].certificates[0];
  CHECK(c.path == "/etc/nginx/certs/must-staple-chain.pem");
  CHECK(c.subject == "CN=must-staple.staplint.test");
  CHECK(c.must_staple);
  CHECK(c.issuer_found == std::optional<bool>(true));
  CHECK(c.ocsp_urls == std::vector<std::string>{"http://ocsp.staplint.test/"});
  CHECK(has(r.rules, "SL4004"));
  CHECK(has(r.rules, "SL1001"));
  const CertRun off = lint_with_pki(conf, [](LintRequest& q) { q.lint.read_certificates = false; });
  CHECK(off.result.endpoints[0].certificates.empty());
  CHECK_FALSE(has(off.rules, "SL4004"));
  // Without certificates, a certificate with no OCSP URL gets SL1001 like any other.
  const std::string no_url = server("  ssl_certificate certs/no-ocsp-chain.pem;");
  CHECK_FALSE(has(lint_with_pki(no_url).rules, "SL1001"));
  CHECK(has(lint_with_pki(no_url, [](LintRequest& q) { q.lint.read_certificates = false; }).rules, "SL1001"));
}

TEST_CASE("servers that serve one certificate share its JSON entry", "[certificate]") {
  // Three servers, one certificate file; the third finds no issuer (a leaf
  // alone, no trusted file), so its entry differs by issuer_found.
  const std::string conf =
      "events {}\nhttp {\n resolver 127.0.0.1;\n"
      " server { listen 443 ssl; server_name a; ssl_certificate certs/leaf-chain.pem; }\n"
      " server { listen 443 ssl; server_name b; ssl_certificate certs/leaf-chain.pem; }\n"
      " server { listen 443 ssl; server_name c; ssl_certificate certs/leaf.pem; }\n}\n";
  const CertRun r = lint_with_pki(conf);
  REQUIRE(r.result.endpoints.size() == 3);
  for (const EndpointReport& e : r.result.endpoints) REQUIRE(e.certificates.size() == 1);
  CHECK(r.result.endpoints[0].certificates[0] == r.result.endpoints[1].certificates[0]);
  CHECK(r.result.endpoints[0].certificates[0]->issuer_found == std::optional<bool>(true));
  CHECK(r.result.endpoints[2].certificates[0] != r.result.endpoints[0].certificates[0]);
  CHECK(r.result.endpoints[2].certificates[0]->issuer_found == std::optional<bool>(false));
  CHECK(r.result.endpoints[2].certificates[0]->path == "/etc/nginx/certs/leaf.pem");
}

TEST_CASE("SL4005 speaks of missing files only where files are expected", "[certificate]") {
  const std::string conf = server("  ssl_certificate /etc/ssl/site/fullchain.pem;\n  ssl_stapling off;");
  CHECK_FALSE(has(lint_with_pki(conf).rules, "SL4005"));
  MemoryFileSystem fs;
  fs.add("/co/etc/nginx/nginx.conf", conf);
  SourceManager sm;
  LintRequest req;
  req.paths = {"/co/etc/nginx/nginx.conf"};
  req.load.root = "/co";
  const LintResult r = lint(fs, sm, RuleCatalog::builtin(), req);
  CHECK(has(rules_of(r), "SL4005"));
}

TEST_CASE("SL4006 warns before a CRL expires, and errs after", "[certificate]") {
  const std::string conf = server(
      "  ssl_verify_client on; ssl_client_certificate certs/ca-chain.pem;\n"
      "  ssl_crl certs/crl-complete.pem; ssl_stapling off;");
  const UnixTime next = *parse_certificates(read_fixture("crl-complete.pem")).crls.at(0).next_update;
  auto severity_at = [&](UnixTime now, int warn_days) -> std::optional<Severity> {
    const CertRun r = lint_with_pki(conf, [&](LintRequest& q) {
      q.lint.now = now;
      q.lint.crl_warn_days = warn_days;
    });
    for (const Finding& f : r.result.findings) {
      if (f.rule_id == "SL4006") return f.severity;
    }
    return std::nullopt;
  };
  CHECK(severity_at(next - 30 * 86400, 7) == std::nullopt);
  CHECK(severity_at(next - 3 * 86400, 7) == Severity::warning);
  CHECK(severity_at(next - 3 * 86400, 0) == std::nullopt);
  CHECK(severity_at(next + 60, 7) == Severity::error);
}

TEST_CASE("SL1004's fix trusts the system bundle only when it holds the chain's root", "[certificate]") {
  const std::string conf =
      server("  ssl_certificate certs/leaf-chain.pem;\n  ssl_stapling on; ssl_stapling_verify on;");
  auto fix_text = [&](const std::string& bundle) {
    MemoryFileSystem fs;
    fs.add("/etc/nginx/nginx.conf", conf);
    fs.add("/etc/nginx/certs/leaf-chain.pem", read_fixture("leaf-chain.pem"));
    if (!bundle.empty()) fs.add("/etc/ssl/certs/ca-certificates.crt", bundle);
    SourceManager sm;
    LintRequest req;
    req.paths = {"/etc/nginx/nginx.conf"};
    const LintResult r = lint(fs, sm, RuleCatalog::builtin(), req);
    for (const Finding& f : r.findings) {
      if (f.rule_id == "SL1004") return f.fixes.empty() ? std::string("(no fix)") : f.fixes[0].edits.at(0).text;
    }
    return std::string("(no SL1004)");
  };
  // The root in the bundle (a public CA, as far as this machine knows).
  CHECK(fix_text(read_fixture("other.pem") + read_fixture("root.pem")).find("/etc/ssl/certs/ca-certificates.crt") !=
        std::string::npos);
  // A bundle without it: a private CA, and no file here holds its root.
  CHECK(fix_text(read_fixture("other.pem")) == "(no fix)");
  CHECK(fix_text("") == "(no fix)");
}

TEST_CASE("keystores: PKCS#12 and JKS chains without opening a key", "[certificate]") {
  const CertificateFile p12 = parse_keystore(read_fixture("leaf-chain.p12"), "changeit", "");
  REQUIRE(p12.status == CertificateFile::Status::ok);
  CHECK(p12.chain_length == 2);
  CHECK(p12.certificates.at(0).subject == "CN=www.staplint.test");
  CHECK(issued_by(p12.certificates.at(0), p12.certificates.at(1)));
  CHECK(parse_keystore(read_fixture("leaf-only.p12"), "changeit", "").chain_length == 1);
  const CertificateFile locked = parse_keystore(read_fixture("leaf-chain.p12"), "not the password", "");
  CHECK(locked.wrong_password);
  CHECK(locked.certificates.empty());
  // JKS: no password needed for certificates.
  const CertificateFile jks = parse_keystore(read_fixture("leaf-chain.jks"), "", "");
  REQUIRE(jks.status == CertificateFile::Status::ok);
  CHECK(jks.chain_length == 2);
  CHECK(jks.certificates.at(0).ocsp_urls == std::vector<std::string>{"http://ocsp.staplint.test/"});
  const CertificateFile trust = parse_keystore(read_fixture("truststore.jks"), "", "");
  CHECK(trust.chain_length == 0);
  CHECK(trust.certificates.size() == 2);
  // Not a keystore; a truncated JKS; a JKS whose counts lie.
  CHECK(parse_keystore("hello world", "", "").status == CertificateFile::Status::not_pem);
  const std::string jks_bytes = read_fixture("leaf-chain.jks");
  CHECK(parse_keystore(jks_bytes.substr(0, jks_bytes.size() / 2), "", "").certificates.size() <= 2);
  std::string lying = jks_bytes;
  lying[8] = lying[9] = lying[10] = lying[11] = '\xff';  // entry count 4294967295
  CHECK(parse_keystore(lying, "", "").certificates.size() <= 2);
}

TEST_CASE("SL1001's Let's Encrypt note follows certbot's renewal file, in nginx and Apache", "[certificate]") {
  // Certificates under /etc/letsencrypt/live/ (absent: they are secrets);
  // renewal files say which CA issues them: Let's Encrypt for le.example,
  // ZeroSSL for zs.example, none for none.example.
  const std::string le_note = "Let's Encrypt certificates issued since 2025-05-07";
  auto lint_tree = [](const std::string& path, const std::string& conf) {
    MemoryFileSystem fs;
    fs.add(path, conf);
    fs.add("/etc/letsencrypt/renewal/le.example.conf",
           "version = 2.1.0\n[renewalparams]\nserver = https://acme-v02.api.letsencrypt.org/directory\n");
    fs.add("/etc/letsencrypt/renewal/zs.example.conf", "[renewalparams]\nserver = https://acme.zerossl.com/v2/DV90\n");
    SourceManager sm;
    LintRequest req;
    req.paths = {path};
    return lint(fs, sm, RuleCatalog::builtin(), req);
  };
  auto sl1001_note = [&](const LintResult& r, std::string_view name) -> std::optional<bool> {
    for (const Finding& f : r.findings) {
      if (f.rule_id != "SL1001" || f.message.find(name) == std::string::npos) continue;
      return std::any_of(f.notes.begin(), f.notes.end(),
                         [&](const Note& n) { return n.message.find(le_note) != std::string::npos; });
    }
    return std::nullopt;  // no SL1001 for that server
  };
  std::string nginx = "events {}\nhttp {\n resolver 127.0.0.1;\n";
  std::string apache = "LoadModule ssl_module modules/mod_ssl.so\nListen 443\n";
  for (const char* name : {"le", "zs", "none"}) {
    const std::string live = std::string("/etc/letsencrypt/live/") + name + ".example/fullchain.pem";
    nginx +=
        std::string(" server { listen 443 ssl; server_name ") + name + ".example; ssl_certificate " + live + "; }\n";
    apache += std::string("<VirtualHost *:443>\nServerName ") + name + ".example\nSSLEngine on\nSSLCertificateFile " +
              live + "\n</VirtualHost>\n";
  }
  nginx += "}\n";
  for (const auto& [path, conf] :
       {std::pair{"/etc/nginx/nginx.conf", nginx}, std::pair{"/etc/apache2/apache2.conf", apache}}) {
    INFO(path);
    const LintResult r = lint_tree(path, conf);
    // The renewal file says Let's Encrypt: SL4001 says why, SL1001 is silent.
    CHECK_FALSE(sl1001_note(r, "le.example"));
    CHECK(std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) {
      return f.rule_id == "SL4001" && f.message.find("le.example") != std::string::npos;
    }));
    // Another CA: SL1001 without the note.
    CHECK(sl1001_note(r, "zs.example") == std::optional<bool>(false));
    // No renewal file: the path alone says certbot, so the note.
    CHECK(sl1001_note(r, "none.example") == std::optional<bool>(true));
  }
}
