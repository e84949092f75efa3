// SPDX-License-Identifier: Apache-2.0
// The shared rule-catalog options and their loading.
#include "cli/catalog_options.hpp"

#include "ghes_topology/engine/expression_env.hpp"
#include "ghes_topology/text/layout.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace ghes_topology::cli {

void add_catalog_options(CLI::App& command, engine::CatalogOptions& options)
{
  command
      .add_option("--rules", options.rule_dirs,
                  "Add the rules in folder DIR (laid out as <category>/<name>.yaml; repeatable). A rule with "
                  "the id of a built-in rule replaces it")
      ->option_text("DIR")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command.add_flag_callback(
      "--no-builtin-rules", [&options] { options.builtin = engine::BuiltinRules::exclude; },
      "Use only the rules of the --rules folders");
  command
      .add_option("--param", options.param_assignments,
                  "Override a rule parameter, e.g. cluster.min_developers=20000 (repeatable; '-' may stand "
                  "for '_' in NAME)")
      ->option_text("NAME=VALUE")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

engine::CatalogOptions options_without_fixtures()
{
  engine::CatalogOptions options;
  options.fixtures = engine::Fixtures::skip;
  return options;
}

std::optional<engine::Catalog> load_catalog(Context& ctx, const engine::CatalogOptions& options)
{
  diag::DiagnosticBag bag;
  auto catalog = engine::load_catalog(options, bag, ctx.sources);
  if (!bag.empty())
    ctx.report(bag);
  if (!catalog || bag.has_errors())
    return std::nullopt;
  return catalog;
}

const engine::Catalog& keep_until_exit(engine::Catalog&& catalog)
{
  // Reachable through this pointer until exit, so leak checkers do not count it.
  static auto* const kept = new std::optional<engine::Catalog>();
  kept->reset();
  return kept->emplace(std::move(catalog));
}

std::string describe_param_overrides(const engine::Catalog& catalog, std::size_t width)
{
  std::string out;
  for (const engine::Parameter* p : catalog.overridden_parameters()) {
    std::string line = fmt::format("{} = {}", p->name, engine::display_text(p->value()));
    if (!p->unit.empty())
      line += " " + p->unit;
    line += fmt::format(" (default {})", engine::display_text(p->default_value));
    out += text::wrap(line, width, "  ", "    ");
  }
  return out;
}

std::string describe_rule_overrides(const engine::Catalog& catalog)
{
  std::string out;
  for (const auto& rule : catalog.rules)
    if (!rule.overrides.empty())
      out += fmt::format("  {}: {} overrides built-in rule {}\n", rule.id, rule.file, rule.overrides);
  return out;
}

} // namespace ghes_topology::cli
