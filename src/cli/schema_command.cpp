// SPDX-License-Identifier: Apache-2.0
// `ghes-topology schema`: the environment file's schema as JSON Schema or Markdown.
#include "cli/context.hpp"

#include "ghes_topology/model/environment_schema.hpp"
#include "ghes_topology/model/schema_export.hpp"

#include <CLI/CLI.hpp>

#include <map>
#include <memory>

namespace ghes_topology::cli {
namespace {

enum class SchemaFormat { json, markdown };

} // namespace

void add_schema_command(CLI::App& app, Context& ctx)
{
  auto format = std::make_shared<SchemaFormat>(SchemaFormat::json);
  CLI::App* cmd = app.add_subcommand(
      "schema", "Print the environment file's schema (JSON Schema or a Markdown reference)");
  const std::map<std::string, SchemaFormat> names{{"json", SchemaFormat::json},
                                                  {"markdown", SchemaFormat::markdown}};
  cmd->add_option("--format", *format, "json (JSON Schema draft 2020-12, the default) or markdown")
      ->transform(CLI::CheckedTransformer(names, CLI::ignore_case))
      ->option_text("FORMAT");
  cmd->footer("The JSON Schema gives editors completion and checks through yaml-language-server:\n"
              "save it and put '# yaml-language-server: $schema=environment.schema.json' on the\n"
              "first line of an environment file.\n\n"
              "Examples:\n"
              "  ghes-topology schema -o environment.schema.json\n"
              "  ghes-topology schema --format markdown\n");
  cmd->callback([&ctx, format] {
    ctx.action = [&ctx, format] {
      const auto& schema = model::environment_schema();
      ctx.result << (*format == SchemaFormat::json ? model::to_json_schema(schema)
                                                   : model::to_markdown(schema));
      return ExitCode::success;
    };
  });
}

} // namespace ghes_topology::cli
