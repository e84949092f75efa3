// SPDX-License-Identifier: Apache-2.0
// Reading and loading the environment files named on the command line.
#pragma once

#include "cli/context.hpp"

#include "ghes_topology/model/value.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace ghes_topology::cli {

// The outcome of loading the FILE arguments of one command.
struct LoadedInputs
{
  std::vector<model::Environment> environments; // the files that loaded, in argument order
  std::vector<std::string> failed;              // names of the files that did not
  std::size_t total = 0;                        // files named

  [[nodiscard]] bool all_ok() const { return failed.empty(); }
};

// Reads (`-` = `ctx.in`) and loads each of `paths` as an environment file,
// registering the texts in `ctx.sources` and printing each file's diagnostics to
// stderr as soon as that file is done.
LoadedInputs load_inputs(Context& ctx, const std::vector<std::string>& paths);

// Applies the `--set PATH=VALUE` `assignments` to `environment` in order, printing
// diagnostics to stderr; false when any of them is invalid.
bool apply_overrides(Context& ctx, model::Environment& environment,
                     const std::vector<std::string>& assignments);

// "2 of 3 files have problems" / "1 of 1 file has problems".
std::string problems_summary(const LoadedInputs& inputs);

} // namespace ghes_topology::cli
