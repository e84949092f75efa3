// SPDX-License-Identifier: Apache-2.0
// The process exit codes, defined once (documented in docs/cli.md).
#pragma once

namespace ghes_topology::cli {

// --- Interface ---

enum class ExitCode : int {
  success = 0,       // ran; no finding at or above the failure threshold
  findings = 1,      // findings at or above `--fail-on` (or `rules test` failures)
  invalid_input = 2, // usage error or invalid input (any error diagnostic)
  internal_error = 3 // a bug in ghes-topology
};

// The integer value for `return` from `main`.
constexpr int to_int(ExitCode code)
{
  return static_cast<int>(code);
}

} // namespace ghes_topology::cli
