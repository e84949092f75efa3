// SPDX-License-Identifier: Apache-2.0
// `ghes-topology validate FILE...`: check environment files against the schema.
#include "cli/catalog_options.hpp"
#include "cli/context.hpp"
#include "cli/inputs.hpp"

#include "ghes_topology/advice/advisor.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace ghes_topology::cli {
namespace {

struct ValidateArgs
{
  std::vector<std::string> files;
  engine::CatalogOptions catalog;
};

// One file at a time: each is loaded, reported and dropped before the next. Besides the
// schema, everything `recommend` and `check` would reject in the file itself is checked:
// waivers must name rules of the catalog (`--rules` and `--no-builtin-rules` apply).
ExitCode run_validate(Context& ctx, const ValidateArgs& args)
{
  const std::optional<engine::Catalog> catalog = load_catalog(ctx, args.catalog);
  if (!catalog)
    return ExitCode::invalid_input;
  const std::vector<std::string>& files = args.files;
  std::size_t bad = 0;
  for (const auto& path : files) {
    diag::SourceMap file_sources;
    diag::DiagnosticBag bag;
    auto environment = load_input(ctx, path, file_sources, bag);
    if (environment && !advice::check_waivers(*catalog, advice::Input{&*environment, {}}, bag))
      environment.reset();
    if (!bag.empty())
      ctx.report(bag, file_sources);
    if (environment)
      ctx.result << environment->source << ": ok\n";
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
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd =
      app.add_subcommand("validate", "Check environment files for errors (YAML, keys, types, ranges)");
  cmd->add_option("FILE", args->files, "Environment files to check; - reads standard input")->required();
  add_catalog_options(*cmd, args->catalog);
  cmd->footer("Prints 'FILE: ok' for each valid file. Every problem in every file is reported on stderr\n"
              "with file:line:col, the key path, what was expected and what was found; then the exit\n"
              "code is 2. Waivers must name rules of the catalog (built-in and --rules folders).\n\n"
              "Examples:\n"
              "  ghes-topology validate environment.yaml\n"
              "  ghes-topology validate examples/*.yaml\n"
              "  ghes-topology init | ghes-topology validate -\n");
  cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return run_validate(ctx, *args); }; });
}

} // namespace ghes_topology::cli
