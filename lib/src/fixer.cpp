#include "staplint/fixer.hpp"

#include <algorithm>
#include <tuple>

namespace staplint {

std::string apply_edits(const std::string& text, std::vector<TextEdit> edits, std::size_t* skipped) {
  std::stable_sort(edits.begin(), edits.end(), [](const TextEdit& a, const TextEdit& b) {
    return std::tie(a.offset, a.length) < std::tie(b.offset, b.length);
  });
  std::string out;
  out.reserve(text.size() + 256);
  std::uint32_t pos = 0;
  const TextEdit* prev = nullptr;
  std::size_t skip = 0;
  for (const TextEdit& e : edits) {
    if (prev && prev->offset == e.offset && prev->length == e.length && prev->text == e.text) {
      continue;  // the same edit offered by several findings
    }
    if (e.offset < pos || e.offset + e.length > text.size()) {
      ++skip;
      continue;
    }
    out.append(text, pos, e.offset - pos);
    out += e.text;
    pos = e.offset + e.length;
    prev = &e;
  }
  out.append(text, pos, std::string::npos);
  if (skipped) *skipped = skip;
  return out;
}

std::map<FileId, std::vector<TextEdit>> collect_first_fixes(const std::vector<Finding>& findings) {
  std::map<FileId, std::vector<TextEdit>> by_file;
  for (const Finding& f : findings) {
    if (f.fixes.empty()) continue;
    for (const TextEdit& e : f.fixes.front().edits) by_file[e.file].push_back(e);
  }
  return by_file;
}

}  // namespace staplint
