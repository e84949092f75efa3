// SPDX-License-Identifier: Apache-2.0
// Job: rule parameters: reading their declarations (`params:` of a rule file), their types
// (inferred from the default or pinned by `type`) and the typing of values given as text.
#include "engine/rule_params_internal.hpp"

#include "engine/rule_file_internal.hpp"
#include "ghes_topology/engine/rule_schema.hpp"
#include "ghes_topology/loader/environment_loader.hpp"
#include "ghes_topology/loader/yaml_scalar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ghes_topology::engine {
namespace {

using loader::YamlNode;

// The type a default reads as (YAML 1.2 core schema, as everywhere): boolean, integer,
// decimal, else string (also for a quoted or block scalar).
ParamType infer_type(const YamlNode& node)
{
  switch (loader::resolve_scalar(node).kind) {
  case loader::ScalarValue::Kind::boolean:
    return ParamType::boolean;
  case loader::ScalarValue::Kind::integer:
    return ParamType::integer;
  case loader::ScalarValue::Kind::decimal:
    return ParamType::decimal;
  case loader::ScalarValue::Kind::null:
  case loader::ScalarValue::Kind::string:
    break;
  }
  return ParamType::string;
}

bool read_param(std::vector<ParamDecl>& out, diag::DiagnosticBag& bag, const YamlNode& key,
                const YamlNode& value)
{
  const std::string& name = key.text;
  const std::string path = "params." + name;
  if (!is_dotted_identifier(name)) {
    auto& diag = bag.error("rule-param-name", fmt::format("invalid parameter name '{}'", name), key.where);
    diag.key_path = path;
    diag.expected = "dotted lower-case names such as 'failover.max_dns_ttl_seconds'";
    return false;
  }
  if (value.kind != YamlNode::Kind::mapping) {
    auto& diag = bag.error("wrong-type", fmt::format("parameter '{}' must be a mapping", name), value.where);
    diag.key_path = path;
    diag.expected = "a mapping with default, description, basis (and optionally type, unit)";
    diag.found = describe_node(value);
    return false;
  }
  const YamlNode* default_key = nullptr;
  const YamlNode* default_node = find_entry(value, "default", &default_key);
  const auto converted = loader::convert(without(value, "default"), param_schema(), path, bag);
  bool ok = converted.has_value();
  if (default_node == nullptr) {
    auto& diag =
        bag.error("rule-param-default", fmt::format("parameter '{}' has no 'default'", name), key.where);
    diag.key_path = path;
    return false;
  }
  if (default_node->kind != YamlNode::Kind::scalar) {
    auto& diag = bag.error("rule-param-default",
                           fmt::format("the default of parameter '{}' must be a single value", name),
                           default_node->where);
    diag.key_path = path + ".default";
    diag.expected = "a number, a string or a boolean";
    diag.found = describe_node(*default_node);
    return false;
  }
  ParamDecl decl;
  decl.name = name;
  decl.where = key.where;
  decl.type = infer_type(*default_node);
  if (converted) {
    if (const model::Value* t = converted->get("type"))
      decl.type = parse_param_type(t->string).value_or(decl.type);
    decl.unit = text_of(converted->get("unit"));
    decl.description = text_of(converted->get("description"));
    if (const model::Value* b = converted->get("basis"))
      decl.basis = b->string == "assumption" ? Basis::assumption : Basis::documented;
  }
  auto parsed = parse_param_value(decl.type, default_node->text);
  if (!parsed) {
    auto& diag = bag.error("rule-param-default",
                           fmt::format("the default of parameter '{}' is not {}", name, describe(decl.type)),
                           default_node->where);
    diag.key_path = path + ".default";
    diag.expected = describe(decl.type);
    diag.found = default_node->text;
    return false;
  }
  decl.value = std::move(*parsed);
  decl.value.origin = default_node->where;
  out.push_back(std::move(decl));
  return ok;
}

} // namespace

std::optional<ParamType> parse_param_type(std::string_view text)
{
  for (auto t : {ParamType::integer, ParamType::decimal, ParamType::string, ParamType::boolean})
    if (to_string(t) == text)
      return t;
  return std::nullopt;
}

std::string describe(ParamType type)
{
  switch (type) {
  case ParamType::integer:
    return "an integer";
  case ParamType::decimal:
    return "a number";
  case ParamType::string:
    return "a string";
  case ParamType::boolean:
    return "a boolean (true or false)";
  }
  return "a value";
}

bool read_params(const YamlNode& params, std::vector<ParamDecl>& out, diag::DiagnosticBag& bag)
{
  if (params.kind == YamlNode::Kind::null)
    return true;
  if (params.kind != YamlNode::Kind::mapping) {
    auto& diag = bag.error("wrong-type", "'params' must be a mapping from parameter names to declarations",
                           params.where);
    diag.key_path = "params";
    diag.expected = "a mapping";
    diag.found = describe_node(params);
    return false;
  }
  bool ok = true;
  for (const auto& [key, value] : params.entries)
    ok = read_param(out, bag, key, value) && ok;
  std::sort(out.begin(), out.end(), [](const ParamDecl& a, const ParamDecl& b) { return a.name < b.name; });
  return ok;
}

std::optional<expr::Value> parse_param_value(ParamType type, std::string_view text)
{
  if (type == ParamType::string)
    return expr::Value::string(std::string(text));
  const loader::ScalarValue r = loader::resolve_plain(text);
  switch (type) {
  case ParamType::boolean:
    if (r.kind == loader::ScalarValue::Kind::boolean)
      return expr::Value::boolean(r.boolean);
    return std::nullopt;
  case ParamType::integer:
    if (r.kind == loader::ScalarValue::Kind::integer && !r.integer_overflow)
      return expr::Value::integer(r.integer);
    return std::nullopt;
  case ParamType::decimal:
    if ((r.kind == loader::ScalarValue::Kind::integer || r.kind == loader::ScalarValue::Kind::decimal) &&
        std::isfinite(r.decimal))
      return expr::Value::decimal(r.decimal);
    return std::nullopt;
  case ParamType::string:
    break;
  }
  return std::nullopt;
}

bool same_value(const expr::Value& a, const expr::Value& b)
{
  return a.kind() == b.kind() && a.to_string() == b.to_string();
}

} // namespace ghes_topology::engine
