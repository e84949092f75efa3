// SPDX-License-Identifier: Apache-2.0
// Exceptions for exceptional conditions; caught only in `cli::run`.
#pragma once

#include <stdexcept>
#include <string>

namespace ghes_topology {

// --- Interface ---

// A failure the user can act on (cannot open a file, cannot write the output).
// `cli::run` prints `ghes-topology: error: <what>` and exits with code 2.
class Error : public std::runtime_error
{
public:
  explicit Error(const std::string& what)
      : std::runtime_error(what)
  {}
};

// A broken invariant inside the tool. `cli::run` prints it as an internal
// error and exits with code 3.
class Fatal : public std::runtime_error
{
public:
  explicit Fatal(const std::string& what)
      : std::runtime_error(what)
  {}
};

} // namespace ghes_topology
