// Small text helpers shared by the dialects.
#pragma once

#include <string_view>
#include <vector>

namespace staplint {

/// Case-insensitive ASCII equality: nginx compares flag and enum values this
/// way (ngx_strcasecmp), httpd directive and section names too.
bool iequals(std::string_view a, std::string_view b);

/// The non-empty pieces of `s` between `sep`s: path components, comma lists.
std::vector<std::string_view> split_nonempty(std::string_view s, char sep);

}  // namespace staplint
