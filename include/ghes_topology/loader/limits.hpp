// SPDX-License-Identifier: Apache-2.0
// Bounds that keep hostile input from exhausting time or memory.
#pragma once

#include <cstddef>

namespace ghes_topology::loader {

// --- Interface ---

struct Limits
{
  std::size_t max_bytes = 4 * 1024 * 1024; // larger inputs are refused (reading stops there)
  int max_depth = 64;                      // nesting of mappings and sequences
  std::size_t max_nodes = 200'000;         // nodes after alias expansion
};

} // namespace ghes_topology::loader
