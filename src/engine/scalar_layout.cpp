// SPDX-License-Identifier: Apache-2.0
// Lays a YAML scalar's text out as it sits in its file, for exact expression locations.
#include "engine/scalar_layout_internal.hpp"

#include "ghes_topology/expr/lexer.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace ghes_topology::engine {
namespace {

constexpr int k_max_scan_lines = 400; // how far a multi-line flow scalar is searched for

bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::size_t leading_spaces(std::string_view line)
{
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ')
    ++n;
  return n;
}

bool is_blank(std::string_view line)
{
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

std::size_t index_of(int column)
{
  return column > 1 ? static_cast<std::size_t>(column - 1) : 0;
}

// The value at `base`, columns approximate after the first difference from the file.
ScalarLayout approximate(const std::string& value, const diag::Location& base, int continuation_column)
{
  return ScalarLayout{value, base, continuation_column, false};
}

// How a flow scalar is quoted: escapes differ between the three.
enum class Quote { none, single, double_ };

// An escape in the file and the value bytes it stands for.
struct Escape
{
  std::size_t raw_length = 0;
  std::string value;
};

// The escape starting at `raw[at]` in a scalar quoted with `quote`: `\x`, `\u`, `\U`
// and the one-letter escapes of a double-quoted scalar, `''` of a single-quoted one.
std::optional<Escape> escape_at(std::string_view raw, std::size_t at, Quote quote)
{
  if (quote == Quote::single && raw.substr(at, 2) == "''")
    return Escape{2, "'"};
  if (quote != Quote::double_ || raw[at] != '\\' || at + 1 >= raw.size())
    return std::nullopt;
  const char letter = raw[at + 1];
  const auto hex = [&](std::size_t digits) -> std::optional<Escape> {
    const std::string_view text = raw.substr(at + 2, digits);
    if (text.size() != digits || !std::all_of(text.begin(), text.end(), [](char c) {
          return std::isxdigit(static_cast<unsigned char>(c)) != 0;
        }))
      return std::nullopt;
    std::string value;
    expr::append_utf8(value, static_cast<std::uint32_t>(std::stoul(std::string(text), nullptr, 16)));
    return Escape{digits + 2, std::move(value)};
  };
  switch (letter) {
  case 'x':
    return hex(2);
  case 'u':
    return hex(4);
  case 'U':
    return hex(8);
  case 'N':
    return Escape{2, "\xC2\x85"};
  case '_':
    return Escape{2, "\xC2\xA0"};
  case 'L':
    return Escape{2, "\xE2\x80\xA8"};
  case 'P':
    return Escape{2, "\xE2\x80\xA9"};
  default:
    break;
  }
  static constexpr std::string_view k_letters = "0abtnvfre";
  static constexpr std::string_view k_values{"\0\a\b\t\n\v\f\r\x1b", 9};
  if (const auto k = k_letters.find(letter); k != std::string_view::npos)
    return Escape{2, std::string(1, k_values[k])};
  if (letter == ' ' || letter == '"' || letter == '/' || letter == '\\' || letter == '\t')
    return Escape{2, std::string(1, letter)};
  return std::nullopt;
}

// A plain or quoted scalar starting at `base` (after the opening quote). The layout keeps
// the file's line breaks and indentation, so every character lands on its own line of the
// file; columns after an escape on the same line are approximate.
ScalarLayout flow_layout(const std::string& value, const SourceLines& lines, const diag::Location& base,
                         Quote quote)
{
  const std::string_view first = lines.line(base.line);
  const std::size_t start = std::min(index_of(base.column), first.size());
  const std::string_view rest = first.substr(start);
  if (value.find('\n') == std::string::npos && rest.substr(0, value.size()) == value)
    return ScalarLayout{value, base, 1, true};

  // Several lines (or escapes): align the value with the file's characters. The value
  // differs from the file only in whitespace for a folded plain or quoted scalar, and in
  // escapes, which the layout writes as the characters they stand for.
  std::string raw(rest);
  for (int n = base.line + 1; n <= lines.count() && n <= base.line + k_max_scan_lines; ++n) {
    raw += '\n';
    raw += lines.line(n);
  }
  std::string layout;
  bool exact = true;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < value.size() && j < raw.size()) {
    if (const auto escape = escape_at(raw, j, quote);
        escape && value.compare(i, escape->value.size(), escape->value) == 0) {
      layout += escape->value;
      i += escape->value.size();
      j += escape->raw_length;
      exact = false;
    } else if (value[i] == raw[j]) {
      layout += value[i++];
      ++j;
    } else if (is_space(raw[j])) {
      layout += raw[j++];
    } else if (is_space(value[i])) {
      if (layout.empty() || !is_space(layout.back())) {
        layout += value[i];
        exact = false;
      }
      ++i;
    } else {
      ++j; // an unknown difference: the value cannot be laid out
      exact = false;
    }
  }
  while (i < value.size() && is_space(value[i]))
    ++i; // the line break that ends an unclosed quoted scalar at the end of the file
  if (i < value.size() || collapse_whitespace(layout) != collapse_whitespace(value))
    return approximate(value, base, base.column);
  return ScalarLayout{std::move(layout), base, 1, exact};
}

// A block scalar (`|` or `>`) whose indicator is at `where`.
ScalarLayout block_layout(const std::string& value, const SourceLines& lines, const diag::Location& where)
{
  const std::string_view header = lines.line(where.line);
  const std::size_t at = index_of(where.column);
  const diag::Location next_line = diag::point(where.file, where.line + 1, 1);
  if (at >= header.size() || (header[at] != '|' && header[at] != '>'))
    return approximate(value, next_line, 1);
  for (std::size_t k = at + 1; k < header.size() && !is_space(header[k]) && header[k] != '#'; ++k)
    if (header[k] >= '0' && header[k] <= '9')
      return approximate(value, next_line, 1); // explicit indentation indicator

  int first = where.line + 1;
  while (first <= lines.count() && is_blank(lines.line(first)))
    ++first;
  if (first > lines.count())
    return approximate(value, next_line, 1);
  const std::size_t indent = leading_spaces(lines.line(first));
  const int column = static_cast<int>(indent) + 1;
  const diag::Location base = diag::point(where.file, first, column);
  if (indent == 0)
    return approximate(value, base, column);

  std::vector<std::string_view> body;
  for (int n = first; n <= lines.count(); ++n) {
    const std::string_view line = lines.line(n);
    if (!is_blank(line) && leading_spaces(line) < indent)
      break;
    body.push_back(line.size() > indent ? line.substr(indent) : std::string_view());
  }
  while (!body.empty() && is_blank(body.back()))
    body.pop_back();
  std::string layout;
  for (std::size_t k = 0; k < body.size(); ++k) {
    if (k > 0)
      layout += '\n';
    layout += body[k];
  }
  if (collapse_whitespace(layout) != collapse_whitespace(value))
    return approximate(value, base, column);
  return ScalarLayout{std::move(layout), base, column, true};
}

} // namespace

SourceLines::SourceLines(std::string_view text)
{
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    std::string_view line =
        text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    m_lines.push_back(line);
    if (end == std::string_view::npos)
      break;
    start = end + 1;
  }
}

std::string_view SourceLines::line(int number) const
{
  if (number < 1 || number > count())
    return {};
  return m_lines[static_cast<std::size_t>(number - 1)];
}

std::string collapse_whitespace(std::string_view text)
{
  std::string out;
  bool pending_space = false;
  for (char c : text) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space)
      out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

ScalarLayout scalar_layout(const loader::YamlNode& node, const SourceLines& lines)
{
  const diag::Location& where = node.where;
  const diag::Location start = diag::point(where.file, where.line, where.column);
  if (!where.has_position())
    return approximate(node.text, start, 1);
  switch (node.style) {
  case loader::YamlNode::Style::block:
    return block_layout(node.text, lines, start);
  case loader::YamlNode::Style::quoted: {
    const std::string_view line = lines.line(where.line);
    const std::size_t at = index_of(where.column);
    const char mark = at < line.size() ? line[at] : 0;
    const Quote quote = mark == '"' ? Quote::double_ : mark == '\'' ? Quote::single : Quote::none;
    return flow_layout(node.text, lines,
                       diag::point(where.file, where.line, where.column + (quote != Quote::none ? 1 : 0)),
                       quote);
  }
  case loader::YamlNode::Style::plain:
    break;
  }
  return flow_layout(node.text, lines, start, Quote::none);
}

diag::Location locate(const ScalarLayout& layout, std::size_t offset)
{
  return LayoutCursor(layout).at(offset);
}

LayoutCursor::LayoutCursor(const ScalarLayout& layout)
    : m_layout(layout)
    , m_line(layout.base.line)
    , m_column(layout.base.column)
{}

diag::Location LayoutCursor::at(std::size_t offset)
{
  const std::size_t end = std::min(offset, m_layout.text.size());
  if (end < m_offset) {
    m_offset = 0;
    m_line = m_layout.base.line;
    m_column = m_layout.base.column;
  }
  for (; m_offset < end; ++m_offset) {
    if (m_layout.text[m_offset] == '\n') {
      ++m_line;
      m_column = m_layout.continuation_column;
    } else {
      ++m_column;
    }
  }
  return diag::point(m_layout.base.file, m_line, m_column);
}

} // namespace ghes_topology::engine
