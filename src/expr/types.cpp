// SPDX-License-Identifier: Apache-2.0
// Static types of the condition language.
#include "ghes_topology/expr/types.hpp"

namespace ghes_topology::expr {
namespace {

TypePtr make(Type::Kind kind)
{
  auto type = std::make_shared<Type>();
  type->kind = kind;
  return type;
}

} // namespace

TypePtr Type::dyn()
{
  static const TypePtr k_type = make(Kind::dyn);
  return k_type;
}

TypePtr Type::null()
{
  static const TypePtr k_type = make(Kind::null);
  return k_type;
}

TypePtr Type::boolean()
{
  static const TypePtr k_type = make(Kind::boolean);
  return k_type;
}

TypePtr Type::integer()
{
  static const TypePtr k_type = make(Kind::integer);
  return k_type;
}

TypePtr Type::decimal()
{
  static const TypePtr k_type = make(Kind::decimal);
  return k_type;
}

TypePtr Type::string()
{
  static const TypePtr k_type = make(Kind::string);
  return k_type;
}

TypePtr Type::enumeration(std::vector<std::string> values)
{
  auto type = std::make_shared<Type>();
  type->kind = Kind::string;
  type->values = std::move(values);
  return type;
}

TypePtr Type::list(TypePtr element)
{
  auto type = std::make_shared<Type>();
  type->kind = Kind::list;
  type->element = element ? std::move(element) : dyn();
  return type;
}

TypePtr Type::object(std::string name, std::map<std::string, TypePtr> fields)
{
  auto type = std::make_shared<Type>();
  type->kind = Kind::object;
  type->name = std::move(name);
  type->fields = std::move(fields);
  return type;
}

std::string to_string(const Type& type)
{
  switch (type.kind) {
  case Type::Kind::dyn:
    return "dyn";
  case Type::Kind::null:
    return "null";
  case Type::Kind::boolean:
    return "bool";
  case Type::Kind::integer:
    return "int";
  case Type::Kind::decimal:
    return "double";
  case Type::Kind::string:
    return "string";
  case Type::Kind::list:
    return "list(" + (type.element ? to_string(*type.element) : std::string("dyn")) + ")";
  case Type::Kind::object:
    return type.name.empty() ? std::string("map") : type.name;
  }
  return "dyn";
}

} // namespace ghes_topology::expr
