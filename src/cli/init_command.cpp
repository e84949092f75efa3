// SPDX-License-Identifier: Apache-2.0
// `ghes-topology init`: print a commented starter environment file.
#include "cli/context.hpp"

#include "ghes_topology/diag/error.hpp"
#include "ghes_topology/model/config_schema.hpp"
#include "ghes_topology/model/environment_schema.hpp"
#include "ghes_topology/model/schema_export.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <system_error>

namespace ghes_topology::cli {
namespace {

// A commented starter `.ghes-topology.yaml`: `version: 1`, then every other key of the config
// field table, commented out, under its description.
std::string starter_config()
{
  std::string out =
      "# .ghes-topology.yaml: settings for 'ghes-topology recommend' and 'check' (docs/config.md).\n"
      "# Found from the working directory upward, up to the repository root; --config FILE or\n"
      "# GHES_TOPOLOGY_CONFIG names another, --no-config ignores it. A flag or an environment\n"
      "# variable overrides each setting; 'check --show-config' shows where each came from.\n"
      "# Uncomment what you need.\n"
      "version: 1\n";
  for (const auto& f : model::config_schema().root.fields) {
    if (f.name == "version")
      continue;
    out += fmt::format("\n# {}\n# {}: {}\n", f.description, f.name, f.example);
  }
  return out;
}

} // namespace

void add_init_command(CLI::App& app, Context& ctx)
{
  CLI::App* cmd = app.add_subcommand("init", "Print a commented starter environment file");
  auto force = std::make_shared<bool>(false);
  cmd->add_flag("--force", *force, "With -o FILE: replace FILE if it already exists");
  auto config = std::make_shared<bool>(false);
  cmd->add_flag("--config", *config, "Print a commented starter config file (.ghes-topology.yaml) instead");
  cmd->footer("Every key of the schema is listed with an example value and a comment; edit the values,\n"
              "delete what you do not know. The optional plan and waivers sections are commented out.\n"
              "-o FILE refuses to replace an existing FILE unless --force is given.\n\n"
              "Examples:\n"
              "  ghes-topology init -o environment.yaml\n"
              "  ghes-topology init | ghes-topology validate -\n"
              "  ghes-topology init --config -o .ghes-topology.yaml\n");
  cmd->callback([&ctx, force, config] {
    ctx.action = [&ctx, force, config] {
      // An edited environment file is the user's work: never replace it by accident.
      std::error_code ec;
      if (!*force && !ctx.output_path.empty() && ctx.output_path != "-" &&
          std::filesystem::exists(std::filesystem::symlink_status(ctx.output_path, ec)))
        throw Error(fmt::format("'{}' already exists; add --force to replace it", ctx.output_path));
      ctx.result << (*config ? starter_config() : model::starter_file(model::environment_schema()));
      return ExitCode::success;
    };
  });
}

} // namespace ghes_topology::cli
