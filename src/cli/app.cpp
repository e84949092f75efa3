// SPDX-License-Identifier: Apache-2.0
// The CLI11 application: global options, the subcommand table, and the one place
// where exceptions are turned into messages and exit codes.
#include "cli/baseline.hpp"
#include "cli/context.hpp"
#include "cli/output.hpp"
#include "cli/usage.hpp"

#include "ghes_topology/cli/run.hpp"
#include "ghes_topology/diag/error.hpp"
#include "ghes_topology/diag/text.hpp"
#include "ghes_topology/engine/embedded_rules.hpp"
#include "ghes_topology/version.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>

namespace ghes_topology::cli {
namespace {

// Every subcommand, in the order `--help` lists them.
const std::vector<Command> k_commands = {
    {"recommend", add_recommend_command},   {"check", add_check_command}, {"validate", add_validate_command},
    {"schema", add_schema_command},         {"init", add_init_command},   {"rules", add_rules_command},
    {"render", add_render_command},         {"diff", add_diff_command},   {"baseline", add_baseline_command},
    {"completion", add_completion_command},
};

// `--version`: the tool's version, then which built-in rules judge its runs
// (engine::catalog_digest), so a CI log says which rules judged it.
// Both were computed when the catalog was compiled: printing them loads nothing.
std::string version_text()
{
  const engine::BuiltinCatalogSummary summary = engine::builtin_catalog_summary();
  return fmt::format("ghes-topology {}\nrule catalog: {} built-in rules, digest {}", tool_version(),
                     summary.rules, summary.digest);
}

// Log lines on stderr, with control characters from input escaped and long values cut.
class PrintableSink final : public spdlog::sinks::base_sink<std::mutex>
{
public:
  explicit PrintableSink(std::ostream& out)
      : m_out(out)
  {}

protected:
  void sink_it_(const spdlog::details::log_msg& msg) override
  {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    std::string_view text(formatted.data(), formatted.size());
    const bool newline = !text.empty() && text.back() == '\n';
    if (newline)
      text.remove_suffix(1);
    m_out << diag::printable(text) << (newline ? "\n" : "") << std::flush;
  }
  void flush_() override { m_out.flush(); }

private:
  std::ostream& m_out;
};

// CLI11's formatter, plus the global options in every subcommand's `--help` (before its
// footer): they are accepted before or after the command name (the app falls through).
class HelpFormatter final : public CLI::Formatter
{
public:
  std::string make_footer(const CLI::App* app) const override
  {
    const CLI::App* root = app;
    while (root->get_parent() != nullptr)
      root = root->get_parent();
    if (root == app)
      return CLI::Formatter::make_footer(app);
    const auto globals = root->get_options([root](const CLI::Option* opt) {
      return opt->nonpositional() && opt != root->get_help_ptr() && opt != root->get_help_all_ptr() &&
             opt != root->get_version_ptr();
    });
    std::string group = make_group("Global options (before or after the command)", false, globals);
    group.erase(0, 1); // make_group starts with a blank line; make_help already wrote one
    return group + "\n" + CLI::Formatter::make_footer(app);
  }
};

void configure_logging(const Context& ctx)
{
  auto sink = std::make_shared<PrintableSink>(ctx.err);
  sink->set_pattern("ghes-topology: %l: %v");
  auto logger = std::make_shared<spdlog::logger>("ghes-topology", sink);
  spdlog::level::level_enum level = spdlog::level::warn;
  if (ctx.quiet)
    level = spdlog::level::err;
  else if (ctx.verbosity == 1)
    level = spdlog::level::info;
  else if (ctx.verbosity >= 2)
    level = spdlog::level::debug;
  logger->set_level(level);
  spdlog::set_default_logger(logger);
}

} // namespace

diag::Color Context::result_color() const
{
  switch (color_mode) {
  case ColorMode::always:
    return diag::Color::yes;
  case ColorMode::never:
    return diag::Color::no;
  case ColorMode::automatic:
    return output_path.empty() && terminal.stdout_is_tty && !terminal.no_color ? diag::Color::yes
                                                                               : diag::Color::no;
  }
  return diag::Color::no;
}

std::size_t Context::text_width() const
{
  const bool to_terminal = (output_path.empty() || output_path == "-") && terminal.stdout_is_tty;
  return text::choose_width(to_terminal ? terminal.stdout_columns : 0, terminal.columns_env);
}

text::Charset Context::charset() const
{
  return terminal.locale.empty() ? text::Charset::utf8 : text::charset_of_locale(terminal.locale);
}

diag::Color Context::diagnostic_color() const
{
  switch (color_mode) {
  case ColorMode::always:
    return diag::Color::yes;
  case ColorMode::never:
    return diag::Color::no;
  case ColorMode::automatic:
    return terminal.stderr_is_tty && !terminal.no_color ? diag::Color::yes : diag::Color::no;
  }
  return diag::Color::no;
}

void Context::report(const diag::DiagnosticBag& bag)
{
  err << diag::render_all(bag, sources, diagnostic_color());
}

void Context::report(const diag::DiagnosticBag& bag, const diag::SourceMap& file_sources)
{
  err << diag::render_all(bag, file_sources, diagnostic_color());
}

int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err,
        const Terminal& terminal)
{
  try {
    Context ctx{in, err, terminal};
    Spool spool; // the result, until the run ends (see the end of this block)
    ctx.result.rdbuf(spool.buffer());
    CLI::App app{"ghes-topology: advice on GitHub Enterprise Server deployment topologies "
                 "(standalone, high availability, clustering).",
                 "ghes-topology"};
    app.formatter(std::make_shared<HelpFormatter>()); // before the subcommands: they copy it
    app.set_version_flag("--version", version_text,
                         "Print the version and the rule catalog's digest and exit");
    app.set_help_all_flag("--help-all", "Print help for every subcommand");
    app.require_subcommand(1);
    app.fallthrough();
    app.add_flag("-v,--verbose", ctx.verbosity, "More log output on stderr (repeat for more)");
    app.add_flag("-q,--quiet", ctx.quiet, "Only errors on stderr");
    const std::map<std::string, ColorMode> color_names{
        {"auto", ColorMode::automatic}, {"always", ColorMode::always}, {"never", ColorMode::never}};
    app.add_option("--color", ctx.color_mode,
                   "Colour: auto (on a terminal, unless NO_COLOR is set), always, never")
        ->transform(CLI::CheckedTransformer(color_names))
        // CLI11 runs transforms last-added first: the name check, then the mapping.
        ->transform(one_of("--color", {"auto", "always", "never"}, /*ignore_case=*/true))
        ->option_text("WHEN");
    std::vector<std::string> output_values;
    app.add_option("-o,--output", output_values,
                   "Write the result to FILE (atomically: a failed run leaves FILE untouched); "
                   "FORMAT=PATH (repeatable, recommend, check and diff) writes one more output in FORMAT "
                   "to PATH ('-' = stdout)")
        ->option_text("FILE|FORMAT=PATH")
        ->allow_extra_args(false)
        ->take_all();
    app.footer("Exit codes: 0 success, 1 findings at or above --fail-on (diff: the files differ), 2 invalid "
               "input or "
               "usage, 3 internal error.\nRun 'ghes-topology COMMAND --help' for a command's options and "
               "examples.\n");
    // Only the commands the arguments name are built (their options cost about 5% of a one-file
    // run); all of them when none is named, or for help and completion, which list them all.
    const auto in_args = [&args](std::string_view word) {
      return std::find(args.begin(), args.end(), word) != args.end();
    };
    const bool all = in_args("-h") || in_args("--help") || in_args("--help-all") || in_args("completion") ||
                     std::none_of(k_commands.begin(), k_commands.end(),
                                  [&](const Command& command) { return in_args(command.name); });
    for (const auto& command : k_commands)
      if (all || in_args(command.name))
        command.add(app, ctx);

    std::vector<std::string> reversed(args.rbegin(), args.rend());
    try {
      app.parse(reversed);
      OutputArgs outputs = split_output_args(output_values);
      ctx.output_path = outputs.plain;
      ctx.output_requests = std::move(outputs.requests);
      if (!ctx.output_requests.empty()) {
        const auto chosen = app.get_subcommands();
        const std::string name = chosen.empty() ? std::string() : chosen.front()->get_name();
        if (name != "recommend" && name != "check" && name != "diff")
          throw UsageError(fmt::format("-o {}={}: several outputs (-o FORMAT=PATH) are for 'recommend', "
                                       "'check' and 'diff' only, not '{}'",
                                       ctx.output_requests.front().format, ctx.output_requests.front().path,
                                       name));
      }
    } catch (const CLI::CallForHelp& e) {
      return app.exit(e, out, err) == 0 ? to_int(ExitCode::success) : to_int(ExitCode::invalid_input);
    } catch (const CLI::CallForAllHelp& e) {
      return app.exit(e, out, err) == 0 ? to_int(ExitCode::success) : to_int(ExitCode::invalid_input);
    } catch (const CLI::CallForVersion& e) {
      return app.exit(e, out, err) == 0 ? to_int(ExitCode::success) : to_int(ExitCode::invalid_input);
    } catch (const CLI::ParseError& e) {
      // Messages quote what the user typed: escaped like every other echo of input.
      err << "ghes-topology: error: " << diag::printable(usage_message(e, app)) << "\nRun '"
          << command_path(app) << " --help' for usage.\n";
      return to_int(ExitCode::invalid_input);
    } catch (const UsageError& e) {
      err << "ghes-topology: error: " << diag::printable(e.what()) << "\nRun '" << command_path(app)
          << " --help' for usage.\n";
      return to_int(ExitCode::invalid_input);
    }

    configure_logging(ctx);
    if (!ctx.action)
      throw Fatal("no action for the chosen subcommand");
    const ExitCode code = ctx.action();
    if (code == ExitCode::success || code == ExitCode::findings || ctx.write_incomplete_result) {
      if (!ctx.output_path.empty() && ctx.output_path != "-")
        write_output_file(ctx.output_path, spool.content());
      else if (terminal.stdout_closed)
        throw Error("cannot write the result to standard output: it is closed");
      else
        write_output_stream(out, spool.content());
      publish_extra_outputs(ctx.extra_outputs, out);
    }
    return to_int(code);
  } catch (const Error& e) {
    err << "ghes-topology: error: " << diag::printable(e.what()) << '\n';
    return to_int(ExitCode::invalid_input);
  } catch (const Fatal& e) {
    err << "ghes-topology: internal error: " << diag::printable(e.what())
        << "\nPlease report this as a bug.\n";
    return to_int(ExitCode::internal_error);
  } catch (const std::exception& e) {
    err << "ghes-topology: internal error: " << diag::printable(e.what())
        << "\nPlease report this as a bug.\n";
    return to_int(ExitCode::internal_error);
  } catch (...) {
    err << "ghes-topology: internal error: unknown exception\nPlease report this as a bug.\n";
    return to_int(ExitCode::internal_error);
  }
}

} // namespace ghes_topology::cli
