#include "staplint/certificate.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <memory>

namespace staplint {

namespace {
struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
}  // namespace

CertificateFile parse_certificates(const std::string& bytes) {
  CertificateFile out;
  out.status = CertificateFile::Status::not_pem;
  if (bytes.empty() || bytes.size() > static_cast<std::size_t>(INT32_MAX)) return out;
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
  if (!bio) return out;
  // PEM_read_bio_X509 skips PEM blocks of other types (a private key in the
  // same file) and stops at the end or at the first broken certificate.
  for (int i = 0; i < 64; ++i) {
    std::unique_ptr<X509, X509Free> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) break;
    CertificateInfo info;
    if (STACK_OF(OPENSSL_STRING)* urls = X509_get1_ocsp(cert.get())) {
      for (int k = 0; k < sk_OPENSSL_STRING_num(urls); ++k) {
        info.ocsp_urls.emplace_back(sk_OPENSSL_STRING_value(urls, k));
      }
      X509_email_free(urls);
    }
    out.certificates.push_back(std::move(info));
  }
  ERR_clear_error();
  if (!out.certificates.empty()) out.status = CertificateFile::Status::ok;
  return out;
}

const CertificateFile& CertificateStore::get(const std::string& path) const {
  if (auto it = cache_.find(path); it != cache_.end()) return it->second;
  CertificateFile f;
  if (is_kernel_path(fs_.canonical(path)) || fs_.kind(path) != PathKind::file) {
    f.status = fs_.kind(path) == PathKind::missing ? CertificateFile::Status::missing
                                                   : CertificateFile::Status::unreadable;
  } else {
    const ReadResult r = fs_.read(path, max_size_);
    f = r.status == ReadResult::Status::ok ? parse_certificates(r.bytes) : CertificateFile{CertificateFile::Status::unreadable, {}};
  }
  return cache_.emplace(path, std::move(f)).first->second;
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
    if (c == '.') ++dots;
    else if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return dots == 3;
}

}  // namespace staplint
