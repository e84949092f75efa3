// SPDX-License-Identifier: Apache-2.0
// Evaluator: runs a checked tree over bindings (used by `evaluate` in program.cpp).
#pragma once

#include "ghes_topology/expr/ast.hpp"
#include "ghes_topology/expr/program.hpp"

namespace ghes_topology::expr {

// Evaluates the checked tree `root`, which uses `slots` macro variable slots.
BorrowedResult evaluate_tree(const Node& root, int slots, const Bindings& bindings,
                             const EvalOptions& options);

} // namespace ghes_topology::expr
