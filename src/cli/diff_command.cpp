// SPDX-License-Identifier: Apache-2.0
// `ghes-topology diff BEFORE AFTER`: what a change to an environment file changes in its
// facts, verdict, scores and findings; for reviewing a pull request.
#include "cli/assess_command.hpp"
#include "cli/catalog_options.hpp"
#include "cli/inputs.hpp"
#include "cli/usage.hpp"

#include "ghes_topology/advice/advisor.hpp"
#include "ghes_topology/advice/difference.hpp"
#include "ghes_topology/diag/error.hpp"
#include "ghes_topology/report/diff_renderer.hpp"

#include <CLI/CLI.hpp>
#include <array>
#include <cstdlib>
#include <fmt/format.h>
#include <memory>
#include <spdlog/spdlog.h>

namespace ghes_topology::cli {
namespace {

struct DiffArgs
{
  std::array<std::string, 2> files; // BEFORE, AFTER
  std::string format = "text";
  bool format_given = false;
  std::vector<std::string> sets;
  std::string today;
  std::string fail_on_new; // empty = not given
  engine::CatalogOptions catalog = options_without_fixtures();
};

// One side: the loaded file and what it gives.
struct Loaded
{
  std::optional<model::Environment> environment;
  bool ok = false;
};

report::RenderOptions render_options(const Context& ctx, bool to_stdout)
{
  report::RenderOptions options;
  const diag::Color color = to_stdout                             ? ctx.result_color()
                            : ctx.color_mode == ColorMode::always ? diag::Color::yes
                                                                  : diag::Color::no;
  options.color = color == diag::Color::yes ? report::Color::yes : report::Color::no;
  options.width = to_stdout ? ctx.text_width() : text::choose_width(0, ctx.terminal.columns_env);
  options.charset = ctx.charset();
  return options;
}

ExitCode run_diff(Context& ctx, const DiffArgs& args)
{
  const bool main_output = ctx.output_requests.empty() || args.format_given || !ctx.output_path.empty();
  const bool main_to_stdout = ctx.output_path.empty() || ctx.output_path == "-";
  for (const auto& r : ctx.output_requests) {
    if (report::find_diff_format(r.format) == nullptr)
      throw Error(fmt::format("-o {}={}: 'diff' offers no {} output (text, json, markdown)", r.format, r.path,
                              r.format));
    if (r.path == "-" && main_output && main_to_stdout)
      throw Error(fmt::format("-o {}=- and the --format output both go to standard output; write "
                              "one of them to a file",
                              r.format));
  }
  const std::string today = args.today.empty() ? current_utc_date() : args.today;
  if (!valid_date(today)) {
    ctx.err << fmt::format("ghes-topology: error: --today '{}' is not a date (expected YYYY-MM-DD)\n",
                           args.today);
    return ExitCode::invalid_input;
  }
  std::optional<engine::Catalog> catalog = load_catalog(ctx, args.catalog);
  if (!catalog)
    return ExitCode::invalid_input;

  // Both files are loaded and checked before either is assessed, so one run reports the
  // problems of both.
  std::array<Loaded, 2> sides;
  std::size_t bad = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    diag::SourceMap file_sources;
    diag::DiagnosticBag bag;
    Loaded& side = sides[i];
    side.environment = load_input(ctx, args.files[i], file_sources, bag);
    if (side.environment) {
      side.ok = apply_overrides(*side.environment, args.sets, bag);
      advice::check_waivers(*catalog, advice::Input{&*side.environment, {}, nullptr}, bag);
      side.ok = side.ok && !bag.has_errors();
    }
    if (!bag.empty())
      ctx.report(bag, file_sources);
    if (!side.ok)
      ++bad;
  }
  if (bad > 0) {
    ctx.err << "ghes-topology: " << problems_summary(bad, 2) << '\n';
    return ExitCode::invalid_input;
  }

  advice::Options recommend;
  recommend.command = advice::Command::recommend;
  recommend.today = today;
  advice::Options check = recommend;
  check.command = advice::Command::check;
  check.fail_on = std::nullopt;

  std::array<advice::FileResult, 2> recommended;
  std::array<std::optional<advice::FileResult>, 2> checked;
  std::array<std::vector<advice::Fact>, 2> facts;
  int evaluation_errors = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    const advice::Input input{&*sides[i].environment, args.sets};
    recommended[i] = advice::assess_file(*catalog, input, recommend);
    evaluation_errors += static_cast<int>(recommended[i].problems.size());
    const model::Value* plan = sides[i].environment->root.get("plan");
    if (plan != nullptr && plan->kind != model::Value::Kind::unknown) {
      checked[i] = advice::assess_file(*catalog, input, check);
      evaluation_errors += static_cast<int>(checked[i]->problems.size());
    }
    facts[i] = advice::flatten_facts(*sides[i].environment);
    for (const auto* result : {&recommended[i], checked[i] ? &*checked[i] : nullptr})
      if (result != nullptr)
        for (const auto& problem : result->problems)
          spdlog::error("{}: rule {} could not be evaluated: {} ({})", result->file, problem.rule_id,
                        problem.message, problem.where.to_string());
  }
  const advice::Difference difference =
      advice::compare(advice::Side{&recommended[0], checked[0] ? &*checked[0] : nullptr, &facts[0]},
                      advice::Side{&recommended[1], checked[1] ? &*checked[1] : nullptr, &facts[1]});

  const advice::RunInfo info = advice::describe_run(*catalog, recommend);
  report::DiffRun run;
  run.tool_version = info.tool_version;
  run.today = today;
  run.fact_overrides = args.sets;
  run.param_overrides = info.param_overrides;
  run.rule_replacements = info.rule_replacements;
  run.fail_on_new_given = !args.fail_on_new.empty();
  if (run.fail_on_new_given && args.fail_on_new != "none")
    run.fail_on_new = engine::parse_severity(args.fail_on_new);

  if (main_output)
    report::find_diff_format(args.format)
        ->render(ctx.result, difference, run, render_options(ctx, main_to_stdout));
  for (const auto& r : ctx.output_requests) {
    ctx.extra_outputs.push_back(std::make_unique<ExtraOutput>(r));
    report::find_diff_format(r.format)->render(ctx.extra_outputs.back()->stream, difference, run,
                                               render_options(ctx, r.path == "-"));
  }
  if (evaluation_errors > 0) {
    // Shown, but an incomplete evaluation is not an answer.
    ctx.write_incomplete_result = true;
    return ExitCode::invalid_input;
  }
  if (run.fail_on_new_given)
    return run.fail_on_new && difference.new_at_or_above(*run.fail_on_new) > 0 ? ExitCode::findings
                                                                               : ExitCode::success;
  return difference.identical() ? ExitCode::success : ExitCode::findings;
}

} // namespace

void add_diff_command(CLI::App& app, Context& ctx)
{
  auto args = std::make_shared<DiffArgs>();
  CLI::App* sub = app.add_subcommand(
      "diff", "Compare two environment files: changed facts, verdict, scores, and findings that appeared or "
              "disappeared; for reviewing a pull request");
  sub->add_option("BEFORE", args->files[0], "The environment file before the change ('-' reads stdin)")
      ->required()
      ->type_name("FILE");
  sub->add_option("AFTER", args->files[1], "The environment file after the change ('-' reads stdin)")
      ->required()
      ->type_name("FILE");
  std::vector<std::string> names;
  std::string formats;
  for (const auto& f : report::diff_formats()) {
    names.emplace_back(f.name);
    formats += fmt::format("{}{} ({})", formats.empty() ? "" : ", ", f.name, f.description);
  }
  sub->add_option("--format", args->format, "Output format: " + formats)
      ->check(one_of("--format", names))
      ->option_text("FORMAT")
      ->default_str("text")
      ->each([args](const std::string&) { args->format_given = true; });
  sub->add_option("--set", args->sets, "What-if: override a fact in both files (repeatable)")
      ->option_text("PATH=VALUE")
      ->allow_extra_args(false)
      ->take_all();
  sub->add_option("--today", args->today, "Date to judge waiver expiry against (default: today, UTC)")
      ->option_text("YYYY-MM-DD");
  sub->add_option("--fail-on-new", args->fail_on_new,
                  "Exit 1 only when a finding at or above this severity is new in AFTER (none: always 0); "
                  "without it, exit 1 means the files differ")
      ->check(one_of("--fail-on-new", {"error", "warning", "info", "none"}))
      ->option_text("error|warning|info|none");
  add_catalog_options(*sub, args->catalog);
  sub->footer("The verdict and scores are recommend's; the findings are check's when both files have a\n"
              "plan, else recommend's (for the recommended topology). Findings are matched by fingerprint,\n"
              "so a finding whose line moved is the same finding.\n"
              "Examples:\n"
              "  ghes-topology diff environment.yaml proposal.yaml\n"
              "  git show main:environment.yaml | ghes-topology diff - environment.yaml\n"
              "  ghes-topology diff --format markdown old.yaml new.yaml >> \"$GITHUB_STEP_SUMMARY\"\n"
              "  ghes-topology diff --fail-on-new warning -o json=diff.json old.yaml new.yaml\n"
              "Exit codes: 0 no difference, 1 the files differ (with --fail-on-new: a new finding at or\n"
              "above it), 2 invalid input or usage, 3 internal error.\n");
  sub->parse_complete_callback([&ctx, args] {
    if (args->files[0] == "-" && args->files[1] == "-")
      throw UsageError("BEFORE and AFTER are both '-': standard input can be read only once");
    ctx.action = [&ctx, args] { return run_diff(ctx, *args); };
  });
}

} // namespace ghes_topology::cli
