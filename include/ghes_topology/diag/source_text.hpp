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

  // Registers (or replaces) `name` with `text`, not copied: the caller guarantees `text`
  // outlives the map (the rule files embedded in the binary).
  void add_borrowed(std::string name, std::string_view text);

  // The text of 1-based `line` in `name` without its line ending, or nothing
  // when the source or line is unknown.
  [[nodiscard]] std::optional<std::string_view> line(const std::string& name, int line) const;

  [[nodiscard]] bool contains(const std::string& name) const;

private:
  // A text, owned or borrowed (`borrowed` set).
  struct Text
  {
    std::string owned;
    std::string_view borrowed;
    bool is_borrowed = false;
  };

  std::map<std::string, Text, std::less<>> m_texts;
};

} // namespace ghes_topology::diag
