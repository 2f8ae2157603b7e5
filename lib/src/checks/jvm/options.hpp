// The JVM: where a finding about a -D option points, and how it says that
// the option reaches the JVM only on some runs (SL1101, SL1103, SL1106).
#pragma once

#include "staplint/engine.hpp"
#include "staplint/jvm_parse.hpp"

namespace staplint::checks::jvm {

/// Where a -D option is reported: its name if it was written in one piece.
inline Range option_range(const JvmOption& o) { return o.name_range.end > o.name_range.begin ? o.name_range : o.range; }

inline void mark_uncertain(Finding& f, const JvmOption& o) {
  if (o.certain) return;
  f.conditional = true;
  f.notes.push_back({o.file, o.range,
                     "it is set inside an 'if', 'case', loop or function, so it "
                     "reaches the JVM only on some runs"});
}

}  // namespace staplint::checks::jvm
