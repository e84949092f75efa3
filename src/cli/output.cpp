// SPDX-License-Identifier: Apache-2.0
// The result spool, and atomic output files: temporary file + fsync + rename.
#include "cli/output.hpp"

#include "ghes_topology/diag/error.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <istream>
#include <sys/stat.h>
#include <unistd.h>

namespace ghes_topology::cli {
namespace {

std::string errno_text()
{
  return std::strerror(errno);
}

} // namespace

Spool::Spool()
{
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir = fs::temp_directory_path(ec);
  if (!ec) {
    std::string tmpl = (dir / "ghes-topology-result-XXXXXX").string();
    const int fd = mkstemp(tmpl.data());
    if (fd >= 0) {
      ::close(fd);
      m_file.open(tmpl, std::ios::in | std::ios::out | std::ios::binary | std::ios::trunc);
      ::unlink(tmpl.c_str()); // the open stream keeps the file; nothing is left behind
      if (m_file.is_open())
        m_stream = &m_file;
    }
  }
  if (m_stream == nullptr)
    m_stream = &m_memory;
}

std::streambuf* Spool::buffer()
{
  return m_stream->rdbuf();
}

bool Spool::empty()
{
  m_stream->flush();
  return m_stream->rdbuf()->pubseekoff(0, std::ios::cur, std::ios::out) <= 0;
}

std::istream& Spool::content()
{
  m_stream->flush();
  if (!*m_stream)
    throw Error(fmt::format("cannot write the result to a temporary file in '{}'",
                            std::filesystem::temp_directory_path().string()));
  m_stream->seekg(0);
  return *m_stream;
}

void write_file_atomically(const std::string& path, const std::string& content)
{
  std::istringstream in(content);
  write_file_atomically(path, in);
}

void write_file_atomically(const std::string& path, std::istream& content)
{
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::error_code ec;
  if (fs::is_directory(target, ec))
    throw Error(fmt::format("cannot write '{}': it is a directory", path));
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = mkstemp(tmpl.data());
  if (fd < 0)
    throw Error(fmt::format("cannot write '{}': {}", path, errno_text()));

  bool ok = true;
  std::string failure;
  std::array<char, 65536> chunk{};
  while (ok && content) {
    content.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const char* data = chunk.data();
    auto left = static_cast<std::size_t>(content.gcount());
    while (left > 0) {
      const ssize_t n = ::write(fd, data, left);
      if (n < 0) {
        if (errno == EINTR)
          continue;
        ok = false;
        failure = errno_text();
        break;
      }
      data += n;
      left -= static_cast<std::size_t>(n);
    }
  }
  // Keep the permissions of a file we replace; new files get 0644 less the umask.
  if (ok) {
    struct stat st
    {};
    mode_t mode = 0644;
    if (::stat(path.c_str(), &st) == 0)
      mode = st.st_mode & 07777;
    else {
      const mode_t mask = ::umask(0);
      ::umask(mask);
      mode = static_cast<mode_t>(0666 & ~mask);
    }
    if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) {
      ok = false;
      failure = errno_text();
    }
  }
  if (::close(fd) != 0 && ok) {
    ok = false;
    failure = errno_text();
  }
  if (ok && std::rename(tmpl.c_str(), path.c_str()) != 0) {
    ok = false;
    failure = errno_text();
  }
  if (!ok) {
    ::unlink(tmpl.c_str());
    throw Error(fmt::format("cannot write '{}': {}", path, failure));
  }
}

} // namespace ghes_topology::cli
