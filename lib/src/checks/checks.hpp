// Every predicate, declared in one place; registered in ../predicates.cpp.
#pragma once

#include "staplint/engine.hpp"

namespace staplint::checks {

// Tomcat, certificates and keystores (tomcat_certificates.cpp)
void tomcat_certificate_no_ocsp_url(const CheckContext& ctx, Reporter& r);
void tomcat_certificate_no_revocation_info(const CheckContext& ctx, Reporter& r);
void tomcat_certificate_unreadable(const CheckContext& ctx, Reporter& r);
void tomcat_crl_chain_incomplete(const CheckContext& ctx, Reporter& r);
void tomcat_crl_expired(const CheckContext& ctx, Reporter& r);
void tomcat_must_staple_without_stapling(const CheckContext& ctx, Reporter& r);
void tomcat_stapling_issuer_missing(const CheckContext& ctx, Reporter& r);

// Tomcat (tomcat_stapling.cpp)
void tomcat_client_cert_no_revocation(const CheckContext& ctx, Reporter& r);
void tomcat_ocsp_without_client_verify(const CheckContext& ctx, Reporter& r);
void tomcat_stapling_disabled(const CheckContext& ctx, Reporter& r);
void tomcat_stapling_unsupported_implementation(const CheckContext& ctx, Reporter& r);
void tomcat_stapling_unsupported_context(const CheckContext& ctx, Reporter& r);

// The JVM (jvm_properties_checks.cpp)
void jvm_invalid_property_value(const CheckContext& ctx, Reporter& r);
void jvm_options_in_catalina_sh(const CheckContext& ctx, Reporter& r);
void jvm_security_property_as_system_property(const CheckContext& ctx, Reporter& r);
void jvm_shell_property_assignment(const CheckContext& ctx, Reporter& r);
void jvm_system_property_in_security_file(const CheckContext& ctx, Reporter& r);
void jvm_unknown_property(const CheckContext& ctx, Reporter& r);
// (jvm_revocation.cpp)
void jvm_upstream_no_revocation(const CheckContext& ctx, Reporter& r);

// Apache httpd, certificate files (apache_certificates.cpp)
void apache_certificate_no_ocsp_url(const CheckContext& ctx, Reporter& r);
void apache_certificate_no_revocation_info(const CheckContext& ctx, Reporter& r);
void apache_certificate_unreadable(const CheckContext& ctx, Reporter& r);
void apache_crl_chain_incomplete(const CheckContext& ctx, Reporter& r);
void apache_crl_expired(const CheckContext& ctx, Reporter& r);
void apache_must_staple_without_stapling(const CheckContext& ctx, Reporter& r);
void apache_stapling_issuer_missing(const CheckContext& ctx, Reporter& r);

// Apache httpd (apache_hygiene.cpp, apache_revocation.cpp, apache_stapling.cpp)
void apache_client_cert_no_revocation(const CheckContext& ctx, Reporter& r);
void apache_crl_check_without_crl(const CheckContext& ctx, Reporter& r);
void apache_crl_configured_not_checked(const CheckContext& ctx, Reporter& r);
void apache_directive_not_allowed_here(const CheckContext& ctx, Reporter& r);
void apache_invalid_directive_value(const CheckContext& ctx, Reporter& r);
void apache_stapling_unsupported_context(const CheckContext& ctx, Reporter& r);
void apache_ocsp_response_unverified(const CheckContext& ctx, Reporter& r);
void apache_proxy_crl_check_without_crl(const CheckContext& ctx, Reporter& r);
void apache_proxy_crl_configured_not_checked(const CheckContext& ctx, Reporter& r);
void apache_upstream_no_revocation(const CheckContext& ctx, Reporter& r);
void apache_socache_module_missing(const CheckContext& ctx, Reporter& r);
void apache_stapling_cache_in_vhost(const CheckContext& ctx, Reporter& r);
void apache_stapling_cache_missing(const CheckContext& ctx, Reporter& r);
void apache_stapling_disabled(const CheckContext& ctx, Reporter& r);
void apache_stapling_responder_errors_returned(const CheckContext& ctx, Reporter& r);
void apache_stapling_without_tls(const CheckContext& ctx, Reporter& r);
void apache_trailing_comment(const CheckContext& ctx, Reporter& r);

void input_include_cycle(const CheckContext&, Reporter&);
void input_include_not_found(const CheckContext&, Reporter&);
void input_dialect_uncertain(const CheckContext&, Reporter&);
void input_limit_exceeded(const CheckContext&, Reporter&);
void input_unknown_rule_in_suppression(const CheckContext&, Reporter&);
void input_syntax_error(const CheckContext&, Reporter&);
void input_unreadable(const CheckContext&, Reporter&);

// nginx, certificate files (nginx_certificates.cpp)
void nginx_certificate_no_ocsp_url(const CheckContext& ctx, Reporter& r);
void nginx_certificate_no_revocation_info(const CheckContext& ctx, Reporter& r);
void nginx_certificate_unreadable(const CheckContext& ctx, Reporter& r);
void nginx_crl_chain_incomplete(const CheckContext& ctx, Reporter& r);
void nginx_crl_expired(const CheckContext& ctx, Reporter& r);
void nginx_must_staple_without_stapling(const CheckContext& ctx, Reporter& r);
void nginx_stapling_file_invalid(const CheckContext& ctx, Reporter& r);
void nginx_stapling_issuer_missing(const CheckContext& ctx, Reporter& r);
void nginx_client_cert_no_revocation(const CheckContext&, Reporter&);
void nginx_directive_not_allowed_here(const CheckContext&, Reporter&);
void nginx_duplicate_directive(const CheckContext&, Reporter&);
void nginx_invalid_directive_value(const CheckContext&, Reporter&);
void nginx_ocsp_optional_no_ca(const CheckContext&, Reporter&);
void nginx_ocsp_without_client_verify(const CheckContext&, Reporter&);
void nginx_stapling_certificate_compression(const CheckContext&, Reporter&);
void nginx_stapling_disabled(const CheckContext&, Reporter&);
void nginx_stapling_file_shared(const CheckContext&, Reporter&);
void nginx_stapling_no_resolver(const CheckContext&, Reporter&);
void nginx_stapling_unsupported_context(const CheckContext&, Reporter&);
void nginx_stapling_unverified(const CheckContext&, Reporter&);
void nginx_stapling_variable_certificate(const CheckContext&, Reporter&);
void nginx_stapling_verify_no_trusted_chain(const CheckContext&, Reporter&);
void nginx_stapling_verify_without_stapling(const CheckContext&, Reporter&);
void nginx_stapling_without_tls(const CheckContext&, Reporter&);
void nginx_upstream_crl_ignored(const CheckContext&, Reporter&);
void nginx_upstream_no_revocation(const CheckContext&, Reporter&);
void nginx_upstream_verify_no_trusted_certificate(const CheckContext&, Reporter&);

}  // namespace staplint::checks
