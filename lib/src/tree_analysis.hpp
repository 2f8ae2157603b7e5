// Per-tree analysis (tree_analysis.cpp): what lint() does with each tree it
// finds.
#pragma once

#include <functional>

#include "staplint/lint.hpp"
#include "tree_certificates.hpp"

namespace staplint {

/// What analysing a tree reads, shared by every tree of a run.
struct TreeAnalysisInputs {
  SourceManager& sources;
  const RuleCatalog& catalog;
  const LintRequest& request;
  const CertificateStore& certificates;         ///< the certificate files trees name, each read once
  EndpointCertificates& endpoint_certificates;  ///< what endpoints serve, shared across trees
  UnixTime now;
};

/// Builds the tree's models, runs the rules of its dialect, and adds to
/// `result` the findings (after the run's policy, the tree's suppressions and
/// its adoption or guessed dialect) and the TLS endpoints with their verdicts
/// (`fatal` for every one when a finding says the server refuses the
/// configuration). Only findings and endpoints in files `reported` accepts
/// are kept; the refusal counts all of them.
void analyze_tree(ConfigTree tree, const TreeAnalysisInputs& in, const std::function<bool(FileId)>& reported,
                  LintResult& result);

}  // namespace staplint
