// Node accessors: lean nodes read their name and arguments from the text.
#include "staplint/ast.hpp"

#include <cassert>
#include <memory>
#include <mutex>

#include "blank_words.hpp"
#include "nginx_parser.hpp"
#include "nginx_words.hpp"

namespace staplint {

bool Arg::has_variable() const {
  for (std::size_t i = 0; i + 1 < value.size(); ++i) {
    if (value[i] != '$') continue;
    const char c = value[i + 1];
    if (c == '{' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
  }
  return false;
}

// `s` is taken by value and moved into the map. NOLINTNEXTLINE(performance-unnecessary-value-param)
std::string_view NodeUnit::keep(std::uint32_t offset, std::string s) const {
  // Rules run concurrently, and read the same lean nodes' words. (The map is
  // node-based: a kept word does not move when others are added.)
  static std::mutex keeping;
  const std::lock_guard lock(keeping);
  if (!kept_) kept_ = std::make_unique<std::unordered_map<std::uint32_t, std::string>>();
  auto [it, fresh] = kept_->try_emplace(offset, std::move(s));
  return it->second;
}

void ArgList::push_back(const Arg& a) {
  assert(kept_.empty());
  if (size_ < kInline) {
    std::construct_at(&inline_.items[size_++], a);
    return;
  }
  if (size_ == kInline) heap_.assign(inline_.items, inline_.items + kInline);
  heap_.push_back(a);
  ++size_;
}

Node Node::make(const NodeUnit& unit, NodeKind kind, Range range, std::uint32_t word, bool detailed) {
  Node n;
  n.unit_ = &unit;
  n.kind = kind;
  n.range = range;
  n.word_ = word;
  n.detailed_ = detailed ? 1 : 0;
  return n;
}

Node Node::lean(const NodeUnit& unit, NodeKind kind, Range range, std::uint32_t name_length) {
  return make(unit, kind, range, name_length, false);
}

Node Node::comment(const NodeUnit& unit, Range range, std::uint32_t prefix, std::uint32_t suffix) {
  return make(unit, NodeKind::comment, range, prefix | (suffix << 16), false);
}

Node Node::detailed(const NodeUnit& unit, NodeKind kind, Range range, std::uint32_t detail) {
  return make(unit, kind, range, detail, true);
}

void Node::set_children(std::span<Node> c) {
  assert(c.size() <= kMaxSiblings);
  children_ = c.data();
  child_count_ = static_cast<std::uint32_t>(c.size());
}

std::string_view Node::slow_name() const {
  if (unit_ == nullptr) return {};
  if (detailed_) return unit_->details[word_].name;
  const std::uint32_t prefix = word_ & 0xffff, suffix = word_ >> 16;
  return unit_->text.substr(range.begin + prefix, range.end - range.begin - prefix - suffix);
}

Range Node::name_range() const {
  if (unit_ == nullptr) return range;
  if (detailed_) return unit_->details[word_].name_range;
  if (kind == NodeKind::comment) return range;
  return {range.begin, range.begin + word_};
}

namespace {
struct Rescan {
  const NodeUnit* unit;
  ArgList* out;
  std::size_t max;
};
}  // namespace

ArgList Node::args(std::size_t max) const {
  if (detailed_) {
    const std::span<const Arg> kept = unit_->details[word_].args;
    return ArgList(kept.first(std::min(max, kept.size())));
  }
  ArgList list;
  if (kind == NodeKind::comment || unit_ == nullptr || max == 0) return list;
  if (unit_->words == NodeUnit::Words::blank_separated) {
    const std::string_view text = unit_->text;
    for_each_blank_word(text, range.begin + word_, range.end, [&](std::uint32_t b, std::uint32_t e) {
      if (list.size() == max) return;
      Arg a;
      a.value = text.substr(b, e - b);
      a.range = {b, e};
      list.push_back(a);
    });
    return list;
  }
  if (unit_->words == NodeUnit::Words::xml_attribute) {
    // name = "value": the range ends past the closing quote (xml_lower.cpp).
    const std::string_view text = unit_->text;
    const char q = text[range.end - 1];
    const std::size_t open = text.find(q, range.begin + word_);
    Arg a;
    a.range = {static_cast<std::uint32_t>(open + 1), range.end - 1};
    a.value = text.substr(a.range.begin, a.range.end - a.range.begin);
    a.quote = q == '"' ? Quote::double_ : Quote::single;
    list.push_back(a);
    return list;
  }
  Rescan r{unit_, &list, max};
  grammar::nginx::rescan_words(
      unit_->text, range.begin + word_,
      [](void* ctx, std::uint32_t b, std::uint32_t e) {
        auto* r = static_cast<Rescan*>(ctx);
        r->out->push_back(nginx_word(*r->unit, b, e));
        return r->out->size() < r->max;
      },
      &r);
  return list;
}

Range Node::body_range() const {
  if (detailed_) return unit_->details[word_].body_range;
  if (kind == NodeKind::comment || unit_ == nullptr) return {range.end, range.end};
  if (unit_->words != NodeUnit::Words::nginx) return {range.end, range.end};
  if (kind == NodeKind::directive || kind == NodeKind::include) return {range.end - 1, range.end};
  const std::uint32_t at = grammar::nginx::rescan_words(
      unit_->text, range.begin + word_, [](void*, std::uint32_t, std::uint32_t) { return true; }, nullptr);
  return {at, range.end};
}

}  // namespace staplint
