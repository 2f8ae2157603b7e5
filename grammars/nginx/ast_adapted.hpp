// Fusion adaptation of the nginx raw AST. There is none: the grammar's rules
// carry no attributes and build the flat tree through parse_state (see
// nginx_def.hpp), so no struct needs to look like a Fusion sequence. The file
// stays so that each grammar has the same parts.
#pragma once

#include "ast.hpp"
