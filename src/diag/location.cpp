// SPDX-License-Identifier: Apache-2.0
// Location formatting.
#include "ghes_topology/diag/location.hpp"

#include <charconv>

namespace ghes_topology::diag {

std::string Location::to_string() const
{
  if (file.empty())
    return "<unknown>";
  if (line <= 0)
    return file;
  // `file:line:col` without a format call: every finding and diagnostic prints one.
  std::string out;
  out.reserve(file.size() + 16);
  out += file;
  for (const int number : {line, column}) {
    char digits[16];
    const auto result = std::to_chars(digits, digits + sizeof digits, number);
    out += ':';
    out.append(digits, result.ptr);
  }
  return out;
}

Location point(std::string file, int line, int column)
{
  return Location{std::move(file), line, column, line, column};
}

Location span(std::string file, int line, int column, int length)
{
  return Location{std::move(file), line, column, line, column + (length > 0 ? length - 1 : 0)};
}

} // namespace ghes_topology::diag
