// SPDX-License-Identifier: Apache-2.0
// `ghes-topology check`: validate planned topologies for CI.
#include "cli/assess_command.hpp"
#include "cli/usage.hpp"

#include <CLI/CLI.hpp>
#include <memory>

namespace ghes_topology::cli {

void add_check_command(CLI::App& app, Context& ctx)
{
  auto args = std::make_shared<AssessArgs>();
  CLI::App* sub = app.add_subcommand(
      "check", "Check the planned topology ('plan:') of each environment file against the rules; for CI");
  add_assess_options(*sub, *args);
  sub->add_option_function<std::string>(
         "--fail-on", [args](const std::string& value) { args->flags.fail_on = value; },
         "Exit 1 when a finding is at or above this severity")
      ->check(one_of("--fail-on", {"error", "warning", "info", "none"}))
      ->option_text("error|warning|info|none")
      ->default_str("error");
  sub->add_option("--baseline", args->baseline,
                  "Report and gate only findings not in this baseline (see 'ghes-topology baseline'); "
                  "list its entries no longer found")
      ->option_text("FILE");
  sub->footer("Examples:\n"
              "  ghes-topology check examples/flawed-plan.yaml\n"
              "  ghes-topology check --fail-on warning envs/*.yaml\n"
              "  ghes-topology check --fail-on none --format json -o findings.json environment.yaml\n"
              "Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,\n"
              "2 invalid input or usage (including a file without a plan), 3 internal error.\n");
  sub->parse_complete_callback([&ctx, args] {
    require_files(*args);
    ctx.action = [&ctx, args] { return run_assessment(ctx, *args, advice::Command::check); };
  });
}

} // namespace ghes_topology::cli
