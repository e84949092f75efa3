// SPDX-License-Identifier: Apache-2.0
// Static questions about a compiled expression.
#include "ghes_topology/expr/analysis.hpp"

#include "ghes_topology/expr/ast.hpp"

#include <algorithm>

namespace ghes_topology::expr {
namespace {

bool typed(const Node& node)
{
  return node.type != nullptr && node.type->kind != Type::Kind::dyn;
}

bool is_comparison(Operator op)
{
  switch (op) {
  case Operator::less:
  case Operator::less_equal:
  case Operator::greater:
  case Operator::greater_equal:
  case Operator::equal:
  case Operator::not_equal:
    return true;
  default:
    return false;
  }
}

bool is_number(const Node& node)
{
  return node.type->kind == Type::Kind::integer || node.type->kind == Type::Kind::decimal;
}

bool safe(const Node& node)
{
  if (!typed(node))
    return false;
  const auto all_children_safe = [&] {
    return std::all_of(node.children.begin(), node.children.end(), [](const auto& c) { return safe(*c); });
  };
  switch (node.kind) {
  case NodeKind::literal:
  case NodeKind::identifier:
    return true;
  case NodeKind::select:
    // A field of an object: a map, an empty section or an unknown at run time, never an error.
    return node.children.size() == 1 && safe(*node.children[0]) &&
           node.children[0]->type->kind == Type::Kind::object;
  case NodeKind::call:
    // `has(a.b)` reads whether a field is present; any other call may fail.
    return node.macro == Macro::has && all_children_safe();
  case NodeKind::unary:
    return node.ops.size() == 1 && node.ops[0] == Operator::logical_not && node.children.size() == 1 &&
           node.children[0]->type->kind == Type::Kind::boolean && safe(*node.children[0]);
  case NodeKind::conditional:
    return node.children.size() == 3 && node.children[0]->type->kind == Type::Kind::boolean &&
           all_children_safe();
  case NodeKind::binary: {
    if (!all_children_safe() || node.ops.size() + 1 != node.children.size())
      return false;
    for (std::size_t i = 0; i < node.ops.size(); ++i) {
      const Operator op = node.ops[i];
      if (op == Operator::logical_and || op == Operator::logical_or) {
        if (node.children[i]->type->kind != Type::Kind::boolean ||
            node.children[i + 1]->type->kind != Type::Kind::boolean)
          return false;
        continue;
      }
      if (!is_comparison(op) || node.ops.size() != 1)
        return false;
      const Node& a = *node.children[0];
      const Node& b = *node.children[1];
      const bool numbers = is_number(a) && is_number(b);
      const bool same_scalar = a.type->kind == b.type->kind &&
                               (a.type->kind == Type::Kind::string || a.type->kind == Type::Kind::boolean);
      if (op == Operator::equal || op == Operator::not_equal ? !(numbers || same_scalar) : !numbers)
        return false;
    }
    return true;
  }
  case NodeKind::list:
  case NodeKind::index:
    return false;
  }
  return false;
}

} // namespace

bool cannot_fail(const Program& program)
{
  const Node* root = program.tree();
  return root != nullptr && safe(*root);
}

} // namespace ghes_topology::expr
