// SPDX-License-Identifier: Apache-2.0
// The built-in rule catalog, embedded at build time from rules/.
#pragma once

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

} // namespace ghes_topology::engine
