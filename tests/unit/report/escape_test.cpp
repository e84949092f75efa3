// SPDX-License-Identifier: Apache-2.0
// Escaping for the markup formats.
#include "report/escape.hpp"

#include <catch2/catch.hpp>

using namespace ghes_topology::report;

TEST_CASE("report: escape_xml writes entities and replaces forbidden control characters", "[report][escape]")
{
  CHECK(escape_xml("a < b && c > \"d\" 'e'") == "a &lt; b &amp;&amp; c &gt; &quot;d&quot; &apos;e&apos;");
  CHECK(escape_xml("tab\tline\nret\r") == "tab\tline\nret\r");
  CHECK(escape_xml(std::string("bell\x07", 5)) == "bell\xEF\xBF\xBD");
  CHECK(escape_xml("caf\xC3\xA9") == "caf\xC3\xA9");
}

TEST_CASE("report: escape_markdown backslashes markup and joins lines", "[report][escape]")
{
  CHECK(escape_markdown("a|b *c* _d_ [e](f) <g> #h `i` \\") ==
        "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\<g\\> \\#h \\`i\\` \\\\");
  CHECK(escape_markdown("one\ntwo\r\nthree\rfour") == "one two three four");
  CHECK(escape_markdown("plain text, 2,500 developers.") == "plain text, 2,500 developers.");
}

TEST_CASE("report: GitHub workflow-command escaping of messages and properties", "[report][escape]")
{
  CHECK(escape_github_data("50% of\r\nusers: a, b") == "50%25 of%0D%0Ausers: a, b");
  CHECK(escape_github_property("C:\\envs\\a,b.yaml 100%") == "C%3A\\envs\\a%2Cb.yaml 100%25");
}

TEST_CASE("report: xml_chars replaces only the control characters XML 1.0 forbids", "[report][escape]")
{
  CHECK(xml_chars("a < b & \"c\"\ttab\nline\r") == "a < b & \"c\"\ttab\nline\r");
  CHECK(xml_chars(std::string("esc\x1b[31m nul\0!", 14)) == "esc\xEF\xBF\xBD[31m nul\xEF\xBF\xBD!");
}

TEST_CASE("report: escape_html also replaces DEL, C1 controls and noncharacters", "[report][escape]")
{
  CHECK(escape_html("<b>'x'</b> & \"y\"") == "&lt;b&gt;&apos;x&apos;&lt;/b&gt; &amp; &quot;y&quot;");
  CHECK(escape_html("a\x7F"
                    "b\xC2\x9B"
                    "c\xC2\xA0"
                    "d") == "a\xEF\xBF\xBD"
                            "b\xEF\xBF\xBD"
                            "c\xC2\xA0"
                            "d");
  CHECK(escape_html("\xEF\xB7\x90|\xEF\xBF\xBE|\xEF\xBF\xBD|\xF0\x9F\xBF\xBF|\xF0\x9F\x98\x80") ==
        "\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD|\xF0\x9F\x98\x80");
  CHECK(escape_html("\x1B[31m") == "\xEF\xBF\xBD[31m");
}

TEST_CASE("report: escape_mermaid turns label-ending and markup characters into entity codes",
          "[report][escape]")
{
  CHECK(escape_mermaid("dc-1\"] --> x") == "dc-1#quot;#93; --#gt; x");
  CHECK(escape_mermaid("<b>&</b>") == "#lt;b#gt;#amp;#lt;/b#gt;");
  CHECK(escape_mermaid("#quot; %% a|b; {c} (d) [e] `f`") ==
        "#35;quot#59; #37;#37; a#124;b#59; #123;c#125; #40;d#41; #91;e#93; #96;f#96;");
  CHECK(escape_mermaid("two\nlines\tand\x7f") == "two lines and ");
  CHECK(escape_mermaid("caf\xC3\xA9 16 vCPU, 64 GB") == "caf\xC3\xA9 16 vCPU, 64 GB");
}
