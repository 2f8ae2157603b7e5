// The shell AST needs no Fusion adaptation: entries are filled by semantic
// actions (see shell_def.hpp). The file stays so that every grammar has the
// same layout.
#pragma once

#include "ast.hpp"
