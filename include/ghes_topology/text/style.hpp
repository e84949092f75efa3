// SPDX-License-Identifier: Apache-2.0
// Terminal colours: one style table on top of fmt::styled, for every command and diagnostic.
#pragma once

#include <string>
#include <string_view>

namespace ghes_topology::text {

// --- Interface ---

// Whether an output may carry colour escapes.
enum class Color { no, yes };

// Every style ghes-topology prints; `style.cpp` maps each to one fmt text style.
enum class Style {
  plain,
  bold,
  dim,
  red,       // errors, blocked options, FAIL (bold red)
  yellow,    // warnings in reports (bold yellow)
  green,     // the verdict, pass, carets (bold green)
  cyan,      // info findings
  magenta,   // warnings in diagnostics (bold magenta)
  bold_cyan, // notes in diagnostics
};

// `text` wrapped in the escapes of `style` when `color` is yes (nothing added for `plain`);
// `text` itself otherwise.
std::string styled(std::string_view text, Style style, Color color);

} // namespace ghes_topology::text
