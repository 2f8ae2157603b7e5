// The one explicit list of predicates, sorted by name (find_predicate relies on
// the order; a unit test checks it). Add new predicates here.
#include "checks/checks.hpp"

namespace staplint {

const std::vector<PredicateInfo>& builtin_predicates() {
  static const std::vector<PredicateInfo> list = {
      {"apache.client_cert_no_revocation", &checks::apache_client_cert_no_revocation, {"server"}},
      {"apache.crl_check_without_crl", &checks::apache_crl_check_without_crl,
       {"directive", "mode", "server"}},
      {"apache.crl_configured_not_checked", &checks::apache_crl_configured_not_checked,
       {"directive", "check"}},
      {"apache.directive_not_allowed_here", &checks::apache_directive_not_allowed_here,
       {"directive", "context"}},
      {"apache.invalid_directive_value", &checks::apache_invalid_directive_value, {"detail"}},
      {"apache.ocsp_response_unverified", &checks::apache_ocsp_response_unverified, {}},
      {"apache.proxy_crl_check_without_crl", &checks::apache_proxy_crl_check_without_crl,
       {"directive", "mode", "server"}},
      {"apache.proxy_crl_configured_not_checked", &checks::apache_proxy_crl_configured_not_checked,
       {"directive", "check"}},
      {"apache.socache_module_missing", &checks::apache_socache_module_missing,
       {"provider", "module"}},
      {"apache.stapling_cache_in_vhost", &checks::apache_stapling_cache_in_vhost, {}},
      {"apache.stapling_cache_missing", &checks::apache_stapling_cache_missing, {"server"}},
      {"apache.stapling_disabled", &checks::apache_stapling_disabled, {"server"}},
      {"apache.stapling_responder_errors_returned",
       &checks::apache_stapling_responder_errors_returned, {}},
      {"apache.stapling_without_tls", &checks::apache_stapling_without_tls,
       {"directive", "server"}},
      {"apache.trailing_comment", &checks::apache_trailing_comment, {"directive", "effect"}},
      {"apache.upstream_no_revocation", &checks::apache_upstream_no_revocation, {"crl"}},
      {"input.include_cycle", &checks::input_include_cycle, {"detail"}},
      {"input.include_not_found", &checks::input_include_not_found, {"detail"}},
      {"input.limit_exceeded", &checks::input_limit_exceeded, {"detail"}},
      {"input.syntax_error", &checks::input_syntax_error, {"detail"}},
      {"input.unreadable", &checks::input_unreadable, {"detail"}},
      {"nginx.client_cert_no_revocation", &checks::nginx_client_cert_no_revocation, {"server"}},
      {"nginx.directive_not_allowed_here", &checks::nginx_directive_not_allowed_here,
       {"directive", "context"}},
      {"nginx.duplicate_directive", &checks::nginx_duplicate_directive, {"directive"}},
      {"nginx.invalid_directive_value", &checks::nginx_invalid_directive_value, {"detail"}},
      {"nginx.ocsp_optional_no_ca", &checks::nginx_ocsp_optional_no_ca, {}},
      {"nginx.ocsp_without_client_verify", &checks::nginx_ocsp_without_client_verify, {"server"}},
      {"nginx.stapling_certificate_compression", &checks::nginx_stapling_certificate_compression,
       {}},
      {"nginx.stapling_disabled", &checks::nginx_stapling_disabled, {"server"}},
      {"nginx.stapling_file_shared", &checks::nginx_stapling_file_shared, {"count"}},
      {"nginx.stapling_no_resolver", &checks::nginx_stapling_no_resolver, {}},
      {"nginx.stapling_unsupported_context", &checks::nginx_stapling_unsupported_context,
       {"detail"}},
      {"nginx.stapling_unverified", &checks::nginx_stapling_unverified, {}},
      {"nginx.stapling_variable_certificate", &checks::nginx_stapling_variable_certificate, {}},
      {"nginx.stapling_verify_no_trusted_chain", &checks::nginx_stapling_verify_no_trusted_chain,
       {}},
      {"nginx.stapling_verify_without_stapling", &checks::nginx_stapling_verify_without_stapling,
       {"directive"}},
      {"nginx.stapling_without_tls", &checks::nginx_stapling_without_tls, {"directive", "server"}},
      {"nginx.upstream_crl_ignored", &checks::nginx_upstream_crl_ignored, {"directive", "verify"}},
      {"nginx.upstream_no_revocation", &checks::nginx_upstream_no_revocation, {"crl"}},
      {"nginx.upstream_verify_no_trusted_certificate",
       &checks::nginx_upstream_verify_no_trusted_certificate, {"directive", "trusted"}},
  };
  return list;
}

}  // namespace staplint
