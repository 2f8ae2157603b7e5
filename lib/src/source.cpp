#include "staplint/source.hpp"

#include <algorithm>

namespace staplint {

SourceFile::SourceFile(std::string display_path, std::string identity, std::string text)
    : path_(std::move(display_path)), identity_(std::move(identity)), text_(std::move(text)) {
  bom_ = text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0;
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

LineCol SourceFile::line_col(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  std::uint32_t start = line_starts_[line - 1];
  if (line == 1 && bom_) start = std::min<std::uint32_t>(3, offset);
  return {line, offset - start + 1};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::size_t begin = line_starts_[line - 1];
  if (line == 1 && bom_) begin = 3;
  std::size_t end = line < line_starts_.size() ? line_starts_[line] - 1 : text_.size();
  if (end > begin && text_[end - 1] == '\r') --end;
  if (end < begin) end = begin;
  return std::string_view(text_).substr(begin, end - begin);
}

FileId SourceManager::add(std::string display_path, std::string identity, std::string text) {
  files_.push_back(std::make_unique<SourceFile>(std::move(display_path), std::move(identity),
                                                std::move(text)));
  return static_cast<FileId>(files_.size() - 1);
}

}  // namespace staplint
