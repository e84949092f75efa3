// SPDX-License-Identifier: Apache-2.0
// Compile once, evaluate many: the public entry points of the condition language.
#pragma once

#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/expr/types.hpp"
#include "ghes_topology/expr/value.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::expr {

// --- Interface ---

struct CompileOptions
{
  // Column (1-based) at which the second and later lines of `text` start in the
  // file; used for block scalars (`|`, `>`), whose columns are approximate.
  int continuation_column = 1;
  std::size_t max_length = 4096; // characters
  int max_depth = 64;            // nesting of sub-expressions
};

struct Node; // the checked AST (expr/ast.hpp)

// A lexed, parsed and checked expression.
class Program
{
public:
  // The source text as given to `compile`.
  [[nodiscard]] const std::string& text() const;
  // The static result type.
  [[nodiscard]] const TypePtr& type() const;
  // Every fact path the expression reads (`network.dns_ttl_seconds`,
  // `plan.replicas.latency_ms` for fields read through a macro variable), sorted and unique.
  [[nodiscard]] const std::vector<std::string>& fact_paths() const;
  // Where the expression starts in its file.
  [[nodiscard]] const diag::Location& where() const;

  std::shared_ptr<const Node> root; // implementation detail, owned by the program
  std::string source;
  TypePtr result_type;
  std::vector<std::string> paths;
  diag::Location location;
};

// Lexes, parses and statically checks `text`, which starts at `base` in its file.
// Reports `expr-syntax`, `expr-unknown-field`, `expr-unknown-variable`,
// `expr-unknown-function`, `expr-arity`, `expr-type`, `expr-too-deep` and
// `expr-too-long` into `bag` with the exact token range.
std::optional<Program> compile(std::string_view text, const diag::Location& base, const TypeEnv& env,
                               diag::DiagnosticBag& bag, const CompileOptions& options = {});

// A run-time failure of one evaluation (division by zero, overflow, index out of
// range, type error); `where` is the failing sub-expression.
struct EvalError
{
  std::string code; // "expr-division-by-zero", "expr-overflow", "expr-index", "expr-type", ...
  std::string message;
  diag::Location where;
};

struct Result
{
  Value value;                    // may be unknown
  std::optional<EvalError> error; // set when evaluation failed; `value` is then null
};

// Evaluates a compiled program with `bindings` (one value per `TypeEnv` entry).
// Never throws for input-dependent problems, never loops.
Result evaluate(const Program& program, const Bindings& bindings);

} // namespace ghes_topology::expr
