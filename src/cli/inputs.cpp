// SPDX-License-Identifier: Apache-2.0
// Reading and loading the environment files named on the command line.
#include "cli/inputs.hpp"

#include "ghes_topology/loader/environment_loader.hpp"

#include <fmt/format.h>

namespace ghes_topology::cli {

LoadedInputs load_inputs(Context& ctx, const std::vector<std::string>& paths)
{
  LoadedInputs inputs;
  inputs.total = paths.size();
  for (const auto& path : paths) {
    diag::DiagnosticBag bag;
    std::optional<model::Environment> environment;
    if (path == "-" && ctx.terminal.stdin_closed)
      bag.error("file-unreadable", "cannot read standard input: it is closed", diag::Location{"<stdin>"});
    else if (auto source = loader::read_source(path, ctx.in, bag))
      environment = loader::load_environment(*source, bag, ctx.sources);
    if (!bag.empty())
      ctx.report(bag);
    if (environment && !bag.has_errors())
      inputs.environments.push_back(std::move(*environment));
    else
      inputs.failed.push_back(path == "-" ? "<stdin>" : path);
  }
  return inputs;
}

bool apply_overrides(Context& ctx, model::Environment& environment,
                     const std::vector<std::string>& assignments)
{
  diag::DiagnosticBag bag;
  bool ok = true;
  for (const auto& assignment : assignments)
    ok = loader::apply_override(environment, assignment, bag) && ok;
  if (!bag.empty())
    ctx.report(bag);
  return ok;
}

std::string problems_summary(const LoadedInputs& inputs)
{
  const std::size_t bad = inputs.failed.size();
  return fmt::format("{} of {} {} {} problems", bad, inputs.total, inputs.total == 1 ? "file" : "files",
                     bad == 1 ? "has" : "have");
}

} // namespace ghes_topology::cli
