// SPDX-License-Identifier: Apache-2.0
// Where the text of a YAML scalar sits in its file, so expressions compiled from it get
// exact `file:line:col` locations (private to the engine).
#pragma once

#include "ghes_topology/diag/location.hpp"
#include "ghes_topology/loader/yaml_tree.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::engine {

// The lines of a text, 1-based, without line endings.
class SourceLines
{
public:
  explicit SourceLines(std::string_view text);
  // Line `number` (1-based), or an empty view past the end.
  [[nodiscard]] std::string_view line(int number) const;
  [[nodiscard]] int count() const { return static_cast<int>(m_lines.size()); }

private:
  std::vector<std::string_view> m_lines;
};

// A text to hand to the expression compiler and where it starts in the file.
struct ScalarLayout
{
  std::string text;            // the scalar laid out as in the file (see `scalar_layout`)
  diag::Location base;         // where `text` starts
  int continuation_column = 1; // where its second and later lines start
  bool exact = false;          // positions of every character of `text` are exact
};

// The layout of scalar `node`, whose value is `node.text`:
// - plain or quoted on one line: the value itself at its first character (after the quote);
// - plain or quoted over several lines, or a block scalar (`|`, `>`): the file's own lines
//   (indentation removed for blocks), which differ from the value only in whitespace, so
//   every column is exact;
// - a quoted scalar with escapes (`\U0001F600`, `\"`, `''`): the file's own lines with each
//   escape written as the characters it stands for, so every character stays on its line
//   and only columns after an escape on the same line are approximate (`exact` false);
// - a quoted scalar left open to the end of the file: as if closed there;
// - otherwise (explicit indentation indicators, ...): the value at the scalar's start, with
//   columns after the first difference approximate (`exact` false).
ScalarLayout scalar_layout(const loader::YamlNode& node, const SourceLines& lines);

// The file location of byte `offset` of `layout.text`.
diag::Location locate(const ScalarLayout& layout, std::size_t offset);

// Locates many offsets of one layout (a message's placeholders) in time linear in the
// text when they come in increasing order: each call walks on from the previous offset
// (and starts over from the beginning for a smaller one). `layout` must outlive it.
class LayoutCursor
{
public:
  explicit LayoutCursor(const ScalarLayout& layout);
  // The same location as `locate(layout, offset)`.
  [[nodiscard]] diag::Location at(std::size_t offset);

private:
  const ScalarLayout& m_layout;
  std::size_t m_offset = 0;
  int m_line = 0;
  int m_column = 0;
};

// `text` with every whitespace run turned into one space and both ends trimmed.
std::string collapse_whitespace(std::string_view text);

} // namespace ghes_topology::engine
