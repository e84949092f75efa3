// SPDX-License-Identifier: Apache-2.0
// The built-in functions and macros: one explicit table (ninja's kTools pattern).
#include "ghes_topology/expr/builtins.hpp"

#include "expr/runtime_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace ghes_topology::expr {
namespace {

using Args = std::vector<const Value*>;
using runtime::Truth;

BuiltinResult ok(Value v)
{
  return BuiltinResult{std::move(v), {}, {}};
}

BuiltinResult error(std::string code, std::string message)
{
  return BuiltinResult{Value::null(), std::move(code), std::move(message)};
}

BuiltinResult truth(Truth t, std::vector<std::string> missing)
{
  if (t == Truth::unknown)
    return ok(Value::unknown(std::move(missing)));
  return ok(Value::boolean(t == Truth::yes));
}

std::size_t code_points(const std::string& s)
{
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

BuiltinResult size_impl(const Args& args, std::size_t overload)
{
  const Value& v = *args[0];
  std::size_t n = 0;
  if (overload == 0)
    n = v.as_list().size();
  else if (overload == 1)
    n = code_points(v.as_string());
  else
    n = v.as_map().size();
  return ok(Value::integer(static_cast<std::int64_t>(n)));
}

BuiltinResult starts_with_impl(const Args& args, std::size_t)
{
  return ok(Value::boolean(args[0]->as_string().rfind(args[1]->as_string(), 0) == 0));
}

BuiltinResult ends_with_impl(const Args& args, std::size_t)
{
  const auto& s = args[0]->as_string();
  const auto& suffix = args[1]->as_string();
  return ok(Value::boolean(s.size() >= suffix.size() &&
                           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0));
}

BuiltinResult contains_impl(const Args& args, std::size_t overload)
{
  if (overload == 0)
    return ok(Value::boolean(args[0]->as_string().find(args[1]->as_string()) != std::string::npos));
  std::vector<std::string> missing;
  const Truth t = runtime::contains(args[0]->as_list(), *args[1], missing);
  return truth(t, std::move(missing));
}

// The numbers `min`, `max` and `sum` work on: a list's items or the arguments.
struct Numbers
{
  std::vector<const Value*> items;
  std::vector<std::string> missing;
  BuiltinResult failure;
  bool failed = false;
};

Numbers numbers(std::string_view name, const Args& args, std::size_t overload)
{
  Numbers out;
  if (overload == 0) {
    for (const auto& item : args[0]->as_list())
      out.items.push_back(&item);
  } else {
    out.items = args;
  }
  for (const Value* item : out.items) {
    if (item->is_unknown()) {
      runtime::collect_missing(*item, out.missing);
    } else if (item->kind() != Value::Kind::integer && item->kind() != Value::Kind::decimal) {
      out.failed = true;
      out.failure = error("expr-type", fmt::format("{}() needs numbers, found {} {}", name,
                                                   runtime::a_kind(*item), item->to_string()));
      return out;
    }
  }
  return out;
}

bool any_double(const std::vector<const Value*>& items)
{
  return std::any_of(items.begin(), items.end(),
                     [](const Value* v) { return v->kind() == Value::Kind::decimal; });
}

enum class Extreme { min, max };

BuiltinResult extreme(std::string_view name, const Args& args, std::size_t overload, Extreme which)
{
  Numbers n = numbers(name, args, overload);
  if (n.failed)
    return n.failure;
  if (!n.missing.empty())
    return ok(Value::unknown(std::move(n.missing)));
  if (n.items.empty())
    return error("expr-empty-list", fmt::format("{}() of an empty list", name));
  const Value* best = n.items.front();
  for (const Value* item : n.items) {
    const auto order = runtime::compare_numbers(*item, *best);
    if (which == Extreme::max ? order == std::partial_ordering::greater
                              : order == std::partial_ordering::less)
      best = item;
  }
  if (any_double(n.items))
    return ok(Value::decimal(best->as_double()));
  return ok(Value::integer(best->as_int()));
}

BuiltinResult min_impl(const Args& args, std::size_t overload)
{
  return extreme("min", args, overload, Extreme::min);
}

BuiltinResult max_impl(const Args& args, std::size_t overload)
{
  return extreme("max", args, overload, Extreme::max);
}

BuiltinResult sum_impl(const Args& args, std::size_t overload)
{
  Numbers n = numbers("sum", args, overload);
  if (n.failed)
    return n.failure;
  if (!n.missing.empty())
    return ok(Value::unknown(std::move(n.missing)));
  if (any_double(n.items)) {
    double total = 0.0;
    for (const Value* item : n.items)
      total += item->as_double();
    if (!std::isfinite(total))
      return error("expr-overflow", "sum() overflows a double");
    return ok(Value::decimal(total));
  }
  std::int64_t total = 0;
  for (const Value* item : n.items)
    if (__builtin_add_overflow(total, item->as_int(), &total))
      return error("expr-overflow", "sum() overflows a 64-bit integer");
  return ok(Value::integer(total));
}

BuiltinResult abs_impl(const Args& args, std::size_t)
{
  const Value& v = *args[0];
  if (v.kind() == Value::Kind::decimal)
    return ok(Value::decimal(std::fabs(v.as_double())));
  if (v.as_int() == std::numeric_limits<std::int64_t>::min())
    return error("expr-overflow", fmt::format("abs({}) overflows a 64-bit integer", v.as_int()));
  return ok(Value::integer(v.as_int() < 0 ? -v.as_int() : v.as_int()));
}

BuiltinResult bad_version(std::string_view name, const Value& v)
{
  return error("expr-bad-version",
               fmt::format("{}(): '{}' is not a GHES version (expected a version like '3.14' or '3.14.2')",
                           name, v.as_string()));
}

enum class Comparison { at_least, below };

BuiltinResult version_compare(std::string_view name, const Args& args, Comparison comparison)
{
  const auto a = parse_version(args[0]->as_string());
  if (!a)
    return bad_version(name, *args[0]);
  const auto b = parse_version(args[1]->as_string());
  if (!b)
    return bad_version(name, *args[1]);
  return ok(Value::boolean((*a >= *b) == (comparison == Comparison::at_least)));
}

BuiltinResult version_at_least_impl(const Args& args, std::size_t)
{
  return version_compare("version_at_least", args, Comparison::at_least);
}

BuiltinResult version_below_impl(const Args& args, std::size_t)
{
  return version_compare("version_below", args, Comparison::below);
}

BuiltinResult version_part(std::string_view name, const Args& args, std::size_t part)
{
  const auto v = parse_version(args[0]->as_string());
  if (!v)
    return bad_version(name, *args[0]);
  return ok(Value::integer((*v)[part]));
}

BuiltinResult version_major_impl(const Args& args, std::size_t)
{
  return version_part("version_major", args, 0);
}

BuiltinResult version_minor_impl(const Args& args, std::size_t)
{
  return version_part("version_minor", args, 1);
}

BuiltinResult percent_impl(const Args& args, std::size_t)
{
  const double b = args[1]->as_double();
  if (b == 0.0)
    return error("expr-division-by-zero",
                 fmt::format("percent({}, {}) divides by zero", args[0]->to_string(), args[1]->to_string()));
  const double result = 100.0 * args[0]->as_double() / b;
  if (!std::isfinite(result))
    return error("expr-overflow", fmt::format("percent({}, {}) overflows a double", args[0]->to_string(),
                                              args[1]->to_string()));
  return ok(Value::decimal(result));
}

BuiltinResult int_impl(const Args& args, std::size_t overload)
{
  const Value& v = *args[0];
  if (overload == 0) {
    if (v.kind() == Value::Kind::integer)
      return ok(v);
    const double d = v.as_double();
    // [-2^63, 2^63): the doubles whose truncation fits an int64.
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
      return error("expr-overflow", fmt::format("int({}) is out of the 64-bit integer range", v.to_string()));
    return ok(Value::integer(static_cast<std::int64_t>(d)));
  }
  const auto& s = v.as_string();
  std::int64_t result = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), result);
  if (s.empty() || ec != std::errc{} || ptr != s.data() + s.size())
    return error("expr-conversion", fmt::format("int(): {} is not an integer", v.to_string()));
  return ok(Value::integer(result));
}

BuiltinResult double_impl(const Args& args, std::size_t overload)
{
  const Value& v = *args[0];
  if (overload == 0)
    return ok(Value::decimal(v.as_double()));
  const auto& s = v.as_string();
  double result = 0.0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), result);
  if (s.empty() || ec != std::errc{} || ptr != s.data() + s.size() || !std::isfinite(result))
    return error("expr-conversion", fmt::format("double(): {} is not a number", v.to_string()));
  return ok(Value::decimal(result));
}

BuiltinResult string_impl(const Args& args, std::size_t)
{
  const Value& v = *args[0];
  if (v.kind() == Value::Kind::string)
    return ok(v);
  return ok(Value::string(v.to_string()));
}

using P = ParamKind;
using R = ResultKind;

std::vector<Builtin> make_table()
{
  std::vector<Builtin> t;
  auto function = [&](std::string_view name, BuiltinStyle style, std::vector<Overload> overloads,
                      BuiltinImpl impl, std::string_view doc) {
    Builtin b;
    b.name = name;
    b.kind = BuiltinKind::function;
    b.style = style;
    b.overloads = std::move(overloads);
    b.impl = impl;
    b.doc = doc;
    t.push_back(std::move(b));
  };
  auto macro = [&](std::string_view name, BuiltinStyle style, std::vector<std::string_view> forms,
                   std::string_view doc) {
    Builtin b;
    b.name = name;
    b.kind = BuiltinKind::macro;
    b.style = style;
    b.forms = std::move(forms);
    b.doc = doc;
    t.push_back(std::move(b));
  };
  // clang-format off
  macro("has", BuiltinStyle::function, {"has(a.b) -> bool"},
        "Whether the fact `a.b` is present and known; never unknown itself.");
  macro("exists", BuiltinStyle::method, {"list.exists(x, p) -> bool"},
        "Whether `p` holds for some item `x`: true if one is true, else unknown if one is unknown, else false.");
  macro("all", BuiltinStyle::method, {"list.all(x, p) -> bool"},
        "Whether `p` holds for every item `x`: false if one is false, else unknown if one is unknown, else true.");
  macro("exists_one", BuiltinStyle::method, {"list.exists_one(x, p) -> bool"},
        "Whether `p` holds for exactly one item `x`; unknown if that depends on an unknown.");
  macro("filter", BuiltinStyle::method, {"list.filter(x, p) -> list"},
        "The items `x` for which `p` is true, in order; unknown if `p` is unknown for one.");
  macro("map", BuiltinStyle::method, {"list.map(x, t) -> list", "list.map(x, p, t) -> list"},
        "`t` for every item `x` (for every item where `p` is true, in the three-argument form).");
  function("size", BuiltinStyle::both,
           {{{P::list}, R::integer}, {{P::string}, R::integer}, {{P::map}, R::integer}}, size_impl,
           "Number of items of a list, characters (code points) of a string, or fields of a map.");
  function("startsWith", BuiltinStyle::method, {{{P::string, P::string}, R::boolean}}, starts_with_impl,
           "Whether the string starts with the given prefix.");
  function("endsWith", BuiltinStyle::method, {{{P::string, P::string}, R::boolean}}, ends_with_impl,
           "Whether the string ends with the given suffix.");
  function("contains", BuiltinStyle::method,
           {{{P::string, P::string}, R::boolean}, {{P::list, P::any}, R::boolean}}, contains_impl,
           "Whether the string contains the substring, or the list contains an item equal to the value (like `in`).");
  function("min", BuiltinStyle::function,
           {{{P::number_list}, R::number}, {{P::number, P::number}, R::number, Arity::variadic}}, min_impl,
           "The smallest number of a non-empty list, or of the arguments.");
  function("max", BuiltinStyle::function,
           {{{P::number_list}, R::number}, {{P::number, P::number}, R::number, Arity::variadic}}, max_impl,
           "The largest number of a non-empty list, or of the arguments.");
  function("sum", BuiltinStyle::function, {{{P::number_list}, R::number}}, sum_impl,
           "The sum of a list of numbers (0 for an empty list); int overflow is an error.");
  function("abs", BuiltinStyle::function, {{{P::number}, R::number}}, abs_impl,
           "The absolute value of a number.");
  function("percent", BuiltinStyle::function, {{{P::number, P::number}, R::decimal}}, percent_impl,
           "`percent(a, b)` is `100.0 * a / b`, a double; a zero `b` is a division-by-zero error.");
  function("version_at_least", BuiltinStyle::function, {{{P::version, P::version}, R::boolean}},
           version_at_least_impl,
           "`version_at_least(v, w)`: whether GHES version `v` is `w` or newer; a missing patch counts as 0.");
  function("version_below", BuiltinStyle::function, {{{P::version, P::version}, R::boolean}},
           version_below_impl, "`version_below(v, w)`: whether GHES version `v` is older than `w`.");
  function("version_major", BuiltinStyle::function, {{{P::version}, R::integer}}, version_major_impl,
           "The major number of a GHES version: 3 for \"3.14.2\".");
  function("version_minor", BuiltinStyle::function, {{{P::version}, R::integer}}, version_minor_impl,
           "The minor number of a GHES version: 14 for \"3.14.2\".");
  function("int", BuiltinStyle::function, {{{P::number}, R::integer}, {{P::string}, R::integer}}, int_impl,
           "Converts a number (truncating toward zero) or a decimal string to an int.");
  function("double", BuiltinStyle::function, {{{P::number}, R::decimal}, {{P::string}, R::decimal}}, double_impl,
           "Converts a number or a numeric string to a double.");
  function("string", BuiltinStyle::function, {{{P::scalar}, R::string}}, string_impl,
           "Converts a bool, number or string to its text (`string(4.5)` is \"4.5\").");
  // clang-format on
  return t;
}

const char* param_name(ParamKind p)
{
  switch (p) {
  case ParamKind::any:
    return "any";
  case ParamKind::scalar:
    return "scalar";
  case ParamKind::boolean:
    return "bool";
  case ParamKind::integer:
    return "int";
  case ParamKind::number:
    return "number";
  case ParamKind::string:
    return "string";
  case ParamKind::version:
    return "version";
  case ParamKind::list:
    return "list";
  case ParamKind::number_list:
    return "list(number)";
  case ParamKind::map:
    return "map";
  }
  return "any";
}

const char* result_name(ResultKind r)
{
  switch (r) {
  case ResultKind::boolean:
    return "bool";
  case ResultKind::integer:
    return "int";
  case ResultKind::decimal:
    return "double";
  case ResultKind::string:
    return "string";
  case ResultKind::number:
    return "number";
  }
  return "dyn";
}

bool is_number(const Type& t)
{
  return t.kind == Type::Kind::integer || t.kind == Type::Kind::decimal;
}

} // namespace

const std::vector<Builtin>& builtins()
{
  static const std::vector<Builtin> k_table = make_table();
  return k_table;
}

const Builtin* find_builtin(std::string_view name)
{
  for (const auto& b : builtins())
    if (b.name == name)
      return &b;
  return nullptr;
}

std::string signature(const Builtin& builtin, const Overload& overload)
{
  std::string out;
  std::size_t first = 0;
  if (builtin.style == BuiltinStyle::method && !overload.params.empty()) {
    out = std::string(param_name(overload.params[0])) + ".";
    first = 1;
  }
  out += std::string(builtin.name) + "(";
  for (std::size_t i = first; i < overload.params.size(); ++i)
    out += (i > first ? ", " : "") + std::string(param_name(overload.params[i]));
  if (overload.arity == Arity::variadic)
    out += ", ...";
  return out + ") -> " + result_name(overload.result);
}

std::string mismatch_message(const Builtin& builtin, const std::vector<std::string>& argument_types)
{
  const std::size_t receiver = builtin.style == BuiltinStyle::method && !argument_types.empty() ? 1 : 0;
  std::string actual = std::string(builtin.name) + "(";
  for (std::size_t i = receiver; i < argument_types.size(); ++i)
    actual += (i > receiver ? ", " : "") + argument_types[i];
  actual += ")";
  if (receiver == 1)
    actual = argument_types[0] + "." + actual;
  std::string expected;
  for (std::size_t i = 0; i < builtin.overloads.size(); ++i) {
    std::string sig = signature(builtin, builtin.overloads[i]);
    sig = sig.substr(0, sig.find(" -> "));
    if (i > 0)
      expected += i + 1 == builtin.overloads.size() ? " or " : ", ";
    expected += sig;
  }
  return fmt::format("cannot call {}; expected {}", actual, expected);
}

std::string builtins_markdown_table()
{
  std::string out = "| Name | Signatures | Description |\n|---|---|---|\n";
  for (const auto& b : builtins()) {
    std::string sigs;
    auto add = [&](const std::string& s) { sigs += (sigs.empty() ? "`" : "<br>`") + s + "`"; };
    if (b.kind == BuiltinKind::macro) {
      for (auto form : b.forms)
        add(std::string(form));
    } else {
      for (const auto& o : b.overloads)
        add(signature(b, o));
    }
    std::string doc(b.doc);
    if (b.kind == BuiltinKind::macro)
      doc = "Macro. " + doc;
    if (b.style == BuiltinStyle::both)
      doc += fmt::format(" Also callable as a method: `x.{}()`.", b.name);
    out += fmt::format("| `{}` | {} | {} |\n", b.name, sigs, doc);
  }
  return out;
}

bool accepts(ParamKind param, const Type& type)
{
  if (type.kind == Type::Kind::dyn)
    return true;
  switch (param) {
  case ParamKind::any:
    return true;
  case ParamKind::scalar:
    return type.kind == Type::Kind::boolean || is_number(type) || type.kind == Type::Kind::string;
  case ParamKind::boolean:
    return type.kind == Type::Kind::boolean;
  case ParamKind::integer:
    return type.kind == Type::Kind::integer;
  case ParamKind::number:
    return is_number(type);
  case ParamKind::string:
  case ParamKind::version:
    return type.kind == Type::Kind::string;
  case ParamKind::list:
    return type.kind == Type::Kind::list;
  case ParamKind::number_list:
    return type.kind == Type::Kind::list &&
           (!type.element || type.element->kind == Type::Kind::dyn || is_number(*type.element));
  case ParamKind::map:
    return type.kind == Type::Kind::object;
  }
  return false;
}

bool accepts(ParamKind param, const Value& value)
{
  const auto k = value.kind();
  const bool number = k == Value::Kind::integer || k == Value::Kind::decimal;
  switch (param) {
  case ParamKind::any:
    return true;
  case ParamKind::scalar:
    return k == Value::Kind::boolean || number || k == Value::Kind::string;
  case ParamKind::boolean:
    return k == Value::Kind::boolean;
  case ParamKind::integer:
    return k == Value::Kind::integer;
  case ParamKind::number:
    return number;
  case ParamKind::string:
  case ParamKind::version:
    return k == Value::Kind::string;
  case ParamKind::list:
  case ParamKind::number_list:
    return k == Value::Kind::list;
  case ParamKind::map:
    return k == Value::Kind::map;
  }
  return false;
}

TypePtr result_type(const Overload& overload, const std::vector<TypePtr>& args)
{
  switch (overload.result) {
  case ResultKind::boolean:
    return Type::boolean();
  case ResultKind::integer:
    return Type::integer();
  case ResultKind::decimal:
    return Type::decimal();
  case ResultKind::string:
    return Type::string();
  case ResultKind::number:
    break;
  }
  bool has_double = false;
  bool has_dyn = false;
  for (std::size_t i = 0; i < args.size() && !overload.params.empty(); ++i) {
    const ParamKind p = overload.params[std::min(i, overload.params.size() - 1)];
    const Type* t = args[i].get();
    if (p == ParamKind::number_list && t && t->kind == Type::Kind::list)
      t = t->element.get();
    else if (p != ParamKind::number && p != ParamKind::number_list)
      continue;
    if (!t || t->kind == Type::Kind::dyn || t->kind == Type::Kind::list)
      has_dyn = true;
    else if (t->kind == Type::Kind::decimal)
      has_double = true;
  }
  if (has_double)
    return Type::decimal();
  if (has_dyn)
    return Type::dyn();
  return Type::integer();
}

std::optional<std::array<int, 3>> parse_version(std::string_view text)
{
  std::array<int, 3> parts{0, 0, 0};
  std::size_t count = 0;
  std::size_t pos = 0;
  while (true) {
    if (count == 3)
      return std::nullopt;
    std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
      ++pos;
    if (pos == start || pos - start > 6)
      return std::nullopt;
    std::from_chars(text.data() + start, text.data() + pos, parts[count]);
    ++count;
    if (pos == text.size())
      break;
    if (text[pos] != '.')
      return std::nullopt;
    ++pos;
  }
  if (count < 2)
    return std::nullopt;
  return parts;
}

} // namespace ghes_topology::expr
