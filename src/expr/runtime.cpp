// SPDX-License-Identifier: Apache-2.0
// Run-time helpers shared by the evaluator and the built-ins.
#include "expr/runtime_internal.hpp"

#include <cmath>
#include <cstdint>

namespace ghes_topology::expr::runtime {
namespace {

std::partial_ordering compare_int_double(std::int64_t i, double d)
{
  if (std::isnan(d))
    return std::partial_ordering::unordered;
  constexpr double k_two_63 = 9223372036854775808.0;
  if (d >= k_two_63)
    return std::partial_ordering::less;
  if (d < -k_two_63)
    return std::partial_ordering::greater;
  const auto truncated = static_cast<std::int64_t>(d); // exact: |d| < 2^63
  if (i != truncated)
    return i < truncated ? std::partial_ordering::less : std::partial_ordering::greater;
  const auto whole = static_cast<double>(truncated);
  if (d > whole)
    return std::partial_ordering::less;
  if (d < whole)
    return std::partial_ordering::greater;
  return std::partial_ordering::equivalent;
}

std::partial_ordering reverse(std::partial_ordering o)
{
  if (o == std::partial_ordering::less)
    return std::partial_ordering::greater;
  if (o == std::partial_ordering::greater)
    return std::partial_ordering::less;
  return o;
}

bool is_number(const Value& v)
{
  return v.kind() == Value::Kind::integer || v.kind() == Value::Kind::decimal;
}

} // namespace

std::partial_ordering compare_numbers(const Value& a, const Value& b)
{
  const bool a_int = a.kind() == Value::Kind::integer;
  const bool b_int = b.kind() == Value::Kind::integer;
  if (a_int && b_int)
    return a.as_int() <=> b.as_int();
  if (a_int)
    return compare_int_double(a.as_int(), b.as_double());
  if (b_int)
    return reverse(compare_int_double(b.as_int(), a.as_double()));
  return a.as_double() <=> b.as_double();
}

void collect_missing(const Value& value, std::vector<std::string>& missing)
{
  if (value.is_unknown())
    missing.insert(missing.end(), value.missing().begin(), value.missing().end());
}

Truth equal(const Value& a, const Value& b, std::vector<std::string>& missing)
{
  if (a.is_unknown() || b.is_unknown()) {
    collect_missing(a, missing);
    collect_missing(b, missing);
    return Truth::unknown;
  }
  if (is_number(a) && is_number(b))
    return compare_numbers(a, b) == std::partial_ordering::equivalent ? Truth::yes : Truth::no;
  if (a.kind() != b.kind())
    return Truth::no;
  switch (a.kind()) {
  case Value::Kind::null:
    return Truth::yes;
  case Value::Kind::boolean:
    return a.as_bool() == b.as_bool() ? Truth::yes : Truth::no;
  case Value::Kind::string:
    return a.as_string() == b.as_string() ? Truth::yes : Truth::no;
  case Value::Kind::list: {
    const auto& x = a.as_list();
    const auto& y = b.as_list();
    if (x.size() != y.size())
      return Truth::no;
    Truth result = Truth::yes;
    std::vector<std::string> pending;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const Truth t = equal(x[i], y[i], pending);
      if (t == Truth::no)
        return Truth::no;
      if (t == Truth::unknown)
        result = Truth::unknown;
    }
    missing.insert(missing.end(), pending.begin(), pending.end());
    return result;
  }
  case Value::Kind::map: {
    const auto& x = a.as_map();
    const auto& y = b.as_map();
    if (x.size() != y.size())
      return Truth::no;
    Truth result = Truth::yes;
    std::vector<std::string> pending;
    for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
      if (i->first != j->first)
        return Truth::no;
      const Truth t = equal(i->second, j->second, pending);
      if (t == Truth::no)
        return Truth::no;
      if (t == Truth::unknown)
        result = Truth::unknown;
    }
    missing.insert(missing.end(), pending.begin(), pending.end());
    return result;
  }
  default:
    return Truth::no;
  }
}

Truth contains(const Value::List& items, const Value& needle, std::vector<std::string>& missing)
{
  std::vector<std::string> pending;
  bool unknown = false;
  for (const auto& item : items) {
    const Truth t = equal(item, needle, pending);
    if (t == Truth::yes)
      return Truth::yes;
    if (t == Truth::unknown)
      unknown = true;
  }
  if (!unknown)
    return Truth::no;
  missing.insert(missing.end(), pending.begin(), pending.end());
  return Truth::unknown;
}

std::string a_kind(const Value& value)
{
  switch (value.kind()) {
  case Value::Kind::unknown:
    return "an unknown value";
  case Value::Kind::null:
    return "null";
  case Value::Kind::integer:
    return "an int";
  default:
    return std::string("a ") + to_string(value.kind());
  }
}

std::size_t footprint(const Value& v)
{
  std::size_t bytes = sizeof(Value);
  switch (v.kind()) {
  case Value::Kind::string:
    bytes += v.as_string().size();
    break;
  case Value::Kind::list:
    for (const Value& item : v.as_list())
      bytes += footprint(item);
    break;
  case Value::Kind::map:
    for (const auto& [name, field] : v.as_map())
      bytes += name.size() + footprint(field);
    break;
  case Value::Kind::unknown:
    for (const std::string& path : v.missing())
      bytes += sizeof(std::string) + path.size();
    break;
  default:
    break;
  }
  return bytes;
}

} // namespace ghes_topology::expr::runtime
