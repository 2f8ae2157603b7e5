// nginx include expansion: globs, prefix and root mapping, cycles and limits.
#include "staplint/nginx_loader.hpp"

#include <algorithm>
#include <cstring>
#include <set>

#include <spdlog/spdlog.h>

namespace staplint {

struct NginxLoader::Expansion {
  ConfigTree& tree;
  std::string entry_dir;
  std::vector<std::string> stack;  // identities of the files being expanded
  bool file_limit_reported = false;
  std::set<FileId> files;  // tree.files, for lookups
};

NginxLoader::NginxLoader(const FileSystem& fs, SourceManager& sources, NginxLoadOptions options)
    : fs_(fs), sources_(sources), options_(std::move(options)) {}

ParsedFile& NginxLoader::parse_file(const std::string& path) {
  const std::string identity = fs_.canonical(path);
  if (auto it = cache_.find(identity); it != cache_.end()) return it->second;
  ParsedFile& pf = cache_[identity];

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
    case ReadResult::Status::ok: break;
    case ReadResult::Status::too_large:
      fail("'" + path + "' is over the size limit of " +
           std::to_string(options_.limits.max_file_size) + " bytes (" + r.error + ")");
      return pf;
    case ReadResult::Status::is_directory:
      fail("'" + path + "' is a directory, not a configuration file");
      return pf;
    default:
      fail("cannot read '" + path + "': " + r.error);
      return pf;
  }
  if (std::memchr(r.bytes.data(), '\0', r.bytes.size()) != nullptr) {
    fail("'" + path + "' is not a text file (it contains NUL bytes)");
    return pf;
  }
  pf.file = sources_.add(path, identity, std::move(r.bytes));
  parse_nginx_text(pf.file, sources_, options_.limits.max_nesting, pf.nodes,
                   pf.problem);
  spdlog::debug("parsed '{}': {} top-level statements{}", path, pf.nodes.size(),
                pf.problem ? " (with a problem)" : "");
  return pf;
}

namespace {
std::span<Node> deep_copy(Arena& arena, std::span<const Node> from) {
  std::span<Node> to = arena.make_array<Node>(from.size());
  for (std::size_t i = 0; i < from.size(); ++i) {
    to[i] = from[i];
    to[i].children = deep_copy(arena, from[i].children);
  }
  return to;
}
}  // namespace

std::span<Node> NginxLoader::take_nodes(ParsedFile& pf) {
  if (!pf.taken) {
    pf.taken = true;
    return pf.nodes;
  }
  return deep_copy(sources_.arena(), pf.nodes);
}

namespace {
void set_inclusion(std::span<Node> nodes, std::uint32_t inclusion) {
  for (Node& n : nodes) {
    n.inclusion = inclusion;
    set_inclusion(n.children, inclusion);
  }
}
}  // namespace

ConfigTree NginxLoader::load(const std::string& entry_path, bool as_fragment) {
  ConfigTree tree;
  tree.fragment = as_fragment;
  ParsedFile& pf = parse_file(entry_path);
  tree.entry = pf.file;
  tree.files.push_back(pf.file);
  tree.inclusions.push_back({pf.file, 0, kNoFile, {}});
  if (pf.problem) {
    tree.problems.push_back(*pf.problem);
    return tree;
  }
  tree.nodes = take_nodes(pf);
  Expansion ex{tree, path::dirname(entry_path), {fs_.canonical(entry_path)}, {}, {pf.file}};
  expand(tree.nodes, ex, 0, 0);
  return tree;
}

void NginxLoader::expand(std::span<Node> nodes, Expansion& ex, std::uint32_t inclusion,
                         unsigned depth) {
  for (Node& n : nodes) {
    if (n.kind == NodeKind::directive && n.name == "include" && n.args.size() == 1) {
      expand_include(n, ex, inclusion, depth);
    } else if (n.kind == NodeKind::block) {
      expand(n.children, ex, inclusion, depth);
    }
  }
}

std::string NginxLoader::resolve(const std::string& pattern, const std::string& entry_dir) const {
  std::string p = pattern;
  if (!path::is_absolute(p)) p = path::join(options_.prefix.empty() ? entry_dir : options_.prefix, p);
  if (path::is_absolute(p) && !options_.root.empty()) p = path::join(options_.root, p.substr(1));
  return p;
}

void NginxLoader::expand_include(Node& node, Expansion& ex, std::uint32_t inclusion,
                                 unsigned depth) {
  ConfigTree& tree = ex.tree;
  node.kind = NodeKind::include;
  const Arg& arg = node.args.front();
  auto problem = [&](InputProblemKind kind, std::string message) {
    InputProblem p;
    p.kind = kind;
    p.file = node.file;
    p.range = arg.range;
    p.message = std::move(message);
    tree.problems.push_back(std::move(p));
  };

  const std::string value(arg.value);
  const std::string resolved = resolve(value, ex.entry_dir);
  std::vector<std::string> paths;
  std::vector<Node> included;
  if (path::has_glob(resolved)) {
    for (DirEntry& e : path::glob(fs_, resolved)) {
      if (e.kind != PathKind::directory) paths.push_back(std::move(e.name));
    }
  } else if (fs_.kind(resolved) == PathKind::missing) {
    std::string msg = "included file '" + value + "' not found";
    if (resolved != value) msg += " (looked for '" + resolved + "')";
    problem(InputProblemKind::include_not_found, std::move(msg));
    if (path::is_absolute(value) && options_.root.empty()) {
      tree.problems.back().notes.push_back(
          {node.file, arg.range,
           "to read absolute include paths from a checkout, pass '--root DIR'"});
    }
    return;
  } else {
    paths.push_back(resolved);
  }

  for (const std::string& p : paths) {
    if (depth + 1 > options_.limits.max_include_depth) {
      problem(InputProblemKind::limit, "includes nest deeper than " +
                                           std::to_string(options_.limits.max_include_depth) +
                                           " levels");
      return;
    }
    if (tree.files.size() >= options_.limits.max_files) {
      if (!ex.file_limit_reported) {
        problem(InputProblemKind::limit, "more than " + std::to_string(options_.limits.max_files) +
                                             " files in one configuration tree");
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
    ParsedFile& pf = parse_file(p);
    if (ex.files.insert(pf.file).second) tree.files.push_back(pf.file);
    if (pf.problem) {
      if (pf.problem->kind == InputProblemKind::unreadable) {
        problem(InputProblemKind::unreadable, pf.problem->message);
      } else {
        tree.problems.push_back(*pf.problem);
      }
      continue;
    }
    const auto index = static_cast<std::uint32_t>(tree.inclusions.size());
    tree.inclusions.push_back({pf.file, inclusion, node.file, node.range});
    std::span<Node> nodes = take_nodes(pf);
    set_inclusion(nodes, index);
    ex.stack.push_back(identity);
    expand(nodes, ex, index, depth + 1);
    ex.stack.pop_back();
    if (paths.size() == 1) {
      node.children = nodes;  // the common case: no copy
    } else {
      included.insert(included.end(), nodes.begin(), nodes.end());
    }
  }
  if (!included.empty()) {
    node.children = sources_.arena().make_array<Node>(included.size());
    std::copy(included.begin(), included.end(), node.children.begin());
  }
}

}  // namespace staplint
