// SPDX-License-Identifier: Apache-2.0
// `ghes-topology rules list|show|params|test`: the rule catalog, one rule in full, every
// rule parameter, the self-tests.
#include "cli/catalog_options.hpp"
#include "cli/context.hpp"
#include "cli/usage.hpp"

#include "ghes_topology/diag/suggest.hpp"
#include "ghes_topology/diag/text.hpp"
#include "ghes_topology/engine/catalog.hpp"
#include "ghes_topology/engine/expression_env.hpp"
#include "ghes_topology/engine/fixtures.hpp"
#include "ghes_topology/report/catalog.hpp"
#include "ghes_topology/text/layout.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>

namespace ghes_topology::cli {
namespace {

enum class Format { text, json };

struct RulesState
{
  engine::CatalogOptions list_options = options_without_fixtures();
  engine::CatalogOptions show_options;
  engine::CatalogOptions params_options = options_without_fixtures();
  engine::CatalogOptions test_options;
  Format format = Format::text;
  std::string rule_id;
  std::vector<std::string> test_dirs;
};

std::string severity_text(const engine::Rule& rule)
{
  return rule.severity ? std::string(engine::to_string(*rule.severity)) : std::string("-");
}

// Text from rule files, safe to print: control characters escaped (a user rule folder is input).
std::string clean(std::string_view text)
{
  return diag::escape_controls(text);
}

// `  label:      value` with the value wrapped under itself.
std::string field_line(std::size_t width, std::string_view label, std::string_view value)
{
  constexpr std::size_t k_label_width = 13;
  const std::string head = fmt::format("  {:<{}}", std::string(label) + ":", k_label_width);
  return text::wrap(clean(value), width, head, std::string(head.size(), ' '));
}

std::string paragraph(std::size_t width, std::string_view heading, std::string_view body)
{
  return fmt::format("{}:\n", heading) + text::wrap(clean(body), width, "  ", "  ");
}

std::string threshold_text(engine::Threshold t)
{
  switch (t) {
  case engine::Threshold::documented:
    return "documented (the GHES docs state it)";
  case engine::Threshold::assumption:
    return "assumption (the advisor's own number; override it with --param)";
  case engine::Threshold::none:
    return "none (the rule has no numeric threshold)";
  }
  return "none";
}

// --- rules list ---

ExitCode run_list(Context& ctx, const RulesState& state)
{
  const auto catalog = load_catalog(ctx, state.list_options);
  if (!catalog)
    return ExitCode::invalid_input;

  if (state.format == Format::json) {
    report::write_catalog_json(ctx.result, *catalog);
    return ExitCode::success;
  }

  // SOURCE (a long docs path) is dropped when it does not fit beside a readable title;
  // `rules show ID` and `--format json` have it. The table folds its rows below that.
  const std::size_t width = ctx.text_width();
  std::vector<std::vector<std::string>> rows;
  std::size_t widest_source = 0;
  std::array<std::size_t, 3> widths{2, 4, 8};
  for (const auto& rule : catalog->rules) {
    rows.push_back({clean(rule.id), std::string(engine::to_string(rule.kind)), severity_text(rule),
                    clean(rule.title), clean(rule.source.path)});
    for (std::size_t c = 0; c < widths.size(); ++c)
      widths[c] = std::max(widths[c], text::display_width(rows.back()[c]));
    widest_source = std::max(widest_source, text::display_width(rows.back()[4]));
  }
  const bool with_source =
      widths[0] + widths[1] + widths[2] + 8 + text::Table::k_min_last_column + widest_source <= width;
  text::Table table(with_source ? std::vector<std::string>{"ID", "KIND", "SEVERITY", "SOURCE", "TITLE"}
                                : std::vector<std::string>{"ID", "KIND", "SEVERITY", "TITLE"});
  for (auto& row : rows) {
    if (with_source)
      std::swap(row[3], row[4]); // the title last: it is the column that wraps
    else
      row.pop_back();
    table.add_row(std::move(row));
  }
  ctx.result << table.render(width);
  std::size_t count[3] = {0, 0, 0};
  for (const auto& rule : catalog->rules)
    ++count[static_cast<std::size_t>(rule.kind)];
  ctx.result << fmt::format("\n{} rule{}: {} finding{}, {} evidence, {} implication{}\n",
                            catalog->rules.size(), catalog->rules.size() == 1 ? "" : "s", count[0],
                            count[0] == 1 ? "" : "s", count[1], count[2], count[2] == 1 ? "" : "s");
  if (const auto overrides = describe_rule_overrides(*catalog); !overrides.empty())
    ctx.result << "\nOverridden built-in rules:\n" << clean(overrides);
  if (const auto params = describe_param_overrides(*catalog, width); !params.empty())
    ctx.result << "\nParameter overrides:\n" << params;
  return ExitCode::success;
}

// --- rules show ---

std::string parameter_text(std::size_t width, const engine::Parameter& p)
{
  std::string out = fmt::format("{} = {}", p.name, engine::display_text(p.value()));
  if (!p.unit.empty())
    out += " " + p.unit;
  if (p.override_value)
    out += fmt::format(" (--param; default {})", engine::display_text(p.default_value));
  else
    out += " (default)";
  out += fmt::format(", {}, {}", engine::to_string(p.type),
                     p.basis == engine::Basis::documented ? "documented"
                                                          : "assumption (the advisor's own number)");
  out = text::wrap(out, width, "  ", "    ");
  if (!p.description.empty())
    out += text::wrap(clean(p.description), width, "    ", "    ");
  return out;
}

std::string fixtures_text(std::size_t width, const engine::FixtureFile& fixture)
{
  diag::DiagnosticBag ignored;
  const auto docs = engine::split_fixture(fixture, ignored);
  std::string out = text::wrap(
      fmt::format("Fixtures: {} ({} document{})", fixture.file, docs.size(), docs.size() == 1 ? "" : "s"),
      width, "", "  ");
  for (const auto& doc : docs) {
    std::string what;
    if (doc.expects.empty()) {
      what = "must not fire";
    } else {
      std::vector<std::string> lines;
      for (const auto& m : doc.expects)
        lines.push_back(std::to_string(m.line));
      what = fmt::format("fires at line{} {}", lines.size() == 1 ? "" : "s", fmt::join(lines, ", "));
    }
    std::string line = fmt::format("lines {}-{}: {}", doc.first_line, doc.last_line, what);
    if (!doc.description.empty())
      line += " - " + doc.description;
    out += text::wrap(clean(line), width, "  ", "    ");
  }
  return out;
}

ExitCode run_show(Context& ctx, const RulesState& state)
{
  const auto catalog = load_catalog(ctx, state.show_options);
  if (!catalog)
    return ExitCode::invalid_input;
  const engine::Rule* rule = catalog->find(state.rule_id);
  if (rule == nullptr) {
    diag::DiagnosticBag bag;
    auto& d = bag.error("unknown-rule", fmt::format("unknown rule '{}'", state.rule_id), diag::Location{});
    d.suggestion = diag::closest_match(state.rule_id, catalog->ids());
    if (d.suggestion.empty())
      d.notes.push_back("'ghes-topology rules list' shows every rule");
    ctx.report(bag);
    return ExitCode::invalid_input;
  }
  const engine::Rule& r = *rule;
  const std::size_t width = ctx.text_width();
  std::string out = text::wrap(clean(fmt::format("{}: {}", r.id, r.title)), width, "", "  ") + "\n";
  out += field_line(width, "kind", engine::to_string(r.kind));
  if (r.severity)
    out += field_line(width, "severity", engine::to_string(*r.severity));
  if (r.section)
    out += field_line(width, "section", engine::to_string(*r.section));
  out += field_line(width, "category", r.category);
  out += field_line(width, "file", r.file);
  if (!r.overrides.empty())
    out += field_line(width, "overrides", "built-in rule " + r.overrides);
  if (!r.required_facts.empty())
    out += field_line(width, "requires", fmt::format("{}", fmt::join(r.required_facts, ", ")));
  if (r.for_each)
    out += field_line(width, "for each", fmt::format("{} in {}", r.for_each->var, r.for_each->in.text));
  out += field_line(width, "condition", r.when.text);
  if (r.point_at)
    out += field_line(width, "points at", r.point_at->text);
  if (!r.effects.empty()) {
    std::vector<std::string> effects;
    for (const auto& e : r.effects)
      effects.push_back(report::effect_text(e));
    out += field_line(width, "effect", fmt::format("{}", fmt::join(effects, ", ")));
  }
  out += field_line(width, "message", r.message.text);
  if (!r.fact_paths.empty())
    out += field_line(width, "facts read", fmt::format("{}", fmt::join(r.fact_paths, ", ")));
  if (!r.rationale.empty())
    out += "\n" + paragraph(width, "Rationale", r.rationale);
  if (!r.remediation.text.empty())
    out += "\n" + paragraph(width, "Remediation", r.remediation.text);
  out += "\nSource:\n";
  out += field_line(width, "docs", r.source.path);
  if (!r.source.section.empty())
    out += field_line(width, "section", r.source.section);
  out += field_line(width, "versions",
                    r.source.versions.empty() ? "every version the docs cover" : r.source.versions);
  out += field_line(width, "threshold", threshold_text(r.threshold));

  std::vector<std::string> names;
  for (const auto& p : r.params)
    names.push_back(p.name);
  for (const auto& p : r.used_params)
    names.push_back(p);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  if (!names.empty()) {
    out += "\nParameters:\n";
    for (const auto& name : names)
      if (const engine::Parameter* p = catalog->parameter(name))
        out += parameter_text(width, *p);
  }
  out += '\n';
  if (const engine::FixtureFile* fixture = catalog->fixture_for(r))
    out += fixtures_text(width, *fixture);
  else
    out += "Fixtures: none\n";
  ctx.result << clean(out); // idempotent on the parts cleaned for their width
  return ExitCode::success;
}

// --- rules params ---

ExitCode run_params(Context& ctx, const RulesState& state)
{
  const auto catalog = load_catalog(ctx, state.params_options);
  if (!catalog)
    return ExitCode::invalid_input;

  if (state.format == Format::json) {
    report::write_parameters_json(ctx.result, *catalog);
    return ExitCode::success;
  }

  // One block per parameter (a table's last column would be too narrow for the rule lists).
  const std::size_t width = ctx.text_width();
  std::size_t assumptions = 0;
  for (const auto& p : catalog->parameters) {
    if (&p != &catalog->parameters.front())
      ctx.result << '\n';
    std::string head = fmt::format("{} = {}", p.name, engine::display_text(p.default_value));
    if (!p.unit.empty())
      head += " " + p.unit;
    ctx.result << text::wrap(clean(head), width, "", "    ");
    if (p.override_value)
      ctx.result << field_line(width, "override", engine::display_text(p.value()) + " (from --param)");
    ctx.result << field_line(width, "type", engine::to_string(p.type));
    ctx.result << field_line(width, "basis",
                             p.basis == engine::Basis::documented
                                 ? "documented (the GHES docs state it)"
                                 : "assumption (the advisor's own number; override it with --param)");
    ctx.result << field_line(width, "used by",
                             fmt::format("{}", fmt::join(report::parameter_users(*catalog, p), ", ")));
    if (!p.description.empty())
      ctx.result << field_line(width, "meaning", p.description);
    if (p.basis == engine::Basis::assumption)
      ++assumptions;
  }
  const std::size_t total = catalog->parameters.size();
  ctx.result << '\n'
             << text::wrap(fmt::format("{} parameter{}: {} documented (the GHES docs state the number), {} "
                                       "assumption{} (the advisor's own number). Override any with --param "
                                       "NAME=VALUE; 'rules show ID' describes a rule's parameters.",
                                       total, total == 1 ? "" : "s", total - assumptions, assumptions,
                                       assumptions == 1 ? "" : "s"),
                           width, "", "");
  if (const auto params = describe_param_overrides(*catalog, width); !params.empty())
    ctx.result << "\nParameter overrides:\n" << params;
  return ExitCode::success;
}

// --- rules test ---

ExitCode run_test(Context& ctx, const RulesState& state)
{
  engine::CatalogOptions options = state.test_options;
  options.rule_dirs.insert(options.rule_dirs.end(), state.test_dirs.begin(), state.test_dirs.end());
  auto loaded = load_catalog(ctx, options);
  if (!loaded)
    return ExitCode::invalid_input;
  const engine::Catalog& catalog = keep_until_exit(std::move(*loaded)); // no teardown at exit
  diag::DiagnosticBag bag;
  const engine::TestReport report = engine::run_fixtures(catalog, bag, ctx.sources);
  if (!bag.empty())
    ctx.report(bag);
  if (bag.has_errors())
    return ExitCode::invalid_input;

  std::size_t width = 0;
  for (const auto& result : report.results)
    width = std::max(width, result.rule_id.size());
  for (const auto& result : report.results) {
    ctx.result << fmt::format("{}  {:<{}}  {} document{}\n", result.passed() ? "PASS" : "FAIL",
                              clean(result.rule_id), width, result.documents,
                              result.documents == 1 ? "" : "s");
    for (const auto& failure : result.failures)
      ctx.result << clean(failure.text()) << '\n';
  }
  const std::size_t failed = report.failed();
  ctx.result << fmt::format("\nrules test: {} rule{}, {} document{}: {} passed, {} failed\n",
                            report.results.size(), report.results.size() == 1 ? "" : "s", report.documents,
                            report.documents == 1 ? "" : "s", report.results.size() - failed, failed);
  return failed == 0 ? ExitCode::success : ExitCode::findings;
}

} // namespace

void add_rules_command(CLI::App& app, Context& ctx)
{
  auto state = std::make_shared<RulesState>();
  CLI::App* rules = app.add_subcommand("rules", "List, show and test the rule catalog; list its parameters");
  rules->require_subcommand(1);
  rules->footer("Examples:\n"
                "  ghes-topology rules list\n"
                "  ghes-topology rules show failover-ha-dns-ttl\n"
                "  ghes-topology rules params\n"
                "  ghes-topology rules test ./my-rules");

  const std::map<std::string, Format> formats{{"text", Format::text}, {"json", Format::json}};

  CLI::App* list = rules->add_subcommand("list", "List the rules: id, kind, severity, title and source");
  add_catalog_options(*list, state->list_options);
  list->add_option("--format", state->format, "Output format: text (an aligned table) or json")
      ->transform(CLI::CheckedTransformer(formats))
      // CLI11 runs transforms last-added first: the name check, then the mapping.
      ->transform(one_of("--format", {"text", "json"}, /*ignore_case=*/true))
      ->option_text("FORMAT");
  list->footer("Examples:\n"
               "  ghes-topology rules list\n"
               "  ghes-topology rules list --format json\n"
               "  ghes-topology rules list --rules ./my-rules --param cluster.min-developers=20000");
  list->callback([&ctx, state] { ctx.action = [&ctx, state] { return run_list(ctx, *state); }; });

  CLI::App* show = rules->add_subcommand(
      "show", "Show everything about one rule: text, condition, parameters, source and fixtures");
  add_catalog_options(*show, state->show_options);
  show->add_option("ID", state->rule_id, "The rule id, e.g. failover-ha-dns-ttl")->required();
  show->footer("Examples:\n"
               "  ghes-topology rules show failover-ha-dns-ttl\n"
               "  ghes-topology rules show failover-ha-dns-ttl --param failover.max_dns_ttl_seconds=600");
  show->callback([&ctx, state] { ctx.action = [&ctx, state] { return run_show(ctx, *state); }; });

  CLI::App* params = rules->add_subcommand(
      "params",
      "List every rule parameter: default, unit, basis (documented or assumption) and the rules using it");
  add_catalog_options(*params, state->params_options);
  params->add_option("--format", state->format, "Output format: text (an aligned table) or json")
      ->transform(CLI::CheckedTransformer(formats))
      ->transform(one_of("--format", {"text", "json"}, /*ignore_case=*/true))
      ->option_text("FORMAT");
  params->footer("Examples:\n"
                 "  ghes-topology rules params\n"
                 "  ghes-topology rules params --format json\n"
                 "  ghes-topology rules params --param failover.max_dns_ttl_seconds=600");
  params->callback([&ctx, state] { ctx.action = [&ctx, state] { return run_params(ctx, *state); }; });

  CLI::App* test = rules->add_subcommand(
      "test", "Run the rules' fixtures (built-in catalog plus the given folders); exit 1 on any failure");
  add_catalog_options(*test, state->test_options);
  test->add_option("DIR", state->test_dirs, "Rule folders to test besides the built-in catalog")
      ->option_text("DIR...");
  test->footer("Examples:\n"
               "  ghes-topology rules test\n"
               "  ghes-topology rules test ./my-rules\n"
               "  ghes-topology rules test --no-builtin-rules ./my-rules");
  test->callback([&ctx, state] { ctx.action = [&ctx, state] { return run_test(ctx, *state); }; });
}

} // namespace ghes_topology::cli
