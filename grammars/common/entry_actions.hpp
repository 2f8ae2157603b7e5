// Semantic actions shared by the line-oriented grammars (batch, systemd)
// whose state is a vector of entries plus the buffer start: open an entry
// where the parse stands, close it there, record a matched span into one of
// its fields, or change the open entry.
#pragma once

#include <boost/spirit/home/x3.hpp>

namespace staplint::grammar::common {
namespace x3 = boost::spirit::x3;

/// Appends an entry that begins where the parse stands.
template <typename Tag>
inline constexpr auto start_entry = [](auto& ctx) {
  auto& st = x3::get<Tag>(ctx);
  typename std::decay_t<decltype(*st.out)>::value_type e;
  e.begin = st.offset(x3::_where(ctx).begin());
  st.out->push_back(e);
};

/// Ends the open entry where the parse stands.
template <typename Tag>
inline constexpr auto end_entry = [](auto& ctx) {
  auto& st = x3::get<Tag>(ctx);
  st.out->back().end = st.offset(x3::_where(ctx).begin());
};

/// Records what an `x3::raw[...]` matched into the open entry's `Field`.
template <typename Tag, auto Field>
inline constexpr auto record_span = [](auto& ctx) {
  auto& st = x3::get<Tag>(ctx);
  (st.out->back().*Field) = {st.offset(x3::_attr(ctx).begin()), st.offset(x3::_attr(ctx).end())};
};

/// Applies `f` to the open entry.
template <typename Tag, typename F>
auto on_entry(F f) {
  return [f](auto& ctx) { f(x3::get<Tag>(ctx).out->back()); };
}

}  // namespace staplint::grammar::common
