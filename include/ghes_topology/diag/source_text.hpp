// SPDX-License-Identifier: Apache-2.0
// Source texts kept for printing the offending line under a diagnostic.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ghes_topology::diag {

// --- Interface ---

// Maps a source name (as written in `Location::file`) to its full text.
// Loaders register every text they read so renderers can quote lines.
class SourceMap
{
public:
  // Registers (or replaces) the text of `name`.
  void add(std::string name, std::string text);

  // The text of 1-based `line` in `name` without its line ending, or nothing
  // when the source or line is unknown.
  [[nodiscard]] std::optional<std::string_view> line(const std::string& name, int line) const;

  [[nodiscard]] bool contains(const std::string& name) const;

private:
  std::map<std::string, std::string, std::less<>> m_texts;
};

} // namespace ghes_topology::diag
