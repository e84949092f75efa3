// SPDX-License-Identifier: Apache-2.0
// Terminal text layout helpers.
#include "ghes_topology/report/text_layout.hpp"

#include <algorithm>
#include <sstream>

namespace ghes_topology::report {

std::string styled(std::string_view text, Style style, bool enabled)
{
  if (!enabled || style == Style::plain)
    return std::string(text);
  const char* code = "";
  switch (style) {
  case Style::plain:
    break;
  case Style::bold:
    code = "1";
    break;
  case Style::dim:
    code = "2";
    break;
  case Style::red:
    code = "1;31";
    break;
  case Style::yellow:
    code = "1;33";
    break;
  case Style::green:
    code = "1;32";
    break;
  case Style::cyan:
    code = "36";
    break;
  case Style::magenta:
    code = "35";
    break;
  }
  return std::string("\x1b[") + code + "m" + std::string(text) + "\x1b[0m";
}

std::size_t display_width(std::string_view text)
{
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0x1b) { // skip an ANSI CSI sequence up to its final letter
      while (i + 1 < text.size() && !std::isalpha(static_cast<unsigned char>(text[i + 1])))
        ++i;
      ++i;
      continue;
    }
    if ((c & 0xC0) != 0x80)
      ++width;
  }
  return width;
}

std::string wrap(std::string_view text, std::size_t width, std::string_view first_indent,
                 std::string_view rest_indent)
{
  std::string out;
  bool first_line = true;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    const std::string_view paragraph =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    std::string line(first_line ? first_indent : rest_indent);
    std::size_t line_width = display_width(line);
    const std::size_t indent_width = line_width;
    bool line_has_word = false;
    std::istringstream words{std::string(paragraph)};
    std::string word;
    while (words >> word) {
      const std::size_t w = display_width(word);
      if (line_has_word && line_width + 1 + w > width) {
        out += line + '\n';
        line = std::string(rest_indent);
        line_width = display_width(line);
        line_has_word = false;
      }
      if (line_has_word) {
        line += ' ';
        ++line_width;
      }
      line += word;
      line_width += w;
      line_has_word = true;
    }
    if (line_has_word || line_width == indent_width) {
      // Trim trailing blanks of an empty paragraph line.
      while (!line.empty() && line.back() == ' ')
        line.pop_back();
      out += line + '\n';
    }
    first_line = false;
    if (end == std::string_view::npos)
      break;
    start = end + 1;
  }
  return out;
}

Table::Table(std::vector<std::string> header)
    : m_header(std::move(header))
{}

void Table::add_row(std::vector<std::string> cells)
{
  m_rows.push_back(std::move(cells));
}

std::string Table::render(std::size_t width, std::string_view indent) const
{
  std::vector<std::vector<std::string>> all;
  if (!m_header.empty())
    all.push_back(m_header);
  all.insert(all.end(), m_rows.begin(), m_rows.end());
  std::size_t columns = 0;
  for (const auto& row : all)
    columns = std::max(columns, row.size());
  if (columns == 0)
    return {};
  std::vector<std::size_t> widths(columns, 0);
  for (const auto& row : all)
    for (std::size_t i = 0; i + 1 < row.size(); ++i)
      widths[i] = std::max(widths[i], display_width(row[i]));

  std::string out;
  for (const auto& row : all) {
    std::string prefix(indent);
    for (std::size_t i = 0; i + 1 < row.size(); ++i)
      prefix += row[i] + std::string(widths[i] - display_width(row[i]) + 2, ' ');
    const std::string last = row.empty() ? std::string() : row.back();
    const std::size_t used = display_width(prefix);
    if (used + display_width(last) <= width || used + 20 > width) {
      std::string line = prefix + last;
      while (!line.empty() && line.back() == ' ')
        line.pop_back();
      out += line + '\n';
    } else {
      out += wrap(last, width, prefix, std::string(used, ' '));
    }
  }
  return out;
}

} // namespace ghes_topology::report
