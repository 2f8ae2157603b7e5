// The batch AST needs no Fusion adaptation: entries are filled by semantic
// actions (see batch_def.hpp). The file stays so that every grammar has the
// same layout.
#pragma once

#include "ast.hpp"
