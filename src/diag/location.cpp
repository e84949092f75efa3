// SPDX-License-Identifier: Apache-2.0
// Location formatting.
#include "ghes_topology/diag/location.hpp"

#include <fmt/format.h>

namespace ghes_topology::diag {

std::string Location::to_string() const
{
  if (file.empty())
    return "<unknown>";
  if (line <= 0)
    return file;
  return fmt::format("{}:{}:{}", file, line, column);
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
