// Tomcat: whether JSSE staples for a connector (the certificate rules ask).
#pragma once

#include "staplint/engine.hpp"
#include "staplint/verdict.hpp"

namespace staplint::checks::tomcat {

inline bool jsse_staples(const CheckContext& ctx, const TomcatConnector& c) {
  return tomcat_stapling_verdict(c, ctx.jvm, ctx.jvm_properties, ctx.options) == Stapling::on;
}

}  // namespace staplint::checks::tomcat
