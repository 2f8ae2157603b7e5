// Certificates: what lib/src/certificate.cpp reads from PEM, and SL1003 when
// every responder the certificates name is an IP literal.
#include <catch2/catch.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
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
  const std::string conf = "events {}\nhttp {\n server {\n  listen 443 ssl;\n  ssl_certificate certs/a.pem;\n"
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
  CHECK(has(run(""), "SL1003"));               // not there: unknown, the resolver is still advised
  CHECK(has(run("garbage\n"), "SL1003"));      // not a certificate
  CHECK(has(run(make_pem("")), "SL1003"));     // no OCSP URL: another matter (issue 14), not this rule's
}
