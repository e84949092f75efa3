// SPDX-License-Identifier: Apache-2.0
// The CLI11 application: global options, the subcommand table, and the one place
// where exceptions are turned into messages and exit codes.
#include "cli/context.hpp"
#include "cli/output.hpp"
#include "cli/usage.hpp"

#include "ghes_topology/cli/run.hpp"
#include "ghes_topology/diag/error.hpp"
#include "ghes_topology/version.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <array>
#include <map>
#include <memory>
#include <ostream>

namespace ghes_topology::cli {
namespace {

// Every subcommand, in the order `--help` lists them.
const std::vector<Command> k_commands = {
    {"recommend", add_recommend_command}, {"check", add_check_command}, {"validate", add_validate_command},
    {"schema", add_schema_command},       {"init", add_init_command},   {"rules", add_rules_command},
};

std::string version_text()
{
  return fmt::format("ghes-topology {}", tool_version());
}

void configure_logging(const Context& ctx)
{
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(ctx.err, /*force_flush=*/true);
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
    app.set_version_flag("--version", version_text(), "Print the version and exit");
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
    app.add_option("-o,--output", ctx.output_path,
                   "Write the result to FILE (atomically: a failed run leaves FILE untouched)")
        ->option_text("FILE");
    app.footer(
        "Exit codes: 0 success, 1 findings at or above --fail-on, 2 invalid input or usage, "
        "3 internal error.\nRun 'ghes-topology COMMAND --help' for a command's options and examples.\n");
    for (const auto& command : k_commands)
      command.add(app, ctx);

    std::vector<std::string> reversed(args.rbegin(), args.rend());
    try {
      app.parse(reversed);
    } catch (const CLI::CallForHelp& e) {
      return app.exit(e, out, err) == 0 ? to_int(ExitCode::success) : to_int(ExitCode::invalid_input);
    } catch (const CLI::CallForAllHelp& e) {
      return app.exit(e, out, err) == 0 ? to_int(ExitCode::success) : to_int(ExitCode::invalid_input);
    } catch (const CLI::CallForVersion& e) {
      return app.exit(e, out, err) == 0 ? to_int(ExitCode::success) : to_int(ExitCode::invalid_input);
    } catch (const CLI::ParseError& e) {
      err << "ghes-topology: error: " << usage_message(e, app) << "\nRun '" << command_path(app)
          << " --help' for usage.\n";
      return to_int(ExitCode::invalid_input);
    } catch (const UsageError& e) {
      err << "ghes-topology: error: " << e.what() << "\nRun '" << command_path(app)
          << " --help' for usage.\n";
      return to_int(ExitCode::invalid_input);
    }

    configure_logging(ctx);
    if (!ctx.action)
      throw Fatal("no action for the chosen subcommand");
    const ExitCode code = ctx.action();
    if (code == ExitCode::success || code == ExitCode::findings) {
      if (ctx.output_path.empty() || ctx.output_path == "-") {
        if (!spool.empty())
          out << spool.content().rdbuf();
        out << std::flush;
      } else {
        write_file_atomically(ctx.output_path, spool.content());
      }
    }
    return to_int(code);
  } catch (const Error& e) {
    err << "ghes-topology: error: " << e.what() << '\n';
    return to_int(ExitCode::invalid_input);
  } catch (const Fatal& e) {
    err << "ghes-topology: internal error: " << e.what() << "\nPlease report this as a bug.\n";
    return to_int(ExitCode::internal_error);
  } catch (const std::exception& e) {
    err << "ghes-topology: internal error: " << e.what() << "\nPlease report this as a bug.\n";
    return to_int(ExitCode::internal_error);
  } catch (...) {
    err << "ghes-topology: internal error: unknown exception\nPlease report this as a bug.\n";
    return to_int(ExitCode::internal_error);
  }
}

} // namespace ghes_topology::cli
