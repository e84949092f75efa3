// SPDX-License-Identifier: Apache-2.0
// Where a YAML scalar's text sits in its file: the base of expression locations.
#include "engine/scalar_layout_internal.hpp"

#include <catch2/catch.hpp>

namespace ghes_topology::engine {
namespace {

using loader::YamlNode;

YamlNode scalar(std::string text, YamlNode::Style style, int line, int column)
{
  YamlNode node;
  node.kind = YamlNode::Kind::scalar;
  node.style = style;
  node.text = std::move(text);
  node.where = diag::point("r.yaml", line, column);
  return node;
}

TEST_CASE("engine: a plain scalar on one line is laid out at its first character", "[engine]")
{
  const SourceLines lines("id: x\nwhen: a > 1   # comment\n");
  const auto layout = scalar_layout(scalar("a > 1", YamlNode::Style::plain, 2, 7), lines);
  CHECK(layout.text == "a > 1");
  CHECK(layout.base.to_string() == "r.yaml:2:7");
  CHECK(layout.exact);
  CHECK(locate(layout, 4).to_string() == "r.yaml:2:11");
}

TEST_CASE("engine: a quoted scalar starts after its quote, and escapes make columns approximate", "[engine]")
{
  {
    const SourceLines lines("when: \"a > 1\"\n");
    const auto layout = scalar_layout(scalar("a > 1", YamlNode::Style::quoted, 1, 7), lines);
    CHECK(layout.text == "a > 1");
    CHECK(layout.base.to_string() == "r.yaml:1:8");
    CHECK(layout.exact);
  }
  {
    const SourceLines lines("when: \"a == \\\"x\\\" && b\"\n");
    const auto layout = scalar_layout(scalar("a == \"x\" && b", YamlNode::Style::quoted, 1, 7), lines);
    CHECK(layout.text == "a == \"x\" && b");
    CHECK(layout.base.to_string() == "r.yaml:1:8");
    CHECK_FALSE(layout.exact);
  }
}

TEST_CASE("engine: a folded or literal block scalar is laid out line by line", "[engine]")
{
  const SourceLines lines("when: >-\n"
                          "  a &&\n"
                          "    b\n"
                          "\n"
                          "  || c\n"
                          "message: m\n");
  const auto folded = scalar_layout(scalar("a &&\n  b\n|| c", YamlNode::Style::block, 1, 7), lines);
  CHECK(folded.text == "a &&\n  b\n\n|| c");
  CHECK(folded.base.to_string() == "r.yaml:2:3");
  CHECK(folded.continuation_column == 3);
  CHECK(folded.exact);
  CHECK(locate(folded, 7).to_string() == "r.yaml:3:5");  // b
  CHECK(locate(folded, 13).to_string() == "r.yaml:5:6"); // c

  const auto literal = scalar_layout(scalar("a &&\n  b\n\n|| c\n", YamlNode::Style::block, 1, 7), lines);
  CHECK(literal.text == "a &&\n  b\n\n|| c");
  CHECK(literal.exact);
}

TEST_CASE("engine: a plain scalar over several lines keeps the file's own line breaks", "[engine]")
{
  const SourceLines lines("when: a &&\n"
                          "  b > 1\n"
                          "point_at: b\n");
  const auto layout = scalar_layout(scalar("a && b > 1", YamlNode::Style::plain, 1, 7), lines);
  CHECK(layout.text == "a &&\n  b > 1");
  CHECK(layout.base.to_string() == "r.yaml:1:7");
  CHECK(layout.continuation_column == 1);
  CHECK(layout.exact);
  CHECK(locate(layout, 7).to_string() == "r.yaml:2:3");
}

TEST_CASE("engine: an explicit block indentation indicator gives an approximate layout", "[engine]")
{
  const SourceLines lines("when: |2\n"
                          "    a > 1\n");
  const auto layout = scalar_layout(scalar("  a > 1\n", YamlNode::Style::block, 1, 7), lines);
  CHECK(layout.text == "  a > 1\n");
  CHECK(layout.base.to_string() == "r.yaml:2:1");
  CHECK_FALSE(layout.exact);
}

TEST_CASE("engine: a quoted scalar left open to the end of the file keeps its lines", "[engine]")
{
  // yaml-cpp ends the value with a space for the file's last line break (issue 17).
  const SourceLines lines("message: \"a {b}\n"
                          "  c {d\n"
                          "point_at: e\n");
  const auto layout = scalar_layout(scalar("a {b} c {d point_at: e ", YamlNode::Style::quoted, 1, 10), lines);
  CHECK(layout.text == "a {b}\n  c {d\npoint_at: e");
  CHECK(layout.base.to_string() == "r.yaml:1:11");
  CHECK(layout.exact);
  CHECK(locate(layout, 10).to_string() == "r.yaml:2:5"); // the second '{'
  CHECK(locate(layout, 16).to_string() == "r.yaml:3:4"); // the 'a' of point_at
}

TEST_CASE("engine: escapes in a quoted scalar over several lines keep every character on its line",
          "[engine]")
{
  const SourceLines lines("message: \"x \\U0001F600 \\\"y\\\"\n"
                          "  {z} \\t w\"\n");
  const auto layout =
      scalar_layout(scalar("x \xF0\x9F\x98\x80 \"y\" {z} \t w", YamlNode::Style::quoted, 1, 10), lines);
  CHECK(layout.text == "x \xF0\x9F\x98\x80 \"y\"\n  {z} \t w");
  CHECK(layout.base.to_string() == "r.yaml:1:11");
  CHECK_FALSE(layout.exact);
  CHECK(locate(layout, 13).to_string() == "r.yaml:2:3"); // '{' of the second line: exact again
  CHECK(locate(layout, 7).to_string() == "r.yaml:1:18"); // '"' after the escape: approximate

  const SourceLines single("when: 'it''s\n"
                           "  x'\n");
  const auto quoted = scalar_layout(scalar("it's x", YamlNode::Style::quoted, 1, 7), single);
  CHECK(quoted.text == "it's\n  x");
  CHECK_FALSE(quoted.exact);
  CHECK(locate(quoted, 7).to_string() == "r.yaml:2:3");
}

TEST_CASE("engine: collapse_whitespace", "[engine]")
{
  CHECK(collapse_whitespace("  a \n\t b  ") == "a b");
  CHECK(collapse_whitespace("") == "");
}

} // namespace
} // namespace ghes_topology::engine
