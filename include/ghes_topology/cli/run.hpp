// SPDX-License-Identifier: Apache-2.0
// The whole command-line program as a function, callable in-process by tests.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace ghes_topology::cli {

// --- Interface ---

// What `main` knows about the process's terminal and environment.
struct Terminal
{
  bool stdout_is_tty = false;
  bool stderr_is_tty = false;
  bool no_color = false;      // the NO_COLOR environment variable is set and not empty
  bool stdin_closed = false;  // file descriptor 0 was closed at start (`<&-`)
  bool stdout_closed = false; // file descriptor 1 was closed at start (`>&-`)
};

// Runs ghes-topology with `args` (without the program name). Results go to `out`
// (or to the `-o` file), diagnostics and logs to `err`, `-` inputs read `in`.
// Returns an `ExitCode` value; never throws.
int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err,
        const Terminal& terminal);

} // namespace ghes_topology::cli
