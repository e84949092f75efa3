// SPDX-License-Identifier: Apache-2.0
// Terminal text layout for every command: display width, word wrapping, aligned tables,
// the output width and character set.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::text {

// --- Interface ---

// Narrowest and widest layout width; `choose_width` clamps into this range.
constexpr std::size_t k_min_width = 40;
constexpr std::size_t k_max_width = 240;
// The width for output that does not go to a terminal and has no COLUMNS (stable goldens).
constexpr std::size_t k_default_width = 100;

// Whether output may use UTF-8 beyond ASCII (score bars), from the locale's character set.
enum class Charset { utf8, ascii };

// Columns one code point `cp` takes in a terminal: 2 for East Asian wide and fullwidth
// characters, 0 for combining marks and controls, 1 otherwise (glibc `wcwidth` in C.UTF-8).
int code_point_width(char32_t cp);

// Display width of UTF-8 `text` in columns: ANSI CSI escapes take none, wide characters
// two; an invalid byte counts as one column.
std::size_t display_width(std::string_view text);

// Word-wraps `text` to `width` columns. The first line starts with `first_indent`, the
// following lines with `rest_indent`. A word longer than the room left on an empty line
// is broken after a '/' (paths, URLs) where one fits, else at the last code point that
// fits. Newlines in `text` start new paragraphs. The result ends with '\n'.
std::string wrap(std::string_view text, std::size_t width, std::string_view first_indent,
                 std::string_view rest_indent);
// `wrap` appending to `out` instead of returning a new string.
void wrap_into(std::string& out, std::string_view text, std::size_t width, std::string_view first_indent,
               std::string_view rest_indent);

// `text` when it is at most `width` columns wide, else "..." and the end of `text` that
// fits in `width` (the end of a path names the file).
std::string shorten_to_width(std::string_view text, std::size_t width);

// A table whose columns are padded to their widest cell (by display width); the last
// column is wrapped so rows fit in `width`. When fewer than `k_min_last_column` columns
// would be left for the last cell and `width` is below `k_default_width`, rows are folded instead: the first
// cell on a line of its own, the other cells after it on wrapped lines indented by four more, and no header.
// Cells may contain ANSI escapes (ignored for widths).
class Table
{
public:
  static constexpr std::size_t k_min_last_column = 20;
  explicit Table(std::vector<std::string> header = {});
  void add_row(std::vector<std::string> cells);
  // Renders with `indent` before each row and two spaces between columns.
  [[nodiscard]] std::string render(std::size_t width, std::string_view indent = "") const;

private:
  std::vector<std::string> m_header;
  std::vector<std::vector<std::string>> m_rows;
};

// The layout width: `terminal_columns` (the terminal's width; 0 when the output is not a
// terminal), else `columns_env` (the COLUMNS variable) when it is a positive number, else
// `k_default_width`; clamped to [`k_min_width`, `k_max_width`].
std::size_t choose_width(std::size_t terminal_columns, std::string_view columns_env);

// The character set of the locale named `locale` (the first non-empty of LC_ALL, LC_CTYPE,
// LANG; empty means "C"): utf8 when its codeset is UTF-8 (`en_US.UTF-8`, `C.utf8`),
// ascii otherwise (`C`, `POSIX`, `de_DE.ISO-8859-1`).
Charset charset_of_locale(std::string_view locale);

} // namespace ghes_topology::text
