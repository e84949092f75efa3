// SPDX-License-Identifier: Apache-2.0
// Compile once (lex, parse, check), evaluate many.
#include "ghes_topology/expr/program.hpp"

#include "expr/evaluator_internal.hpp"
#include "ghes_topology/expr/ast.hpp"
#include "ghes_topology/expr/checker.hpp"
#include "ghes_topology/expr/lexer.hpp"
#include "ghes_topology/expr/parser.hpp"

#include <fmt/format.h>

#include <map>
#include <mutex>

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
  if (!annotated && root) {
    // Every tree is made non-const (by `compile` or a decoder), then kept as const.
    annotate(const_cast<Node&>(*root)); // NOLINT(cppcoreguidelines-pro-type-const-cast)
    annotated = true;
  }
  return root.get();
}

namespace {

// The interned fact paths: text -> id.
struct FactPaths
{
  std::mutex mutex;
  std::map<std::string, int, KeyLess> ids;
};

FactPaths& fact_paths_registry()
{
  static FactPaths registry;
  return registry;
}

// Appends the dotted path of `node`, an identifier or a field selected from one, to `out`.
void append_path(const Node& node, std::string& out)
{
  if (node.kind == NodeKind::select) {
    append_path(*node.children[0], out);
    out += '.';
  }
  out += node.name;
}

// The id of `path`, with the registry's mutex held.
int intern(FactPaths& registry, std::string_view path)
{
  auto it = registry.ids.find(path);
  if (it == registry.ids.end())
    it = registry.ids.emplace(std::string(path), static_cast<int>(registry.ids.size())).first;
  return it->second;
}

// Annotates `node` after its children; `buffer` is room for building a path.
void annotate(Node& node, FactPaths& registry, std::string& buffer)
{
  for (auto& child : node.children)
    annotate(*child, registry, buffer);
  node.fact = -1;
  node.fact_depth = 0;
  if (node.kind == NodeKind::identifier && node.slot < 0)
    node.fact_depth = 1;
  else if (node.kind == NodeKind::select && !node.children.empty() && node.children[0]->fact >= 0)
    node.fact_depth = node.children[0]->fact_depth + 1;
  else
    return;
  buffer.clear();
  append_path(node, buffer);
  node.fact = intern(registry, buffer);
}

} // namespace

void annotate(Node& root)
{
  FactPaths& registry = fact_paths_registry();
  const std::lock_guard lock(registry.mutex);
  std::string buffer;
  annotate(root, registry, buffer);
}

int fact_path_id(std::string_view path)
{
  FactPaths& registry = fact_paths_registry();
  const std::lock_guard lock(registry.mutex);
  return intern(registry, path);
}

void FactCache::set(int id, const Value* value)
{
  const auto i = static_cast<std::size_t>(id);
  if (i >= m_found.size())
    m_found.resize(i + 1 + i / 2, nullptr);
  m_found[i] = value;
}

const Value FactCache::k_missing;

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
  if (root == nullptr) // a temporary, so that `result` below is the one named result, built in place
    return BorrowedResult{nullptr, Value(),
                          EvalError{"expr-type", "the expression was not compiled", program.location}};
  BorrowedResult result = evaluate_tree(*root, program.slots, bindings, options);
  // A compiled catalog's trees leave their program's file out of their nodes' locations.
  if (result.error && result.error->where.has_position() && !result.error->where.has_file())
    result.error->where.file = program.location.file;
  return result;
}

} // namespace ghes_topology::expr
