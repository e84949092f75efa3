// SPDX-License-Identifier: Apache-2.0
// Atomic output files: temporary file + fsync + rename.
#include "cli/output.hpp"

#include "ghes_topology/diag/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ghes_topology::cli {
namespace {

std::string errno_text()
{
  return std::strerror(errno);
}

} // namespace

void write_file_atomically(const std::string& path, const std::string& content)
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

  const char* data = content.data();
  std::size_t left = content.size();
  bool ok = true;
  std::string failure;
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
