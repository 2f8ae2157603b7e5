// Fusion adaptation of the nginx raw AST; kept apart so ast.hpp stays free of Boost.
#pragma once

#include <boost/fusion/include/adapt_struct.hpp>

#include "ast.hpp"

BOOST_FUSION_ADAPT_STRUCT(staplint::grammar::nginx::ast::statement, words, tail)
