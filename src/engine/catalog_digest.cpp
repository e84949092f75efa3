// SPDX-License-Identifier: Apache-2.0
// The rule catalog's digest: which rules judged a run, in `--version` and reports.
#include "ghes_topology/engine/catalog.hpp"

#include <fmt/format.h>

namespace ghes_topology::engine {

std::uint64_t fnv1a64(std::string_view bytes)
{
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string catalog_digest(const Catalog& catalog)
{
  std::string manifest;
  for (const auto& rule : catalog.rules)
    manifest += fmt::format("{:016x}  {}\n", rule.text_hash, rule.file);
  return fmt::format("fnv1a64:{:016x}", fnv1a64(manifest));
}

} // namespace ghes_topology::engine
