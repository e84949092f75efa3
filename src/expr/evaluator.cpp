// SPDX-License-Identifier: Apache-2.0
// Tree-walking evaluator with CEL-style unknowns, checked arithmetic and a step bound.
#include "expr/evaluator_internal.hpp"

#include "expr/runtime_internal.hpp"
#include "ghes_topology/expr/builtins.hpp"
#include "ghes_topology/expr/flat_tree.hpp"
#include "ghes_topology/expr/limits.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <limits>
#include <memory>

namespace ghes_topology::expr {
namespace {

using runtime::a_kind;
using runtime::footprint;
using runtime::Truth;

diag::Location join(const diag::Location& first, const diag::Location& last)
{
  diag::Location where = first;
  where.end_line = last.end_line;
  where.end_column = last.end_column;
  return where;
}

// Where an error is: a record, or the range from one record to another; its location is
// found (`Evaluator::locate`) only when a message needs it.
struct Place
{
  const FlatNode* first = nullptr; // nullptr: nowhere
  const FlatNode* last = nullptr;

  Place() = default;
  Place(const FlatNode& node) // NOLINT(google-explicit-constructor)
      : first(&node)
      , last(&node)
  {}
  Place(const FlatNode& from, const FlatNode& to)
      : first(&from)
      , last(&to)
  {}
};

bool is_number(const Value& v)
{
  return v.kind() == Value::Kind::integer || v.kind() == Value::Kind::decimal;
}

// The result of evaluating one node: a value (borrowed from the bindings or the tree
// when possible, owned otherwise) or an error, plus the concrete fact path the node
// reads (`plan.replicas[1].latency_ms`) when it is a path expression. The path of an
// identifier and of a field selected from one is built only when asked for
// (`Evaluator::path_of`): `lazy` is then the node it is the path of.
struct Out
{
  // What few results carry: built on demand, so that an `Out` is small and cheap to move.
  struct Extra
  {
    std::string path;                    // the path when not lazy
    std::vector<std::string> item_paths; // lists kept by filter(): the path of each item
    std::optional<EvalError> error;
  };

  const Value* ref = nullptr;
  const FlatNode* lazy = nullptr;
  std::optional<Value> owned; // empty when borrowed or failed
  std::unique_ptr<Extra> extra;

  [[nodiscard]] const Value& value() const;
  [[nodiscard]] bool failed() const { return extra != nullptr && extra->error.has_value(); }
  [[nodiscard]] bool unknown() const { return !failed() && value().is_unknown(); }
  // The path when not lazy (see `Evaluator::path_of`), else empty.
  [[nodiscard]] const std::string& path() const;
  [[nodiscard]] const std::vector<std::string>& item_paths() const;
  // The error of a failed result.
  [[nodiscard]] EvalError& error() const { return *extra->error; }
  Extra& more()
  {
    if (!extra)
      extra = std::make_unique<Extra>();
    return *extra;
  }
  void set_path(std::string path)
  {
    if (!path.empty())
      more().path = std::move(path);
  }
};

// Booleans are borrowed from these rather than built.
const Value k_true = Value::boolean(true);
const Value k_false = Value::boolean(false);
const Value k_null;
const std::string k_no_path;
const std::vector<std::string> k_no_paths;

const Value& Out::value() const
{
  if (ref != nullptr)
    return *ref;
  return owned ? *owned : k_null;
}

const std::string& Out::path() const
{
  return extra ? extra->path : k_no_path;
}

const std::vector<std::string>& Out::item_paths() const
{
  return extra ? extra->item_paths : k_no_paths;
}

Out make(Value v)
{
  Out out;
  out.owned.emplace(std::move(v));
  return out;
}

Out make(Value v, std::string path, const FlatNode* lazy = nullptr)
{
  Out out;
  out.owned.emplace(std::move(v));
  out.set_path(std::move(path));
  out.lazy = lazy;
  return out;
}

Out borrow(const Value& v)
{
  Out out;
  out.ref = &v;
  return out;
}

Out borrow(const Value& v, std::string path, const FlatNode* lazy = nullptr)
{
  Out out;
  out.ref = &v;
  out.set_path(std::move(path));
  out.lazy = lazy;
  return out;
}

Out boolean(bool b)
{
  Out out;
  out.ref = b ? &k_true : &k_false;
  return out;
}

// An `Out` failing with `error`.
Out failure(EvalError error)
{
  Out out;
  out.more().error = std::move(error);
  return out;
}

std::string child_path(const std::string& parent, std::string_view name)
{
  if (parent.empty())
    return std::string(name);
  std::string path;
  path.reserve(parent.size() + 1 + name.size());
  path += parent;
  path += '.';
  path += name;
  return path;
}

// Whether an unknown value stands for exactly the fact at `path` (a missing section),
// so that a field of it is the more precise missing fact.
bool is_missing_fact(const Value& v, const std::string& path)
{
  return !path.empty() && v.is_unknown() && v.missing().size() == 1 && v.missing().front() == path;
}

class Evaluator
{
public:
  Evaluator(const Program& program, const FlatTree& tree, const Bindings& bindings,
            const EvalOptions& options)
      : m_program(program)
      , m_bindings(bindings)
      , m_options(options)
      , m_root(tree.nodes.data())
  {
    const int slots = program.slots;
    // Most programs have no macro variable or only a few: those live in the evaluator.
    if (static_cast<std::size_t>(slots) > m_few.size()) {
      m_many.resize(static_cast<std::size_t>(slots));
      m_locals = m_many.data();
    }
  }
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  BorrowedResult run()
  {
    Out out = eval(*m_root);
    BorrowedResult result;
    if (m_too_costly)
      out.more().error = *m_too_costly;
    if (out.failed()) {
      result.error = std::move(out.error());
    } else if (out.ref != nullptr) {
      result.ref = out.ref;
    } else if (out.owned) {
      result.owned = std::move(*out.owned);
    }
    return result;
  }

private:
  // A macro variable: the item it is bound to, the index of that item in the range and
  // the range's result (whose paths give the item's path when it is asked for).
  struct Local
  {
    const Value* value = nullptr;
    const Out* range = nullptr;
    std::size_t index = 0;
  };

  const Program& m_program;
  const Bindings& m_bindings;
  const EvalOptions& m_options;
  std::array<Local, 4> m_few{};
  std::vector<Local> m_many;
  Local* m_locals = m_few.data(); // one per macro variable slot
  std::size_t m_steps = 0;
  std::size_t m_built_bytes = 0; // every value built or copied so far, freed or not
  std::optional<EvalError> m_too_costly;
  const FlatNode* m_root; // the root's record, the first of the block

  static const FlatNode& first(const FlatNode& node) { return child(node, 0); }

  // The node of the program's tree (`Program::tree()`, which decodes it if it was left
  // encoded) that record `target` stands for, found by the records' subtree sizes (the
  // records are the tree in pre-order); nullptr when the tree cannot be had. Only messages
  // read it: a location, a function's name.
  [[nodiscard]] const Node* source(const FlatNode& target) const
  {
    const Node* node = m_program.tree();
    const FlatNode* flat = m_root;
    while (node != nullptr && flat != &target) {
      const Node* next = nullptr;
      std::size_t i = 0;
      for (const FlatNode& child : children(*flat)) {
        if (&target < &child + child.size) { // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
          next = i < node->children.size() ? node->children[i].get() : nullptr;
          flat = &child;
          break;
        }
        ++i;
      }
      node = next;
    }
    return node;
  }
  // The location of the node record `node` stands for.
  [[nodiscard]] diag::Location where(const FlatNode& node) const
  {
    const Node* n = source(node);
    return n != nullptr ? n->where : m_program.location;
  }
  [[nodiscard]] diag::Location locate(const Place& place) const
  {
    if (place.first == nullptr)
      return {};
    if (place.first == place.last)
      return where(*place.first);
    return join(where(*place.first), where(*place.last));
  }
  // The name of a call (`exists`, `size`) for a message.
  [[nodiscard]] std::string call_name(const FlatNode& node) const
  {
    const Node* n = source(node);
    return n != nullptr ? n->name : std::string();
  }

  [[gnu::cold]] [[gnu::noinline]] Out fail(std::string code, std::string message, const Place& place) const
  {
    return failure(EvalError{std::move(code), std::move(message), locate(place)});
  }

  // Counts one step; false once the bound is exceeded. The error then wins over
  // everything and names the whole expression, since no one part is to blame.
  bool step()
  {
    if (m_too_costly)
      return false;
    if (++m_steps > m_options.max_steps) {
      too_many_steps();
      return false;
    }
    return true;
  }
  // The step bound's error, out of line: `step` runs for every node.
  [[gnu::cold]] [[gnu::noinline]] void too_many_steps()
  {
    m_too_costly =
        EvalError{"expr-too-costly", fmt::format("evaluation needs more than {} steps", m_options.max_steps),
                  where(*m_root)};
  }

  // Counts `bytes` of values built or copied at `place`; false once the total exceeds
  // k_max_built_bytes. Like the step bound, the error then wins over everything, but it
  // names the expression that would build past the budget.
  bool charge(std::size_t bytes, const Place& place)
  {
    if (m_too_costly)
      return false;
    m_built_bytes += bytes;
    if (m_built_bytes > k_max_built_bytes) {
      too_many_bytes(place);
      return false;
    }
    return true;
  }
  [[gnu::cold]] [[gnu::noinline]] void too_many_bytes(const Place& place)
  {
    m_too_costly =
        EvalError{"expr-too-costly",
                  fmt::format("evaluation builds more than {} bytes of values in total", k_max_built_bytes),
                  locate(place)};
  }

  [[nodiscard]] Out costly() const { return fail("expr-too-costly", "", {}); }

  // A part of `parent`: borrowed if the parent is borrowed, else copied (the parent's
  // owned value dies with it) and counted against the budget.
  // `lazy`: the node whose path the part's path is, when it is built lazily.
  Out part(const FlatNode& node, const Out& parent, const Value& v, std::string path,
           const FlatNode* lazy = nullptr)
  {
    if (parent.ref)
      return borrow(v, std::move(path), lazy);
    if (!charge(footprint(v), node))
      return costly();
    return make(v, std::move(path), lazy);
  }

  // `part` with the lazy path of `lazy`: no path string is built.
  Out part_lazy(const FlatNode& node, const Out& parent, const Value& v, const FlatNode* lazy)
  {
    if (parent.ref) {
      Out out;
      out.ref = &v;
      out.lazy = lazy;
      return out;
    }
    if (!charge(footprint(v), node))
      return costly();
    Out out = make(v);
    out.lazy = lazy;
    return out;
  }

  // The fact path of a result (see `Out`).
  std::string path_of(const Out& out) const { return out.lazy != nullptr ? path_of(*out.lazy) : out.path(); }

  // The fact path of an identifier, or of a field selected from one (a lazy `Out`).
  std::string path_of(const FlatNode& node) const
  {
    if (node.kind == NodeKind::select)
      return child_path(path_of(first(node)), node.name());
    if (node.slot >= 0)
      return path_of(m_locals[static_cast<std::size_t>(node.slot)]);
    const std::string_view id = node.name();
    if (m_options.variable_value != nullptr && !m_options.variable.empty() && id == m_options.variable)
      return m_options.variable_path;
    auto alias = m_options.variable_paths.find(std::string(id));
    return alias != m_options.variable_paths.end() ? alias->second : std::string(id);
  }

  // The fact path of a macro variable's item: `plan.replicas[1]`, or empty for an item of
  // a computed list.
  std::string path_of(const Local& local) const
  {
    const Out& range = *local.range;
    if (local.index < range.item_paths().size())
      return range.item_paths()[local.index];
    std::string base = path_of(range);
    return base.empty() ? std::string() : fmt::format("{}[{}]", base, local.index);
  }

  Out eval(const FlatNode& node)
  {
    // One named result, returned on every path, so that it is built in place.
    Out out = step() ? dispatch(node) : fail("expr-too-costly", "", node);
    // A double-typed fact given as an integer (70 for 70.0) reads as a double, so
    // `latency / 3` divides as the checker's types promise.
    if ((node.flags & FlatNode::k_decimal) != 0 && !out.failed() &&
        out.value().kind() == Value::Kind::integer) {
      Value d = Value::decimal(out.value().as_double());
      d.origin = out.value().origin;
      out.owned.emplace(std::move(d));
      out.ref = nullptr;
    }
    return out;
  }

  // The one switch over node kinds (`visit_node`), on a record.
  Out dispatch(const FlatNode& node) { return visit_node(*this, node); }

  template <typename Visitor, typename NodeType>
  friend decltype(auto) expr::visit_node(Visitor& visitor, NodeType& node);

  Out unknown(const FlatNode& node) const { return fail("expr-type", "unsupported expression", node); }

  Out literal(const FlatNode& node)
  {
    const Value* value = node.value();
    return value != nullptr ? borrow(*value) : fail("expr-type", "a literal without a value", node);
  }

  Out list(const FlatNode& node)
  {
    if (const Value* constant = node.value(); constant != nullptr) {
      // The steps and bytes of building it, without building it (its reader only reads it);
      // built below when a bound would be reached, for the error it gives.
      if (!m_too_costly && m_steps + node.children <= m_options.max_steps &&
          m_built_bytes + node.constant_bytes() <= k_max_built_bytes) {
        m_steps += node.children;
        m_built_bytes += node.constant_bytes();
        return borrow(*constant);
      }
    }
    Value::List items;
    for (const FlatNode& item_node : children(node)) {
      Out item = eval(item_node);
      if (item.failed())
        return item;
      if (!charge(footprint(item.value()), node))
        return costly();
      items.push_back(item.value());
    }
    return make(Value::list(std::move(items)));
  }

  // The value of the fact path chain `node` (`Node::fact`) in the bindings, looked up once per
  // cache; nullptr when the chain is not all there (the node's own evaluation then says why).
  const Value* fact_value(const FlatNode& node)
  {
    FactCache& cache = *m_options.cache;
    const Value* v = cache.find(node.fact);
    if (v == nullptr) {
      if (node.kind == NodeKind::identifier) {
        auto it = m_bindings.find(node.name());
        v = it != m_bindings.end() ? &it->second : nullptr;
      } else {
        const Value* parent = fact_value(first(node));
        v = parent != nullptr && parent->kind() == Value::Kind::map ? parent->field(node.name()) : nullptr;
      }
      cache.set(node.fact, v != nullptr ? v : FactCache::missing());
      return v;
    }
    return v != FactCache::missing() ? v : nullptr;
  }

  // The value of `node`, a fact path chain, from the cache, counting a step for each node of
  // the chain below `node` (which the caller has counted); nullptr when the node must be
  // evaluated instead: no cache, the chain starts at the `for_each` variable, it is not all
  // there, or the step bound would be reached on the way.
  const Value* cached(const FlatNode& node)
  {
    if (m_options.cache == nullptr)
      return nullptr;
    const auto below = static_cast<std::size_t>(node.fact_depth - 1);
    if (m_steps + below > m_options.max_steps)
      return nullptr;
    if (m_options.variable_value != nullptr && !m_options.variable.empty()) {
      const FlatNode* root = &node;
      while (root->kind == NodeKind::select)
        root = &first(*root);
      if (root->name() == m_options.variable)
        return nullptr;
    }
    const Value* v = fact_value(node);
    if (v != nullptr)
      m_steps += below;
    return v;
  }

  Out identifier(const FlatNode& node)
  {
    Out out;
    out.lazy = &node;
    if (node.fact >= 0) {
      if (const Value* v = cached(node)) {
        out.ref = v;
        return out;
      }
    }
    if (node.slot >= 0) {
      out.ref = m_locals[static_cast<std::size_t>(node.slot)].value;
      return out;
    }
    if (m_options.variable_value != nullptr && !m_options.variable.empty() &&
        node.name() == m_options.variable) {
      out.ref = m_options.variable_value;
      return out;
    }
    auto it = m_bindings.find(node.name());
    if (it == m_bindings.end()) {
      std::string path = path_of(node);
      return make(Value::unknown({path}), path);
    }
    out.ref = &it->second;
    return out;
  }

  // `operand.name` (or `operand["name"]`) at run time. The result's path is lazy (that of
  // `node`) when `node` is a selection from an operand with a lazy path.
  Out field(const FlatNode& node, const Out& operand, std::string_view name)
  {
    const Value& v = operand.value();
    switch (v.kind()) {
    case Value::Kind::unknown: {
      if (v.missing().size() != 1)
        return make(v);
      const std::string parent = path_of(operand);
      if (is_missing_fact(v, parent)) {
        std::string path = child_path(parent, name);
        return make(Value::unknown({path}), path);
      }
      return make(v);
    }
    case Value::Kind::null: { // an empty section: its fields are missing
      std::string path = child_path(path_of(operand), name);
      return make(Value::unknown({path}), path);
    }
    case Value::Kind::map:
      if (const Value* f = v.field(name)) {
        // Lazy only when the operand's path is that of this selection's operand node (a
        // `?:` passes on the result, and the path, of one of its branches).
        if (operand.lazy != nullptr && node.kind == NodeKind::select && operand.lazy == &first(node))
          return part_lazy(node, operand, *f, &node);
        return part(node, operand, *f, child_path(path_of(operand), name));
      }
      {
        std::string path = child_path(path_of(operand), name);
        return make(Value::unknown({path}), path);
      }
    default:
      return fail("expr-type", fmt::format("cannot select field '{}' of {}", name, a_kind(v)), node);
    }
  }

  Out select(const FlatNode& node)
  {
    if (node.fact >= 0) {
      if (const Value* v = cached(node)) {
        Out out;
        out.ref = v;
        out.lazy = &node;
        return out;
      }
    }
    Out operand = eval(first(node));
    if (operand.failed())
      return operand;
    return field(node, operand, node.name());
  }

  Out index(const FlatNode& node)
  {
    const FlatNode& key_node = child(node, 1);
    Out operand = eval(first(node));
    Out key = eval(key_node);
    if (operand.unknown() || key.unknown()) {
      std::vector<std::string> missing;
      if (!operand.failed())
        runtime::collect_missing(operand.value(), missing);
      if (!key.failed())
        runtime::collect_missing(key.value(), missing);
      return make(Value::unknown(std::move(missing)));
    }
    if (operand.failed())
      return operand;
    if (key.failed())
      return key;
    const Value& v = operand.value();
    const Value& k = key.value();
    if (v.kind() == Value::Kind::list) {
      if (k.kind() != Value::Kind::integer)
        return fail("expr-type", fmt::format("a list index must be an int, found {}", a_kind(k)), key_node);
      const auto& items = v.as_list();
      const std::int64_t i = k.as_int();
      if (i < 0 || static_cast<std::uint64_t>(i) >= items.size())
        return fail("expr-index",
                    fmt::format("index {} is out of range for a list of {} item{}", i, items.size(),
                                items.size() == 1 ? "" : "s"),
                    node);
      const auto u = static_cast<std::size_t>(i);
      std::string path;
      if (u < operand.item_paths().size())
        path = operand.item_paths()[u];
      else if (std::string base = path_of(operand); !base.empty())
        path = fmt::format("{}[{}]", base, i);
      return part(node, operand, items[u], std::move(path));
    }
    if (v.kind() == Value::Kind::map || v.kind() == Value::Kind::null) {
      if (k.kind() != Value::Kind::string)
        return fail("expr-type", fmt::format("a field name must be a string, found {}", a_kind(k)), key_node);
      return field(node, operand, k.as_string());
    }
    return fail("expr-type", fmt::format("cannot index {}", a_kind(v)), node);
  }

  Out unary(const FlatNode& node)
  {
    Out operand = eval(first(node));
    if (operand.failed())
      return operand;
    if (operand.unknown())
      return make(operand.value());
    const Value& v = operand.value();
    if (node.op == Operator::logical_not) {
      if (v.kind() != Value::Kind::boolean)
        return fail("expr-type", fmt::format("'!' needs a bool, found {}", a_kind(v)), first(node));
      return boolean(!v.as_bool());
    }
    if (v.kind() == Value::Kind::integer) {
      if (v.as_int() == std::numeric_limits<std::int64_t>::min())
        return fail("expr-overflow",
                    fmt::format("integer overflow: -({}) does not fit in 64 bits", v.as_int()), node);
      return make(Value::integer(-v.as_int()));
    }
    if (v.kind() == Value::Kind::decimal)
      return make(Value::decimal(-v.as_double()));
    return fail("expr-type", fmt::format("'-' needs a number, found {}", a_kind(v)), first(node));
  }

  Out logical(const FlatNode& node)
  {
    const Operator op = node.op;
    const bool decisive = op == Operator::logical_or; // the value that ends the evaluation
    std::vector<std::string> missing;
    bool unknown = false;
    std::optional<EvalError> first_error;
    for (const FlatNode& operand_node : children(node)) {
      Out operand = eval(operand_node);
      if (m_too_costly)
        return operand;
      if (operand.failed()) {
        if (!first_error)
          first_error = std::move(operand.error());
        continue;
      }
      const Value& v = operand.value();
      if (v.is_unknown()) {
        unknown = true;
        runtime::collect_missing(v, missing);
      } else if (v.kind() != Value::Kind::boolean) {
        if (!first_error)
          first_error = EvalError{"expr-type",
                                  fmt::format("'{}' needs bool operands, found {}", to_string(op), a_kind(v)),
                                  where(operand_node)};
      } else if (v.as_bool() == decisive) {
        return boolean(decisive);
      }
    }
    if (unknown)
      return make(Value::unknown(std::move(missing)));
    if (first_error)
      return failure(std::move(*first_error));
    return boolean(!decisive);
  }

  Out binary(const FlatNode& node)
  {
    if (node.op == Operator::logical_and || node.op == Operator::logical_or)
      return logical(node);
    return chain(node);
  }

  // The operators of one precedence level other than `&&` and `||`, left to right. Every
  // path returns `acc`, so that it is built in place.
  Out chain(const FlatNode& node)
  {
    const FlatNode& lhs_node = first(node);
    Out acc = eval(lhs_node);
    bool past_first = false;
    for (const FlatNode& rhs_node : children(node)) {
      if (!past_first) {
        past_first = true;
        continue;
      }
      Out rhs = eval(rhs_node);
      if (m_too_costly) {
        acc = std::move(rhs);
        break;
      }
      if (acc.unknown() || rhs.unknown()) {
        std::vector<std::string> missing;
        if (!acc.failed())
          runtime::collect_missing(acc.value(), missing);
        if (!rhs.failed())
          runtime::collect_missing(rhs.value(), missing);
        acc = make(Value::unknown(std::move(missing)));
        continue;
      }
      if (acc.failed())
        continue;
      if (rhs.failed()) {
        acc = std::move(rhs);
        continue;
      }
      acc = apply(rhs_node.before, acc.value(), rhs.value(), Place(lhs_node, rhs_node));
    }
    return acc;
  }

  // A value past the size bounds (program.hpp): what it would be, and the limit.
  [[nodiscard]] Out too_large(const std::string& what, const std::string& limit, const Place& where) const
  {
    return fail("expr-too-costly", fmt::format("the result would be {}; the limit is {}", what, limit),
                where);
  }

  [[nodiscard]] Out overflow(const Value& a, const Value& b, Operator op, const Place& where) const
  {
    return fail(
        "expr-overflow",
        fmt::format(
            "{} overflow: {} {} {} does not fit in {}",
            a.kind() == Value::Kind::integer && b.kind() == Value::Kind::integer ? "integer" : "double",
            a.to_string(), to_string(op), b.to_string(),
            a.kind() == Value::Kind::integer && b.kind() == Value::Kind::integer ? "64 bits" : "a double"),
        where);
  }

  [[nodiscard]] Out type_error(const char* verb, const Value& a, const Value& b, Operator op,
                               const Place& where) const
  {
    return fail("expr-type",
                fmt::format("cannot {} {} and {} with '{}'", verb, to_string(a.kind()), to_string(b.kind()),
                            to_string(op)),
                where);
  }

  [[nodiscard]] Out arithmetic(Operator op, const Value& a, const Value& b, const Place& where) const
  {
    const char* verb = op == Operator::add        ? "add"
                       : op == Operator::subtract ? "subtract"
                       : op == Operator::multiply ? "multiply"
                       : op == Operator::divide   ? "divide"
                                                  : "take the remainder of";
    if (!is_number(a) || !is_number(b))
      return type_error(verb, a, b, op, where);
    if (op == Operator::modulo) {
      if (a.kind() != Value::Kind::integer || b.kind() != Value::Kind::integer)
        return fail("expr-type",
                    fmt::format("'%' needs ints, found {} and {}", to_string(a.kind()), to_string(b.kind())),
                    where);
      if (b.as_int() == 0)
        return fail("expr-division-by-zero", fmt::format("modulo by zero: {} % 0", a.as_int()), where);
      if (b.as_int() == -1)
        return make(Value::integer(0)); // INT64_MIN % -1 would trap
      return make(Value::integer(a.as_int() % b.as_int()));
    }
    if (op == Operator::divide && ((b.kind() == Value::Kind::integer && b.as_int() == 0) ||
                                   (b.kind() == Value::Kind::decimal && b.as_double() == 0.0)))
      return fail("expr-division-by-zero",
                  fmt::format("division by zero: {} / {}", a.to_string(), b.to_string()), where);
    if (a.kind() == Value::Kind::integer && b.kind() == Value::Kind::integer) {
      const std::int64_t x = a.as_int();
      const std::int64_t y = b.as_int();
      std::int64_t r = 0;
      bool overflowed = false;
      switch (op) {
      case Operator::add:
        overflowed = __builtin_add_overflow(x, y, &r);
        break;
      case Operator::subtract:
        overflowed = __builtin_sub_overflow(x, y, &r);
        break;
      case Operator::multiply:
        overflowed = __builtin_mul_overflow(x, y, &r);
        break;
      default: // divide
        overflowed = x == std::numeric_limits<std::int64_t>::min() && y == -1;
        if (!overflowed)
          r = x / y;
        break;
      }
      if (overflowed)
        return overflow(a, b, op, where);
      return make(Value::integer(r));
    }
    const double x = a.as_double();
    const double y = b.as_double();
    double r = 0.0;
    switch (op) {
    case Operator::add:
      r = x + y;
      break;
    case Operator::subtract:
      r = x - y;
      break;
    case Operator::multiply:
      r = x * y;
      break;
    default:
      r = x / y;
      break;
    }
    if (!std::isfinite(r))
      return overflow(a, b, op, where);
    return make(Value::decimal(r));
  }

  Out apply(Operator op, const Value& a, const Value& b, const Place& where)
  {
    switch (op) {
    case Operator::add:
      if (a.kind() == Value::Kind::string && b.kind() == Value::Kind::string) {
        const std::size_t size = a.as_string().size() + b.as_string().size();
        if (size > k_max_string_bytes)
          return too_large(fmt::format("a string of {} bytes", size),
                           fmt::format("{} bytes", k_max_string_bytes), where);
        if (!charge(sizeof(Value) + size, where))
          return costly();
        return make(Value::string(a.as_string() + b.as_string()));
      }
      if (a.kind() == Value::Kind::list && b.kind() == Value::Kind::list) {
        if (const std::size_t size = a.as_list().size() + b.as_list().size(); size > k_max_list_items)
          return too_large(fmt::format("a list of {} items", size), fmt::format("{} items", k_max_list_items),
                           where);
        if (!charge(footprint(a) + footprint(b), where))
          return costly();
        Value::List items = a.as_list();
        items.insert(items.end(), b.as_list().begin(), b.as_list().end());
        return make(Value::list(std::move(items)));
      }
      return arithmetic(op, a, b, where);
    case Operator::subtract:
    case Operator::multiply:
    case Operator::divide:
    case Operator::modulo:
      return arithmetic(op, a, b, where);
    case Operator::less:
    case Operator::less_equal:
    case Operator::greater:
    case Operator::greater_equal: {
      std::partial_ordering order = std::partial_ordering::unordered;
      if (is_number(a) && is_number(b))
        order = runtime::compare_numbers(a, b);
      else if (a.kind() == Value::Kind::string && b.kind() == Value::Kind::string)
        order = a.as_string().compare(b.as_string()) <=> 0;
      else
        return type_error("compare", a, b, op, where);
      bool r = false;
      if (op == Operator::less)
        r = order == std::partial_ordering::less;
      else if (op == Operator::less_equal)
        r = order == std::partial_ordering::less || order == std::partial_ordering::equivalent;
      else if (op == Operator::greater)
        r = order == std::partial_ordering::greater;
      else
        r = order == std::partial_ordering::greater || order == std::partial_ordering::equivalent;
      return boolean(r);
    }
    case Operator::equal:
    case Operator::not_equal: {
      std::vector<std::string> missing;
      const Truth t = runtime::equal(a, b, missing);
      if (t == Truth::unknown)
        return make(Value::unknown(std::move(missing)));
      return boolean((t == Truth::yes) == (op == Operator::equal));
    }
    case Operator::in: {
      if (b.kind() == Value::Kind::list) {
        std::vector<std::string> missing;
        const Truth t = runtime::contains(b.as_list(), a, missing);
        if (t == Truth::unknown)
          return make(Value::unknown(std::move(missing)));
        return boolean(t == Truth::yes);
      }
      if (b.kind() == Value::Kind::map) {
        if (a.kind() != Value::Kind::string)
          return fail("expr-type", fmt::format("a field name must be a string, found {}", a_kind(a)), where);
        return boolean(b.field(a.as_string()) != nullptr);
      }
      return fail("expr-type", fmt::format("'in' needs a list or a map on the right, found {}", a_kind(b)),
                  where);
    }
    default:
      return fail("expr-type", fmt::format("unsupported operator '{}'", to_string(op)), where);
    }
  }

  Out conditional(const FlatNode& node)
  {
    Out cond = eval(first(node));
    if (cond.failed())
      return cond;
    const Value& c = cond.value();
    if (c.is_unknown())
      return make(c);
    if (c.kind() != Value::Kind::boolean)
      return fail("expr-type", fmt::format("the condition of '?:' must be a bool, found {}", a_kind(c)),
                  first(node));
    return eval(child(node, c.as_bool() ? 1 : 2));
  }

  Out call(const FlatNode& node)
  {
    if (node.macro == Macro::has)
      return has(node);
    if (node.macro != Macro::none)
      return comprehension(node);
    if ((node.flags & FlatNode::k_size_of_filter) != 0)
      return size_of_filter(node);
    std::vector<Out> args;
    args.reserve(node.children);
    std::vector<std::string> missing;
    bool unknown = false;
    for (const FlatNode& arg : children(node)) {
      args.push_back(eval(arg));
      if (m_too_costly)
        return std::move(args.back());
      if (args.back().unknown()) {
        unknown = true;
        runtime::collect_missing(args.back().value(), missing);
      }
    }
    if (unknown)
      return make(Value::unknown(std::move(missing)));
    for (auto& a : args)
      if (a.failed())
        return std::move(a);
    std::vector<const Value*> values;
    for (const auto& a : args)
      values.push_back(&a.value());
    const Builtin& b = *node.builtin();
    for (std::size_t o = 0; o < b.overloads.size(); ++o) {
      const Overload& overload = b.overloads[o];
      const std::size_t n = values.size();
      if (overload.arity == Arity::fixed ? overload.params.size() != n : n < overload.params.size())
        continue;
      bool ok = true;
      for (std::size_t i = 0; i < n && ok; ++i)
        ok = accepts(overload.params[std::min(i, overload.params.size() - 1)], *values[i]);
      if (!ok)
        continue;
      BuiltinResult r = b.impl(values, o);
      if (!r.code.empty())
        return fail(std::move(r.code), std::move(r.message), node);
      if (r.value.kind() == Value::Kind::string && r.value.as_string().size() > k_max_string_bytes)
        return too_large(fmt::format("a string of {} bytes", r.value.as_string().size()),
                         fmt::format("{} bytes", k_max_string_bytes), node);
      if (!charge(footprint(r.value), node))
        return costly();
      if (r.value.kind() == Value::Kind::boolean && !r.value.origin.has_file() &&
          !r.value.origin.has_position() && r.value.origin == diag::Location{})
        return boolean(r.value.as_bool()); // the same value, borrowed
      return make(std::move(r.value));
    }
    std::vector<std::string> kinds;
    for (const Value* v : values)
      kinds.emplace_back(to_string(v->kind()));
    return fail("expr-type", mismatch_message(b, kinds), node);
  }

  Out has(const FlatNode& node)
  {
    const FlatNode& selection = first(node);
    Out operand = eval(first(selection));
    if (operand.failed())
      return operand;
    const Value& v = operand.value();
    if (v.is_unknown() || v.kind() == Value::Kind::null)
      return boolean(false);
    if (v.kind() != Value::Kind::map)
      return fail("expr-type",
                  fmt::format("has() cannot look for field '{}' in {}", selection.name(), a_kind(v)),
                  selection);
    const Value* f = v.field(selection.name());
    return boolean(f != nullptr && !f->is_unknown());
  }

  // `size(l.filter(x, p))` (or `l.filter(x, p).size()`): the kept items counted, not copied. The
  // same steps, budget, unknowns and errors as building the list and taking its size.
  Out size_of_filter(const FlatNode& node)
  {
    const FlatNode& filter = first(node);
    if (!step()) // what eval() of the filter node counts
      return fail("expr-too-costly", "", filter);
    std::size_t kept = 0;
    Out items = comprehension(filter, &kept);
    if (m_too_costly || items.failed())
      return items;        // as call() gives its one argument's failure
    if (items.unknown()) { // as call() gives an unknown argument: a new value with its missing facts
      std::vector<std::string> missing;
      runtime::collect_missing(items.value(), missing);
      return make(Value::unknown(std::move(missing)));
    }
    Value count = Value::integer(static_cast<std::int64_t>(kept));
    if (!charge(footprint(count), node))
      return costly();
    return make(std::move(count));
  }

  // A macro call. For filter() with `count`: the kept items are counted there, not copied
  // (their bytes are still charged), and the result's value is an empty list.
  Out comprehension(const FlatNode& node, std::size_t* count_kept = nullptr)
  {
    const FlatNode& range_node = first(node);
    Out range = eval(range_node);
    if (range.failed())
      return range;
    const Value& r = range.value();
    if (r.is_unknown())
      return make(r);
    if (r.kind() != Value::Kind::list)
      return fail("expr-type", fmt::format("{}() needs a list, found {}", call_name(node), a_kind(r)),
                  range_node);
    const auto& items = r.as_list();
    const bool is_map = node.macro == Macro::map;
    const bool has_predicate = !is_map || node.children == 4;
    const FlatNode* predicate = has_predicate ? &child(node, 2) : nullptr;
    const FlatNode* transform = is_map ? &child(node, node.children - 1) : nullptr;
    Local& local = m_locals[static_cast<std::size_t>(node.slot)];
    const Local saved = local;
    local.range = &range;

    std::vector<std::string> missing;
    bool unknown = false;
    std::optional<EvalError> first_error;
    std::size_t count = 0;
    Value::List kept;
    std::vector<std::string> kept_paths;
    std::optional<Out> early;

    for (std::size_t i = 0; i < items.size() && !early; ++i) {
      if (!step())
        break;
      local.value = &items[i];
      local.index = i;
      std::optional<bool> holds = true;
      if (predicate) {
        Out p = eval(*predicate);
        if (m_too_costly)
          break;
        if (p.failed()) {
          if (!first_error)
            first_error = std::move(p.error());
          holds.reset();
        } else if (p.value().is_unknown()) {
          unknown = true;
          runtime::collect_missing(p.value(), missing);
          holds.reset();
        } else if (p.value().kind() != Value::Kind::boolean) {
          if (!first_error)
            first_error = EvalError{"expr-type",
                                    fmt::format("the condition of {}() must be a bool, found {}",
                                                call_name(node), a_kind(p.value())),
                                    where(*predicate)};
          holds.reset();
        } else {
          holds = p.value().as_bool();
        }
      }
      if (!holds)
        continue;
      switch (node.macro) {
      case Macro::exists:
        if (*holds)
          early = boolean(true);
        break;
      case Macro::all:
        if (!*holds)
          early = boolean(false);
        break;
      case Macro::exists_one:
        if (*holds && ++count > 1)
          early = boolean(false);
        break;
      case Macro::filter:
        if (*holds) {
          if (!charge(footprint(items[i]), node))
            break;
          if (count_kept != nullptr) {
            ++*count_kept;
            break;
          }
          kept.push_back(items[i]);
          kept_paths.push_back(path_of(local));
        }
        break;
      default: // map
        if (*holds) {
          Out t = eval(*transform);
          if (m_too_costly)
            break;
          if (t.failed()) {
            if (!first_error)
              first_error = std::move(t.error());
          } else if (charge(footprint(t.value()), node)) {
            kept.push_back(t.value());
          }
        }
        break;
      }
    }
    local = saved;
    if (m_too_costly)
      return fail("expr-too-costly", "", node);
    if (early)
      return std::move(*early);
    if (unknown)
      return make(Value::unknown(std::move(missing)));
    if (first_error)
      return failure(std::move(*first_error));
    switch (node.macro) {
    case Macro::exists:
      return boolean(false);
    case Macro::all:
      return boolean(true);
    case Macro::exists_one:
      return boolean(count == 1);
    case Macro::filter: {
      Out out = make(Value::list(std::move(kept)));
      out.more().item_paths = std::move(kept_paths);
      return out;
    }
    default:
      return make(Value::list(std::move(kept)));
    }
  }
};

} // namespace

BorrowedResult evaluate_tree(const Program& program, const FlatTree& tree, const Bindings& bindings,
                             const EvalOptions& options)
{
  return Evaluator(program, tree, bindings, options).run();
}

} // namespace ghes_topology::expr
