// SPDX-License-Identifier: Apache-2.0
// Job: type YAML scalars per the YAML 1.2 core schema (the only place that does).
#include "ghes_topology/loader/yaml_scalar.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

namespace ghes_topology::loader {
namespace {

template <typename Pred>
bool all_of(std::string_view s, Pred pred)
{
  if (s.empty())
    return false;
  for (char c : s)
    if (!pred(c))
      return false;
  return true;
}

bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}
bool is_octal(char c)
{
  return c >= '0' && c <= '7';
}
bool is_hex(char c)
{
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool is_core_float(std::string_view s)
{
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+'))
    ++i;
  std::size_t int_digits = 0;
  while (i < s.size() && is_digit(s[i])) {
    ++i;
    ++int_digits;
  }
  std::size_t frac_digits = 0;
  bool dot = false;
  if (i < s.size() && s[i] == '.') {
    dot = true;
    ++i;
    while (i < s.size() && is_digit(s[i])) {
      ++i;
      ++frac_digits;
    }
  }
  if (int_digits == 0 && (!dot || frac_digits == 0))
    return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+'))
      ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && is_digit(s[i])) {
      ++i;
      ++exp_digits;
    }
    if (exp_digits == 0)
      return false;
  }
  return i == s.size();
}

} // namespace

ScalarValue resolve_plain(std::string_view s)
{
  ScalarValue r;
  using K = ScalarValue::Kind;
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
    r.kind = K::null;
    return r;
  }
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE") {
    r.kind = K::boolean;
    r.boolean = s[0] == 't' || s[0] == 'T';
    return r;
  }
  // Every number starts with a digit, a sign or a '.' (`.5`, `.inf`, `.nan`): any other
  // text, the common case, is a string.
  if (!is_digit(s[0]) && s[0] != '-' && s[0] != '+' && s[0] != '.') {
    r.kind = K::string;
    return r;
  }
  const auto to_double = [&s] {
    const std::string text(s); // strtod needs a terminated string
    return std::strtod(text.c_str(), nullptr);
  };
  auto parse_int = [&](std::string_view digits, int base, bool negative) {
    r.kind = K::integer;
    std::uint64_t value = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
    const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
    if (ec != std::errc{} || ptr != digits.data() + digits.size() || value > limit) {
      r.integer_overflow = true;
      r.decimal = to_double();
      return;
    }
    r.integer = negative ? static_cast<std::int64_t>(0 - value) : static_cast<std::int64_t>(value);
    r.decimal = static_cast<double>(r.integer);
  };
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o' && all_of(s.substr(2), is_octal)) {
    parse_int(s.substr(2), 8, false);
    return r;
  }
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x' && all_of(s.substr(2), is_hex)) {
    parse_int(s.substr(2), 16, false);
    return r;
  }
  {
    const bool negative = s[0] == '-';
    const std::string_view digits = (s[0] == '-' || s[0] == '+') ? s.substr(1) : s;
    if (all_of(digits, is_digit)) {
      parse_int(digits, 10, negative);
      return r;
    }
  }
  if (is_core_float(s)) {
    r.kind = K::decimal;
    r.decimal = to_double();
    return r;
  }
  const std::string_view unsigned_part = (s[0] == '-' || s[0] == '+') ? s.substr(1) : s;
  if (unsigned_part == ".inf" || unsigned_part == ".Inf" || unsigned_part == ".INF") {
    r.kind = K::decimal;
    r.decimal = s[0] == '-' ? -HUGE_VAL : HUGE_VAL;
    return r;
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") {
    r.kind = K::decimal;
    r.decimal = std::nan("");
    return r;
  }
  r.kind = K::string;
  return r;
}

ScalarValue resolve_scalar(const YamlNode& node)
{
  switch (node.kind) {
  case YamlNode::Kind::null:
    return ScalarValue{ScalarValue::Kind::null};
  case YamlNode::Kind::scalar:
    if (node.style == YamlNode::Style::plain)
      return resolve_plain(node.text);
    break;
  case YamlNode::Kind::sequence:
  case YamlNode::Kind::mapping:
    break;
  }
  return ScalarValue{};
}

} // namespace ghes_topology::loader
