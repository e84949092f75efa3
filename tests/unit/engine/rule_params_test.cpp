// SPDX-License-Identifier: Apache-2.0
// Rule parameter types and the typing of values given as text (`--param`, typed defaults).
#include "engine/rule_params_internal.hpp"

#include <catch2/catch.hpp>

namespace ghes_topology::engine {
namespace {

// "kind value" of `text` parsed as `type`, or "invalid".
std::string parsed(ParamType type, std::string_view text)
{
  const auto v = parse_param_value(type, text);
  if (!v)
    return "invalid";
  return v->to_string();
}

TEST_CASE("engine: parameter values given as text are typed as plain YAML scalars", "[engine][params]")
{
  CHECK(parsed(ParamType::integer, "20000") == "20000");
  CHECK(parsed(ParamType::integer, "+5") == "5");
  CHECK(parsed(ParamType::integer, "0x10") == "16");
  CHECK(parsed(ParamType::integer, "0o17") == "15");
  CHECK(parsed(ParamType::integer, "010") == "10");
  CHECK(parsed(ParamType::integer, "2.5") == "invalid");
  CHECK(parsed(ParamType::integer, "9223372036854775808") == "invalid");
  CHECK(parsed(ParamType::integer, "lots") == "invalid");
  CHECK(parsed(ParamType::decimal, "70.5") == "70.5");
  CHECK(parsed(ParamType::decimal, "70") == "70.0");
  CHECK(parsed(ParamType::decimal, "1e3") == "1000.0");
  CHECK(parsed(ParamType::decimal, ".inf") == "invalid");
  CHECK(parsed(ParamType::decimal, ".nan") == "invalid");
  CHECK(parsed(ParamType::boolean, "True") == "true");
  CHECK(parsed(ParamType::boolean, "FALSE") == "false");
  CHECK(parsed(ParamType::boolean, "yes") == "invalid");
  CHECK(parsed(ParamType::string, "0x10") == "\"0x10\"");
}

TEST_CASE("engine: parameter type names and descriptions", "[engine][params]")
{
  CHECK(parse_param_type("decimal") == ParamType::decimal);
  CHECK_FALSE(parse_param_type("float"));
  CHECK(describe(ParamType::boolean) == "a boolean (true or false)");
  CHECK(same_value(expr::Value::integer(3), expr::Value::integer(3)));
  CHECK_FALSE(same_value(expr::Value::integer(3), expr::Value::decimal(3)));
}

} // namespace
} // namespace ghes_topology::engine
