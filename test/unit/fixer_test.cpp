#include <catch2/catch.hpp>

#include "staplint/fixer.hpp"

using namespace staplint;

TEST_CASE("edits apply in offset order", "[fixer]") {
  const std::string t = "abcdef";
  CHECK(apply_edits(t, {{0, 4, 0, "X", {}}, {0, 1, 2, "Y", {}}}) == "aYdXef");
}

TEST_CASE("identical edits from several findings apply once", "[fixer]") {
  CHECK(apply_edits("ab", {{0, 1, 0, "X", {}}, {0, 1, 0, "X", {}}}) == "aXb");
}

TEST_CASE("overlapping edits are skipped and counted", "[fixer]") {
  std::size_t skipped = 0;
  CHECK(apply_edits("abcdef", {{0, 1, 3, "X", {}}, {0, 2, 2, "Y", {}}}, &skipped) == "aXef");
  CHECK(skipped == 1);
}

TEST_CASE("edits past the end are refused", "[fixer]") {
  std::size_t skipped = 0;
  CHECK(apply_edits("ab", {{0, 5, 0, "X", {}}}, &skipped) == "ab");
  CHECK(skipped == 1);
}
