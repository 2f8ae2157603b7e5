// Which AWS format a file is in, and the dispatch to its lowering.
#include "staplint/aws_parse.hpp"

#include <string>

namespace staplint {

namespace {
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// Whether `key` appears as a mapping key: (quoted or not) and followed by
/// `:` after blanks.
bool has_key(std::string_view text, std::string_view key, std::size_t limit = std::string_view::npos) {
  const std::string_view t = text.substr(0, std::min(limit, text.size()));
  for (std::size_t at = t.find(key); at != std::string_view::npos; at = t.find(key, at + 1)) {
    std::size_t i = at + key.size();
    if (at > 0 && (t[at - 1] == '"' || t[at - 1] == '\'')) {
      if (i >= t.size() || t[i] != t[at - 1]) continue;
      ++i;
    } else if (at > 0 && t[at - 1] != ' ' && t[at - 1] != '\n' && t[at - 1] != '\t' && t[at - 1] != '{') {
      continue;
    }
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
    if (i < t.size() && t[i] == ':') return true;
  }
  return false;
}

/// A `Type` key whose value starts with `AWS::`.
bool has_aws_type(std::string_view t) {
  for (std::size_t at = t.find("Type"); at != std::string_view::npos; at = t.find("Type", at + 1)) {
    std::size_t i = at + 4;
    if (i < t.size() && (t[i] == '"' || t[i] == '\'')) ++i;
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
    if (i >= t.size() || t[i] != ':') continue;
    ++i;
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '"' || t[i] == '\'')) ++i;
    if (t.substr(i, 5) == "AWS::") return true;
  }
  return false;
}
}  // namespace

bool looks_like_cloudformation(std::string_view text) {
  if (has_key(text, "AWSTemplateFormatVersion")) return true;
  return has_key(text, "Resources") && has_aws_type(text);
}

std::optional<AwsFormat> aws_format(std::string_view path, std::string_view text) {
  const std::size_t slash = path.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (ends_with(base, ".tf.json")) return AwsFormat::terraform_json;
  if (ends_with(base, ".tf")) return AwsFormat::terraform;
  // (`.template` is not among them: that name says a template engine's
  // file to staplint, template_mask.hpp.)
  const bool data = ends_with(base, ".yaml") || ends_with(base, ".yml") || ends_with(base, ".json");
  if (data && looks_like_cloudformation(text)) return AwsFormat::cloudformation;
  return std::nullopt;
}

ParseResult parse_aws_text(FileId file, SourceManager& sources, unsigned max_nesting) {
  const SourceFile& f = sources.file(file);
  const std::optional<AwsFormat> format = aws_format(f.path(), f.text());
  if (format == AwsFormat::terraform) return parse_hcl_text(file, sources, max_nesting);
  return parse_yaml_tree_text(file, sources, max_nesting,
                              format == AwsFormat::terraform_json ? "Terraform JSON" : "CloudFormation template");
}

}  // namespace staplint
