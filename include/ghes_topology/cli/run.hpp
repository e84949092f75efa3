// SPDX-License-Identifier: Apache-2.0
// The whole command-line program as a function, callable in-process by tests.
#pragma once

#include <cstddef>
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
  bool no_color = false;          // NO_COLOR is set and not empty, or TERM is `dumb`
  bool stdin_closed = false;      // file descriptor 0 was closed at start (`<&-`)
  bool stdout_closed = false;     // file descriptor 1 was closed at start (`>&-`)
  std::size_t stdout_columns = 0; // the width of the terminal on stdout (TIOCGWINSZ); 0 = none
  std::size_t stderr_columns = 0; // the same for stderr
  std::string columns_env = {};   // the COLUMNS environment variable, if set
  std::string locale = {};        // the first non-empty of LC_ALL, LC_CTYPE, LANG (the charset)
};

// Runs ghes-topology with `args` (without the program name). Results go to `out`
// (or to the `-o` file), diagnostics and logs to `err`, `-` inputs read `in`.
// Returns an `ExitCode` value; never throws.
int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err,
        const Terminal& terminal);

} // namespace ghes_topology::cli
