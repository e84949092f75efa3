// SPDX-License-Identifier: Apache-2.0
// Source texts kept for printing the offending line under a diagnostic.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

  // Finds the text called `name` in a set of texts that outlive the map, or nothing.
  using Resolver = std::optional<std::string_view> (*)(std::string_view name);
  // Borrows every text `resolver` finds (the rule files embedded in the binary) without
  // registering each: a name no `add` or `add_borrowed` registered is looked up there, in the
  // order the resolvers were added. Adding the same resolver again changes nothing.
  void add_resolver(Resolver resolver);

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

  // The text of `name`: registered, else found by a resolver; nothing when neither has it.
  [[nodiscard]] std::optional<std::string_view> text(std::string_view name) const;

  std::map<std::string, Text, std::less<>> m_texts;
  std::vector<Resolver> m_resolvers;
};

} // namespace ghes_topology::diag
