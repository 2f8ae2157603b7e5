// Versioned machine output. Version 1 fields are a contract: add, never rename.
//
// The document is built in one buffer, handed to the stream in large pieces:
// a tree of 20,000 servers makes a report of tens of megabytes, and most of
// its strings (paths, the certificates thousands of servers share) repeat.
#include <fmt/format.h>

#include <iterator>
#include <ostream>
#include <unordered_map>

#include "json_text.hpp"
#include "staplint/format.hpp"
#include "staplint/text.hpp"

namespace staplint {
namespace {

class JsonWriter {
 public:
  JsonWriter(const SourceManager& sm, std::ostream& out) : sm_(sm), out_(out) { buf_.reserve(kFlushAt + 4096); }
  ~JsonWriter() { flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& raw(std::string_view s) {
    buf_.append(s);
    return *this;
  }
  JsonWriter& str(std::string_view s) {
    append_quoted(buf_, s);
    return *this;
  }
  JsonWriter& num(std::uint64_t n) {
    fmt::format_to(std::back_inserter(buf_), "{}", n);
    return *this;
  }
  JsonWriter& boolean(bool b) { return raw(b ? "true" : "false"); }
  /// A file's path, quoted once per file.
  JsonWriter& path(FileId id) { return raw(path_texts(id).quoted); }
  /// `, "path_bytes": "HEX"` for a path that is not UTF-8 (shown with U+FFFD
  /// in "path"; JSON strings cannot hold its bytes); nothing otherwise.
  JsonWriter& path_bytes(FileId id) { return raw(path_texts(id).bytes); }
  /// Between items: a full buffer goes to the stream.
  void item_done() {
    if (buf_.size() >= kFlushAt) flush();
  }
  void flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

 private:
  static constexpr std::size_t kFlushAt = 1 << 16;
  struct PathTexts {
    std::string quoted, bytes;
  };
  const PathTexts& path_texts(FileId id) {
    auto it = paths_.find(id);
    if (it != paths_.end()) return it->second;
    const std::string& path = sm_.file(id).path();
    PathTexts t{quote(path), {}};
    if (to_valid_utf8(path) != path) {
      t.bytes = ", \"path_bytes\": \"";
      for (const char c : path) fmt::format_to(std::back_inserter(t.bytes), "{:02x}", static_cast<unsigned char>(c));
      t.bytes += '"';
    }
    return paths_.emplace(id, std::move(t)).first->second;
  }
  const SourceManager& sm_;
  std::ostream& out_;
  std::string buf_;
  std::unordered_map<FileId, PathTexts> paths_;
};

/// `[{"path": ..., "line": ..., "column": ...[, "message": ...]}, ...]`
void write_locations(JsonWriter& w, const SourceManager& sm, const std::vector<Note>& notes, bool with_message) {
  w.raw("[");
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const LineCol nl = sm.file(notes[i].file).line_col(notes[i].range.begin);
    w.raw(i ? ", {\"path\": " : "{\"path\": ").path(notes[i].file);
    w.raw(", \"line\": ").num(nl.line).raw(", \"column\": ").num(nl.column);
    if (with_message) w.raw(", \"message\": ").str(notes[i].message);
    w.raw("}");
  }
  w.raw("]");
}

/// One finding's fields, its fixes last; the caller closes the fixes' list
/// and the object (`]}`), after adding any fields of its own.
void write_finding(JsonWriter& w, const SourceManager& sm, const Finding& f) {
  const SourceFile& src = sm.file(f.file);
  const LineCol b = src.line_col(f.range.begin);
  const LineCol e = src.line_col(f.range.end);
  w.raw("{\"rule\": ").str(f.rule_id).raw(", \"name\": ").str(f.rule_name);
  w.raw(", \"severity\": ").str(to_string(f.severity)).raw(", \"path\": ").path(f.file);
  w.raw(", \"line\": ").num(b.line).raw(", \"column\": ").num(b.column);
  w.raw(", \"end_line\": ").num(e.line).raw(", \"end_column\": ").num(e.column);
  w.raw(", \"offset\": ").num(f.range.begin).raw(", \"length\": ").num(f.range.end - f.range.begin);
  w.raw(", \"message\": ").str(f.message).raw(", \"conditional\": ").boolean(f.conditional);
  w.path_bytes(f.file);
  w.raw(", \"notes\": ");
  write_locations(w, sm, f.notes, true);
  w.raw(", \"included_from\": ");
  write_locations(w, sm, f.included_from, false);
  w.raw(", \"fixes\": [");
  for (std::size_t i = 0; i < f.fixes.size(); ++i) {
    w.raw(i ? ", {\"description\": " : "{\"description\": ").str(f.fixes[i].description);
    w.raw(", \"safe\": ").boolean(f.fixes[i].safe).raw(", \"edits\": [");
    for (std::size_t j = 0; j < f.fixes[i].edits.size(); ++j) {
      const TextEdit& ed = f.fixes[i].edits[j];
      w.raw(j ? ", {\"path\": " : "{\"path\": ");
      if (ed.create.empty()) {
        w.path(ed.file);
      } else {
        w.str(ed.create);
      }
      w.raw(", \"offset\": ").num(ed.offset).raw(", \"length\": ").num(ed.length);
      w.raw(", \"text\": ").str(ed.text).raw(", \"create\": ").boolean(!ed.create.empty()).raw("}");
    }
    w.raw("]}");
  }
}

/// `{"path": ..., ..., "issuer_found": ...}` for one served certificate.
/// Servers that share a certificate share its text.
class CertificateTexts {
 public:
  const std::string& text(const EndpointCertificate& c) {
    auto it = texts_.find(&c);
    if (it != texts_.end()) return it->second;
    std::string o = "{\"path\": ";
    append_quoted(o, c.path);
    o += ", \"subject\": ";
    append_quoted(o, c.subject);
    o += ", \"issuer\": ";
    append_quoted(o, c.issuer);
    o += ", \"serial\": ";
    append_quoted(o, c.serial);
    o += ", \"not_after\": ";
    append_quoted(o, format_timestamp(c.not_after));
    auto list = [&](const char* name, const std::vector<std::string>& v) {
      o += name;
      for (std::size_t k = 0; k < v.size(); ++k) {
        if (k) o += ", ";
        append_quoted(o, v[k]);
      }
      o += "]";
    };
    list(", \"ocsp_urls\": [", c.ocsp_urls);
    list(", \"crl_urls\": [", c.crl_urls);
    o += c.must_staple ? ", \"must_staple\": true" : ", \"must_staple\": false";
    o += !c.issuer_found   ? ", \"issuer_found\": null}"
         : *c.issuer_found ? ", \"issuer_found\": true}"
                           : ", \"issuer_found\": false}";
    return texts_.emplace(&c, std::move(o)).first->second;
  }

 private:
  std::unordered_map<const EndpointCertificate*, std::string> texts_;
};

class JsonFormatter final : public Formatter {
 public:
  bool reports_endpoints() const override { return true; }
  void write(const Report& report, std::ostream& out) override {
    const SourceManager& sm = report.sources;
    JsonWriter w(sm, out);
    w.raw("{\"version\": 2,\n \"findings\": [");
    bool first = true;
    for (const Finding& f : report.result.findings) {
      w.raw(first ? "\n  " : ",\n  ");
      first = false;
      write_finding(w, sm, f);
      w.raw("]}");
      w.item_done();
    }
    w.raw(first ? "],\n" : "\n ],\n").raw(" \"suppressed\": [");
    first = true;
    for (const SuppressedFinding& sf : report.result.suppressed) {
      w.raw(first ? "\n  " : ",\n  ");
      first = false;
      write_finding(w, sm, sf.finding);
      w.raw("], \"reason\": ").str(sf.reason).raw("}");
      w.item_done();
    }
    w.raw(first ? "],\n" : "\n ],\n").raw(" \"baselined\": ").num(report.result.baselined).raw(",\n \"endpoints\": [");
    first = true;
    CertificateTexts certificates;
    for (const EndpointReport& ep : report.result.endpoints) {
      w.raw(first ? "\n  " : ",\n  ");
      first = false;
      w.raw("{\"dialect\": ").str(to_string(ep.dialect)).raw(", \"path\": ").path(ep.file);
      w.raw(", \"line\": ").num(sm.file(ep.file).line_col(ep.range.begin).line);
      w.raw(", \"name\": ").str(ep.name).raw(", \"stapling\": ").str(to_string(ep.stapling));
      if (!ep.note.empty()) w.raw(", \"note\": ").str(ep.note);
      w.raw(", \"certificates\": [");
      for (std::size_t i = 0; i < ep.certificates.size(); ++i) {
        if (i) w.raw(", ");
        w.raw(certificates.text(*ep.certificates[i]));
      }
      w.raw("]}");
      w.item_done();
    }
    w.raw(first ? "],\n" : "\n ],\n").raw(" \"files\": [");
    first = true;
    for (std::size_t i = 0; i < report.result.files.size(); ++i) {
      const Dialect d = i < report.result.file_dialects.size() ? report.result.file_dialects[i] : Dialect::nginx;
      const FileId id = report.result.files[i];
      w.raw(first ? "\n  " : ",\n  ");
      first = false;
      w.raw("{\"path\": ").path(id).raw(", \"dialect\": ").str(to_string(d));
      w.path_bytes(id).raw("}");
      w.item_done();
    }
    w.raw(first ? "]}\n" : "\n ]}\n");
  }
};

}  // namespace

void write_findings_json(const SourceManager& sm, const std::vector<Finding>& findings, std::ostream& out) {
  JsonWriter w(sm, out);
  w.raw("[");
  bool first = true;
  for (const Finding& f : findings) {
    w.raw(first ? "\n  " : ",\n  ");
    first = false;
    write_finding(w, sm, f);
    w.raw("]}");
    w.item_done();
  }
  w.raw(first ? "]" : "\n ]");
}

std::unique_ptr<Formatter> make_json_formatter() { return std::make_unique<JsonFormatter>(); }
}  // namespace staplint
