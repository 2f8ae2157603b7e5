// Lowers the Apache grammar's logical lines into common nodes, nesting
// sections with a stack and reporting what httpd reports when they do not nest.
#include <algorithm>
#include <cctype>
#include <vector>

#include "apache_parser.hpp"
#include "blank_words.hpp"
#include "lowering.hpp"
#include "staplint/apache_parse.hpp"
#include "staplint/text.hpp"

namespace staplint {
namespace {

namespace raw = grammar::apache::ast;

/// ap_getword_conf's value of a word: quotes dropped, `\"` and `\\` unescaped
/// inside quotes, line continuations removed.
std::string_view word_value(std::string_view w, SourceManager& sm, Quote& quote) {
  quote = Quote::none;
  char q = 0;
  if (!w.empty() && (w.front() == '"' || w.front() == '\'')) {
    q = w.front();
    quote = q == '"' ? Quote::double_ : Quote::single;
    w.remove_prefix(1);
    if (!w.empty() && w.back() == q) {
      std::size_t slashes = 0;
      for (std::size_t i = w.size() - 1; i > 0 && w[i - 1] == '\\'; --i) ++slashes;
      if (slashes % 2 == 0) w.remove_suffix(1);
    }
  }
  if (w.find('\\') == std::string_view::npos) return w;
  std::string out;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] == '\\' && i + 1 < w.size()) {
      const char n = w[i + 1];
      if (n == '\n') {
        ++i;
        continue;
      }
      if (n == '\r' && i + 2 < w.size() && w[i + 2] == '\n') {
        i += 2;
        continue;
      }
      if (q && (n == q || n == '\\')) {
        out += n;
        ++i;
        continue;
      }
    }
    out += w[i];
  }
  return sm.keep(std::move(out));
}

Arg make_arg(const raw::word& w, const std::string& text, SourceManager& sm) {
  Arg a;
  a.range = {w.begin, w.end};
  a.value = word_value(std::string_view(text).substr(w.begin, w.end - w.begin), sm, a.quote);
  return a;
}

/// Sections httpd reads while it reads the file (EXEC_ON_READ), through
/// ap_build_cont_config when their condition holds: their end is a line that
/// is exactly `</Name>`, and the end of the file ends them as well. Other
/// sections are closed by ap_build_config_sub, which reads only the first
/// word of the closing line.
bool read_while_reading(std::string_view name) {
  for (std::string_view s : {"IfModule", "IfDefine", "IfVersion", "IfFile", "IfDirective", "IfSection"}) {
    if (iequals(name, s)) return true;
  }
  return false;
}

/// Whether a directive line reads the same as blank-separated words: it
/// starts with its name, and splitting it on blanks gives exactly its words,
/// with their values as written (no quote, no escape, no continuation). Such
/// a line becomes a lean node: no detail, no arguments kept (ast.hpp).
bool plain_line(std::string_view text, Range line, const std::vector<Arg>& words) {
  if (words.front().range.begin != line.begin) return false;
  for (const Arg& a : words) {
    if (a.quote != Quote::none || a.value.size() != a.range.end - a.range.begin ||
        a.value.data() != text.data() + a.range.begin) {
      return false;
    }
  }
  std::size_t k = 1;
  bool same = true;
  for_each_blank_word(text, words.front().range.end, line.end, [&](std::uint32_t b, std::uint32_t e) {
    if (k >= words.size() || words[k].range.begin != b || words[k].range.end != e) same = false;
    ++k;
  });
  return same && k == words.size();
}

/// No quote and no backslash: every word is bare, and blanks alone end them.
bool no_quote_or_escape(std::string_view line) {
  for (const char c : line) {
    if (c == '"' || c == '\'' || c == '\\') return false;
  }
  return true;
}

struct Open {
  NodeKind kind = NodeKind::block;
  Range range;
  NodeDetail detail;
  std::vector<Node> children;
};

/// The open sections, [0] the file's top level. A closed section's entry
/// keeps its children's capacity for the next section at its depth: a file
/// of 50,000 <VirtualHost>s allocates a handful of child lists, not 50,000.
class OpenStack {
 public:
  std::size_t size() const { return n_; }
  Open& back() { return items_[n_ - 1]; }
  Open& front() { return items_[0]; }
  Open& operator[](std::size_t i) { return items_[i]; }
  std::vector<Open>::iterator begin() { return items_.begin(); }
  std::vector<Open>::iterator end() { return items_.begin() + static_cast<std::ptrdiff_t>(n_); }
  void push(NodeKind kind, Range range, const NodeDetail& detail) {
    if (n_ == items_.size()) items_.emplace_back();
    Open& o = items_[n_++];
    o.kind = kind;
    o.range = range;
    o.detail = detail;
    o.children.clear();
  }
  void pop_back() { --n_; }

 private:
  std::vector<Open> items_{1};
  std::size_t n_ = 1;
};

}  // namespace

ParseResult parse_apache_text(FileId file, SourceManager& sm, unsigned max_nesting) {
  const std::string& text = sm.file(file).text();
  // One scratch tree per thread: its vectors keep their capacity from file to file.
  thread_local raw::tree scratch;
  grammar::apache::parse_into(text, scratch);
  const std::vector<raw::line>& lines = scratch.lines;
  NodeUnit& unit = sm.new_unit(file);
  unit.words = NodeUnit::Words::blank_separated;
  OpenStack stack;
  auto fail = [&](InputProblemKind kind, Range at, std::string message) {
    InputProblem p;
    p.kind = kind;
    p.file = file;
    p.range = at;
    p.message = std::move(message);
    return p;
  };
  auto copy_args = [&](const std::vector<Arg>& args) {
    std::span<Arg> out = sm.arena().make_array<Arg>(args.size() - 1);
    std::copy(args.begin() + 1, args.end(), out.begin());
    return std::span<const Arg>(out);
  };

  std::vector<Arg> args;  // one line's words; reused, so that a line costs no allocation
  for (const raw::line& l : lines) {
    const Range range{l.begin, l.end};
    if (l.kind == raw::line_kind::comment) {
      stack.back().children.push_back(Node::comment(unit, range, 1));
      continue;
    }
    if (l.word_count == 0) continue;
    if (l.kind == raw::line_kind::directive && scratch.words[l.first_word].begin == l.begin &&
        no_quote_or_escape(std::string_view(text).substr(l.begin, l.end - l.begin))) {
      // Most lines, at once: bare words only, which blanks alone separate
      // (what plain_line finds of the words below): a lean node.
      const raw::word& name = scratch.words[l.first_word];
      stack.back().children.push_back(Node::lean(unit, NodeKind::directive, range, name.end - name.begin));
      continue;
    }
    args.clear();
    for (std::uint32_t i = l.first_word; i < l.first_word + l.word_count; ++i) {
      args.push_back(make_arg(scratch.words[i], text, sm));
    }
    NodeDetail d;
    d.name_range = args.front().range;
    d.body_range = {l.end, l.end};

    if (l.kind == raw::line_kind::close) {
      std::string_view name = args.front().value.substr(2);
      // httpd takes the close tag as one word, `</Name>`, and ignores what
      // follows it: `</VirtualHost> </IfModule>` closes the virtual host only.
      if (name.empty() || name.back() != '>') {
        return fail(InputProblemKind::syntax, d.name_range,
                    "'</" + std::string(name) + ">' directive missing closing '>'");
      }
      name.remove_suffix(1);
      if (args.size() > 1 && stack.size() > 1 && read_while_reading(stack.back().detail.name) &&
          iequals(name, stack.back().detail.name)) {
        // ap_build_cont_config ends the section only at a line that is
        // exactly its closing tag; this one goes on to close nothing.
        InputProblem p = fail(InputProblemKind::syntax, args[1].range,
                              "text after '</" + std::string(name) + ">': httpd ends '<" + std::string(name) +
                                  ">' only at a line that holds nothing else, and reports this one without a "
                                  "matching section");
        p.notes.push_back(
            {file, stack.back().detail.name_range, "'<" + std::string(stack.back().detail.name) + ">' opened here"});
        return p;
      }
      if (stack.size() == 1) {
        return fail(InputProblemKind::syntax, d.name_range,
                    "'</" + std::string(name) + ">' without matching '<" + std::string(name) + ">' section");
      }
      Open& top = stack.back();
      if (!iequals(name, top.detail.name)) {
        InputProblem p =
            fail(InputProblemKind::syntax, d.name_range,
                 "expected '</" + std::string(top.detail.name) + ">' but saw '</" + std::string(name) + ">'");
        p.notes.push_back({file, top.detail.name_range, "'<" + std::string(top.detail.name) + ">' opened here"});
        return p;
      }
      top.detail.body_range = {top.range.end, l.begin};
      Node done = detailed_node(unit, top.kind, {top.range.begin, l.end}, top.detail);
      done.set_children(copy_to_arena(sm, top.children));
      stack.pop_back();
      stack.back().children.push_back(done);
      continue;
    }

    if (l.kind == raw::line_kind::open) {
      // The `>` ends the last word, or stands alone after a quoted one.
      Arg& last = args.back();
      std::string_view raw_last = std::string_view(text).substr(last.range.begin, last.range.end - last.range.begin);
      const std::string_view tag = args.front().value.substr(1);
      std::string_view tag_name = tag;
      if (raw_last.empty() || raw_last.back() != '>') {
        InputProblem p = fail(InputProblemKind::syntax, {last.range.end, last.range.end},
                              "'<" + std::string(tag_name) + ">' directive missing closing '>'");
        p.fix = Fix{"insert '>'", {{file, last.range.end, 0, ">", {}}}};
        return p;
      }
      if (args.size() == 1) {
        tag_name = tag.substr(0, tag.size() - 1);
      } else if (last.value == ">" && last.quote == Quote::none) {
        args.pop_back();
      } else if (last.quote == Quote::none) {
        last.value = last.value.substr(0, last.value.size() - 1);
      }
      d.name = tag_name;
      d.args = copy_args(args);
      if (stack.size() > max_nesting) {
        return fail(InputProblemKind::limit, d.name_range,
                    "sections nest deeper than " + std::to_string(max_nesting) + " levels");
      }
      stack.push(NodeKind::block, range, d);
      continue;
    }

    if (plain_line(text, range, args)) {
      // Most lines: a lean node, whose words are read again from the text.
      stack.back().children.push_back(
          Node::lean(unit, NodeKind::directive, range, args.front().range.end - args.front().range.begin));
      continue;
    }
    d.name = args.front().value;
    d.args = copy_args(args);
    stack.back().children.push_back(detailed_node(unit, NodeKind::directive, range, d));
  }

  // The end of the file ends the sections httpd reads while reading it, when
  // no other section is open inside them (httpd: "Syntax OK").
  if (std::all_of(stack.begin() + 1, stack.end(), [](const Open& o) { return read_while_reading(o.detail.name); })) {
    const auto end = static_cast<std::uint32_t>(text.size());
    while (stack.size() > 1) {
      Open& top = stack.back();
      top.detail.body_range = {top.range.end, end};
      Node done = detailed_node(unit, top.kind, {top.range.begin, end}, top.detail);
      done.set_children(copy_to_arena(sm, top.children));
      stack.pop_back();
      stack.back().children.push_back(done);
    }
  }
  if (stack.size() > 1) {
    const NodeDetail& inner = stack.back().detail;
    InputProblem p =
        fail(InputProblemKind::syntax, inner.name_range, "'<" + std::string(inner.name) + ">' was not closed");
    std::string closes;
    for (std::size_t i = stack.size() - 1; i >= 1; --i) {
      closes += "</" + std::string(stack[i].detail.name) + ">\n";
    }
    const auto end = static_cast<std::uint32_t>(text.size());
    const bool needs_newline = !text.empty() && text.back() != '\n';
    p.fix = Fix{"close the open sections", {{file, end, 0, (needs_newline ? "\n" : "") + closes, {}}}};
    return p;
  }
  return copy_to_arena(sm, stack.front().children);
}

}  // namespace staplint
