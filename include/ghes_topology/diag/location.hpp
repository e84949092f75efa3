// SPDX-License-Identifier: Apache-2.0
// Source locations: where in which file a fact, a rule or a token came from.
#pragma once

#include <fmt/format.h>

#include <compare>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace ghes_topology::diag {

// --- Interface ---

// A file's name as locations carry it: one copy of each distinct name for the life of the
// process, shared by every location in that file, so a location is copied without an
// allocation (a file's values, nodes and findings all name it). Reads as a `const
// std::string&`; equal names are the same copy, so `==` compares one pointer.
class FileName
{
public:
  FileName() = default;
  FileName(std::string_view name);  // NOLINT(google-explicit-constructor): a name converts
  FileName(const std::string& name) // NOLINT(google-explicit-constructor)
      : FileName(std::string_view(name))
  {}
  FileName(const char* name) // NOLINT(google-explicit-constructor)
      : FileName(std::string_view(name))
  {}

  [[nodiscard]] const std::string& str() const { return m_name != nullptr ? *m_name : no_name(); }
  operator const std::string&() const { return str(); } // NOLINT(google-explicit-constructor)
  operator std::string_view() const { return str(); }   // NOLINT(google-explicit-constructor)
  [[nodiscard]] bool empty() const { return m_name == nullptr; }
  [[nodiscard]] std::size_t size() const { return str().size(); }

  friend bool operator==(const FileName& a, const FileName& b) { return a.m_name == b.m_name; }
  friend std::strong_ordering operator<=>(const FileName& a, const FileName& b)
  {
    return a.m_name == b.m_name ? std::strong_ordering::equal : a.str().compare(b.str()) <=> 0;
  }
  friend bool operator==(const FileName& a, std::string_view b) { return a.str() == b; }
  friend bool operator==(const FileName& a, const std::string& b) { return a.str() == b; }
  friend bool operator==(const FileName& a, const char* b) { return a.str() == b; }
  friend std::ostream& operator<<(std::ostream& out, const FileName& name) { return out << name.str(); }

private:
  static const std::string& no_name(); // the empty name
  const std::string* m_name = nullptr; // interned (`FileName(std::string_view)`); null: no name
};

// A 1-based range in a named source. `line == 0` means "no position known"
// (the whole file, or a synthetic value such as a command-line override).
// `end_line`/`end_column` are inclusive; when equal to zero the range is a single point.
struct Location
{
  FileName file;
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
Location point(FileName file, int line, int column);

// A range on one line: `length` characters starting at `column` (length >= 1).
Location span(FileName file, int line, int column, int length);

} // namespace ghes_topology::diag

template <>
struct fmt::formatter<ghes_topology::diag::FileName> : fmt::formatter<std::string_view>
{
  template <typename FormatContext>
  auto format(const ghes_topology::diag::FileName& name, FormatContext& ctx) const
  {
    return fmt::formatter<std::string_view>::format(std::string_view(name.str()), ctx);
  }
};
