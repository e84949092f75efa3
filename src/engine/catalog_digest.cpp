// SPDX-License-Identifier: Apache-2.0
// The rule catalog's digest: which rules judged a run, in `--version` and reports.
#include "ghes_topology/engine/catalog.hpp"

#include <string_view>

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

namespace {

// `value` as 16 lower-case hex digits, appended to `out` (what `{:016x}` writes).
void append_hex64(std::string& out, std::uint64_t value)
{
  constexpr std::string_view digits = "0123456789abcdef";
  char text[16];
  for (int i = 15; i >= 0; --i) {
    text[i] = digits[value & 0xFU];
    value >>= 4;
  }
  out.append(text, sizeof text);
}

} // namespace

std::string catalog_digest(const Catalog& catalog)
{
  // The manifest is one line per rule: `<text hash as 16 hex digits>  <file>\n`.
  std::string manifest;
  std::size_t length = 0;
  for (const auto& rule : catalog.rules)
    length += 16 + 2 + rule.file.size() + 1;
  manifest.reserve(length);
  for (const auto& rule : catalog.rules) {
    append_hex64(manifest, rule.text_hash);
    manifest += "  ";
    manifest += rule.file;
    manifest += '\n';
  }
  std::string digest = "fnv1a64:";
  append_hex64(digest, fnv1a64(manifest));
  return digest;
}

} // namespace ghes_topology::engine
