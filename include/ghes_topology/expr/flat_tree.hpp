// SPDX-License-Identifier: Apache-2.0
// The evaluator's form of a checked tree: one block of small fixed-size records in pre-order.
#pragma once

#include "ghes_topology/expr/ast.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::expr {

// --- Interface ---

// One node as the evaluator reads it: what evaluation needs, in 32 bytes (two records a
// cache line). A node's first child is the record after it and each child's next sibling is
// `size` records after that child, so a tree is one contiguous block that a batch of files
// evaluates from the cache. The rest (locations, types, a call's name) stays in the `Node`
// tree of the program (`Program::tree()`), which only messages read.
struct FlatNode
{
  // `flags` bits.
  static constexpr std::uint8_t k_decimal = 1;        // the static type is double (an int value reads as one)
  static constexpr std::uint8_t k_size_of_filter = 2; // `size(l.filter(x, p))`: the kept items are counted

  NodeKind kind = NodeKind::literal;
  Macro macro = Macro::none;
  Operator op = Operator::logical_not; // unary: its operator; binary: its first operator
  // An operand of a binary node after its first: the operator before it; else `logical_not`
  // (never a binary operator).
  Operator before = Operator::logical_not;
  std::uint8_t flags = 0;
  std::uint8_t fact_depth = 0; // `Node::fact_depth` (at most the nesting bound, 250)
  std::int16_t slot = -1;      // `Node::slot` (at most the nesting bound)
  std::uint32_t children = 0;  // the number of children
  std::uint32_t size = 1;      // the records of this subtree, this one included
  std::int32_t fact = -1;      // `Node::fact`

  // A literal's value, or the constant value of a list of literals that evaluation only reads
  // (a macro's range, the right of `in`; built once, `FlatTree::constants`); else null.
  [[nodiscard]] const Value* value() const
  {
    return kind == NodeKind::literal || kind == NodeKind::list ? static_cast<const Value*>(m_payload)
                                                               : nullptr;
  }
  // A constant list's items' bytes (what evaluation charges for reading it), else 0.
  [[nodiscard]] std::uint32_t constant_bytes() const { return kind == NodeKind::list ? m_extent : 0; }
  // A call's builtin (`Node::builtin`), else null.
  [[nodiscard]] const Builtin* builtin() const
  {
    return kind == NodeKind::call ? static_cast<const Builtin*>(m_payload) : nullptr;
  }
  // An identifier's or a selected field's name, else empty.
  [[nodiscard]] std::string_view name() const
  {
    return kind == NodeKind::identifier || kind == NodeKind::select
               ? std::string_view(static_cast<const char*>(m_payload), m_extent)
               : std::string_view();
  }
  // Set `value()` (a literal or a list) with `constant_bytes()` (a list), `builtin()` (a
  // call) or `name()` (an identifier or a selection; `name` must outlive the record).
  void set_value(const Value* value, std::uint32_t constant_bytes = 0)
  {
    m_payload = value;
    m_extent = constant_bytes;
  }
  void set_builtin(const Builtin* builtin) { m_payload = builtin; }
  void set_name(std::string_view name)
  {
    m_payload = name.data();
    m_extent = static_cast<std::uint32_t>(name.size());
  }

private:
  // One of the value, the builtin or the name's bytes, by `kind`; a list's constant bytes or
  // a name's length.
  std::uint32_t m_extent = 0;
  const void* m_payload = nullptr;
};

// A checked and annotated tree, flattened.
struct FlatTree
{
  std::vector<FlatNode> nodes; // in pre-order; `nodes[0]` is the root
  // Values the records point at that no node holds: constant lists, and the literals of a
  // tree flattened straight from the compiled catalog. A deque: its items never move.
  std::deque<Value> constants;
  // What the records' names and values point into, kept alive with them: the tree they
  // were made from, or the compiled catalog.
  std::shared_ptr<const void> owner;
};

// Flattens the annotated tree `root` (see `annotate`).
std::shared_ptr<const FlatTree> flatten(std::shared_ptr<const Node> root);

// One line per record, for tests and debugging: its index, kind, subtree size, then what it
// has: `0 binary size=7 op='&&'`, `1 select size=2 name=present fact(2) before='&&'`,
// `5 list size=3 value=[1, 2] bytes=112`, `2 call size=3 builtin=size size-of-filter`,
// `decimal` for a double-typed node, `slot=0` for a macro variable or call, `macro=exists`.
// A fact path's id is left out (it depends on the order paths were first used).
std::string to_string(const FlatTree& tree);

// For a tree built record by record in pre-order (the compiled catalog's reader): completes
// record `at` once its descendants are appended: its `size`, `fact_depth` (from `fact`),
// `k_size_of_filter`, and the constant value of a list of literals among its children that
// evaluation only reads.
void finish(FlatTree& tree, std::size_t at);

// The children of record `node` (in a block of records), in order:
// `for (const FlatNode& child : children(node))`.
class Children
{
public:
  class Iterator
  {
  public:
    explicit Iterator(const FlatNode* at)
        : m_at(at)
    {}
    const FlatNode& operator*() const { return *m_at; }
    Iterator& operator++()
    {
      m_at += m_at->size; // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic): within the block
      return *this;
    }
    bool operator!=(const Iterator& other) const { return m_at != other.m_at; }

  private:
    const FlatNode* m_at;
  };

  explicit Children(const FlatNode& node)
      : m_node(&node)
  {}
  [[nodiscard]] Iterator begin() const
  {
    return Iterator(m_node + 1);
  } // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
  [[nodiscard]] Iterator end() const
  {
    return Iterator(m_node + m_node->size);
  } // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)

private:
  const FlatNode* m_node;
};

inline Children children(const FlatNode& node)
{
  return Children(node);
}

// Child `i` of record `node` (which has more than `i` children).
inline const FlatNode& child(const FlatNode& node, std::size_t i)
{
  const FlatNode* at = &node + 1; // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
  for (; i > 0; --i)
    at += at->size; // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
  return *at;
}

} // namespace ghes_topology::expr
