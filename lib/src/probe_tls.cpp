// The probe's TLS client (probe.hpp): one handshake with OpenSSL 3 (libssl)
// over a socket whose every wait is bounded by poll(), asking for the OCSP
// staple (status_request). It verifies nothing: the verdict judges the chain
// and the staple (probe_verdict.cpp). It sends nothing after the handshake.
#include <fcntl.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "staplint/probe.hpp"
#include "staplint/text.hpp"

namespace staplint {

namespace {

using Clock = std::chrono::steady_clock;

struct Fd {
  int fd = -1;
  Fd() = default;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&& o) noexcept : fd(o.fd) { o.fd = -1; }
  Fd& operator=(Fd&& o) noexcept {
    std::swap(fd, o.fd);
    return *this;
  }
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

int millis_left(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

/// Waits for `events` on `fd` until `deadline`: false on timeout.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int left = millis_left(deadline);
    if (left == 0) return false;
    const int r = ::poll(&p, 1, left);
    if (r > 0) return true;
    if (r == 0) return false;
    if (errno != EINTR) return true;  // let the next call report the error
  }
}

/// getaddrinfo bounded by `deadline`: a resolver that never answers must not
/// hold the probe. glibc's getaddrinfo_a, cancelled at the deadline; a
/// request the resolver will not let go of is left to it (its few bytes are
/// not freed). `timed_out` when the time ran out.
int resolve(const std::string& host, const std::string& service, const addrinfo& hints, Clock::time_point deadline,
            addrinfo** out, bool& timed_out) {
  struct Request {
    std::string host, service;
    addrinfo hints;
    gaicb cb;
  };
  auto q = std::make_unique<Request>(Request{host, service, hints, {}});
  q->cb.ar_name = q->host.c_str();
  q->cb.ar_service = q->service.c_str();
  q->cb.ar_request = &q->hints;
  gaicb* list[] = {&q->cb};
  if (const int r = ::getaddrinfo_a(GAI_NOWAIT, list, 1, nullptr); r != 0) return r;
  for (;;) {
    const int left = millis_left(deadline);
    const timespec wait{left / 1000, static_cast<long>(left % 1000) * 1000000L};
    const int r = left == 0 ? EAI_AGAIN : ::gai_suspend(list, 1, &wait);
    if (r == 0 || r == EAI_ALLDONE || ::gai_error(&q->cb) != EAI_INPROGRESS) break;
    if (r == EAI_INTR && millis_left(deadline) > 0) continue;
    // The time is up: EAI_AGAIN, or (glibc 2.36) EAI_SYSTEM with errno EAGAIN.
    timed_out = true;
    // Still in the resolver's hands (gai_cancel cannot take back a request
    // a resolver thread is working on): it keeps the request, and its memory.
    const int cancelled = ::gai_cancel(&q->cb);
    if (cancelled == EAI_NOTCANCELED || ::gai_error(&q->cb) == EAI_INPROGRESS) {
      (void)q.release();  // NOLINT(bugprone-unused-return-value): left to the resolver on purpose
      return EAI_AGAIN;
    }
    break;
  }
  const int status = ::gai_error(&q->cb);
  if (status == 0) *out = q->cb.ar_result;
  return status;
}

/// A TCP connection to `host`:`port` by the first address that answers in
/// time; `error` says why none did.
Fd connect_to(const std::string& host, std::uint16_t port, Clock::time_point deadline, std::string& error,
              bool& timed_out) {
  timed_out = false;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  bool slow = false;
  if (const int r = resolve(host, service, hints, deadline, &found, slow); r != 0) {
    error = "cannot resolve '" + host + "': " + (slow ? "no answer in time" : ::gai_strerror(r));
    timed_out = slow;
    return Fd{};
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, ::freeaddrinfo);
  error = "no address";
  for (const addrinfo* a = list.get(); a; a = a->ai_next) {
    Fd s(::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol));
    if (s.fd < 0) {
      error = std::strerror(errno);
      continue;
    }
    if (::connect(s.fd, a->ai_addr, a->ai_addrlen) == 0) return s;
    if (errno != EINPROGRESS) {
      error = std::string("connect: ") + std::strerror(errno);
      continue;
    }
    if (!wait_for(s.fd, POLLOUT, deadline)) {
      error = "connect: no answer in time";
      timed_out = true;
      continue;
    }
    int so_error = 0;
    socklen_t len = sizeof so_error;
    ::getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
    if (so_error == 0) return s;
    error = std::string("connect: ") + std::strerror(so_error);
  }
  return Fd{};
}

/// Whether an OpenSSL failure means the peer does not speak TLS.
bool not_tls(unsigned long e) {
  if (ERR_GET_LIB(e) != ERR_LIB_SSL) return false;
  const int r = ERR_GET_REASON(e);
  return r == SSL_R_WRONG_VERSION_NUMBER || r == SSL_R_PACKET_LENGTH_TOO_LONG || r == SSL_R_UNEXPECTED_RECORD ||
         r == SSL_R_HTTP_REQUEST || r == SSL_R_HTTPS_PROXY_REQUEST || r == SSL_R_UNKNOWN_PROTOCOL;
}

class OpenSslTlsClient final : public TlsClient {
 public:
  Handshake handshake(const ProbeTarget& target, TlsVersion version, std::chrono::milliseconds timeout) const override {
    const Clock::time_point start = Clock::now();
    const Clock::time_point deadline = start + timeout;
    Handshake h;
    h.version = version;
    auto done = [&](Handshake::Outcome o, std::string detail) {
      h.outcome = o;
      h.detail = std::move(detail);
      h.milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      ERR_clear_error();
      return h;
    };
    std::string error;
    bool timed_out = false;
    Fd sock =
        connect_to(target.connect.empty() ? target.host : target.connect, target.port, deadline, error, timed_out);
    if (sock.fd < 0) return done(Handshake::Outcome::unreachable, error);

    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
    if (!ctx) return done(Handshake::Outcome::failed, "cannot set up TLS");
    const int v = version == TlsVersion::tls12 ? TLS1_2_VERSION : TLS1_3_VERSION;
    SSL_CTX_set_min_proto_version(ctx.get(), v);
    SSL_CTX_set_max_proto_version(ctx.get(), v);
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
    std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), SSL_free);
    if (!ssl || SSL_set_fd(ssl.get(), sock.fd) != 1) return done(Handshake::Outcome::failed, "cannot set up TLS");
    const std::string sni = !target.sni.empty() ? target.sni : is_ip_literal(target.host) ? "" : target.host;
    if (!sni.empty()) SSL_set_tlsext_host_name(ssl.get(), sni.c_str());
    SSL_set_tlsext_status_type(ssl.get(), TLSEXT_STATUSTYPE_ocsp);

    for (;;) {
      ERR_clear_error();
      const int r = SSL_connect(ssl.get());
      if (r == 1) break;
      const int err = SSL_get_error(ssl.get(), r);
      if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
        if (!wait_for(sock.fd, err == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline)) {
          return done(Handshake::Outcome::timeout, "no TLS answer in " + std::to_string(timeout.count()) + " ms");
        }
        continue;
      }
      const unsigned long e = ERR_peek_last_error();
      if (e && not_tls(e)) return done(Handshake::Outcome::not_tls, "the peer does not speak TLS");
      if (e) {
        const char* why = ERR_reason_error_string(e);
        return done(Handshake::Outcome::failed, why ? why : "TLS error");
      }
      if (err == SSL_ERROR_SYSCALL || err == SSL_ERROR_ZERO_RETURN) {
        return done(Handshake::Outcome::failed,
                    errno ? std::string("connection: ") + std::strerror(errno) : "the peer closed the connection");
      }
      return done(Handshake::Outcome::failed, "TLS error");
    }
    h.protocol = SSL_get_version(ssl.get());
    if (STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl.get())) {
      for (int i = 0; i < sk_X509_num(chain); ++i) {
        unsigned char* der = nullptr;
        const int n = i2d_X509(sk_X509_value(chain, i), &der);
        if (n > 0) h.chain_der.emplace_back(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n));
        OPENSSL_free(der);
      }
    }
    const unsigned char* resp = nullptr;
    const long n = SSL_get_tlsext_status_ocsp_resp(ssl.get(), &resp);
    if (n > 0 && resp) h.staple = std::string(reinterpret_cast<const char*>(resp), static_cast<std::size_t>(n));
    return done(Handshake::Outcome::ok, {});
  }
};

/// The most of an OCSP responder's answer read (a response is a few KiB).
constexpr std::size_t kMaxResponderAnswer = std::size_t{64} * 1024;

class HttpOcspFetcher final : public OcspFetcher {
 public:
  ResponderAnswer fetch(const std::string& url, const std::string& request,
                        std::chrono::milliseconds timeout) const override {
    ResponderAnswer a;
    const Clock::time_point deadline = Clock::now() + timeout;
    if (url.rfind("http://", 0) != 0) {
      a.error = "only http:// responders are asked";
      return a;
    }
    std::string rest = url.substr(7);
    const std::size_t slash = rest.find('/');
    const std::string authority = rest.substr(0, slash);
    const std::string path = slash == std::string::npos ? "/" : rest.substr(slash);
    const std::string host = url_host(url);
    std::uint16_t port = 80;
    if (const auto colon = authority.rfind(':');
        colon != std::string::npos && authority.find(']', colon) == std::string::npos) {
      const std::string p = authority.substr(colon + 1);
      if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos || std::stoi(p) < 1 ||
          std::stoi(p) > 65535) {
        a.error = "the responder URL's port is not a port";
        return a;
      }
      port = static_cast<std::uint16_t>(std::stoi(p));
    }
    if (host.empty() || path.find_first_of("\r\n ") != std::string::npos ||
        authority.find_first_of("\r\n ") != std::string::npos) {
      a.error = "the responder URL is not one staplint asks";
      return a;
    }
    std::string error;
    bool timed_out = false;
    Fd sock = connect_to(host, port, deadline, error, timed_out);
    if (sock.fd < 0) {
      a.error = error;
      return a;
    }
    const std::string head =
        "POST " + path + " HTTP/1.0\r\nHost: " + authority +
        "\r\nContent-Type: application/ocsp-request\r\nContent-Length: " + std::to_string(request.size()) +
        "\r\nConnection: close\r\n\r\n";
    const std::string out = head + request;
    for (std::size_t sent = 0; sent < out.size();) {
      if (!wait_for(sock.fd, POLLOUT, deadline)) {
        a.error = "the responder did not take the request in time";
        return a;
      }
      const ssize_t n = ::send(sock.fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno != EAGAIN && errno != EINTR) {
        a.error = std::string("send: ") + std::strerror(errno);
        return a;
      }
      if (n > 0) sent += static_cast<std::size_t>(n);
    }
    std::string in;
    char buf[4096];
    for (;;) {
      if (!wait_for(sock.fd, POLLIN, deadline)) {
        a.error = "the responder did not answer in time";
        return a;
      }
      const ssize_t n = ::recv(sock.fd, buf, sizeof buf, 0);
      if (n == 0) break;
      if (n < 0) {
        if (errno == EAGAIN || errno == EINTR) continue;
        a.error = std::string("recv: ") + std::strerror(errno);
        return a;
      }
      in.append(buf, static_cast<std::size_t>(n));
      if (in.size() > kMaxResponderAnswer) {
        a.error = "the responder's answer is over 64 KiB";
        return a;
      }
    }
    const std::size_t body = in.find("\r\n\r\n");
    if (in.rfind("HTTP/1.", 0) != 0 || body == std::string::npos || in.size() < 12) {
      a.error = "the responder's answer is not HTTP";
      return a;
    }
    if (in.compare(9, 3, "200") != 0) {
      a.error = "the responder answered HTTP " + escape_for_display(in.substr(9, 3));
      return a;
    }
    a.der = in.substr(body + 4);
    return a;
  }
};

}  // namespace

std::unique_ptr<OcspFetcher> make_http_ocsp_fetcher() { return std::make_unique<HttpOcspFetcher>(); }

std::unique_ptr<TlsClient> make_openssl_tls_client() {
  OPENSSL_init_ssl(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr);
  return std::make_unique<OpenSslTlsClient>();
}

}  // namespace staplint
