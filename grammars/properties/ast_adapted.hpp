// The properties AST needs no Fusion adaptation: entries are filled by
// semantic actions (see properties_def.hpp). The file stays so that every
// grammar has the same layout.
#pragma once

#include "ast.hpp"
