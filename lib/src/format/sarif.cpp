// SARIF 2.1.0 for code-scanning and review tools: the rules that fired, with
// their help text; results with regions, related locations (notes) and
// fixes as artifact changes. Columns count bytes with a tab as one, which
// equals code points for the ASCII text configuration files are.
#include <fmt/format.h>

#include <map>

#include "json_text.hpp"
#include "staplint/format.hpp"
#include "staplint/rules.hpp"

namespace staplint {
namespace {

/// A URI reference for a path: `file:///...` when absolute, else relative;
/// bytes that cannot stand in a URI are percent-encoded.
std::string uri(std::string_view path) {
  std::string out = !path.empty() && path.front() == '/' ? "file://" : "";
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("/-._~!$&'()*+,;=:@").find(ch) != std::string_view::npos;
    out += plain ? std::string(1, ch) : fmt::format("%{:02X}", c);
  }
  return out;
}

std::string_view level(Severity s) {
  return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
}

std::string region(const SourceFile& src, Range r) {
  const LineCol b = src.line_col(r.begin), e = src.line_col(r.end);
  return fmt::format(
      "{{\"startLine\": {}, \"startColumn\": {}, \"endLine\": {}, \"endColumn\": {}, "
      "\"charOffset\": {}, \"charLength\": {}}}",
      b.line, b.column, e.line, e.column, r.begin, r.end - r.begin);
}

std::string location(const SourceFile& src, Range r) {
  return fmt::format("{{\"physicalLocation\": {{\"artifactLocation\": {{\"uri\": {}}}, \"region\": {}}}}}",
                     quote(uri(src.path())), region(src, r));
}

class SarifFormatter final : public Formatter {
 public:
  void write(const Report& report, std::ostream& out) override {
    const SourceManager& sm = report.sources;
    const RuleCatalog& catalog = report.catalog;
    // The rules that fired, in id order, and each one's index.
    std::map<std::string, std::size_t> index;
    for (const Finding& f : report.result.findings) index.emplace(f.rule_id, 0);
    std::size_t i = 0;
    for (auto& [id, at] : index) at = i++;

    out << "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n \"version\": \"2.1.0\",\n"
        << " \"runs\": [{\n  \"tool\": {\"driver\": {\"name\": \"staplint\", \"version\": " << quote(STAPLINT_VERSION)
        << ", \"rules\": [";
    bool first = true;
    for (const auto& [id, at] : index) {
      const RuleSpec* r = catalog.find(id);
      out << (first ? "\n   " : ",\n   ");
      first = false;
      if (!r) {
        out << fmt::format("{{\"id\": {}}}", quote(id));
        continue;
      }
      std::string help = r->explain_problem + "\n" + r->explain_why + "\nFix: " + r->explain_fix;
      std::string help_uri;
      for (const std::string& ref : r->references) {
        if (ref.rfind("https://", 0) == 0 || ref.rfind("http://", 0) == 0) {
          help_uri = ref.substr(0, ref.find(' '));
          break;
        }
      }
      out << fmt::format(
          "{{\"id\": {}, \"name\": {}, \"shortDescription\": {{\"text\": {}}}, "
          "\"fullDescription\": {{\"text\": {}}}, \"help\": {{\"text\": {}}}, {}"
          "\"defaultConfiguration\": {{\"level\": \"{}\"}}}}",
          quote(r->id), quote(r->name), quote(r->summary), quote(r->explain_problem), quote(help),
          help_uri.empty() ? "" : "\"helpUri\": " + quote(help_uri) + ", ", level(r->severity));
    }
    out << "]}},\n  \"columnKind\": \"unicodeCodePoints\",\n  \"results\": [";
    first = true;
    for (const Finding& f : report.result.findings) {
      const SourceFile& src = sm.file(f.file);
      out << (first ? "\n   " : ",\n   ");
      first = false;
      out << fmt::format(
          "{{\"ruleId\": {}, \"ruleIndex\": {}, \"level\": \"{}\", \"message\": {{\"text\": {}}}, "
          "\"locations\": [{}]",
          quote(f.rule_id), index[f.rule_id], level(f.severity), quote(f.message), location(src, f.range));
      if (!f.notes.empty()) {
        out << ", \"relatedLocations\": [";
        for (std::size_t n = 0; n < f.notes.size(); ++n) {
          const Note& note = f.notes[n];
          std::string loc = location(sm.file(note.file), note.range);
          loc.insert(1, fmt::format("\"id\": {}, \"message\": {{\"text\": {}}}, ", n, quote(note.message)));
          out << (n ? ", " : "") << loc;
        }
        out << "]";
      }
      if (!f.fixes.empty()) {
        out << ", \"fixes\": [";
        for (std::size_t k = 0; k < f.fixes.size(); ++k) {
          const Fix& fix = f.fixes[k];
          // One artifact change per file, its replacements in order.
          std::map<std::string, std::vector<const TextEdit*>> by_file;
          for (const TextEdit& e : fix.edits)
            by_file[e.create.empty() ? sm.file(e.file).path() : e.create].push_back(&e);
          out << (k ? ", " : "") << "{\"description\": {\"text\": " << quote(fix.description)
              << "}, \"artifactChanges\": [";
          bool first_change = true;
          for (const auto& [path, edits] : by_file) {
            out << (first_change ? "" : ", ") << "{\"artifactLocation\": {\"uri\": " << quote(uri(path))
                << "}, \"replacements\": [";
            first_change = false;
            for (std::size_t e = 0; e < edits.size(); ++e) {
              out << (e ? ", " : "")
                  << fmt::format(
                         "{{\"deletedRegion\": {{\"charOffset\": {}, \"charLength\": {}}}, "
                         "\"insertedContent\": {{\"text\": {}}}}}",
                         edits[e]->offset, edits[e]->length, quote(edits[e]->text));
            }
            out << "]}";
          }
          out << "]}";
        }
        out << "]";
      }
      out << "}";
    }
    out << (first ? "]" : "\n  ]") << "\n }]\n}\n";
  }
};
}  // namespace

std::unique_ptr<Formatter> make_sarif_formatter() { return std::make_unique<SarifFormatter>(); }
}  // namespace staplint
