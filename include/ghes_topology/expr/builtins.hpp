// SPDX-License-Identifier: Apache-2.0
// The one table of built-in functions and macros: name, signatures, implementation, doc.
#pragma once

#include "ghes_topology/expr/types.hpp"
#include "ghes_topology/expr/value.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::expr {

// --- Interface ---

// What a parameter accepts. `number` is int or double; `version` is a GHES version
// string ("3.14", "3.14.2"), checked at compile time when it is a literal.
enum class ParamKind { any, scalar, boolean, integer, number, string, version, list, number_list, map };

// The static result of an overload. `number` is int when every number argument
// (or list element) is an int, double when one is a double, dyn when not known.
enum class ResultKind { boolean, integer, decimal, string, number };

enum class Arity { fixed, variadic }; // variadic: the last parameter repeats

// One signature. For a method call the receiver is `params[0]`.
struct Overload
{
  std::vector<ParamKind> params;
  ResultKind result = ResultKind::boolean;
  Arity arity = Arity::fixed;
};

// The outcome of a built-in: a value (possibly unknown), or an error `code` and `message`.
struct BuiltinResult
{
  Value value;
  std::string code;
  std::string message;
};

// Implements one built-in for known (never unknown) arguments; list elements may be
// unknown. `overload` is the index of the matching overload.
using BuiltinImpl = BuiltinResult (*)(const std::vector<const Value*>& args, std::size_t overload);

enum class BuiltinKind { function, macro };

// How a built-in may be called: `size(x)`, `s.startsWith(p)`, or both.
enum class BuiltinStyle { function, method, both };

struct Builtin
{
  std::string_view name;
  BuiltinKind kind = BuiltinKind::function;
  BuiltinStyle style = BuiltinStyle::function;
  std::vector<Overload> overloads;     // functions only
  BuiltinImpl impl = nullptr;          // functions only
  std::vector<std::string_view> forms; // macros only: "list.exists(x, p) -> bool"
  std::string_view doc;                // one line
};

// Every built-in function and macro, in documentation order.
const std::vector<Builtin>& builtins();

// The built-in called `name`, or nullptr.
const Builtin* find_builtin(std::string_view name);

// The signature as documented: "size(list) -> int", "string.startsWith(string) -> bool",
// "min(number, number, ...) -> number".
std::string signature(const Builtin& builtin, const Overload& overload);

// The message for a call no overload accepts, given the argument type names (the
// receiver first for a method call): "cannot call size(int); expected size(list),
// size(string) or size(map)".
std::string mismatch_message(const Builtin& builtin, const std::vector<std::string>& argument_types);

// The Markdown table of `builtins()` that docs/expression-language.md embeds.
std::string builtins_markdown_table();

// Whether a parameter accepts a static type (dyn is accepted, checked at run time).
bool accepts(ParamKind param, const Type& type);

// Whether a parameter accepts a run-time value (never unknown).
bool accepts(ParamKind param, const Value& value);

// The static result type of `overload` for argument types `args`.
TypePtr result_type(const Overload& overload, const std::vector<TypePtr>& args);

// A GHES version "3.14" or "3.14.2" as {major, minor, patch} (patch 0 when absent);
// nothing when malformed.
std::optional<std::array<int, 3>> parse_version(std::string_view text);

} // namespace ghes_topology::expr
