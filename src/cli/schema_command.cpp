// SPDX-License-Identifier: Apache-2.0
// `ghes-topology schema`: the environment file's schema as JSON Schema or Markdown.
#include "cli/context.hpp"
#include "cli/usage.hpp"

#include "ghes_topology/model/config_schema.hpp"
#include "ghes_topology/model/environment_schema.hpp"
#include "ghes_topology/model/schema_export.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace ghes_topology::cli {

void add_schema_command(CLI::App& app, Context& ctx)
{
  auto format = std::make_shared<std::string>("json");
  CLI::App* cmd = app.add_subcommand(
      "schema", "Print the environment file's schema (JSON Schema or a Markdown reference)");
  cmd->add_option("--format", *format, "json (JSON Schema draft 2020-12, the default) or markdown")
      ->check(one_of("--format", {"json", "markdown"}))
      ->option_text("FORMAT");
  auto config = std::make_shared<bool>(false);
  cmd->add_flag("--config", *config, "The config file's (.ghes-topology.yaml) schema instead");
  cmd->footer("The JSON Schema gives editors completion and checks through yaml-language-server:\n"
              "save it and put '# yaml-language-server: $schema=environment.schema.json' on the\n"
              "first line of an environment file.\n\n"
              "Examples:\n"
              "  ghes-topology schema -o environment.schema.json\n"
              "  ghes-topology schema --format markdown\n"
              "  ghes-topology schema --config -o config.schema.json\n");
  cmd->callback([&ctx, format, config] {
    ctx.action = [&ctx, format, config] {
      const auto& schema = *config ? model::config_schema() : model::environment_schema();
      ctx.result << (*format == "markdown" ? model::to_markdown(schema) : model::to_json_schema(schema));
      return ExitCode::success;
    };
  });
}

} // namespace ghes_topology::cli
