// SPDX-License-Identifier: Apache-2.0
// `ghes-topology init`: print a commented starter environment file.
#include "cli/context.hpp"

#include "ghes_topology/model/environment_schema.hpp"
#include "ghes_topology/model/schema_export.hpp"

#include <CLI/CLI.hpp>

namespace ghes_topology::cli {

void add_init_command(CLI::App& app, Context& ctx)
{
  CLI::App* cmd = app.add_subcommand("init", "Print a commented starter environment file");
  cmd->footer("Every key of the schema is listed with an example value and a comment; edit the values,\n"
              "delete what you do not know. The optional plan and waivers sections are commented out.\n\n"
              "Examples:\n"
              "  ghes-topology init -o environment.yaml\n"
              "  ghes-topology init | ghes-topology validate -\n");
  cmd->callback([&ctx] {
    ctx.action = [&ctx] {
      ctx.result << model::starter_file(model::environment_schema());
      return ExitCode::success;
    };
  });
}

} // namespace ghes_topology::cli
