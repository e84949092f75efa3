// SPDX-License-Identifier: Apache-2.0
// The syntax tree of an expression; every node keeps its file range.
#pragma once

#include "ghes_topology/diag/location.hpp"
#include "ghes_topology/expr/types.hpp"
#include "ghes_topology/expr/value.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ghes_topology::expr {

// --- Interface ---

struct Builtin; // expr/builtins.hpp

enum class NodeKind : std::uint8_t {
  literal,     // `value`
  list,        // [children...]
  identifier,  // `name`
  select,      // children[0] . name
  index,       // children[0] [ children[1] ]
  call,        // name(children...) or children[0].name(children[1...]) for a method call
  unary,       // ops[0] children[0]
  binary,      // children[0] ops[0] children[1] ops[1] children[2] ...: one precedence level, left to right
  conditional, // children[0] ? children[1] : children[2]
};

enum class Operator : std::uint8_t {
  logical_not,   // !
  negate,        // - (unary)
  multiply,      // *
  divide,        // /
  modulo,        // %
  add,           // +
  subtract,      // -
  less,          // <
  less_equal,    // <=
  greater,       // >
  greater_equal, // >=
  equal,         // ==
  not_equal,     // !=
  in,            // in
  logical_and,   // &&
  logical_or,    // ||
};

// The operator as written: "!", "-", "*", ..., "in", "&&", "||".
const char* to_string(Operator op);

enum class CallStyle : std::uint8_t { function, method };

// Macros are calls with special evaluation; the checker recognises them by name.
enum class Macro : std::uint8_t { none, has, exists, all, exists_one, filter, map };

// Where the parser found a node's name and operator tokens, for the checker's diagnostics
// only: a tree read back from the compiled catalog has none.
struct TokenPlaces
{
  diag::Location name_where; // the identifier, field, function name or (unary/binary) first operator token
  std::vector<diag::Location> op_where; // the token of each of `Node::ops`
};

// One node. The parser fills the syntax part; the checker fills the annotations.
struct Node
{
  // What evaluation reads comes first, in 128 bytes: two cache lines of a node (192 bytes,
  // which the allocator places on a 64-byte boundary). Evaluating the catalog for each file
  // reads every node of its trees: the fewer lines they take, the more of them stay cached
  // between files. The height and the source ranges, which only the parser, the checker and
  // diagnostics read, come last.
  NodeKind kind = NodeKind::literal;
  CallStyle style = CallStyle::function; // calls only
  Macro macro = Macro::none;             // set by the checker
  int slot = -1; // identifier: macro variable slot (-1 = environment); macro call: its variable's slot

  // Annotations set on every tree a `Program` gives (`Program::tree()`), from the checker's.
  // An identifier of the environment, or a field selected from one through fields only
  // (`network.load_balancer.present`): the id of that dotted path (`fact_path_id`), else -1;
  // and the number of nodes of that chain (1 for the identifier alone).
  int fact = -1;
  int fact_depth = 0;

  // Annotations set by the checker (with `macro` and `slot`).
  const Builtin* builtin = nullptr; // the called function or macro
  TypePtr type;                     // static type

  // A literal's value (every literal has one); null for other nodes. Behind a pointer, as
  // most nodes are not literals. (A constant list's value is the evaluator's: `FlatTree`.)
  std::unique_ptr<const Value> value;

  std::vector<std::unique_ptr<Node>> children;
  std::vector<Operator> ops; // unary: one; binary: children.size() - 1
  std::string name;          // identifier, field or function name

  int height = 1;       // 1 + the largest height of the children
  diag::Location where; // the whole sub-expression
  // The parser's token places; null in a tree read from the compiled catalog.
  std::unique_ptr<TokenPlaces> tokens;

  // The token places, made on first use (the parser's).
  TokenPlaces& places();
  // `tokens->name_where`, or no location when the node has no token places.
  [[nodiscard]] const diag::Location& name_where() const;
};

using NodePtr = std::unique_ptr<Node>;

// The one switch over node kinds: calls the member of `visitor` named after `node.kind`
// (`literal`, `list`, `identifier`, `select`, `index`, `call`, `unary`, `binary`,
// `conditional`) with `node` and returns its result; `unknown(node)` for a kind out of range.
// A visitor with private members declares `visit_node` a friend. Any node type with a `kind`
// will do (the evaluator's `FlatNode` too).
template <typename Visitor, typename NodeType>
decltype(auto) visit_node(Visitor& visitor, NodeType& node)
{
  switch (node.kind) {
  case NodeKind::literal:
    return visitor.literal(node);
  case NodeKind::list:
    return visitor.list(node);
  case NodeKind::identifier:
    return visitor.identifier(node);
  case NodeKind::select:
    return visitor.select(node);
  case NodeKind::index:
    return visitor.index(node);
  case NodeKind::call:
    return visitor.call(node);
  case NodeKind::unary:
    return visitor.unary(node);
  case NodeKind::binary:
    return visitor.binary(node);
  case NodeKind::conditional:
    return visitor.conditional(node);
  }
  return visitor.unknown(node);
}

// A fully parenthesised rendering for tests and debugging:
// `(a || (b && c))`, `size(x)`, `r.type`, `l.exists(x, (x > 1))`, `(c ? 1 : 2)`.
std::string to_string(const Node& node);

} // namespace ghes_topology::expr
