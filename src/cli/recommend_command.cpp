// SPDX-License-Identifier: Apache-2.0
// `ghes-topology recommend`: the verdict, its reasons and its implications.
#include "cli/assess_command.hpp"

#include <CLI/CLI.hpp>
#include <memory>

namespace ghes_topology::cli {

void add_recommend_command(CLI::App& app, Context& ctx)
{
  auto args = std::make_shared<AssessArgs>();
  CLI::App* sub = app.add_subcommand(
      "recommend", "Recommend standalone, HA or clustering: verdict, reasons, tipping points, implications");
  add_assess_options(*sub, *args);
  sub->footer(
      "Examples:\n"
      "  ghes-topology recommend examples/strict-dr.yaml\n"
      "  ghes-topology recommend --format json -o report.json environment.yaml\n"
      "  ghes-topology recommend --set developers.total=30000 --set dr.rto_minutes=15 environment.yaml\n"
      "  ghes-topology recommend --param cluster.min-developers=20000 environment.yaml\n"
      "Exit codes: 0 done, 2 invalid input or usage, 3 internal error.\n");
  sub->parse_complete_callback([&ctx, args] {
    require_files(*args);
    ctx.action = [&ctx, args] { return run_assessment(ctx, *args, advice::Command::recommend); };
  });
}

} // namespace ghes_topology::cli
