// `staplint probe`'s text report (probe.hpp): a line per endpoint and TLS
// version with its verdict, then the facts behind it, indented. Everything
// that came from the network or the command line is escaped for display.
#include "staplint/probe.hpp"
#include "staplint/text.hpp"

namespace staplint {

void write_probe_text(const std::vector<ProbedEndpoint>& endpoints, std::ostream& out) {
  for (const ProbedEndpoint& p : endpoints) {
    for (const LiveResult& r : p.results) {
      out << escape_for_display(p.target.label());
      if (!p.target.sni.empty()) out << " (SNI " << escape_for_display(p.target.sni) << ")";
      if (!p.target.connect.empty()) out << " via " << escape_for_display(p.target.connect);
      if (!p.declared_at.empty()) out << " (" << escape_for_display(p.declared_at) << ")";
      out << ", " << to_string(r.version) << ": " << to_string(r.verdict) << "\n";
      for (const std::string& f : r.facts) out << "  " << escape_for_display(f) << "\n";
      if (p.configured) {
        const Agreement a = compare_configured(*p.configured, r);
        out << "  configured: " << to_string(*p.configured) << "; " << to_string(a.kind);
        if (!a.why.empty()) out << ": " << escape_for_display(a.why);
        out << "\n";
      }
    }
  }
}

}  // namespace staplint
