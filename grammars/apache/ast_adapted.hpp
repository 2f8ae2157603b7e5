// The Apache raw AST needs no Fusion adaptation: words are filled by
// annotation and lines by semantic actions (see apache_def.hpp). The file stays
// so that every grammar has the same layout.
#pragma once

#include "ast.hpp"
