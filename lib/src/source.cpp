#include "staplint/source.hpp"

#include "staplint/ast.hpp"

#include <cstring>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <new>

#include <sys/mman.h>

#include "staplint/arena.hpp"
#include "staplint/template_mask.hpp"

namespace staplint {

SourceFile::SourceFile(std::string display_path, std::string identity, std::string text)
    : path_(std::move(display_path)), identity_(std::move(identity)), text_(std::move(text)) {
  bom_ = text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0;
}

SourceFile::~SourceFile() = default;

const std::vector<std::uint32_t>& SourceFile::lines() const {
  if (lines_ready_.load(std::memory_order_acquire)) return line_starts_;
  static std::mutex building;
  const std::lock_guard lock(building);
  if (!lines_ready_.load(std::memory_order_relaxed)) {
    // Gathered in a reused buffer, then kept at their exact size: one
    // allocation per file, not one per doubling.
    static std::vector<std::uint32_t> scratch;  // under `building`
    scratch.clear();
    scratch.push_back(0);
    const char* const begin = text_.data();
    const char* const end = begin + text_.size();
    for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', end - p)));) {
      ++p;
      scratch.push_back(static_cast<std::uint32_t>(p - begin));
    }
    line_starts_.assign(scratch.begin(), scratch.end());
    lines_ready_.store(true, std::memory_order_release);
  }
  return line_starts_;
}

LineCol SourceFile::line_col(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  const auto& starts = lines();
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - starts.begin());
  std::uint32_t start = starts[line - 1];
  if (line == 1 && bom_) start = std::min<std::uint32_t>(3, offset);
  return {line, offset - start + 1};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  const auto& starts = lines();
  if (line == 0 || line > starts.size()) return {};
  std::size_t begin = starts[line - 1];
  if (line == 1 && bom_) begin = 3;
  const std::string& text = original();
  std::size_t end = line < starts.size() ? starts[line] - 1 : text.size();
  if (end > begin && text[end - 1] == '\r') --end;
  if (end < begin) end = begin;
  return std::string_view(text).substr(begin, end - begin);
}

SourceManager::SourceManager() = default;
SourceManager::~SourceManager() = default;

NodeUnit& SourceManager::new_unit(FileId file) {
  auto& u = *units_.emplace_back(std::make_unique<NodeUnit>());
  u.file = file;
  u.text = files_.at(file)->text();
  u.original = files_.at(file)->original();
  return u;
}

NodeUnit& SourceManager::copy_unit(const NodeUnit& unit) {
  auto& u = *units_.emplace_back(std::make_unique<NodeUnit>());
  u.file = unit.file;
  u.inclusion = unit.inclusion;
  u.text = unit.text;
  u.original = unit.original;
  u.details = unit.details;
  u.words = unit.words;
  return u;
}

std::vector<NodeUnit*> SourceManager::units_since(std::size_t since) const {
  std::vector<NodeUnit*> out;
  for (std::size_t i = since; i < units_.size(); ++i) out.push_back(units_[i].get());
  return out;
}

SourceManager& SourceManager::keep_alive(std::unique_ptr<SourceManager> other) {
  return *kept_alive_.emplace_back(std::move(other));
}

FileId SourceManager::take_file(SourceManager& from, FileId id, const std::vector<NodeUnit*>& units) {
  files_.push_back(std::move(from.files_.at(id)));
  const auto taken = static_cast<FileId>(files_.size() - 1);
  for (NodeUnit* u : units) u->file = taken;
  return taken;
}

FileId SourceManager::add_template(std::string display_path, std::string identity, std::string original,
                                   TemplateMask mask) {
  std::string text = std::move(mask.text);
  const FileId id = add(std::move(display_path), std::move(identity), std::move(text));
  SourceFile& f = *files_.back();
  f.original_ = std::move(original);
  f.mask_ = std::make_unique<TemplateMask>(std::move(mask));
  return id;
}

FileId SourceManager::add(std::string display_path, std::string identity, std::string text) {
  files_.push_back(std::make_unique<SourceFile>(std::move(display_path), std::move(identity), std::move(text)));
  return static_cast<FileId>(files_.size() - 1);
}

}  // namespace staplint

namespace staplint {

namespace {
constexpr std::size_t kBlock = 2u << 20;

/// A 2 MiB-aligned anonymous mapping, marked for huge pages. Aligning takes
/// address arithmetic. NOLINTBEGIN(performance-no-int-to-ptr)
void* map_block(std::size_t size) {
  void* raw = ::mmap(nullptr, size + kBlock, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto addr = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t aligned = (addr + kBlock - 1) & ~(kBlock - 1);
  if (aligned > addr) ::munmap(raw, aligned - addr);
  const std::uintptr_t end = addr + size + kBlock;
  if (end > aligned + size) ::munmap(reinterpret_cast<void*>(aligned + size), end - aligned - size);
  ::madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);
  return reinterpret_cast<void*>(aligned);
}
// NOLINTEND(performance-no-int-to-ptr)
}  // namespace

Arena::~Arena() {
  for (const Block& b : blocks_) ::munmap(b.base, b.size);
}

void* Arena::allocate(std::size_t bytes, std::size_t align) {
  auto misalign = reinterpret_cast<std::uintptr_t>(next_) % align;
  std::size_t pad = misalign ? align - misalign : 0;
  if (!next_ || pad + bytes > left_) {
    const std::size_t size = (bytes + align + kBlock - 1) / kBlock * kBlock;
    blocks_.push_back({map_block(size), size});
    reserved_ += size;
    next_ = static_cast<std::byte*>(blocks_.back().base);
    left_ = size;
    misalign = reinterpret_cast<std::uintptr_t>(next_) % align;
    pad = misalign ? align - misalign : 0;
  }
  void* p = next_ + pad;
  next_ += pad + bytes;
  left_ -= pad + bytes;
  return p;
}

}  // namespace staplint
