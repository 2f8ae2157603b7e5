#include <catch2/catch.hpp>

#include "staplint/source.hpp"

using staplint::SourceFile;

TEST_CASE("line and column count bytes, a tab as one column", "[source]") {
  const SourceFile f("a.conf", "a.conf", "ab\n\tcd\n");
  CHECK(f.line_col(0).line == 1);
  CHECK(f.line_col(4).line == 2);
  CHECK(f.line_col(4).column == 2);
  CHECK(f.line_text(2) == "\tcd");
  CHECK(f.line_count() == 3);
}

TEST_CASE("CRLF line ends are not part of the line text", "[source]") {
  const SourceFile f("a.conf", "a.conf", "a;\r\nb;\r\n");
  CHECK(f.line_text(1) == "a;");
  CHECK(f.line_col(4).line == 2);
  CHECK(f.line_col(4).column == 1);
}

TEST_CASE("a byte order mark is not counted in columns", "[source]") {
  const SourceFile f("a.conf", "a.conf",
                     "\xEF\xBB\xBF"
                     "events {}\n");
  CHECK(f.has_bom());
  CHECK(f.line_col(3).column == 1);
  CHECK(f.line_text(1) == "events {}");
}

TEST_CASE("offsets past the end clamp to the last position", "[source]") {
  const SourceFile f("a.conf", "a.conf", "abc");
  CHECK(f.line_col(99).column == 4);
}
