// SPDX-License-Identifier: Apache-2.0
// Compile once (lex, parse, check), evaluate many.
#include "ghes_topology/expr/program.hpp"

#include "expr/evaluator_internal.hpp"
#include "ghes_topology/expr/ast.hpp"
#include "ghes_topology/expr/checker.hpp"
#include "ghes_topology/expr/lexer.hpp"
#include "ghes_topology/expr/parser.hpp"

#include <fmt/format.h>

namespace ghes_topology::expr {

const std::string& Program::text() const
{
  return source;
}

const TypePtr& Program::type() const
{
  return result_type;
}

const std::vector<std::string>& Program::fact_paths() const
{
  return paths;
}

const Node* Program::tree() const
{
  if (!root && deferred)
    root = deferred->decode();
  return root.get();
}

const diag::Location& Program::where() const
{
  return location;
}

std::optional<Program> compile(std::string_view text, const diag::Location& base, const TypeEnv& env,
                               diag::DiagnosticBag& bag, const CompileOptions& options)
{
  const SourcePositions positions(text, base, options.continuation_column);
  if (text.size() > options.max_length) {
    bag.error("expr-too-long",
              fmt::format("expression is {} bytes long; the limit is {}", text.size(), options.max_length),
              positions.range(0, 0));
    return std::nullopt;
  }
  auto tokens = lex(text, positions, bag);
  if (!tokens)
    return std::nullopt;
  NodePtr root = parse(*tokens, options.max_depth, bag);
  if (!root)
    return std::nullopt;
  auto checked = check(*root, env, options, bag);
  if (!checked)
    return std::nullopt;
  Program program;
  program.source = std::string(text);
  program.result_type = checked->type;
  program.paths = std::move(checked->fact_paths);
  program.location = root->where;
  program.slots = checked->slots;
  program.root = std::shared_ptr<const Node>(std::move(root));
  return program;
}

Result evaluate(const Program& program, const Bindings& bindings)
{
  return evaluate(program, bindings, EvalOptions{});
}

Result evaluate(const Program& program, const Bindings& bindings, const EvalOptions& options)
{
  BorrowedResult borrowed = evaluate_borrowed(program, bindings, options);
  Result result;
  if (borrowed.error) {
    result.error = std::move(borrowed.error);
    result.value = Value::null();
  } else if (borrowed.ref != nullptr) {
    result.value = *borrowed.ref;
  } else {
    result.value = std::move(borrowed.owned);
  }
  return result;
}

BorrowedResult evaluate_borrowed(const Program& program, const Bindings& bindings, const EvalOptions& options)
{
  const Node* root = program.tree();
  if (root == nullptr) {
    BorrowedResult result;
    result.error = EvalError{"expr-type", "the expression was not compiled", program.location};
    return result;
  }
  BorrowedResult result = evaluate_tree(*root, program.slots, bindings, options);
  // A compiled catalog's trees leave their program's file out of their nodes' locations.
  if (result.error && result.error->where.has_position() && !result.error->where.has_file())
    result.error->where.file = program.location.file;
  return result;
}

} // namespace ghes_topology::expr
