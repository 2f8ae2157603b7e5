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
#include <csignal>
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

std::optional<std::string> DiskFileSystem::read_link(const std::string& p) const {
  struct stat st {};
  if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return std::nullopt;
  std::string target(PATH_MAX, '\0');
  const ssize_t n = ::readlink(p.c_str(), target.data(), target.size());
  if (n < 0) return std::nullopt;
  target.resize(static_cast<std::size_t>(n));
  return target;
}

bool is_kernel_path(const std::string& real) {
  for (const char* top : {"/proc", "/sys", "/dev"}) {
    const std::size_t n = std::strlen(top);
    if (real.compare(0, n, top) == 0 && (real.size() == n || real[n] == '/')) return true;
  }
  return false;
}

namespace {
/// open(2), fstat(2) and read(2) of a regular file, and nothing else.
ReadResult read_regular_file(const std::string& p, std::size_t max_size) {
  ReadResult r;
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    r.status = errno == ENOENT || errno == ENOTDIR ? ReadResult::Status::missing : ReadResult::Status::unreadable;
    r.error = std::strerror(errno);
    return r;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    r.status = S_ISDIR(st.st_mode) ? ReadResult::Status::is_directory : ReadResult::Status::unreadable;
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

ReadResult kernel_path_refused() {
  ReadResult r;
  r.status = ReadResult::Status::unreadable;
  r.error = "it is under /proc, /sys or /dev, which staplint never reads";
  return r;
}
}  // namespace

ReadResult DiskFileSystem::read(const std::string& p, std::size_t max_size) const {
  // /proc/self/environ holds a CI runner's tokens, and /proc files say they
  // are empty regular files: never read, whatever the path to them.
  if (is_kernel_path(canonical(p))) return kernel_path_refused();
  return read_regular_file(p, max_size);
}

std::optional<ReadResult> DiskFileSystem::read_concurrently(const std::string& p, const std::string& identity,
                                                            std::size_t max_size) const {
  if (is_kernel_path(identity)) return kernel_path_refused();
  return read_regular_file(p, max_size);
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
      case DT_DIR:
        entry.kind = PathKind::directory;
        break;
      case DT_LNK:
      case DT_UNKNOWN:
        entry.kind = kind(path::join(dir, entry.name));
        break;  // follow
      default:
        break;
    }
    entries.push_back(std::move(entry));
  }
  ::closedir(d);
  std::sort(entries.begin(), entries.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
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
  if (!plain_files_.count(p) && (::lstat(p.c_str(), &st) != 0 || S_ISLNK(st.st_mode) || S_ISDIR(st.st_mode))) {
    result = real(p);
  } else {
    result = in_real_dir();
  }
  canonical_cache_.emplace(p, result);
  return result;
}

// ---------------------------------------------------------------- confined

namespace {
std::string absolute_from(const std::string& p, const std::string& cwd) {
  return path::normalize(path::is_absolute(p) || cwd.empty() ? p : path::join(cwd, p));
}
bool inside(const std::string& p, const std::string& dir) {
  return p == dir || dir == "/" ||
         (p.size() > dir.size() && p.compare(0, dir.size(), dir) == 0 && p[dir.size()] == '/');
}
}  // namespace

ConfinedFileSystem::ConfinedFileSystem(FileSystem& base, const std::vector<std::string>& roots, std::string cwd)
    : ConfinedFileSystem(static_cast<const FileSystem&>(base), roots, std::move(cwd)) {
  writable_ = &base;
}

ConfinedFileSystem::ConfinedFileSystem(const FileSystem& base, const std::vector<std::string>& roots, std::string cwd)
    : base_(base), cwd_(std::move(cwd)) {
  for (const std::string& r : roots) {
    if (!r.empty()) roots_.push_back(absolute_from(r, cwd_));
  }
  std::sort(roots_.begin(), roots_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::optional<std::string> ConfinedFileSystem::map(const std::string& p) const {
  if (auto it = cache_.find(p); it != cache_.end()) return it->second;
  const std::string abs = absolute_from(p, cwd_);
  const auto root = std::find_if(roots_.begin(), roots_.end(), [&](const std::string& r) { return inside(abs, r); });
  std::optional<std::string> out = p;
  if (root != roots_.end()) {
    // Resolve below the root as chroot(2) would: `..` stops at it, and a
    // link's target continues from the root (absolute) or its directory.
    const std::string& r = *root;
    std::vector<std::string> done;
    std::vector<std::string> todo;  // reversed: next component at the back
    for (std::string_view c : split_nonempty(std::string_view(abs).substr(std::min(abs.size(), r.size())), '/')) {
      todo.emplace_back(c);
    }
    std::reverse(todo.begin(), todo.end());
    auto here = [&](const std::vector<std::string>& parts) {
      std::string q = r;
      for (const std::string& c : parts) q = path::join(q, c);
      return q;
    };
    unsigned links = 0;
    while (!todo.empty() && out) {
      std::string c = std::move(todo.back());
      todo.pop_back();
      if (c.empty() || c == ".") continue;
      if (c == "..") {
        if (!done.empty()) done.pop_back();
        continue;
      }
      done.push_back(c);
      const auto target = base_.read_link(here(done));
      if (!target) continue;
      done.pop_back();
      if (++links > 40) {
        out = std::nullopt;  // ELOOP
        break;
      }
      if (path::is_absolute(*target)) done.clear();
      std::vector<std::string> parts;
      for (std::string_view t : split_nonempty(*target, '/')) parts.emplace_back(t);
      todo.insert(todo.end(), parts.rbegin(), parts.rend());
    }
    if (out) out = here(done);
  }
  cache_.emplace(p, out);
  return out;
}

PathKind ConfinedFileSystem::kind(const std::string& p) const {
  const auto m = map(p);
  return m ? base_.kind(*m) : PathKind::missing;
}
std::optional<FileKey> ConfinedFileSystem::key(const std::string& p) const {
  const auto m = map(p);
  return m ? base_.key(*m) : std::nullopt;
}
bool ConfinedFileSystem::can_read(const std::string& p) const {
  const auto m = map(p);
  return m && base_.can_read(*m);
}
std::optional<std::string> ConfinedFileSystem::read_link(const std::string&) const {
  return std::nullopt;  // map() has followed them all
}
ReadResult ConfinedFileSystem::read(const std::string& p, std::size_t max_size) const {
  const auto m = map(p);
  if (!m) {
    ReadResult r;
    r.status = ReadResult::Status::unreadable;
    r.error = "too many levels of symbolic links";
    return r;
  }
  return base_.read(*m, max_size);
}
std::vector<DirEntry> ConfinedFileSystem::list(const std::string& dir) const {
  const auto m = map(dir);
  if (!m) return {};
  std::vector<DirEntry> entries = base_.list(*m);
  // A link's kind is where it leads inside the root, not on the host.
  for (DirEntry& e : entries) {
    const std::string full = path::join(dir, e.name);
    if (base_.read_link(path::join(*m, e.name))) e.kind = kind(full);
  }
  return entries;
}
std::string ConfinedFileSystem::canonical(const std::string& p) const {
  const auto m = map(p);
  return m ? base_.canonical(*m) : path::normalize(p);
}
Result<void> ConfinedFileSystem::write_file(const std::string& p, const std::string& bytes,
                                            const std::string* expected) {
  const auto m = map(p);
  if (!m) return Error{"cannot write '" + p + "': too many levels of symbolic links"};
  if (!writable_) return FileSystem::write_file(p, bytes, expected);
  return writable_->write_file(*m, bytes, expected);
}

// ---------------------------------------------------------------- overlay

void OverlayFileSystem::set(const std::string& p, std::string bytes) {
  if (base_.kind(p) == PathKind::file) {
    replaced_[base_.canonical(p)] = std::move(bytes);
  } else {
    created_[path::normalize(p)] = std::move(bytes);
  }
}

const std::string* OverlayFileSystem::find(const std::string& p) const {
  if (auto it = created_.find(path::normalize(p)); it != created_.end()) return &it->second;
  if (replaced_.empty() || base_.kind(p) != PathKind::file) return nullptr;
  if (auto it = replaced_.find(base_.canonical(p)); it != replaced_.end()) return &it->second;
  return nullptr;
}

PathKind OverlayFileSystem::kind(const std::string& p) const {
  if (created_.count(path::normalize(p))) return PathKind::file;
  const PathKind k = base_.kind(p);
  if (k != PathKind::missing) return k;
  const std::string prefix = path::normalize(p) + "/";  // a directory only new files are in
  auto it = created_.lower_bound(prefix);
  return it != created_.end() && it->first.compare(0, prefix.size(), prefix) == 0 ? PathKind::directory : k;
}

std::optional<FileKey> OverlayFileSystem::key(const std::string& p) const {
  if (auto k = base_.key(p)) return k;
  if (kind(p) == PathKind::missing) return std::nullopt;
  return FileKey{~std::uint64_t{0}, std::hash<std::string>{}(path::normalize(p))};
}

bool OverlayFileSystem::can_read(const std::string& p) const {
  if (base_.kind(p) != PathKind::missing) return base_.can_read(p);
  return kind(p) != PathKind::missing;
}

ReadResult OverlayFileSystem::read(const std::string& p, std::size_t max_size) const {
  const std::string* text = find(p);
  if (!text) return base_.read(p, max_size);
  ReadResult r;
  if (text->size() > max_size) {
    r.status = ReadResult::Status::too_large;
    r.error = std::to_string(text->size()) + " bytes";
    return r;
  }
  r.bytes = *text;
  return r;
}

std::vector<DirEntry> OverlayFileSystem::list(const std::string& dir) const {
  std::vector<DirEntry> out = base_.kind(dir) == PathKind::directory ? base_.list(dir) : std::vector<DirEntry>{};
  const std::string prefix = path::normalize(dir) + "/";
  for (auto it = created_.lower_bound(prefix); it != created_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it) {
    const std::string rest = it->first.substr(prefix.size());
    const std::size_t slash = rest.find('/');
    const std::string name = rest.substr(0, slash);
    if (std::none_of(out.begin(), out.end(), [&](const DirEntry& e) { return e.name == name; })) {
      out.push_back({name, slash == std::string::npos ? PathKind::file : PathKind::directory});
    }
  }
  std::sort(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return out;
}

std::string OverlayFileSystem::canonical(const std::string& p) const {
  if (created_.count(path::normalize(p))) return path::normalize(p);
  return base_.canonical(p);
}

// ---------------------------------------------------------------- memory

void MemoryFileSystem::add_symlink(const std::string& p, std::string target) {
  links_[path::normalize(p)] = std::move(target);
}

std::optional<std::string> MemoryFileSystem::read_link(const std::string& p) const {
  const auto it = links_.find(path::normalize(p));
  if (it == links_.end()) return std::nullopt;
  return it->second;
}

std::string MemoryFileSystem::follow(const std::string& p) const {
  if (links_.empty()) return path::normalize(p);
  std::string n = path::normalize(p);
  for (unsigned hops = 0; hops < 40; ++hops) {
    // The first prefix of `n` that is a link.
    std::string prefix = path::is_absolute(n) ? "/" : "";
    bool changed = false;
    const auto parts = split_nonempty(n, '/');
    for (std::size_t i = 0; i < parts.size(); ++i) {
      prefix = prefix.empty() ? std::string(parts[i]) : path::join(prefix, std::string(parts[i]));
      const auto it = links_.find(prefix);
      if (it == links_.end()) continue;
      std::string rest;
      for (std::size_t k = i + 1; k < parts.size(); ++k) rest = path::join(rest, std::string(parts[k]));
      const std::string target =
          path::is_absolute(it->second) ? it->second : path::join(path::dirname(prefix), it->second);
      n = path::normalize(rest.empty() ? target : path::join(target, rest));
      changed = true;
      break;
    }
    if (!changed) return n;
  }
  return "/\x01loop";
}

Result<void> MemoryFileSystem::write_file(const std::string& p, const std::string& bytes, const std::string* expected) {
  auto it = files_.find(follow(p));
  if (it != files_.end() && !it->second) return Error{"cannot write '" + p + "': permission denied"};
  if (expected && it != files_.end() && *it->second != *expected) {
    return Error{"'" + p + "' changed since it was read; not written"};
  }
  files_[follow(p)] = bytes;
  return {};
}

namespace {
// The temporary file of the write in progress, for signal handlers: a fixed
// buffer, set before the file exists and cleared after it is renamed.
char pending_temporary[PATH_MAX + 1];
volatile std::sig_atomic_t pending_set = 0;
}  // namespace

void remove_pending_temporary_file() noexcept {
  if (pending_set) ::unlink(pending_temporary);
}

Result<void> DiskFileSystem::write_file(const std::string& p, const std::string& bytes, const std::string* expected) {
  // A symlink is followed: its target gets the new contents, the link stays.
  std::string target = p;
  if (char* real = ::realpath(p.c_str(), nullptr)) {
    target = real;
    std::free(real);
  }
  struct stat st {};
  const bool exists = ::stat(target.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) {
    return Error{"'" + p + "' is not a regular file (a device, FIFO, socket or directory); not replaced"};
  }
  if (exists && ((st.st_mode & 0222) == 0 || ::access(target.c_str(), W_OK) != 0)) {
    return Error{"'" + p + "' is read-only; not replaced"};
  }
  const mode_t mode = exists ? (st.st_mode & 07777) : 0644;
  if (!exists) ::mkdir(path::dirname(target).c_str(), 0755);  // a new bin/, say; fails if it exists
  std::string tmp = path::join(path::dirname(target), "." + path::basename(target) + ".staplint-XXXXXX");
  if (tmp.size() > PATH_MAX) {
    return Error{"cannot write '" + p + "': the path is too long"};
  }
  // SIGINT and SIGTERM wait while the temporary file is made and named, so
  // that a handler never sees half a name; after that the handler removes it.
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGTERM);
  ::sigprocmask(SIG_BLOCK, &block, &old);
  const int fd = ::mkstemp(tmp.data());
  if (fd >= 0) {
    std::memcpy(pending_temporary, tmp.c_str(), tmp.size() + 1);
    pending_set = 1;
  }
  ::sigprocmask(SIG_SETMASK, &old, nullptr);
  if (fd < 0) {
    return Error{"cannot create a temporary file next to '" + p + "': " + std::strerror(errno)};
  }
  auto forget = [&] {
    ::sigprocmask(SIG_BLOCK, &block, &old);
    pending_set = 0;
    ::sigprocmask(SIG_SETMASK, &old, nullptr);
  };
  auto fail_with = [&](std::string message) -> Result<void> {
    ::close(fd);
    ::unlink(tmp.c_str());
    forget();
    return Error{std::move(message)};
  };
  auto fail = [&](const char* what) {
    return fail_with(std::string(what) + " '" + tmp + "': " + std::strerror(errno));
  };
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail("cannot write");
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, mode) != 0) return fail("cannot set the mode of");
  if (exists && ::fchown(fd, st.st_uid, st.st_gid) != 0) {
    return fail_with("cannot keep the owner of '" + p + "' (" + std::to_string(st.st_uid) + ":" +
                     std::to_string(st.st_gid) + "): " + std::strerror(errno) + "; not replaced");
  }
  if (::fsync(fd) != 0) return fail("cannot sync");
  if (::close(fd) != 0) {
    Error error{"cannot close '" + tmp + "': " + std::strerror(errno)};  // before unlink() sets errno
    ::unlink(tmp.c_str());
    forget();
    return error;
  }
  // Last: the file is still the one that was read, with the bytes that were
  // read (an editor may have saved it since).
  struct stat now {};
  const bool still = ::stat(target.c_str(), &now) == 0;
  bool same = exists ? still && now.st_ino == st.st_ino && now.st_dev == st.st_dev : !still;
  if (same && expected && exists) {
    const ReadResult r = read(target, expected->size() + 1);
    same = r.status == ReadResult::Status::ok && r.bytes == *expected;
  }
  if (!same) {
    ::unlink(tmp.c_str());
    forget();
    return Error{"'" + p + "' changed since it was read; not written (run again)"};
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    Error error{"cannot rename '" + tmp + "' to '" + target + "': " + std::strerror(errno)};
    ::unlink(tmp.c_str());
    forget();
    return error;
  }
  forget();
  canonical_cache_.clear();
  return {};
}

void MemoryFileSystem::add(const std::string& p, std::string contents) {
  files_[path::normalize(p)] = std::move(contents);
}

void MemoryFileSystem::add_unreadable(const std::string& p) { files_[path::normalize(p)] = std::nullopt; }

void MemoryFileSystem::add_unreadable_dir(const std::string& p) { unreadable_dirs_.insert(path::normalize(p)); }

std::optional<FileKey> MemoryFileSystem::key(const std::string& p) const {
  if (kind(p) == PathKind::missing) return std::nullopt;
  return FileKey{0, std::hash<std::string>{}(follow(p))};
}

bool MemoryFileSystem::can_read(const std::string& p) const {
  const std::string n = follow(p);
  if (unreadable_dirs_.count(n)) return false;
  const PathKind k = kind(n);
  return k == PathKind::file || k == PathKind::directory;
}

PathKind MemoryFileSystem::kind(const std::string& p) const {
  const std::string n = follow(p);
  if (auto it = files_.find(n); it != files_.end()) {
    return it->second ? PathKind::file : PathKind::unreadable;
  }
  const std::string prefix = n == "/" ? n : n + "/";
  auto it = files_.lower_bound(prefix);
  if (it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0) {
    return PathKind::directory;
  }
  auto link = links_.lower_bound(prefix);
  if (link != links_.end() && link->first.compare(0, prefix.size(), prefix) == 0) return PathKind::directory;
  return PathKind::missing;
}

ReadResult MemoryFileSystem::read(const std::string& p, std::size_t max_size) const {
  ReadResult r;
  const std::string n = follow(p);
  auto it = files_.find(n);
  if (it == files_.end()) {
    r.status = kind(n) == PathKind::directory ? ReadResult::Status::is_directory : ReadResult::Status::missing;
    r.error = r.status == ReadResult::Status::missing ? "No such file or directory" : "is a directory";
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
  const std::string n = follow(dir);
  if (unreadable_dirs_.count(n)) return entries;
  const std::string prefix = n == "/" ? n : n + "/";
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it) {
    const std::string rest = it->first.substr(prefix.size());
    const auto slash = rest.find('/');
    const std::string name = rest.substr(0, slash);
    if (!entries.empty() && entries.back().name == name) continue;
    entries.push_back({name, slash != std::string::npos ? PathKind::directory
                             : it->second               ? PathKind::file
                                                        : PathKind::unreadable});
  }
  for (auto it = links_.lower_bound(prefix); it != links_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it) {
    const std::string rest = it->first.substr(prefix.size());
    if (rest.find('/') != std::string::npos) continue;
    entries.push_back({rest, kind(it->first)});
  }
  std::sort(entries.begin(), entries.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return entries;
}

std::string MemoryFileSystem::canonical(const std::string& p) const { return follow(p); }

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
    const bool up = part == "..";
    if (up && !parts.empty() && parts.back() != "..") {
      parts.pop_back();
    } else if (!part.empty() && part != "." && !(up && abs)) {  // "/.." is "/"
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

std::vector<std::string> files_below(const FileSystem& fs, const std::string& dir, unsigned max_depth, bool skip_hidden,
                                     WalkReport& report) {
  std::vector<std::string> out;
  std::set<FileKey> visited;
  std::size_t seen = 0;
  walk_below(fs, dir, 0, max_depth, skip_hidden, visited, seen, out, report);
  return out;
}

std::string real_location(const FileSystem& fs, const std::string& file) {
  if (fs.kind(file) != PathKind::missing) return fs.canonical(file);
  std::string dir = dirname(file), rest = basename(file);
  for (int up = 0; up < 64 && fs.kind(dir) != PathKind::directory; ++up) {
    rest = join(basename(dir), rest);
    if (dir == "/" || dir == ".") break;
    dir = dirname(dir);
  }
  return join(fs.canonical(dir), rest);
}

std::string relative_to(const std::string& p, const std::string& base) {
  if (base.empty() || base == ".") return p;
  const std::string prefix = base.back() == '/' ? base : base + "/";
  if (p.compare(0, prefix.size(), prefix) == 0) return p.substr(prefix.size());
  return p;
}

}  // namespace path
}  // namespace staplint
