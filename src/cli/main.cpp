// SPDX-License-Identifier: Apache-2.0
// The ghes-topology executable: a thin shell over ghes_topology::cli::run.
#include "ghes_topology/cli/run.hpp"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <iostream>
#include <string>
#include <string_view>
#include <sys/ioctl.h>
#include <unistd.h>

#ifdef GHES_TOPOLOGY_WITH_MIMALLOC
#include <mimalloc.h>

namespace {

// mimalloc asks the kernel for transparent huge pages (2 MiB) for the heap, where the system
// allows them (THP `always` or `madvise`; elsewhere this changes nothing). A run touches a few
// MB of heap: one page fault per huge page instead of one per 4 KiB page makes a one-file run
// about a quarter cheaper in CPU time (docs/performance.md). It must run before the first
// allocation, which a library's initialiser makes: hence `.preinit_array`, which the dynamic
// loader runs before any initialiser. `MIMALLOC_LARGE_OS_PAGES`, when set, still decides.
void prefer_large_pages(int, char**, char** envp)
{
  // `envp`, not getenv: the C library may not have set `environ` up yet.
  constexpr std::string_view name = "MIMALLOC_LARGE_OS_PAGES=";
  for (char** e = envp; e != nullptr && *e != nullptr; ++e)
    if (std::string_view(*e).starts_with(name))
      return;
  mi_option_enable(mi_option_large_os_pages);
}

} // namespace

__attribute__((section(".preinit_array"),
               used)) static void (*const k_prefer_large_pages)(int, char**, char**) = prefer_large_pages;
#endif

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

// The variable `name` of the environment, or "" when unset.
std::string env(const char* name)
{
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

// The width of the terminal on `fd` (TIOCGWINSZ), 0 when unknown.
std::size_t columns_of(int fd)
{
  winsize size{};
  return ::ioctl(fd, TIOCGWINSZ, &size) == 0 ? size.ws_col : 0;
}

// The locale the user chose for characters: LC_ALL, else LC_CTYPE, else LANG; none at all is
// the C locale (ASCII).
std::string locale_name()
{
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"})
    if (std::string value = env(name); !value.empty())
      return value;
  return "C";
}

} // namespace

int main(int argc, char** argv)
{
  const bool stdin_closed = reserve_if_closed(STDIN_FILENO);
  const bool stdout_closed = reserve_if_closed(STDOUT_FILENO);
  reserve_if_closed(STDERR_FILENO);
  const std::string no_color = env("NO_COLOR");
  ghes_topology::cli::Terminal terminal{isatty(STDOUT_FILENO) == 1, isatty(STDERR_FILENO) == 1,
                                        !no_color.empty() || env("TERM") == "dumb"};
  terminal.stdin_closed = stdin_closed;
  terminal.stdout_closed = stdout_closed;
  terminal.stdout_columns = terminal.stdout_is_tty ? columns_of(STDOUT_FILENO) : 0;
  terminal.stderr_columns = terminal.stderr_is_tty ? columns_of(STDERR_FILENO) : 0;
  terminal.columns_env = env("COLUMNS");
  terminal.locale = locale_name();
  return ghes_topology::cli::run(std::vector<std::string>(argv + 1, argv + argc), std::cin, std::cout,
                                 std::cerr, terminal);
}
