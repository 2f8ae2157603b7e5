// Small text helpers shared by the dialects.
#pragma once

#include <string_view>

namespace staplint {

/// Case-insensitive ASCII equality: nginx compares flag and enum values this
/// way (ngx_strcasecmp), httpd directive and section names too.
bool iequals(std::string_view a, std::string_view b);

}  // namespace staplint
