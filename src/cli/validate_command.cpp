// SPDX-License-Identifier: Apache-2.0
// `ghes-topology validate FILE...`: check environment files against the schema.
#include "cli/context.hpp"
#include "cli/inputs.hpp"

#include "ghes_topology/diag/text.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace ghes_topology::cli {
namespace {

// One file at a time: each is loaded, reported and dropped before the next.
ExitCode run_validate(Context& ctx, const std::vector<std::string>& files)
{
  std::size_t bad = 0;
  for (const auto& path : files) {
    diag::SourceMap file_sources;
    diag::DiagnosticBag bag;
    const auto environment = load_input(ctx, path, file_sources, bag);
    if (!bag.empty())
      ctx.report(bag, file_sources);
    if (environment)
      ctx.result << diag::escape_controls(environment->source) << ": ok\n"; // a file name is input too
    else
      ++bad;
  }
  if (bad > 0) {
    ctx.err << problems_summary(bad, files.size()) << '\n';
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
