// SPDX-License-Identifier: Apache-2.0
// Tests for printable text: escaped control characters, cut long words.
#include "ghes_topology/diag/render.hpp"
#include "ghes_topology/diag/text.hpp"

#include <catch2/catch.hpp>

using namespace ghes_topology::diag;

TEST_CASE("diag: control characters from input are escaped, text and newlines kept", "[diag][hostile]")
{
  CHECK(escape_controls("a\x1b]0;pwned\a\x1b[2J\tb\nc\x7f \xC2\x9B"
                        "31m caf\xC3\xA9") ==
        "a\\x1b]0;pwned\\x07\\x1b[2J\tb\nc\\x7f \\u009b31m caf\xC3\xA9");
  CHECK(escape_controls("\r\x08\x01") == "\\x0d\\x08\\x01");
  // Our own colours survive, nothing else does.
  CHECK(escape_controls_keep_colors("\x1b[1;31mred\x1b[0m \x1b[2J \x1b]0;t\a") ==
        "\x1b[1;31mred\x1b[0m \\x1b[2J \\x1b]0;t\\x07");
  // For results that may be JSON: only C0, so DEL and C1 (raw in JSON strings) stay.
  CHECK(escape_c0_controls("{\"a\": \"\x7f\xC2\x9B\"}\x1b[2J", false) == "{\"a\": \"\x7f\xC2\x9B\"}\\x1b[2J");
}

TEST_CASE("diag: long words are cut, short ones and spacing kept", "[diag][hostile]")
{
  CHECK(shorten_long_words("short words  stay\n", 8) == "short words  stay\n");
  CHECK(shorten_long_words("cut abcdefghij here", 8) == "cut abcde... here");
  CHECK(shorten_long_words("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 8) ==
        "\xC3\xA9\xC3\xA9..."); // UTF-8 boundary
  CHECK(printable(std::string(100'000, 'x') + " \x1b") ==
        std::string(k_max_shown_word - 3, 'x') + "... \\x1b");
}

TEST_CASE("diag: a rendered diagnostic escapes input and keeps the caret under the column", "[diag][hostile]")
{
  SourceMap sources;
  sources.add("f.yaml", "version: 1\n\"bad\x1b[2Jkey\": 1\n");
  Diagnostic d;
  d.severity = Severity::error;
  d.code = "unknown-key";
  d.message = "unknown key 'bad\x1b[2Jkey'";
  d.where = Location{"f.yaml", 2, 13, 2, 13};
  d.found = "bad\x1b[2Jkey";
  CHECK(render(d, sources, Color::no) == "f.yaml:2:13: error: unknown key 'bad\\x1b[2Jkey' [unknown-key]\n"
                                         " 2 | \"bad\\x1b[2Jkey\": 1\n"
                                         "   |                ^\n"
                                         "   = found: bad\\x1b[2Jkey\n");
}
