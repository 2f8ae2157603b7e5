// The rule engine: runs each rule's predicate over a configuration tree.
#pragma once

#include <memory>

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "staplint/apache_model.hpp"
#include "staplint/aws_model.hpp"
#include "staplint/certificate.hpp"
#include "staplint/config_tree.hpp"
#include "staplint/jvm_model.hpp"
#include "staplint/nginx_model.hpp"
#include "staplint/rules.hpp"
#include "staplint/suppressions.hpp"
#include "staplint/tomcat_model.hpp"
#include "staplint/version.hpp"

namespace staplint {

struct LintOptions {
  std::optional<Version> nginx_version;   ///< unknown: assume current mainline
  std::optional<Version> httpd_version;   ///< unknown: a current 2.4
  std::optional<Version> tomcat_version;  ///< unknown: a current 9.0, 10.1 or 11.0
  std::optional<Version> jdk_version;     ///< unknown: a current JDK (8 as {8, 0, update})
  /// Read the certificate, CRL and OCSP files the configuration names
  /// (--no-certificates turns it off).
  bool read_certificates = true;
  /// Build each tree's endpoint reports (LintResult::endpoints: JSON output,
  /// `probe --from`); a format that prints none turns it off.
  bool endpoints = true;
  /// A CRL whose nextUpdate falls within this many days is a warning (SL4006).
  int crl_warn_days = 7;
  /// What staplint takes as now; unset: the clock (tests set it).
  std::optional<UnixTime> now;

  /// Server-side OCSP stapling came with JDK 9 and was backported to 8u261
  /// (docs/server-facts.md §3.1); true when the JDK is not known.
  bool jdk_staples() const;
  /// Client-certificate OCSP in Tomcat (ocspEnabled, ocspSoftFail,
  /// ocspVerify) came with 9.0.115, 10.1.52 and 11.0.18: the first release of
  /// the configured Tomcat's branch that has it, when that Tomcat is older.
  std::optional<Version> tomcat_client_ocsp_since() const;
};

/// 1.22.1
std::string to_string(const Version& v);
/// As Java names its releases: 8u251 for JDK 8, else 17 or 21.0.5.
std::string jdk_version_string(const Version& v);

namespace checks {
struct DirectiveUses;
struct UpstreamUses;
}  // namespace checks

struct CheckContext {
  const ConfigTree& tree;
  const NginxModel& nginx;    ///< empty for other dialects
  const ApacheModel& apache;  ///< empty for other dialects
  const JvmModel& jvm;        ///< empty for other dialects
  const TomcatModel& tomcat;  ///< empty for other dialects
  const JvmPropertyCatalog& jvm_properties;
  const SourceManager& sources;
  const LintOptions& options;
  /// The tree's inline suppressions, and the catalog their names refer to
  /// (SL0006 checks them).
  const std::vector<Suppression>* suppressions = nullptr;
  const RuleCatalog* catalog = nullptr;
  /// The known nginx directives with their contexts, walked once on first use
  /// and shared by the rules that need them (checks/nginx/directives.hpp).
  mutable std::shared_ptr<const checks::DirectiveUses> nginx_directive_uses = {};
  /// nginx's TLS upstreams with their verification settings, walked once on
  /// first use and shared by the upstream rules (checks/nginx/upstreams.hpp).
  mutable std::shared_ptr<const checks::UpstreamUses> nginx_upstream_uses = {};
  /// Held while a lazy walk above is made (rules run concurrently).
  mutable std::recursive_mutex lazy_mutex = {};
  /// The certificate files the configuration names, read on demand; nullptr
  /// where none may be read.
  const CertificateLookup* certificates = nullptr;
  /// The AWS resources of a CloudFormation template or Terraform module;
  /// nullptr for other dialects.
  const AwsModel* aws = nullptr;
};

/// One value of a finding's message. It has no default, so that a check
/// that leaves out a field its template names does not compile (the fields
/// structs staplint-rulegen writes are made of these).
struct MessageField {
  MessageField(std::string v) : value(std::move(v)) {}
  MessageField(std::string_view v) : value(v) {}
  MessageField(const char* v) : value(v) {}
  std::string value;
};

/// Collects findings for one rule, formatting its message template.
class Reporter {
 public:
  using Fields = std::vector<std::pair<std::string, std::string>>;
  Reporter(const RuleSpec& spec, const RuleBinding& binding, std::vector<Finding>& out)
      : spec_(spec), binding_(binding), out_(out) {}
  const RuleSpec& spec() const { return spec_; }
  /// Reports with the rule's own fields struct (`Fields{.server = name}`,
  /// generated from the YAML's message template).
  template <class RuleFields>
  requires requires(const RuleFields& f) { f.pairs(); }
  Finding& report(FileId file, Range range, const RuleFields& fields) {
    return report_pairs(file, range, fields.pairs());
  }

 private:
  Finding& report_pairs(FileId file, Range range, const Fields& fields);
  const RuleSpec& spec_;
  const RuleBinding& binding_;
  std::vector<Finding>& out_;
};

/// Formats a message template with fields; throws fmt::format_error.
std::string format_message(const std::string& tmpl, const Reporter::Fields& fields);

/// Runs every rule that applies to the tree's dialect, on up to `jobs`
/// threads, one for each `bytes_per_thread` of the tree's text (0: `jobs`). Findings are sorted and de-duplicated, the
/// same for any `jobs`: each rule's findings are kept apart and joined in the catalog's order. Checks run concurrently:
/// what they fill lazily (CheckContext's walks, the certificate lookup's caches, a file's line table) is filled under a
/// lock.
std::vector<Finding> run_rules(const RuleCatalog& catalog, const CheckContext& ctx, unsigned jobs = 1,
                               std::size_t bytes_per_thread = 0);

void sort_and_dedupe(std::vector<Finding>& findings, const SourceManager& sources);

}  // namespace staplint
