// SPDX-License-Identifier: Apache-2.0
// `ghes-topology init`: print a commented starter environment file.
#include "cli/context.hpp"

#include "ghes_topology/diag/error.hpp"
#include "ghes_topology/model/environment_schema.hpp"
#include "ghes_topology/model/schema_export.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <system_error>

namespace ghes_topology::cli {

void add_init_command(CLI::App& app, Context& ctx)
{
  CLI::App* cmd = app.add_subcommand("init", "Print a commented starter environment file");
  auto force = std::make_shared<bool>(false);
  cmd->add_flag("--force", *force, "With -o FILE: replace FILE if it already exists");
  cmd->footer("Every key of the schema is listed with an example value and a comment; edit the values,\n"
              "delete what you do not know. The optional plan and waivers sections are commented out.\n"
              "-o FILE refuses to replace an existing FILE unless --force is given.\n\n"
              "Examples:\n"
              "  ghes-topology init -o environment.yaml\n"
              "  ghes-topology init | ghes-topology validate -\n");
  cmd->callback([&ctx, force] {
    ctx.action = [&ctx, force] {
      // An edited environment file is the user's work: never replace it by accident.
      std::error_code ec;
      if (!*force && !ctx.output_path.empty() && ctx.output_path != "-" &&
          std::filesystem::exists(std::filesystem::symlink_status(ctx.output_path, ec)))
        throw Error(fmt::format("'{}' already exists; add --force to replace it", ctx.output_path));
      ctx.result << model::starter_file(model::environment_schema());
      return ExitCode::success;
    };
  });
}

} // namespace ghes_topology::cli
