// SPDX-License-Identifier: Apache-2.0
// Bounds on the values an expression evaluation may build.
#pragma once

#include <cstddef>

namespace ghes_topology::expr {

// --- Interface ---

// The largest string (in bytes) and list (in items) an evaluation may build with `+`
// (strings also with a builtin such as `string()`); a larger result is an
// `expr-too-costly` error at the expression that would build it, so a rule that doubles
// a value in a loop stops early instead of exhausting memory.
inline constexpr std::size_t k_max_string_bytes = 1U << 20;
inline constexpr std::size_t k_max_list_items = 100'000;

// The total size (in bytes, each value counted with its text, items and fields) of the
// values one evaluation may build or copy: `+` results, list literals, `map()` and
// `filter()` results, builtin results and parts copied out of built values. Counted as
// they are built, freed or not, so it bounds both memory and copying work; past it the
// evaluation stops with an `expr-too-costly` error at the expression that would build more.
inline constexpr std::size_t k_max_built_bytes = 1U << 26;

} // namespace ghes_topology::expr
