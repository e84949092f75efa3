// SPDX-License-Identifier: Apache-2.0
// Tests for terminal text layout.
#include "ghes_topology/report/text_layout.hpp"

#include <catch2/catch.hpp>

using namespace ghes_topology::report;

TEST_CASE("report: wrap breaks between words and indents continuation lines", "[report]")
{
  CHECK(wrap("one two three four five", 12, "- ", "  ") == "- one two\n  three four\n  five\n");
  CHECK(wrap("a\nb", 80, "", "") == "a\nb\n");
  CHECK(wrap("averyveryverylongword x", 8, "", "") == "averyveryverylongword\nx\n");
}

TEST_CASE("report: display width ignores ANSI escapes and counts code points", "[report]")
{
  CHECK(display_width(styled("abc", Style::red, true)) == 3);
  CHECK(display_width("caf\xc3\xa9") == 4);
  CHECK(styled("x", Style::bold, false) == "x");
  CHECK(styled("x", Style::bold, true) == "\x1b[1mx\x1b[0m");
}

TEST_CASE("report: table pads columns and wraps the last one", "[report]")
{
  Table table({"ID", "TEXT"});
  table.add_row({"a", "short"});
  table.add_row({"longer-id", "several words that need to wrap"});
  CHECK(table.render(36) == "ID         TEXT\n"
                            "a          short\n"
                            "longer-id  several words that need\n"
                            "           to wrap\n");
  // With less than 20 columns left for the last cell, rows overflow rather than wrap.
  CHECK(table.render(30, "  ") == "  ID         TEXT\n"
                                  "  a          short\n"
                                  "  longer-id  several words that need to wrap\n");
}
