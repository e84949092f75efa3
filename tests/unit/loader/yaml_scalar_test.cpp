// SPDX-License-Identifier: Apache-2.0
// The one typing of YAML scalars: the YAML 1.2 core schema, pinned case by case.
#include "ghes_topology/loader/yaml_scalar.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

namespace ghes_topology::loader {
namespace {

using K = ScalarValue::Kind;

// "kind value" of plain `text`, e.g. "integer 16", "decimal inf", "string".
std::string typed(std::string_view text)
{
  const ScalarValue r = resolve_plain(text);
  switch (r.kind) {
  case K::null:
    return "null";
  case K::boolean:
    return r.boolean ? "boolean true" : "boolean false";
  case K::integer:
    return r.integer_overflow ? "integer overflow" : "integer " + std::to_string(r.integer);
  case K::decimal:
    if (std::isnan(r.decimal))
      return "decimal nan";
    if (std::isinf(r.decimal))
      return r.decimal > 0 ? "decimal inf" : "decimal -inf";
    return "decimal " + std::to_string(r.decimal);
  case K::string:
    return "string";
  }
  return "?";
}

TEST_CASE("loader: plain scalars are typed per the YAML 1.2 core schema", "[loader][yaml-scalar]")
{
  // null
  CHECK(typed("") == "null");
  CHECK(typed("~") == "null");
  CHECK(typed("null") == "null");
  CHECK(typed("Null") == "null");
  CHECK(typed("NULL") == "null");
  CHECK(typed("nULL") == "string");
  // booleans: three spellings each; YAML 1.1's yes/no/on/off are strings
  CHECK(typed("true") == "boolean true");
  CHECK(typed("True") == "boolean true");
  CHECK(typed("TRUE") == "boolean true");
  CHECK(typed("False") == "boolean false");
  CHECK(typed("tRUE") == "string");
  CHECK(typed("yes") == "string");
  CHECK(typed("off") == "string");
  // integers: decimal (leading zeros stay decimal), 0o octal, 0x hex (no sign on those)
  CHECK(typed("42") == "integer 42");
  CHECK(typed("+42") == "integer 42");
  CHECK(typed("-42") == "integer -42");
  CHECK(typed("010") == "integer 10");
  CHECK(typed("0o17") == "integer 15");
  CHECK(typed("0x10") == "integer 16");
  CHECK(typed("0xFf") == "integer 255");
  CHECK(typed("-0x10") == "string");
  CHECK(typed("0o18") == "string");
  CHECK(typed("0b101") == "string");
  CHECK(typed("1_000") == "string");
  CHECK(typed("9223372036854775807") == "integer 9223372036854775807");
  CHECK(typed("-9223372036854775808") == "integer " + std::to_string(INT64_MIN));
  CHECK(typed("9223372036854775808") == "integer overflow");
  // decimals
  CHECK(typed("1e3") == "decimal 1000.000000");
  CHECK(typed("2.5") == "decimal 2.500000");
  CHECK(typed(".5") == "decimal 0.500000");
  CHECK(typed("5.") == "decimal 5.000000");
  CHECK(typed("-1.5E-1") == "decimal -0.150000");
  CHECK(typed("1e") == "string");
  CHECK(typed(".") == "string");
  CHECK(typed(".inf") == "decimal inf");
  CHECK(typed("-.Inf") == "decimal -inf");
  CHECK(typed("+.INF") == "decimal inf");
  CHECK(typed(".nan") == "decimal nan");
  CHECK(typed("-.nan") == "string");
  CHECK(typed("inf") == "string");
  // strings
  CHECK(typed("3.16.2") == "string");
  CHECK(typed("abc") == "string");
}

TEST_CASE("loader: resolve_scalar types plain scalars only", "[loader][yaml-scalar]")
{
  YamlNode node;
  node.kind = YamlNode::Kind::scalar;
  node.text = "0x10";
  CHECK(resolve_scalar(node).kind == K::integer);
  CHECK(resolve_scalar(node).integer == 16);
  node.style = YamlNode::Style::quoted;
  CHECK(resolve_scalar(node).kind == K::string);
  node.style = YamlNode::Style::block;
  CHECK(resolve_scalar(node).kind == K::string);
  node.kind = YamlNode::Kind::null;
  node.text = "~";
  CHECK(resolve_scalar(node).kind == K::null);
  node.kind = YamlNode::Kind::sequence;
  CHECK(resolve_scalar(node).kind == K::string);
}

} // namespace
} // namespace ghes_topology::loader
