// `staplint probe`'s JSON report (probe.hpp), versioned from its first
// release: {"version": 1, "tool": "staplint", "probes": [...], "findings":
// [...]}, one probe object per endpoint and TLS version, and the live rules'
// findings in the shape of the lint report's.
#include "format/json_text.hpp"
#include "staplint/probe.hpp"

namespace staplint {

void write_probe_json(const std::vector<ProbedEndpoint>& endpoints, const std::vector<Finding>& findings,
                      const SourceManager& sources, std::ostream& out) {
  std::string j = "{\"version\":1,\"tool\":\"staplint\",\"probes\":[";
  bool first = true;
  auto field = [&](std::string_view name, std::string_view value) {
    j += ",\"";
    j += name;
    j += "\":";
    append_quoted(j, value);
  };
  for (const ProbedEndpoint& p : endpoints) {
    for (const LiveResult& r : p.results) {
      if (!first) j += ",";
      first = false;
      j += "{\"target\":";
      append_quoted(j, p.target.label());
      field("sni", p.target.sni);
      field("connect", p.target.connect);
      field("declared_at", p.declared_at);
      field("tls", to_string(r.version));
      field("verdict", to_string(r.verdict));
      j += ",\"handshakes\":" + std::to_string(r.handshakes) + ",\"stapled_at\":" + std::to_string(r.stapled_at);
      field("protocol", r.protocol);
      j += ",\"chain_has_issuer\":";
      j += r.chain_has_issuer ? "true" : "false";
      j += ",\"must_staple\":";
      j += r.leaf && r.leaf->must_staple ? "true" : "false";
      if (p.configured) {
        const Agreement a = compare_configured(*p.configured, r);
        field("configured", to_string(*p.configured));
        field("agreement", to_string(a.kind));
        field("agreement_why", a.why);
      }
      j += ",\"facts\":[";
      for (std::size_t i = 0; i < r.facts.size(); ++i) {
        if (i) j += ",";
        append_quoted(j, r.facts[i]);
      }
      j += "]}";
    }
  }
  j += "],\n\"findings\": ";
  out << j;
  write_findings_json(sources, findings, out);
  out << "}\n";
}

}  // namespace staplint
