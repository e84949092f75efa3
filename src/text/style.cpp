// SPDX-License-Identifier: Apache-2.0
// The one style table.
#include "ghes_topology/text/style.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

namespace ghes_topology::text {
namespace {

fmt::text_style style_of(Style style)
{
  using fmt::emphasis;
  using fmt::terminal_color;
  switch (style) {
  case Style::plain:
    return {};
  case Style::bold:
    return fmt::text_style(emphasis::bold);
  case Style::dim:
    return fmt::text_style(emphasis::faint);
  case Style::red:
    return emphasis::bold | fmt::fg(terminal_color::red);
  case Style::yellow:
    return emphasis::bold | fmt::fg(terminal_color::yellow);
  case Style::green:
    return emphasis::bold | fmt::fg(terminal_color::green);
  case Style::cyan:
    return fmt::fg(terminal_color::cyan);
  case Style::magenta:
    return emphasis::bold | fmt::fg(terminal_color::magenta);
  case Style::bold_cyan:
    return emphasis::bold | fmt::fg(terminal_color::cyan);
  }
  return {};
}

} // namespace

std::string styled(std::string_view text, Style style, Color color)
{
  if (color == Color::no || style == Style::plain)
    return std::string(text);
  return fmt::format("{}", fmt::styled(text, style_of(style)));
}

} // namespace ghes_topology::text
