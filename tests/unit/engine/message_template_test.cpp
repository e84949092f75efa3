// SPDX-License-Identifier: Apache-2.0
// The grammar of message templates and where their placeholders sit in the file.
#include "engine/message_template_internal.hpp"

#include <catch2/catch.hpp>

namespace ghes_topology::engine {
namespace {

// The pieces of `text` as "literal|expression" strings, and the problems as "offset: message".
std::vector<std::string> split(std::string_view text, std::vector<std::string>* problems = nullptr)
{
  std::vector<TemplateProblem> found;
  std::vector<std::string> out;
  for (const auto& p : split_template(text, found))
    out.push_back(p.literal + "|" + (p.has_expression ? std::string(text.substr(p.offset, p.length)) : "-"));
  if (problems != nullptr)
    for (const auto& p : found)
      problems->push_back(std::to_string(p.offset) + ": " + p.message);
  return out;
}

TEST_CASE("engine: a message template splits into literals and placeholders", "[engine][template]")
{
  CHECK(split("Replica {r.name} is {r.latency_ms} ms away") ==
        std::vector<std::string>{"Replica |r.name", " is |r.latency_ms", " ms away|-"});
  CHECK(split("no placeholder") == std::vector<std::string>{"no placeholder|-"});
  CHECK(split("") == std::vector<std::string>{"|-"});
  // doubled braces are literal braces; a '}' inside a string literal does not close
  CHECK(split("{{x}} {join(a, \"}\")}") == std::vector<std::string>{"{x} |join(a, \"}\")", "|-"});
}

TEST_CASE("engine: unclosed and empty placeholders are problems at their brace", "[engine][template]")
{
  std::vector<std::string> problems;
  CHECK(split("a { } b {c", &problems) == std::vector<std::string>{"a  b |-"});
  CHECK(problems ==
        std::vector<std::string>{"2: empty placeholder '{}' in the message",
                                 "8: unclosed '{' in the message (write '{{' for a literal brace)"});
}

TEST_CASE("engine: placeholders of a folded message are located on their own lines", "[engine][template]")
{
  const SourceLines lines("message: >-\n"
                          "  Replica {r.name}\n"
                          "  is {r.latency_ms} ms away {\n");
  loader::YamlNode node;
  node.kind = loader::YamlNode::Kind::scalar;
  node.style = loader::YamlNode::Style::block;
  node.text = "Replica {r.name} is {r.latency_ms} ms away {";
  node.where = diag::point("r.yaml", 1, 10);
  std::vector<TemplatePart> parts;
  diag::DiagnosticBag bag;
  CHECK_FALSE(lay_out_template(node, "message", lines, parts, bag));
  REQUIRE(bag.all().size() == 1);
  CHECK(bag.all()[0].where.to_string() == "r.yaml:3:29");
  CHECK(bag.all()[0].key_path == "message");
  REQUIRE(parts.size() == 3);
  CHECK(parts[0].literal == "Replica ");
  REQUIRE(parts[0].expression);
  CHECK(parts[0].expression->text == "r.name");
  CHECK(parts[0].expression->base.to_string() == "r.yaml:2:12");
  CHECK(parts[1].literal == " is ");
  REQUIRE(parts[1].expression);
  CHECK(parts[1].display == "r.latency_ms");
  CHECK(parts[1].expression->base.to_string() == "r.yaml:3:7");
  CHECK(parts[2].literal == " ms away ");
  CHECK_FALSE(parts[2].expression);
}

TEST_CASE("engine: many placeholders are located in one walk; more than the limit is an error",
          "[engine][template][hostile]")
{
  // "{a} " repeated on one line: placeholder k (0-based) opens at column 10 + 4k.
  const auto lay_out = [](std::size_t count, std::vector<TemplatePart>& parts, diag::DiagnosticBag& bag) {
    std::string text;
    for (std::size_t k = 0; k < count; ++k)
      text += "{a} ";
    const std::string file = "message: " + text + "\n";
    const SourceLines lines(file); // views into `file`
    loader::YamlNode node;
    node.kind = loader::YamlNode::Kind::scalar;
    node.text = text;
    node.where = diag::point("r.yaml", 1, 10);
    return lay_out_template(node, "message", lines, parts, bag);
  };
  std::vector<TemplatePart> parts;
  diag::DiagnosticBag bag;
  CHECK(lay_out(k_max_placeholders, parts, bag));
  CHECK(bag.empty());
  REQUIRE(parts.size() == k_max_placeholders + 1);
  CHECK(parts[0].expression->base.to_string() == "r.yaml:1:11");
  CHECK(parts[k_max_placeholders - 1].expression->base.to_string() ==
        "r.yaml:1:" + std::to_string(11 + 4 * (k_max_placeholders - 1)));

  std::vector<TemplatePart> too_many;
  CHECK_FALSE(lay_out(100'000, too_many, bag));
  CHECK(too_many.empty());
  REQUIRE(bag.all().size() == 1);
  CHECK(bag.all()[0].message == "the message has 100000 placeholders; the limit is 1000");
  CHECK(bag.all()[0].where.to_string() == "r.yaml:1:" + std::to_string(10 + 4 * k_max_placeholders));
  CHECK(bag.all()[0].key_path == "message");
}

} // namespace
} // namespace ghes_topology::engine
