// SPDX-License-Identifier: Apache-2.0
// `ghes-topology validate FILE...`: check environment files against the schema.
#include "cli/context.hpp"
#include "cli/inputs.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace ghes_topology::cli {
namespace {

ExitCode run_validate(Context& ctx, const std::vector<std::string>& files)
{
  const LoadedInputs inputs = load_inputs(ctx, files);
  for (const auto& environment : inputs.environments)
    ctx.result << environment.source << ": ok\n";
  if (!inputs.all_ok()) {
    ctx.err << problems_summary(inputs) << '\n';
    return ExitCode::invalid_input;
  }
  return ExitCode::success;
}

} // namespace

void add_validate_command(CLI::App& app, Context& ctx)
{
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd =
      app.add_subcommand("validate", "Check environment files for errors (YAML, keys, types, ranges)");
  cmd->add_option("FILE", *files, "Environment files to check; - reads standard input")->required();
  cmd->footer("Prints 'FILE: ok' for each valid file. Every problem in every file is reported on stderr\n"
              "with file:line:col, the key path, what was expected and what was found; then the exit\n"
              "code is 2.\n\n"
              "Examples:\n"
              "  ghes-topology validate environment.yaml\n"
              "  ghes-topology validate examples/*.yaml\n"
              "  ghes-topology init | ghes-topology validate -\n");
  cmd->callback([&ctx, files] { ctx.action = [&ctx, files] { return run_validate(ctx, *files); }; });
}

} // namespace ghes_topology::cli
