// SPDX-License-Identifier: Apache-2.0
// Diagnostic text rendering with source line and caret.
#include "ghes_topology/diag/render.hpp"

#include "ghes_topology/diag/text.hpp"
#include "ghes_topology/text/layout.hpp"

#include <algorithm>
#include <fmt/format.h>

#include <algorithm>

namespace ghes_topology::diag {
namespace {

constexpr std::size_t k_max_quoted_line = 120;     // bytes of a source line shown under a diagnostic
constexpr std::size_t k_max_line_bytes = 1U << 30; // keeps a clamped column within `int`

text::Style severity_style(Severity severity)
{
  switch (severity) {
  case Severity::error:
    return text::Style::red;
  case Severity::warning:
    return text::Style::magenta;
  case Severity::note:
    return text::Style::bold_cyan;
  }
  return text::Style::plain;
}

// Spaces (tabs kept) that line the caret up under byte column `column` of `line`.
std::string caret_indent(std::string_view line, int column)
{
  std::string indent;
  const auto limit = std::min(static_cast<std::size_t>(column > 0 ? column - 1 : 0), line.size());
  for (std::size_t i = 0; i < limit;) {
    if (line[i] == '\t') {
      indent += '\t';
      ++i;
      continue;
    }
    std::size_t next = i + 1; // one code point: wide characters (CJK) take two columns
    while (next < limit && (static_cast<unsigned char>(line[next]) & 0xC0) == 0x80)
      ++next;
    indent += std::string(text::display_width(line.substr(i, next - i)), ' ');
    i = next;
  }
  return indent;
}

} // namespace

std::string render(const Diagnostic& d, const SourceMap& sources, Color color)
{
  auto style = [color](std::string_view t, text::Style s) { return text::styled(t, s, color); };

  std::string out;
  if (d.where.has_file())
    out += style(printable(d.where.to_string()) + ":", text::Style::bold) + " ";
  // Input text (names, keys, values, paths) is printed escaped and cut: a terminal
  // must never run an escape sequence from a file, nor print a 400 KB argument.
  out += style(std::string(to_string(d.severity)) + ":", severity_style(d.severity)) + " " +
         style(printable(d.message), text::Style::bold);
  if (!d.code.empty())
    out += fmt::format(" [{}]", d.code);
  out += '\n';

  std::string gutter = "    ";
  if (d.where.has_position()) {
    if (auto text = sources.line(d.where.file, d.where.line)) {
      const std::string number = std::to_string(d.where.line);
      gutter = std::string(number.size() + 1, ' ');
      // Any column is clamped onto the line: before its start to 1, past its end to just
      // after its last character, so a wrong location still renders (never throws).
      std::string_view shown = *text;
      const int line_end = static_cast<int>(std::min<std::size_t>(shown.size(), k_max_line_bytes)) + 1;
      const int first = std::clamp(d.where.column, 1, line_end);
      int length = 1;
      if (d.where.end_line == d.where.line && d.where.end_column >= first)
        length = std::clamp(d.where.end_column, first, line_end) - first + 1;
      // A very long line (minified or hostile input) is quoted as a window around
      // the column, so that one diagnostic never prints megabytes.
      std::string prefix;
      std::string suffix;
      int column = first;
      if (shown.size() > k_max_quoted_line) {
        const auto at = static_cast<std::size_t>(column - 1);
        // From the line's start while the column fits with some context after it.
        std::size_t start = at + 20 <= k_max_quoted_line ? 0 : at - k_max_quoted_line / 2;
        while (start > 0 && (static_cast<unsigned char>(shown[start]) & 0xC0) == 0x80)
          --start;
        std::size_t end = std::min(shown.size(), start + k_max_quoted_line);
        while (end < shown.size() && (static_cast<unsigned char>(shown[end]) & 0xC0) == 0x80)
          ++end;
        prefix = start > 0 ? "..." : "";
        suffix = end < shown.size() ? "..." : "";
        shown = shown.substr(start, end - start);
        column = column - static_cast<int>(start) + static_cast<int>(prefix.size());
      }
      // Escaping lengthens the line; the caret follows the escaped text.
      const auto before =
          static_cast<std::size_t>(std::clamp(column - 1, 0, static_cast<int>(prefix.size() + shown.size())));
      const std::string raw = prefix + std::string(shown);
      const std::string escaped_before = escape_controls(std::string_view(raw).substr(0, before));
      const std::string quoted = escaped_before + escape_controls(std::string_view(raw).substr(before));
      column += static_cast<int>(escaped_before.size()) - static_cast<int>(before);
      out += fmt::format(" {} | {}{}\n", number, quoted, suffix);
      const int available = std::max(1, static_cast<int>(quoted.size()) - column + 1);
      length = std::min(length, available);
      std::string marker = "^" + std::string(static_cast<std::size_t>(length - 1), '~');
      out +=
          fmt::format("{} | {}{}\n", gutter, caret_indent(quoted, column), style(marker, text::Style::green));
    }
  }
  if (!d.key_path.empty())
    out += fmt::format("{} = key path: {}\n", gutter, printable(d.key_path));
  if (!d.expected.empty())
    out += fmt::format("{} = expected: {}\n", gutter, printable(d.expected));
  if (!d.found.empty())
    out += fmt::format("{} = found: {}\n", gutter, printable(d.found));
  for (const auto& note : d.notes)
    out += fmt::format("{} = note: {}\n", gutter, printable(note));
  if (!d.suggestion.empty())
    out += fmt::format("{} = help: did you mean '{}'?\n", gutter, printable(d.suggestion));
  return out;
}

std::string render_all(const DiagnosticBag& bag, const SourceMap& sources, Color color)
{
  std::string out;
  for (const auto& d : bag.all())
    out += render(d, sources, color);
  if (bag.dropped() > 0)
    out += fmt::format("note: {} more problem(s) not shown (limit {} reached)\n", bag.dropped(),
                       bag.all().size());
  return out;
}

} // namespace ghes_topology::diag
