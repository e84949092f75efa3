// SPDX-License-Identifier: Apache-2.0
// Edit distance and "did you mean" candidates (after ninja's edit_distance).
#include "ghes_topology/diag/suggest.hpp"

#include <algorithm>
#include <array>

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

namespace {

// Unit suffixes that a key or field name may carry (`dns_ttl_seconds`, `latency_ms`): a typo
// in the name, or a missing or different unit, still finds the name through its stem.
constexpr std::array<std::string_view, 9> k_unit_suffixes = {
    "_seconds", "_minutes", "_hours", "_days", "_ms", "_gb", "_percent", "_vcpus", "_per_month"};

// `name` without its unit suffix, or `name` when it has none.
std::string_view unit_stem(std::string_view name)
{
  for (const auto suffix : k_unit_suffixes)
    if (name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix)
      return name.substr(0, name.size() - suffix.size());
  return name;
}

// The index of the candidate closest to `word` within the typo distance, or `npos`.
template <typename Strings>
std::size_t closest_index(std::string_view word, const Strings& candidates)
{
  const std::size_t allowed = std::max<std::size_t>(2, word.size() / 3);
  std::size_t best = std::string::npos;
  std::size_t best_distance = allowed + 1;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const std::size_t d = edit_distance(word, candidates[i], allowed);
    if (d < best_distance) {
      best_distance = d;
      best = i;
    }
  }
  return best;
}

} // namespace

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates)
{
  if (word.empty())
    return {};
  if (const auto best = closest_index(word, candidates); best != std::string::npos)
    return candidates[best];
  // A unique candidate that starts with or contains the word (`dns_ttl` for
  // `dns_ttl_seconds`).
  if (word.size() >= 3) {
    std::string found;
    bool unique = true;
    for (const auto& candidate : candidates) {
      if (candidate.find(word) != std::string::npos) {
        unique = found.empty();
        found = candidate;
        if (!unique)
          break;
      }
    }
    if (unique && !found.empty())
      return found;
  }
  // The same typo distance once the unit suffix is left out on both sides
  // (`dns_tll` -> `dns_ttl_seconds`, `latncy_ms` -> `latency_ms`).
  std::vector<std::string_view> stems;
  stems.reserve(candidates.size());
  for (const auto& candidate : candidates)
    stems.push_back(unit_stem(candidate));
  if (const auto best = closest_index(unit_stem(word), stems); best != std::string::npos)
    return candidates[best];
  return {};
}

} // namespace ghes_topology::diag
