// Source files as bytes, and the mapping from byte offsets to line:column.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>

#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include "staplint/arena.hpp"

namespace staplint {

class NodeUnit;
struct TemplateMask;

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = 0xffffffffu;

/// A half-open byte range [begin, end) in one file.
struct Range {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

/// 1-based line and column. Columns count bytes; a tab is one column. On the
/// first line a UTF-8 byte order mark is not counted.
struct LineCol {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

class SourceFile {
 public:
  SourceFile(std::string display_path, std::string identity, std::string text);
  ~SourceFile();
  SourceFile(const SourceFile&) = delete;
  SourceFile& operator=(const SourceFile&) = delete;

  /// The path as the user gave it (or as an include resolved it).
  const std::string& path() const { return path_; }
  /// A canonical path for identity: include cycles and de-duplication.
  const std::string& identity() const { return identity_; }
  /// What the parsers read: the file's bytes, or a template's mask.
  const std::string& text() const { return text_; }
  /// A template read as configuration (template_mask.hpp): its holes and
  /// regions; nullptr for a plain file.
  const TemplateMask* template_mask() const { return mask_.get(); }
  /// The bytes as written: the template itself for a template (same length
  /// and offsets as text()), else text().
  const std::string& original() const { return mask_ ? original_ : text_; }
  bool has_bom() const { return bom_; }
  /// Whether output may quote this file's text: it lies in what the user
  /// named (the paths, their trees' configuration directories, a checkout).
  /// Findings in other files name the path and position only.
  bool quotable() const { return quotable_; }
  void set_quotable(bool q) const { quotable_ = q; }
  /// Whether the file uses CRLF line ends (it holds one), looked up once.
  bool crlf() const {
    // Rules run concurrently: each thread that finds it unknown finds the same.
    signed char c = crlf_.load(std::memory_order_relaxed);
    if (c < 0) crlf_.store(c = text_.find("\r\n") != std::string::npos ? 1 : 0, std::memory_order_relaxed);
    return c == 1;
  }

  LineCol line_col(std::uint32_t offset) const;
  /// The text of a 1-based line as written (a template's own), without its line end.
  std::string_view line_text(std::uint32_t line) const;
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(lines().size()); }

 private:
  /// Line starts, built on first use (under a lock: rules run concurrently):
  /// most files of a large tree are never shown, so they never pay for the
  /// table.
  const std::vector<std::uint32_t>& lines() const;

  std::string path_;
  std::string identity_;
  std::string text_;
  std::string original_;
  std::unique_ptr<TemplateMask> mask_;
  friend class SourceManager;
  bool bom_ = false;
  mutable std::vector<std::uint32_t> line_starts_;
  mutable std::atomic<bool> lines_ready_{false};
  mutable std::atomic<signed char> crlf_{-1};
  mutable bool quotable_ = true;
};

/// Owns every file read during a run; FileId indexes into it.
class SourceManager {
 public:
  SourceManager();
  ~SourceManager();
  SourceManager(const SourceManager&) = delete;
  SourceManager& operator=(const SourceManager&) = delete;
  FileId add(std::string display_path, std::string identity, std::string text);
  /// A template: the parsers read `mask.text`; output shows `original`.
  FileId add_template(std::string display_path, std::string identity, std::string original, TemplateMask mask);
  const SourceFile& file(FileId id) const { return *files_.at(id); }
  /// A template's mask, while its file is parsed (template_vars.hpp moves
  /// the holes no node takes whole back to its holes); nullptr for a plain file.
  TemplateMask* template_mask_to_update(FileId id) { return files_.at(id)->mask_.get(); }
  std::size_t size() const { return files_.size(); }
  /// Keeps a string for the life of the manager (unescaped words).
  std::string_view keep(std::string s) { return kept_.emplace_back(std::move(s)); }
  /// Where syntax nodes of every file live.
  Arena& arena() { return arena_; }
  /// A new unit for the nodes of `file` (ast.hpp): one per parse, and one more
  /// each time an include brings the same file in again.
  NodeUnit& new_unit(FileId file);
  NodeUnit& copy_unit(const NodeUnit& unit);
  /// The manager owns every unit: this is the writable one behind `unit`.
  NodeUnit& own(const NodeUnit& unit) { return const_cast<NodeUnit&>(unit); }
  /// How many units there are; the units made since `since`, for a parse
  /// done apart (ConfigLoader's parallel reads).
  std::size_t unit_count() const { return units_.size(); }
  std::vector<NodeUnit*> units_since(std::size_t since) const;

  // Files parsed on another thread, into a manager of their own, join this
  // one in the order a one-thread run would have added them, so that every
  // FileId (and so every output) is the same whatever the thread count.
  /// Keeps `other` (its arena, units and kept strings) alive as long as this
  /// manager; its files are taken one by one with take_file().
  SourceManager& keep_alive(std::unique_ptr<SourceManager> other);
  /// Moves file `id` of `from` (kept alive here) to the end of this manager,
  /// and points its units there. Returns its new id.
  FileId take_file(SourceManager& from, FileId id, const std::vector<NodeUnit*>& units);

  /// Bytes of file text held, for -vv statistics.
  std::size_t text_bytes() const {
    std::size_t n = 0;
    for (const auto& f : files_) n += f ? f->text().size() : 0;
    return n;
  }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
  std::deque<std::string> kept_;
  std::vector<std::unique_ptr<NodeUnit>> units_;
  Arena arena_;
  std::vector<std::unique_ptr<SourceManager>> kept_alive_;
};

}  // namespace staplint
