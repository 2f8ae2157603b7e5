// AWS infrastructure as code into the common AST: CloudFormation templates
// (YAML with the short-form tags, or JSON; CDK's synthesized templates are
// JSON) and Terraform (*.tf in HCL2's native syntax, *.tf.json).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "staplint/config_tree.hpp"

namespace staplint {

enum class AwsFormat : std::uint8_t { cloudformation, terraform, terraform_json };

/// What a file is by its name: `*.tf` and `*.tf.json` are Terraform; a
/// `.yaml`, `.yml` or `.json` file is CloudFormation when its
/// text says so (looks_like_cloudformation). nullopt: not AWS's.
std::optional<AwsFormat> aws_format(std::string_view path, std::string_view text);

/// A YAML or JSON text with a top-level `AWSTemplateFormatVersion`, or a
/// top-level `Resources` map whose entries name `AWS::` types. Read from the
/// text's top-level keys without parsing it.
bool looks_like_cloudformation(std::string_view text);

/// Lowers a Terraform file in HCL2's native syntax. A block is a block
/// named by its type, its labels its arguments (unquoted); an attribute is
/// NodeKind::attribute whose one argument is its expression: for a quoted
/// literal without interpolation its value (Quote::double_), else the
/// expression as written (Quote::none). Comments stay comments.
ParseResult parse_hcl_text(FileId file, SourceManager& sources, unsigned max_nesting);

/// Lowers a YAML or JSON document (a CloudFormation template, a Terraform
/// JSON file): a mapping entry whose value is a scalar is NodeKind::attribute
/// named by its key with the scalar as its one argument (none for null); one
/// whose value is a mapping or a sequence is a block; a sequence's items are
/// named `-`. A tagged value (`!Ref X`, `!GetAtt A.B`, `!If [...]`) is a
/// block with one child named as the tag's long form (`Ref`, `Fn::GetAtt`,
/// `Fn::If`, `Condition`), so that the short and the long forms lower
/// alike. An alias is an attribute whose argument is `*name` as written
/// (never expanded). YAML
/// comments on lines of their own are comment nodes. `what` names the file's
/// kind in messages.
ParseResult parse_yaml_tree_text(FileId file, SourceManager& sources, unsigned max_nesting, std::string_view what);

/// Dispatches on aws_format(); a file of no AWS format is lowered as
/// CloudFormation.
ParseResult parse_aws_text(FileId file, SourceManager& sources, unsigned max_nesting);

}  // namespace staplint
