// The live rules (SL5xxx, dialect `live`): what `staplint probe` found at an
// endpoint, as findings every formatter writes. Their checks live in
// lib/src/checks/live/, one file per rule, and read the endpoint's verdicts
// (probe.hpp); they never connect anywhere.
#pragma once

#include <vector>

#include "staplint/engine.hpp"
#include "staplint/lint.hpp"
#include "staplint/probe.hpp"

namespace staplint {

/// What a live check sees: one endpoint, with its verdict per TLS version
/// probed, where its findings go, and (`--against`) its static verdict.
struct LiveContext {
  const ProbedEndpoint& endpoint;
};

/// Runs every live rule `policy` lets run on each endpoint that has a file,
/// with `policy`'s severities. The findings come in the endpoints' order,
/// each endpoint's in the catalog's.
std::vector<Finding> run_live_rules(const RuleCatalog& catalog, const std::vector<ProbedEndpoint>& endpoints,
                                    const RulePolicy& policy);

}  // namespace staplint
