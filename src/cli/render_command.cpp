// SPDX-License-Identifier: Apache-2.0
// `ghes-topology render --format FMT result.json`: a saved JSON result in another format.
#include "cli/catalog_options.hpp"
#include "cli/context.hpp"
#include "cli/usage.hpp"

#include "ghes_topology/advice/advisor.hpp"
#include "ghes_topology/diag/error.hpp"
#include "ghes_topology/report/json_reader.hpp"
#include "ghes_topology/report/renderer.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <memory>

namespace ghes_topology::cli {
namespace {

struct RenderArgs
{
  std::string file;
  std::string format = "text";
  engine::CatalogOptions catalog = options_without_fixtures();
};

ExitCode run_render(Context& ctx, const RenderArgs& args)
{
  report::SavedResult saved;
  if (args.file == "-") {
    saved = report::read_json_result(ctx.in, "<stdin>");
  } else {
    std::ifstream in(args.file, std::ios::binary);
    if (!in)
      throw Error(fmt::format("cannot read '{}': no such file or not readable", args.file));
    saved = report::read_json_result(in, args.file);
  }
  const char* command = advice::to_string(saved.run.command);
  const report::Format* format = report::find_format(args.format);
  if (!format->serves(command))
    throw Error(fmt::format("--format {}: the result is from '{}', which offers no {} output", args.format,
                            command, args.format));
  // The JSON does not hold the catalog: SARIF's rules and JUnit's test cases come from the
  // rules given here, which must be the ones the run used (`--rules`, `--no-builtin-rules`).
  std::optional<engine::Catalog> catalog = load_catalog(ctx, args.catalog);
  if (!catalog)
    return ExitCode::invalid_input;
  advice::Options options;
  options.command = saved.run.command;
  saved.run.rules = advice::describe_run(*catalog, options).rules;

  report::RenderOptions render_options;
  render_options.color = ctx.result_color() == diag::Color::yes ? report::Color::yes : report::Color::no;
  if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary != nullptr)
    render_options.step_summary = summary;
  const auto renderer = format->make(ctx.result, render_options);
  const report::RunSummary summary = report::replay(saved, *renderer);
  // The exit code the original run had.
  if (summary.invalid_files > 0 || summary.evaluation_errors > 0) {
    ctx.write_incomplete_result = true;
    return ExitCode::invalid_input;
  }
  return summary.failing > 0 ? ExitCode::findings : ExitCode::success;
}

} // namespace

void add_render_command(CLI::App& app, Context& ctx)
{
  auto args = std::make_shared<RenderArgs>();
  CLI::App* sub = app.add_subcommand(
      "render", "Write a saved JSON result ('--format json') in another format, without assessing again");
  sub->add_option("FILE", args->file, "The JSON result of 'check' or 'recommend' ('-' reads stdin)")
      ->required()
      ->type_name("FILE");
  std::string formats;
  std::vector<std::string> names;
  for (const auto& f : report::formats()) {
    names.emplace_back(f.name);
    formats += fmt::format("{}{}", formats.empty() ? "" : ", ", f.name);
  }
  sub->add_option("--format", args->format,
                  "Output format: " + formats + " (as for the command that saved it)")
      ->check(one_of("--format", names))
      ->option_text("FORMAT")
      ->default_str("text");
  add_catalog_options(*sub, args->catalog);
  sub->footer("The output is byte-identical to what the saving run printed in that format, and the exit\n"
              "code is the saving run's (1: findings at or above its --fail-on; 2: input errors).\n"
              "Give the same --rules / --no-builtin-rules as the saving run: the JSON does not hold the\n"
              "rule catalog, which SARIF and JUnit describe.\n\n"
              "Examples:\n"
              "  ghes-topology check --format json -o result.json envs/*.yaml\n"
              "  ghes-topology render --format sarif -o result.sarif result.json\n"
              "  ghes-topology render --format junit result.json > junit.xml\n");
  sub->parse_complete_callback(
      [&ctx, args] { ctx.action = [&ctx, args] { return run_render(ctx, *args); }; });
}

} // namespace ghes_topology::cli
