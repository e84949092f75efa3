// SPDX-License-Identifier: Apache-2.0
// The built-in rule catalog, compiled and embedded at build time from rules/ by
// src/tools/compile_rules.cpp (generated code, linked only into the upper library).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace ghes_topology::engine {

// --- Interface ---

// One embedded file: its path relative to the source tree (`rules/backups/required.yaml`)
// and its bytes (CR LF folded to LF).
struct EmbeddedFile
{
  std::string_view path;
  std::string_view bytes;
};

// Every file under rules/ with a .yaml extension, sorted by path.
std::span<const EmbeddedFile> embedded_rule_files();

// The built-in catalog as `write_image` bytes (src/engine/catalog_image.hpp): every rule of
// `embedded_rule_files()` loaded, checked and compiled when the binary was built.
std::string_view builtin_catalog_image();

// What `--version` says of the built-in catalog, computed when it was compiled: its number of
// rules and its `catalog_digest` (engine/catalog.hpp), so printing them loads nothing.
struct BuiltinCatalogSummary
{
  std::size_t rules = 0;
  std::string_view digest;
};

// The summary of the catalog `builtin_catalog_image()` holds.
BuiltinCatalogSummary builtin_catalog_summary();

} // namespace ghes_topology::engine
