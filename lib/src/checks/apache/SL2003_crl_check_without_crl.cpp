// SL2003: CRL checking is on without a CRL file or path, so httpd will not start.
#include "rules/apache/SL2003_crl_check_without_crl.hpp"
#include "checks/apache/crl_settings.hpp"

namespace staplint::checks::apache {

void SL2003_crl_check_without_crl::check(const CheckContext& ctx, Reporter& r) {
  check_without_storage<Fields>(ctx, r, false);
}

}  // namespace staplint::checks::apache
