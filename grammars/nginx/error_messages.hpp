// on_error mixins for the nginx grammar's rule classes. Each turns an X3
// expectation failure into a clang-style message at a byte offset. The innermost
// rule reports first; outer rules see the error recorded and only fail.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <string>

#include "parse_state.hpp"

namespace staplint::grammar::nginx::parser {
namespace x3 = boost::spirit::x3;

/// `';'`, `'}'`, or `byte 0x07` for a character in a message.
inline std::string describe_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x21 && u < 0x7f) return std::string("'") + c + "'";
  static const char* hex = "0123456789abcdef";
  return std::string("byte 0x") + hex[u >> 4] + hex[u & 15];
}

/// The directive's name as written, for messages (up to 64 bytes).
template <typename Iterator>
std::string directive_name(Iterator first, Iterator const& last) {
  std::string name;
  while (first != last && name.size() < 64 && *first != ' ' && *first != '\t' && *first != '\r' && *first != '\n' &&
         *first != ';' && *first != '{') {
    name += *first++;
  }
  return name;
}

struct token_errors {
  template <typename Iterator, typename Exception, typename Context>
  x3::error_handler_result on_error(Iterator& first, Iterator const& last, Exception const& x,
                                    Context const& context) const {
    parse_state& st = x3::get<state_tag>(context);
    syntax_error e;
    const char open = *first;
    if (x.where() == last) {
      if (open == '"' || open == '\'') {
        e.offset = st.offset(first);
        e.message = std::string("missing terminating ") + describe_char(open) + " character";
      } else {
        e.offset = st.offset(last);
        e.message = "unexpected end of file after '\\'";
      }
    } else {
      e.offset = st.offset(x.where());
      e.message = "unexpected " + describe_char(*x.where()) + " after quoted argument; expected whitespace, ';' or '{'";
    }
    st.report(std::move(e));
    return x3::error_handler_result::fail;
  }
};

struct block_errors {
  template <typename Iterator, typename Exception, typename Context>
  x3::error_handler_result on_error(Iterator& first, Iterator const& last, Exception const& x,
                                    Context const& context) const {
    parse_state& st = x3::get<state_tag>(context);
    syntax_error e;
    e.offset = st.offset(x.where());
    if (x.where() == last) {
      e.message = "expected '}' at end of file";
      e.note_offset = st.offset(first);
      e.note = "to match this '{'";
      e.fix_offset = st.offset(last);
      e.fix_text = "}\n";
    } else {
      e.message = "unexpected " + describe_char(*x.where()) + "; expected a directive or '}'";
    }
    st.report(std::move(e));
    return x3::error_handler_result::fail;
  }
};

struct directive_errors {
  template <typename Iterator, typename Exception, typename Context>
  x3::error_handler_result on_error(Iterator& first, Iterator const& last, Exception const& x,
                                    Context const& context) const {
    parse_state& st = x3::get<state_tag>(context);
    const std::string name = directive_name(first, last);
    syntax_error e;
    if (x.which() == "Lua block") {
      e.offset = st.offset(x.where());
      e.message = x.where() != last && *x.where() == '{' ? "unterminated Lua block of '" + name + "'"
                                                         : "expected '{' after '" + name + "'";
    } else {
      // Point just past the last word, where the ';' belongs.
      Iterator end = x.where();
      while (end != first) {
        const char c = *(end - 1);
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') break;
        --end;
      }
      e.offset = st.offset(end);
      e.message = "expected ';' after directive '" + name + "'";
      e.fix_offset = e.offset;
      e.fix_text = ";";
      if (x.where() == last) e.message += " at end of file";
    }
    st.report(std::move(e));
    return x3::error_handler_result::fail;
  }
};

struct file_errors {
  template <typename Iterator, typename Exception, typename Context>
  x3::error_handler_result on_error(Iterator&, Iterator const& last, Exception const& x, Context const& context) const {
    parse_state& st = x3::get<state_tag>(context);
    syntax_error e;
    e.offset = st.offset(x.where());
    if (x.where() == last) {
      e.message = "unexpected end of file";
    } else if (*x.where() == '}') {
      e.message = "extraneous closing brace ('}')";
    } else {
      e.message = "unexpected " + describe_char(*x.where()) + "; expected a directive";
    }
    st.report(std::move(e));
    return x3::error_handler_result::fail;
  }
};

}  // namespace staplint::grammar::nginx::parser
