// nginx include expansion: globs, prefix and root mapping, cycles and limits.
#include "staplint/loader.hpp"

#include "staplint/apache_parse.hpp"
#include "staplint/aws_parse.hpp"
#include "staplint/jvm_parse.hpp"
#include "staplint/project_config.hpp"
#include "staplint/text.hpp"
#include "staplint/xml_parse.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstring>
#include <map>
#include <set>
#include <string_view>
#include <thread>
#include <unordered_set>

#include <spdlog/spdlog.h>

namespace staplint {

struct ConfigLoader::Expansion {
  ConfigTree& tree;
  std::string base_dir;            ///< where relative includes resolve
  std::vector<std::string> stack;  // identities of the files being expanded
  bool file_limit_reported = false;
  std::set<FileId> files;  // tree.files, for lookups
  /// Statements taken into the tree, counting each inclusion, and those of
  /// its distinct files: the expansion budget compares the two.
  std::size_t expanded_nodes = 0;
  std::size_t distinct_nodes = 0;
  bool over_budget = false;  ///< reported once; no include is expanded after it
  bool nesting_reported = false;
  bool value_reported = false;
  /// httpd's variables for `${NAME}`: Debian's envvars, then `Define NAME VALUE`
  /// in document order (UnDefine removes).
  std::map<std::string, std::string> vars = {};
};

namespace {

/// Debian's /etc/apache2/envvars is a shell script that apache2ctl sources;
/// staplint never runs it, it reads its `export NAME=value` lines. `$SUFFIX`
/// (set for multi-instance setups, /etc/apache2-NAME) is taken as empty.
std::map<std::string, std::string> read_envvars(const std::string& text) {
  std::map<std::string, std::string> vars;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + at, end - at);
    at = end + 1;
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.substr(0, 7) != "export ") continue;
    line.remove_prefix(7);
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    const std::string name(line.substr(0, eq));
    if (!std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; })) {
      continue;
    }
    std::string value(line.substr(eq + 1));
    if (const std::size_t hash = value.find(" #"); hash != std::string::npos) value.resize(hash);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) value.pop_back();
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    for (const std::string suffix : {"${SUFFIX}", "$SUFFIX"}) {
      for (std::size_t p; (p = value.find(suffix)) != std::string::npos;) value.erase(p, suffix.size());
    }
    vars[name] = value;
  }
  return vars;
}

/// httpd's ap_resolve_env: `${NAME}` from Define or the environment; an
/// unknown name stays as written (httpd warns, AH00111). The result stops at
/// `limit` bytes, with `over` set: a chain of Defines that each double the
/// last would otherwise grow without bound.
std::string expand_vars(std::string_view in, const std::map<std::string, std::string>& vars, std::size_t limit,
                        bool& over) {
  std::string out;
  std::size_t i = 0;
  auto room = [&](std::size_t n) {
    if (out.size() + n <= limit) return true;
    over = true;
    return false;
  };
  while (i < in.size()) {
    if (in[i] == '$' && i + 1 < in.size() && in[i + 1] == '{') {
      const std::size_t close = in.find('}', i + 2);
      if (close != std::string_view::npos) {
        const auto it = vars.find(std::string(in.substr(i + 2, close - i - 2)));
        if (it != vars.end()) {
          if (!room(it->second.size())) return out;
          out += it->second;
          i = close + 1;
          continue;
        }
      }
    }
    if (!room(1)) return out;
    out += in[i++];
  }
  return out;
}

/// A name expand() acts on in `dialect` (it checks the node's kind and
/// arguments itself: this may say yes where it then does nothing).
bool expansion_name(std::string_view name, Dialect dialect) {
  switch (dialect) {
    case Dialect::jvm:
    case Dialect::tomcat:
      return false;  // expand() follows nothing in them
    case Dialect::apache:
      return iequals(name, "Include") || iequals(name, "IncludeOptional") || iequals(name, "Define") ||
             iequals(name, "UnDefine");
    default:
      return name == "include";
  }
}

}  // namespace

/// Without recursion: a worklist of child lists.
ConfigLoader::NodeSummary ConfigLoader::summarize(std::span<const Node> nodes, Dialect dialect, unsigned limit) {
  NodeSummary s;
  std::vector<std::pair<std::span<const Node>, unsigned>> todo{{nodes, 0}};
  while (!todo.empty()) {
    auto [list, level] = todo.back();
    todo.pop_back();
    s.count += list.size();
    if (list.empty()) continue;
    s.depth = std::max(s.depth, level);
    if (level > limit && !s.deep) s.deep = &list.front();
    for (const Node& n : list) {
      if (!s.expands && n.kind != NodeKind::comment && expansion_name(n.name(), dialect)) s.expands = true;
      if (!n.children().empty()) todo.push_back({n.children(), level + 1});
    }
  }
  return s;
}

ConfigLoader::ConfigLoader(const FileSystem& fs, SourceManager& sources, LoadOptions options)
    : fs_(fs), sources_(sources), options_(std::move(options)) {}

namespace {
/// parse_file()'s cache key, and parse_ahead()'s: the dialect and the
/// canonical identity.
std::string cache_key(Dialect dialect, const std::string& identity) {
  return std::string(to_string(dialect)) + ":" + identity;
}

ParseResult parse_text(FileId file, SourceManager& sources, Dialect dialect, unsigned max_nesting) {
  return dialect == Dialect::aws      ? parse_aws_text(file, sources, max_nesting)
         : dialect == Dialect::jvm    ? parse_jvm_text(file, sources)
         : dialect == Dialect::tomcat ? parse_xml_text(file, sources, max_nesting)
         : dialect == Dialect::apache ? parse_apache_text(file, sources, max_nesting)
                                      : parse_nginx_text(file, sources, max_nesting);
}
}  // namespace

void ConfigLoader::parse_ahead(const std::vector<std::string>& paths, Dialect dialect, std::size_t budget) {
  if (options_.jobs < 2 || paths.size() < 2) return;
  struct Work {
    const std::string* path;
    std::string identity;
    std::string key;
    std::optional<ParsedAhead> done;
  };
  // Sized once: a glob of 20,000 files would otherwise copy its work list
  // as it grows, into memory never touched before. `listed` views the keys
  // in place, which stay put for that reason.
  std::vector<Work> work;
  work.reserve(std::min(paths.size(), budget));
  std::unordered_set<std::string_view> listed;
  listed.reserve(work.capacity());
  for (const std::string& p : paths) {
    if (work.size() >= budget) break;
    std::string identity = fs_.canonical(p);
    std::string key = cache_key(dialect, identity);
    if (cache_.count(key) || ahead_.count(key)) continue;
    if (template_engine(p)) continue;  // masked by parse_file(), on this thread
    work.push_back({&p, std::move(identity), std::move(key), std::nullopt});
    if (!listed.insert(work.back().key).second) work.pop_back();  // named twice
  }
  if (work.size() < 2) return;
  const std::size_t max_size = options_.limits.max_file_size;
  const unsigned max_nesting = options_.limits.max_nesting;
  const auto threads = static_cast<unsigned>(std::min<std::size_t>(options_.jobs, work.size()));
  std::vector<std::unique_ptr<SourceManager>> own(threads);
  std::atomic<std::size_t> next{0};
  auto run = [&](unsigned t) noexcept {
    try {
      own[t] = std::make_unique<SourceManager>();
    } catch (...) {
      return;  // out of memory: parse_file() does it all, and says so
    }
    SourceManager& sm = *own[t];
    for (std::size_t i; (i = next.fetch_add(1)) < work.size();) try {
        Work& w = work[i];
        std::optional<ReadResult> r = fs_.read_concurrently(*w.path, w.identity, max_size);
        // What a thread cannot do, parse_file() does, with its messages.
        if (!r || r->status != ReadResult::Status::ok || r->bytes.find('\0') != std::string::npos) continue;
        const FileId file = sm.add(*w.path, w.identity, std::move(r->bytes));
        const std::size_t units = sm.unit_count();
        ParseResult parsed = parse_text(file, sm, dialect, max_nesting);
        // Walked here, on this thread, while the nodes are in its cache.
        const NodeSummary summary = parsed ? summarize(*parsed, dialect, max_nesting) : NodeSummary{};
        // `sm` stays where it is when sources_ takes it over.
        w.done = ParsedAhead{&sm, file, sm.units_since(units), std::move(parsed), summary};
      } catch (...) {
        // Left to parse_file(), whose own failure reaches the caller.
      }
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(run, t);
    run(0);
  }  // joined
  // The threads' managers (their arenas, units and kept strings) live as
  // long as the sources; each file joins them when parse_file() takes it.
  for (auto& sm : own) {
    if (sm) sources_.keep_alive(std::move(sm));
  }
  for (Work& w : work) {
    if (w.done) ahead_.emplace(std::move(w.key), std::move(*w.done));
  }
}

ParseResult ConfigLoader::take_parsed_ahead(AheadMap::iterator it, ParsedFile& pf, NodeSummary& summary) {
  // Parsed on another thread: the file joins the sources now, in the order
  // a one-thread run adds it, and its problem points at its new id.
  ParsedAhead& a = it->second;
  pf.file = sources_.take_file(*a.owner, a.file, a.units);
  ParseResult parsed = std::move(a.parsed);
  summary = a.summary;
  if (!parsed) {
    InputProblem& p = parsed.error();
    auto retarget = [&](FileId& f) { f = f == a.file ? pf.file : f; };
    retarget(p.file);
    for (Note& n : p.notes) retarget(n.file);
    if (p.fix) {
      for (TextEdit& e : p.fix->edits) retarget(e.file);
    }
  }
  ahead_.erase(it);
  return parsed;
}

ParsedFile& ConfigLoader::parse_file(const std::string& path, Dialect dialect) {
  return parse_file(path, fs_.canonical(path), dialect);
}

ParsedFile& ConfigLoader::parse_file(const std::string& path, const std::string& identity, Dialect dialect) {
  // Each key hashed once here: a tree of 20,000 files joins them on one thread.
  std::string key = cache_key(dialect, identity);
  const auto ahead_it = ahead_.find(key);
  const auto [cached, inserted] = cache_.try_emplace(std::move(key));
  if (!inserted) return cached->second;
  ParsedFile& pf = cached->second;
  const bool ahead = ahead_it != ahead_.end();
  if (!ahead) {
    ReadResult r = fs_.read(path, options_.limits.max_file_size);
    auto fail = [&](std::string message) {
      pf.file = sources_.add(path, identity, "");
      InputProblem p;
      p.kind = InputProblemKind::unreadable;
      p.file = pf.file;
      p.message = std::move(message);
      pf.problem = std::move(p);
    };
    switch (r.status) {
      case ReadResult::Status::ok:
        break;
      case ReadResult::Status::too_large:
        fail("'" + path + "' is over the size limit of " + std::to_string(options_.limits.max_file_size) + " bytes (" +
             r.error + ")");
        return pf;
      case ReadResult::Status::is_directory:
        fail("'" + path + "' is a directory, not a configuration file");
        return pf;
      default:
        fail("cannot read '" + path + "': " + r.error);
        return pf;
    }
    if (const std::size_t at = r.bytes.find('\0'); at != std::string::npos) {
      const auto line = 1 + std::count(r.bytes.begin(), r.bytes.begin() + static_cast<long>(at), '\n');
      fail("'" + path + "' is not a text file (a NUL byte on line " + std::to_string(line) + ")");
      return pf;
    }
    if (const std::optional<TemplateEngine> engine = template_engine(path)) {
      // A template: the parsers read its mask, output shows it as written.
      TemplateMask mask = mask_template(r.bytes, *engine);
      if (options_.template_conditions_out) leave_out_conditions(mask);
      apply_template_variables(mask, r.bytes, *engine, template_variables(path, *engine));
      std::optional<TemplateMask::Problem> problem = mask.problem;
      pf.file = sources_.add_template(path, identity, std::move(r.bytes), std::move(mask));
      if (problem) {
        InputProblem p;
        p.kind = InputProblemKind::syntax;
        p.file = pf.file;
        p.range = problem->range;
        p.message = std::string(to_string(*engine)) + " template: " + problem->message;
        pf.problem = std::move(p);
        return pf;
      }
    } else {
      pf.file = sources_.add(path, identity, std::move(r.bytes));
    }
  }
  std::optional<NodeSummary> summary;  // made by parse_ahead()'s thread
  ParseResult parsed = ahead ? take_parsed_ahead(ahead_it, pf, summary.emplace())
                             : parse_text(pf.file, sources_, dialect, options_.limits.max_nesting);
  if (parsed) {
    pf.nodes = *parsed;
    if (TemplateMask* mask = sources_.template_mask_to_update(pf.file)) {
      substitute_template_values(pf.nodes, *mask, sources_);
      summary.reset();
    }
  } else {
    pf.problem = std::move(parsed.error());
    const SourceFile& src = sources_.file(pf.file);
    if (pf.problem->kind == InputProblemKind::syntax && !src.template_mask()) {
      // A template its name does not announce: one note, not a syntax error
      // at its first marker (SL0008).
      // The marker is on the line the parse stopped at, or on one its notes
      // name (httpd's `<% if %>` reads as a section opened there).
      std::optional<TemplateMarker> marker = template_marker_at(src.text(), pf.problem->range.begin);
      for (const Note& n : pf.problem->notes) {
        if (!marker && n.file == pf.file) marker = template_marker_at(src.text(), n.range.begin);
      }
      if (marker) {
        // Said at the file's first marker, where the template begins.
        std::size_t first = marker->range.begin;
        for (std::string_view open : {"{{", "{%", "<%"}) first = std::min(first, src.text().find(open));
        if (auto earlier = template_marker_at(src.text(), static_cast<std::uint32_t>(first))) marker = earlier;
        InputProblem p;
        p.kind = InputProblemKind::template_unnamed;
        p.file = pf.file;
        p.range = marker->range;
        const std::string_view engine = marker->engine == TemplateEngine::go    ? "a Go template"
                                        : marker->engine == TemplateEngine::erb ? "an ERB template"
                                                                                : "a Jinja2 template";
        const std::string_view ext = marker->engine == TemplateEngine::go    ? "'.tmpl'"
                                     : marker->engine == TemplateEngine::erb ? "'.erb'"
                                                                             : "'.j2'";
        p.message = "'" + path::basename(path) + "' reads as " + std::string(engine) +
                    " (a template marker here), but its name says no template engine; name it with " +
                    std::string(ext) + " to have staplint read it as a template; not linted";
        pf.problem = std::move(p);
      }
    }
  }
  if (!summary || pf.problem) summary = summarize(pf.nodes, dialect, options_.limits.max_nesting);
  pf.node_count = summary->count;
  pf.depth = summary->depth;
  pf.expands = summary->expands;
  const Node* deep = summary->deep;
  // The nginx, httpd and XML parsers stop at max_nesting themselves; the
  // batch and systemd files' blocks are checked here.
  if (!pf.problem && dialect == Dialect::jvm && pf.depth > options_.limits.max_nesting) {
    InputProblem p;
    p.kind = InputProblemKind::limit;
    p.file = pf.file;
    if (deep) p.range = deep->range;
    p.message = "blocks nest deeper than " + std::to_string(options_.limits.max_nesting) + " levels";
    pf.problem = std::move(p);
    pf.nodes = {};
  }
  spdlog::debug("parsed '{}': {} top-level statements{}", path, pf.nodes.size(), pf.problem ? " (with a problem)" : "");
  return pf;
}

std::optional<TemplateEngine> ConfigLoader::template_engine(const std::string& path) const {
  if (!options_.template_globs.empty()) {
    const std::string absolute =
        path::is_absolute(path) || options_.cwd.empty() ? path::normalize(path) : path::join(options_.cwd, path);
    for (const auto& [glob, engine] : options_.template_globs) {
      if (glob_match(glob, absolute) || glob_match(glob, path)) return engine;
    }
  }
  if (std::optional<TemplateName> name = template_by_name(path)) return name->engine;
  const std::string dir = path::dirname(path);
  if (path::basename(dir) == "templates" && fs_.kind(path::join(path::dirname(dir), "Chart.yaml")) == PathKind::file) {
    return TemplateEngine::go;
  }
  return std::nullopt;
}

TemplateVariables ConfigLoader::template_variables(const std::string& path, TemplateEngine engine) {
  TemplateVariables vars;
  // The `templates` folder the template lies in (it may have subfolders):
  // its parent is the role or the chart.
  std::string owner;
  std::string dir = path::dirname(path);
  for (int up = 0; up < 8 && !dir.empty() && dir != "/" && dir != "."; ++up) {
    if (path::basename(dir) == "templates") {
      owner = path::dirname(dir);
      break;
    }
    dir = path::dirname(dir);
  }
  auto read = [&](const std::string& file, std::string_view prefix) {
    const std::string key = std::string(to_string(engine)) + "\n" + file;
    auto it = variable_files_.find(key);
    if (it == variable_files_.end()) {
      TemplateVariables read_vars;
      // Only a file inside the role or chart, symbolic links followed: its
      // values are quoted in notes, and a link may point anywhere.
      const std::string real = fs_.canonical(file);
      const std::string inside = fs_.canonical(owner) + "/";
      if (fs_.kind(file) == PathKind::file && (real.rfind(inside, 0) != 0 || is_kernel_path(real))) {
        spdlog::info("'{}': not read as template variables: it leads outside '{}'", file, owner);
      } else if (fs_.kind(file) == PathKind::file) {
        ReadResult r = fs_.read(file, options_.limits.max_file_size);
        std::optional<std::string> error = r.status == ReadResult::Status::ok
                                               ? read_template_variables(r.bytes, file, prefix, engine, read_vars)
                                               : std::optional<std::string>(r.error);
        if (error) spdlog::info("'{}': not read as template variables: {}", file, *error);
      }
      it = variable_files_.emplace(key, std::move(read_vars)).first;
    }
    vars.merge(it->second);
  };
  if (!owner.empty() && engine == TemplateEngine::jinja) {
    // Ansible: role vars take precedence over role defaults.
    for (const char* f : {"defaults/main.yml", "defaults/main.yaml", "vars/main.yml", "vars/main.yaml"}) {
      read(path::join(owner, f), "");
    }
  } else if (!owner.empty() && engine == TemplateEngine::go &&
             fs_.kind(path::join(owner, "Chart.yaml")) == PathKind::file) {
    read(path::join(owner, "values.yaml"), ".Values.");
  }
  for (const LoadOptions::TemplateVar& v : options_.template_vars) vars.set(v.name, {v.value, v.source});
  return vars;
}

std::string ConfigLoader::apache_server_root(std::span<const Node> top, const std::string& entry_dir) const {
  if (!options_.prefix.empty()) return options_.map_server_path(options_.prefix);
  for (const Node& n : top) {
    if (n.kind != NodeKind::directive || !iequals(n.name(), "ServerRoot") || n.args().size() != 1) continue;
    std::string root(n.args()[0].value);
    root = options_.map_server_path(root);
    if (fs_.kind(root) == PathKind::directory) return root;
  }
  // RHEL keeps httpd.conf in ServerRoot/conf/: in a checkout, that parent is
  // the server root.
  if (path::basename(entry_dir) == "conf") return path::dirname(entry_dir);
  return entry_dir;
}

namespace {
/// Copies a file's nodes for its second inclusion, in this tree or another
/// (the same entry loaded again, a snippet two entries include): the file's
/// own nodes move to `to_unit`; its include directives are unexpanded again,
/// so that the tree that takes the copy records what they bring in.
std::span<Node> deep_copy(Arena& arena, std::span<const Node> from, const NodeUnit* from_unit,
                          const NodeUnit& to_unit) {
  std::span<Node> to = arena.make_array<Node>(from.size());
  for (std::size_t i = 0; i < from.size(); ++i) {
    to[i] = from[i];
    if (from[i].unit() == from_unit) to[i].set_unit(to_unit);
    if (from[i].kind == NodeKind::include) {
      to[i].kind = NodeKind::directive;
      to[i].set_children({});
    } else if (!from[i].children().empty()) {
      to[i].set_children(deep_copy(arena, from[i].children(), from_unit, to_unit));
    }
  }
  return to;
}
}  // namespace

std::span<Node> ConfigLoader::take_nodes(ParsedFile& pf) {
  if (!pf.taken) {
    pf.taken = true;
    return pf.nodes;
  }
  if (pf.nodes.empty()) return {};
  const NodeUnit* from = pf.nodes.front().unit();
  return deep_copy(sources_.arena(), pf.nodes, from, sources_.copy_unit(*from));
}

namespace {
/// Records which inclusion brought the file of `nodes` in.
void set_inclusion(SourceManager& sm, std::span<Node> nodes, std::uint32_t inclusion) {
  if (!nodes.empty()) sm.own(*nodes.front().unit()).inclusion = inclusion;
}
}  // namespace

ConfigTree ConfigLoader::load(const std::string& entry_path, bool as_fragment, Dialect dialect,
                              const std::string& base_dir) {
  ConfigTree tree;
  tree.dialect = dialect;
  tree.fragment = as_fragment;
  ParsedFile& pf = parse_file(entry_path, dialect);
  tree.entry = pf.file;
  tree.files.push_back(pf.file);
  tree.inclusions.push_back({pf.file, 0, kNoFile, {}});
  if (pf.problem) {
    tree.problems.push_back(*pf.problem);
    return tree;
  }
  tree.nodes = take_nodes(pf);
  if (dialect == Dialect::tomcat) add_tomcat_jvm_files(tree, entry_path);
  const std::string base = !base_dir.empty()            ? base_dir
                           : dialect == Dialect::apache ? apache_server_root(tree.nodes, path::dirname(entry_path))
                                                        : path::dirname(entry_path);
  tree.base_dir = base;
  Expansion ex{tree, base, {fs_.canonical(entry_path)}, {}, {pf.file}};
  ex.distinct_nodes = ex.expanded_nodes = pf.node_count;
  if (dialect == Dialect::apache) {
    const std::string envvars = path::join(path::dirname(entry_path), "envvars");
    if (fs_.kind(envvars) == PathKind::file) {
      ReadResult r = fs_.read(envvars, options_.limits.max_file_size);
      if (r.status == ReadResult::Status::ok) ex.vars = read_envvars(r.bytes);
    }
  }
  expand(tree.nodes, ex, 0, 0, 0);
  tree.node_count = ex.expanded_nodes;
  return tree;
}

ConfigTree ConfigLoader::load_files(const std::vector<std::string>& files, Dialect dialect,
                                    const std::string& base_dir) {
  ConfigTree tree;
  tree.dialect = dialect;
  tree.fragment = true;
  tree.base_dir = base_dir;
  std::vector<std::span<Node>> lists;
  std::size_t total = 0;
  for (const std::string& f : files) {
    ParsedFile& pf = parse_file(f, dialect);
    if (std::find(tree.files.begin(), tree.files.end(), pf.file) != tree.files.end()) continue;
    if (tree.entry == kNoFile) tree.entry = pf.file;
    const auto inclusion = static_cast<std::uint32_t>(tree.inclusions.size());
    tree.inclusions.push_back({pf.file, 0, kNoFile, {}});
    tree.files.push_back(pf.file);
    if (pf.problem) {
      tree.problems.push_back(*pf.problem);
      continue;
    }
    std::span<Node> nodes = take_nodes(pf);
    set_inclusion(sources_, nodes, inclusion);
    lists.push_back(nodes);
    total += nodes.size();
  }
  std::span<Node> joined = sources_.arena().make_array<Node>(total);
  std::size_t at = 0;
  for (std::span<Node> l : lists) {
    std::copy(l.begin(), l.end(), joined.begin() + static_cast<std::ptrdiff_t>(at));
    at += l.size();
  }
  tree.nodes = joined;
  return tree;
}

namespace {
/// The last top-level `name {}` block, through includes (their depth is
/// bounded by max_include_depth).
Node* last_block(std::span<Node> nodes, std::string_view name) {
  Node* found = nullptr;
  for (Node& n : nodes) {
    if (n.kind == NodeKind::include) {
      if (Node* f = last_block(n.children(), name)) found = f;
    } else if (n.kind == NodeKind::block && n.name() == name) {
      found = &n;
    }
  }
  return found;
}
}  // namespace

ConfigTree ConfigLoader::load_adopting(const std::string& entry_path, Dialect dialect, const std::string& file) {
  ConfigTree tree = load(entry_path, false, dialect);
  if (tree.entry == kNoFile || tree.nodes.empty()) return tree;
  ParsedFile& af = parse_file(file, dialect);
  if (af.file == kNoFile || af.problem) return tree;
  if (std::find(tree.files.begin(), tree.files.end(), af.file) != tree.files.end()) return tree;
  Node* host = nullptr;
  if (dialect == Dialect::nginx) {
    host = last_block(tree.nodes, "http");
    if (!host) return tree;
  }
  const std::span<Node> nodes = take_nodes(af);
  const auto inclusion = static_cast<std::uint32_t>(tree.inclusions.size());
  tree.inclusions.push_back({af.file, 0, kNoFile, {}});
  tree.files.push_back(af.file);
  Expansion ex{tree, tree.base_dir, {fs_.canonical(file)}, {}, {tree.files.begin(), tree.files.end()}};
  ex.distinct_nodes = ex.expanded_nodes = af.node_count;
  expand(nodes, ex, inclusion, 1, host ? 1 : 0);
  tree.node_count += ex.expanded_nodes;
  // Spliced in after the host's own statements, as `include FILE;` would be.
  const std::span<Node> before = host ? host->children() : tree.nodes;
  std::span<Node> joined = sources_.arena().make_array<Node>(before.size() + nodes.size());
  std::copy(before.begin(), before.end(), joined.begin());
  std::copy(nodes.begin(), nodes.end(), joined.begin() + static_cast<std::ptrdiff_t>(before.size()));
  if (host)
    host->set_children(joined);
  else
    tree.nodes = joined;
  tree.adopted = af.file;
  return tree;
}

void ConfigLoader::add_tomcat_jvm_files(ConfigTree& tree, const std::string& server_xml) {
  // conf/ is CATALINA_BASE/conf; Debian's /etc/tomcat10 is that conf/, with
  // /etc/default/tomcat10 beside it and the systemd unit that starts it.
  const std::string conf = path::dirname(server_xml);
  const std::string base = path::dirname(conf);
  const std::string instance = path::basename(conf);
  auto add = [&](const std::string& c, bool conventional = true) -> const ConfigTree::JvmFile* {
    if (fs_.kind(c) != PathKind::file) return nullptr;
    ParsedFile& jf = parse_file(c, Dialect::jvm);
    if (std::find(tree.files.begin(), tree.files.end(), jf.file) != tree.files.end()) return nullptr;
    tree.files.push_back(jf.file);
    if (jf.problem) {
      tree.problems.push_back(*jf.problem);
      return nullptr;
    }
    tree.jvm_files.push_back({jf.file, take_nodes(jf), false, conventional});
    return &tree.jvm_files.back();
  };
  if (path::basename(base) == "etc") {
    // systemd's environment comes first: the unit (one in /etc/systemd/system
    // replaces the packaged one), its drop-ins in name order, then the files
    // its EnvironmentFile= lines name, which override Environment=.
    const std::string root = path::dirname(base);
    const std::string unit = instance + ".service";
    std::vector<std::string> units;
    for (const std::string& dir : {path::join(base, "systemd/system"), path::join(root, "lib/systemd/system"),
                                   path::join(root, "usr/lib/systemd/system")}) {
      if (fs_.kind(path::join(dir, unit)) == PathKind::file) {
        units.push_back(path::join(dir, unit));
        break;
      }
    }
    const std::string dropins = path::join(base, "systemd/system/" + unit + ".d");
    for (const DirEntry& e : fs_.list(dropins)) {
      const bool conf_file = e.name.size() > 5 && e.name.compare(e.name.size() - 5, 5, ".conf") == 0;
      if (e.kind == PathKind::file && conf_file) units.push_back(path::join(dropins, e.name));
    }
    std::vector<std::string> environment_files;
    for (const std::string& u : units) {
      const ConfigTree::JvmFile* jf = add(u);
      if (!jf) continue;
      for (const Node& section : jf->nodes) {
        if (section.kind != NodeKind::block || section.name() != "Service") continue;
        for (const Node& n : section.children()) {
          if (n.kind != NodeKind::directive || n.name() != "EnvironmentFile" || n.args().size() != 1) continue;
          std::string f(n.args()[0].value);
          if (!f.empty() && f.front() == '-') f.erase(0, 1);  // `-`: optional
          if (!path::is_absolute(f)) continue;                // systemd requires absolute paths
          environment_files.push_back(options_.maps_server_paths() ? options_.map_server_path(f)
                                                                   : path::join(root, f.substr(1)));
        }
      }
    }
    for (const std::string& f : environment_files) add(f, false);
    // RHEL and Fedora: the unit reads /etc/tomcat/tomcat.conf, then
    // /etc/sysconfig/tomcat (added above when the unit is in the tree).
    add(path::join(conf, instance + ".conf"));
    add(path::join(base, "sysconfig/" + instance));
    add(path::join(base, "default/" + instance));
    // Debian's CATALINA_BASE is /var/lib/tomcatN (its conf/ links to /etc/tomcatN).
    add(path::join(root, "var/lib/" + instance + "/bin/setenv.sh"));
  }
  // catalina.sh runs the lines a user adds to it before it reads setenv.sh
  // (SL1105 says they belong there).
  for (const std::string& c : {path::join(base, "default/" + instance), path::join(base, "bin/catalina.sh"),
                               path::join(base, "bin/setenv.sh"), path::join(base, "bin/catalina.bat"),
                               path::join(base, "bin/setenv.bat"), path::join(conf, "catalina.properties")}) {
    add(c);
  }
}

void ConfigLoader::expand(std::span<Node> nodes, Expansion& ex, std::uint32_t inclusion, unsigned depth,
                          unsigned nesting) {
  // JVM and Tomcat files include nothing staplint follows (yet).
  if (ex.tree.dialect == Dialect::jvm || ex.tree.dialect == Dialect::tomcat) return;
  for (Node& n : nodes) {
    const bool include = ex.tree.dialect == Dialect::apache
                             ? iequals(n.name(), "Include") || iequals(n.name(), "IncludeOptional")
                             : n.name() == "include";
    if (ex.tree.dialect == Dialect::apache && n.kind == NodeKind::directive) {
      if (iequals(n.name(), "Define") && n.args().size() == 2) {
        bool over = false;
        ex.vars[std::string(n.args()[0].value)] =
            expand_vars(n.args()[1].value, ex.vars, options_.limits.max_value_length, over);
        if (over) value_over_limit(ex, n, n.args()[1].range);
      } else if (iequals(n.name(), "UnDefine") && n.args().size() == 1) {
        ex.vars.erase(std::string(n.args()[0].value));
      }
    }
    if (n.kind == NodeKind::directive && include && n.args().size() == 1) {
      expand_include(n, ex, inclusion, depth, nesting);
    } else if (n.kind == NodeKind::block) {
      expand(n.children(), ex, inclusion, depth, nesting + 1);
    }
  }
}

std::vector<std::string> LoadOptions::checkout_roots() const {
  std::vector<std::string> out;
  if (!root.empty()) out.push_back(root);
  for (const auto& [prefix, checkout] : path_map) out.push_back(checkout);
  return out;
}

std::string LoadOptions::join_confined(const std::string& dir, const std::string& relative) const {
  std::string joined = path::join(dir, relative);
  if (!maps_server_paths() || path::is_absolute(relative)) return joined;
  auto inside = [](const std::string& p, const std::string& d) {
    return d == "." ? !path::is_absolute(p) && p != ".." && p.rfind("../", 0) != 0
                    : p == d || d == "/" || (p.rfind(d + "/", 0) == 0);
  };
  const std::string from = path::normalize(dir);
  std::string holder;  // the longest checkout root that holds `dir`
  for (const std::string& r : checkout_roots()) {
    const std::string n = path::normalize(r);
    if (inside(from, n) && n.size() >= holder.size()) holder = n;
  }
  if (holder.empty() || inside(path::normalize(joined), holder)) return joined;
  // Out of the root: resolve as under chroot, with `/..` being `/`.
  const std::string below = holder == "." ? from : from.substr(std::min(from.size(), holder.size() + 1));
  const std::string server = path::normalize("/" + path::join(below == "." ? "" : below, relative));
  return server == "/" ? holder : path::join(holder, server.substr(1));
}

std::string LoadOptions::map_server_path(const std::string& raw_path) const {
  if (!path::is_absolute(raw_path)) return raw_path;
  // `..` stops at `/`, on the server and in the checkout that stands for it.
  std::string server_path = maps_server_paths() ? path::normalize(raw_path) : raw_path;
  const std::string* to = nullptr;
  std::size_t longest = 0;
  std::string rest;
  for (const auto& [prefix, checkout] : path_map) {
    std::string from = prefix;
    while (from.size() > 1 && from.back() == '/') from.pop_back();
    const bool covers =
        from == "/" || server_path == from || (server_path.rfind(from, 0) == 0 && server_path[from.size()] == '/');
    if (!covers || (to && from.size() <= longest)) continue;
    to = &checkout;
    longest = from.size();
    rest = server_path.substr(std::min(server_path.size(), from == "/" ? 1 : from.size() + 1));
  }
  if (to) return rest.empty() ? *to : path::join(*to, rest);
  if (!root.empty()) return path::join(root, server_path.substr(1));
  return server_path;
}

// `base_dir` is where the including file was read (a checkout path); an
// absolute pattern and the --prefix are server paths, mapped to where they
// are read.
std::string ConfigLoader::resolve(const std::string& pattern, const std::string& base_dir) const {
  if (path::is_absolute(pattern)) return options_.map_server_path(pattern);
  if (!options_.prefix.empty()) return options_.join_confined(options_.map_server_path(options_.prefix), pattern);
  return options_.join_confined(base_dir, pattern);
}

void ConfigLoader::value_over_limit(Expansion& ex, const Node& node, Range at) {
  if (ex.value_reported) return;
  ex.value_reported = true;
  InputProblem p;
  p.kind = InputProblemKind::limit;
  p.file = node.file();
  p.range = at;
  p.message = "variables expand to more than " + std::to_string(options_.limits.max_value_length) +
              " bytes; the value is cut there";
  ex.tree.problems.push_back(std::move(p));
}

void ConfigLoader::expand_include(Node& node, Expansion& ex, std::uint32_t inclusion, unsigned depth,
                                  unsigned nesting) {
  ConfigTree& tree = ex.tree;
  if (ex.over_budget) return;
  node.kind = NodeKind::include;
  const Arg& arg = node.args().front();
  auto problem = [&](InputProblemKind kind, std::string message) {
    InputProblem p;
    p.kind = kind;
    p.file = node.file();
    p.range = arg.range;
    p.message = std::move(message);
    tree.problems.push_back(std::move(p));
  };

  const bool apache = tree.dialect == Dialect::apache;
  bool over = false;
  const std::string value =
      apache ? expand_vars(arg.value, ex.vars, options_.limits.max_value_length, over) : std::string(arg.value);
  if (over) {
    value_over_limit(ex, node, arg.range);
    return;
  }
  const bool optional = apache && iequals(node.name(), "IncludeOptional");
  const std::string resolved = resolve(value, ex.base_dir);
  std::vector<std::string> paths;
  std::vector<Node> included;
  path::WalkReport walked;
  // httpd reads an included directory's files, and those of its
  // subdirectories.
  auto add_below = [&](const std::string& dir) {
    for (std::string& f : path::files_below(fs_, dir, 16, false, walked)) paths.push_back(std::move(f));
  };
  auto report_walk = [&] {
    for (const std::string& d : walked.unreadable) {
      problem(InputProblemKind::unreadable,
              "cannot list directory '" + d + "' of included '" + value + "': permission denied");
    }
    if (walked.over_budget) {
      problem(InputProblemKind::limit, "included '" + value + "' makes staplint look at more than " +
                                           std::to_string(path::kMaxWalkEntries) + " directory entries");
    }
    if (!walked.loops.empty()) {
      spdlog::info("'{}': not entered again through a symlink: '{}'", value, walked.loops.front());
    }
  };
  if (path::has_glob(resolved)) {
    for (DirEntry& e : path::glob(fs_, resolved, &walked)) {
      if (e.kind == PathKind::unreadable)
        walked.unreadable.push_back(e.name);
      else if (e.kind != PathKind::directory)
        paths.push_back(std::move(e.name));
      else if (apache)
        add_below(e.name);
    }
    report_walk();
    if (walked.over_budget) return;
    // httpd's Include refuses a wildcard that matches nothing (nginx and
    // IncludeOptional accept it).
    if (paths.empty() && apache && !optional) {
      const std::string dir = path::dirname(resolved);
      problem(InputProblemKind::include_not_found,
              fs_.kind(dir) == PathKind::directory
                  ? "no matches for the wildcard '" + path::basename(resolved) + "' in '" + dir +
                        "'; httpd refuses an 'Include' that matches nothing (use 'IncludeOptional')"
                  : "cannot open directory '" + dir + "' of included wildcard '" + value + "'");
      return;
    }
  } else if (apache && fs_.kind(resolved) == PathKind::directory) {
    add_below(resolved);
    report_walk();
    if (walked.over_budget) return;
  } else if (fs_.kind(resolved) == PathKind::missing) {
    if (optional) return;
    std::string msg = "included file '" + value + "' not found";
    if (resolved != value) msg += " (looked for '" + resolved + "')";
    problem(InputProblemKind::include_not_found, std::move(msg));
    if (path::is_absolute(value) && !options_.maps_server_paths()) {
      tree.problems.back().notes.push_back(
          {node.file(), arg.range, "to read absolute include paths from a checkout, pass '--root DIR'"});
    }
    return;
  } else {
    paths.push_back(resolved);
  }

  if (depth + 1 <= options_.limits.max_include_depth && tree.files.size() < options_.limits.max_files) {
    parse_ahead(paths, tree.dialect, options_.limits.max_files - tree.files.size());
  }
  for (const std::string& p : paths) {
    if (depth + 1 > options_.limits.max_include_depth) {
      problem(InputProblemKind::limit,
              "includes nest deeper than " + std::to_string(options_.limits.max_include_depth) + " levels");
      return;
    }
    if (tree.files.size() >= options_.limits.max_files) {
      if (!ex.file_limit_reported) {
        problem(InputProblemKind::limit,
                "more than " + std::to_string(options_.limits.max_files) + " files in one configuration tree");
        ex.file_limit_reported = true;
      }
      return;
    }
    const std::string identity = fs_.canonical(p);
    if (auto it = std::find(ex.stack.begin(), ex.stack.end(), identity); it != ex.stack.end()) {
      std::string chain;
      for (auto c = it; c != ex.stack.end(); ++c) chain += "'" + path::basename(*c) + "' -> ";
      chain += "'" + path::basename(identity) + "'";
      problem(InputProblemKind::include_cycle, "include cycle: " + chain);
      continue;
    }
    ParsedFile& pf = parse_file(p, identity, tree.dialect);
    const bool first_time = ex.files.insert(pf.file).second;
    if (first_time) tree.files.push_back(pf.file);
    if (pf.problem) {
      if (pf.problem->kind == InputProblemKind::unreadable) {
        problem(InputProblemKind::unreadable, pf.problem->message);
      } else {
        tree.problems.push_back(*pf.problem);
      }
      continue;
    }
    // Nesting counts through includes: the models and rules walk the
    // expanded tree.
    if (nesting + 1 + pf.depth > options_.limits.max_nesting) {
      if (!ex.nesting_reported) {
        problem(InputProblemKind::limit, "blocks nest deeper than " + std::to_string(options_.limits.max_nesting) +
                                             " levels through this include");
        ex.nesting_reported = true;
      }
      continue;
    }
    // A file's statements count once more with each inclusion: includes that
    // multiply (a file that includes another 1,000 times, which includes a
    // third 1,000 times) stop at the budget.
    if (first_time) ex.distinct_nodes += pf.node_count;
    ex.expanded_nodes += pf.node_count;
    const std::size_t budget =
        std::max<std::size_t>(LoadLimits::kExpansionFloor, ex.distinct_nodes * options_.limits.max_expansion);
    if (ex.expanded_nodes > budget) {
      problem(InputProblemKind::limit, "includes expand the tree to more than " + std::to_string(budget) +
                                           " statements (" + std::to_string(options_.limits.max_expansion) +
                                           " times its " + std::to_string(ex.distinct_nodes) +
                                           " distinct ones); nothing more is included");
      ex.over_budget = true;
      return;
    }
    const auto index = static_cast<std::uint32_t>(tree.inclusions.size());
    tree.inclusions.push_back({pf.file, inclusion, node.file(), node.range});
    std::span<Node> nodes = take_nodes(pf);
    set_inclusion(sources_, nodes, index);
    ex.stack.push_back(identity);
    if (pf.expands) expand(nodes, ex, index, depth + 1, nesting + 1);
    ex.stack.pop_back();
    if (paths.size() == 1) {
      node.set_children(nodes);  // the common case: no copy
    } else {
      included.insert(included.end(), nodes.begin(), nodes.end());
    }
  }
  if (!included.empty()) {
    if (included.size() > kMaxSiblings) {
      problem(InputProblemKind::limit, "the files this include names hold too many statements");
      return;
    }
    std::span<Node> children = sources_.arena().make_array<Node>(included.size());
    std::copy(included.begin(), included.end(), children.begin());
    node.set_children(children);
  }
}

}  // namespace staplint
