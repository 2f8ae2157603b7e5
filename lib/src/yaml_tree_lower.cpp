// Lowers a YAML or JSON document (a CloudFormation template, a Terraform JSON
// file) into common nodes. yaml-cpp reads it as events (its event parser, not
// its node tree: an alias is seen, never expanded, so an alias bomb costs
// nothing); the events carry where each value starts, and the text says where
// it ends.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>  // Parser, exceptions, and Node defined (parser.h only declares it)

#include <algorithm>
#include <sstream>

#include "lowering.hpp"
#include "staplint/aws_parse.hpp"

namespace staplint {

namespace {

struct Item {
  enum class Kind : std::uint8_t { scalar, null, alias, map, seq };
  Kind kind = Kind::scalar;
  bool has_key = false;
  Range key;  ///< as written, quotes included
  std::string key_text;
  std::string tag;  ///< "!Ref", "!GetAtt", ... ("" for none)
  Range tag_range;
  Range value;  ///< a scalar as written; a container from its first byte
  std::string scalar;
  Quote quote = Quote::none;
  bool flow = false;
  std::uint32_t begin = 0, end = 0;  ///< the whole entry
  std::uint32_t next = 0;            ///< past the last descendant
  bool block_scalar = false;         ///< `|` or `>`: its lines follow
};

/// Thrown from the event handler: the problem is set.
struct Stop {};

/// A tag's long form: `!Ref` is `Ref`, `!Condition` is `Condition`, any
/// other `!Name` is `Fn::Name`.
std::string long_form(std::string_view tag) {
  std::string_view t = tag;
  if (!t.empty() && t.front() == '!') t.remove_prefix(1);
  if (t == "Ref" || t == "Condition") return std::string(t);
  return "Fn::" + std::string(t);
}

class Builder : public YAML::EventHandler {
 public:
  Builder(const std::string& text, std::uint32_t base, unsigned max_nesting, FileId file, std::string_view what)
      : text_(text), base_(base), max_nesting_(max_nesting), file_(file), what_(what) {}

  std::vector<Item> items;
  std::optional<InputProblem> problem;
  bool root_seen = false;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { leaf(Item::Kind::null, mark, "", ""); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { leaf(Item::Kind::alias, mark, "", ""); }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t, const std::string& value) override {
    leaf(Item::Kind::scalar, mark, tag, value);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                       YAML::EmitterStyle::value style) override {
    open(Item::Kind::seq, mark, tag, style == YAML::EmitterStyle::Flow);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                  YAML::EmitterStyle::value style) override {
    open(Item::Kind::map, mark, tag, style == YAML::EmitterStyle::Flow);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    std::uint32_t item = 0;
    bool map = false;
    bool want_key = true;
    bool has_key = false;
    Range key;
    std::string key_text;
  };

  std::uint32_t at(const YAML::Mark& m) const {
    const std::size_t p = m.pos < 0 ? 0 : static_cast<std::size_t>(m.pos) + base_;
    return static_cast<std::uint32_t>(std::min(p, text_.size()));
  }

  [[noreturn]] void fail(InputProblemKind kind, std::uint32_t where, std::string message) {
    problem = grammar_problem(file_, text_, kind == InputProblemKind::limit, where, std::move(message));
    throw Stop{};
  }

  /// Past a tag (`!Ref`) and an anchor (`&a`) and the blanks after them.
  std::uint32_t past_properties(std::uint32_t p, Range* tag) const {
    while (p < text_.size() && (text_[p] == '!' || text_[p] == '&')) {
      const std::uint32_t b = p;
      while (p < text_.size() && text_[p] != ' ' && text_[p] != '\t' && text_[p] != '\n' && text_[p] != '\r' &&
             text_[p] != ',' && text_[p] != ']' && text_[p] != '}')
        ++p;
      if (tag && text_[b] == '!') *tag = {b, p};
      while (p < text_.size() && (text_[p] == ' ' || text_[p] == '\t')) ++p;
    }
    return p;
  }

  /// Where the scalar written at `p` ends.
  std::uint32_t scalar_end(std::uint32_t p, bool in_flow, Quote& quote, bool& block) const {
    const std::size_t n = text_.size();
    quote = Quote::none;
    block = false;
    if (p >= n) return p;
    const char c = text_[p];
    if (c == '"') {
      quote = Quote::double_;
      std::size_t i = p + 1;
      while (i < n && text_[i] != '"') i += text_[i] == '\\' ? 2 : 1;
      return static_cast<std::uint32_t>(std::min(i + 1, n));
    }
    if (c == '\'') {
      quote = Quote::single;
      std::size_t i = p + 1;
      while (i < n) {
        if (text_[i] == '\'') {
          if (i + 1 < n && text_[i + 1] == '\'') {
            i += 2;
            continue;
          }
          break;
        }
        ++i;
      }
      return static_cast<std::uint32_t>(std::min(i + 1, n));
    }
    std::size_t i = p;
    if (c == '|' || c == '>') block = true;
    // A plain scalar (or a block scalar's header): to the line's end, before
    // a ` #` comment, and in a flow collection before `,`, `]` or `}`.
    while (i < n && text_[i] != '\n' && text_[i] != '\r') {
      if (text_[i] == '#' && i > p && (text_[i - 1] == ' ' || text_[i - 1] == '\t')) break;
      if (in_flow && (text_[i] == ',' || text_[i] == ']' || text_[i] == '}')) break;
      if (!block && text_[i] == ':' &&
          (i + 1 >= n || text_[i + 1] == ' ' || text_[i + 1] == '\n' || text_[i + 1] == '\r' ||
           (in_flow && text_[i + 1] == ','))) {
        break;  // a key's end
      }
      ++i;
    }
    while (i > p && (text_[i - 1] == ' ' || text_[i - 1] == '\t')) --i;
    return static_cast<std::uint32_t>(i);
  }

  bool in_flow() const {
    return std::any_of(stack_.begin(), stack_.end(), [&](const Frame& f) { return items[f.item].flow; });
  }

  /// Starts an item for a value: its key is the open map's pending one, or
  /// `-` in a sequence.
  Item& start(Item::Kind kind, const YAML::Mark& mark, const std::string& tag) {
    Item it;
    it.kind = kind;
    const std::uint32_t pos = at(mark);
    it.value.begin = past_properties(pos, &it.tag_range);
    if (!tag.empty() && tag != "?" && tag != "!" && tag.front() == '!') it.tag = tag;
    if (!stack_.empty()) {
      Frame& f = stack_.back();
      if (f.map) {
        it.has_key = true;
        it.key = f.key;
        it.key_text = std::move(f.key_text);
        f.want_key = true;
      }
    } else if (root_seen) {
      fail(InputProblemKind::syntax, pos, what_ + ": a second value at the top level");
    }
    root_seen = true;
    it.begin = it.has_key ? it.key.begin : pos;
    if (items.size() >= kMaxItems) {
      fail(InputProblemKind::limit, pos, what_ + ": more than " + std::to_string(kMaxItems) + " values");
    }
    items.push_back(std::move(it));
    return items.back();
  }

  void leaf(Item::Kind kind, const YAML::Mark& mark, const std::string& tag, const std::string& value) {
    if (!stack_.empty() && stack_.back().map && stack_.back().want_key) {
      Frame& f = stack_.back();
      const std::uint32_t pos = at(mark);
      if (kind != Item::Kind::scalar) {
        fail(InputProblemKind::syntax, pos, what_ + ": a mapping key that is empty or an alias");
      }
      Quote q;
      bool block;
      const std::uint32_t b = past_properties(pos, nullptr);
      f.key = {b, scalar_end(b, in_flow(), q, block)};
      f.key_text = value;
      f.want_key = false;
      return;
    }
    Item& it = start(kind, mark, tag);
    if (kind == Item::Kind::scalar) {
      it.scalar = value;
      it.value.end = scalar_end(it.value.begin, in_flow(), it.quote, it.block_scalar);
    } else if (kind == Item::Kind::alias) {
      it.value.end = scalar_end(it.value.begin, in_flow(), it.quote, it.block_scalar);
    } else {
      it.value.end = it.value.begin;  // null: nothing written, or `null`/`~`
      Quote q;
      bool block;
      if (it.value.begin < text_.size() && text_[it.value.begin] != '\n' && text_[it.value.begin] != '\r' &&
          text_[it.value.begin] != '#') {
        it.value.end = scalar_end(it.value.begin, in_flow(), q, block);
      }
    }
    it.end = std::max(it.value.end, it.has_key ? it.key.end : it.value.end);
    it.next = static_cast<std::uint32_t>(items.size());
  }

  void open(Item::Kind kind, const YAML::Mark& mark, const std::string& tag, bool flow) {
    if (!stack_.empty() && stack_.back().map && stack_.back().want_key) {
      fail(InputProblemKind::syntax, at(mark), what_ + ": a mapping key that is not a plain value");
    }
    if (stack_.size() >= max_nesting_) {
      fail(InputProblemKind::limit, at(mark),
           what_ + ": values nest deeper than " + std::to_string(max_nesting_) + " levels");
    }
    Item& it = start(kind, mark, tag);
    it.flow = flow || (it.value.begin < text_.size() && (text_[it.value.begin] == '{' || text_[it.value.begin] == '['));
    it.value.end = it.value.begin;
    Frame frame;
    frame.item = static_cast<std::uint32_t>(items.size() - 1);
    frame.map = kind == Item::Kind::map;
    stack_.push_back(std::move(frame));
  }

  void close() {
    if (stack_.empty()) return;
    const std::uint32_t index = stack_.back().item;
    stack_.pop_back();
    Item& it = items[index];
    it.next = static_cast<std::uint32_t>(items.size());
    std::uint32_t end = std::max(it.value.begin, it.has_key ? it.key.end : 0);
    for (std::uint32_t i = index + 1; i < it.next; ++i) end = std::max(end, items[i].end);
    if (it.flow) {
      // Up to the closing bracket: past blanks, line ends and commas.
      const char close = it.kind == Item::Kind::map ? '}' : ']';
      std::size_t i = index + 1 < it.next ? end : it.value.begin + 1;
      while (i < text_.size() &&
             (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n' || text_[i] == '\r' || text_[i] == ','))
        ++i;
      if (i < text_.size() && text_[i] == close) end = static_cast<std::uint32_t>(i + 1);
    }
    it.value.end = end;
    it.end = end;
  }

  static constexpr std::size_t kMaxItems = 4'000'000;
  const std::string& text_;
  std::uint32_t base_;
  unsigned max_nesting_;
  FileId file_;
  std::string what_;
  std::vector<Frame> stack_;
};

/// Comments on lines of their own, outside block scalars' lines.
std::vector<Range> own_line_comments(const std::string& text, const std::vector<Item>& items) {
  std::vector<Range> zones;  // block scalars' bodies
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].block_scalar) continue;
    std::uint32_t stop = static_cast<std::uint32_t>(text.size());
    for (std::size_t k = i + 1; k < items.size(); ++k) {
      if (items[k].begin > items[i].value.begin) {
        stop = items[k].begin;
        break;
      }
    }
    zones.push_back({items[i].value.begin, stop});
  }
  std::vector<Range> out;
  std::size_t line = 0;
  std::size_t zone = 0;
  while (line < text.size()) {
    std::size_t eol = text.find('\n', line);
    if (eol == std::string::npos) eol = text.size();
    std::size_t i = line;
    while (i < eol && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i < eol && text[i] == '#') {
      while (zone < zones.size() && zones[zone].end <= i) ++zone;
      const bool inside = zone < zones.size() && zones[zone].begin <= i && i < zones[zone].end;
      std::size_t end = eol;
      if (end > i && text[end - 1] == '\r') --end;
      if (!inside) out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end)});
    }
    line = eol + 1;
  }
  return out;
}

struct Lowering {
  const std::vector<Item>& items;
  const std::vector<Range>& comments;
  const std::string& text;
  SourceManager& sm;
  NodeUnit& unit;
  std::size_t comment = 0;  ///< the next comment to place

  std::string_view view(Range r) const { return std::string_view(text).substr(r.begin, r.end - r.begin); }
  std::string_view text_or_kept(Range written, Quote quote, const std::string& decoded) {
    std::string_view w = view(written);
    if (quote != Quote::none && w.size() >= 2) w = w.substr(1, w.size() - 2);
    return w == decoded ? w : sm.keep(decoded);
  }

  void comments_before(std::uint32_t offset, std::vector<Node>& into) {
    while (comment < comments.size() && comments[comment].begin < offset) {
      into.push_back(Node::comment(unit, comments[comment], 1));
      ++comment;
    }
  }

  /// The value of items[i] as the node named `name` (its key, `-`, or a
  /// tag's long form).
  Node value_node(std::uint32_t i, std::string_view name, Range name_range, Range range) {
    const Item& it = items[i];
    NodeDetail d;
    d.name = name;
    d.name_range = name_range;
    if (it.kind == Item::Kind::map || it.kind == Item::Kind::seq) {
      d.body_range = it.value;
      Node n = detailed_node(unit, NodeKind::block, range, d);
      n.set_children(siblings(i + 1, it.next, it.value.end));
      return n;
    }
    d.body_range = {range.end, range.end};
    if (it.kind == Item::Kind::scalar) {
      std::span<Arg> args = sm.arena().make_array<Arg>(1);
      args[0].value = text_or_kept(it.value, it.quote, it.scalar);
      args[0].range = it.value;
      args[0].quote = it.quote;
      d.args = args;
    } else if (it.kind == Item::Kind::alias) {
      // `*name` as written: no plain scalar starts with `*`, so the model
      // knows it for an alias, whose value staplint never expands.
      std::span<Arg> args = sm.arena().make_array<Arg>(1);
      args[0].value = view(it.value);
      args[0].range = it.value;
      d.args = args;
    }
    return detailed_node(unit, NodeKind::attribute, range, d);
  }

  /// A tagged value is a block holding the tag's long form: `X: !Ref Y`
  /// lowers as `X: {Ref: Y}` does.
  Node entry_node(std::uint32_t i) {
    const Item& it = items[i];
    const Quote key_quote = !it.has_key || it.key.end == it.key.begin ? Quote::none
                            : text[it.key.begin] == '"'               ? Quote::double_
                            : text[it.key.begin] == '\''              ? Quote::single
                                                                      : Quote::none;
    const std::string_view name = it.has_key ? text_or_kept(it.key, key_quote, it.key_text) : std::string_view("-");
    Range name_range = it.has_key ? it.key : Range{it.begin, it.begin};
    if (it.has_key && name_range.end > name_range.begin &&
        (text[name_range.begin] == '"' || text[name_range.begin] == '\'')) {
      name_range = {name_range.begin + 1, name_range.end > name_range.begin + 1 ? name_range.end - 1 : name_range.end};
    }
    const Range range{it.begin, std::max(it.end, it.begin)};
    if (it.tag.empty()) return value_node(i, name, name_range, range);
    NodeDetail d;
    d.name = name;
    d.name_range = name_range;
    d.body_range = {it.tag_range.begin, range.end};
    Node n = detailed_node(unit, NodeKind::block, range, d);
    std::span<Node> inner = sm.arena().make_array<Node>(1);
    inner[0] = value_node(i, sm.keep(long_form(it.tag)), it.tag_range, {it.tag_range.begin, range.end});
    n.set_children(inner);
    return n;
  }

  // The builder bounds nesting (max_nesting), and with it this recursion.
  std::span<Node> siblings(std::uint32_t first, std::uint32_t stop, std::uint32_t end) {
    std::vector<Node> out;
    for (std::uint32_t i = first; i < stop; i = items[i].next) {
      comments_before(items[i].begin, out);
      out.push_back(entry_node(i));
    }
    comments_before(end, out);
    return copy_to_arena(sm, out);
  }
};

}  // namespace

ParseResult parse_yaml_tree_text(FileId file, SourceManager& sm, unsigned max_nesting, std::string_view what) {
  const std::string& text = sm.file(file).text();
  // yaml-cpp skips a byte order mark and counts from after it.
  const std::uint32_t base = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  Builder b(text, base, max_nesting, file, what);
  auto syntax = [&](std::uint32_t where, std::string message) {
    return grammar_problem(file, text, false, where, std::move(message));
  };
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    parser.HandleNextDocument(b);
  } catch (const Stop&) {
    return *std::move(b.problem);
  } catch (const YAML::Exception& e) {
    // DeepRecursion among them: yaml-cpp's own depth guard.
    const std::size_t pos = e.mark.pos < 0 ? 0 : static_cast<std::size_t>(e.mark.pos) + base;
    // yaml-cpp's words, as a reader of JSON or YAML would say them.
    static constexpr std::pair<std::string_view, std::string_view> kPlain[] = {
        {"end of map flow not found", "expected ',' or '}' here"},
        {"end of sequence flow not found", "expected ',' or ']' here"},
        {"end of map not found", "a mapping ends here that its indentation does not close"},
        {"end of sequence not found", "a list ends here that its indentation does not close"},
    };
    std::string message = e.msg;
    for (const auto& [yaml_cpp, plain] : kPlain) {
      if (message == yaml_cpp) message = std::string(plain) + " (" + message + ")";
    }
    return syntax(static_cast<std::uint32_t>(std::min(pos, text.size())), std::string(what) + ": " + message);
  }
  NodeUnit& unit = sm.new_unit(file);
  unit.details.reserve(b.items.size() + 1);
  if (b.items.empty()) return std::span<Node>{};
  const Item& root = b.items.front();
  if (root.kind != Item::Kind::map) {
    return syntax(root.value.begin, std::string(what) + ": the top level is not a mapping of names to values");
  }
  const std::vector<Range> comments = own_line_comments(text, b.items);
  Lowering l{b.items, comments, text, sm, unit};
  return l.siblings(1, root.next, static_cast<std::uint32_t>(text.size()));
}

}  // namespace staplint
