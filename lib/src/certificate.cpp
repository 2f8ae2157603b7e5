#include "staplint/certificate.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <ctime>
#include <memory>

namespace staplint {

namespace {
/// OpenSSL set up once, without its configuration file: a host's
/// openssl.cnf (or $OPENSSL_CONF) may load engines and providers, and what
/// staplint reads must not depend on it, nor run it.
void init_openssl() {
  static const bool done = OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr) == 1;
  (void)done;
}

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

const X509* x509_of(const CertificateInfo& c) { return static_cast<const X509*>(c.handle.get()); }
const X509_CRL* crl_of(const CrlInfo& c) { return static_cast<const X509_CRL*>(c.handle.get()); }

std::string name_text(const X509_NAME* name) {
  if (!name) return {};
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) return {};
  // RFC 2253 escapes control characters and bytes above 0x7f.
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_UTF8_CONVERT);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  std::string out(data, n > 0 ? static_cast<std::size_t>(n) : 0);
  if (out.size() > 512) out = out.substr(0, 509) + "...";
  return out;
}

std::optional<UnixTime> time_of(const ASN1_TIME* t) {
  if (!t) return std::nullopt;
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
  return static_cast<UnixTime>(timegm(&tm));
}

std::string serial_text(const ASN1_INTEGER* serial) {
  std::unique_ptr<BIGNUM, decltype(&BN_free)> bn(ASN1_INTEGER_to_BN(serial, nullptr), BN_free);
  if (!bn) return {};
  char* hex = BN_bn2hex(bn.get());
  if (!hex) return {};
  std::string out(hex);
  OPENSSL_free(hex);
  return out;
}

bool has_status_request_feature(const X509* x) {
  // TLS Feature (1.3.6.1.5.5.7.1.24): a SEQUENCE OF INTEGER; 5 is status_request.
  auto* features = static_cast<STACK_OF(ASN1_INTEGER)*>(X509_get_ext_d2i(x, NID_tlsfeature, nullptr, nullptr));
  if (!features) return false;
  bool found = false;
  for (int i = 0; i < sk_ASN1_INTEGER_num(features); ++i) {
    if (ASN1_INTEGER_get(sk_ASN1_INTEGER_value(features, i)) == 5) found = true;
  }
  sk_ASN1_INTEGER_pop_free(features, ASN1_INTEGER_free);
  return found;
}

std::vector<std::string> crl_distribution_uris(const X509* x) {
  std::vector<std::string> out;
  auto* points = static_cast<STACK_OF(DIST_POINT)*>(X509_get_ext_d2i(x, NID_crl_distribution_points, nullptr, nullptr));
  if (!points) return out;
  for (int i = 0; i < sk_DIST_POINT_num(points) && out.size() < 16; ++i) {
    const DIST_POINT* dp = sk_DIST_POINT_value(points, i);
    if (!dp->distpoint || dp->distpoint->type != 0) continue;
    const GENERAL_NAMES* names = dp->distpoint->name.fullname;
    for (int k = 0; k < sk_GENERAL_NAME_num(names); ++k) {
      const GENERAL_NAME* g = sk_GENERAL_NAME_value(names, k);
      if (g->type != GEN_URI) continue;
      const ASN1_IA5STRING* uri = g->d.uniformResourceIdentifier;
      out.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(uri)),
                       static_cast<std::size_t>(ASN1_STRING_length(uri)));
    }
  }
  sk_DIST_POINT_pop_free(points, DIST_POINT_free);
  return out;
}

/// URLs come from the certificate: printable ASCII only, bounded.
std::string clean_url(std::string url) {
  if (url.size() > 512) url.resize(512);
  for (char& c : url) {
    if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e) c = '?';
  }
  return url;
}

CertificateInfo describe(X509* raw) {
  CertificateInfo info;
  info.handle =
      std::shared_ptr<const void>(raw, [](const void* p) { X509_free(static_cast<X509*>(const_cast<void*>(p))); });
  info.subject = name_text(X509_get_subject_name(raw));
  info.issuer = name_text(X509_get_issuer_name(raw));
  info.self_issued = X509_NAME_cmp(X509_get_subject_name(raw), X509_get_issuer_name(raw)) == 0;
  info.serial = serial_text(X509_get0_serialNumber(raw));
  info.not_before = time_of(X509_get0_notBefore(raw)).value_or(0);
  info.not_after = time_of(X509_get0_notAfter(raw)).value_or(0);
  if (STACK_OF(OPENSSL_STRING)* urls = X509_get1_ocsp(raw)) {
    for (int k = 0; k < sk_OPENSSL_STRING_num(urls) && k < 16; ++k) {
      info.ocsp_urls.push_back(clean_url(sk_OPENSSL_STRING_value(urls, k)));
    }
    X509_email_free(urls);
  }
  for (std::string& u : crl_distribution_uris(raw)) info.crl_urls.push_back(clean_url(std::move(u)));
  info.must_staple = has_status_request_feature(raw);
  info.is_ca = X509_check_ca(raw) != 0;
  return info;
}

CrlInfo describe(X509_CRL* raw) {
  CrlInfo info;
  info.handle = std::shared_ptr<const void>(
      raw, [](const void* p) { X509_CRL_free(static_cast<X509_CRL*>(const_cast<void*>(p))); });
  info.issuer = name_text(X509_CRL_get_issuer(raw));
  info.this_update = time_of(X509_CRL_get0_lastUpdate(raw)).value_or(0);
  info.next_update = time_of(X509_CRL_get0_nextUpdate(raw));
  return info;
}

/// The PEM blocks of `bytes` with their labels, found by text: what lies
/// between `-----BEGIN L-----` and `-----END L-----`, markers included.
struct PemBlock {
  std::string_view label;
  std::string_view text;
};

template <typename Each>
void each_pem_block(std::string_view bytes, Each&& each) {
  constexpr std::string_view begin = "-----BEGIN ";
  std::size_t at = 0;
  while ((at = bytes.find(begin, at)) != std::string_view::npos) {
    const std::size_t label_start = at + begin.size();
    const std::size_t label_end = bytes.find("-----", label_start);
    if (label_end == std::string_view::npos || label_end - label_start > 64) return;
    const std::string_view label = bytes.substr(label_start, label_end - label_start);
    const std::string end_marker = "-----END " + std::string(label) + "-----";
    const std::size_t end = bytes.find(end_marker, label_end);
    if (end == std::string_view::npos) return;
    if (!each(PemBlock{label, bytes.substr(at, end + end_marker.size() - at)})) return;
    at = end + end_marker.size();
  }
}
}  // namespace

CertificateFile parse_certificates(const std::string& bytes) {
  init_openssl();
  CertificateFile out;
  out.status = CertificateFile::Status::not_pem;
  if (bytes.empty() || bytes.size() > static_cast<std::size_t>(INT32_MAX)) return out;
  each_pem_block(bytes, [&](const PemBlock& b) {
    const bool certificate = b.label == "CERTIFICATE" || b.label == "X509 CERTIFICATE";
    const bool trusted = b.label == "TRUSTED CERTIFICATE";
    const bool crl = b.label == "X509 CRL";
    if (!certificate && !trusted && !crl) return true;  // a key, parameters: never decoded
    if (out.certificates.size() + out.crls.size() >= kMaxBlocksPerFile) {
      out.truncated = true;
      return false;
    }
    BioPtr bio(BIO_new_mem_buf(b.text.data(), static_cast<int>(b.text.size())));
    if (!bio) return false;
    if (crl) {
      if (X509_CRL* c = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr)) out.crls.push_back(describe(c));
    } else if (X509* x = trusted ? PEM_read_bio_X509_AUX(bio.get(), nullptr, nullptr, nullptr)
                                 : PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
      out.certificates.push_back(describe(x));
    }
    return true;
  });
  ERR_clear_error();
  if (!out.certificates.empty() || !out.crls.empty()) out.status = CertificateFile::Status::ok;
  out.chain_length = out.certificates.size();
  return out;
}

namespace {

/// Orders a keystore's certificates: the chain from `leaf` (following issuers
/// among `all`), then the rest.
CertificateFile keystore_result(std::vector<CertificateInfo> chain_and_rest, std::size_t chain_length) {
  CertificateFile out;
  out.status = chain_and_rest.empty() ? CertificateFile::Status::not_pem : CertificateFile::Status::ok;
  out.chain_length = chain_length;
  out.certificates = std::move(chain_and_rest);
  return out;
}

std::optional<CertificateInfo> certificate_from_der(const unsigned char* p, std::size_t n) {
  if (n > static_cast<std::size_t>(INT32_MAX)) return std::nullopt;
  const unsigned char* q = p;
  X509* x = d2i_X509(nullptr, &q, static_cast<long>(n));
  if (!x) {
    ERR_clear_error();
    return std::nullopt;
  }
  return describe(x);
}

/// Java's KeyStore "JKS" (0xFEEDFEED) and "JCEKS" (0xCECECECE) formats
/// (sun.security.provider.JavaKeyStore): entries in the clear but for the key
/// itself, which is skipped by its length. The trailing keyed digest is not
/// checked (that needs the password).
CertificateFile parse_jks(const std::string& bytes, const std::string& alias) {
  std::size_t at = 0;
  bool ok = true;
  auto u32 = [&]() -> std::uint32_t {
    if (at + 4 > bytes.size()) {
      ok = false;
      return 0;
    }
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at++]);
    return v;
  };
  auto u16 = [&]() -> std::uint16_t {
    if (at + 2 > bytes.size()) {
      ok = false;
      return 0;
    }
    const std::uint16_t v = static_cast<std::uint16_t>((static_cast<unsigned char>(bytes[at]) << 8) |
                                                       static_cast<unsigned char>(bytes[at + 1]));
    at += 2;
    return v;
  };
  auto skip = [&](std::size_t n) {
    if (n > bytes.size() - std::min(at, bytes.size())) {
      ok = false;
      return;
    }
    at += n;
  };
  auto utf = [&]() {
    const std::uint16_t n = u16();
    if (!ok || at + n > bytes.size()) {
      ok = false;
      return std::string();
    }
    std::string s = bytes.substr(at, n);
    at += n;
    return s;
  };
  const std::uint32_t magic = u32();
  const std::uint32_t version = u32();
  const std::uint32_t count = u32();
  if (!ok || (magic != 0xFEEDFEEDu && magic != 0xCECECECEu) || (version != 1 && version != 2)) {
    return keystore_result({}, 0);
  }
  std::vector<CertificateInfo> chain, trusted;
  bool chosen = false;
  auto cert = [&]() -> std::optional<CertificateInfo> {
    if (version == 2) utf();  // the certificate type, "X.509"
    const std::uint32_t n = u32();
    if (!ok || n > bytes.size() - at) {
      ok = false;
      return std::nullopt;
    }
    auto c = certificate_from_der(reinterpret_cast<const unsigned char*>(bytes.data() + at), n);
    at += n;
    return c;
  };
  for (std::uint32_t e = 0; ok && e < count && e < kMaxBlocksPerFile; ++e) {
    const std::uint32_t tag = u32();
    const std::string name = utf();
    skip(8);  // the date
    if (!ok) break;
    if (tag == 1) {
      skip(u32());  // the protected private key: never decoded
      const std::uint32_t n = u32();
      std::vector<CertificateInfo> entry;
      for (std::uint32_t i = 0; ok && i < n && i < 64; ++i) {
        if (auto c = cert()) entry.push_back(std::move(*c));
      }
      if (!chosen && (alias.empty() || name == alias)) {
        chain = std::move(entry);
        chosen = true;
      }
    } else if (tag == 2) {
      if (auto c = cert()) trusted.push_back(std::move(*c));
    } else {
      break;  // a JCEKS secret key: a serialized object, not read further
    }
  }
  const std::size_t length = chain.size();
  for (CertificateInfo& t : trusted) chain.push_back(std::move(t));
  return keystore_result(std::move(chain), length);
}

/// PKCS#12: the certificate bags, from the plain and the password-encrypted
/// safes; shrouded key bags are never decrypted. The leaf is the certificate
/// whose localKeyID matches a key bag's (or whose friendlyName is `alias`).
/// Old keystores (keytool before JDK 12, `openssl pkcs12 -legacy`) encrypt
/// their certificates with RC2, which OpenSSL 3 keeps in its legacy
/// provider: loaded once, when the system has it (Debian's libssl3 does).
}  // namespace

bool legacy_algorithms_available() {
  init_openssl();
  static const bool loaded = [] {
    OSSL_PROVIDER_try_load(nullptr, "default", 1);
    const bool ok = OSSL_PROVIDER_try_load(nullptr, "legacy", 1) != nullptr;
    ERR_clear_error();
    return ok;
  }();
  return loaded;
}

namespace {

CertificateFile parse_pkcs12(const std::string& bytes, const std::string& password, const std::string& alias) {
  legacy_algorithms_available();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::unique_ptr<PKCS12, decltype(&PKCS12_free)> p12(d2i_PKCS12(nullptr, &p, static_cast<long>(bytes.size())),
                                                      PKCS12_free);
  if (!p12) {
    ERR_clear_error();
    return keystore_result({}, 0);
  }
  STACK_OF(PKCS7)* safes = PKCS12_unpack_authsafes(p12.get());
  if (!safes) {
    ERR_clear_error();
    return keystore_result({}, 0);
  }
  struct Bag {
    CertificateInfo info;
    std::string key_id, name;
  };
  std::vector<Bag> certs;
  std::vector<std::string> key_ids;
  bool locked = false;
  auto attr_bytes = [](const PKCS12_SAFEBAG* bag, int nid) {
    const ASN1_TYPE* t = PKCS12_SAFEBAG_get0_attr(bag, nid);
    if (!t) return std::string();
    if (t->type == V_ASN1_OCTET_STRING) {
      return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(t->value.octet_string)),
                         static_cast<std::size_t>(ASN1_STRING_length(t->value.octet_string)));
    }
    if (t->type == V_ASN1_BMPSTRING) {
      char* utf8 = OPENSSL_uni2utf8(ASN1_STRING_get0_data(t->value.bmpstring), ASN1_STRING_length(t->value.bmpstring));
      std::string s = utf8 ? utf8 : "";
      OPENSSL_free(utf8);
      return s;
    }
    return std::string();
  };
  for (int i = 0; i < sk_PKCS7_num(safes) && i < 64; ++i) {
    PKCS7* safe = sk_PKCS7_value(safes, i);
    STACK_OF(PKCS12_SAFEBAG)* bags = nullptr;
    const int nid = OBJ_obj2nid(safe->type);
    if (nid == NID_pkcs7_data) {
      bags = PKCS12_unpack_p7data(safe);
    } else if (nid == NID_pkcs7_encrypted) {
      bags = PKCS12_unpack_p7encdata(safe, password.c_str(), static_cast<int>(password.size()));
      if (!bags && !password.empty()) bags = PKCS12_unpack_p7encdata(safe, nullptr, 0);
      if (!bags) locked = true;
    }
    ERR_clear_error();
    if (!bags) continue;
    for (int k = 0; k < sk_PKCS12_SAFEBAG_num(bags) && certs.size() < kMaxBlocksPerFile; ++k) {
      const PKCS12_SAFEBAG* bag = sk_PKCS12_SAFEBAG_value(bags, k);
      const int type = PKCS12_SAFEBAG_get_nid(bag);
      if (type == NID_pkcs8ShroudedKeyBag || type == NID_keyBag) {
        key_ids.push_back(attr_bytes(bag, NID_localKeyID));  // the key itself is never decoded
      } else if (type == NID_certBag && PKCS12_SAFEBAG_get_bag_nid(bag) == NID_x509Certificate) {
        if (X509* x = PKCS12_SAFEBAG_get1_cert(bag)) {
          certs.push_back({describe(x), attr_bytes(bag, NID_localKeyID), attr_bytes(bag, NID_friendlyName)});
        }
      }
    }
    sk_PKCS12_SAFEBAG_pop_free(bags, PKCS12_SAFEBAG_free);
  }
  sk_PKCS7_pop_free(safes, PKCS7_free);
  ERR_clear_error();
  // The leaf: the certificate of the key entry asked for.
  std::size_t leaf = certs.size();
  for (std::size_t i = 0; i < certs.size() && leaf == certs.size(); ++i) {
    const bool named = !alias.empty() && certs[i].name == alias;
    const bool keyed = alias.empty() && !certs[i].key_id.empty() &&
                       std::find(key_ids.begin(), key_ids.end(), certs[i].key_id) != key_ids.end();
    if (named || keyed) leaf = i;
  }
  std::vector<CertificateInfo> ordered;
  std::vector<bool> used(certs.size(), false);
  std::size_t length = 0;
  if (leaf < certs.size()) {
    std::size_t at = leaf;
    while (at < certs.size() && !used[at] && length < 64) {
      used[at] = true;
      ordered.push_back(certs[at].info);
      ++length;
      std::size_t next = certs.size();
      for (std::size_t j = 0; j < certs.size(); ++j) {
        if (!used[j] && issued_by(certs[at].info, certs[j].info)) next = j;
      }
      if (certs[at].info.self_issued) break;
      at = next;
    }
  }
  for (std::size_t j = 0; j < certs.size(); ++j) {
    if (!used[j]) ordered.push_back(certs[j].info);
  }
  CertificateFile out = keystore_result(std::move(ordered), length);
  if (out.certificates.empty() && locked) {
    out.status = CertificateFile::Status::unreadable;
    out.wrong_password = true;
  }
  return out;
}

}  // namespace

CertificateFile parse_keystore(const std::string& bytes, const std::string& password, const std::string& alias) {
  init_openssl();
  if (bytes.size() < 4 || bytes.size() > static_cast<std::size_t>(INT32_MAX)) return keystore_result({}, 0);
  const unsigned char m0 = static_cast<unsigned char>(bytes[0]);
  if (m0 == 0xFE || m0 == 0xCE) return parse_jks(bytes, alias);
  if (m0 == 0x30) return parse_pkcs12(bytes, password, alias);
  CertificateFile pem = parse_certificates(bytes);  // a PEM "keystore" (Tomcat accepts one)
  pem.chain_length = pem.certificates.size();
  return pem;
}

bool issued_by(const CertificateInfo& child, const CertificateInfo& parent) {
  if (!child.handle || !parent.handle) return false;
  const bool ok = X509_check_issued(const_cast<X509*>(x509_of(parent)), const_cast<X509*>(x509_of(child))) == X509_V_OK;
  ERR_clear_error();
  return ok;
}

bool crl_issued_by(const CrlInfo& crl, const CertificateInfo& ca) {
  if (!crl.handle || !ca.handle) return false;
  return X509_NAME_cmp(X509_CRL_get_issuer(crl_of(crl)), X509_get_subject_name(x509_of(ca))) == 0;
}

bool is_ocsp_response(const std::string& der) {
  init_openssl();
  if (der.empty() || der.size() > static_cast<std::size_t>(INT32_MAX)) return false;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  OCSP_RESPONSE* resp = d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der.size()));
  ERR_clear_error();
  OCSP_RESPONSE_free(resp);
  return resp != nullptr;
}

OcspResponseFacts read_ocsp_response(const std::string& der, const CertificateInfo& leaf,
                                     const CertificateInfo* issuer) {
  init_openssl();
  OcspResponseFacts out;
  if (der.empty() || der.size() > static_cast<std::size_t>(INT32_MAX) || !leaf.handle) return out;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<OCSP_RESPONSE, decltype(&OCSP_RESPONSE_free)> resp(
      d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der.size())), OCSP_RESPONSE_free);
  if (!resp) {
    ERR_clear_error();
    return out;
  }
  const int rs = OCSP_response_status(resp.get());
  if (rs != OCSP_RESPONSE_STATUS_SUCCESSFUL) {
    out.status = OcspResponseFacts::Status::unsuccessful;
    out.responder_status = OCSP_response_status_str(rs);
    return out;
  }
  std::unique_ptr<OCSP_BASICRESP, decltype(&OCSP_BASICRESP_free)> basic(OCSP_response_get1_basic(resp.get()),
                                                                        OCSP_BASICRESP_free);
  if (!basic) {
    ERR_clear_error();
    return out;
  }
  out.status = OcspResponseFacts::Status::ok;
  const ASN1_INTEGER* serial = X509_get0_serialNumber(x509_of(leaf));
  for (int i = 0; i < OCSP_resp_count(basic.get()); ++i) {
    OCSP_SINGLERESP* single = OCSP_resp_get0(basic.get(), i);
    const OCSP_CERTID* id = OCSP_SINGLERESP_get0_id(single);
    bool match = false;
    if (issuer && issuer->handle) {
      // The CertID with the response's own hash algorithm.
      ASN1_OBJECT* md_oid = nullptr;
      OCSP_id_get0_info(nullptr, &md_oid, nullptr, nullptr, const_cast<OCSP_CERTID*>(id));
      const EVP_MD* md = md_oid ? EVP_get_digestbyobj(md_oid) : nullptr;
      if (OCSP_CERTID* mine = OCSP_cert_to_id(md ? md : EVP_sha1(), x509_of(leaf), x509_of(*issuer))) {
        match = OCSP_id_cmp(mine, id) == 0;
        OCSP_CERTID_free(mine);
      }
    } else {
      ASN1_INTEGER* their_serial = nullptr;
      OCSP_id_get0_info(nullptr, nullptr, nullptr, &their_serial, const_cast<OCSP_CERTID*>(id));
      match = their_serial && ASN1_INTEGER_cmp(their_serial, serial) == 0;
    }
    if (!match) continue;
    int reason = 0;
    ASN1_GENERALIZEDTIME *revoked = nullptr, *this_upd = nullptr, *next_upd = nullptr;
    const int st = OCSP_single_get0_status(single, &reason, &revoked, &this_upd, &next_upd);
    out.for_certificate = true;
    out.cert_status = st == V_OCSP_CERTSTATUS_GOOD      ? OcspResponseFacts::CertStatus::good
                      : st == V_OCSP_CERTSTATUS_REVOKED ? OcspResponseFacts::CertStatus::revoked
                                                        : OcspResponseFacts::CertStatus::unknown;
    out.this_update = time_of(this_upd).value_or(0);
    out.next_update = time_of(next_upd);
    break;
  }
  ERR_clear_error();
  return out;
}

std::optional<CertificateInfo> parse_certificate_der(const std::string& der) {
  init_openssl();
  return certificate_from_der(reinterpret_cast<const unsigned char*>(der.data()), der.size());
}

std::string certificate_der(const CertificateInfo& c) {
  const X509* x = x509_of(c);
  if (!x) return {};
  unsigned char* out = nullptr;
  const int n = i2d_X509(x, &out);
  if (n <= 0 || !out) {
    ERR_clear_error();
    return {};
  }
  std::string der(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  OPENSSL_free(out);
  return der;
}

std::string certificate_pem(const std::string& der) {
  init_openssl();
  const std::optional<CertificateInfo> c = parse_certificate_der(der);
  if (!c) return {};
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), const_cast<X509*>(x509_of(*c))) != 1) {
    ERR_clear_error();
    return {};
  }
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return n > 0 && data ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

OcspSignature verify_ocsp_signature(const std::string& der, const CertificateInfo& issuer,
                                    const std::vector<CertificateInfo>& served, UnixTime now) {
  init_openssl();
  OcspSignature out;
  auto fail = [&](std::string why) {
    out.signer = OcspSignature::Signer::invalid;
    out.problem = std::move(why);
    ERR_clear_error();
    return out;
  };
  if (der.empty() || der.size() > static_cast<std::size_t>(INT32_MAX) || !issuer.handle) {
    return fail("no response or no issuer");
  }
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<OCSP_RESPONSE, decltype(&OCSP_RESPONSE_free)> resp(
      d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der.size())), OCSP_RESPONSE_free);
  if (!resp) return fail("not an OCSP response");
  std::unique_ptr<OCSP_BASICRESP, decltype(&OCSP_BASICRESP_free)> basic(OCSP_response_get1_basic(resp.get()),
                                                                        OCSP_BASICRESP_free);
  if (!basic)
    return fail("the response holds no signed answer (status " +
                std::string(OCSP_response_status_str(OCSP_response_status(resp.get()))) + ")");
  // The issuer is the only trust anchor (partial chains allowed: it is an
  // intermediate), checked at `now`; the served chain helps find the signer.
  std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), X509_STORE_free);
  struct StackFree {
    void operator()(STACK_OF(X509) * s) const { sk_X509_free(s); }  // the certificates stay the caller's
  };
  std::unique_ptr<STACK_OF(X509), StackFree> extra(sk_X509_new_null());
  if (!store || !extra) return fail("out of memory");
  X509_STORE_add_cert(store.get(), const_cast<X509*>(x509_of(issuer)));
  X509_VERIFY_PARAM* param = X509_STORE_get0_param(store.get());
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
  X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(now));
  for (const CertificateInfo& c : served) {
    if (c.handle) sk_X509_push(extra.get(), const_cast<X509*>(x509_of(c)));
  }
  if (OCSP_basic_verify(basic.get(), extra.get(), store.get(), 0) <= 0) {
    const unsigned long e = ERR_peek_last_error();
    const char* why = e ? ERR_reason_error_string(e) : nullptr;
    return fail(why ? why : "the signature does not verify");
  }
  X509* signer = nullptr;
  OCSP_resp_get0_signer(basic.get(), &signer, extra.get());
  out.signer = signer && X509_cmp(signer, x509_of(issuer)) == 0 ? OcspSignature::Signer::issuer
                                                                : OcspSignature::Signer::delegated_responder;
  ERR_clear_error();
  return out;
}

std::string ocsp_request_der(const CertificateInfo& leaf, const CertificateInfo& issuer) {
  init_openssl();
  if (!leaf.handle || !issuer.handle) return {};
  std::unique_ptr<OCSP_REQUEST, decltype(&OCSP_REQUEST_free)> req(OCSP_REQUEST_new(), OCSP_REQUEST_free);
  OCSP_CERTID* id = OCSP_cert_to_id(EVP_sha1(), x509_of(leaf), x509_of(issuer));
  if (!req || !id || !OCSP_request_add0_id(req.get(), id)) {
    OCSP_CERTID_free(id);
    ERR_clear_error();
    return {};
  }
  unsigned char* der = nullptr;
  const int n = i2d_OCSP_REQUEST(req.get(), &der);
  std::string out = n > 0 ? std::string(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n)) : "";
  OPENSSL_free(der);
  ERR_clear_error();
  return out;
}

std::uint64_t next_lookup_serial() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

std::recursive_mutex& derived_facts_mutex() {
  static std::recursive_mutex m;
  return m;
}

CertificateStore::Entry& CertificateStore::entry(const std::string& path, bool directory) const {
  const std::lock_guard lock(mutex_);
  auto& map = directory ? directories_ : cache_;
  if (auto it = map.find(path); it != map.end()) return it->second;
  Entry e{directory ? read_directory(path) : read_file(path), {}};
  // Most paths have no `.` or `..` steps, and are shown as they are.
  const bool plain =
      path.find("/.") == std::string::npos && path.find("//") == std::string::npos && path.rfind("./", 0) != 0;
  if (plain) {
    e.named.path = path;
  } else {
    e.named.path = path::normalize(path);
    if (e.named.path != path) e.named.read_path = path;
  }
  Entry& out = map.emplace(path, std::move(e)).first->second;
  out.named.file = &out.file;
  return out;
}

CertificateFile CertificateStore::read_file(const std::string& path) const {
  CertificateFile f;
  // A missing file (the usual case in a configuration repository) costs one
  // stat; only a present one is resolved to check it is no kernel path.
  const PathKind kind = fs_.kind(path);
  if (kind != PathKind::file || is_kernel_path(fs_.canonical(path))) {
    f.status = kind == PathKind::missing ? CertificateFile::Status::missing : CertificateFile::Status::unreadable;
  } else {
    const ReadResult r = fs_.read(path, max_size_);
    if (r.status == ReadResult::Status::ok) {
      f = parse_certificates(r.bytes);
    } else {
      f.status = CertificateFile::Status::unreadable;
    }
  }
  return f;
}

const std::string* CertificateStore::bytes(const std::string& path) const {
  const std::lock_guard lock(mutex_);
  auto it = raw_.find(path);
  if (it == raw_.end()) {
    std::optional<std::string> bytes;
    if (!is_kernel_path(fs_.canonical(path)) && fs_.kind(path) == PathKind::file) {
      ReadResult r = fs_.read(path, max_size_);
      if (r.status == ReadResult::Status::ok) bytes = std::move(r.bytes);
    }
    it = raw_.emplace(path, std::move(bytes)).first;
  }
  return it->second ? &*it->second : nullptr;
}

const CertificateInfo* CertificateStore::issuer_of(const CertificateFile& own,
                                                   const std::vector<const CertificateFile*>& stores) const {
  const std::lock_guard lock(mutex_);
  if (own.certificates.empty()) return nullptr;
  std::vector<const CertificateFile*> key{&own};
  key.insert(key.end(), stores.begin(), stores.end());
  if (auto it = issuers_.find(key); it != issuers_.end()) return it->second;
  const CertificateInfo& leaf = own.certificates.front();
  const CertificateInfo* found = nullptr;
  for (std::size_t i = 1; i < own.certificates.size() && !found; ++i) {
    if (issued_by(leaf, own.certificates[i])) found = &own.certificates[i];
  }
  for (const CertificateFile* store : stores) {
    for (std::size_t i = 0; store && i < store->certificates.size() && !found; ++i) {
      if (issued_by(leaf, store->certificates[i])) found = &store->certificates[i];
    }
  }
  issuers_.emplace(std::move(key), found);
  return found;
}

namespace {
/// OpenSSL's hashed-directory names: eight hex digits, a dot, an optional
/// `r` (a CRL) and a sequence number.
bool hashed_name(std::string_view name) {
  if (name.size() < 10 || name[8] != '.') return false;
  for (std::size_t i = 0; i < 8; ++i) {
    if (!std::isxdigit(static_cast<unsigned char>(name[i]))) return false;
  }
  std::string_view n = name.substr(9);
  if (!n.empty() && n.front() == 'r') n.remove_prefix(1);
  return !n.empty() &&
         std::all_of(n.begin(), n.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}
}  // namespace

CertificateFile CertificateStore::read_directory(const std::string& path) const {
  CertificateFile out;
  if (is_kernel_path(fs_.canonical(path)) || fs_.kind(path) != PathKind::directory) {
    out.status =
        fs_.kind(path) == PathKind::missing ? CertificateFile::Status::missing : CertificateFile::Status::unreadable;
    return out;
  }
  out.status = CertificateFile::Status::not_pem;
  std::vector<DirEntry> entries = fs_.list(path);
  std::sort(entries.begin(), entries.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  std::size_t files = 0;
  for (const DirEntry& e : entries) {
    if (!hashed_name(e.name) || ++files > kMaxBlocksPerFile) continue;
    const CertificateFile& f = get(path + "/" + e.name);
    if (f.status != CertificateFile::Status::ok) continue;
    out.certificates.insert(out.certificates.end(), f.certificates.begin(), f.certificates.end());
    out.crls.insert(out.crls.end(), f.crls.begin(), f.crls.end());
    out.status = CertificateFile::Status::ok;
  }
  out.truncated = files > kMaxBlocksPerFile;
  out.chain_length = out.certificates.size();
  return out;
}

const CertificateFile& CertificateStore::keystore(const std::string& path, const std::string& password,
                                                  const std::string& alias) const {
  const std::lock_guard lock(mutex_);
  auto key = std::make_tuple(path, password, alias);
  if (auto it = keystores_.find(key); it != keystores_.end()) return it->second;
  CertificateFile f;
  if (is_kernel_path(fs_.canonical(path)) || fs_.kind(path) != PathKind::file) {
    f.status =
        fs_.kind(path) == PathKind::missing ? CertificateFile::Status::missing : CertificateFile::Status::unreadable;
  } else {
    const ReadResult r = fs_.read(path, max_size_);
    if (r.status == ReadResult::Status::ok) {
      f = parse_keystore(r.bytes, password, alias);
    } else {
      f.status = CertificateFile::Status::unreadable;
    }
  }
  return keystores_.emplace(std::move(key), std::move(f)).first->second;
}

std::string url_host(std::string_view url) {
  if (auto p = url.find("://"); p != std::string_view::npos) url = url.substr(p + 3);
  url = url.substr(0, url.find('/'));
  if (auto at = url.rfind('@'); at != std::string_view::npos) url = url.substr(at + 1);
  if (!url.empty() && url.front() == '[') return std::string(url.substr(1, url.find(']') - 1));
  const auto colon = url.rfind(':');
  return std::string(colon == std::string_view::npos ? url : url.substr(0, colon));
}

bool is_ip_literal(const std::string& host) {
  if (host.find(':') != std::string::npos) return true;  // IPv6 (brackets already gone)
  int dots = 0;
  for (char c : host) {
    if (c == '.')
      ++dots;
    else if (!std::isdigit(static_cast<unsigned char>(c)))
      return false;
  }
  return dots == 3;
}

}  // namespace staplint
