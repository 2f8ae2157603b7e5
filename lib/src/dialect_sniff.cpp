#include "staplint/dialect_sniff.hpp"

#include <algorithm>
#include <cstdint>

namespace staplint {

namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alpha(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// The evidence one kind of line gives, and where it was first seen.
struct Tally {
  std::size_t count = 0;
  std::uint32_t first = 0;
  void add(std::uint32_t at) {
    if (count++ == 0) first = at;
  }
};

/// A folder or file name that belongs to one server: /etc/nginx/...,
/// /etc/apache2/..., /etc/httpd/..., *.htaccess.
std::optional<Dialect> path_hint(std::string_view path) {
  std::optional<Dialect> hint;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    std::size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view part = path.substr(pos, end - pos);
    if (part == "nginx" || part.starts_with("nginx-") || part.starts_with("nginx_")) hint = Dialect::nginx;
    if (part == "apache2" || part == "apache" || part == "httpd" || part.ends_with(".htaccess")) hint = Dialect::apache;
    pos = end + 1;
  }
  return hint;
}

std::string_view server_name(Dialect d) { return d == Dialect::apache ? "httpd" : "nginx"; }

}  // namespace

DialectGuess sniff_dialect(std::string_view path, std::string_view text, std::optional<Dialect> tree) {
  Tally nginx_lines;  // ending in ';', '{' or '}': nginx statements and blocks
  Tally tags;         // `<Section ...>` and `</Section>`: httpd
  Tally camel;        // a first word with a capital letter and no ';' at the end: httpd
  Tally continued;    // a '\' at the end of the line: httpd (nginx has no continuations)
  Tally modsec;       // SecRule, SecAction, SecRuleEngine, ...: ModSecurity
  Tally other;        // prose sentences, INI `[section]` and `key = value` lines: neither server's
  bool continuation = false;
  std::size_t pos = 0;
  if (text.starts_with("#!")) {
    DialectGuess g;
    g.configuration = false;
    g.certain = false;
    g.why = "it starts with '#!': a script";
    return g;
  }
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const auto at = static_cast<std::uint32_t>(pos);
    const std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    const bool was_continued = continuation;
    continuation = !line.empty() && line.back() == '\\';
    if (line.empty() || line.front() == '#') continue;
    if (continuation) continued.add(at);
    if (was_continued) continue;  // the rest of a logical line begun above
    // nginx's comments may follow a statement: `80 88;  # euro`.
    std::string_view code = line;
    for (std::size_t i = 1; i < line.size(); ++i) {
      if (line[i] == '#' && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
        code = trim(line.substr(0, i));
        break;
      }
    }
    const char last = code.back();
    const std::string_view word = line.substr(0, line.find_first_of(" \t"));
    std::size_t words = 1;
    for (std::size_t i = 1; i < line.size(); ++i) {
      const bool blank = line[i] == ' ' || line[i] == '\t';
      const bool was_blank = line[i - 1] == ' ' || line[i - 1] == '\t';
      words += !blank && was_blank;
    }
    if (last == ';') {
      nginx_lines.add(at);
      continue;
    }
    if (line.size() > 2 && line.front() == '<' && (is_alpha(line[1]) || line[1] == '/') && last == '>') {
      tags.add(at);
      continue;
    }
    if (word.size() > 3 && word.starts_with("Sec") && is_upper(word[3])) modsec.add(at);
    // A sentence (a README's) before a capital: "Files are processed in order."
    if (words >= 4 && (last == '.' || last == ',' || last == ':') && is_alpha(word.front()) &&
        line.find('"') == std::string_view::npos) {
      other.add(at);
      continue;
    }
    // httpd's directives are CamelCase, nginx's never: this decides before a
    // closing brace does (`SSLRequire ... in {"a", "b"}`).
    bool capital = false;
    for (const char c : word) {
      if (is_upper(c)) capital = true;
      if (!is_alpha(c) && c != '_') {
        capital = false;
        break;
      }
    }
    if (capital) {
      camel.add(at);
      continue;
    }
    if (last == '{' || last == '}') {
      nginx_lines.add(at);
      continue;
    }
    const bool ini = (line.front() == '[' && last == ']') || line.find(" = ") != std::string_view::npos ||
                     (words == 1 && line.find('=') != std::string_view::npos && line.find('=') + 1 == line.size());
    if (ini) other.add(at);
  }

  DialectGuess g;
  const std::size_t nginx_score = nginx_lines.count;
  const std::size_t apache_score = 2 * tags.count + camel.count + continued.count;
  const std::optional<Dialect> hint = tree ? tree : path_hint(path);
  const bool hint_is_tree = tree.has_value();
  if (modsec.count > 0 && modsec.count * 2 >= camel.count && modsec.count >= nginx_score) {
    // httpd's syntax, whoever loads it; it holds no TLS settings of staplint's.
    g.dialect = Dialect::apache;
    g.modsecurity = true;
    g.at = modsec.first;
    return g;
  }
  if (other.count > 0 && other.count >= nginx_score + apache_score) {
    g.configuration = false;
    g.certain = false;
    g.at = other.first;
    g.why = "its lines read as prose or as an INI file, not as nginx or httpd directives";
    return g;
  }
  if (nginx_score == 0 && apache_score == 0) {
    g.dialect = hint.value_or(Dialect::nginx);  // nothing to read either way
    return g;
  }
  const bool nginx_wins = nginx_score >= apache_score;
  g.dialect = nginx_wins ? Dialect::nginx : Dialect::apache;
  const std::size_t majority = nginx_wins ? nginx_score : apache_score;
  const std::size_t minority = nginx_wins ? apache_score : nginx_score;
  const std::uint32_t first_httpd =
      std::min({tags.count ? tags.first : UINT32_MAX, camel.count ? camel.first : UINT32_MAX,
                continued.count ? continued.first : UINT32_MAX});
  g.at = nginx_wins ? nginx_lines.first : first_httpd;

  const std::string nginx_what = "lines that end in ';' or '{'";
  std::string httpd_what;
  if (tags.count) httpd_what = "'<Section>' tags";
  if (camel.count) httpd_what += std::string(httpd_what.empty() ? "" : ", ") + "CamelCase directives";
  if (continued.count) httpd_what += std::string(httpd_what.empty() ? "" : ", ") + "'\\' continuations";

  // Mixed text: a clear majority is trusted only when the tree agrees.
  if (minority > 0 && (minority * 10 > majority || (hint && *hint != g.dialect))) {
    g.certain = false;
    g.at = nginx_wins ? first_httpd : nginx_lines.first;  // where the doubt comes from
    g.why = "it has " + nginx_what + " (nginx) and " + httpd_what + " (httpd)";
    return g;
  }
  if (hint && *hint != g.dialect) {
    g.certain = false;
    g.why = "it reads as " + std::string(server_name(g.dialect)) + " (" + (nginx_wins ? nginx_what : httpd_what) +
            "), but " +
            (hint_is_tree ? "it sits in an " + std::string(server_name(*hint)) + " tree"
                          : "its path names " + std::string(server_name(*hint)));
  }
  return g;
}

}  // namespace staplint
