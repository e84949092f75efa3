// SPDX-License-Identifier: Apache-2.0
// Terminal text layout: word wrapping, aligned tables and ANSI styles.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::report {

// --- Interface ---

enum class Style { plain, bold, dim, red, yellow, green, cyan, magenta };

// Wraps `text` with ANSI escapes for `style` when `enabled` is true; else returns it.
std::string styled(std::string_view text, Style style, bool enabled);

// Display width of `text` in columns: UTF-8 code points, ANSI escapes excluded.
std::size_t display_width(std::string_view text);

// Word-wraps `text` to `width` columns. The first line starts with `first_indent`,
// the following lines with `rest_indent`. Words longer than a line are kept whole.
// Existing newlines in `text` start new paragraphs. Result ends with '\n'.
std::string wrap(std::string_view text, std::size_t width, std::string_view first_indent,
                 std::string_view rest_indent);

// A table whose columns are padded to their widest cell; the last column is wrapped
// so rows fit in `width`. Cells may contain ANSI escapes (ignored for widths).
class Table
{
public:
  explicit Table(std::vector<std::string> header = {});
  void add_row(std::vector<std::string> cells);
  // Renders with `indent` before each row and two spaces between columns.
  [[nodiscard]] std::string render(std::size_t width, std::string_view indent = "") const;

private:
  std::vector<std::string> m_header;
  std::vector<std::vector<std::string>> m_rows;
};

} // namespace ghes_topology::report
