// SPDX-License-Identifier: Apache-2.0
// Output held back in an anonymous temporary file.
#include "report/spool.hpp"

#include "ghes_topology/diag/error.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <ostream>
#include <string>

namespace ghes_topology::report {

Spool::Spool()
    : m_file(std::tmpfile())
{
  if (!m_file)
    throw Error(std::string("cannot create a temporary file for the report: ") + std::strerror(errno));
}

void Spool::write(std::string_view text)
{
  if (std::fwrite(text.data(), 1, text.size(), m_file.get()) != text.size())
    throw Error(std::string("cannot write the report's temporary file: ") + std::strerror(errno));
}

void Spool::copy_to(std::ostream& out)
{
  std::rewind(m_file.get());
  std::array<char, 65536> block{};
  std::size_t n = 0;
  while ((n = std::fread(block.data(), 1, block.size(), m_file.get())) > 0)
    out.write(block.data(), static_cast<std::streamsize>(n));
  if (std::ferror(m_file.get()) != 0)
    throw Error("cannot read back the report's temporary file");
}

} // namespace ghes_topology::report
