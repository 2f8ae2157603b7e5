// Every predicate, declared in one place; registered in ../predicates.cpp.
#pragma once

#include "staplint/engine.hpp"

namespace staplint::checks {

void input_include_cycle(const CheckContext&, Reporter&);
void input_include_not_found(const CheckContext&, Reporter&);
void input_limit_exceeded(const CheckContext&, Reporter&);
void input_syntax_error(const CheckContext&, Reporter&);
void input_unreadable(const CheckContext&, Reporter&);

void nginx_stapling_disabled(const CheckContext&, Reporter&);
void nginx_stapling_no_resolver(const CheckContext&, Reporter&);
void nginx_stapling_unverified(const CheckContext&, Reporter&);
void nginx_stapling_verify_no_trusted_chain(const CheckContext&, Reporter&);

}  // namespace staplint::checks
