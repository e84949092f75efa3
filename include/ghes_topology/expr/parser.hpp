// SPDX-License-Identifier: Apache-2.0
// Parser: tokens -> syntax tree, with CEL precedence and a nesting bound.
#pragma once

#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/expr/ast.hpp"
#include "ghes_topology/expr/token.hpp"

#include <vector>

namespace ghes_topology::expr {

// --- Interface ---

// The largest nesting `parse` accepts whatever `max_depth` asks for: it keeps the
// recursive parser, checker and evaluator far from the end of the stack.
inline constexpr int k_max_depth_limit = 250;

// Parses `tokens` (as produced by `lex`, ending with `end`). Nesting deeper than
// `max_depth` levels (parentheses, unary operators, calls, lists, and a subtree
// taller than that) is reported as `expr-too-deep`; other problems as `expr-syntax`.
// Stops at the first error and returns nullptr.
NodePtr parse(const std::vector<Token>& tokens, int max_depth, diag::DiagnosticBag& bag);

} // namespace ghes_topology::expr
