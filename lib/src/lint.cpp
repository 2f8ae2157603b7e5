#include "staplint/lint.hpp"

#include "staplint/aws_parse.hpp"
#include "staplint/dialect_sniff.hpp"
#include "staplint/probe_recording.hpp"
#include "staplint/suppressions.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "checks/apache/certificate_facts.hpp"
#include "checks/nginx/certificate_facts.hpp"
#include "checks/tomcat/certificate_facts.hpp"
#include "dialect_choice.hpp"
#include "phase_timer.hpp"
#include "staplint/jvm_parse.hpp"
#include "staplint/project_config.hpp"
#include "staplint/template_mask.hpp"
#include "staplint/text.hpp"
#include "tree_analysis.hpp"
#include "tree_certificates.hpp"

namespace staplint {

namespace {

/// Finds the trees of the named paths (entries, directories, files reached
/// from an entry above, fragments) and hands each to analyze_tree().
class Runner {
 public:
  Runner(const FileSystem& fs, SourceManager& sources, const RuleCatalog& catalog, const LintRequest& req)
      : fs_(fs),
        sources_(sources),
        catalog_(catalog),
        req_(req),
        loader_(fs, sources, req.load),
        certificates_(fs, req.load.limits.max_file_size),
        now_(req.lint.now ? *req.lint.now : static_cast<UnixTime>(std::time(nullptr))) {}

  void lint_tree(const std::string& entry, bool fragment, const std::set<FileId>* only,
                 Dialect dialect = Dialect::nginx, const std::string& base_dir = {},
                 const DialectGuess* guess = nullptr) {
    PhaseTimer timer;
    ConfigTree tree = loader_.load(entry, fragment, dialect, base_dir);
    timer.lap("reading and parsing");
    if (guess && !guess->certain && tree.entry != kNoFile) {
      // One located note, and no fixes in a dialect that is only a guess.
      const std::string& text = sources_.file(tree.entry).text();
      const std::uint32_t at = std::min<std::uint32_t>(guess->at, static_cast<std::uint32_t>(text.size()));
      std::uint32_t end = at;
      while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
      InputProblem p;
      p.kind = InputProblemKind::dialect_uncertain;
      p.file = tree.entry;
      p.range = {at, end};
      if (!guess->configuration) {
        // Not a server's file at all: said once, nothing else read from it.
        p.message = "this is not recognisably nginx or httpd configuration (" + guess->why + "); not linted";
        tree.problems.clear();
        tree.nodes = {};
      } else {
        p.message = "staplint cannot tell whether this is nginx or httpd configuration: " + guess->why + "; read as " +
                    (dialect == Dialect::apache ? "httpd" : "nginx") +
                    " configuration, its errors shown as warnings, without fixes";
      }
      tree.problems.insert(tree.problems.begin(), std::move(p));
      tree.dialect_guessed = true;
    }
    add_named_security_files(tree);
    const bool conditions =
        !tree.dialect_guessed && !req_.load.template_conditions_out && has_optional_conditions(tree);
    const std::size_t before = result.findings.size();
    std::vector<FileId> files;  // the first reading's, for the second's to map to
    if (conditions) files = tree.files;
    lint_loaded(std::move(tree), only);
    if (conditions) lint_conditions_out(entry, fragment, only, dialect, base_dir, files, before);
  }

  bool has_optional_conditions(const ConfigTree& tree) const {
    return std::any_of(tree.files.begin(), tree.files.end(), [&](FileId f) {
      const TemplateMask* m = sources_.file(f).template_mask();
      return m && has_optional_condition(*m);
    });
  }

  /// A template's tree read again as it renders when each condition without
  /// an `else` is false (LoadOptions::template_conditions_out): what only
  /// that reading finds (a server whose stapling stood inside the condition)
  /// joins the findings from `first` on as conditional, with a note at the
  /// condition. The second reading's files are the same files read again:
  /// its findings are moved to the first reading's, by path.
  void lint_conditions_out(const std::string& entry, bool fragment, const std::set<FileId>* only, Dialect dialect,
                           const std::string& base_dir, const std::vector<FileId>& files, std::size_t first) {
    LoadOptions options = req_.load;
    options.template_conditions_out = true;
    ConfigLoader loader(fs_, sources_, options);
    ConfigTree tree = loader.load(entry, fragment, dialect, base_dir);
    // This tree's files only: a directory of template files is as many
    // trees, and the run's whole list would be read again for each.
    std::map<std::string, FileId> by_path;
    for (FileId f : files) by_path.emplace(sources_.file(f).path(), f);
    auto mapped = [&](FileId f) {
      if (f == kNoFile || f >= sources_.size()) return kNoFile;
      const auto it = by_path.find(sources_.file(f).path());
      return it == by_path.end() ? kNoFile : it->second;
    };
    LintResult second;
    analyze_tree(
        std::move(tree), {sources_, catalog_, req_, certificates_, endpoint_certificates_, now_},
        [&](FileId f) {
          const FileId m = mapped(f);
          return m != kNoFile && (!only || only->count(m)) && !excluded(m);
        },
        second);
    std::set<std::tuple<std::string, FileId, std::uint32_t, std::uint32_t>> have;
    for (std::size_t i = first; i < result.findings.size(); ++i) {
      const Finding& f = result.findings[i];
      have.emplace(f.rule_id, f.file, f.range.begin, f.range.end);
    }
    for (Finding& f : second.findings) {
      f.file = mapped(f.file);
      if (f.file == kNoFile || !have.emplace(f.rule_id, f.file, f.range.begin, f.range.end).second) continue;
      const TemplateMask* m = sources_.file(f.file).template_mask();
      if (!m) continue;  // a plain file's finding the conditions changed: it is the first reading's to say
      auto remap = [&](std::vector<Note>& notes) {
        std::erase_if(notes, [&](Note& n) { return (n.file = mapped(n.file)) == kNoFile; });
      };
      remap(f.notes);
      remap(f.included_from);
      f.fixes.clear();
      f.conditional = true;
      // The condition: the first left out after the finding's start (a
      // block's is inside it), else the last before.
      const TemplateRegion* at = nullptr;
      for (const TemplateRegion& g : m->regions) {
        if (g.kind != TemplateRegion::Kind::condition || g.alternatives) continue;
        at = &g;
        if (g.range.begin >= f.range.begin) break;
      }
      if (at) {
        // The second reading's own note at that tag (the block holds a
        // condition) says less than this one.
        std::erase_if(f.notes, [&](const Note& n) {
          return n.file == f.file && n.range.begin == at->tag.begin && n.range.end == at->tag.end;
        });
        f.notes.push_back({f.file, at->tag,
                           "this holds when this template condition is false: what it holds is left out of the "
                           "rendering"});
      }
      result.findings.push_back(std::move(f));
    }
  }

  /// The files that `-Djava.security.properties=FILE` (or `==FILE`) names are
  /// security properties files of this JVM whatever their names: read them
  /// with the tree. `$CATALINA_BASE` is the instance directory; a relative
  /// path is taken from it; `--root` maps absolute ones. (The JDK reads them
  /// only while security.overridePropertiesFile is true, its default.)
  void add_named_security_files(ConfigTree& tree) {
    if (tree.dialect != Dialect::tomcat && tree.dialect != Dialect::jvm) return;
    const JvmModel model = build_jvm_model(tree, sources_, req_.load.limits.max_value_length);
    const std::string base = jvm_instance_base(tree, sources_);
    for (const JvmOption& o : model.options) {
      if (o.name != "java.security.properties" || !o.has_value) continue;
      std::string file = o.value;
      if (!file.empty() && file[0] == '=') file.erase(0, 1);  // `==FILE` replaces the master file
      if (file.rfind("file:", 0) == 0) file.erase(0, 5);
      const bool from_base = !base.empty() && file.rfind(base + "/", 0) == 0;  // $CATALINA_BASE/...
      if (from_base) file = req_.load.join_confined(base, file.substr(base.size() + 1));
      if (!path::is_absolute(file) && !from_base) {
        if (base.empty()) continue;
        file = req_.load.join_confined(base, file);
      } else if (!from_base) {
        file = req_.load.map_server_path(file);
      }
      if (fs_.kind(file) != PathKind::file || jvm_format(file) != JvmFormat::properties) continue;
      ParsedFile& pf = loader_.parse_file(file, Dialect::jvm);
      if (std::find(tree.files.begin(), tree.files.end(), pf.file) != tree.files.end()) continue;
      tree.files.push_back(pf.file);
      if (pf.problem) {
        tree.problems.push_back(*pf.problem);
        continue;
      }
      tree.jvm_files.push_back({pf.file, pf.nodes, true, false});
    }
  }

  /// `dir` (a path as given) is the user's: quoted and fixed.
  void name_dir(const std::string& dir) {
    if (dir.empty()) return;
    const std::string real = fs_.canonical(dir);
    if (named_.insert(real).second) result.named_dirs.push_back(real);
  }

  void lint_loaded(ConfigTree tree, const std::set<FileId>* only) {
    // The tree's configuration directory is the user's, and for Tomcat the
    // instance's (CATALINA_BASE: bin/setenv.sh).
    if (tree.entry != kNoFile) {
      name_dir(tree.base_dir.empty() ? path::dirname(sources_.file(tree.entry).path()) : tree.base_dir);
      if (tree.dialect == Dialect::tomcat || tree.dialect == Dialect::jvm) {
        const std::string base = jvm_instance_base(tree, sources_);
        if (!base.empty() && fs_.kind(base) == PathKind::directory) name_dir(base);
        for (const ConfigTree::JvmFile& j : tree.jvm_files) {
          if (j.conventional) name_dir(sources_.file(j.file).path());
        }
      }
    }
    for (FileId f : tree.files) {
      reached_.insert(sources_.file(f).identity());
      if (listed_.insert(f).second) {
        const bool jvm_file = std::any_of(tree.jvm_files.begin(), tree.jvm_files.end(),
                                          [&](const ConfigTree::JvmFile& j) { return j.file == f; });
        result.files.push_back(f);
        result.file_dialects.push_back(jvm_file ? Dialect::jvm : tree.dialect);
      }
    }
    analyze_tree(
        std::move(tree), {sources_, catalog_, req_, certificates_, endpoint_certificates_, now_},
        [&](FileId f) { return (!only || only->count(f)) && !excluded(f); }, result);
  }

  void lint_directory(const std::string& dir) {
    path::WalkReport walked;
    // Hidden names (.git, editor files) are left out.
    std::vector<std::string> files = path::files_below(fs_, dir, 32, true, walked);
    for (const std::string& d : walked.unreadable) unusable(d, "permission denied");
    if (walked.over_budget) {
      unusable(dir, "more than " + std::to_string(path::kMaxWalkEntries) + " directory entries below it");
    }
    for (const std::string& d : walked.loops) spdlog::info("'{}' is a directory seen before; not entered again", d);
    std::erase_if(files, [&](const std::string& f) { return excluded(f); });
    // AWS: the Terraform files of each directory are one module; a
    // CloudFormation template is a tree of its own.
    std::map<std::string, std::vector<std::string>> modules;
    for (const std::string& f : files) {
      if (is_terraform_file(f)) modules[path::dirname(f)].push_back(f);
    }
    for (const auto& [module_dir, module_files] : modules)
      lint_loaded(loader_.load_files(module_files, Dialect::aws, module_dir), nullptr);
    for (const std::string& f : files) {
      if (is_cloudformation_file(f)) lint_tree(f, true, nullptr, Dialect::aws);
    }
    for (const std::string& f : files) {
      if (path::basename(config_name(f)) == "nginx.conf") lint_tree(f, false, nullptr);
    }
    for (const std::string& f : files) {
      if (is_apache_entry(f)) lint_tree(f, false, nullptr, Dialect::apache);
    }
    // Tomcat instances before their JVM files, which they read with them.
    for (const std::string& f : files) {
      if (is_tomcat_file(f) && !reached_.count(fs_.canonical(f))) lint_tree(f, true, nullptr, Dialect::tomcat);
    }
    for (const std::string& f : files) {
      if (reached_.count(fs_.canonical(f)) || is_terraform_file(f) || is_cloudformation_file(f)) continue;
      if (is_jvm_file(f) || is_tomcat_file(f)) {
        lint_tree(f, true, nullptr, is_jvm_file(f) ? Dialect::jvm : Dialect::tomcat);
        continue;
      }
      const ParsedFile& pf = loader_.parse_file(f);
      // A site file no entry includes (sites-available/, h5bp's
      // conf.d/templates/) is read as if its entry included it, else as its
      // server reads the tree's files: relative includes from the tree's
      // prefix or ServerRoot. The entry above is looked up only for those.
      auto site_file = [&](Dialect dialect) {
        const auto above = nearest_entry(fs_.canonical(f));
        const bool same = above && above->second == dialect;
        if (same && adopt(above->first, dialect, f)) return;
        lint_tree(f, true, nullptr, dialect, same ? tree_base(*above) : std::string());
      };
      if (!pf.problem) {
        if (looks_like_entry(f, pf)) {
          lint_tree(f, false, nullptr);
        } else if (has_top_level(pf.nodes, {"server"})) {
          site_file(Dialect::nginx);
        }
        continue;
      }
      // Not nginx: an httpd site file (a top-level <VirtualHost>) is a fragment.
      const ParsedFile& ap = loader_.parse_file(f, Dialect::apache);
      if (ap.file == kNoFile || sources_.file(ap.file).text().empty()) continue;
      if (!ap.problem && has_top_level_ci(ap.nodes, "VirtualHost")) site_file(Dialect::apache);
    }
  }

  void lint_file(const std::string& file) {
    if (excluded(file)) {
      spdlog::info("'{}' is excluded by the configuration", file);
      return;
    }
    if (is_jvm_file(file) || is_tomcat_file(file)) {
      lint_tree(file, true, nullptr, is_jvm_file(file) ? Dialect::jvm : Dialect::tomcat);
      return;
    }
    if (is_apache_entry(file)) {
      lint_tree(file, false, nullptr, Dialect::apache);
      return;
    }
    if (is_terraform_file(file)) {
      lint_in_module(file);
      return;
    }
    if (is_cloudformation_file(file)) {
      lint_tree(file, true, nullptr, Dialect::aws);
      return;
    }
    const ParsedFile& pf = loader_.parse_file(file);
    if (!pf.problem && looks_like_entry(file, pf)) {
      lint_tree(file, false, nullptr);
      return;
    }
    // The configured entries first, then upward for the entry that includes
    // this file. Files of one tree share one load of it (finish() lints it).
    const std::string identity = fs_.canonical(file);
    // `cand` exists and is not the file itself; `real` is its canonical path.
    auto in_context_of = [&](const std::string& cand, const std::string& real, Dialect dialect) {
      const std::string key = std::string(to_string(dialect)) + ":" + real;
      auto it = context_trees_.find(key);
      if (it == context_trees_.end()) {
        it = context_trees_.emplace(key, ContextTree{loader_.load(cand, false, dialect), {}, {}}).first;
        context_order_.push_back(key);
      }
      // The tree's files by identity, indexed once: pre-commit may name
      // thousands of files of one tree.
      ContextTree& ct = it->second;
      if (ct.by_identity.empty()) {
        for (FileId f : ct.tree.files) ct.by_identity[sources_.file(f).identity()].push_back(f);
      }
      bool found = false;
      if (auto hit = ct.by_identity.find(identity); hit != ct.by_identity.end()) {
        for (FileId f : hit->second) ct.only.insert(f);
        found = true;
      }
      if (found) spdlog::info("linting '{}' in the context of '{}'", file, cand);
      return found;
    };
    // An entry worth a look: a file that is not the named one itself.
    auto other_file = [&](const std::string& cand) -> std::optional<std::string> {
      if (fs_.kind(cand) != PathKind::file) return std::nullopt;
      std::string real = fs_.canonical(cand);
      if (real == identity) return std::nullopt;
      return real;
    };
    for (const std::string& entry : req_.policy.context_entries) {
      if (is_jvm_file(entry) || is_tomcat_file(entry)) continue;
      const Dialect d = is_apache_entry(entry) ? Dialect::apache : Dialect::nginx;
      if (const auto real = other_file(entry); real && in_context_of(entry, *real, d)) return;
    }
    std::optional<std::pair<std::string, Dialect>> above;  // the nearest entry above, if none includes the file
    bool included = false;
    for_each_entry_above(identity, [&](const std::string& cand, const std::string& real, Dialect dialect) {
      if (in_context_of(cand, real, dialect)) return included = true;
      if (!above) above.emplace(cand, dialect);
      return false;
    });
    if (included) return;
    if (outside_dialects(file, identity, sources_.file(pf.file).text())) {
      spdlog::info(
          "'{}' is not a file staplint reads (XML other than Tomcat's server and context files, YAML or JSON "
          "other than a CloudFormation template, or another file of a Tomcat conf directory); skipped",
          file);
      return;
    }
    // A fragment. Inside a server tree it is read as that server reads its
    // files: in its dialect, relative includes from its conf prefix (nginx:
    // the directory of nginx.conf; httpd: ServerRoot, RHEL's conf/ parent).
    // parse_file() read the text already (empty if unreadable: nginx then
    // reports SL0004 like any dialect would).
    // The text, the path and the tree the file sits in each say which server
    // reads it; a guess is linted without fixes, and says so.
    const std::string& text = sources_.file(pf.file).text();
    const DialectGuess guess = sniff_dialect(identity, text, above ? std::optional(above->second) : std::nullopt);
    if (guess.modsecurity) {
      spdlog::info("'{}' holds ModSecurity rules: read with httpd's syntax", file);
    }
    if (above && !guess.modsecurity) {
      const auto& [entry, dialect] = *above;
      if (dialect == Dialect::apache && path::basename(file) == "envvars") {
        spdlog::info("'{}' is httpd's environment script: read with '{}', not linted on its own", file, entry);
        return;
      }
      if (guess.certain && guess.dialect == dialect && adopt(entry, dialect, file)) return;
      std::string base = tree_base(*above);
      if (guess.dialect != dialect) base.clear();  // the text is the other server's
      lint_tree(file, true, nullptr, guess.dialect, base, &guess);
      return;
    }
    lint_tree(file, true, nullptr, guess.dialect, {}, &guess);
  }

  static bool is_terraform_file(const std::string& f) {
    const std::string base = path::basename(f);
    return (base.size() > 3 && base.ends_with(".tf")) || (base.size() > 8 && base.ends_with(".tf.json"));
  }

  /// A YAML or JSON file whose text says CloudFormation (aws_format()).
  bool is_cloudformation_file(const std::string& f) {
    const std::string base = path::basename(f);
    if (!base.ends_with(".yaml") && !base.ends_with(".yml") && !base.ends_with(".json")) return false;
    if (base.ends_with(".tf.json") || is_probe_recording(f)) return false;
    auto [it, fresh] = cloudformation_.try_emplace(fs_.canonical(f), false);
    if (fresh) {
      const ReadResult r = fs_.read(f, req_.load.limits.max_file_size);
      it->second = r.status == ReadResult::Status::ok && aws_format(f, r.bytes) == AwsFormat::cloudformation;
    }
    return it->second;
  }

  /// A Terraform file named on its own: its module (the directory's *.tf and
  /// *.tf.json) is read whole, since resources refer to each other across
  /// files; only the named files' findings are shown. The files of one
  /// module share one load (finish() lints it).
  void lint_in_module(const std::string& file) {
    const std::string dir = path::dirname(file);
    const std::string key = "aws:" + fs_.canonical(dir);
    auto it = context_trees_.find(key);
    if (it == context_trees_.end()) {
      path::WalkReport walked;
      std::vector<std::string> module;
      for (const std::string& f : path::files_below(fs_, dir, 0, true, walked)) {
        if (is_terraform_file(f) && path::dirname(f) == dir && !excluded(f)) module.push_back(f);
      }
      if (std::find(module.begin(), module.end(), file) == module.end()) module.push_back(file);
      it = context_trees_.emplace(key, ContextTree{loader_.load_files(module, Dialect::aws, dir), {}, {}}).first;
      context_order_.push_back(key);
    }
    ContextTree& ct = it->second;
    const std::string identity = fs_.canonical(file);
    for (FileId f : ct.tree.files) {
      if (sources_.file(f).identity() == identity) ct.only.insert(f);
    }
  }

  /// Lints `file`, which no entry includes, as if `entry` included it where
  /// its siblings are (ConfigLoader::load_adopting): it inherits the http or
  /// server level as it will once enabled. Only its own findings are shown,
  /// with fixes that edit it alone. False when it cannot be adopted, or when
  /// the tree has adopted many already (each adoption reads the tree again):
  /// then it is linted as a fragment.
  bool adopt(const std::string& entry, Dialect dialect, const std::string& file) {
    // Each adoption lints the whole tree again: at most 64 per tree, and 4
    // MB of the trees' text in all, so that a hostile tree cannot multiply
    // the work.
    static constexpr int kMaxAdoptedPerTree = 64;
    static constexpr std::size_t kMaxAdoptedBytes = std::size_t{4} << 20;
    int& count = adopted_[fs_.canonical(entry)];
    if (count >= kMaxAdoptedPerTree || adopted_bytes_ >= kMaxAdoptedBytes) {
      spdlog::info("'{}': too many files no entry includes to read each with the tree; '{}' is linted as a fragment",
                   entry, file);
      return false;
    }
    ConfigTree tree = loader_.load_adopting(entry, dialect, file);
    if (tree.adopted == kNoFile) return false;
    for (FileId f : tree.files) adopted_bytes_ += sources_.file(f).text().size();
    ++count;
    spdlog::info("linting '{}' as if '{}' included it", file, entry);
    const std::set<FileId> only{tree.adopted};
    lint_loaded(std::move(tree), &only);
    return true;
  }

  /// Calls `fn(candidate, its canonical path, dialect)` for each server entry
  /// (nginx.conf, apache2.conf, httpd.conf) in the directories above
  /// `identity` (a canonical path), nearest first, eight levels at most,
  /// until `fn` returns true. The file itself is never its own entry.
  template <typename Fn>
  void for_each_entry_above(const std::string& identity, Fn&& fn) {
    static const std::pair<const char*, Dialect> entries[] = {
        {"nginx.conf", Dialect::nginx}, {"apache2.conf", Dialect::apache}, {"httpd.conf", Dialect::apache}};
    std::string dir = path::dirname(identity);
    for (int up = 0; up < 8; ++up) {
      for (const auto& [entry_name, dialect] : entries) {
        const std::string cand = path::join(dir, entry_name);
        if (fs_.kind(cand) != PathKind::file) continue;
        const std::string real = fs_.canonical(cand);
        if (real == identity) continue;
        if (fn(cand, real, dialect)) return;
      }
      if (dir == "/" || dir == ".") break;
      dir = path::dirname(dir);
    }
  }

  /// The nearest server entry above `identity`, if any.
  std::optional<std::pair<std::string, Dialect>> nearest_entry(const std::string& identity) {
    std::optional<std::pair<std::string, Dialect>> found;
    for_each_entry_above(identity, [&](const std::string& cand, const std::string&, Dialect d) {
      found.emplace(cand, d);
      return true;
    });
    return found;
  }

  /// Where the tree of `entry` resolves relative includes: nginx's prefix
  /// (the directory of nginx.conf), httpd's ServerRoot (that directory, or
  /// the parent of RHEL's conf/).
  static std::string tree_base(const std::pair<std::string, Dialect>& entry) {
    std::string base = path::dirname(entry.first);
    if (entry.second == Dialect::apache && path::basename(base) == "conf") base = path::dirname(base);
    return base;
  }

  /// Named files read ahead as themselves, so that a tree that includes
  /// them later reports them by the name the user gave.
  void preload(const std::string& file) {
    if (is_terraform_file(file) || is_cloudformation_file(file)) return;
    if (!is_jvm_file(file) && !is_tomcat_file(file) && !is_apache_entry(file) && !excluded(file)) {
      loader_.parse_file(file);
    }
  }

  /// Lints the trees that named files were found in, each once.
  void finish() {
    for (const std::string& key : context_order_) {
      ContextTree& c = context_trees_.at(key);
      if (!c.only.empty()) lint_loaded(std::move(c.tree), &c.only);
    }
    context_trees_.clear();
    context_order_.clear();
  }

  LintResult result;

  void unusable(const std::string& p, std::string why) {
    result.unusable.push_back(p);
    result.unusable_why.push_back(std::move(why));
  }

 private:
  /// XML other than Tomcat's server and context files (web.xml,
  /// tomcat-users.xml, pom.xml), YAML and JSON other than CloudFormation
  /// templates, and the other files of a Tomcat conf directory
  /// (policy.d/*.policy, logging.properties is a JVM file and read): no
  /// dialect of staplint's reads them.
  /// `real` is the canonical path of `file`.
  bool outside_dialects(const std::string& file, const std::string& real, const std::string& text) const {
    const std::string name = path::basename(file);
    if ((name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0) || text.rfind("<?xml", 0) == 0) {
      return true;
    }
    // YAML and JSON that is not a CloudFormation template (is_cloudformation_file()
    // took those): a Helm values file, a package.json; no server reads it.
    if (name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json")) return true;
    // Beside a server.xml, only the files Tomcat's conf directory ships that
    // no dialect reads (policies, schemas): a .conf there (an httpd vhost
    // with a syntax error, say) is still linted, not skipped in silence.
    if (!name.ends_with(".policy") && !name.ends_with(".xsd") && !name.ends_with(".dtd")) return false;
    std::string dir = path::dirname(real);
    for (int up = 0; up < 2; ++up, dir = path::dirname(dir)) {
      if (fs_.kind(path::join(dir, "server.xml")) == PathKind::file) return true;
    }
    return false;
  }

  struct ContextTree {
    ConfigTree tree;
    std::set<FileId> only;  ///< the named files in it
    std::unordered_map<std::string, std::vector<FileId>> by_identity;
  };
  std::map<std::string, ContextTree> context_trees_;  ///< by dialect and canonical entry
  std::vector<std::string> context_order_;
  bool excluded(const std::string& p) const {
    if (req_.policy.exclude.empty()) return false;
    const std::string real = fs_.canonical(p);
    return std::any_of(req_.policy.exclude.begin(), req_.policy.exclude.end(),
                       [&](const std::string& g) { return glob_match(g, real) || glob_match(g, p); });
  }
  bool excluded(FileId f) {
    if (req_.policy.exclude.empty()) return false;
    auto [it, fresh] = excluded_files_.try_emplace(f, false);
    if (fresh) it->second = excluded(sources_.file(f).path());
    return it->second;
  }

  const FileSystem& fs_;
  SourceManager& sources_;
  const RuleCatalog& catalog_;
  const LintRequest& req_;
  ConfigLoader loader_;
  CertificateStore certificates_;               ///< the certificate files trees name, each read once
  EndpointCertificates endpoint_certificates_;  ///< what endpoints serve, shared
  UnixTime now_;
  std::map<std::string, int> adopted_;  ///< files adopted per entry (canonical)
  std::size_t adopted_bytes_ = 0;       ///< text of the trees read again for adoptions
  std::set<std::string> reached_;
  std::unordered_set<std::string> named_;  ///< result.named_dirs, for lookups
  std::set<FileId> listed_;
  std::unordered_map<FileId, bool> excluded_files_;
  std::unordered_map<std::string, bool> cloudformation_;  ///< by canonical path: is_cloudformation_file()
};

}  // namespace

bool is_below_any(const std::string& file, const std::unordered_set<std::string>& dirs) {
  if (dirs.empty()) return false;
  if (dirs.count(file) || dirs.count("/")) return true;
  for (std::size_t slash = file.rfind('/'); slash != std::string::npos && slash > 0;
       slash = file.rfind('/', slash - 1)) {
    if (dirs.count(file.substr(0, slash))) return true;
  }
  return false;
}

namespace {
/// Files outside what the user named are read (a live tree may reach
/// /usr/share), but never quoted: a finding there names its rule, path and
/// position only, its notes there lose their text, and no fix touches it.
/// `include /etc/shadow;` or `/proc/self/environ` can then print nothing of
/// them into a CI log.
void redact_outside(LintResult& result, const FileSystem& fs, const SourceManager& sources,
                    const RuleCatalog& catalog) {
  const std::unordered_set<std::string> named(result.named_dirs.begin(), result.named_dirs.end());
  std::vector<signed char> quotable(sources.size(), -1);
  auto ok = [&](FileId f) {
    if (f == kNoFile || f >= sources.size()) return true;
    if (quotable[f] < 0) {
      quotable[f] = is_below_any(sources.file(f).identity(), named) ? 1 : 0;
      sources.file(f).set_quotable(quotable[f] == 1);
    }
    return quotable[f] == 1;
  };
  auto redact = [&](Finding& f) {
    for (Note& n : f.notes) {
      if (!ok(n.file)) n.message = "related location (outside the named paths; its text is not shown)";
    }
    std::erase_if(f.fixes, [&](const Fix& fix) {
      return std::any_of(fix.edits.begin(), fix.edits.end(), [&](const TextEdit& e) {
        return e.create.empty() ? !ok(e.file) : !is_below_any(path::real_location(fs, e.create), named);
      });
    });
    if (ok(f.file)) return;
    const RuleSpec* rule = catalog.find(f.rule_id);
    f.message = std::string(rule ? rule->name : f.rule_id) +
                " in a file outside the paths named for linting; its text is not shown";
  };
  for (Finding& f : result.findings) redact(f);
  for (SuppressedFinding& s : result.suppressed) redact(s.finding);
  for (EndpointReport& e : result.endpoints) {
    if (!ok(e.file)) {
      e.name = "(a server outside the named paths)";
      e.certificates.clear();
    }
  }
  for (FileId f : result.files) ok(f);
}
}  // namespace

LintResult lint(const FileSystem& fs, SourceManager& sources, const RuleCatalog& catalog, const LintRequest& request) {
  // A checkout of a server's / is read as under chroot: nothing in it
  // reaches outside it.
  std::optional<ConfinedFileSystem> confined;
  if (request.load.maps_server_paths()) confined.emplace(fs, request.load.checkout_roots(), request.load.cwd);
  const FileSystem& files = confined ? static_cast<const FileSystem&>(*confined) : fs;
  Runner runner(files, sources, catalog, request);
  for (const std::string& r : request.load.checkout_roots()) runner.name_dir(r);
  for (const std::string& p : request.paths) {
    const PathKind kind = files.kind(p);
    if (kind == PathKind::directory) runner.name_dir(p);
    if (kind == PathKind::file) runner.name_dir(path::dirname(p));
  }
  for (const std::string& e : request.policy.context_entries) runner.name_dir(path::dirname(e));
  // --prefix that is no directory would make every relative include match
  // nothing, silently.
  if (!request.load.prefix.empty() &&
      files.kind(request.load.map_server_path(request.load.prefix)) != PathKind::directory) {
    runner.unusable(request.load.prefix, "'--prefix' names no directory; every relative include would match nothing");
  }
  for (const std::string& p : request.paths) {
    if (files.kind(p) == PathKind::file) runner.preload(p);
  }
  for (const std::string& p : request.paths) {
    const PathKind kind = files.kind(p);
    if (kind != PathKind::missing && is_kernel_path(files.canonical(p))) {
      runner.unusable(p, "it is under /proc, /sys or /dev, which staplint never reads");
      continue;
    }
    if ((kind == PathKind::directory || kind == PathKind::file) && !files.can_read(p)) {
      runner.unusable(p, "permission denied");
      continue;
    }
    switch (kind) {
      case PathKind::directory:
        runner.lint_directory(p);
        break;
      case PathKind::file:
        runner.lint_file(p);
        break;
      default:
        runner.unusable(
            p, files.read_link(p) || fs.read_link(p) ? "a symbolic link to nothing, or a loop of symbolic links" : "");
        break;
    }
  }
  runner.finish();
  redact_outside(runner.result, files, sources, catalog);
  sort_and_dedupe(runner.result.findings, sources);
  spdlog::debug("{} files, {} bytes of text, {} bytes of syntax nodes, {} findings", sources.size(),
                sources.text_bytes(), sources.arena().bytes_reserved(), runner.result.findings.size());
  return std::move(runner.result);
}

}  // namespace staplint
