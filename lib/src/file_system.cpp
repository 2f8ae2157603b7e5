#include "staplint/file_system.hpp"
#include "staplint/text.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace staplint {

// ---------------------------------------------------------------- disk

PathKind DiskFileSystem::kind(const std::string& p) const {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) {
    return errno == EACCES ? PathKind::unreadable : PathKind::missing;
  }
  if (S_ISDIR(st.st_mode)) return PathKind::directory;
  if (S_ISREG(st.st_mode)) return PathKind::file;
  return PathKind::other;
}

std::optional<FileKey> DiskFileSystem::key(const std::string& p) const {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return std::nullopt;
  return FileKey{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
}

bool DiskFileSystem::can_read(const std::string& p) const {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return false;
  return ::access(p.c_str(), S_ISDIR(st.st_mode) ? (R_OK | X_OK) : R_OK) == 0;
}

ReadResult DiskFileSystem::read(const std::string& p, std::size_t max_size) const {
  ReadResult r;
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    r.status = errno == ENOENT || errno == ENOTDIR ? ReadResult::Status::missing
                                                    : ReadResult::Status::unreadable;
    r.error = std::strerror(errno);
    return r;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    r.status = S_ISDIR(st.st_mode) ? ReadResult::Status::is_directory
                                   : ReadResult::Status::unreadable;
    r.error = S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
    ::close(fd);
    return r;
  }
  if (static_cast<std::size_t>(st.st_size) > max_size) {
    r.status = ReadResult::Status::too_large;
    r.error = std::to_string(st.st_size) + " bytes";
    ::close(fd);
    return r;
  }
  r.bytes.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (got < r.bytes.size()) {
    const ssize_t n = ::read(fd, r.bytes.data() + got, r.bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      r.status = ReadResult::Status::unreadable;
      r.error = std::strerror(errno);
      ::close(fd);
      return r;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  r.bytes.resize(got);
  ::close(fd);
  return r;
}

std::vector<DirEntry> DiskFileSystem::list(const std::string& dir) const {
  std::vector<DirEntry> entries;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return entries;
  while (dirent* e = ::readdir(d)) {
    if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
    DirEntry entry{e->d_name, PathKind::other};
    switch (e->d_type) {
      case DT_REG:
        entry.kind = PathKind::file;
        plain_files_.insert(path::join(dir, entry.name));
        break;
      case DT_DIR: entry.kind = PathKind::directory; break;
      case DT_LNK:
      case DT_UNKNOWN: entry.kind = kind(path::join(dir, entry.name)); break;  // follow
      default: break;
    }
    entries.push_back(std::move(entry));
  }
  ::closedir(d);
  std::sort(entries.begin(), entries.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return entries;
}

std::string DiskFileSystem::canonical(const std::string& p) const {
  auto real = [](const std::string& q) {
    char buf[PATH_MAX];
    return ::realpath(q.c_str(), buf) ? std::string(buf) : path::normalize(q);
  };
  if (auto known = canonical_cache_.find(p); known != canonical_cache_.end()) return known->second;
  auto in_real_dir = [&] {
    const std::string dir = path::dirname(p);
    auto it = dir_cache_.find(dir);
    if (it == dir_cache_.end()) it = dir_cache_.emplace(dir, real(dir)).first;
    return path::join(it->second, path::basename(p));
  };
  std::string result;
  struct stat st {};
  if (plain_files_.count(p)) {
    result = in_real_dir();
  } else if (::lstat(p.c_str(), &st) != 0 || S_ISLNK(st.st_mode) || S_ISDIR(st.st_mode)) {
    result = real(p);
  } else {
    result = in_real_dir();
  }
  canonical_cache_.emplace(p, result);
  return result;
}

// ---------------------------------------------------------------- memory

bool MemoryFileSystem::write_file(const std::string& p, const std::string& bytes, std::string& error) {
  auto it = files_.find(path::normalize(p));
  if (it != files_.end() && !it->second) {
    error = "cannot write '" + p + "': permission denied";
    return false;
  }
  files_[path::normalize(p)] = bytes;
  return true;
}

bool DiskFileSystem::write_file(const std::string& p, const std::string& bytes, std::string& error) {
  // A symlink is followed: its target gets the new contents, the link stays.
  std::string target = p;
  if (char* real = ::realpath(p.c_str(), nullptr)) {
    target = real;
    std::free(real);
  }
  struct stat st {};
  const bool exists = ::stat(target.c_str(), &st) == 0;
  const mode_t mode = exists ? (st.st_mode & 07777) : 0644;
  if (!exists) ::mkdir(path::dirname(target).c_str(), 0755);  // a new bin/, say; fails if it exists
  std::string tmp = path::join(path::dirname(target), "." + path::basename(target) + ".staplint-XXXXXX");
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    error = "cannot create a temporary file next to '" + p + "': " + std::strerror(errno);
    return false;
  }
  auto fail = [&](const char* what) {
    error = std::string(what) + " '" + tmp + "': " + std::strerror(errno);
    ::close(fd);
    ::unlink(tmp.c_str());
    return false;
  };
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail("cannot write");
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, mode) != 0) return fail("cannot set the mode of");
  if (exists && ::fchown(fd, st.st_uid, st.st_gid) != 0 && errno != EPERM) return fail("cannot set the owner of");
  if (::fsync(fd) != 0) return fail("cannot sync");
  if (::close(fd) != 0) {
    ::unlink(tmp.c_str());
    error = "cannot close '" + tmp + "': " + std::strerror(errno);
    return false;
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    error = "cannot rename '" + tmp + "' to '" + target + "': " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  canonical_cache_.clear();
  return true;
}

void MemoryFileSystem::add(const std::string& p, std::string contents) {
  files_[path::normalize(p)] = std::move(contents);
}

void MemoryFileSystem::add_unreadable(const std::string& p) {
  files_[path::normalize(p)] = std::nullopt;
}

void MemoryFileSystem::add_unreadable_dir(const std::string& p) { unreadable_dirs_.insert(path::normalize(p)); }

std::optional<FileKey> MemoryFileSystem::key(const std::string& p) const {
  if (kind(p) == PathKind::missing) return std::nullopt;
  return FileKey{0, std::hash<std::string>{}(path::normalize(p))};
}

bool MemoryFileSystem::can_read(const std::string& p) const {
  const std::string n = path::normalize(p);
  if (unreadable_dirs_.count(n)) return false;
  const PathKind k = kind(n);
  return k == PathKind::file || k == PathKind::directory;
}

PathKind MemoryFileSystem::kind(const std::string& p) const {
  const std::string n = path::normalize(p);
  if (auto it = files_.find(n); it != files_.end()) {
    return it->second ? PathKind::file : PathKind::unreadable;
  }
  const std::string prefix = n == "/" ? n : n + "/";
  auto it = files_.lower_bound(prefix);
  if (it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0) {
    return PathKind::directory;
  }
  return PathKind::missing;
}

ReadResult MemoryFileSystem::read(const std::string& p, std::size_t max_size) const {
  ReadResult r;
  const std::string n = path::normalize(p);
  auto it = files_.find(n);
  if (it == files_.end()) {
    r.status = kind(n) == PathKind::directory ? ReadResult::Status::is_directory
                                              : ReadResult::Status::missing;
    r.error = r.status == ReadResult::Status::missing ? "No such file or directory"
                                                      : "is a directory";
    return r;
  }
  if (!it->second) {
    r.status = ReadResult::Status::unreadable;
    r.error = "Permission denied";
    return r;
  }
  if (it->second->size() > max_size) {
    r.status = ReadResult::Status::too_large;
    r.error = std::to_string(it->second->size()) + " bytes";
    return r;
  }
  r.bytes = *it->second;
  return r;
}

std::vector<DirEntry> MemoryFileSystem::list(const std::string& dir) const {
  std::vector<DirEntry> entries;
  const std::string n = path::normalize(dir);
  if (unreadable_dirs_.count(n)) return entries;
  const std::string prefix = n == "/" ? n : n + "/";
  for (auto it = files_.lower_bound(prefix);
       it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    const std::string rest = it->first.substr(prefix.size());
    const auto slash = rest.find('/');
    const std::string name = rest.substr(0, slash);
    if (!entries.empty() && entries.back().name == name) continue;
    entries.push_back({name, slash != std::string::npos ? PathKind::directory
                             : it->second                ? PathKind::file
                                                         : PathKind::unreadable});
  }
  return entries;  // std::map order is bytewise
}

std::string MemoryFileSystem::canonical(const std::string& p) const { return path::normalize(p); }

// ---------------------------------------------------------------- paths

namespace path {

bool is_absolute(const std::string& p) { return !p.empty() && p[0] == '/'; }

std::string join(const std::string& a, const std::string& b) {
  if (a.empty() || is_absolute(b)) return b;
  if (a.back() == '/') return a + b;
  return a + "/" + b;
}

std::string dirname(const std::string& p) {
  const auto slash = p.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return p.substr(0, slash);
}

std::string basename(const std::string& p) {
  const auto slash = p.find_last_of('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

std::string normalize(const std::string& p) {
  if (p.empty()) return ".";
  const bool abs = is_absolute(p);
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i <= p.size()) {
    const std::size_t j = std::min(p.find('/', i), p.size());
    const std::string part = p.substr(i, j - i);
    if (part.empty() || part == ".") {
      // skip
    } else if (part == ".." && !parts.empty() && parts.back() != "..") {
      parts.pop_back();
    } else if (part == ".." && abs) {
      // "/.." is "/"
    } else {
      parts.push_back(part);
    }
    i = j + 1;
  }
  std::string out = abs ? "/" : "";
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k) out += '/';
    out += parts[k];
  }
  return out.empty() ? "." : out;
}

bool has_glob(const std::string& p) { return p.find_first_of("*?[") != std::string::npos; }

std::vector<DirEntry> glob(const FileSystem& fs, const std::string& pattern, WalkReport* report) {
  WalkReport ignored;
  WalkReport& rep = report ? *report : ignored;
  // Expand component by component, like glob(3).
  std::vector<std::string> parts;
  for (std::string_view part : split_nonempty(pattern, '/')) parts.emplace_back(part);
  // A candidate: the path built so far (`name`), and the keys of the
  // directories on it, to notice a symlink back to one of them.
  struct Candidate {
    DirEntry entry;
    std::vector<FileKey> above;
  };
  const std::string start = is_absolute(pattern) ? "/" : ".";
  std::vector<Candidate> current{{{is_absolute(pattern) ? "/" : "", PathKind::directory}, {}}};
  if (auto k = fs.key(start)) current.front().above.push_back(*k);
  std::size_t seen = 0;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const bool last = k + 1 == parts.size();
    std::vector<Candidate> next;
    // A directory that a further component descends into: skip it when it
    // is one of the directories above it.
    // A literal component cannot multiply the candidates: it only keeps the
    // chain of directories right (`..` leaves one).
    auto push = [&](const Candidate& base, std::string name, PathKind kind, bool literal) {
      Candidate c{{std::move(name), kind}, {}};
      if (!last && kind == PathKind::directory) {
        c.above = base.above;
        if (literal && parts[k] == "..") {
          if (!c.above.empty()) c.above.pop_back();
        } else if (!literal || parts[k] != ".") {
          const auto key = fs.key(c.entry.name);
          if (!literal && key && std::find(base.above.begin(), base.above.end(), *key) != base.above.end()) {
            if (rep.loops.size() < 16) rep.loops.push_back(c.entry.name);
            return;
          }
          if (key) c.above.push_back(*key);
        }
      }
      next.push_back(std::move(c));
    };
    for (const Candidate& base : current) {
      if (!has_glob(parts[k])) {
        const std::string cand = base.entry.name.empty() ? parts[k] : join(base.entry.name, parts[k]);
        const PathKind kd = fs.kind(cand);
        if (last ? kd != PathKind::missing : kd == PathKind::directory) push(base, cand, kd, true);
        continue;
      }
      const std::string dir = base.entry.name.empty() ? "." : base.entry.name;
      if (!fs.can_read(dir)) {
        if (rep.unreadable.size() < 16) rep.unreadable.push_back(dir);
        continue;
      }
      for (const DirEntry& e : fs.list(dir)) {
        if (++seen > kMaxWalkEntries) {
          rep.over_budget = true;
          break;
        }
        if (::fnmatch(parts[k].c_str(), e.name.c_str(), FNM_PERIOD) != 0) continue;
        if (!last && e.kind != PathKind::directory) continue;
        push(base, base.entry.name.empty() ? e.name : join(base.entry.name, e.name), e.kind, false);
      }
      if (rep.over_budget) break;
    }
    current = std::move(next);
    if (current.empty() || rep.over_budget) break;
  }
  std::vector<DirEntry> out;
  if (rep.over_budget) return out;
  out.reserve(current.size());
  for (Candidate& c : current) out.push_back(std::move(c.entry));
  std::sort(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return out;
}

namespace {
void walk_below(const FileSystem& fs, const std::string& dir, unsigned depth, unsigned max_depth, bool skip_hidden,
                std::set<FileKey>& visited, std::size_t& seen, std::vector<std::string>& out, WalkReport& rep) {
  if (depth > max_depth || rep.over_budget) return;
  if (const auto key = fs.key(dir); key && !visited.insert(*key).second) {
    if (rep.loops.size() < 16) rep.loops.push_back(dir);
    return;
  }
  if (!fs.can_read(dir)) {
    if (rep.unreadable.size() < 16) rep.unreadable.push_back(dir);
    return;
  }
  for (const DirEntry& e : fs.list(dir)) {
    if (++seen > kMaxWalkEntries) {
      rep.over_budget = true;
      return;
    }
    if (skip_hidden && (e.name.empty() || e.name[0] == '.')) continue;
    const std::string p = join(dir, e.name);
    if (e.kind == PathKind::directory) {
      walk_below(fs, p, depth + 1, max_depth, skip_hidden, visited, seen, out, rep);
    } else if (e.kind == PathKind::file) {
      out.push_back(p);
    } else if (e.kind == PathKind::unreadable && rep.unreadable.size() < 16) {
      rep.unreadable.push_back(p);
    }
  }
}
}  // namespace

std::vector<std::string> files_below(const FileSystem& fs, const std::string& dir, unsigned max_depth,
                                     bool skip_hidden, WalkReport& report) {
  std::vector<std::string> out;
  std::set<FileKey> visited;
  std::size_t seen = 0;
  walk_below(fs, dir, 0, max_depth, skip_hidden, visited, seen, out, report);
  return out;
}

std::string relative_to(const std::string& p, const std::string& base) {
  if (base.empty() || base == ".") return p;
  const std::string prefix = base.back() == '/' ? base : base + "/";
  if (p.compare(0, prefix.size(), prefix) == 0) return p.substr(prefix.size());
  return p;
}

}  // namespace path
}  // namespace staplint
