// The common, dialect-neutral syntax tree: nginx, Apache, the JVM's properties
// and shell files, and Tomcat's XML lower into it. Positions are byte offsets
// into the node's file.
//
// Nodes are small (32 bytes): a 20,000-site nginx tree has about two million of
// them. A node keeps its range, kind, children and the length of its name; the
// text it was read from gives back the rest. nginx directives and comments of
// every dialect are "lean": their name is a slice of the text and nginx
// arguments are read again, by the grammar's own word scanner, when a rule asks
// for them. Other nodes are "detailed": their name, ranges and arguments are
// kept in their unit (NodeDetail).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "staplint/source.hpp"

namespace staplint {

enum class Quote : std::uint8_t { none, single, double_ };

/// One argument. Its value is a view into the file's text or into text that
/// the node's unit or the SourceManager keeps (words with escapes).
struct Arg {
  std::string_view value;  ///< unescaped, without quotes
  Range range;             ///< the word as written, quotes included
  Quote quote = Quote::none;
  /// True when nginx would expand a variable in it (`$name`, `${name}`).
  bool has_variable() const;
};

enum class NodeKind : std::uint8_t {
  directive,  ///< `name args;`
  block,      ///< `name args { children }`
  comment,    ///< `# text`; name holds the text after `#`
  raw_block,  ///< `name args { raw }` (Lua); children empty
  include,    ///< `include pattern;` with the included files' nodes as children
  attribute,  ///< XML: `name="value"` of its parent element; args[0] is the value
};

/// What a detailed node keeps beside its range.
struct NodeDetail {
  std::string_view name;
  Range name_range;
  Range body_range;
  std::span<const Arg> args;  ///< in the SourceManager's arena
};

/// What the nodes of one file, as one inclusion brought it in, share: the text
/// they are read from, the file, the inclusion, and the details of detailed
/// nodes. Owned by the SourceManager; a file included twice has two units.
class NodeUnit {
 public:
  FileId file = kNoFile;
  /// Index into ConfigTree::inclusions: how this file was brought in.
  std::uint32_t inclusion = 0;
  std::string_view text;
  /// The file as written: a template's own text (text is its mask, of the
  /// same length), else the same as text.
  std::string_view original;
  std::vector<NodeDetail> details;
  /// How lean nodes' words are read again: nginx's lexer; words between
  /// blanks, for Apache lines the lowering found to hold no quote and no
  /// escape (their words are their values); or an XML attribute's quoted
  /// value, for attributes with no entity reference in it.
  enum class Words : std::uint8_t { nginx, blank_separated, xml_attribute };
  Words words = Words::nginx;

  /// `v` as the file wrote it, when `v` is a view into text that a template
  /// masked (a hole's filler reads as its expression); else `v`.
  std::string_view shown(std::string_view v) const {
    if (original.data() == text.data() || v.data() < text.data() || v.data() + v.size() > text.data() + text.size()) {
      return v;
    }
    return original.substr(static_cast<std::size_t>(v.data() - text.data()), v.size());
  }

  /// A stable copy of `s`, the unescaped form of the word at `offset`: made
  /// once per word, however often its node's arguments are read.
  std::string_view keep(std::uint32_t offset, std::string s) const;

 private:
  /// Made on first use: most files have no escaped word.
  mutable std::unique_ptr<std::unordered_map<std::uint32_t, std::string>> kept_;
};

/// A node's arguments: a view of the kept ones (detailed nodes) or the words
/// read again from the text (lean nodes). Indexing a temporary list gives a
/// copy, so `const Arg& a = node.args()[0];` is safe; the values are views into
/// text that outlives the list.
class ArgList {
 public:
  ArgList() = default;
  explicit ArgList(std::span<const Arg> kept) : kept_(kept), size_(kept.size()) {}
  // Copies only the inline arguments there are: the rest of the room is
  // never written, and never read.
  ArgList(const ArgList& o) : kept_(o.kept_), size_(o.size_), heap_(o.heap_) { copy_inline(o); }
  ArgList& operator=(const ArgList& o) {
    if (this != &o) {
      kept_ = o.kept_;
      size_ = o.size_;
      heap_ = o.heap_;
      copy_inline(o);
    }
    return *this;
  }
  ~ArgList() = default;

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Arg* begin() const { return data(); }
  const Arg* end() const { return data() + size_; }
  const Arg& operator[](std::size_t i) const& { return data()[i]; }
  Arg operator[](std::size_t i) const&& { return data()[i]; }
  const Arg& front() const& { return data()[0]; }
  Arg front() const&& { return data()[0]; }
  const Arg& back() const& { return data()[size_ - 1]; }
  Arg back() const&& { return data()[size_ - 1]; }

  void push_back(const Arg& a);

 private:
  static constexpr std::size_t kInline = 6;
  void copy_inline(const ArgList& o) {
    if (o.kept_.empty() && o.size_ <= kInline) std::uninitialized_copy_n(o.inline_.items, o.size_, inline_.items);
  }
  const Arg* data() const {
    if (!kept_.empty()) return kept_.data();
    return size_ <= kInline ? inline_.items : heap_.data();
  }
  std::span<const Arg> kept_;
  std::size_t size_ = 0;
  /// Room for the first arguments of a rescanned node, left unconstructed:
  /// a list over kept arguments (most of them) never pays to clear it.
  union Inline {
    Inline() {}  // NOLINT(modernize-use-equals-default): leaves `items` unconstructed
    Arg items[kInline];
  } inline_;
  std::vector<Arg> heap_;
};
static_assert(std::is_trivially_copyable_v<Arg> && std::is_trivially_destructible_v<Arg>,
              "ArgList copies and drops its inline arguments as bytes");

class Node {
 public:
  Range range;  ///< whole statement, from name to `;` or `}`

  /// A lean node: nginx's directives and blocks, and Apache's plain directive
  /// lines, whose name is a plain word (`name_length` bytes at range.begin),
  /// whose arguments are read again (NodeUnit::words says how).
  static Node lean(const NodeUnit& unit, NodeKind kind, Range range, std::uint32_t name_length);
  /// A comment: its name is its text without `prefix` opening bytes (`#`,
  /// `<!--`) and `suffix` closing ones (`-->`).
  static Node comment(const NodeUnit& unit, Range range, std::uint32_t prefix, std::uint32_t suffix = 0);
  /// A detailed node: `detail` indexes unit.details.
  static Node detailed(const NodeUnit& unit, NodeKind kind, Range range, std::uint32_t detail);

  static constexpr std::size_t kAllArgs = static_cast<std::size_t>(-1);

  std::string_view name() const {
    if (!detailed_ && kind != NodeKind::comment && unit_) return {unit_->text.data() + range.begin, word_};
    return slow_name();
  }
  ArgList args() const { return args(kAllArgs); }
  /// The first `max` arguments at most: a lean node reads no further (a
  /// flag's value, whether there is a second).
  ArgList args(std::size_t max) const;
  std::span<const Node> children() const { return {children_, child_count_}; }
  std::span<Node> children() { return {children_, child_count_}; }
  void set_children(std::span<Node> c);
  /// For the loader's copy of a file included twice.
  void set_unit(const NodeUnit& unit) { unit_ = &unit; }
  Range name_range() const;
  /// Block: from `{` to past `}`; directive: the `;`.
  Range body_range() const;
  FileId file() const { return unit_ ? unit_->file : kNoFile; }
  std::uint32_t inclusion() const { return unit_ ? unit_->inclusion : 0; }
  const NodeUnit* unit() const { return unit_; }

  bool is_block() const { return kind == NodeKind::block; }
  bool is(std::string_view n) const { return kind != NodeKind::comment && name() == n; }

 private:
  static Node make(const NodeUnit& unit, NodeKind kind, Range range, std::uint32_t word, bool detailed);
  std::string_view slow_name() const;

  const NodeUnit* unit_ = nullptr;
  Node* children_ = nullptr;
  /// Lean: the name's length; comment: prefix | suffix << 16; detailed: the
  /// index into unit_->details.
  std::uint32_t word_ = 0;

 public:
  NodeKind kind : 4 = NodeKind::directive;

 private:
  std::uint32_t child_count_ : 27 = 0;
  std::uint32_t detailed_ : 1 = 0;
};
static_assert(sizeof(Node) == 32, "keep nodes small: big trees hold millions");

/// Sibling lists longer than this are refused as a limit (SL0005).
inline constexpr std::size_t kMaxSiblings = (std::size_t{1} << 27) - 1;

/// How a file entered a tree: the entry itself (parent == self) or an include.
struct Inclusion {
  FileId file = kNoFile;
  std::uint32_t parent = 0;    ///< index of the including file's inclusion
  FileId site_file = kNoFile;  ///< where the include directive is
  Range site;                  ///< the include directive
};

}  // namespace staplint
