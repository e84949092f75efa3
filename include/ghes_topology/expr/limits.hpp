// SPDX-License-Identifier: Apache-2.0
// Bounds on the values an expression evaluation may build.
#pragma once

#include <cstddef>

namespace ghes_topology::expr {

// --- Interface ---

// The largest string (in bytes) and list (in items) an evaluation may build with `+`;
// a larger result is an `expr-too-costly` error at the `+` that would build it, so a
// rule that doubles a value in a loop stops early instead of exhausting memory.
inline constexpr std::size_t k_max_string_bytes = 1U << 20;
inline constexpr std::size_t k_max_list_items = 100'000;

} // namespace ghes_topology::expr
