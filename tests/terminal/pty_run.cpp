// SPDX-License-Identifier: Apache-2.0
// Runs a command on a pseudo-terminal COLS columns wide and checks what it prints: no line
// wider than COLS (display width), and the whole output equal to EXPECTED (CRLF read as LF).
// Usage: ghes_topology_pty_run COLS EXPECTED -- COMMAND [ARG...]
// With GHES_TOPOLOGY_UPDATE_GOLDEN=1, EXPECTED is rewritten instead.
#include "ghes_topology/text/layout.hpp"

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <pty.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

int main(int argc, char** argv)
{
  if (argc < 5 || std::string(argv[3]) != "--") {
    std::cerr << "usage: ghes_topology_pty_run COLS EXPECTED -- COMMAND [ARG...]\n";
    return 2;
  }
  const auto cols = static_cast<unsigned short>(std::stoi(argv[1]));
  const std::string expected_path = argv[2];
  winsize size{};
  size.ws_col = cols;
  size.ws_row = 50;
  int master = -1;
  const pid_t child = forkpty(&master, nullptr, nullptr, &size);
  if (child < 0) {
    std::perror("forkpty");
    return 2;
  }
  if (child == 0) {
    // A plain, predictable terminal: no colour, UTF-8, the width from the pty only.
    setenv("NO_COLOR", "1", 1);
    setenv("LC_ALL", "C.UTF-8", 1);
    unsetenv("COLUMNS");
    execv(argv[4], argv + 4);
    std::perror("execv");
    _exit(127);
  }
  std::string raw;
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(master, buffer, sizeof buffer);
    if (n > 0)
      raw.append(buffer, static_cast<std::size_t>(n));
    else if (n < 0 && errno == EINTR)
      continue;
    else
      break; // EOF, or EIO once the child closed the terminal
  }
  int status = 0;
  waitpid(child, &status, 0);
  std::string output;
  for (std::size_t i = 0; i < raw.size(); ++i)
    if (!(raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n'))
      output += raw[i];
  output += "exit: " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + "\n";

  int failures = 0;
  std::istringstream lines(output);
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    if (const std::size_t w = ghes_topology::text::display_width(line); w > cols) {
      std::cerr << "line " << number << " is " << w << " columns wide (limit " << cols << "): " << line
                << '\n';
      ++failures;
    }
  }
  const char* update = std::getenv("GHES_TOPOLOGY_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(expected_path, std::ios::binary) << output;
    return failures == 0 ? 0 : 1;
  }
  std::ifstream in(expected_path, std::ios::binary);
  std::stringstream expected;
  expected << in.rdbuf();
  if (expected.str() != output) {
    std::cerr << "output differs from " << expected_path << "; got:\n" << output;
    ++failures;
  }
  return failures == 0 ? 0 : 1;
}
