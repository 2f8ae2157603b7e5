// All file access goes through FileSystem, so tests can use MemoryFileSystem.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "staplint/error.hpp"

namespace staplint {

enum class PathKind { missing, file, directory, other, unreadable };

struct DirEntry {
  std::string name;
  PathKind kind = PathKind::other;  ///< symlinks are followed
};

struct ReadResult {
  enum class Status { ok, missing, unreadable, too_large, is_directory };
  Status status = Status::ok;
  std::string bytes;
  std::string error;  ///< strerror-like detail for unreadable
};

/// What identifies a file or directory whatever the path to it: st_dev and
/// st_ino on disk. Walks use it to visit each real directory once.
struct FileKey {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  // clang-tidy 14 reads the defaulted comparison as a 0 for a pointer.
  auto operator<=>(const FileKey&) const = default;  // NOLINT(modernize-use-nullptr)
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual PathKind kind(const std::string& path) const = 0;
  /// The key of an existing path (symlinks followed); nullopt if none.
  virtual std::optional<FileKey> key(const std::string& path) const = 0;
  /// Whether this process may read the file, or list and enter the directory.
  virtual bool can_read(const std::string& path) const = 0;
  /// The target of a symbolic link, as written; nullopt if `path` is none.
  virtual std::optional<std::string> read_link(const std::string& /*path*/) const { return std::nullopt; }
  /// Reads a whole file, refusing files larger than `max_size` bytes.
  virtual ReadResult read(const std::string& path, std::size_t max_size) const = 0;
  /// The same read, safe to call from several threads at once, for a path
  /// whose canonical() form (`identity`) the caller already has; nullopt
  /// when this file system cannot read from other threads (the default).
  virtual std::optional<ReadResult> read_concurrently(const std::string& /*path*/, const std::string& /*identity*/,
                                                      std::size_t /*max_size*/) const {
    return std::nullopt;
  }
  /// Entries of a directory (names, not paths) with their kinds, sorted
  /// bytewise by name; empty if unreadable.
  virtual std::vector<DirEntry> list(const std::string& dir) const = 0;
  /// A canonical form of an existing path (symlinks resolved where possible).
  virtual std::string canonical(const std::string& path) const = 0;
  /// Replaces the contents of `path` (or creates it) atomically, following a
  /// symlink to its target and keeping the file's mode and owner. An error
  /// when it cannot; the file is then as it was. It refuses:
  /// - a target that is not a regular file (a FIFO, a device, a socket);
  /// - a file nobody may write, or this process may not;
  /// - a file whose owner it cannot keep;
  /// - with `expected`, a file whose bytes are no longer `expected` (edited
  ///   since it was read).
  /// The default is a read-only file system.
  virtual Result<void> write_file(const std::string& path, const std::string& /*bytes*/,
                                  const std::string* /*expected*/ = nullptr) {
    return Error{"read-only file system: '" + path + "'"};
  }
};

class DiskFileSystem final : public FileSystem {
 public:
  PathKind kind(const std::string& path) const override;
  std::optional<FileKey> key(const std::string& path) const override;
  bool can_read(const std::string& path) const override;
  std::optional<std::string> read_link(const std::string& path) const override;
  ReadResult read(const std::string& path, std::size_t max_size) const override;
  /// No cache is touched: open(2) and read(2) only.
  std::optional<ReadResult> read_concurrently(const std::string& path, const std::string& identity,
                                              std::size_t max_size) const override;
  std::vector<DirEntry> list(const std::string& dir) const override;
  /// realpath(3), remembered. A file that list() saw as a regular file (not a
  /// symlink) costs no system call, any other file that is not a symlink one
  /// lstat: its directory's canonical form is cached.
  std::string canonical(const std::string& path) const override;
  /// A temporary file in the target's directory, written and fsynced, given
  /// the target's mode, then renamed over it.
  Result<void> write_file(const std::string& path, const std::string& bytes,
                          const std::string* expected = nullptr) override;

 private:
  mutable std::unordered_map<std::string, std::string> dir_cache_;
  mutable std::unordered_map<std::string, std::string> canonical_cache_;
  mutable std::unordered_set<std::string> plain_files_;  // regular, not symlinks, per readdir
};

/// A checkout of a server's `/` (--root, --path-map), read as the server
/// would read it under chroot(2): a path inside one of `roots` resolves
/// component by component; `..` stops at the root, and a symbolic link's
/// target, absolute or relative, is looked up inside that root. Nothing
/// inside a root can reach outside it. Paths outside every root (files named
/// on the command line) pass through.
class ConfinedFileSystem final : public FileSystem {
 public:
  /// `roots` and `cwd` as the paths given are written; relative ones are
  /// taken from `cwd`.
  ConfinedFileSystem(const FileSystem& base, const std::vector<std::string>& roots, std::string cwd);
  /// The same, writing through to `base`.
  ConfinedFileSystem(FileSystem& base, const std::vector<std::string>& roots, std::string cwd);
  PathKind kind(const std::string& path) const override;
  std::optional<FileKey> key(const std::string& path) const override;
  bool can_read(const std::string& path) const override;
  std::optional<std::string> read_link(const std::string& path) const override;
  ReadResult read(const std::string& path, std::size_t max_size) const override;
  std::vector<DirEntry> list(const std::string& dir) const override;
  std::string canonical(const std::string& path) const override;
  Result<void> write_file(const std::string& path, const std::string& bytes,
                          const std::string* expected = nullptr) override;

  /// The path read for `path`: inside a root, its resolution there (nullopt
  /// for a symlink loop); outside, `path` itself.
  std::optional<std::string> map(const std::string& path) const;

 private:
  const FileSystem& base_;
  FileSystem* writable_ = nullptr;
  std::vector<std::string> roots_;  ///< absolute and normalised, longest first
  std::string cwd_;
  mutable std::unordered_map<std::string, std::optional<std::string>> cache_;
};

/// Another file system with some files' contents replaced, and some files
/// added, in memory: what the tree will be once fixes are written, linted
/// before anything is (--fix=all applies fixes until none is left).
class OverlayFileSystem final : public FileSystem {
 public:
  explicit OverlayFileSystem(const FileSystem& base) : base_(base) {}
  /// `path` now holds `bytes` (a new file if it did not exist).
  void set(const std::string& path, std::string bytes);
  PathKind kind(const std::string& path) const override;
  std::optional<FileKey> key(const std::string& path) const override;
  bool can_read(const std::string& path) const override;
  ReadResult read(const std::string& path, std::size_t max_size) const override;
  std::vector<DirEntry> list(const std::string& dir) const override;
  std::string canonical(const std::string& path) const override;

 private:
  /// By canonical path for files that exist underneath, by normalised path
  /// for new ones.
  const std::string* find(const std::string& path) const;
  const FileSystem& base_;
  std::map<std::string, std::string> replaced_;
  std::map<std::string, std::string> created_;
};

/// An in-memory tree of files for tests. Directories exist implicitly.
class MemoryFileSystem final : public FileSystem {
 public:
  void add(const std::string& path, std::string contents);
  void add_unreadable(const std::string& path);
  /// A directory whose entries cannot be listed.
  void add_unreadable_dir(const std::string& path);
  /// A symbolic link at `path` to `target` (as written).
  void add_symlink(const std::string& path, std::string target);
  std::optional<std::string> read_link(const std::string& path) const override;
  PathKind kind(const std::string& path) const override;
  std::optional<FileKey> key(const std::string& path) const override;
  bool can_read(const std::string& path) const override;
  ReadResult read(const std::string& path, std::size_t max_size) const override;
  std::vector<DirEntry> list(const std::string& dir) const override;
  std::string canonical(const std::string& path) const override;
  Result<void> write_file(const std::string& path, const std::string& bytes,
                          const std::string* expected = nullptr) override;

 private:
  std::map<std::string, std::optional<std::string>> files_;  // nullopt: unreadable
  std::set<std::string> unreadable_dirs_;
  std::map<std::string, std::string> links_;
  /// `path` with its symbolic links followed, as the kernel would.
  std::string follow(const std::string& path) const;
};

namespace path {
bool is_absolute(const std::string& p);
std::string join(const std::string& a, const std::string& b);
std::string dirname(const std::string& p);
std::string basename(const std::string& p);
/// Lexical normalisation: collapses `//`, `.` and `dir/..`.
std::string normalize(const std::string& p);
bool has_glob(const std::string& p);
/// What a glob or a directory walk met besides its matches.
struct WalkReport {
  std::vector<std::string> unreadable;  ///< directories it could not list
  std::vector<std::string> loops;       ///< symlinks back to a directory on their own path
  bool over_budget = false;             ///< it stopped after kMaxWalkEntries entries
};
/// The most directory entries one glob or walk looks at.
inline constexpr std::size_t kMaxWalkEntries = 1'000'000;

/// Expands a glob the way glob(3) does for nginx: sorted, hidden names only by an
/// explicit leading dot. Each match comes with its kind. A directory reached
/// again below itself through a symlink is not entered (glob(3) would, until
/// ELOOP: b links to `.` under a pattern of n `*` levels are b^n paths).
std::vector<DirEntry> glob(const FileSystem& fs, const std::string& pattern, WalkReport* report = nullptr);
/// The regular files below `dir`, sorted per directory, each real directory
/// entered once (by FileKey), at most `max_depth` levels down. With
/// `skip_hidden`, names starting with a dot are left out.
std::vector<std::string> files_below(const FileSystem& fs, const std::string& dir, unsigned max_depth, bool skip_hidden,
                                     WalkReport& report);
/// Where `file` really is: its canonical path, or for a file that does not
/// exist yet (one a fix creates), the canonical path of its nearest existing
/// directory with the rest of the name (a symlinked `bin/` counts as where
/// it leads).
std::string real_location(const FileSystem& fs, const std::string& file);
/// `p` relative to `base` when `p` lies below it, otherwise `p`.
std::string relative_to(const std::string& p, const std::string& base);
}  // namespace path

/// Whether the canonical path `real` lies under /proc, /sys or /dev, which
/// DiskFileSystem never reads.
bool is_kernel_path(const std::string& real);

/// Removes the temporary file a write_file() in progress has made, if any.
/// Async-signal-safe: for SIGINT and SIGTERM handlers.
void remove_pending_temporary_file() noexcept;

}  // namespace staplint
