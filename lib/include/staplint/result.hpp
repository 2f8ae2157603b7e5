// What a run found: the findings, the endpoints with their stapling
// verdicts, and the files read. The formatters see this and the sources, not
// the engine or its models.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "staplint/diagnostic.hpp"
#include "staplint/dialect.hpp"
#include "staplint/unix_time.hpp"

namespace staplint {

/// What staplint concludes of an endpoint's stapling (JSON `stapling`):
/// `on`, `off`, `ineffective` (enabled, but nothing is stapled), `unknown`
/// (it depends on something staplint cannot see) or `fatal` (the server
/// refuses the configuration, or does not start).
enum class Stapling : std::uint8_t { on, off, ineffective, unknown, fatal };
std::string_view to_string(Stapling v);

/// A certificate an endpoint serves, as read from its file (JSON version 2).
struct EndpointCertificate {
  std::string path;
  std::string subject, issuer, serial;
  UnixTime not_after = 0;
  std::vector<std::string> ocsp_urls, crl_urls;
  bool must_staple = false;
  /// Whether the issuer is where the server looks; unset when a file it
  /// looks in could not be read.
  std::optional<bool> issuer_found;
};

struct EndpointReport {
  Dialect dialect = Dialect::nginx;
  FileId file = kNoFile;
  Range range;
  std::string name;
  Stapling stapling = Stapling::off;
  /// The certificates read for it (empty when none could be read). Servers
  /// that serve the same certificate share one (trees hold 20,000 servers and
  /// a handful of certificates).
  std::vector<std::shared_ptr<const EndpointCertificate>> certificates = {};
  /// Where it takes TLS, for `staplint probe --from`: each address as
  /// written, with its port (`host` empty: every address, `*`, `_default_`,
  /// `[::]`); and the name a client sends (SNI), empty when it names none.
  struct Address {
    std::string host;
    std::uint16_t port = 0;
  };
  std::vector<Address> addresses = {};
  std::string server_name = {};
  /// What qualifies the verdict, where the configuration cannot say it all
  /// (JSON `note`; empty: none). AWS's endpoints have one: what AWS
  /// documents of their stapling.
  std::string note = {};
};

/// `listen`'s, `<VirtualHost>`'s or `address`'s text as an address: `443`,
/// `10.0.0.1:8443`, `[::1]:443`, `*:443`, `_default_:443`, `localhost`
/// (`default_port`). nullopt for a socket path or anything unreadable.
std::optional<EndpointReport::Address> parse_endpoint_address(std::string_view text, std::uint16_t default_port);

/// A finding an inline suppression turned off.
struct SuppressedFinding {
  Finding finding;
  std::string reason;  ///< the suppression's ` -- reason`; may be empty
};

struct LintResult {
  std::vector<Finding> findings;
  std::vector<SuppressedFinding> suppressed;
  std::vector<EndpointReport> endpoints;
  std::vector<FileId> files;           ///< every file read, in order
  std::vector<Dialect> file_dialects;  ///< the dialect each of `files` was read as
  std::vector<std::string> unusable;   ///< named paths that could not be read at all
  /// Why, for each of `unusable` (same index; empty: said by the caller from
  /// whether the path exists).
  std::vector<std::string> unusable_why;
  std::size_t baselined = 0;  ///< findings a --baseline accepted (and removed)
  /// The directories the user named, canonical: the named paths (a file's
  /// directory), the configured entries', each tree's configuration
  /// directory (entry folder, ServerRoot, CATALINA_BASE) and the checkout
  /// roots. Output quotes only files below them, and --fix writes only there.
  std::vector<std::string> named_dirs;
};

}  // namespace staplint
