// SPDX-License-Identifier: Apache-2.0
// Syntax tree rendering.
#include "ghes_topology/expr/ast.hpp"

namespace ghes_topology::expr {

TokenPlaces& Node::places()
{
  if (!tokens)
    tokens = std::make_unique<TokenPlaces>();
  return *tokens;
}

const diag::Location& Node::name_where() const
{
  static const diag::Location k_none;
  return tokens ? tokens->name_where : k_none;
}

const char* to_string(Operator op)
{
  switch (op) {
  case Operator::logical_not:
    return "!";
  case Operator::negate:
    return "-";
  case Operator::multiply:
    return "*";
  case Operator::divide:
    return "/";
  case Operator::modulo:
    return "%";
  case Operator::add:
    return "+";
  case Operator::subtract:
    return "-";
  case Operator::less:
    return "<";
  case Operator::less_equal:
    return "<=";
  case Operator::greater:
    return ">";
  case Operator::greater_equal:
    return ">=";
  case Operator::equal:
    return "==";
  case Operator::not_equal:
    return "!=";
  case Operator::in:
    return "in";
  case Operator::logical_and:
    return "&&";
  case Operator::logical_or:
    return "||";
  }
  return "?";
}

std::string to_string(const Node& node)
{
  auto child = [&](std::size_t i) { return to_string(*node.children[i]); };
  auto joined = [&](std::size_t from) {
    std::string out;
    for (std::size_t i = from; i < node.children.size(); ++i)
      out += (i > from ? ", " : "") + child(i);
    return out;
  };
  switch (node.kind) {
  case NodeKind::literal:
    return node.value ? node.value->to_string() : "null";
  case NodeKind::list:
    return "[" + joined(0) + "]";
  case NodeKind::identifier:
    return node.name;
  case NodeKind::select:
    return child(0) + "." + node.name;
  case NodeKind::index:
    return child(0) + "[" + child(1) + "]";
  case NodeKind::call:
    if (node.style == CallStyle::method)
      return child(0) + "." + node.name + "(" + joined(1) + ")";
    return node.name + "(" + joined(0) + ")";
  case NodeKind::unary:
    return "(" + std::string(to_string(node.ops.front())) + child(0) + ")";
  case NodeKind::binary: {
    std::string out = "(" + child(0);
    for (std::size_t i = 1; i < node.children.size(); ++i)
      out += " " + std::string(to_string(node.ops[i - 1])) + " " + child(i);
    return out + ")";
  }
  case NodeKind::conditional:
    return "(" + child(0) + " ? " + child(1) + " : " + child(2) + ")";
  }
  return "?";
}

} // namespace ghes_topology::expr
