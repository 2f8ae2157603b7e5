// The read floor: what reading a tree costs and nothing more. Walks the
// directories named, opens and reads every regular file into one buffer, and
// prints the bytes read. staplint's time is compared with this one's, since
// it moves with the machine (disk cache, CPU) as staplint's does.
// --keep reads each file into a buffer of its own and keeps them all, as a
// linter must that quotes lines and edits files: the cost of holding the
// text in memory the process has not touched before (the kernel zeroes each
// fresh page before the copy).
//   read_floor [--keep] PATH...
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace {

unsigned long long read_tree(const std::string& root, std::vector<char>& buffer, std::vector<std::vector<char>>* kept) {
  unsigned long long total = 0;
  std::vector<std::string> pending{root};  // a worklist: no recursion
  while (!pending.empty()) {
    const std::string path = pending.back();
    pending.pop_back();
    struct stat st {};
    // The root as named (a symlink to a tree is followed), below it lstat:
    // as staplint walks.
    if ((path == root ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st)) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      if (DIR* d = ::opendir(path.c_str())) {
        while (const dirent* e = ::readdir(d)) {
          const std::string name = e->d_name;
          if (name != "." && name != "..") pending.push_back(path + "/" + name);
        }
        ::closedir(d);
      }
      continue;
    }
    if (!S_ISREG(st.st_mode)) continue;
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) continue;
    if (kept) {
      // Its own buffer, its size, as staplint reads a file.
      kept->emplace_back(static_cast<std::size_t>(st.st_size));
      std::vector<char>& own = kept->back();
      std::size_t at = 0;
      for (ssize_t n; at < own.size() && (n = ::read(fd, own.data() + at, own.size() - at)) > 0;) {
        at += static_cast<std::size_t>(n);
      }
      total += at;
    } else {
      if (buffer.size() < static_cast<std::size_t>(st.st_size) + 1)
        buffer.resize(static_cast<std::size_t>(st.st_size) + 1);
      for (ssize_t n; (n = ::read(fd, buffer.data(), buffer.size())) > 0;) total += static_cast<unsigned long long>(n);
    }
    ::close(fd);
  }
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char> buffer(1 << 16);
  std::vector<std::vector<char>> kept;
  const bool keep = argc > 1 && std::string(argv[1]) == "--keep";
  unsigned long long total = 0;
  for (int i = keep ? 2 : 1; i < argc; ++i) total += read_tree(argv[i], buffer, keep ? &kept : nullptr);
  std::printf("%llu\n", total);
  return 0;
}
