// The parse floor: what reading a tree and running staplint's grammar over
// every file costs, and nothing more (no lowering to nodes, no includes, no
// models, no rules). The grammars are Spirit X3 by design (the product
// brief), so staplint cannot be faster than this; bench/scaling.sh prints it
// beside the read floor. Files are parsed on as many threads as staplint's
// `-j` default (the cores), each taking the next file.
//   parse_floor nginx|apache|xml [-j N] PATH...
// Prints the bytes read and the statements (elements, for XML) parsed.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "apache_parser.hpp"
#include "nginx_parser.hpp"
#include "xml_parser.hpp"

namespace {

void list_tree(const std::string& root, std::vector<std::string>& files) {
  std::vector<std::string> pending{root};  // a worklist: no recursion
  while (!pending.empty()) {
    const std::string path = pending.back();
    pending.pop_back();
    struct stat st {};
    if ((path == root ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st)) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      if (DIR* d = ::opendir(path.c_str())) {
        while (const dirent* e = ::readdir(d)) {
          const std::string name = e->d_name;
          if (name != "." && name != "..") pending.push_back(path + "/" + name);
        }
        ::closedir(d);
      }
    } else if (S_ISREG(st.st_mode)) {
      files.push_back(path);
    }
  }
}

struct Totals {
  unsigned long long bytes = 0;
  unsigned long long statements = 0;
};

Totals parse_files(const std::string& dialect, const std::vector<std::string>& files, std::atomic<std::size_t>& next) {
  namespace ng = staplint::grammar::nginx;
  namespace ap = staplint::grammar::apache;
  namespace xm = staplint::grammar::xml;
  Totals t;
  ng::ast::tree nginx_tree;  // reused, as staplint reuses a per-thread scratch tree
  ap::ast::tree apache_tree;
  std::string text;
  for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
    // Read as bench/read_floor reads: open, fstat, one buffer, read.
    const int fd = ::open(files[i].c_str(), O_RDONLY);
    if (fd < 0) continue;
    struct stat st {};
    text.clear();
    if (::fstat(fd, &st) == 0) {
      text.resize(static_cast<std::size_t>(st.st_size));
      std::size_t got = 0;
      for (ssize_t n; got < text.size() && (n = ::read(fd, text.data() + got, text.size() - got)) > 0;) {
        got += static_cast<std::size_t>(n);
      }
      text.resize(got);
    }
    ::close(fd);
    t.bytes += text.size();
    if (dialect == "nginx") {
      if (!ng::parse_into(text, {}, nginx_tree)) t.statements += nginx_tree.statements.size();
    } else if (dialect == "apache") {
      ap::parse_into(text, apache_tree);
      t.statements += apache_tree.lines.size();
    } else {
      const xm::parse_output out = xm::parse(text);
      if (!out.error) t.statements += out.tree.items.size();
    }
  }
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: parse_floor nginx|apache|xml [-j N] PATH...\n");
    return 2;
  }
  const std::string dialect = argv[1];
  if (dialect != "nginx" && dialect != "apache" && dialect != "xml") {
    std::fprintf(stderr, "unknown dialect %s\n", argv[1]);
    return 2;
  }
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string> files;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "-j") == 0 && i + 1 < argc) {
      jobs = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
    } else {
      list_tree(argv[i], files);
    }
  }
  std::atomic<std::size_t> next{0};
  std::vector<Totals> totals(jobs);
  std::vector<std::thread> threads;
  for (unsigned j = 1; j < jobs; ++j) threads.emplace_back([&, j] { totals[j] = parse_files(dialect, files, next); });
  totals[0] = parse_files(dialect, files, next);
  for (std::thread& th : threads) th.join();
  Totals all;
  for (const Totals& t : totals) {
    all.bytes += t.bytes;
    all.statements += t.statements;
  }
  std::printf("%llu %llu\n", all.bytes, all.statements);
  return 0;
}
