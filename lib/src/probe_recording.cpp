// Probe recordings (probe_recording.hpp): read with yaml-cpp, each file they
// name read through the FileSystem and only below the recording's directory,
// and replayed through probe_endpoint() with the recorded handshakes as its
// TLS client: the verdicts are the live probe's own.
#include "staplint/probe_recording.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <string_view>

#include "staplint/certificate.hpp"
#include "staplint/text.hpp"

namespace staplint {

namespace {

/// A YAML double-quoted scalar for any bytes: well-formed UTF-8, with
/// quotes, backslashes and control characters escaped.
std::string yaml_quoted(std::string_view s) {
  std::string out = "\"";
  for (const char ch : to_valid_utf8(s)) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string_view outcome_word(Handshake::Outcome o) {
  switch (o) {
    case Handshake::Outcome::ok:
      return "ok";
    case Handshake::Outcome::unreachable:
      return "unreachable";
    case Handshake::Outcome::timeout:
      return "timeout";
    case Handshake::Outcome::not_tls:
      return "not-tls";
    case Handshake::Outcome::failed:
      return "failed";
  }
  return "failed";
}

/// Every outcome, in the order messages list them.
constexpr Handshake::Outcome kOutcomes[] = {Handshake::Outcome::ok, Handshake::Outcome::unreachable,
                                            Handshake::Outcome::timeout, Handshake::Outcome::not_tls,
                                            Handshake::Outcome::failed};

/// The keys a recording and each of its handshakes may hold.
constexpr std::string_view kRecordingKeys[] = {
    "target", "sni", "connect", "configured", "handshakes", "responder", "responder-unanswered", "recorded"};
constexpr std::string_view kHandshakeKeys[] = {"tls",   "outcome", "detail",      "protocol",
                                               "chain", "staple",  "milliseconds"};

/// `a, b and c` (or `a, b or c`) of `words`.
template <class Words>
std::string listed(const Words& words, std::string_view last) {
  std::string out;
  const std::size_t n = std::size(words);
  std::size_t i = 0;
  for (const auto& w : words) {
    out += i == 0 ? "" : i + 1 == n ? " " + std::string(last) + " " : ", ";
    out += w;
    ++i;
  }
  return out;
}

/// A located problem in the recording, thrown while reading it.
struct Invalid {
  InputProblem problem;
};

class Reader {
 public:
  Reader(const FileSystem& fs, SourceManager& sources, FileId file, std::size_t max_size)
      : fs_(fs), sources_(sources), file_(file), max_size_(max_size) {
    const std::string& p = sources_.file(file).path();
    dir_ = path::dirname(p);
    dir_canonical_ = fs_.canonical(dir_.empty() ? "." : dir_);
  }

  ProbeRecording read(const YAML::Node& top) {
    if (!top.IsMap()) fail(top, "a probe recording is a mapping with 'target' and 'handshakes'");
    for (const auto& kv : top) {
      const std::string key = kv.first.Scalar();
      if (std::find(std::begin(kRecordingKeys), std::end(kRecordingKeys), key) == std::end(kRecordingKeys)) {
        fail(kv.first, "unknown key '" + key + "' (a probe recording has " + listed(kRecordingKeys, "and") + ")");
      }
    }
    ProbeRecording rec;
    const YAML::Node target = top["target"];
    std::string error;
    auto t = parse_probe_target(scalar(target, "target"), error);
    if (!t) fail(target, error);
    rec.endpoint.target = std::move(*t);
    if (top["sni"]) rec.endpoint.target.sni = scalar(top["sni"], "sni");
    if (top["connect"]) rec.endpoint.target.connect = scalar(top["connect"], "connect");
    rec.endpoint.file = file_;
    rec.endpoint.range = range_of(target);
    if (const YAML::Node c = top["configured"]) {
      const std::string v = scalar(c, "configured");
      for (const Stapling s :
           {Stapling::on, Stapling::off, Stapling::ineffective, Stapling::unknown, Stapling::fatal}) {
        if (to_string(s) == v) rec.endpoint.configured = s;
      }
      if (!rec.endpoint.configured) fail(c, "'configured' is on, off, ineffective, unknown or fatal, not '" + v + "'");
    }
    const YAML::Node hs = top["handshakes"];
    if (!hs || !hs.IsSequence() || hs.size() == 0) fail(hs ? hs : top, "'handshakes' must be a non-empty list");
    if (hs.size() > kMaxRecordedHandshakes) {
      fail(hs, "more than " + std::to_string(kMaxRecordedHandshakes) + " handshakes in one recording");
    }
    for (const auto& h : hs) {
      const auto [version, handshake] = read_handshake(h);
      auto it = std::find_if(rec.handshakes.begin(), rec.handshakes.end(),
                             [v = version](const auto& p) { return p.first == v; });
      if (it == rec.handshakes.end()) it = rec.handshakes.insert(rec.handshakes.end(), {version, {}});
      it->second.push_back(handshake);
    }
    if (const YAML::Node r = top["responder"]) rec.responder_der = file_bytes(r, "responder");
    if (const YAML::Node r = top["responder-unanswered"]) {
      if (rec.responder_der) fail(r, "'responder' and 'responder-unanswered' exclude each other");
      rec.responder_error = scalar(r, "responder-unanswered");
    }
    return rec;
  }

 private:
  [[noreturn]] void fail(const YAML::Node& at, std::string message) const {
    InputProblem p;
    p.kind = InputProblemKind::syntax;
    p.file = file_;
    p.range = range_of(at);
    p.message = "probe recording: " + std::move(message);
    throw Invalid{std::move(p)};
  }

  Range range_of(const YAML::Node& n) const {
    const std::size_t size = sources_.file(file_).text().size();
    const YAML::Mark m = n.Mark();
    const auto at =
        static_cast<std::uint32_t>(std::min<std::size_t>(m.pos >= 0 ? static_cast<std::size_t>(m.pos) : 0, size));
    const std::string& text = sources_.file(file_).text();
    std::uint32_t end = at;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
    return {at, end};
  }

  std::string scalar(const YAML::Node& n, const char* key) const {
    if (!n) throw Invalid{missing(key)};
    if (!n.IsScalar()) fail(n, std::string("'") + key + "' must be a single value");
    return n.Scalar();
  }

  InputProblem missing(const char* key) const {
    InputProblem p;
    p.file = file_;
    p.message = std::string("probe recording: no '") + key + "'";
    return p;
  }

  std::pair<TlsVersion, Handshake> read_handshake(const YAML::Node& h) {
    if (!h.IsMap()) fail(h, "each handshake is a mapping with 'tls' and 'outcome'");
    for (const auto& kv : h) {
      const std::string key = kv.first.Scalar();
      if (std::find(std::begin(kHandshakeKeys), std::end(kHandshakeKeys), key) == std::end(kHandshakeKeys)) {
        fail(kv.first, "unknown key '" + key + "' in a handshake (it has " + listed(kHandshakeKeys, "and") + ")");
      }
    }
    Handshake out;
    const std::string tls = h["tls"] ? scalar(h["tls"], "tls") : std::string();
    if (tls != "1.2" && tls != "1.3") fail(h["tls"] ? h["tls"] : h, "'tls' is \"1.2\" or \"1.3\"");
    out.version = tls == "1.2" ? TlsVersion::tls12 : TlsVersion::tls13;
    const std::string outcome = h["outcome"] ? scalar(h["outcome"], "outcome") : std::string();
    const auto* o = std::find_if(std::begin(kOutcomes), std::end(kOutcomes),
                                 [&](Handshake::Outcome x) { return outcome_word(x) == outcome; });
    if (o == std::end(kOutcomes)) {
      std::vector<std::string_view> words;
      for (const Handshake::Outcome x : kOutcomes) words.push_back(outcome_word(x));
      fail(h["outcome"] ? h["outcome"] : h, "'outcome' is " + listed(words, "or"));
    }
    out.outcome = *o;
    if (h["detail"]) out.detail = scalar(h["detail"], "detail");
    if (h["protocol"]) out.protocol = scalar(h["protocol"], "protocol");
    if (h["milliseconds"]) {
      const std::string ms = scalar(h["milliseconds"], "milliseconds");
      if (ms.empty() || ms.size() > 9 || ms.find_first_not_of("0123456789") != std::string::npos) {
        fail(h["milliseconds"], "'milliseconds' is a whole number");
      }
      out.milliseconds = std::stod(ms);
    }
    if (out.outcome == Handshake::Outcome::ok) {
      if (!h["chain"]) fail(h, "a handshake with outcome ok names its 'chain'");
      const std::string pem = file_bytes(h["chain"], "chain");
      const CertificateFile chain = parse_certificates(pem);
      if (chain.certificates.empty()) fail(h["chain"], "'" + h["chain"].Scalar() + "' holds no PEM certificate");
      if (chain.certificates.size() > kMaxRecordedChain) {
        fail(h["chain"], "more than " + std::to_string(kMaxRecordedChain) + " certificates in one chain");
      }
      for (const CertificateInfo& c : chain.certificates) out.chain_der.push_back(certificate_der(c));
      if (h["staple"]) out.staple = file_bytes(h["staple"], "staple");
      if (out.protocol.empty()) out.protocol = out.version == TlsVersion::tls12 ? "TLSv1.2" : "TLSv1.3";
    }
    return {out.version, std::move(out)};
  }

  /// The bytes of the file `n` names, beside the recording or below it.
  std::string file_bytes(const YAML::Node& n, const char* key) const {
    const std::string name = scalar(n, key);
    if (name.empty() || path::is_absolute(name) || name.find('\0') != std::string::npos) {
      fail(n, "'" + std::string(key) + "' names a file beside the recording, by a relative path");
    }
    for (std::size_t at = 0; at <= name.size();) {
      const std::size_t slash = std::min(name.find('/', at), name.size());
      if (name.compare(at, slash - at, "..") == 0 && slash - at == 2) {
        fail(n, "'" + name + "' leaves the recording's directory");
      }
      at = slash + 1;
    }
    const std::string p = path::join(dir_.empty() ? "." : dir_, name);
    const std::string real = fs_.canonical(p);
    if (real.compare(0, dir_canonical_.size(), dir_canonical_) != 0 ||
        (real.size() > dir_canonical_.size() && dir_canonical_ != "/" && real[dir_canonical_.size()] != '/')) {
      fail(n, "'" + name + "' leads out of the recording's directory");
    }
    // A chain or a response is small: a megabyte at most each, so that 64
    // handshakes naming large files hold 64 MB at most.
    ReadResult r = fs_.read(p, std::min<std::size_t>(max_size_, kMaxRecordedFileSize));
    if (r.status != ReadResult::Status::ok) {
      InputProblem problem;
      problem.kind = InputProblemKind::unreadable;
      problem.file = file_;
      problem.range = range_of(n);
      problem.message = "probe recording: cannot read '" + name + "': ";
      if (r.status == ReadResult::Status::missing) {
        problem.message += "no such file";
      } else if (r.status == ReadResult::Status::too_large) {
        problem.message += "over " + std::to_string(kMaxRecordedFileSize) + " bytes";
      } else {
        problem.message += r.error;
      }
      throw Invalid{std::move(problem)};
    }
    return std::move(r.bytes);
  }

  const FileSystem& fs_;
  SourceManager& sources_;
  FileId file_;
  std::size_t max_size_;
  std::string dir_, dir_canonical_;
};

/// The recorded handshakes as a TLS client: each version's in turn.
class RecordedClient final : public TlsClient {
 public:
  explicit RecordedClient(const ProbeRecording& r) : rec_(r) {}
  Handshake handshake(const ProbeTarget& /*target*/, TlsVersion version,
                      std::chrono::milliseconds /*timeout*/) const override {
    for (const auto& [v, made] : rec_.handshakes) {
      if (v != version) continue;
      std::size_t& next = next_[static_cast<int>(version)];
      if (next < made.size()) return made[next++];
      return made.back();
    }
    Handshake none;
    none.version = version;
    none.outcome = Handshake::Outcome::failed;
    none.detail = "not recorded";
    return none;
  }

 private:
  const ProbeRecording& rec_;
  mutable std::size_t next_[2] = {0, 0};
};

/// The recorded responder answer, or its silence, whatever the URL.
class RecordedFetcher final : public OcspFetcher {
 public:
  explicit RecordedFetcher(const ProbeRecording& r) : rec_(r) {}
  ResponderAnswer fetch(const std::string& /*url*/, const std::string& /*request*/,
                        std::chrono::milliseconds /*timeout*/) const override {
    return {rec_.responder_der, rec_.responder_error.value_or("")};
  }

 private:
  const ProbeRecording& rec_;
};

}  // namespace

Result<ProbeRecording, InputProblem> read_probe_recording(const FileSystem& fs, SourceManager& sources,
                                                          const std::string& path, std::size_t max_size) {
  ReadResult r = fs.read(path, max_size);
  const FileId file = sources.add(path, fs.canonical(path), r.status == ReadResult::Status::ok ? r.bytes : "");
  auto unreadable = [&](std::string message) {
    InputProblem p;
    p.kind = InputProblemKind::unreadable;
    p.file = file;
    p.message = std::move(message);
    return p;
  };
  switch (r.status) {
    case ReadResult::Status::ok:
      break;
    case ReadResult::Status::too_large:
      return unreadable("'" + path + "' is over the size limit of " + std::to_string(max_size) + " bytes");
    case ReadResult::Status::is_directory:
      return unreadable("'" + path + "' is a directory, not a probe recording");
    default:
      return unreadable("cannot read '" + path + "': " + r.error);
  }
  const std::string& text = sources.file(file).text();
  if (text.find('\0') != std::string::npos) return unreadable("'" + path + "' is not a text file");
  try {
    const YAML::Node top = YAML::Load(text);
    return Reader(fs, sources, file, max_size).read(top);
  } catch (const Invalid& e) {
    return e.problem;
  } catch (const YAML::Exception& e) {
    // DeepRecursion among them: yaml-cpp's own depth guard.
    InputProblem p;
    p.file = file;
    const auto at = static_cast<std::uint32_t>(
        std::min<std::size_t>(e.mark.pos >= 0 ? static_cast<std::size_t>(e.mark.pos) : 0, text.size()));
    p.range = {at, at};
    p.message = "probe recording: " + e.msg;
    return p;
  }
}

bool is_probe_recording(std::string_view path) {
  constexpr std::string_view kSuffix = ".probe.yaml";
  const std::size_t slash = path.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return base.size() > kSuffix.size() && base.substr(base.size() - kSuffix.size()) == kSuffix;
}

std::string recording_name(const ProbeTarget& target) {
  std::string out;
  for (const char c : target.label()) {
    const bool keep =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    out += keep ? c : '_';
  }
  // Never a hidden file, never `.` or `..`.
  if (out.empty() || out.front() == '.') out.insert(0, "_");
  return out;
}

std::vector<RecordedFile> record_probe(const ProbedEndpoint& endpoint, const std::string& name,
                                       const std::string& recorded) {
  std::vector<RecordedFile> files;
  std::string y = "# staplint probe recording: what " + to_valid_utf8(endpoint.target.label()) +
                  " sent (staplint probe --replay judges it again)\n";
  y += "target: " + yaml_quoted(endpoint.target.label()) + "\n";
  if (!endpoint.target.sni.empty()) y += "sni: " + yaml_quoted(endpoint.target.sni) + "\n";
  if (!endpoint.target.connect.empty()) y += "connect: " + yaml_quoted(endpoint.target.connect) + "\n";
  if (endpoint.configured) y += "configured: " + yaml_quoted(to_string(*endpoint.configured)) + "\n";
  y += "recorded: " + yaml_quoted(recorded) + "\nhandshakes:\n";
  std::optional<std::string> responder;
  std::optional<std::string> unanswered;
  for (const LiveResult& r : endpoint.results) {
    const std::string v = r.version == TlsVersion::tls12 ? "tls12" : "tls13";
    for (std::size_t i = 0; i < r.made.size(); ++i) {
      const Handshake& h = r.made[i];
      y += "  - {tls: \"";
      y += h.version == TlsVersion::tls12 ? "1.2" : "1.3";
      y += "\", outcome: ";
      y += outcome_word(h.outcome);
      if (!h.detail.empty()) y += ", detail: " + yaml_quoted(h.detail);
      if (!h.protocol.empty()) y += ", protocol: " + yaml_quoted(h.protocol);
      y += ", milliseconds: " + std::to_string(static_cast<long>(h.milliseconds));
      if (h.outcome == Handshake::Outcome::ok) {
        const std::string stem = name + "." + v + "-" + std::to_string(i + 1);
        std::string pem;
        for (const std::string& der : h.chain_der) pem += certificate_pem(der);
        files.push_back({stem + ".pem", std::move(pem)});
        y += ", chain: " + yaml_quoted(stem + ".pem");
        if (h.staple) {
          files.push_back({stem + ".der", *h.staple});
          y += ", staple: " + yaml_quoted(stem + ".der");
        }
      }
      y += "}\n";
    }
    if (!responder && r.responder && r.responder->der) responder = r.responder->der;
    if (!unanswered && r.responder && !r.responder->der) unanswered = r.responder->error;
  }
  if (responder) {
    files.push_back({name + ".responder.der", *responder});
    y += "responder: " + yaml_quoted(name + ".responder.der") + "\n";
  } else if (unanswered) {
    y += "responder-unanswered: " + yaml_quoted(*unanswered) + "\n";
  }
  files.insert(files.begin(), {name + ".probe.yaml", std::move(y)});
  return files;
}

ProbedEndpoint replay_probe_recording(const ProbeRecording& recording, const JudgeOptions& judge) {
  ProbedEndpoint out = recording.endpoint;
  const RecordedClient client(recording);
  const RecordedFetcher fetcher(recording);
  const bool asked = recording.responder_der || recording.responder_error;
  for (const auto& [v, made] : recording.handshakes) {
    // Each version as many attempts as were recorded for it.
    ProbeOptions o;
    o.backoff = std::chrono::milliseconds(0);
    o.versions = {v};
    o.attempts = made.size();
    o.judge = judge;
    if (asked) o.ask_responder = &fetcher;
    for (LiveResult& r : probe_endpoint(client, out.target, o)) out.results.push_back(std::move(r));
  }
  return out;
}

}  // namespace staplint
