// SL2002: a CRL file or path is configured but CRL checking is off, so httpd ignores it.
#include "rules/apache/SL2002_crl_configured_not_checked.hpp"
#include "checks/apache/crl_settings.hpp"

namespace staplint::checks::apache {

void SL2002_crl_configured_not_checked::check(const CheckContext& ctx, Reporter& r) {
  storage_without_check<Fields>(ctx, r, false);
}

}  // namespace staplint::checks::apache
