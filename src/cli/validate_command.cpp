// SPDX-License-Identifier: Apache-2.0
// `ghes-topology validate FILE...`: check environment files against the schema.
#include "cli/catalog_options.hpp"
#include "cli/context.hpp"
#include "cli/inputs.hpp"
#include "cli/usage.hpp"

#include "ghes_topology/diag/text.hpp"
#include "ghes_topology/report/renderer.hpp"
#include "ghes_topology/version.hpp"

#include "ghes_topology/advice/advisor.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace ghes_topology::cli {
namespace {

struct ValidateArgs
{
  std::vector<std::string> files;
  std::string format = "text";
  engine::CatalogOptions catalog = options_without_fixtures();
};

// One file at a time: each is loaded, reported and dropped before the next. Besides the
// schema, everything `recommend` and `check` would reject in the file itself is checked:
// waivers must name rules of the catalog (`--rules` and `--no-builtin-rules` apply).
// With `--format sarif` the input errors also become SARIF results (written even on
// exit 2, so code scanning shows a schema error on its line).
ExitCode run_validate(Context& ctx, const ValidateArgs& args)
{
  const std::optional<engine::Catalog> catalog = load_catalog(ctx, args.catalog);
  if (!catalog)
    return ExitCode::invalid_input;
  advice::RunInfo run; // alive until the renderer's `end`
  run.tool_version = tool_version();
  std::unique_ptr<report::Renderer> renderer;
  if (args.format != "text") {
    renderer = report::find_format(args.format)->make(ctx.result, report::RenderOptions{});
    renderer->begin(run);
  }
  std::size_t bad = 0;
  for (const auto& path : args.files) {
    diag::SourceMap file_sources;
    diag::DiagnosticBag bag;
    auto environment = load_input(ctx, path, file_sources, bag);
    if (environment && !advice::check_waivers(*catalog, advice::Input{&*environment, {}, nullptr}, bag))
      environment.reset();
    if (!bag.empty())
      ctx.report(bag, file_sources);
    if (!environment)
      ++bad;
    if (renderer && !environment)
      renderer->input_errors(errors_of(bag));
    else if (!renderer && environment)
      ctx.result << diag::escape_controls(environment->source) << ": ok\n"; // a file name is input too
  }
  if (renderer) {
    report::RunSummary summary;
    summary.invalid_files = bad;
    renderer->end(summary);
    ctx.write_incomplete_result = true;
  }
  const auto& files = args.files;
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
  cmd->add_option("--format", args->format,
                  "Output format: text ('FILE: ok' lines) or sarif (input errors as SARIF, docs/ci.md)")
      ->check(one_of("--format", {"text", "sarif"}))
      ->option_text("FORMAT")
      ->default_str("text");
  cmd->footer("Prints 'FILE: ok' for each valid file. Every problem in every file is reported on stderr\n"
              "with file:line:col, the key path, what was expected and what was found; then the exit\n"
              "code is 2. Waivers must name rules of the catalog (built-in and --rules folders).\n\n"
              "Examples:\n"
              "  ghes-topology validate environment.yaml\n"
              "  ghes-topology validate examples/*.yaml\n"
              "  ghes-topology init | ghes-topology validate -\n"
              "  ghes-topology validate --format sarif -o input-errors.sarif envs/*.yaml\n");
  cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return run_validate(ctx, *args); }; });
}

} // namespace ghes_topology::cli
