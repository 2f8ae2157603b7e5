// What the bench's tree generators share: a deterministic PRNG, so that every
// run writes the same bytes, and file writing.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <fstream>
#include <string>

namespace bench {

/// xorshift64*.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return s * 2685821657736338717ull;
  }
  unsigned pick(unsigned n) { return static_cast<unsigned>(next() % n); }
};

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline void make_dir(const std::string& path) { ::mkdir(path.c_str(), 0755); }

}  // namespace bench
