// Runs the instantiated XML grammar; iterators stop here.
#include "../common/utf8.hpp"
#include "config.hpp"
#include "xml.hpp"
#include "xml_parser.hpp"

#include <string_view>
#include <tuple>

namespace staplint::grammar::xml {

namespace {
std::string describe(const char* where, const char* last, const std::string& which) {
  if (where == last) return "unexpected end of file; expected " + which;
  const auto u = static_cast<unsigned char>(*where);
  std::string got = u >= 0x21 && u < 0x7f ? std::string("'") + *where + "'" : "a blank or control byte";
  return "unexpected " + got + "; expected " + which;
}
}  // namespace

parse_output parse(std::string_view text, const parse_options& options) {
  parse_output out;
  parser::parse_state state;
  state.begin = text.data();
  state.out = &out.tree;
  state.max_depth = options.max_depth;
  const parser::context_type context(state);
  parser::iterator_type first = text.data();
  const parser::iterator_type last = text.data() + text.size();
  try {
    const bool ok = document_rule().parse(first, last, context, boost::spirit::x3::unused, boost::spirit::x3::unused);
    if (!ok) state.report({state.offset(first), describe(first, last, "markup")});
  } catch (const parser::not_well_formed&) {
  } catch (const boost::spirit::x3::expectation_failure<parser::iterator_type>& e) {
    // An unterminated comment, CDATA section or processing instruction is
    // found at the end of the file; the note points at where it opened.
    syntax_error err{state.offset(e.where()), describe(e.where(), last, e.which())};
    const std::string_view before(text.data(), static_cast<std::size_t>(e.where() - text.data()));
    for (const auto& [close, open, what] : {std::tuple{"-->", "<!--", "the comment starts here"},
                                            std::tuple{"]]>", "<![CDATA[", "the CDATA section starts here"},
                                            std::tuple{"?>", "<?", "the processing instruction starts here"}}) {
      if (e.which().find(close) == std::string::npos) continue;
      if (const std::size_t at = before.rfind(open); at != std::string_view::npos) {
        err.note_offset = static_cast<std::uint32_t>(at);
        err.note = what;
      }
      break;
    }
    state.report(std::move(err));
  }
  if (!state.error && !state.open.empty()) {
    const ast::item& e = out.tree.items[state.open.back()];
    state.report(
        {e.begin, "'<" + std::string(text.substr(e.name.begin, e.name.end - e.name.begin)) + ">' is not closed"});
  }
  if (!state.error) {
    bool root = false;
    for (const ast::item& i : out.tree.items) root = root || i.kind == ast::item_kind::element;
    if (!root) state.report({0, "no root element"});
  }
  if (state.error) {
    out.error = std::move(state.error);
    out.tree = {};
  }
  return out;
}

std::string decode(std::string_view raw, bool& known) {
  known = true;
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '&') {
      out += raw[i];
      continue;
    }
    const std::size_t semi = raw.find(';', i);
    if (semi == std::string_view::npos) {
      known = false;
      out += raw.substr(i);
      break;
    }
    const std::string_view ent = raw.substr(i + 1, semi - i - 1);
    if (ent == "amp")
      out += '&';
    else if (ent == "lt")
      out += '<';
    else if (ent == "gt")
      out += '>';
    else if (ent == "quot")
      out += '"';
    else if (ent == "apos")
      out += '\'';
    else if (ent.size() > 1 && ent[0] == '#') {
      unsigned long code = 0;
      bool ok = true;
      const bool hex = ent[1] == 'x';
      for (std::size_t k = hex ? 2 : 1; k < ent.size(); ++k) {
        const char c = ent[k];
        int d = c >= '0' && c <= '9'          ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : -1;
        if (d < 0 || code > 0x10FFFF) {
          ok = false;
          break;
        }
        code = code * (hex ? 16 : 10) + static_cast<unsigned long>(d);
      }
      if (!ok || code == 0 || code > 0x10FFFF || (hex && ent.size() == 2)) {
        known = false;
        out += raw.substr(i, semi - i + 1);
      } else {
        common::append_utf8(out, code);
      }
    } else {
      known = false;  // an entity only a DOCTYPE could define
      out += raw.substr(i, semi - i + 1);
    }
    i = semi;
  }
  return out;
}

}  // namespace staplint::grammar::xml
