// The XML AST needs no Fusion adaptation: the rules carry no attributes and
// build the flat tree through parse_state (see xml_def.hpp). The file stays so
// that every grammar has the same layout.
#pragma once

#include "ast.hpp"
