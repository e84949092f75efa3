// SPDX-License-Identifier: Apache-2.0
// Flattening a checked tree into the evaluator's records.
#include "ghes_topology/expr/flat_tree.hpp"

#include "expr/runtime_internal.hpp"
#include "ghes_topology/expr/builtins.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>

namespace ghes_topology::expr {
namespace {

static_assert(sizeof(void*) != 8 || sizeof(FlatNode) == 32, "two records a 64-byte cache line");

constexpr std::uint32_t k_max_u32 = std::numeric_limits<std::uint32_t>::max();

std::uint32_t narrow(std::size_t n)
{
  return n < k_max_u32 ? static_cast<std::uint32_t>(n) : k_max_u32;
}

// Gives record `at`, a list, its constant value when its items are literals that evaluation
// keeps as they are (an int literal read as a double is not).
void make_constant(FlatTree& tree, std::size_t at)
{
  if (tree.nodes[at].kind != NodeKind::list)
    return;
  std::size_t bytes = 0;
  for (const FlatNode& item : children(tree.nodes[at])) {
    if (item.kind != NodeKind::literal || item.value() == nullptr ||
        ((item.flags & FlatNode::k_decimal) != 0 && item.value()->kind() == Value::Kind::integer))
      return;
    bytes += runtime::footprint(*item.value());
  }
  Value::List items;
  items.reserve(tree.nodes[at].children);
  for (const FlatNode& item : children(tree.nodes[at]))
    items.push_back(*item.value());
  tree.nodes[at].set_value(&tree.constants.emplace_back(Value::list(std::move(items))), narrow(bytes));
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
    if (node.kind == NodeKind::literal)
      flat.set_value(node.value.get());
    else if (node.kind == NodeKind::call)
      flat.set_builtin(node.builtin);
    else if (node.kind == NodeKind::identifier || node.kind == NodeKind::select)
      flat.set_name(node.name);
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
      node.builtin() != nullptr && node.builtin()->name == "size")
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

std::string to_string(const FlatTree& tree)
{
  static constexpr std::array<const char*, 9> k_kinds = {
      "literal", "list", "identifier", "select", "index", "call", "unary", "binary", "conditional"};
  static constexpr std::array<const char*, 7> k_macros = {"none",       "has",    "exists", "all",
                                                          "exists_one", "filter", "map"};
  std::string out;
  for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
    const FlatNode& n = tree.nodes[i];
    const auto kind = static_cast<std::size_t>(n.kind);
    out += fmt::format("{} {} size={}", i, kind < k_kinds.size() ? k_kinds[kind] : "?", n.size);
    if (n.macro != Macro::none) {
      const auto macro = static_cast<std::size_t>(n.macro);
      out += fmt::format(" macro={}", macro < k_macros.size() ? k_macros[macro] : "?");
    }
    if (n.kind == NodeKind::unary || n.kind == NodeKind::binary)
      out += fmt::format(" op='{}'", to_string(n.op));
    if (!n.name().empty())
      out += fmt::format(" name={}", n.name());
    if (n.fact >= 0)
      out += fmt::format(" fact({})", n.fact_depth);
    if (n.slot >= 0)
      out += fmt::format(" slot={}", n.slot);
    if (n.value() != nullptr)
      out += fmt::format(" value={}", n.value()->to_string());
    if (n.constant_bytes() != 0)
      out += fmt::format(" bytes={}", n.constant_bytes());
    if (n.builtin() != nullptr)
      out += fmt::format(" builtin={}", n.builtin()->name);
    if ((n.flags & FlatNode::k_decimal) != 0)
      out += " decimal";
    if ((n.flags & FlatNode::k_size_of_filter) != 0)
      out += " size-of-filter";
    if (i > 0 && n.before != Operator::logical_not)
      out += fmt::format(" before='{}'", to_string(n.before));
    out += '\n';
  }
  return out;
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
