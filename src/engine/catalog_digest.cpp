// SPDX-License-Identifier: Apache-2.0
// The rule catalog's digest: which rules judged a run, in `--version` and reports.
#include "ghes_topology/engine/catalog.hpp"

#include <string>
#include <string_view>

namespace ghes_topology::engine {

namespace {

constexpr std::uint64_t k_fnv_offset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t k_fnv_prime = 0x100000001b3ULL;

// FNV-1a 64 of `hash`'s bytes so far followed by `bytes`.
std::uint64_t fnv1a64_more(std::uint64_t hash, std::string_view bytes)
{
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= k_fnv_prime;
  }
  return hash;
}

// `value` as 16 lower-case hex digits (what `{:016x}` writes) into `text`.
void hex64(char (&text)[16], std::uint64_t value)
{
  constexpr std::string_view digits = "0123456789abcdef";
  for (int i = 15; i >= 0; --i) {
    text[i] = digits[value & 0xFU];
    value >>= 4;
  }
}

} // namespace

std::uint64_t fnv1a64(std::string_view bytes)
{
  return fnv1a64_more(k_fnv_offset, bytes);
}

std::string catalog_digest(const Catalog& catalog)
{
  // The hash of the manifest, one line per rule: `<text hash as 16 hex digits>  <file>\n`,
  // hashed as it would be written (no string of it is built).
  std::uint64_t hash = k_fnv_offset;
  char text[16];
  for (const auto& rule : catalog.rules) {
    hex64(text, rule.text_hash);
    hash = fnv1a64_more(hash, std::string_view(text, sizeof text));
    hash = fnv1a64_more(hash, "  ");
    hash = fnv1a64_more(hash, rule.file);
    hash = fnv1a64_more(hash, "\n");
  }
  hex64(text, hash);
  return "fnv1a64:" + std::string(text, sizeof text);
}

} // namespace ghes_topology::engine
