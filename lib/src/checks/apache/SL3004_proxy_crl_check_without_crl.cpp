// SL3004: backend CRL checking is on without a CRL file or path, so httpd will not start.
#include "rules/apache/SL3004_proxy_crl_check_without_crl.hpp"
#include "checks/apache/crl_settings.hpp"

namespace staplint::checks::apache {

void SL3004_proxy_crl_check_without_crl::check(const CheckContext& ctx, Reporter& r) {
  check_without_storage<Fields>(ctx, r, true);
}

}  // namespace staplint::checks::apache
