// The systemd AST needs no Fusion adaptation: entries are filled by semantic
// actions (see systemd_def.hpp). The file stays so that every grammar has the
// same layout.
#pragma once

#include "ast.hpp"
