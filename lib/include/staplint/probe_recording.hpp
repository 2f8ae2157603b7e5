// Probe recordings (`NAME.probe.yaml`): what an endpoint sent, kept to be
// judged again offline by `staplint probe --replay`. They are also the live
// rules' samples (samples/live/). A recording names the certificate chain
// (PEM) and the staple (DER) of each handshake in files beside it:
//
//   target: www.example.org:443
//   sni: www.example.org          # optional
//   configured: "on"              # optional: the static verdict (SL5010)
//   handshakes:                   # in the order they were made
//     - tls: "1.3"                # 1.2 or 1.3
//       outcome: ok               # ok, unreachable, timeout, not-tls or failed
//       detail: ...               # for the other outcomes: what failed
//       protocol: TLSv1.3
//       chain: chain.pem          # the certificates served, leaf first
//       staple: staple.der        # optional: the stapled OCSP response
//   responder: answer.der         # optional: what the leaf's OCSP responder answers
//   responder-unanswered: why     # or: it was asked and gave no answer
//
// Its findings are reported at its `target:` line.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "staplint/config_tree.hpp"
#include "staplint/error.hpp"
#include "staplint/file_system.hpp"
#include "staplint/probe.hpp"
#include "staplint/result.hpp"
#include "staplint/source.hpp"

namespace staplint {

struct ProbeRecording {
  ProbedEndpoint endpoint;  ///< its target, `configured`, file and range; no results yet
  /// The handshakes of each TLS version recorded, in the order of first use.
  std::vector<std::pair<TlsVersion, std::vector<Handshake>>> handshakes;
  std::optional<std::string> responder_der;  ///< the responder's answer
  /// Asked (`--ask-responder`), the responder gave no answer: why.
  std::optional<std::string> responder_error;
};

/// At most this many handshakes in one recording, and certificates in one chain.
inline constexpr std::size_t kMaxRecordedHandshakes = 64;
inline constexpr std::size_t kMaxRecordedChain = 16;
/// And bytes in one file a recording names (a chain, a response).
inline constexpr std::size_t kMaxRecordedFileSize = std::size_t{1} << 20;

/// Reads the recording at `path`: its text is added to `sources`, and the
/// files it names are read through `fs`, each only when it lies in the
/// recording's directory or below it (no absolute path, no `..`, no link
/// out). A problem is an InputProblem: a syntax error (SL0001) or a file
/// that cannot be read (SL0004), located in the recording.
Result<ProbeRecording, InputProblem> read_probe_recording(const FileSystem& fs, SourceManager& sources,
                                                          const std::string& path, std::size_t max_size);

/// `staplint probe --record DIR`: the files that record `endpoint` (probed,
/// so that its results hold the handshakes made), each a name relative to
/// DIR and its bytes: `NAME.probe.yaml`, and beside it the chain of each
/// handshake (`NAME.tls13-1.pem`), its staple (`NAME.tls13-1.der`) and the
/// responder's answer (`NAME.responder.der`). `name` is a file name's stem
/// (recording_name gives one); `recorded` is when, in words.
struct RecordedFile {
  std::string name;
  std::string bytes;
};
std::vector<RecordedFile> record_probe(const ProbedEndpoint& endpoint, const std::string& name,
                                       const std::string& recorded);

/// Whether `path` names a probe recording: `NAME.probe.yaml`.
bool is_probe_recording(std::string_view path);

/// A file name's stem for an endpoint: its label with every byte but
/// letters, digits, '.', '-' and '_' made '_' (`example.org_443`).
std::string recording_name(const ProbeTarget& target);

/// Replays a recording as `staplint probe` would have probed it: the same
/// retries, the same verdicts, `--ask-responder` answered by the recorded
/// answer. The endpoint, with its results.
ProbedEndpoint replay_probe_recording(const ProbeRecording& recording, const JudgeOptions& judge);

}  // namespace staplint
