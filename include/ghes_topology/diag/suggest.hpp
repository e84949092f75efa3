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

// The candidate closest to `word`, if it is close enough to be a plausible typo
// (distance <= max(2, word.size() / 3)), or a candidate that starts with or contains
// `word`'s stem; empty when none is. Ties go to the earlier candidate.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

} // namespace ghes_topology::diag
