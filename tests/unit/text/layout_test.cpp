// SPDX-License-Identifier: Apache-2.0
// Tests for the text layout module and the style table.
#include "ghes_topology/text/layout.hpp"
#include "ghes_topology/text/style.hpp"

#include <catch2/catch.hpp>

using namespace ghes_topology::text;

TEST_CASE("text: wrap breaks between words and indents continuation lines", "[text]")
{
  CHECK(wrap("one two three four five", 12, "- ", "  ") == "- one two\n  three four\n  five\n");
  CHECK(wrap("a\nb", 80, "", "") == "a\nb\n");
}

TEST_CASE("text: a word longer than a line breaks after '/', else at the width", "[text]")
{
  CHECK(wrap("see content/admin/monitoring/alerts.md now", 20, "", "  ") ==
        "see\n  content/admin/\n  monitoring/\n  alerts.md now\n");
  CHECK(wrap("averyveryverylongword x", 8, "", "") == "averyver\nyverylon\ngword x\n");
}

TEST_CASE("text: display width skips ANSI escapes and counts wide characters twice", "[text]")
{
  CHECK(display_width(styled("abc", Style::red, Color::yes)) == 3);
  CHECK(display_width("caf\xc3\xa9") == 4);
  CHECK(display_width("\xe6\x9d\xb1\xe4\xba\xac-tokyo.yaml") == 15); // 東京-tokyo.yaml
  CHECK(code_point_width(U'\u0301') == 0);                           // combining acute accent
  CHECK(styled("x", Style::bold, Color::no) == "x");
  CHECK(styled("x", Style::bold, Color::yes) == "\x1b[1mx\x1b[0m");
  CHECK(styled("x", Style::red, Color::yes) == "\x1b[1m\x1b[31mx\x1b[0m");
}

TEST_CASE("text: table pads columns by display width and wraps the last one", "[text]")
{
  Table table({"ID", "TEXT"});
  table.add_row({"a", "short"});
  table.add_row({"longer-id", "several words that need to wrap"});
  CHECK(table.render(36) == "ID         TEXT\n"
                            "a          short\n"
                            "longer-id  several words that need\n"
                            "           to wrap\n");
  Table cjk({"FILE", "PLAN"});
  cjk.add_row({"\xe6\x9d\xb1\xe4\xba\xac-tokyo.yaml", "ha"});
  cjk.add_row({"london.yaml", "cluster"});
  CHECK(cjk.render(60) == "FILE             PLAN\n"
                          "\xe6\x9d\xb1\xe4\xba\xac-tokyo.yaml  ha\n"
                          "london.yaml      cluster\n");
}

TEST_CASE("text: a table too narrow for its columns folds its rows", "[text]")
{
  Table table({"ID", "TEXT"});
  table.add_row({"a-rather-long-identifier", "several words that need to wrap"});
  CHECK(table.render(40, "  ") == "  a-rather-long-identifier\n"
                                  "      several words that need to wrap\n");
}

TEST_CASE("text: the width comes from the terminal, else COLUMNS, else 100, clamped", "[text]")
{
  CHECK(choose_width(0, "") == 100);
  CHECK(choose_width(0, "72") == 72);
  CHECK(choose_width(0, "72x") == 100);
  CHECK(choose_width(90, "72") == 90);
  CHECK(choose_width(10, "") == k_min_width);
  CHECK(choose_width(0, "100000") == k_max_width);
  CHECK(shorten_to_width("envs/east.yaml", 20) == "envs/east.yaml");
  CHECK(shorten_to_width("envs/very/deep/east.yaml", 12) == "...east.yaml");
}

TEST_CASE("text: the locale's codeset decides UTF-8 or ASCII", "[text]")
{
  CHECK(charset_of_locale("en_US.UTF-8") == Charset::utf8);
  CHECK(charset_of_locale("C.utf8") == Charset::utf8);
  CHECK(charset_of_locale("de_DE.UTF-8@euro") == Charset::utf8);
  CHECK(charset_of_locale("C") == Charset::ascii);
  CHECK(charset_of_locale("POSIX") == Charset::ascii);
  CHECK(charset_of_locale("de_DE.ISO-8859-1") == Charset::ascii);
}
