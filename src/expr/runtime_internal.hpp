// SPDX-License-Identifier: Apache-2.0
// Run-time helpers shared by the evaluator and the built-ins: equality with unknowns,
// exact number comparison, unknown merging.
#pragma once

#include "ghes_topology/expr/value.hpp"

#include <compare>
#include <cstddef>
#include <string>
#include <vector>

namespace ghes_topology::expr::runtime {

// A three-valued truth: the answer may depend on an unknown fact.
enum class Truth { no, yes, unknown };

// Exact comparison of two numbers (int or double, any mix); unordered when a NaN is involved.
std::partial_ordering compare_numbers(const Value& a, const Value& b);

// CEL equality: numbers compare by value across int and double; values of different
// kinds are unequal; lists and maps compare element-wise. Unknown when the answer
// depends on an unknown value, whose paths are appended to `missing`.
Truth equal(const Value& a, const Value& b, std::vector<std::string>& missing);

// Whether `needle` equals an element of `items`: yes if one equals, else unknown if a
// comparison was unknown, else no.
Truth contains(const Value::List& items, const Value& needle, std::vector<std::string>& missing);

// Appends the missing paths of `value` (if unknown) to `missing`.
void collect_missing(const Value& value, std::vector<std::string>& missing);

// The bytes a copy of `value` occupies: the value itself, its text, its items and fields.
std::size_t footprint(const Value& value);

// A "kind" word with article for messages: "an int", "a string", "a list".
std::string a_kind(const Value& value);

} // namespace ghes_topology::expr::runtime
