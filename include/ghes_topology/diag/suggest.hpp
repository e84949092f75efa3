// SPDX-License-Identifier: Apache-2.0
// "Did you mean" helpers: edit distance and closest candidate.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::diag {

// --- Interface ---

// Levenshtein distance between `a` and `b` (case-sensitive), capped at `limit + 1`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit = 64);

// The one "did you mean" policy of every message (environment keys, rule expressions,
// rule ids, enum values). In order:
//   1. the candidate closest to `word` within a plausible typo (edit distance
//      <= max(2, word.size() / 3));
//   2. the only candidate containing `word` (3 characters or more): `dns_ttl` -> `dns_ttl_seconds`;
//   3. rule 1 with a unit suffix (`_seconds`, `_minutes`, `_hours`, `_days`, `_ms`, `_gb`,
//      `_percent`, `_vcpus`, `_per_month`) left out on both sides: `dns_tll` ->
//      `dns_ttl_seconds`, `latncy` -> `latency_ms`.
// Empty when none applies. Ties go to the earlier candidate.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

} // namespace ghes_topology::diag
