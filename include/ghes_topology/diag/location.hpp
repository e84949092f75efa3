// SPDX-License-Identifier: Apache-2.0
// Source locations: where in which file a fact, a rule or a token came from.
#pragma once

#include <compare>
#include <string>

namespace ghes_topology::diag {

// --- Interface ---

// A 1-based range in a named source. `line == 0` means "no position known"
// (the whole file, or a synthetic value such as a command-line override).
// `end_line`/`end_column` are inclusive; when equal to zero the range is a single point.
struct Location
{
  std::string file;
  int line = 0;
  int column = 0;
  int end_line = 0;
  int end_column = 0;

  // True when the location names at least a file.
  [[nodiscard]] bool has_file() const { return !file.empty(); }
  // True when the location has a line (and column).
  [[nodiscard]] bool has_position() const { return line > 0; }

  // `file:line:col`, `file` or "<unknown>" depending on what is known.
  [[nodiscard]] std::string to_string() const;

  auto operator<=>(const Location&) const = default;
};

// A point location at `line`:`column` in `file`.
Location point(std::string file, int line, int column);

// A range on one line: `length` characters starting at `column` (length >= 1).
Location span(std::string file, int line, int column, int length);

} // namespace ghes_topology::diag
