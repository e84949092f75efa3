// SPDX-License-Identifier: Apache-2.0
// Static questions about a compiled expression, answered without evaluating it.
#pragma once

#include "ghes_topology/expr/program.hpp"

namespace ghes_topology::expr {

// --- Interface ---

// True when evaluating `program` can never give an `EvalError`, whatever the values bound,
// as long as they have the types of the `TypeEnv` it was compiled against (the engine's scope
// always does). Conservative: only literals, identifiers, field selections on objects, `has()`,
// `!`, `&&`, `||`, comparisons of non-dynamic operands and `?:` over such parts qualify; an
// expression with arithmetic, an index, another call or a macro is said to be able to fail,
// as is one with a `dyn` part. A program without a checked tree can fail.
[[nodiscard]] bool cannot_fail(const Program& program);

} // namespace ghes_topology::expr
