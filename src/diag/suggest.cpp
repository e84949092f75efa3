// SPDX-License-Identifier: Apache-2.0
// Edit distance and "did you mean" candidates (after ninja's edit_distance).
#include "ghes_topology/diag/suggest.hpp"

#include <algorithm>

namespace ghes_topology::diag {

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit)
{
  const std::size_t n = b.size();
  std::vector<std::size_t> row(n + 1);
  for (std::size_t j = 0; j <= n; ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    std::size_t best = row[0];
    for (std::size_t j = 1; j <= n; ++j) {
      const std::size_t above = row[j];
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
      best = std::min(best, row[j]);
    }
    if (best > limit)
      return limit + 1;
  }
  return std::min(row[n], limit + 1);
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates)
{
  if (word.empty())
    return {};
  const std::size_t allowed = std::max<std::size_t>(2, word.size() / 3);
  std::string best;
  std::size_t best_distance = allowed + 1;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(word, candidate, allowed);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  if (!best.empty())
    return best;
  // A key written without its unit suffix (`dns_ttl` for `dns_ttl_seconds`), or a
  // unique candidate that contains the word.
  if (word.size() >= 3) {
    std::string found;
    for (const auto& candidate : candidates) {
      if (candidate.rfind(word, 0) == 0 || candidate.find(word) != std::string::npos) {
        if (!found.empty())
          return {};
        found = candidate;
      }
    }
    return found;
  }
  return {};
}

} // namespace ghes_topology::diag
