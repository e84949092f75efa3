// SPDX-License-Identifier: Apache-2.0
// The ghes-topology executable: a thin shell over ghes_topology::cli::run.
#include "ghes_topology/cli/run.hpp"

#include <cstdlib>
#include <iostream>
#include <unistd.h>

int main(int argc, char** argv)
{
  const char* no_color = std::getenv("NO_COLOR");
  const ghes_topology::cli::Terminal terminal{isatty(STDOUT_FILENO) == 1, isatty(STDERR_FILENO) == 1,
                                              no_color != nullptr && *no_color != '\0'};
  return ghes_topology::cli::run(std::vector<std::string>(argv + 1, argv + argc), std::cin, std::cout,
                                 std::cerr, terminal);
}
