#include "checks/live/verdicts.hpp"

namespace staplint::checks::live {

std::string endpoint_name(const ProbedEndpoint& e) { return e.target.label(); }

std::string handshakes_text(std::size_t n) { return std::to_string(n) + (n == 1 ? " handshake" : " handshakes"); }

}  // namespace staplint::checks::live
