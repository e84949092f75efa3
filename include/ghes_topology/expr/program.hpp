// SPDX-License-Identifier: Apache-2.0
// Compile once, evaluate many: the public entry points of the condition language.
#pragma once

#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/expr/types.hpp"
#include "ghes_topology/expr/value.hpp"

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::expr {

// --- Interface ---

// The static result type `compile` must produce.
enum class Expect {
  any,     // any type (message templates, `point_at`)
  boolean, // bool or dyn; anything else is reported as `expr-type` (conditions)
};

struct CompileOptions
{
  // Column (1-based) at which the second and later lines of `text` start in the
  // file: the indentation + 1 of a literal block scalar (`|`). Folded scalars (`>`)
  // reach `compile` as one line, so their later lines cannot be placed exactly.
  int continuation_column = 1;
  std::size_t max_length = 4096; // bytes; longer texts are `expr-too-long`
  int max_depth = 64;            // nesting of sub-expressions (capped at 250); deeper is `expr-too-deep`
  Expect expect = Expect::any;
  // Identifiers that stand for another fact path in `Program::fact_paths()`: a rule's
  // `for_each` variable `r` over `plan.replicas` is {"r", "plan.replicas"}.
  std::map<std::string, std::string> variable_paths;
  // Roots whose paths are not environment facts and never appear in `fact_paths()`.
  std::vector<std::string> non_fact_roots = {"params", "topology"};
};

struct Node;     // the checked AST (expr/ast.hpp)
struct FlatTree; // the evaluator's form of a checked tree (expr/flat_tree.hpp)

// Gives a program's checked tree on demand: the compiled catalog's programs keep their trees
// encoded until first evaluated, as most of a run's expressions never are.
class TreeSource
{
public:
  TreeSource() = default;
  TreeSource(const TreeSource&) = delete;
  TreeSource& operator=(const TreeSource&) = delete;
  virtual ~TreeSource() = default;
  // The tree; null when it cannot be decoded.
  [[nodiscard]] virtual std::shared_ptr<const Node> decode() const = 0;
  // The annotated tree as the evaluator reads it, made without decoding the tree when the
  // source can (the compiled catalog); null when it cannot (the default): the evaluator then
  // flattens `decode()`'s tree.
  [[nodiscard]] virtual std::shared_ptr<const FlatTree> flatten() const { return nullptr; }
};

// A lexed, parsed and checked expression.
class Program
{
public:
  // The source text as given to `compile`.
  [[nodiscard]] const std::string& text() const;
  // The static result type.
  [[nodiscard]] const TypePtr& type() const;
  // Every environment fact path the expression reads (`network.dns_ttl_seconds`,
  // `plan.replicas.latency_ms` for fields read through a macro variable or an index),
  // sorted and unique, deepest paths only, without `CompileOptions::non_fact_roots`.
  [[nodiscard]] const std::vector<std::string>& fact_paths() const;
  // The file range of the whole expression (from its first to its last token).
  [[nodiscard]] const diag::Location& where() const;

  // The checked tree: `root`, or the tree `deferred` decodes, decoded on the first call and
  // kept in `root` (so the first call must not race with another on the same program); null
  // when the program has neither.
  [[nodiscard]] const Node* tree() const;

  // Implementation details: the tree when it is decoded, and where to decode it from when not;
  // whether the tree has its evaluation annotations (`annotate`): set by `tree()`, or before,
  // by a reader whose trees come annotated (the compiled catalog's); the annotated tree as
  // the evaluator reads it, made on the first evaluation (which must not race with another).
  mutable std::shared_ptr<const Node> root;
  mutable bool annotated = false;
  mutable std::shared_ptr<const FlatTree> flat;
  std::shared_ptr<const TreeSource> deferred;
  std::string source;
  TypePtr result_type;
  std::vector<std::string> paths;
  diag::Location location;
  int slots = 0; // macro variable slots the evaluator needs
};

// Lexes, parses and statically checks `text`, which starts at `base` in its file.
// Reports `expr-syntax`, `expr-unknown-field`, `expr-unknown-variable`,
// `expr-unknown-function`, `expr-call-style`, `expr-arity`, `expr-type`,
// `expr-bad-enum-value`, `expr-bad-version`, `expr-too-deep` and `expr-too-long`
// into `bag` with the exact token range; returns nothing when it reported an error.
std::optional<Program> compile(std::string_view text, const diag::Location& base, const TypeEnv& env,
                               diag::DiagnosticBag& bag, const CompileOptions& options = {});

// Sets the evaluation annotations of `root` and its descendants (`Node::fact`,
// `Node::fact_depth`) from the checker's; `Program::tree()`
// calls it on every tree it gives that does not come annotated. Idempotent.
void annotate(Node& root);

// The id of the dotted environment fact path `path` (`network.load_balancer.present`): the
// same id for the same text for the life of the process, ids from 0 up in order of first use.
int fact_path_id(std::string_view path);
// The id of the path `name` below the path `parent` (-1: the root `name`):
// `fact_field_id(fact_path_id("network"), "dns_ttl_seconds") == fact_path_id("network.dns_ttl_seconds")`.
int fact_field_id(int parent, std::string_view name);

// The values an evaluation found at environment fact paths of its bindings (a chain of fields
// from an environment identifier, every step a map with that field), by `fact_path_id`:
// evaluations given the same cache (`EvalOptions::cache`) look each path up once. A cache
// serves one `Bindings` object while it lives unchanged: give a fresh one (or `clear()` it)
// when the bindings change.
class FactCache
{
public:
  // The value cached for path `id`, `missing()` when the path was looked up and is not such a
  // chain, or nullptr when it was not looked up yet.
  [[nodiscard]] const Value* find(int id) const
  {
    return static_cast<std::size_t>(id) < m_found.size() ? m_found[static_cast<std::size_t>(id)] : nullptr;
  }
  // Records `value` (or `missing()`) for path `id`.
  void set(int id, const Value* value);
  // Forgets every path.
  void clear() { m_found.clear(); }
  // The marker `find` gives for a path that is not a chain of fields in the bindings.
  [[nodiscard]] static const Value* missing() { return &k_missing; }

private:
  static const Value k_missing;
  std::vector<const Value*> m_found;
};

// A run-time failure of one evaluation (division by zero, overflow, index out of
// range, type error); `where` is the failing sub-expression.
struct EvalError
{
  // "expr-division-by-zero", "expr-overflow", "expr-index", "expr-type", "expr-bad-version",
  // "expr-empty-list", "expr-conversion" or "expr-too-costly".
  std::string code;
  std::string message;
  diag::Location where;
};

struct Result
{
  Value value;                    // may be unknown
  std::optional<EvalError> error; // set when evaluation failed; `value` is then null
};

struct EvalOptions
{
  // The concrete fact path an identifier stands for in unknown results: a rule's
  // `for_each` variable bound to the second replica is {"r", "plan.replicas[1]"}.
  std::map<std::string, std::string> variable_paths;
  // One variable looked up before the bindings given to `evaluate` (a rule's `for_each`
  // variable), bound without copying its value or any other binding: the identifier
  // `variable` reads as `*variable_value` (which must outlive the evaluation), and its fact
  // path in unknown results is `variable_path` (which wins over `variable_paths`). Empty
  // `variable` (or a null `variable_value`) for none.
  std::string_view variable;
  const Value* variable_value = nullptr;
  std::string variable_path;
  // Where the values of environment fact paths already found in the bindings are kept
  // (see `FactCache`), or nullptr: every evaluation then looks each path up anew.
  FactCache* cache = nullptr;
  // Work bound: evaluating a node or a macro iteration is one step; past this the
  // result is an `expr-too-costly` error.
  std::size_t max_steps = 1'000'000;
};

// Evaluates a compiled program with `bindings` (one value per `TypeEnv` entry;
// a missing binding reads as unknown). Never throws for input-dependent problems,
// never loops.
Result evaluate(const Program& program, const Bindings& bindings);
Result evaluate(const Program& program, const Bindings& bindings, const EvalOptions& options);

// What `evaluate` gives, without copying a value the expression reads from the bindings, the
// option's variable or the program's literals: `value()` is borrowed from them when possible.
struct BorrowedResult
{
  const Value* ref = nullptr;     // the borrowed value, or nullptr when `owned` holds it
  Value owned;                    // a value computed by the evaluation
  std::optional<EvalError> error; // set when evaluation failed; `value()` is then null

  // The value: valid while this result, the program, the bindings and the option's variable live unchanged.
  [[nodiscard]] const Value& value() const { return ref != nullptr ? *ref : owned; }
};

// `evaluate`, borrowing the result (see `BorrowedResult`).
BorrowedResult evaluate_borrowed(const Program& program, const Bindings& bindings,
                                 const EvalOptions& options);

} // namespace ghes_topology::expr
