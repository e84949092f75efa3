// SPDX-License-Identifier: Apache-2.0
// The shared run of `recommend` and `check`.
#include "cli/assess_command.hpp"

#include "cli/baseline.hpp"
#include "cli/catalog_options.hpp"
#include "cli/inputs.hpp"
#include "cli/usage.hpp"

#include "ghes_topology/advice/advisor.hpp"
#include "ghes_topology/diag/error.hpp"
#include "ghes_topology/diag/text.hpp"
#include "ghes_topology/report/renderer.hpp"
#include "ghes_topology/text/layout.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fmt/format.h>
#include <memory>
#include <set>
#include <spdlog/spdlog.h>

namespace ghes_topology::cli {

std::string current_utc_date()
{
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd{today};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

bool valid_date(const std::string& text)
{
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      std::sscanf(text.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) // NOLINT(cert-err34-c)
    return false;
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}.ok();
}

namespace {

// What `recommend` and `check` need of a file beyond its schema: the `--set` assignments
// applied, a plan for `check`, waivers naming known rules. Adds problems to `bag`; false
// when the file cannot be assessed. `argument` is the FILE argument as typed.
bool prepare(const engine::Catalog& catalog, const AssessArgs& args, advice::Command command,
             const std::string& argument, model::Environment& environment, diag::DiagnosticBag& bag)
{
  bool ok = apply_overrides(environment, args.sets, bag);
  const model::Value* plan = environment.root.get("plan");
  if (command == advice::Command::check && plan == nullptr) {
    auto& d = bag.error("no-plan", "no 'plan' section: 'check' validates a planned topology",
                        diag::Location{environment.source, 0, 0, 0, 0});
    // The argument (`-`, not `<stdin>`) is what the user can type again.
    d.notes.push_back(fmt::format(
        "describe the topology you intend under 'plan:', or run 'ghes-topology recommend {}'", argument));
  } else if (command == advice::Command::check && plan->kind == model::Value::Kind::unknown) {
    // `plan: ~` (or `--set plan=`): there is no plan to check, which is not a pass.
    auto& d = bag.error("no-plan", "'plan' is empty: 'check' validates a planned topology",
                        plan->key_where.has_position() ? plan->key_where : plan->where);
    d.key_path = "plan";
    d.expected = "a mapping with at least 'topology'";
    d.found = "null";
  }
  advice::check_waivers(catalog, advice::Input{&environment, {}, nullptr}, bag);
  return ok && !bag.has_errors();
}

// "[3/120] envs/east.yaml" on stderr while files are assessed, redrawn in place, only when
// stderr is a terminal and there is more than one file (never on a pipe, never with -q).
class Progress
{
public:
  Progress(Context& ctx, std::size_t total)
      : m_ctx(ctx)
      , m_total(total)
      , m_on(ctx.terminal.stderr_is_tty && !ctx.quiet && total > 1)
  {}
  void next(const std::string& path)
  {
    if (!m_on)
      return;
    ++m_done;
    const std::string line = fmt::format("[{}/{}] {}", m_done, m_total, diag::printable(path));
    m_ctx.err << "\r\x1b[K"
              << text::shorten_to_width(line, text::choose_width(m_ctx.terminal.stderr_columns, "") - 1)
              << std::flush;
    m_shown = true;
  }
  // Erases the progress line (before a diagnostic, and at the end).
  void clear()
  {
    if (m_shown)
      m_ctx.err << "\r\x1b[K" << std::flush;
    m_shown = false;
  }

private:
  Context& m_ctx;
  std::size_t m_total;
  bool m_on;
  std::size_t m_done = 0;
  bool m_shown = false;
};

report::RenderOptions render_options(const Context& ctx, const AssessArgs& args, bool to_stdout)
{
  report::RenderOptions options;
  const diag::Color color = to_stdout                             ? ctx.result_color()
                            : ctx.color_mode == ColorMode::always ? diag::Color::yes
                                                                  : diag::Color::no;
  options.color = color == diag::Color::yes ? report::Color::yes : report::Color::no;
  if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary != nullptr)
    options.step_summary = summary;
  options.width = to_stdout ? ctx.text_width() : text::choose_width(0, ctx.terminal.columns_env);
  options.charset = ctx.charset();
  options.layout = args.compact ? report::TextLayout::compact : report::TextLayout::report;
  return options;
}

// The renderers of the run: the `--format` output into `ctx.result` (unless only
// `-o FORMAT=PATH` outputs were asked for), and one per `-o FORMAT=PATH` into its spool.
std::unique_ptr<report::Renderer> open_renderers(Context& ctx, const AssessArgs& args,
                                                 advice::Command command)
{
  const bool main_output = ctx.output_requests.empty() || args.format_given || !ctx.output_path.empty();
  const bool main_to_stdout = ctx.output_path.empty() || ctx.output_path == "-";
  const char* name = advice::to_string(command);
  for (const auto& r : ctx.output_requests) {
    if (!report::find_format(r.format)->serves(name))
      throw Error(fmt::format("-o {}={}: '{}' offers no {} output", r.format, r.path, name, r.format));
    if (r.path == "-" && main_output && main_to_stdout)
      throw Error(fmt::format("-o {}=- and the --format output both go to standard output; write "
                              "one of them to a file",
                              r.format));
  }
  std::vector<std::unique_ptr<report::Renderer>> renderers;
  if (main_output)
    renderers.push_back(
        report::find_format(args.format)->make(ctx.result, render_options(ctx, args, main_to_stdout)));
  for (const auto& r : ctx.output_requests) {
    ctx.extra_outputs.push_back(std::make_unique<ExtraOutput>(r));
    renderers.push_back(report::find_format(r.format)->make(ctx.extra_outputs.back()->stream,
                                                            render_options(ctx, args, r.path == "-")));
  }
  if (renderers.size() == 1)
    return std::move(renderers.front());
  auto all = std::make_unique<report::Broadcast>();
  for (auto& r : renderers)
    all->add(std::move(r));
  return all;
}

} // namespace

void add_assess_options(CLI::App& command, AssessArgs& args)
{
  command
      .add_option("FILE", args.files, "Environment files ('-' reads stdin; required unless --show-config)")
      ->type_name("FILE");
  std::string formats;
  std::vector<std::string> names;
  for (const auto& f : report::formats()) {
    if (!f.serves(command.get_name()))
      continue;
    names.emplace_back(f.name);
    formats += fmt::format("{}{} ({})", formats.empty() ? "" : ", ", f.name, f.description);
  }
  command.add_option("--format", args.format, "Output format: " + formats)
      ->check(one_of("--format", names))
      ->option_text("FORMAT")
      ->default_str("text")
      ->each([&args](const std::string&) { args.format_given = true; });
  command
      .add_option("--set", args.sets, "What-if: override a fact, validated like the file's own (repeatable)")
      ->option_text("PATH=VALUE")
      ->allow_extra_args(false) // one PATH=VALUE per --set: the FILEs that follow stay files
      ->take_all();
  command.add_flag("--compact", args.compact,
                   "Text format: one line per finding (FILE:LINE:COL: SEVERITY: MESSAGE [RULE]), then the "
                   "summary line");
  command.add_option("--today", args.today, "Date to judge waiver expiry against (default: today, UTC)")
      ->option_text("YYYY-MM-DD");
  add_catalog_options(command, args.catalog);
  add_config_options(command, args.config, args.flags);
}

void require_files(const AssessArgs& args)
{
  if (args.files.empty() && !args.config.show)
    throw UsageError("FILE is required");
}

ExitCode run_assessment(Context& ctx, const AssessArgs& args, advice::Command command)
{
  std::string today = args.today.empty() ? current_utc_date() : args.today;
  if (!valid_date(today)) {
    ctx.err << fmt::format("ghes-topology: error: --today '{}' is not a date (expected YYYY-MM-DD)\n",
                           args.today);
    return ExitCode::invalid_input;
  }
  SettingFlags flags = args.flags;
  flags.rule_dirs = args.catalog.rule_dirs;
  flags.params = args.catalog.param_assignments;
  if (args.format_given)
    flags.outputs.push_back(args.format);
  for (const auto& r : ctx.output_requests)
    flags.outputs.push_back(r.format + "=" + r.path);
  if (!ctx.output_path.empty())
    flags.outputs.push_back(args.format + "=" + ctx.output_path);
  std::optional<Policy> policy = resolve_policy(ctx, args.config, flags);
  if (!policy)
    return ExitCode::invalid_input;
  if (args.config.show) {
    ctx.result << describe_policy(*policy, command == advice::Command::check);
    return ExitCode::success;
  }
  AssessArgs effective = args; // the outputs may come from GHES_TOPOLOGY_OUTPUTS or the file
  if (!args.record_baseline && !apply_policy_outputs(ctx, *policy, advice::to_string(command),
                                                     effective.format, effective.format_given))
    return ExitCode::invalid_input;
  engine::CatalogOptions catalog_options = args.catalog;
  catalog_options.fixtures = engine::Fixtures::skip; // only `rules test` and `rules show` run them
  catalog_options.rule_dirs.clear();
  for (const auto& dir : policy->rule_dirs)
    catalog_options.rule_dirs.push_back(dir.value);
  catalog_options.param_assignments.clear();
  for (const auto& param : policy->params)
    catalog_options.param_assignments.push_back(param.value);
  std::optional<engine::Catalog> loaded = load_catalog(ctx, catalog_options);
  if (!loaded)
    return ExitCode::invalid_input;
  const engine::Catalog* const catalog = &keep_until_exit(std::move(*loaded));
  std::optional<model::Environment> shared_waivers;
  if (policy->waivers) {
    diag::DiagnosticBag bag;
    shared_waivers = load_input(ctx, policy->waivers->value, ctx.sources, bag);
    if (shared_waivers)
      advice::check_shared_waivers(*catalog, *shared_waivers, bag);
    if (!bag.empty())
      ctx.report(bag);
    if (!shared_waivers || bag.has_errors())
      return ExitCode::invalid_input;
  }

  spdlog::info("{} rules loaded ({} parameter override(s))", catalog->rules.size(),
               catalog->overridden_parameters().size());

  advice::Options options;
  options.command = command;
  options.today = today;
  options.waiver_warning_days = std::stoi(policy->waiver_warning_days.value);
  if (command == advice::Command::check)
    options.fail_on =
        policy->fail_on.value == "none" ? std::nullopt : engine::parse_severity(policy->fail_on.value);
  if (!apply_rule_policy(ctx, *policy, *catalog, options))
    return ExitCode::invalid_input;
  // Disabled rules are left out of the evaluation, not of the waiver checks (`prepare`).
  const engine::Catalog active =
      options.disabled_rules.empty() ? engine::Catalog() : advice::active_catalog(*catalog, options);
  const engine::Catalog& evaluated = options.disabled_rules.empty() ? *catalog : active;
  std::optional<Baseline> baseline;
  if (!args.baseline.empty()) {
    baseline = read_baseline(ctx, args.baseline);
    if (!baseline)
      return ExitCode::invalid_input;
  }
  std::vector<BaselineEntry> recorded; // the baseline command
  std::set<std::string> checked;       // files assessed, for the resolved baseline entries
  int known = 0;                       // findings the baseline knew
  const std::unique_ptr<report::Renderer> renderer =
      args.record_baseline ? std::make_unique<report::Broadcast>() : open_renderers(ctx, effective, command);
  // What only some formats read is computed only when one of the run's renderers reads it.
  const report::Renderer::Needs needs = renderer->needs();
  options.diagram = needs.diagram;
  options.rule_list = needs.rule_list;
  options.catalog_digest = needs.catalog_digest;
  advice::RunInfo run = advice::describe_run(*catalog, options);
  for (auto& p : run.param_overrides) // where each came from, when not `--param`
    for (const auto& setting : policy->params) {
      std::string name = setting.value.substr(0, setting.value.find('='));
      std::replace(name.begin(), name.end(), '-', '_');
      if (name == p.name && setting.origin != "--param")
        p.by = setting.origin;
    }

  // One file at a time: each is loaded, assessed, rendered and dropped before the next,
  // so memory stays at one file's whatever the number of files; only `summary` grows.
  report::RunSummary summary;
  std::size_t unreadable = 0; // files with schema errors
  renderer->begin(run);
  Progress progress(ctx, args.files.size());
  for (const auto& path : args.files) {
    progress.next(path);
    diag::SourceMap file_sources;
    diag::DiagnosticBag bag;
    std::string input_sha256;
    std::optional<model::Environment> environment =
        load_input(ctx, path, file_sources, bag, needs.input_sha256 ? &input_sha256 : nullptr);
    const bool ok = environment && prepare(*catalog, args, command, path, *environment, bag);
    if (!bag.empty()) {
      progress.clear();
      ctx.report(bag, file_sources);
    }
    if (!ok) {
      if (!environment)
        ++unreadable;
      ++summary.invalid_files;
      renderer->input_errors(errors_of(bag));
      continue;
    }
    advice::FileResult file = advice::assess_file(
        evaluated, advice::Input{&*environment, args.sets, shared_waivers ? &*shared_waivers : nullptr},
        options);
    file.input_sha256 = std::move(input_sha256);
    spdlog::info("{}: assessed for topology {}, {} finding(s), {} question(s)", file.file,
                 file.assessed ? engine::to_string(*file.assessed) : "unknown", file.findings.size(),
                 file.questions.size());
    for (const auto& problem : file.problems)
      spdlog::error("{}: rule {} could not be evaluated: {} ({})", file.file, problem.rule_id,
                    problem.message, problem.where.to_string());
    if (args.record_baseline) {
      auto entries = baseline_entries(file);
      recorded.insert(recorded.end(), entries.begin(), entries.end());
    }
    if (baseline) {
      known += apply_baseline(*baseline, file);
      checked.insert(file.file);
    }
    renderer->file(file);
    summary.add(file, run.fail_on);
  }
  progress.clear();
  renderer->end(summary);
  if (baseline && !ctx.quiet)
    ctx.err << describe_baseline(*baseline, known, checked);
  if (args.record_baseline) {
    if (summary.invalid_files > 0 || summary.evaluation_errors > 0)
      return ExitCode::invalid_input; // an incomplete baseline would hide findings later
    ctx.result << baseline_json(recorded);
    return ExitCode::success;
  }
  if (unreadable > 0)
    ctx.err << "ghes-topology: " << problems_summary(unreadable, args.files.size()) << '\n';
  if (summary.invalid_files > 0) {
    // Partial results: when some file was assessed, every valid file is reported and the
    // rejected ones are listed as input errors. When none was, nothing is written.
    ctx.write_incomplete_result = !summary.files.empty();
    return ExitCode::invalid_input;
  }
  if (summary.evaluation_errors > 0) {
    // Every other result is shown, but an incomplete evaluation is not an answer.
    ctx.write_incomplete_result = true;
    return ExitCode::invalid_input;
  }
  return summary.failing > 0 ? ExitCode::findings : ExitCode::success;
}

} // namespace ghes_topology::cli
