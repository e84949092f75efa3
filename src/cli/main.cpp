// SPDX-License-Identifier: Apache-2.0
// The ghes-topology executable: a thin shell over ghes_topology::cli::run.
#include "ghes_topology/cli/run.hpp"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <iostream>
#include <unistd.h>

namespace {

// Reopens a closed standard descriptor `fd` on /dev/null, so no file opened later
// takes its number (diagnostics must never land in an output file); true when it was closed.
bool reserve_if_closed(int fd)
{
  if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF)
    return false;
  const int opened = ::open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);
  if (opened >= 0 && opened != fd) {
    ::dup2(opened, fd);
    ::close(opened);
  }
  return true;
}

} // namespace

int main(int argc, char** argv)
{
  const bool stdin_closed = reserve_if_closed(STDIN_FILENO);
  const bool stdout_closed = reserve_if_closed(STDOUT_FILENO);
  reserve_if_closed(STDERR_FILENO);
  const char* no_color = std::getenv("NO_COLOR");
  ghes_topology::cli::Terminal terminal{isatty(STDOUT_FILENO) == 1, isatty(STDERR_FILENO) == 1,
                                        no_color != nullptr && *no_color != '\0'};
  terminal.stdin_closed = stdin_closed;
  terminal.stdout_closed = stdout_closed;
  return ghes_topology::cli::run(std::vector<std::string>(argv + 1, argv + argc), std::cin, std::cout,
                                 std::cerr, terminal);
}
