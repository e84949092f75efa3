// SPDX-License-Identifier: Apache-2.0
// Run-time values of the condition language, including "unknown".
#pragma once

#include "ghes_topology/diag/location.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ghes_topology::expr {

// --- Interface ---

// The order of field and variable names: byte-wise, as `std::less<std::string>`, but
// comparing in line, eight bytes at a time (a lookup that finds its key compares the
// whole key at least twice), and accepting `std::string_view` keys for lookups.
struct KeyLess
{
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept
  {
    const std::size_t n = a.size() < b.size() ? a.size() : b.size();
    std::size_t i = 0;
    if constexpr (std::endian::native == std::endian::little) {
      for (; i + 8 <= n; i += 8) {
        std::uint64_t x = 0;
        std::uint64_t y = 0;
        std::memcpy(&x, a.data() + i, 8);
        std::memcpy(&y, b.data() + i, 8);
        if (x != y) // the first differing byte decides: the most significant once swapped
          return __builtin_bswap64(x) < __builtin_bswap64(y);
      }
    }
    for (; i < n; ++i)
      if (a[i] != b[i])
        return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
    return a.size() < b.size();
  }
};

// A value. `unknown` stands for a fact the environment file does not give;
// it carries the dotted paths of the missing facts (`network.dns_ttl_seconds`)
// so results can say what they needed. `origin` is where the value came from
// in an input file (empty for computed values), so a rule can point at it.
class Value
{
public:
  enum class Kind { unknown, null, boolean, integer, decimal, string, list, map };
  using List = std::vector<Value>;
  using Map = std::map<std::string, Value, KeyLess>;

  Value() = default; // null

  static Value unknown(std::vector<std::string> missing_paths);
  static Value null();
  static Value boolean(bool b);
  static Value integer(std::int64_t i);
  static Value decimal(double d);
  static Value string(std::string s);
  static Value list(List items);
  static Value map(Map fields);
  // A map whose copies share `fields` instead of copying them: for a large map bound into
  // many scopes (`params`). Reads as any map; changing a field through a copy
  // (`field(name)`, non-const) gives that copy its own fields first.
  static Value shared_map(Map fields);

  [[nodiscard]] Kind kind() const
  {
    // In the order of `m_data`'s alternatives.
    constexpr Kind k_kinds[] = {Kind::null,   Kind::unknown, Kind::boolean, Kind::integer, Kind::decimal,
                                Kind::string, Kind::list,    Kind::map,     Kind::map};
    const std::size_t i = m_data.index();
    return i < std::size(k_kinds) ? k_kinds[i] : Kind::map;
  }
  [[nodiscard]] bool is_unknown() const { return kind() == Kind::unknown; }

  // Accessors; calling the wrong one is a programming error (throws Fatal).
  [[nodiscard]] bool as_bool() const;
  [[nodiscard]] std::int64_t as_int() const;
  [[nodiscard]] double as_double() const; // integer or decimal
  [[nodiscard]] const std::string& as_string() const;
  [[nodiscard]] const List& as_list() const;
  [[nodiscard]] const Map& as_map() const;
  // The missing fact paths of an unknown value (sorted, unique).
  [[nodiscard]] const std::vector<std::string>& missing() const;

  // A field of a map, or nullptr.
  [[nodiscard]] const Value* field(std::string_view name) const;
  // The same, for changing the field in place (what-if probes), or nullptr.
  [[nodiscard]] Value* field(std::string_view name);

  // CEL-like text: 42, 4.5, "text", true, null, [1, 2], {"a": 1}, unknown(network.dns_ttl_seconds).
  [[nodiscard]] std::string to_string() const;

  diag::Location origin;

private:
  struct Unknown
  {
    std::vector<std::string> paths;
  };
  using SharedMap = std::shared_ptr<const Map>;
  std::variant<std::monostate, Unknown, bool, std::int64_t, double, std::string, List, Map, SharedMap> m_data;
};

// Variable name -> value, for every identifier of the `TypeEnv` used at compile time.
// An identifier without a binding reads as unknown (its name is the missing path).
using Bindings = std::map<std::string, Value, KeyLess>;

// "unknown", "null", "bool", "int", "double", "string", "list" or "map".
const char* to_string(Value::Kind kind);

// `text` as a double-quoted CEL string literal, with `\"`, `\\`, `\n`, `\r`, `\t`
// and `\xHH` escapes.
std::string quote_string(const std::string& text);

// The shortest text that reads back as `d`, always with a fraction or exponent
// (`3.0`, `4.5`, `1e+20`); `inf`, `-inf`, `nan` for non-finite values.
std::string format_double(double d);

} // namespace ghes_topology::expr
