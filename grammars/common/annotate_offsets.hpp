// The on_success mixin every grammar shares: it turns the iterators of a
// matched rule into byte offsets in the attribute (any struct with `begin` and
// `end`), using the parse state found in the context under `StateTag`.
#pragma once

#include <boost/spirit/home/x3.hpp>

namespace staplint::grammar::common {

template <typename StateTag>
struct annotate_offsets {
  template <typename Iterator, typename Attribute, typename Context>
  void on_success(Iterator const& first, Iterator const& last, Attribute& attr, Context const& context) const {
    if constexpr (requires {
                    attr.begin = 0u;
                    attr.end = 0u;
                  }) {
      const auto& st = boost::spirit::x3::get<StateTag>(context);
      attr.begin = st.offset(first);
      attr.end = st.offset(last);
    }
  }
};

}  // namespace staplint::grammar::common
