// SPDX-License-Identifier: Apache-2.0
// Compile once (lex, parse, check), evaluate many.
#include "ghes_topology/expr/program.hpp"

#include "expr/evaluator_internal.hpp"
#include "ghes_topology/expr/ast.hpp"
#include "ghes_topology/expr/checker.hpp"
#include "ghes_topology/expr/flat_tree.hpp"
#include "ghes_topology/expr/lexer.hpp"
#include "ghes_topology/expr/parser.hpp"

#include <fmt/format.h>

#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

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

// Hashes names for lookups by `std::string_view`.
struct NameHash
{
  using is_transparent = void;
  std::size_t operator()(std::string_view name) const noexcept { return std::hash<std::string_view>{}(name); }
};

// The interned fact paths, as a tree of names: `network.load_balancer` is the field
// `load_balancer` of the path `network`, so a path is found without building its text.
struct FactPaths
{
  using Names = std::unordered_map<std::string, int, NameHash, std::equal_to<>>;
  std::mutex mutex;
  std::vector<Names> fields = std::vector<Names>(1); // [id + 1]: the fields of path `id`; [0]: the roots
};

FactPaths& fact_paths_registry()
{
  static FactPaths registry;
  return registry;
}

// The id of the field `name` of path `parent` (-1: the root `name`), with the registry's
// mutex held.
int intern(FactPaths& registry, int parent, std::string_view name)
{
  FactPaths::Names& names = registry.fields[static_cast<std::size_t>(parent + 1)];
  if (auto it = names.find(name); it != names.end())
    return it->second;
  const int id = static_cast<int>(registry.fields.size()) - 1;
  names.emplace(std::string(name), id);
  registry.fields.emplace_back(); // may move `names`: not used after this
  return id;
}

// Annotates `node` after its children.
void annotate(Node& node, FactPaths& registry)
{
  for (auto& child : node.children)
    annotate(*child, registry);
  node.fact = -1;
  node.fact_depth = 0;
  if (node.kind == NodeKind::identifier && node.slot < 0) {
    node.fact_depth = 1;
    node.fact = intern(registry, -1, node.name);
  } else if (node.kind == NodeKind::select && !node.children.empty() && node.children[0]->fact >= 0) {
    node.fact_depth = node.children[0]->fact_depth + 1;
    node.fact = intern(registry, node.children[0]->fact, node.name);
  }
}

} // namespace

void annotate(Node& root)
{
  FactPaths& registry = fact_paths_registry();
  const std::lock_guard lock(registry.mutex);
  annotate(root, registry);
}

int fact_path_id(std::string_view path)
{
  FactPaths& registry = fact_paths_registry();
  const std::lock_guard lock(registry.mutex);
  int id = -1;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    id = intern(registry, id,
                path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos)
      return id;
    start = dot + 1;
  }
}

int fact_field_id(int parent, std::string_view name)
{
  FactPaths& registry = fact_paths_registry();
  const std::lock_guard lock(registry.mutex);
  return intern(registry, parent, name);
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
  if (!program.flat) {
    // Straight from the encoded tree when its source can, without decoding the tree.
    if (!program.root && program.deferred && program.annotated)
      program.flat = program.deferred->flatten();
    if (!program.flat) {
      // A temporary, so that `result` below is the one named result, built in place.
      if (program.tree() == nullptr)
        return BorrowedResult{nullptr, Value(),
                              EvalError{"expr-type", "the expression was not compiled", program.location}};
      program.flat = flatten(program.root);
    }
  }
  BorrowedResult result = evaluate_tree(program, *program.flat, bindings, options);
  // A compiled catalog's trees leave their program's file out of their nodes' locations.
  if (result.error && result.error->where.has_position() && !result.error->where.has_file())
    result.error->where.file = program.location.file;
  return result;
}

} // namespace ghes_topology::expr
