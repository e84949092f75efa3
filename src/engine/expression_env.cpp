// SPDX-License-Identifier: Apache-2.0
// Environment model -> condition-language types and values.
#include "ghes_topology/engine/expression_env.hpp"

#include "ghes_topology/model/environment_schema.hpp"

#include <fmt/format.h>

#include <charconv>
#include <iterator>
#include <map>

namespace ghes_topology::engine {
namespace {

expr::TypePtr param_type(ParamType type)
{
  switch (type) {
  case ParamType::integer:
    return expr::Type::integer();
  case ParamType::decimal:
    return expr::Type::decimal();
  case ParamType::string:
    return expr::Type::string();
  case ParamType::boolean:
    return expr::Type::boolean();
  }
  return expr::Type::dyn();
}

// The dotted parameter names as a tree.
struct ParamTree
{
  std::map<std::string, ParamTree> children;
  const Parameter* leaf = nullptr;

  void insert(const Parameter& p)
  {
    ParamTree* node = this;
    std::size_t start = 0;
    while (true) {
      const auto dot = p.name.find('.', start);
      node =
          &node->children[p.name.substr(start, dot == std::string::npos ? std::string::npos : dot - start)];
      if (dot == std::string::npos)
        break;
      start = dot + 1;
    }
    node->leaf = &p;
  }

  [[nodiscard]] expr::TypePtr type(const std::string& path) const
  {
    if (leaf != nullptr)
      return param_type(leaf->type);
    std::map<std::string, expr::TypePtr> fields;
    for (const auto& [name, child] : children)
      fields.emplace(name, child.type(path + "." + name));
    return expr::Type::object(path, std::move(fields));
  }

  [[nodiscard]] expr::Value value() const
  {
    if (leaf != nullptr)
      return leaf->value();
    expr::Value::Map fields;
    for (const auto& [name, child] : children)
      fields.emplace(name, child.value());
    return expr::Value::map(std::move(fields));
  }
};

ParamTree tree_of(const std::vector<Parameter>& parameters)
{
  ParamTree tree;
  for (const auto& p : parameters)
    tree.insert(p);
  return tree;
}

} // namespace

expr::TypePtr type_of(const model::FieldSpec& spec, const std::string& path)
{
  switch (spec.type) {
  case model::FieldType::boolean:
    return expr::Type::boolean();
  case model::FieldType::integer:
    return expr::Type::integer();
  case model::FieldType::decimal:
    return expr::Type::decimal();
  case model::FieldType::string:
  case model::FieldType::date:
  case model::FieldType::version:
    return expr::Type::string();
  case model::FieldType::enumeration:
    return expr::Type::enumeration(spec.values);
  case model::FieldType::list:
    return expr::Type::list(spec.item_spec() != nullptr ? type_of(*spec.item_spec(), path)
                                                        : expr::Type::dyn());
  case model::FieldType::object: {
    std::map<std::string, expr::TypePtr> fields;
    for (const auto& f : spec.fields)
      fields.emplace(f.name, type_of(f, path + "." + f.name));
    return expr::Type::object(path, std::move(fields));
  }
  }
  return expr::Type::dyn();
}

expr::TypeEnv environment_types()
{
  expr::TypeEnv env;
  for (const auto& f : model::environment_schema().root.fields)
    env.emplace(f.name, type_of(f, f.name));
  return env;
}

expr::TypePtr params_type(const std::vector<Parameter>& parameters)
{
  return tree_of(parameters).type("params");
}

expr::TypePtr topology_type()
{
  return expr::Type::enumeration({"standalone", "ha", "cluster"});
}

expr::TypeEnv rule_types(const std::vector<Parameter>& parameters, RuleKind kind)
{
  expr::TypeEnv env = environment_types();
  env["params"] = params_type(parameters);
  if (kind != RuleKind::evidence)
    env["topology"] = topology_type();
  return env;
}

namespace {

expr::Value convert(const model::Value& value, std::string& path);

// `convert` without the origin: each value is made in place (no move into a default one).
expr::Value convert_data(const model::Value& value, std::string& path)
{
  switch (value.kind) {
  case model::Value::Kind::unknown:
    return expr::Value::unknown({path});
  case model::Value::Kind::boolean:
    return expr::Value::boolean(value.boolean);
  case model::Value::Kind::integer:
    return expr::Value::integer(value.integer);
  case model::Value::Kind::decimal:
    return expr::Value::decimal(value.decimal);
  case model::Value::Kind::string:
    return expr::Value::string(value.string);
  case model::Value::Kind::list: {
    expr::Value::List items;
    items.reserve(value.items.size());
    const std::size_t mark = path.size();
    for (std::size_t i = 0; i < value.items.size(); ++i) {
      char digits[24];
      const auto end = std::to_chars(std::begin(digits), std::end(digits), i).ptr;
      path += '[';
      path.append(digits, end);
      path += ']';
      items.push_back(convert(value.items[i], path));
      path.resize(mark);
    }
    return expr::Value::list(std::move(items));
  }
  case model::Value::Kind::object: {
    expr::Value::Map fields;
    const std::size_t mark = path.size();
    for (const auto& [key, field] : value.fields) {
      path += '.';
      path += key;
      // A section's keys often come in key order: trying the end first then saves the search.
      fields.emplace_hint(fields.end(), key, convert(field, path));
      path.resize(mark);
    }
    return expr::Value::map(std::move(fields));
  }
  }
  return expr::Value();
}

// `to_expr_value` of `value` at `path`, which is extended in place for each item and field
// and given back as it came: no path is built for a value that is not unknown.
expr::Value convert(const model::Value& value, std::string& path)
{
  expr::Value out = convert_data(value, path);
  // A mapping or list starts at its first entry; the key that introduces it reads better.
  const bool container = value.kind == model::Value::Kind::object || value.kind == model::Value::Kind::list;
  out.origin = container && value.key_where.has_position() ? value.key_where : value.where;
  return out;
}

} // namespace

expr::Value to_expr_value(const model::Value& value, const std::string& path)
{
  std::string at = path;
  return convert(value, at);
}

expr::Bindings environment_bindings(const model::Environment& environment)
{
  expr::Bindings bindings;
  std::string path;
  for (const auto& [key, field] : environment.root.fields) {
    path = key;
    bindings.emplace(key, convert(field, path));
  }
  return bindings;
}

expr::Value params_value(const std::vector<Parameter>& parameters)
{
  return tree_of(parameters).value();
}

expr::Value topology_value(std::optional<Topology> topology)
{
  if (!topology)
    return expr::Value::unknown({"topology"});
  return expr::Value::string(std::string(to_string(*topology)));
}

std::string display_text(const expr::Value& value)
{
  switch (value.kind()) {
  case expr::Value::Kind::unknown:
    return "unknown";
  case expr::Value::Kind::null:
    return "null";
  case expr::Value::Kind::boolean:
    return value.as_bool() ? "true" : "false";
  case expr::Value::Kind::integer:
    return std::to_string(value.as_int());
  case expr::Value::Kind::decimal:
    return fmt::format("{}", value.as_double());
  case expr::Value::Kind::string:
    return value.as_string();
  case expr::Value::Kind::list: {
    std::string out = "[";
    for (const auto& item : value.as_list()) {
      if (out.size() > 1)
        out += ", ";
      out += display_text(item);
    }
    return out + "]";
  }
  case expr::Value::Kind::map: {
    std::string out = "{";
    for (const auto& [key, field] : value.as_map()) {
      if (out.size() > 1)
        out += ", ";
      out += key + ": " + display_text(field);
    }
    return out + "}";
  }
  }
  return "";
}

} // namespace ghes_topology::engine
