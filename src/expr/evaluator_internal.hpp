// SPDX-License-Identifier: Apache-2.0
// Evaluator: runs a flattened checked tree over bindings (used by `evaluate` in program.cpp).
#pragma once

#include "ghes_topology/expr/flat_tree.hpp"
#include "ghes_topology/expr/program.hpp"

namespace ghes_topology::expr {

// Evaluates `tree`, the flattened tree of `program` (whose `tree()` gives the locations and
// names of messages).
BorrowedResult evaluate_tree(const Program& program, const FlatTree& tree, const Bindings& bindings,
                             const EvalOptions& options);

} // namespace ghes_topology::expr
