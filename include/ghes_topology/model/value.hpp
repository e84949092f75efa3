// SPDX-License-Identifier: Apache-2.0
// Typed, located values of a loaded document. An absent fact is simply not there.
#pragma once

#include "ghes_topology/diag/location.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ghes_topology::model {

// --- Interface ---

// One value loaded from YAML and checked against the field table.
// `unknown` is an explicit `null` (or `~`) in the file: the fact is declared
// unknown. A key that is absent has no Value at all; both read as unknown in rules.
struct Value
{
  enum class Kind { unknown, boolean, integer, decimal, string, list, object };

  // Special members are defined out of line: `fields` holds pairs of this still
  // incomplete type, which libstdc++ only accepts once the class is complete (clang).
  Value();
  ~Value();
  Value(const Value&);
  Value(Value&&) noexcept;
  Value& operator=(const Value&);
  Value& operator=(Value&&) noexcept;

  Kind kind = Kind::unknown;
  bool boolean = false;
  std::int64_t integer = 0;
  double decimal = 0.0;
  std::string string;                                // strings, enums, dates, versions
  std::vector<Value> items;                          // lists
  std::vector<std::pair<std::string, Value>> fields; // objects, in file order
  diag::Location where;                              // the value node
  diag::Location key_where; // the key that introduced it (same as `where` for list items)

  // The field `key` of an object, or nullptr.
  [[nodiscard]] const Value* get(const std::string& key) const;
  Value* get(const std::string& key);

  // Follows a dotted path of object keys (`primary.usage.memory_percent`);
  // nullptr when any step is absent.
  [[nodiscard]] const Value* find(const std::string& dotted_path) const;

  // A number as double (integer or decimal); 0 for others.
  [[nodiscard]] double number() const;
  [[nodiscard]] bool is_number() const { return kind == Kind::integer || kind == Kind::decimal; }
};

// A loaded environment file.
struct Environment
{
  std::string source; // the name used in diagnostics: path as given, or "<stdin>"
  Value root;         // an object
};

} // namespace ghes_topology::model
