// SPDX-License-Identifier: Apache-2.0
// Output held back in memory, then in an anonymous temporary file.
#include "report/spool.hpp"

#include "ghes_topology/diag/error.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <ostream>
#include <string>

namespace ghes_topology::report {

Spool::Spool(std::size_t memory_limit)
    : m_limit(memory_limit)
{}

void Spool::write(std::string_view text)
{
  if (!m_file) {
    if (m_memory.size() + text.size() <= m_limit) {
      m_memory.append(text);
      return;
    }
    m_file.reset(std::tmpfile());
    if (!m_file)
      throw Error(std::string("cannot create a temporary file for the report: ") + std::strerror(errno));
    write(m_memory);
    std::string().swap(m_memory); // give the memory back
  }
  if (std::fwrite(text.data(), 1, text.size(), m_file.get()) != text.size())
    throw Error(std::string("cannot write the report's temporary file: ") + std::strerror(errno));
}

void Spool::copy_to(std::ostream& out)
{
  if (!m_file) {
    out.write(m_memory.data(), static_cast<std::streamsize>(m_memory.size()));
    return;
  }
  std::rewind(m_file.get());
  std::array<char, 65536> block{};
  std::size_t n = 0;
  while ((n = std::fread(block.data(), 1, block.size(), m_file.get())) > 0)
    out.write(block.data(), static_cast<std::streamsize>(n));
  if (std::ferror(m_file.get()) != 0)
    throw Error("cannot read back the report's temporary file");
}

} // namespace ghes_topology::report
