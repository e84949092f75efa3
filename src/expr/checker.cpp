// SPDX-License-Identifier: Apache-2.0
// Static checker: names, types, enumeration values, GHES version literals, fact paths.
#include "ghes_topology/expr/checker.hpp"

#include "ghes_topology/diag/suggest.hpp"
#include "ghes_topology/expr/builtins.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace ghes_topology::expr {
namespace {

using Kind = Type::Kind;

// The type of a node that already failed: it matches everything, so one mistake
// is reported once (pointer identity distinguishes it from `dyn`).
const TypePtr& error_type()
{
  static const TypePtr k_type = std::make_shared<Type>();
  return k_type;
}

bool is_error(const TypePtr& t)
{
  return t.get() == error_type().get();
}

bool is_number(const Type& t)
{
  return t.kind == Kind::integer || t.kind == Kind::decimal;
}

bool is_dyn(const Type& t)
{
  return t.kind == Kind::dyn;
}

// "an int", "a string", "a list(int)", "a network".
std::string a_type(const Type& t)
{
  const std::string name = to_string(t);
  if (t.kind == Kind::integer)
    return "an int";
  if (t.kind == Kind::null)
    return "null";
  if (t.kind == Kind::dyn)
    return "a dyn";
  return "a " + name;
}

// The type two values of types `a` and `b` share: the type itself when equal,
// `dyn` otherwise (so `[1, 2.5]` is a list(dyn), as in CEL).
TypePtr unify(const TypePtr& a, const TypePtr& b)
{
  if (is_error(a) || is_error(b))
    return error_type();
  if (a == b)
    return a;
  if (a->kind != b->kind)
    return Type::dyn();
  switch (a->kind) {
  case Kind::dyn:
  case Kind::null:
  case Kind::boolean:
  case Kind::integer:
  case Kind::decimal:
    return a;
  case Kind::string:
    return a->values == b->values ? a : Type::string();
  case Kind::list:
    return Type::list(unify(a->element, b->element));
  case Kind::object:
    return Type::dyn();
  }
  return Type::dyn();
}

// Whether `==` between the two types can ever be meaningful.
bool comparable(const Type& a, const Type& b)
{
  if (is_dyn(a) || is_dyn(b) || a.kind == Kind::null || b.kind == Kind::null)
    return true;
  if (is_number(a) && is_number(b))
    return true;
  if (a.kind != b.kind)
    return false;
  if (a.kind == Kind::list)
    return comparable(*a.element, *b.element);
  return true;
}

std::string join_words(const std::vector<std::string>& words, std::string_view last_separator)
{
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0)
      out += (i + 1 == words.size()) ? std::string(last_separator) : std::string(", ");
    out += words[i];
  }
  return out;
}

diag::Location join(const diag::Location& first, const diag::Location& last)
{
  diag::Location where = first;
  where.end_line = last.end_line;
  where.end_column = last.end_column;
  return where;
}

// What the checker knows about a sub-expression besides its type.
struct Info
{
  TypePtr type;
  std::string fact;    // generic fact path (`plan.replicas.latency_ms`), empty if not a fact
  std::string display; // the path as written (`r.latency_ms`, `plan.replicas[0]`), for messages
};

class Checker
{
public:
  Checker(const TypeEnv& env, const CompileOptions& options, diag::DiagnosticBag& bag)
      : m_env(env)
      , m_options(options)
      , m_bag(bag)
  {}

  std::optional<CheckResult> run(Node& root)
  {
    const std::size_t errors_before = m_bag.error_count();
    Info info = visit(root);
    if (m_options.expect == Expect::boolean && !is_error(info.type) && info.type->kind != Kind::boolean &&
        !is_dyn(*info.type))
      report("expr-type", fmt::format("a condition must be a bool, found {}", a_type(*info.type)),
             root.where);
    if (m_bag.error_count() != errors_before)
      return std::nullopt;
    CheckResult result;
    result.type = info.type;
    result.fact_paths = fact_paths();
    result.slots = m_max_slots;
    return result;
  }

private:
  struct Local
  {
    std::string name;
    TypePtr type;
    std::string fact;
  };

  const TypeEnv& m_env;
  const CompileOptions& m_options;
  diag::DiagnosticBag& m_bag;
  std::vector<Local> m_scope;
  int m_max_slots = 0;
  std::set<std::string> m_facts;

  diag::Diagnostic& report(std::string code, std::string message, const diag::Location& where)
  {
    return m_bag.error(std::move(code), std::move(message), where);
  }

  Info failed(Node& node)
  {
    node.type = error_type();
    return Info{error_type(), {}, {}};
  }

  Info typed(Node& node, TypePtr type, std::string fact = {}, std::string display = {})
  {
    node.type = type;
    if (!fact.empty())
      m_facts.insert(fact);
    return Info{std::move(type), std::move(fact), std::move(display)};
  }

  std::vector<std::string> fact_paths() const
  {
    std::vector<std::string> kept;
    for (const auto& path : m_facts) {
      const std::string root = path.substr(0, path.find('.'));
      if (std::find(m_options.non_fact_roots.begin(), m_options.non_fact_roots.end(), root) !=
          m_options.non_fact_roots.end())
        continue;
      // Keep the deepest paths: `network` is implied by `network.dns_ttl_seconds`.
      const std::string prefix = path + ".";
      auto next = m_facts.lower_bound(prefix);
      if (next != m_facts.end() && next->compare(0, prefix.size(), prefix) == 0)
        continue;
      kept.push_back(path);
    }
    return kept;
  }

  Info visit(Node& node) { return visit_node(*this, node); }

  template <typename Visitor, typename NodeType>
  friend decltype(auto) expr::visit_node(Visitor& visitor, NodeType& node);

  Info literal(Node& node) { return typed(node, literal_type(*node.value)); }

  Info unknown(Node& node) { return failed(node); }

  static TypePtr literal_type(const Value& v)
  {
    switch (v.kind()) {
    case Value::Kind::boolean:
      return Type::boolean();
    case Value::Kind::integer:
      return Type::integer();
    case Value::Kind::decimal:
      return Type::decimal();
    case Value::Kind::string:
      return Type::string();
    case Value::Kind::null:
      return Type::null();
    default:
      return Type::dyn();
    }
  }

  Info list(Node& node)
  {
    TypePtr element;
    bool bad = false;
    for (auto& child : node.children) {
      Info info = visit(*child);
      if (is_error(info.type))
        bad = true;
      else
        element = element ? unify(element, info.type) : info.type;
    }
    if (bad)
      return failed(node);
    return typed(node, Type::list(element ? element : Type::dyn()));
  }

  Info identifier(Node& node)
  {
    for (std::size_t i = m_scope.size(); i-- > 0;) {
      if (m_scope[i].name == node.name) {
        node.slot = static_cast<int>(i);
        return typed(node, m_scope[i].type, m_scope[i].fact, node.name);
      }
    }
    auto it = m_env.find(node.name);
    if (it != m_env.end()) {
      auto alias = m_options.variable_paths.find(node.name);
      std::string fact = alias != m_options.variable_paths.end() ? alias->second : node.name;
      return typed(node, it->second ? it->second : Type::dyn(), std::move(fact), node.name);
    }
    std::vector<std::string> candidates;
    for (const auto& local : m_scope)
      candidates.push_back(local.name);
    for (const auto& [name, type] : m_env)
      candidates.push_back(name);
    const std::string suggestion = diag::closest_match(node.name, candidates);
    if (!suggestion.empty()) {
      report("expr-unknown-variable",
             fmt::format("unknown variable '{}' (did you mean '{}'?)", node.name, suggestion),
             node.name_where());
    } else {
      auto& d =
          report("expr-unknown-variable", fmt::format("unknown variable '{}'", node.name), node.name_where());
      d.expected = "one of " + join_words(candidates, ", ");
    }
    return failed(node);
  }

  // `operand.name` where the operand has `info`; `where` is the field name token.
  Info field(Node& node, const Info& info, const std::string& name, const diag::Location& where)
  {
    const Type& t = *info.type;
    const std::string path = info.display.empty() ? name : info.display + "." + name;
    const std::string fact = info.fact.empty() ? std::string() : info.fact + "." + name;
    switch (t.kind) {
    case Kind::dyn:
      return typed(node, Type::dyn(), fact, path);
    case Kind::object: {
      auto it = t.fields.find(name);
      if (it != t.fields.end())
        return typed(node, it->second ? it->second : Type::dyn(), fact, path);
      std::vector<std::string> names;
      for (const auto& [field_name, field_type] : t.fields)
        names.push_back(field_name);
      const std::string suggestion = diag::closest_match(name, names);
      if (!suggestion.empty()) {
        const std::string suggested = info.display.empty() ? suggestion : info.display + "." + suggestion;
        report("expr-unknown-field", fmt::format("unknown field '{}' (did you mean '{}'?)", path, suggested),
               where);
      } else {
        auto& d = report("expr-unknown-field", fmt::format("unknown field '{}'", path), where);
        if (!names.empty())
          d.expected = fmt::format("a field of '{}': {}", info.display.empty() ? t.name : info.display,
                                   join_words(names, ", "));
      }
      return failed(node);
    }
    case Kind::list:
      report(
          "expr-type",
          fmt::format("cannot select field '{}' of a list{}; use exists(), all() or map() to reach the items",
                      name, info.display.empty() ? "" : " ('" + info.display + "' is " + a_type(t) + ")"),
          where);
      return failed(node);
    default:
      report("expr-type",
             info.display.empty()
                 ? fmt::format("cannot select field '{}' of {}", name, a_type(t))
                 : fmt::format("cannot select field '{}': '{}' is {}", name, info.display, a_type(t)),
             where);
      return failed(node);
    }
  }

  Info select(Node& node)
  {
    Info operand = visit(*node.children[0]);
    if (is_error(operand.type))
      return failed(node);
    return field(node, operand, node.name, node.name_where());
  }

  Info index(Node& node)
  {
    Info operand = visit(*node.children[0]);
    Node& key = *node.children[1];
    Info key_info = visit(key);
    if (is_error(operand.type) || is_error(key_info.type))
      return failed(node);
    const Type& t = *operand.type;
    const Type& k = *key_info.type;
    const std::string display =
        operand.display.empty() ? std::string() : operand.display + "[" + to_string(key) + "]";
    switch (t.kind) {
    case Kind::dyn:
      return typed(node, Type::dyn());
    case Kind::list:
      if (k.kind != Kind::integer && !is_dyn(k)) {
        report("expr-type", fmt::format("a list index must be an int, found {}", a_type(k)), key.where);
        return failed(node);
      }
      return typed(node, t.element ? t.element : Type::dyn(), operand.fact, display);
    case Kind::object:
      if (key.kind == NodeKind::literal && key.value->kind() == Value::Kind::string)
        return field(node, operand, key.value->as_string(), key.where);
      if (k.kind == Kind::string || is_dyn(k))
        return typed(node, Type::dyn());
      report("expr-type", fmt::format("a field name must be a string, found {}", a_type(k)), key.where);
      return failed(node);
    default:
      report("expr-type", fmt::format("cannot index {}", a_type(t)), node.name_where());
      return failed(node);
    }
  }

  Info unary(Node& node)
  {
    Node& operand = *node.children[0];
    Info info = visit(operand);
    if (is_error(info.type))
      return failed(node);
    const Type& t = *info.type;
    if (node.ops.front() == Operator::logical_not) {
      if (t.kind != Kind::boolean && !is_dyn(t)) {
        report("expr-type", fmt::format("'!' needs a bool, found {}", a_type(t)), operand.where);
        return failed(node);
      }
      return typed(node, Type::boolean());
    }
    if (!is_number(t) && !is_dyn(t)) {
      report("expr-type", fmt::format("'-' needs a number, found {}", a_type(t)), operand.where);
      return failed(node);
    }
    return typed(node, is_dyn(t) ? Type::dyn() : info.type);
  }

  Info binary(Node& node)
  {
    std::vector<Info> infos;
    bool bad = false;
    for (auto& child : node.children) {
      infos.push_back(visit(*child));
      bad = bad || is_error(infos.back().type);
    }
    const Operator first = node.ops.front();
    if (first == Operator::logical_and || first == Operator::logical_or) {
      for (std::size_t i = 0; i < infos.size(); ++i) {
        const Type& t = *infos[i].type;
        if (!is_error(infos[i].type) && t.kind != Kind::boolean && !is_dyn(t)) {
          report("expr-type", fmt::format("'{}' needs bool operands, found {}", to_string(first), a_type(t)),
                 node.children[i]->where);
          bad = true;
        }
      }
      if (bad)
        return failed(node);
      return typed(node, Type::boolean());
    }
    if (bad)
      return failed(node);
    Info acc = infos[0];
    for (std::size_t i = 1; i < infos.size(); ++i) {
      const Operator op = node.ops[i - 1];
      const diag::Location where = join(node.children[0]->where, node.children[i]->where);
      TypePtr result = combine(op, acc, *node.children[i - 1], infos[i], *node.children[i], where);
      if (is_error(result))
        return failed(node);
      acc = Info{result, {}, {}};
    }
    return typed(node, acc.type);
  }

  // The type of `lhs op rhs`, or the error type after reporting.
  TypePtr combine(Operator op, const Info& lhs, const Node& lhs_node, const Info& rhs, const Node& rhs_node,
                  const diag::Location& where)
  {
    const Type& a = *lhs.type;
    const Type& b = *rhs.type;
    auto mismatch = [&](std::string_view verb) {
      report("expr-type",
             fmt::format("cannot {} {} and {} with '{}'", verb, to_string(a), to_string(b), to_string(op)),
             where);
      return error_type();
    };
    switch (op) {
    case Operator::add:
      if (is_number(a) && is_number(b))
        return a.kind == Kind::integer && b.kind == Kind::integer ? Type::integer() : Type::decimal();
      if (a.kind == Kind::string && b.kind == Kind::string)
        return Type::string();
      if (a.kind == Kind::list && b.kind == Kind::list)
        return Type::list(unify(a.element, b.element));
      if ((is_dyn(a) && addable(b)) || (is_dyn(b) && addable(a)))
        return Type::dyn();
      return mismatch("add");
    case Operator::subtract:
    case Operator::multiply:
    case Operator::divide:
      if (is_number(a) && is_number(b))
        return a.kind == Kind::integer && b.kind == Kind::integer ? Type::integer() : Type::decimal();
      if ((is_dyn(a) && (is_number(b) || is_dyn(b))) || (is_dyn(b) && is_number(a)))
        return Type::dyn();
      return mismatch(op == Operator::subtract   ? "subtract"
                      : op == Operator::multiply ? "multiply"
                                                 : "divide");
    case Operator::modulo:
      if ((a.kind == Kind::integer || is_dyn(a)) && (b.kind == Kind::integer || is_dyn(b)))
        return is_dyn(a) || is_dyn(b) ? Type::dyn() : Type::integer();
      report("expr-type", fmt::format("'%' needs ints, found {} and {}", to_string(a), to_string(b)), where);
      return error_type();
    case Operator::less:
    case Operator::less_equal:
    case Operator::greater:
    case Operator::greater_equal:
      if ((is_number(a) || is_dyn(a)) && (is_number(b) || is_dyn(b)))
        return Type::boolean();
      if ((a.kind == Kind::string || is_dyn(a)) && (b.kind == Kind::string || is_dyn(b)))
        return Type::boolean();
      return mismatch("compare");
    case Operator::equal:
    case Operator::not_equal:
      if (!comparable(a, b))
        return mismatch("compare");
      if (!check_enum(lhs, rhs_node) || !check_enum(rhs, lhs_node))
        return error_type();
      return Type::boolean();
    case Operator::in:
      return membership(lhs, lhs_node, rhs, rhs_node, where);
    default:
      return error_type();
    }
  }

  static bool addable(const Type& t)
  {
    return is_number(t) || is_dyn(t) || t.kind == Kind::string || t.kind == Kind::list;
  }

  TypePtr membership(const Info& lhs, const Node& lhs_node, const Info& rhs, const Node& rhs_node,
                     const diag::Location& where)
  {
    const Type& a = *lhs.type;
    const Type& b = *rhs.type;
    if (is_dyn(b))
      return Type::boolean();
    if (b.kind == Kind::list) {
      const TypePtr element = b.element ? b.element : Type::dyn();
      if (!comparable(a, *element)) {
        report("expr-type", fmt::format("cannot look for {} in {}", a_type(a), a_type(b)), where);
        return error_type();
      }
      bool ok = true;
      if (rhs_node.kind == NodeKind::list)
        for (const auto& item : rhs_node.children)
          ok = check_enum(lhs, *item) && ok;
      if (lhs_node.kind == NodeKind::literal)
        ok = check_enum(Info{element, {}, rhs.display.empty() ? std::string() : rhs.display + "[]"},
                        lhs_node) &&
             ok;
      return ok ? Type::boolean() : error_type();
    }
    if (b.kind == Kind::object) {
      if (a.kind != Kind::string && !is_dyn(a)) {
        report("expr-type", fmt::format("a field name must be a string, found {}", a_type(a)),
               lhs_node.where);
        return error_type();
      }
      return Type::boolean();
    }
    report("expr-type", fmt::format("'in' needs a list or a map on the right, found {}", a_type(b)),
           rhs_node.where);
    return error_type();
  }

  // Reports a string literal compared with an enumeration it is not a value of.
  bool check_enum(const Info& enum_side, const Node& literal)
  {
    const Type& t = *enum_side.type;
    if (is_error(enum_side.type) || t.kind != Kind::string || t.values.empty())
      return true;
    if (literal.kind != NodeKind::literal || literal.value->kind() != Value::Kind::string)
      return true;
    const std::string& text = literal.value->as_string();
    if (std::find(t.values.begin(), t.values.end(), text) != t.values.end())
      return true;
    const std::string subject = enum_side.display.empty() ? std::string("one of the possible values")
                                                          : "a value of '" + enum_side.display + "'";
    const std::string suggestion = diag::closest_match(text, t.values);
    const std::string message =
        suggestion.empty() ? fmt::format("'{}' is not {}", text, subject)
                           : fmt::format("'{}' is not {} (did you mean '{}'?)", text, subject, suggestion);
    auto& d = report("expr-bad-enum-value", message, literal.where);
    d.expected = "one of " + join_words(t.values, ", ");
    return false;
  }

  Info conditional(Node& node)
  {
    Info cond = visit(*node.children[0]);
    Info then_branch = visit(*node.children[1]);
    Info else_branch = visit(*node.children[2]);
    bool bad = is_error(cond.type) || is_error(then_branch.type) || is_error(else_branch.type);
    if (!is_error(cond.type) && cond.type->kind != Kind::boolean && !is_dyn(*cond.type)) {
      report("expr-type", fmt::format("the condition of '?:' must be a bool, found {}", a_type(*cond.type)),
             node.children[0]->where);
      bad = true;
    }
    if (bad)
      return failed(node);
    return typed(node, unify(then_branch.type, else_branch.type));
  }

  // "takes 1 argument", "takes 1 or 2 arguments", "takes 1 or at least 2 arguments".
  static std::string arity_text(const Builtin& b, std::size_t receiver)
  {
    std::set<std::size_t> fixed;
    std::optional<std::size_t> at_least;
    for (const auto& o : b.overloads) {
      const std::size_t n = o.params.size() - receiver;
      if (o.arity == Arity::variadic)
        at_least = std::min(at_least.value_or(n), n);
      else
        fixed.insert(n);
    }
    std::vector<std::string> words;
    for (auto n : fixed)
      if (!at_least || n < *at_least)
        words.push_back(std::to_string(n));
    if (at_least)
      words.push_back("at least " + std::to_string(*at_least));
    const bool plural = !(words.size() == 1 && words.front() == "1");
    return fmt::format("takes {} argument{}", join_words(words, " or "), plural ? "s" : "");
  }

  Info call(Node& node)
  {
    const Builtin* b = find_builtin(node.name);
    const bool method = node.style == CallStyle::method;
    if (!b) {
      std::vector<std::string> names;
      for (const auto& candidate : builtins())
        names.emplace_back(candidate.name);
      const std::string suggestion = diag::closest_match(node.name, names);
      if (suggestion.empty()) {
        auto& d = report("expr-unknown-function", fmt::format("unknown function '{}'", node.name),
                         node.name_where());
        d.notes.push_back("the built-in functions are listed in docs/expression-language.md");
      } else {
        report("expr-unknown-function",
               fmt::format("unknown function '{}' (did you mean '{}'?)", node.name, suggestion),
               node.name_where());
      }
      if (method)
        visit(*node.children[0]);
      return failed(node);
    }
    node.builtin = b;
    if (method && b->style == BuiltinStyle::function) {
      report("expr-call-style",
             fmt::format("{}() is a function, not a method: write {}(x, ...) instead of x.{}(...)", b->name,
                         b->name, b->name),
             node.name_where());
      return failed(node);
    }
    if (!method && b->style == BuiltinStyle::method) {
      report(
          "expr-call-style",
          fmt::format("{}() is a method: write x.{}(...) instead of {}(x, ...)", b->name, b->name, b->name),
          node.name_where());
      return failed(node);
    }
    if (b->kind == BuiltinKind::macro)
      return macro(node, *b);
    return function(node, *b, method ? 1 : 0);
  }

  Info function(Node& node, const Builtin& b, std::size_t receiver)
  {
    std::vector<Info> args;
    bool bad = false;
    for (auto& child : node.children) {
      args.push_back(visit(*child));
      bad = bad || is_error(args.back().type);
    }
    const std::size_t count = args.size();
    std::vector<const Overload*> by_arity;
    for (const auto& o : b.overloads)
      if (o.arity == Arity::fixed ? o.params.size() == count : count >= o.params.size())
        by_arity.push_back(&o);
    if (by_arity.empty()) {
      report("expr-arity",
             fmt::format("{}() {}, found {}", b.name, arity_text(b, receiver), count - receiver), node.where);
      return failed(node);
    }
    if (bad)
      return failed(node);
    std::vector<TypePtr> types;
    for (const auto& a : args)
      types.push_back(a.type);
    std::vector<const Overload*> matching;
    for (const Overload* o : by_arity) {
      bool ok = true;
      for (std::size_t i = 0; i < count && ok; ++i)
        ok = accepts(o->params[std::min(i, o->params.size() - 1)], *types[i]);
      if (ok)
        matching.push_back(o);
    }
    if (matching.empty()) {
      std::vector<std::string> found;
      for (const auto& t : types)
        found.push_back(to_string(*t));
      report("expr-type", mismatch_message(b, found), node.where);
      return failed(node);
    }
    // GHES version literals are checked now rather than on every evaluation.
    bool ok = true;
    const Overload& chosen = *matching.front();
    for (std::size_t i = 0; i < count; ++i) {
      const Node& arg = *node.children[i];
      if (chosen.params[std::min(i, chosen.params.size() - 1)] == ParamKind::version &&
          arg.kind == NodeKind::literal && arg.value->kind() == Value::Kind::string &&
          !parse_version(arg.value->as_string())) {
        report("expr-bad-version",
               fmt::format("'{}' is not a GHES version (expected a version like '3.14' or '3.14.2')",
                           arg.value->as_string()),
               arg.where);
        ok = false;
      }
    }
    if (!ok)
      return failed(node);
    TypePtr result = result_type(*matching.front(), types);
    for (std::size_t i = 1; i < matching.size(); ++i) {
      TypePtr other = result_type(*matching[i], types);
      if (other->kind != result->kind)
        result = Type::dyn();
    }
    return typed(node, result);
  }

  Info macro(Node& node, const Builtin& b)
  {
    if (b.name == "has")
      return has(node);
    const std::size_t args = node.children.size() - 1; // without the receiver
    const bool is_map = b.name == "map";
    if (args != 2 && !(is_map && args == 3)) {
      report("expr-arity",
             fmt::format("{}() takes {} arguments, found {}", b.name, is_map ? "2 or 3" : "2", args),
             node.where);
      return failed(node);
    }
    if (b.name == "exists")
      node.macro = Macro::exists;
    else if (b.name == "all")
      node.macro = Macro::all;
    else if (b.name == "exists_one")
      node.macro = Macro::exists_one;
    else if (b.name == "filter")
      node.macro = Macro::filter;
    else
      node.macro = Macro::map;

    Node& variable = *node.children[1];
    Info range = visit(*node.children[0]);
    bool bad = is_error(range.type);
    if (variable.kind != NodeKind::identifier) {
      report("expr-syntax",
             fmt::format("the first argument of {}() must be a variable name, found '{}'", b.name,
                         to_string(variable)),
             variable.where);
      return failed(node);
    }
    TypePtr element = Type::dyn();
    if (!bad) {
      if (range.type->kind == Kind::list) {
        element = range.type->element ? range.type->element : Type::dyn();
      } else if (!is_dyn(*range.type)) {
        report("expr-type", fmt::format("{}() needs a list, found {}", b.name, a_type(*range.type)),
               node.children[0]->where);
        bad = true;
      }
    }
    node.slot = static_cast<int>(m_scope.size());
    variable.slot = node.slot;
    variable.type = element;
    m_scope.push_back(Local{variable.name, element, range.fact});
    m_max_slots = std::max(m_max_slots, static_cast<int>(m_scope.size()));
    const bool has_predicate = node.macro != Macro::map || args == 3;
    if (has_predicate) {
      Node& predicate = *node.children[2];
      Info p = visit(predicate);
      if (is_error(p.type)) {
        bad = true;
      } else if (p.type->kind != Kind::boolean && !is_dyn(*p.type)) {
        report("expr-type",
               fmt::format("the condition of {}() must be a bool, found {}", b.name, a_type(*p.type)),
               predicate.where);
        bad = true;
      }
    }
    TypePtr transformed;
    if (node.macro == Macro::map) {
      Info t = visit(*node.children.back());
      if (is_error(t.type))
        bad = true;
      transformed = t.type;
    }
    m_scope.pop_back();
    if (bad)
      return failed(node);
    switch (node.macro) {
    case Macro::filter:
      // The kept items are items of the same list, so their fields are the same facts.
      return typed(node, is_dyn(*range.type) ? Type::list(Type::dyn()) : range.type, range.fact);
    case Macro::map:
      return typed(node, Type::list(transformed));
    default:
      return typed(node, Type::boolean());
    }
  }

  Info has(Node& node)
  {
    node.macro = Macro::has;
    if (node.children.size() != 1) {
      report("expr-arity", fmt::format("has() takes 1 argument, found {}", node.children.size()), node.where);
      return failed(node);
    }
    Node& arg = *node.children[0];
    if (arg.kind != NodeKind::select) {
      report("expr-syntax", "has() needs a field selection, such as has(network.dns_ttl_seconds)", arg.where);
      return failed(node);
    }
    Info info = visit(arg);
    if (is_error(info.type))
      return failed(node);
    return typed(node, Type::boolean());
  }
};

} // namespace

std::optional<CheckResult> check(Node& root, const TypeEnv& env, const CompileOptions& options,
                                 diag::DiagnosticBag& bag)
{
  return Checker(env, options, bag).run(root);
}

} // namespace ghes_topology::expr
