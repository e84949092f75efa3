// SPDX-License-Identifier: Apache-2.0
// Static checker: resolves names, types every node, records the facts read.
#pragma once

#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/expr/ast.hpp"
#include "ghes_topology/expr/program.hpp"
#include "ghes_topology/expr/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ghes_topology::expr {

// --- Interface ---

struct CheckResult
{
  TypePtr type;                        // static type of the whole expression
  std::vector<std::string> fact_paths; // see `Program::fact_paths()`
  int slots = 0;                       // macro variable slots the evaluator needs
};

// Checks the tree `root` (from `parse`) against `env`, annotating every node with
// its type, builtin and variable slot. Reports every problem it finds into `bag`
// (one per cause: a node whose operand is already wrong is not reported again) and
// returns nothing when it reported one.
std::optional<CheckResult> check(Node& root, const TypeEnv& env, const CompileOptions& options,
                                 diag::DiagnosticBag& bag);

} // namespace ghes_topology::expr
