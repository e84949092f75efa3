// SPDX-License-Identifier: Apache-2.0
// The result spool; output files: temporary file + fsync + rename for regular files,
// in-place writes for devices and FIFOs.
#include "cli/output.hpp"

#include "ghes_topology/diag/error.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <istream>
#include <ostream>
#include <sys/stat.h>
#include <unistd.h>

namespace ghes_topology::cli {
namespace {

std::string errno_text(int error)
{
  return std::strerror(error);
}

// Writes all of `content` to `fd`; 0 on success, otherwise the errno of the failure.
int write_all(int fd, std::istream& content)
{
  std::array<char, 65536> chunk{};
  while (content) {
    content.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const char* data = chunk.data();
    auto left = static_cast<std::size_t>(content.gcount());
    while (left > 0) {
      const ssize_t n = ::write(fd, data, left);
      if (n < 0) {
        if (errno == EINTR)
          continue;
        return errno;
      }
      if (n == 0)
        return EIO; // a write that makes no progress would loop forever
      data += n;
      left -= static_cast<std::size_t>(n);
    }
  }
  return 0;
}

// Makes the rename in `dir` durable. Some file systems cannot fsync a directory
// (EINVAL); the data itself was already synced, so that is not a failure.
int sync_directory(const std::filesystem::path& dir)
{
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return errno;
  int result = 0;
  if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
    result = errno;
  ::close(fd);
  return result;
}

// Writes `content` into the existing non-regular file `path` (device, FIFO, terminal).
void write_in_place(const std::string& path, std::istream& content)
{
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    throw Error(fmt::format("cannot write '{}': {}", path, errno_text(errno)));
  int failure = write_all(fd, content);
  if (::close(fd) != 0 && failure == 0 && errno != EINTR)
    failure = errno;
  if (failure != 0)
    throw Error(fmt::format("cannot write '{}': {}", path, errno_text(failure)));
}

} // namespace

Spool::Spool(std::size_t memory_limit)
    : m_buffer(memory_limit)
{}

void Spool::Buffer::spill()
{
  namespace fs = std::filesystem;
  tried = true;
  std::error_code ec;
  const fs::path dir = fs::temp_directory_path(ec);
  if (ec)
    return;
  std::string tmpl = (dir / "ghes-topology-result-XXXXXX").string();
  const int fd = mkstemp(tmpl.data());
  if (fd < 0)
    return;
  ::close(fd);
  file.open(tmpl, std::ios::in | std::ios::out | std::ios::binary | std::ios::trunc);
  ::unlink(tmpl.c_str()); // the open stream keeps the file; nothing is left behind
  if (!file.is_open())
    return;
  spilled = true;
  if (!file.write(memory.data(), static_cast<std::streamsize>(memory.size())))
    failed = true;
  std::string().swap(memory); // give the memory back
}

std::streamsize Spool::Buffer::xsputn(const char* text, std::streamsize n)
{
  const auto size = static_cast<std::size_t>(n);
  if (!spilled && !tried && memory.size() + size > limit)
    spill();
  if (!spilled) {
    memory.append(text, size);
    return n;
  }
  if (!file.write(text, n)) {
    failed = true;
    return 0;
  }
  return n;
}

Spool::Buffer::int_type Spool::Buffer::overflow(int_type ch)
{
  if (traits_type::eq_int_type(ch, traits_type::eof()))
    return traits_type::not_eof(ch);
  const char c = traits_type::to_char_type(ch);
  return xsputn(&c, 1) == 1 ? ch : traits_type::eof();
}

std::istream& Spool::content()
{
  if (!m_buffer.spilled) {
    m_buffer.read_memory();
    m_reader.rdbuf(&m_buffer); // also clears the stream's state
    return m_reader;
  }
  std::fstream& file = m_buffer.file;
  file.flush();
  if (m_buffer.failed || !file)
    throw Error(fmt::format("cannot write the result to a temporary file in '{}'",
                            std::filesystem::temp_directory_path().string()));
  file.seekg(0);
  return file;
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
    throw Error(fmt::format("cannot write '{}': {}", path, errno_text(errno)));

  int failure = write_all(fd, content);
  // Keep the permissions of a file we replace; new files get 0666 less the umask.
  if (failure == 0) {
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
    if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0)
      failure = errno;
  }
  if (::close(fd) != 0 && failure == 0)
    failure = errno;
  if (failure == 0 && std::rename(tmpl.c_str(), path.c_str()) != 0)
    failure = errno;
  if (failure != 0) {
    ::unlink(tmpl.c_str());
    throw Error(fmt::format("cannot write '{}': {}", path, errno_text(failure)));
  }
  if (const int sync_failure = sync_directory(dir); sync_failure != 0)
    throw Error(
        fmt::format("cannot write '{}': syncing its directory failed: {}", path, errno_text(sync_failure)));
}

void write_output_file(const std::string& path, const std::string& content)
{
  std::istringstream in(content);
  write_output_file(path, in);
}

void write_output_file(const std::string& path, std::istream& content)
{
  namespace fs = std::filesystem;
  struct stat link_st
  {};
  if (::lstat(path.c_str(), &link_st) != 0) {
    if (errno == ENOENT)
      return write_file_atomically(path, content); // a new file
    throw Error(fmt::format("cannot write '{}': {}", path, errno_text(errno)));
  }
  struct stat st
  {};
  if (::stat(path.c_str(), &st) != 0) {
    if (S_ISLNK(link_st.st_mode) && errno == ENOENT)
      throw Error(
          fmt::format("cannot write '{}': it is a symbolic link to a file that does not exist", path));
    throw Error(fmt::format("cannot write '{}': {}", path, errno_text(errno)));
  }
  if (S_ISDIR(st.st_mode))
    throw Error(fmt::format("cannot write '{}': it is a directory", path));
  if (!S_ISREG(st.st_mode))
    return write_in_place(path, content); // device, FIFO, terminal, /dev/stdout: never replace
  if (!S_ISLNK(link_st.st_mode))
    return write_file_atomically(path, content);
  // A symbolic link to a regular file: replace the target, keep the link.
  std::error_code ec;
  const fs::path target = fs::canonical(path, ec);
  if (ec)
    throw Error(fmt::format("cannot write '{}': {}", path, ec.message()));
  write_file_atomically(target.string(), content);
}

void write_output_stream(std::ostream& out, const std::string& content)
{
  std::istringstream in(content);
  write_output_stream(out, in);
}

void write_output_stream(std::ostream& out, std::istream& content)
{
  errno = 0;
  if (content.peek() != std::istream::traits_type::eof())
    out << content.rdbuf();
  out << std::flush;
  if (!out) {
    const int error = errno;
    throw Error(error != 0 ? fmt::format("cannot write the result to standard output: {}", errno_text(error))
                           : std::string("cannot write the result to standard output"));
  }
}

} // namespace ghes_topology::cli
