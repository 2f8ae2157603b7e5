// A bump allocator for syntax nodes: one mapping per 2 MiB instead of one
// allocation per node or argument list, backed by transparent huge pages where
// the kernel offers them (page faults dominate on virtual machines). Only
// trivially destructible types live here.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <type_traits>
#include <vector>

namespace staplint {

class Arena {
 public:
  Arena() = default;
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  /// `n` default-constructed objects; never freed before the arena.
  template <typename T>
  std::span<T> make_array(std::size_t n) {
    static_assert(std::is_trivially_destructible_v<T>);
    if (n == 0) return {};
    T* p = static_cast<T*>(allocate(n * sizeof(T), alignof(T)));
    std::uninitialized_default_construct_n(p, n);
    return {p, n};
  }

  std::size_t bytes_reserved() const { return reserved_; }

 private:
  void* allocate(std::size_t bytes, std::size_t align);

  struct Block {
    void* base;
    std::size_t size;
  };
  std::vector<Block> blocks_;
  std::byte* next_ = nullptr;
  std::size_t left_ = 0;
  std::size_t reserved_ = 0;
};

}  // namespace staplint
