// Versioned machine output. Version 1 fields are a contract: add, never rename.
#include <fmt/format.h>

#include "json_text.hpp"
#include "staplint/format.hpp"
#include "staplint/text.hpp"

namespace staplint {
namespace {

/// `[{"path": ..., "line": ..., "column": ...[, "message": ...]}, ...]`
void write_locations(std::ostream& out, const SourceManager& sm, const std::vector<Note>& notes,
                     bool with_message) {
  out << "[";
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const SourceFile& ns = sm.file(notes[i].file);
    const LineCol nl = ns.line_col(notes[i].range.begin);
    out << (i ? ", " : "")
        << fmt::format("{{\"path\": {}, \"line\": {}, \"column\": {}", quote(ns.path()), nl.line,
                       nl.column);
    if (with_message) out << ", \"message\": " << quote(notes[i].message);
    out << "}";
  }
  out << "]";
}

class JsonFormatter final : public Formatter {
 public:
  /// One finding's fields, its fixes last; the caller closes the fixes' list
  /// and the object (`]}`), after adding any fields of its own.
  /// A path that is not UTF-8 is shown with U+FFFD in "path"; its bytes are
  /// kept, as hex, in "path_bytes" (JSON strings cannot hold them).
  static std::string path_bytes(const std::string& path) {
    if (to_valid_utf8(path) == path) return {};
    std::string hex;
    for (const char c : path) hex += fmt::format("{:02x}", static_cast<unsigned char>(c));
    return ", \"path_bytes\": \"" + hex + "\"";
  }

  static void write_finding(std::ostream& out, const SourceManager& sm, const Finding& f) {
    const SourceFile& src = sm.file(f.file);
    const LineCol b = src.line_col(f.range.begin);
    const LineCol e = src.line_col(f.range.end);
    out << fmt::format(
        "{{\"rule\": {}, \"name\": {}, \"severity\": {}, \"path\": {}, \"line\": {}, "
        "\"column\": {}, \"end_line\": {}, \"end_column\": {}, \"offset\": {}, \"length\": {}, "
        "\"message\": {}, \"conditional\": {}",
        quote(f.rule_id), quote(f.rule_name), quote(to_string(f.severity)), quote(src.path()),
        b.line, b.column, e.line, e.column, f.range.begin, f.range.end - f.range.begin,
        quote(f.message), f.conditional ? "true" : "false");
    out << path_bytes(src.path());
    out << ", \"notes\": ";
    write_locations(out, sm, f.notes, true);
    out << ", \"included_from\": ";
    write_locations(out, sm, f.included_from, false);
    out << ", \"fixes\": [";
    for (std::size_t i = 0; i < f.fixes.size(); ++i) {
      out << (i ? ", " : "") << "{\"description\": " << quote(f.fixes[i].description)
          << ", \"safe\": " << (f.fixes[i].safe ? "true" : "false") << ", \"edits\": [";
      for (std::size_t j = 0; j < f.fixes[i].edits.size(); ++j) {
        const TextEdit& ed = f.fixes[i].edits[j];
        const std::string& edit_path = ed.create.empty() ? sm.file(ed.file).path() : ed.create;
        out << (j ? ", " : "")
            << fmt::format("{{\"path\": {}, \"offset\": {}, \"length\": {}, \"text\": {}, "
                           "\"create\": {}}}",
                           quote(edit_path), ed.offset, ed.length, quote(ed.text),
                           ed.create.empty() ? "false" : "true");
      }
      out << "]}";
    }
  }

  void write(const Report& report, std::ostream& out) override {
    const SourceManager& sm = report.sources;
    out << "{\"version\": 2,\n \"findings\": [";
    bool first = true;
    for (const Finding& f : report.result.findings) {
      out << (first ? "\n  " : ",\n  ");
      first = false;
      write_finding(out, sm, f);
      out << "]}";
    }
    out << (first ? "],\n" : "\n ],\n") << " \"suppressed\": [";
    first = true;
    for (const SuppressedFinding& sf : report.result.suppressed) {
      out << (first ? "\n  " : ",\n  ");
      first = false;
      write_finding(out, sm, sf.finding);
      out << "], \"reason\": " << quote(sf.reason) << "}";
    }
    out << (first ? "],\n" : "\n ],\n") << " \"baselined\": " << report.result.baselined << ",\n \"endpoints\": [";
    first = true;
    for (const EndpointReport& ep : report.result.endpoints) {
      const SourceFile& src = sm.file(ep.file);
      out << (first ? "\n  " : ",\n  ")
          << fmt::format("{{\"dialect\": {}, \"path\": {}, \"line\": {}, \"name\": {}, "
                         "\"stapling\": {}, \"certificates\": [",
                         quote(to_string(ep.dialect)), quote(src.path()),
                         src.line_col(ep.range.begin).line, quote(ep.name), quote(ep.stapling));
      for (std::size_t i = 0; i < ep.certificates.size(); ++i) {
        const EndpointCertificate& c = ep.certificates[i];
        auto list = [&](const std::vector<std::string>& v) {
          std::string o = "[";
          for (std::size_t k = 0; k < v.size(); ++k) o += (k ? ", " : "") + quote(v[k]);
          return o + "]";
        };
        out << (i ? ", " : "")
            << fmt::format("{{\"path\": {}, \"subject\": {}, \"issuer\": {}, \"serial\": {}, "
                           "\"not_after\": {}, \"ocsp_urls\": {}, \"crl_urls\": {}, \"must_staple\": {}, "
                           "\"issuer_found\": {}}}",
                           quote(c.path), quote(c.subject), quote(c.issuer), quote(c.serial),
                           quote(format_timestamp(c.not_after)), list(c.ocsp_urls), list(c.crl_urls),
                           c.must_staple ? "true" : "false",
                           !c.issuer_found ? "null" : *c.issuer_found ? "true" : "false");
      }
      out << "]}";
      first = false;
    }
    out << (first ? "],\n" : "\n ],\n") << " \"files\": [";
    first = true;
    for (std::size_t i = 0; i < report.result.files.size(); ++i) {
      const Dialect d = i < report.result.file_dialects.size() ? report.result.file_dialects[i]
                                                                : Dialect::nginx;
      out << (first ? "\n  " : ",\n  ")
          << fmt::format("{{\"path\": {}, \"dialect\": {}{}}}",
                         quote(sm.file(report.result.files[i]).path()), quote(to_string(d)),
                         path_bytes(sm.file(report.result.files[i]).path()));
      first = false;
    }
    out << (first ? "]}\n" : "\n ]}\n");
  }
};

}  // namespace

std::unique_ptr<Formatter> make_json_formatter() { return std::make_unique<JsonFormatter>(); }
}  // namespace staplint
