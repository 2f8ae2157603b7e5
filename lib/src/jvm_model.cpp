// Builds the JVM model from shell and properties files. Shell words are
// evaluated as sh would evaluate them (quote removal, ${VAR} and $VAR from
// earlier assignments, field splitting of the final option variables), with the
// byte each character came from, so findings point at the written text. Command
// substitutions and other run-time values are unknown and never guessed.
#include "staplint/jvm_model.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "staplint/file_system.hpp"
#include "staplint/jvm_parse.hpp"
#include "staplint/jvm_properties.hpp"
#include "staplint/text.hpp"

namespace staplint {

namespace {

constexpr char kUnknown = '\x01';  // a character whose value only a run would know

struct Origin {
  FileId file = kNoFile;
  std::uint32_t offset = 0;
  bool certain = true;
};

/// What evaluating a tree's variables may cost: each value stops at
/// `max_length` bytes, and all values together at `total` bytes (a value
/// copied into another counts again; an append in place, `X="$X ..."`, only
/// for what it adds). Past either, the value ends in an unknown character,
/// and one SL0005 says so.
struct Budget {
  std::size_t max_length = 0;
  std::size_t total = 0;
  const Node* tripped_at = nullptr;  ///< where it first tripped
  bool tripped = false;
};

/// A string with, for each character, where it was written.
struct Text {
  std::string s;
  std::vector<Origin> at;
  Budget* budget = nullptr;  ///< nullptr: unbounded (short values staplint makes)
  bool cut = false;          ///< a budget stopped it; it ends in kUnknown
  /// Room for `n` more characters; false (and the value cut) when there is none.
  bool room(std::size_t n) {
    if (cut) return false;
    if (!budget) return true;
    if (s.size() + n <= budget->max_length && n <= budget->total) {
      budget->total -= n;
      return true;
    }
    cut = true;
    budget->tripped = true;
    const Origin last = at.empty() ? Origin{} : at.back();
    s += kUnknown;
    at.push_back(last);
    return false;
  }
  void add(char c, Origin o) {
    if (!room(1)) return;
    s += c;
    at.push_back(o);
  }
  void append(const Text& t) {
    if (t.cut) {
      append_range(t, t.s.size() - 1);
      add(kUnknown, t.at.back());
      return;
    }
    append_range(t, t.s.size());
  }
  /// Appends the first `n` characters of `t`, which may be this Text itself.
  void append_range(const Text& t, std::size_t n) {
    if (n == 0 || !room(n)) return;
    if (&t == this) {
      s.reserve(s.size() + n);
      at.reserve(at.size() + n);
      s.append(s, 0, n);
      for (std::size_t i = 0; i < n; ++i) at.push_back(at[i]);
      return;
    }
    s.append(t.s, 0, n);
    at.insert(at.end(), t.at.begin(), t.at.begin() + static_cast<long>(n));
  }
};

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// The length of a shell variable name at the start of `s`.
std::size_t name_length(std::string_view s) {
  if (s.empty() || !name_start(s[0])) return 0;
  std::size_t n = 1;
  while (n < s.size() && name_char(s[n])) ++n;
  return n;
}

class Evaluator {
 public:
  Evaluator(std::map<std::string, Text>& vars, FileId file, bool certain, Budget& budget)
      : vars_(vars), file_(file), certain_(certain), budget_(budget) {}

  /// Evaluates `word`, written at `offset`, as the new value of `target`.
  /// `X="$X more"` moves X's value into the result instead of copying it, so
  /// that n such lines cost O(n), not O(n^2); X is then empty until the
  /// caller assigns the result. `appended()` says whether that happened.
  Text assignment(const std::string& target, std::string_view w, std::uint32_t offset) {
    target_ = &target;
    Text out = word(w, offset, true);
    target_ = nullptr;
    return out;
  }
  bool appended() const { return stolen_; }
  std::size_t kept_length() const { return stolen_length_; }

  /// Evaluates `word`, written at `offset`.
  Text word(std::string_view w, std::uint32_t offset, bool top = false) {
    Text out;
    out.budget = &budget_;
    if (top) top_ = &out;
    std::size_t i = 0;
    auto origin = [&](std::size_t k) { return Origin{file_, offset + static_cast<std::uint32_t>(k), certain_}; };
    while (i < w.size()) {
      const char c = w[i];
      if (c == '\'') {
        for (++i; i < w.size() && w[i] != '\''; ++i) out.add(w[i], origin(i));
        ++i;
      } else if (c == '"') {
        for (++i; i < w.size() && w[i] != '"';) {
          if (w[i] == '\\' && i + 1 < w.size() &&
              std::string_view("$`\"\\\n").find(w[i + 1]) != std::string_view::npos) {
            if (w[i + 1] != '\n') out.add(w[i + 1], origin(i + 1));
            i += 2;
          } else if (w[i] == '$' || w[i] == '`') {
            i = expansion(w, i, offset, out);
          } else {
            out.add(w[i], origin(i));
            ++i;
          }
        }
        ++i;
      } else if (c == '\\') {
        if (i + 1 < w.size() && w[i + 1] != '\n') out.add(w[i + 1], origin(i + 1));
        i += 2;
      } else if (c == '$' && i + 1 < w.size() && w[i + 1] == '\'') {
        for (i += 2; i < w.size() && w[i] != '\''; ++i) {
          if (w[i] == '\\' && i + 1 < w.size()) ++i;
          out.add(w[i], origin(i));
        }
        ++i;
      } else if (c == '$' || c == '`') {
        i = expansion(w, i, offset, out);
      } else {
        out.add(c, origin(i));
        ++i;
      }
    }
    return out;
  }

 private:
  /// At `$` or a backquote: appends the expansion, returns the index after it.
  std::size_t expansion(std::string_view w, std::size_t i, std::uint32_t offset, Text& out) {
    const Origin here{file_, offset + static_cast<std::uint32_t>(i), certain_};
    if (w[i] == '`' || (i + 1 < w.size() && w[i + 1] == '(')) {
      // Command or arithmetic substitution: skip to its end; the value is unknown.
      const char open = w[i] == '`' ? '`' : '(';
      std::size_t j = i + 1;
      if (open == '`') {
        while (j < w.size() && w[j] != '`') j += (w[j] == '\\') ? 2 : 1;
        ++j;
      } else {
        int depth = 0;
        for (; j < w.size(); ++j) {
          if (w[j] == '(') ++depth;
          if (w[j] == ')' && --depth == 0) break;
        }
        ++j;
      }
      out.add(kUnknown, here);
      return std::min(j, w.size());
    }
    if (i + 1 < w.size() && w[i + 1] == '{') {
      const std::size_t close = w.find('}', i + 2);
      if (close == std::string_view::npos) return w.size();
      std::string_view inside = w.substr(i + 2, close - i - 2);
      const std::size_t n = name_length(inside);
      const std::string name(inside.substr(0, n));
      std::string_view op = inside.substr(n);
      if (n == 0) {
        out.add(kUnknown, here);
        return close + 1;
      }
      if (op.empty()) {
        append_variable(name, out);
        return close + 1;
      }
      Text scratch;
      const Text* value = lookup(name, scratch);
      const bool set = value && !value->s.empty();
      if ((op.substr(0, 2) == ":-" || op.substr(0, 1) == "-") && !set) {
        // ${VAR:-default}: the default, written inside the braces.
        const std::size_t skip = op[0] == ':' ? 2 : 1;
        const std::size_t at = i + 2 + n + skip;
        out.append(word(w.substr(at, close - at), offset + static_cast<std::uint32_t>(at)));
      } else if (op.substr(0, 2) == ":-" || op.substr(0, 1) == "-") {
        out.append(*value);
      } else {
        out.add(kUnknown, here);  // ${VAR#...}, ${VAR:+...}, ...: not evaluated
      }
      return close + 1;
    }
    const std::size_t n = name_length(w.substr(i + 1));
    if (n == 0) {
      // $1, $$, $@ and a lone `$`.
      if (i + 1 < w.size() && std::string_view("0123456789@*#?$!-").find(w[i + 1]) != std::string_view::npos) {
        out.add(kUnknown, here);
        return i + 2;
      }
      out.add('$', here);
      return i + 1;
    }
    append_variable(std::string(w.substr(i + 1, n)), out);
    return i + 1 + n;
  }

  /// `$NAME`: the assignment's own target, first in its value, is moved in;
  /// after that, it is the start of the value being built.
  void append_variable(const std::string& name, Text& out) {
    if (target_ && name == *target_) {
      if (stolen_) {
        out.append_range(*top_, stolen_length_);
        return;
      }
      auto it = vars_.find(name);
      if (&out == top_ && out.s.empty() && it != vars_.end()) {
        out.s = std::move(it->second.s);
        out.at = std::move(it->second.at);
        out.cut = it->second.cut;
        it->second = Text{};
        stolen_ = true;
        stolen_length_ = out.s.size() - (out.cut ? 1 : 0);
        return;
      }
    }
    Text scratch;
    if (const Text* v = lookup(name, scratch)) out.append(*v);
  }

  /// The value of `name`, or nullptr when unset.
  const Text* lookup(const std::string& name, Text& scratch) {
    if (target_ && stolen_ && name == *target_) {
      scratch.append_range(*top_, stolen_length_);
      return &scratch;
    }
    const auto it = vars_.find(name);
    return it == vars_.end() ? nullptr : &it->second;
  }

  std::map<std::string, Text>& vars_;
  FileId file_;
  bool certain_;
  Budget& budget_;
  const std::string* target_ = nullptr;
  Text* top_ = nullptr;
  bool stolen_ = false;
  std::size_t stolen_length_ = 0;
};

/// Splits the final value of an option variable into fields (the variable is
/// used unquoted by catalina.sh) and keeps the -D options.
void collect_options(const std::string& variable, const Text& value, const Node* last_write,
                     std::vector<JvmOption>& out) {
  std::size_t i = 0;
  while (i < value.s.size()) {
    while (i < value.s.size() && std::isspace(static_cast<unsigned char>(value.s[i]))) ++i;
    const std::size_t b = i;
    while (i < value.s.size() && !std::isspace(static_cast<unsigned char>(value.s[i]))) ++i;
    if (i - b < 3 || value.s.compare(b, 2, "-D") != 0) continue;
    const std::string field = value.s.substr(b, i - b);
    if (field.find(kUnknown) != std::string::npos) continue;
    JvmOption o;
    o.variable = variable;
    const std::size_t eq = field.find('=');
    o.name = field.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    o.has_value = eq != std::string::npos;
    if (o.has_value) o.value = field.substr(eq + 1);
    o.node = last_write;
    // Locate it by its first and last characters written in a file.
    std::size_t fb = b, fe = i - 1;
    while (fb < fe && value.at[fb].file == kNoFile) ++fb;
    while (fe > fb && value.at[fe].file == kNoFile) --fe;
    const Origin first = value.at[fb];
    const Origin last = value.at[fe];
    o.file = first.file;
    o.certain = std::all_of(value.at.begin() + static_cast<long>(b), value.at.begin() + static_cast<long>(i),
                            [](const Origin& x) { return x.certain; });
    // A range only when the field was written in one piece.
    bool contiguous = fb == b && fe == i - 1 && last.file == first.file && last.offset - first.offset == i - b - 1;
    if (contiguous) {
      o.range = {first.offset, last.offset + 1};
      o.name_range = {first.offset + 2, first.offset + 2 + static_cast<std::uint32_t>(o.name.size())};
    } else {
      o.range = {first.offset, first.offset + 1};
    }
    out.push_back(std::move(o));
  }
}

bool is_security_file(const std::string& path) {
  const std::string name = path::basename(path);
  return name == "java.security" || (name.size() > 9 && name.compare(name.size() - 9, 9, ".security") == 0);
}

/// The shell variables as the files evaluated so far left them.
struct ShellState {
  std::map<std::string, Text> vars;
  std::map<std::string, const Node*> last_write;
  /// Option variables whose value holds `-D<switch>=true`.
  std::set<std::string> switch_on;
  Budget* budget = nullptr;
};

/// Sets `name` to `value`, written by `node`, noting a stapling switch that
/// the new value drops (JvmModel::lost_switches). `kept`: the value starts
/// with the variable's old value, of that many bytes (`X="$X ..."`).
void assign(ShellState& state, JvmModel& model, const std::string& name, Text value, const Node* node,
            std::optional<std::size_t> kept = std::nullopt) {
  if (is_jvm_options_variable(name)) {
    const std::string option = "-D" + std::string(kStaplingSwitch);
    const std::string on = option + "=true";
    const bool was_on = state.switch_on.count(name) > 0;
    bool is_on = false;
    if (kept) {
      // Only the part after the old value is new (and the few bytes before
      // it that a match could start in).
      const std::size_t from = *kept > on.size() ? *kept - on.size() : 0;
      is_on = was_on || value.s.find(on, from) != std::string::npos;
    } else {
      is_on = value.s.find(on) != std::string::npos;
      // The switch turned on, then gone (not a later value for it, true or false).
      if (was_on && value.s.find(option) == std::string::npos) {
        model.lost_switches.push_back({state.last_write[name], node, name});
      }
    }
    if (is_on)
      state.switch_on.insert(name);
    else
      state.switch_on.erase(name);
  }
  if (value.cut && state.budget && !state.budget->tripped_at) state.budget->tripped_at = node;
  state.vars[name] = std::move(value);
  state.last_write[name] = node;
}

void shell_file(std::span<const Node> nodes, const SourceManager& sm, JvmModel& model, ShellState& state) {
  auto& vars = state.vars;
  int depth = 0;
  int case_depth = 0;
  for (const Node& n : nodes) {
    if (n.kind != NodeKind::directive) continue;
    std::vector<const Arg*> args;
    for (const Arg& a : n.args()) args.push_back(&a);
    std::string_view first = n.name();
    Range first_range = n.name_range();
    std::size_t next = 0;
    auto advance = [&]() -> bool {
      if (next >= args.size()) return false;
      first = args[next]->value;
      first_range = args[next]->range;
      ++next;
      return true;
    };
    bool skip = false, have = true;
    // Branches that act alike stay apart: each is a different shell construct.
    // NOLINTBEGIN(bugprone-branch-clone)
    while (have) {
      if (first == "then" || first == "else" || first == "do" || first == "{" || first == "!") {
        have = advance();
      } else if (first == "if" || first == "while" || first == "until" || first == "for") {
        ++depth;
        skip = true;
        break;
      } else if (first == "elif") {
        skip = true;
        break;
      } else if (first == "case") {
        ++depth;
        ++case_depth;
        skip = true;
        break;
      } else if (first == "fi" || first == "done" || first == "}") {
        depth = std::max(0, depth - 1);
        have = advance();
      } else if (first == "esac") {
        depth = std::max(0, depth - 1);
        case_depth = std::max(0, case_depth - 1);
        have = advance();
      } else if (case_depth > 0 && !first.empty() && first.back() == ')' && first.find('=') == std::string_view::npos) {
        have = advance();  // a case pattern
      } else if (first.size() > 2 && first.substr(first.size() - 2) == "()") {
        ++depth;  // a function body: run only when called
        skip = true;
        break;
      } else {
        break;
      }
    }
    // NOLINTEND(bugprone-branch-clone)
    if (skip || !have) continue;
    const bool certain = depth == 0;
    const FileId file = n.file();
    auto assign = [&](std::string_view word, Range at) -> bool {
      const std::size_t len = name_length(word);
      if (len == 0 || len >= word.size() || word[len] != '=') return false;
      const std::string name(word.substr(0, len));
      Evaluator ev(vars, file, certain, *state.budget);
      Text value = ev.assignment(name, word.substr(len + 1), at.begin + static_cast<std::uint32_t>(len + 1));
      staplint::assign(state, model, name, std::move(value), &n,
                       ev.appended() ? std::optional<std::size_t>(ev.kept_length()) : std::nullopt);
      if (is_jvm_options_variable(name) && path::basename(sm.file(file).path()) == "catalina.sh") {
        model.catalina_sh_assignments.push_back({&n, word.substr(len + 1)});
      }
      return true;
    };
    // Leading assignments, then the command.
    while (assign(first, first_range)) {
      if (!advance()) {
        have = false;
        break;
      }
    }
    if (!have) continue;
    if (first == "export" || first == "readonly" || first == "declare" || first == "typeset" || first == "local") {
      while (advance()) assign(first, first_range);
      continue;
    }
    if (is_dotted_assignment(first)) model.dotted_commands.push_back(&n);
  }
}

/// cmd.exe compares variable names without case.
std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

/// Evaluates a batch `set` value written at `offset`: `%NAME%` is the
/// variable's value (empty if unset), `%%` a percent sign; `%~dp0`, `%1`,
/// `%NAME:~0,3%` and friends are unknown. Nothing else is special. As in
/// the shell, `set "X=%X% more"` moves X's old value in (`kept` tells its
/// length) instead of copying it.
Text batch_value(std::string_view w, std::uint32_t offset, FileId file, bool certain, const std::string& target,
                 ShellState& state, std::optional<std::size_t>& kept) {
  auto& vars = state.vars;
  Text out;
  out.budget = state.budget;
  auto origin = [&](std::size_t k) { return Origin{file, offset + static_cast<std::uint32_t>(k), certain}; };
  std::size_t i = 0;
  while (i < w.size()) {
    if (w[i] != '%') {
      out.add(w[i], origin(i));
      ++i;
      continue;
    }
    if (i + 1 < w.size() && w[i + 1] == '%') {
      out.add('%', origin(i));
      i += 2;
      continue;
    }
    if (i + 1 < w.size() &&
        (w[i + 1] == '~' || std::isdigit(static_cast<unsigned char>(w[i + 1])) || w[i + 1] == '*')) {
      out.add(kUnknown, origin(i));  // a script argument or its parts
      std::size_t j = i + 1;
      while (j < w.size() && !std::isspace(static_cast<unsigned char>(w[j])) && w[j] != '\\' && w[j] != '"') ++j;
      i = j;
      continue;
    }
    const std::size_t close = w.find('%', i + 1);
    if (close == std::string_view::npos) {
      out.add('%', origin(i));
      ++i;
      continue;
    }
    const std::string_view inside = w.substr(i + 1, close - i - 1);
    if (inside.find(':') != std::string_view::npos) {
      out.add(kUnknown, origin(i));  // %NAME:~a,b% or %NAME:x=y%
    } else if (const std::string name = upper(inside); name == target && kept) {
      out.append_range(out, *kept);
    } else if (const auto it = vars.find(name); it != vars.end()) {
      if (name == target && out.s.empty()) {
        out.s = std::move(it->second.s);
        out.at = std::move(it->second.at);
        out.cut = it->second.cut;
        it->second = Text{};
        kept = out.s.size() - (out.cut ? 1 : 0);
      } else {
        out.append(it->second);
      }
    }
    i = close + 1;
  }
  return out;
}

/// Evaluates a batch file's `set` commands in order; those inside blocks
/// (parenthesized, or after `if`/`for`) are uncertain. Blocks are walked with
/// an explicit stack: a file may nest them as deep as it likes.
void batch_nodes(std::span<const Node> nodes, const SourceManager& sm, JvmModel& model, ShellState& state) {
  struct Level {
    std::span<const Node> nodes;
    std::size_t next = 0;
  };
  std::vector<Level> stack{{nodes, 0}};
  while (!stack.empty()) {
    Level& level = stack.back();
    if (level.next == level.nodes.size()) {
      stack.pop_back();
      continue;
    }
    const Node& n = level.nodes[level.next++];
    const bool certain = stack.size() == 1;
    if (n.kind == NodeKind::comment) continue;
    if (n.kind == NodeKind::block) {
      stack.push_back({n.children(), 0});
      continue;
    }
    const ArgList args = n.args();
    if (iequals(n.name(), "set") && args.size() == 2) {
      const std::string name = upper(args[0].value);
      std::optional<std::size_t> kept;
      Text value = batch_value(args[1].value, args[1].range.begin, n.file(), certain, name, state, kept);
      assign(state, model, name, std::move(value), &n, kept);
      if (is_jvm_options_variable(name) && iequals(path::basename(sm.file(n.file()).path()), "catalina.bat")) {
        model.catalina_sh_assignments.push_back({&n, args[1].value});
      }
    } else if (is_dotted_assignment(n.name())) {
      model.dotted_commands.push_back(&n);
    }
  }
}

/// systemd's `Environment=` value: assignments separated by blanks, each
/// possibly in double or single quotes (with C escapes inside double quotes);
/// `%%` is a percent sign and other `%` specifiers are unknown. No `$`
/// expansion. An empty value clears what earlier `Environment=` lines set.
void systemd_environment(const Node& n, const Arg& value, ShellState& state, JvmModel& model,
                         std::vector<std::string>& assigned) {
  const std::string_view w = value.value;
  if (w.empty()) {
    for (const std::string& name : assigned) {
      state.vars.erase(name);
      state.last_write.erase(name);
    }
    assigned.clear();
    return;
  }
  auto origin = [&](std::size_t k) {
    return Origin{n.file(), value.range.begin + static_cast<std::uint32_t>(std::min(k, w.size())), true};
  };
  std::size_t i = 0;
  while (i < w.size()) {
    while (i < w.size() && (w[i] == ' ' || w[i] == '\t')) ++i;
    if (i == w.size()) break;
    Text word;
    char quote = 0;
    for (; i < w.size(); ++i) {
      const char c = w[i];
      if (quote == 0 && (c == ' ' || c == '\t')) break;
      if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (quote != 0 && c == quote) {
        quote = 0;
      } else if (c == '\\' && i + 1 < w.size()) {
        ++i;
        word.add(w[i] == 'n' ? '\n' : w[i] == 't' ? '\t' : w[i], origin(i));
      } else if (c == '%' && i + 1 < w.size()) {
        ++i;
        word.add(w[i] == '%' ? '%' : kUnknown, origin(i - 1));
      } else {
        word.add(c, origin(i));
      }
    }
    const std::size_t eq = word.s.find('=');
    const std::size_t len = name_length(word.s);
    // systemd ignores an assignment whose name is not a valid variable name.
    if (eq == std::string::npos || len == 0 || len != eq) continue;
    const std::string name = word.s.substr(0, eq);
    Text v;
    v.s = word.s.substr(eq + 1);
    v.at.assign(word.at.begin() + static_cast<long>(eq) + 1, word.at.end());
    assign(state, model, name, std::move(v), &n);
    assigned.push_back(name);
  }
}

void systemd_nodes(std::span<const Node> nodes, ShellState& state, JvmModel& model,
                   std::vector<std::string>& assigned) {
  for (const Node& section : nodes) {
    if (section.kind != NodeKind::block || section.name() != "Service") continue;
    for (const Node& n : section.children()) {
      const ArgList args = n.args();
      if (n.kind == NodeKind::directive && n.name() == "Environment" && args.size() == 1) {
        systemd_environment(n, args[0], state, model, assigned);
      }
    }
  }
}

void properties_file(const std::string& path, bool security, std::span<const Node> nodes, JvmModel& model,
                     std::vector<JvmOption>& catalina_properties) {
  if (!security && path::basename(path) == kCatalinaProperties) {
    for (const Node& n : nodes) {
      if (n.kind != NodeKind::directive) continue;
      JvmOption o;
      o.name = std::string(n.name());
      const ArgList args = n.args();
      o.value = args.empty() ? std::string() : std::string(args[0].value);
      o.has_value = true;
      o.variable = std::string(kCatalinaProperties);
      o.node = &n;
      o.file = n.file();
      o.range = n.range;
      o.name_range = n.name_range();
      catalina_properties.push_back(std::move(o));
    }
    return;
  }
  if (!security && !is_security_file(path)) return;
  for (const Node& n : nodes) {
    if (n.kind == NodeKind::directive) model.security_entries.push_back(&n);
  }
}

}  // namespace

std::string jvm_instance_base(const ConfigTree& tree, const SourceManager& sources) {
  if (tree.entry == kNoFile) return {};
  const std::string dir = path::dirname(sources.file(tree.entry).path());
  // conf/server.xml, or bin/setenv.sh: the instance is the parent directory.
  const std::string name = path::basename(dir);
  if (name == "conf" || name == "bin") return path::dirname(dir);
  // Debian: /etc/tomcatN/server.xml belongs to CATALINA_BASE /var/lib/tomcatN.
  if (name.rfind("tomcat", 0) == 0 && path::basename(path::dirname(dir)) == "etc") {
    return path::join(path::dirname(path::dirname(dir)), "var/lib/" + name);
  }
  return {};
}

const JvmOption* last_stapling_switch(const JvmModel& jvm) {
  const JvmOption* last = nullptr;
  for (const JvmOption& o : jvm.options) {
    if (o.name == kStaplingSwitch) last = &o;
  }
  return last;
}

const Node* misplaced_stapling_switch(const JvmModel& jvm, const JvmPropertyCatalog& properties) {
  auto means_switch = [&](std::string_view name) {
    const JvmProperty* intended = properties.intended_for(name);
    return name == kStaplingSwitch || (intended && intended->name == kStaplingSwitch);
  };
  for (const Node* n : jvm.dotted_commands) {
    if (means_switch(n->name().substr(0, n->name().find('=')))) return n;
  }
  for (const Node* n : jvm.security_entries) {
    if (means_switch(n->name())) return n;
  }
  for (const JvmOption& o : jvm.options) {
    if (o.name != kStaplingSwitch && means_switch(o.name)) return o.node;
  }
  return nullptr;
}

bool is_jvm_options_variable(std::string_view name) {
  return name == "CATALINA_OPTS" || name == "JAVA_OPTS" || name == "JAVA_TOOL_OPTIONS" || name == "JDK_JAVA_OPTIONS";
}

bool is_dotted_assignment(std::string_view w) {
  const std::size_t eq = w.find('=');
  if (eq == std::string_view::npos || eq == 0) return false;
  const std::string_view name = w.substr(0, eq);
  if (!name_start(name[0]) || name.find('.') == std::string_view::npos || name.back() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return name_char(c) || c == '.' || c == '-'; });
}

JvmModel build_jvm_model(const ConfigTree& tree, const SourceManager& sources, std::size_t max_value_length) {
  JvmModel model;
  Budget budget{max_value_length, 64 * max_value_length};
  std::vector<ConfigTree::JvmFile> files = tree.jvm_files;
  if (tree.dialect == Dialect::jvm && tree.entry != kNoFile) files.insert(files.begin(), {tree.entry, tree.nodes});
  // One shell environment across the files, in the order the start reads them
  // (/etc/default/tomcatN, then setenv.sh).
  ShellState shell;
  shell.budget = &budget;
  // catalina.sh sets CATALINA_BASE and CATALINA_HOME before it reads setenv.sh;
  // the instance's directory is the best staplint knows for both.
  const std::string base = jvm_instance_base(tree, sources);
  if (!base.empty()) {
    for (const char* name : {"CATALINA_BASE", "CATALINA_HOME"}) {
      Text t;
      for (const char c : base) t.add(c, Origin{kNoFile, 0, true});
      shell.vars[name] = std::move(t);
    }
  }
  // setenv.bat is the Windows side of the same instance: its own
  // environment, seeded the same way. Where the instance also has shell
  // files, which one runs depends on the platform, so its options are "maybe".
  ShellState batch;
  batch.vars = shell.vars;
  batch.budget = &budget;
  std::vector<JvmOption> catalina_properties;
  bool has_shell = false, has_batch = false;
  std::vector<std::string> unit_assigned;
  for (const ConfigTree::JvmFile& f : files) {
    const std::string& path = sources.file(f.file).path();
    const JvmFormat format = f.security ? JvmFormat::properties : jvm_format(path);
    switch (format) {
      case JvmFormat::properties:
        properties_file(path, f.security, f.nodes, model, catalina_properties);
        break;
      case JvmFormat::batch:
        has_batch = true;
        batch_nodes(f.nodes, sources, model, batch);
        break;
      case JvmFormat::systemd:
        systemd_nodes(f.nodes, shell, model, unit_assigned);
        break;
      case JvmFormat::shell:
        has_shell = true;
        shell_file(f.nodes, sources, model, shell);
        break;
    }
  }
  for (const auto& [name, value] : shell.vars) {
    if (is_jvm_options_variable(name)) collect_options(name, value, shell.last_write[name], model.options);
  }
  if (has_batch) {
    const std::size_t first = model.options.size();
    for (const auto& [name, value] : batch.vars) {
      if (is_jvm_options_variable(name)) collect_options(name, value, batch.last_write[name], model.options);
    }
    if (has_shell) {
      for (std::size_t i = first; i < model.options.size(); ++i) model.options[i].certain = false;
    }
  }
  // Last: Tomcat sets them over the -D options.
  for (JvmOption& o : catalina_properties) model.options.push_back(std::move(o));
  if (budget.tripped) {
    InputProblem p;
    p.kind = InputProblemKind::limit;
    if (const Node* at = budget.tripped_at) {
      p.file = at->file();
      p.range = at->range;
    } else if (!files.empty()) {
      p.file = files.front().file;
    }
    p.message = "shell or batch variables expand to more than " + std::to_string(max_value_length) + " bytes (or " +
                std::to_string(64 * max_value_length) + " in all); their values are cut there and read as unknown";
    model.problems.push_back(std::move(p));
  }
  return model;
}

}  // namespace staplint
