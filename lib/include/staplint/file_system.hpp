// All file access goes through FileSystem, so tests can use MemoryFileSystem.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

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

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual PathKind kind(const std::string& path) const = 0;
  /// Reads a whole file, refusing files larger than `max_size` bytes.
  virtual ReadResult read(const std::string& path, std::size_t max_size) const = 0;
  /// Entries of a directory (names, not paths) with their kinds, sorted
  /// bytewise by name; empty if unreadable.
  virtual std::vector<DirEntry> list(const std::string& dir) const = 0;
  /// A canonical form of an existing path (symlinks resolved where possible).
  virtual std::string canonical(const std::string& path) const = 0;
  /// Replaces the contents of `path` (or creates it) atomically, following a
  /// symlink to its target and keeping the file's permissions. False with
  /// `error` set when it cannot; the file is then as it was. The default is a
  /// read-only file system.
  virtual bool write_file(const std::string& path, const std::string& /*bytes*/, std::string& error) {
    error = "read-only file system: '" + path + "'";
    return false;
  }
};

class DiskFileSystem final : public FileSystem {
 public:
  PathKind kind(const std::string& path) const override;
  ReadResult read(const std::string& path, std::size_t max_size) const override;
  std::vector<DirEntry> list(const std::string& dir) const override;
  /// realpath(3), remembered. A file that list() saw as a regular file (not a
  /// symlink) costs no system call, any other file that is not a symlink one
  /// lstat: its directory's canonical form is cached.
  std::string canonical(const std::string& path) const override;
  /// A temporary file in the target's directory, written and fsynced, given
  /// the target's mode, then renamed over it.
  bool write_file(const std::string& path, const std::string& bytes, std::string& error) override;

 private:
  mutable std::unordered_map<std::string, std::string> dir_cache_;
  mutable std::unordered_map<std::string, std::string> canonical_cache_;
  mutable std::unordered_set<std::string> plain_files_;  // regular, not symlinks, per readdir
};

/// An in-memory tree of files for tests. Directories exist implicitly.
class MemoryFileSystem final : public FileSystem {
 public:
  void add(const std::string& path, std::string contents);
  void add_unreadable(const std::string& path);
  PathKind kind(const std::string& path) const override;
  ReadResult read(const std::string& path, std::size_t max_size) const override;
  std::vector<DirEntry> list(const std::string& dir) const override;
  std::string canonical(const std::string& path) const override;
  bool write_file(const std::string& path, const std::string& bytes, std::string& error) override;

 private:
  std::map<std::string, std::optional<std::string>> files_;  // nullopt: unreadable
};

namespace path {
bool is_absolute(const std::string& p);
std::string join(const std::string& a, const std::string& b);
std::string dirname(const std::string& p);
std::string basename(const std::string& p);
/// Lexical normalisation: collapses `//`, `.` and `dir/..`.
std::string normalize(const std::string& p);
bool has_glob(const std::string& p);
/// Expands a glob the way glob(3) does for nginx: sorted, hidden names only by an
/// explicit leading dot. Each match comes with its kind.
std::vector<DirEntry> glob(const FileSystem& fs, const std::string& pattern);
/// `p` relative to `base` when `p` lies below it, otherwise `p`.
std::string relative_to(const std::string& p, const std::string& base);
}  // namespace path

}  // namespace staplint
