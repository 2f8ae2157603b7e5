// SL3003: a CRL for backend certificates is configured but not checked.
#include "rules/apache/SL3003_proxy_crl_configured_not_checked.hpp"
#include "checks/apache/crl_settings.hpp"

namespace staplint::checks::apache {

void SL3003_proxy_crl_configured_not_checked::check(const CheckContext& ctx, Reporter& r) {
  storage_without_check<Fields>(ctx, r, true);
}

}  // namespace staplint::checks::apache
