// SPDX-License-Identifier: Apache-2.0
// Flattening a checked tree into the evaluator's records.
#include "ghes_topology/expr/flat_tree.hpp"

#include "expr/runtime_internal.hpp"
#include "ghes_topology/expr/builtins.hpp"

#include <algorithm>
#include <limits>

namespace ghes_topology::expr {
namespace {

constexpr std::uint32_t k_max_u32 = std::numeric_limits<std::uint32_t>::max();

std::uint32_t narrow(std::size_t n)
{
  return n < k_max_u32 ? static_cast<std::uint32_t>(n) : k_max_u32;
}

// Gives record `at`, a list, its constant value when its items are literals that evaluation
// keeps as they are (an int literal read as a double is not), as `set_constants` does.
// A list flattened from a node keeps the node's constant (`Node::value`).
void make_constant(FlatTree& tree, std::size_t at)
{
  if (tree.nodes[at].kind != NodeKind::list)
    return;
  std::size_t bytes = 0;
  for (const FlatNode& item : children(tree.nodes[at])) {
    if (item.kind != NodeKind::literal || item.value == nullptr ||
        ((item.flags & FlatNode::k_decimal) != 0 && item.value->kind() == Value::Kind::integer))
      return;
    bytes += runtime::footprint(*item.value);
  }
  tree.nodes[at].constant_bytes = narrow(bytes);
  if (tree.nodes[at].value != nullptr)
    return;
  Value::List items;
  items.reserve(tree.nodes[at].children);
  for (const FlatNode& item : children(tree.nodes[at]))
    items.push_back(*item.value);
  tree.nodes[at].value = &tree.constants.emplace_back(Value::list(std::move(items)));
}

// Appends the records of `node` and its descendants; `before` is the operator before it
// when it is an operand of a binary node after the first.
void append(FlatTree& tree, const Node& node, Operator before)
{
  const std::size_t at = tree.nodes.size();
  {
    FlatNode& flat = tree.nodes.emplace_back();
    flat.kind = node.kind;
    flat.macro = node.macro;
    flat.op = node.ops.empty() ? Operator::logical_not : node.ops.front();
    flat.before = before;
    if (node.type && node.type->kind == Type::Kind::decimal)
      flat.flags |= FlatNode::k_decimal;
    flat.slot = static_cast<std::int16_t>(node.slot);
    flat.children = narrow(node.children.size());
    flat.fact = node.fact;
    flat.value = node.value.get();
    flat.builtin = node.builtin;
    if (node.kind == NodeKind::identifier || node.kind == NodeKind::select)
      flat.name = node.name;
  }
  for (std::size_t i = 0; i < node.children.size(); ++i)
    append(tree, *node.children[i],
           node.kind == NodeKind::binary && i > 0 && i - 1 < node.ops.size() ? node.ops[i - 1]
                                                                             : Operator::logical_not);
  finish(tree, at);
}

std::size_t count(const Node& node)
{
  std::size_t n = 1;
  for (const auto& child : node.children)
    n += count(*child);
  return n;
}

} // namespace

void finish(FlatTree& tree, std::size_t at)
{
  // The records after `at` are its descendants: `nodes` may have moved, so index, not reference.
  tree.nodes[at].size = narrow(tree.nodes.size() - at);
  FlatNode& node = tree.nodes[at];
  if (node.fact >= 0)
    node.fact_depth = node.kind == NodeKind::select && node.children > 0
                          ? static_cast<std::uint8_t>(std::min(tree.nodes[at + 1].fact_depth + 1, 255))
                          : 1;
  if (node.kind == NodeKind::call && node.children == 1 && tree.nodes[at + 1].macro == Macro::filter &&
      node.builtin != nullptr && node.builtin->name == "size")
    node.flags |= FlatNode::k_size_of_filter;
  if (node.kind == NodeKind::call && node.macro != Macro::none && node.macro != Macro::has &&
      node.children > 0)
    make_constant(tree, at + 1);
  if (node.kind == NodeKind::binary) {
    std::size_t child = at + 1;
    for (std::uint32_t i = 0; i < tree.nodes[at].children; ++i) {
      if (i > 0 && tree.nodes[child].before == Operator::in)
        make_constant(tree, child);
      child += tree.nodes[child].size;
    }
  }
}

std::shared_ptr<const FlatTree> flatten(std::shared_ptr<const Node> root)
{
  auto tree = std::make_shared<FlatTree>();
  if (root) {
    tree->nodes.reserve(count(*root));
    append(*tree, *root, Operator::logical_not);
  }
  tree->owner = std::move(root);
  return tree;
}

} // namespace ghes_topology::expr
