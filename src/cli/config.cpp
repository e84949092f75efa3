// SPDX-License-Identifier: Apache-2.0
// The config file: discovery, loading through the loader, and the effective settings.
#include "cli/config.hpp"

#include "ghes_topology/diag/suggest.hpp"
#include "ghes_topology/loader/document_loader.hpp"
#include "ghes_topology/model/config_schema.hpp"
#include "ghes_topology/report/renderer.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <set>
#include <sstream>

namespace ghes_topology::cli {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> variable(const char* name)
{
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0')
    return std::nullopt;
  return std::string(value);
}

// `scale.cluster-developers=1` -> `scale.cluster_developers`: the name a parameter is known by.
std::string param_name(const std::string& assignment)
{
  std::string name = assignment.substr(0, assignment.find('='));
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

// `path` of the config file relative to the folder of the config file `config`.
std::string relative_to(const std::string& config, const std::string& path)
{
  const fs::path p(path);
  if (p.is_absolute())
    return path;
  return (fs::path(config).parent_path() / p).lexically_normal().string();
}

std::string at_line(const std::string& file, const model::Value& value)
{
  const diag::Location& where = value.key_where.has_position() ? value.key_where : value.where;
  return fmt::format("{}:{}", file, where.line);
}

// A config file entry: its value, `FILE:LINE` and where it is.
Setting from_file(const std::string& file, const model::Value& value, std::string text, std::string key_path)
{
  return Setting{std::move(text), at_line(file, value), value.where, std::move(key_path)};
}

// The rule id an override `ID=LEVEL` is about.
std::string override_id(const std::string& assignment)
{
  return assignment.substr(0, assignment.find('='));
}

// A list setting taken whole from the first source that gives any: the flag's values,
// else the variable's words, else the config file's `key`.
std::vector<Setting> whole_list(const std::vector<std::string>& flag, const char* flag_name, const char* name,
                                const model::Value* in_file, const std::string& config_file, const char* key)
{
  std::vector<Setting> out;
  if (!flag.empty()) {
    for (const auto& value : flag)
      out.push_back(Setting{value, flag_name, {}, {}});
  } else if (auto v = variable(name)) {
    std::istringstream words(*v);
    for (std::string word; words >> word;)
      out.push_back(Setting{word, name, {}, {}});
  } else if (in_file != nullptr) {
    for (std::size_t i = 0; i < in_file->items.size(); ++i)
      out.push_back(
          from_file(config_file, in_file->items[i], in_file->items[i].string, fmt::format("{}[{}]", key, i)));
  }
  return out;
}

bool report_variable(Context& ctx, const std::string& message)
{
  ctx.err << "ghes-topology: error: " << message << '\n';
  return false;
}

// The value of a whole number of days from `text` (0..3650), or nothing.
std::optional<int> days_of(const std::string& text)
{
  if (text.empty() || text.size() > 4 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  const int n = std::stoi(text);
  return n <= 3650 ? std::optional<int>(n) : std::nullopt;
}

// The config file to read, how it was chosen, or nothing.
std::optional<std::pair<std::string, std::string>> choose_config(const ConfigArgs& config)
{
  if (config.none)
    return std::nullopt;
  if (!config.file.empty())
    return std::make_pair(config.file, std::string("--config"));
  if (auto file = variable("GHES_TOPOLOGY_CONFIG"))
    return std::make_pair(*file, std::string("GHES_TOPOLOGY_CONFIG"));
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec)
    return std::nullopt;
  if (auto found = discover_config(cwd))
    return std::make_pair(found->lexically_relative(cwd).string(),
                          std::string("found from the working directory upward"));
  return std::nullopt;
}

// A problem with the setting `entry`: a diagnostic at its config-file entry when it has one
// (rendered later with the file's source), else one stderr line naming its origin (a flag or
// a variable) and value, with the did-you-mean `guess` when not empty.
void report_problem(Context& ctx, diag::DiagnosticBag& bag, const Setting& entry, const std::string& code,
                    const std::string& message, const std::string& expected, const std::string& found,
                    const std::string& guess)
{
  if (entry.where.has_position()) {
    auto& d = bag.error(code, message, entry.where);
    d.key_path = entry.key_path;
    d.expected = expected;
    d.found = found;
    d.suggestion = guess;
    return;
  }
  ctx.err << fmt::format("ghes-topology: error: {} {}: {}{}\n", entry.origin, entry.value, message,
                         guess.empty() ? "" : "; did you mean '" + guess + "'?");
}

} // namespace

void add_config_options(CLI::App& command, ConfigArgs& config, SettingFlags& flags)
{
  command
      .add_option("--config", config.file,
                  "Read settings from this config file instead of .ghes-topology.yaml")
      ->option_text("FILE");
  command.add_flag("--no-config", config.none,
                   "Ignore config files (.ghes-topology.yaml, GHES_TOPOLOGY_CONFIG)");
  command.add_flag("--show-config", config.show,
                   "Print every effective setting and where it came from (flag, variable, file:line, "
                   "default), then exit");
  command
      .add_option_function<std::string>(
          "--waivers", [&flags](const std::string& path) { flags.waivers = path; },
          "A shared waivers file applied to every environment (same schema as an environment's waivers)")
      ->option_text("FILE");
  command
      .add_option_function<int>(
          "--waiver-warning-days", [&flags](const int& days) { flags.waiver_warning_days = days; },
          "An info finding this many days before a waiver expires (default 14; 0 = never)")
      ->option_text("N")
      ->check(CLI::Range(0, 3650));
  command
      .add_option("--severity", flags.severity,
                  "Give a finding rule's findings another severity: error, warning or info (repeatable)")
      ->option_text("ID=LEVEL")
      ->allow_extra_args(false)
      ->take_all();
  command
      .add_option("--disable", flags.disable,
                  "Do not evaluate this rule, or every rule of this category (repeatable)")
      ->option_text("ID|CATEGORY")
      ->allow_extra_args(false)
      ->take_all();
  command
      .add_option("--enable-only", flags.enable_only,
                  "Evaluate only these rules or categories (repeatable; --disable still applies)")
      ->option_text("ID|CATEGORY")
      ->allow_extra_args(false)
      ->take_all();
}

std::optional<fs::path> discover_config(const fs::path& start)
{
  std::error_code ec;
  for (fs::path dir = start;; dir = dir.parent_path()) {
    if (fs::is_regular_file(dir / k_config_name, ec))
      return dir / k_config_name;
    if (fs::exists(dir / ".git", ec) || dir == dir.parent_path() || dir.empty())
      return std::nullopt;
  }
}

std::optional<Policy> resolve_policy(Context& ctx, const ConfigArgs& config, const SettingFlags& flags)
{
  Policy policy;
  std::optional<model::Value> file;
  if (auto chosen = choose_config(config)) {
    policy.config_file = chosen->first;
    policy.config_origin = chosen->second;
    diag::DiagnosticBag bag;
    if (auto input = loader::read_source(policy.config_file, ctx.in, bag))
      file = loader::load_with_schema(*input, model::config_schema(), "a config file", bag, ctx.sources);
    if (!bag.empty())
      ctx.report(bag);
    if (!file || bag.has_errors())
      return std::nullopt;
  } else {
    policy.config_origin = config.none ? "--no-config" : "none found";
  }
  const auto in_file = [&](const char* key) { return file ? file->get(key) : nullptr; };

  // fail_on
  policy.fail_on = Setting{"error", "default"};
  const std::vector<std::string> severities = {"error", "warning", "info", "none"};
  if (flags.fail_on) {
    policy.fail_on = Setting{*flags.fail_on, "--fail-on"};
  } else if (auto v = variable("GHES_TOPOLOGY_FAIL_ON")) {
    if (std::find(severities.begin(), severities.end(), *v) == severities.end()) {
      const std::string guess = diag::closest_match(*v, severities);
      report_variable(ctx,
                      fmt::format("GHES_TOPOLOGY_FAIL_ON must be error, warning, info or none, not '{}'{}",
                                  *v, guess.empty() ? "" : "; did you mean '" + guess + "'?"));
      return std::nullopt;
    }
    policy.fail_on = Setting{*v, "GHES_TOPOLOGY_FAIL_ON"};
  } else if (const model::Value* fv = in_file("fail_on")) {
    policy.fail_on = Setting{fv->string, at_line(policy.config_file, *fv)};
  }

  // rules: the whole list from the first source that gives one
  if (!flags.rule_dirs.empty()) {
    for (const auto& dir : flags.rule_dirs)
      policy.rule_dirs.push_back(Setting{dir, "--rules"});
  } else if (auto v = variable("GHES_TOPOLOGY_RULES")) {
    std::stringstream parts(*v);
    for (std::string dir; std::getline(parts, dir, ':');)
      if (!dir.empty())
        policy.rule_dirs.push_back(Setting{dir, "GHES_TOPOLOGY_RULES"});
  } else if (const model::Value* fv = in_file("rules")) {
    for (const auto& item : fv->items)
      policy.rule_dirs.push_back(
          Setting{relative_to(policy.config_file, item.string), at_line(policy.config_file, item)});
  }

  // params: each parameter from the first source that sets it
  std::vector<Setting> params;
  const auto add_param = [&params](const std::string& assignment, const std::string& origin) {
    const std::string name = param_name(assignment);
    if (std::none_of(params.begin(), params.end(),
                     [&](const Setting& s) { return param_name(s.value) == name; }))
      params.push_back(Setting{assignment, origin});
  };
  for (const auto& p : flags.params)
    add_param(p, "--param");
  if (auto v = variable("GHES_TOPOLOGY_PARAMS")) {
    std::istringstream parts(*v);
    for (std::string p; parts >> p;)
      add_param(p, "GHES_TOPOLOGY_PARAMS");
  }
  if (const model::Value* v = in_file("params"))
    for (const auto& item : v->items)
      add_param(item.string, at_line(policy.config_file, item));
  policy.params = std::move(params);

  // waivers
  if (flags.waivers)
    policy.waivers = Setting{*flags.waivers, "--waivers"};
  else if (auto v = variable("GHES_TOPOLOGY_WAIVERS"))
    policy.waivers = Setting{*v, "GHES_TOPOLOGY_WAIVERS"};
  else if (const model::Value* fv = in_file("waivers"))
    policy.waivers = Setting{relative_to(policy.config_file, fv->string), at_line(policy.config_file, *fv)};

  // waiver_warning_days
  policy.waiver_warning_days = Setting{"14", "default"};
  if (flags.waiver_warning_days) {
    policy.waiver_warning_days = Setting{std::to_string(*flags.waiver_warning_days), "--waiver-warning-days"};
  } else if (auto v = variable("GHES_TOPOLOGY_WAIVER_WARNING_DAYS")) {
    if (!days_of(*v)) {
      report_variable(
          ctx, fmt::format("GHES_TOPOLOGY_WAIVER_WARNING_DAYS must be a whole number of days from 0 to 3650, "
                           "not '{}'",
                           *v));
      return std::nullopt;
    }
    policy.waiver_warning_days = Setting{*v, "GHES_TOPOLOGY_WAIVER_WARNING_DAYS"};
  } else if (const model::Value* fv = in_file("waiver_warning_days")) {
    policy.waiver_warning_days = Setting{std::to_string(fv->integer), at_line(policy.config_file, *fv)};
  }

  // severity: each rule id from the first source that sets it
  const auto add_override = [&policy](Setting setting) {
    const std::string id = override_id(setting.value);
    if (std::none_of(policy.severity.begin(), policy.severity.end(),
                     [&](const Setting& s) { return override_id(s.value) == id; }))
      policy.severity.push_back(std::move(setting));
  };
  for (const auto& o : flags.severity)
    add_override(Setting{o, "--severity", {}, {}});
  if (auto v = variable("GHES_TOPOLOGY_SEVERITY")) {
    std::istringstream parts(*v);
    for (std::string o; parts >> o;)
      add_override(Setting{o, "GHES_TOPOLOGY_SEVERITY", {}, {}});
  }
  if (const model::Value* v = in_file("severity"))
    for (std::size_t i = 0; i < v->items.size(); ++i)
      add_override(
          from_file(policy.config_file, v->items[i], v->items[i].string, fmt::format("severity[{}]", i)));

  policy.disable = whole_list(flags.disable, "--disable", "GHES_TOPOLOGY_DISABLE", in_file("disable"),
                              policy.config_file, "disable");
  policy.enable_only = whole_list(flags.enable_only, "--enable-only", "GHES_TOPOLOGY_ENABLE_ONLY",
                                  in_file("enable_only"), policy.config_file, "enable_only");

  // outputs: the whole list from the first source that gives any
  if (!flags.outputs.empty()) {
    for (const auto& o : flags.outputs)
      policy.outputs.push_back(Setting{o, "--format, -o"});
  } else if (auto v = variable("GHES_TOPOLOGY_OUTPUTS")) {
    std::istringstream words(*v);
    for (std::string word; words >> word;)
      policy.outputs.push_back(Setting{word, "GHES_TOPOLOGY_OUTPUTS"});
  } else if (const model::Value* fv = in_file("outputs")) {
    for (std::size_t i = 0; i < fv->items.size(); ++i) {
      std::string entry = fv->items[i].string;
      if (const auto eq = entry.find('='); eq != std::string::npos && entry.substr(eq + 1) != "-")
        entry = entry.substr(0, eq + 1) + relative_to(policy.config_file, entry.substr(eq + 1));
      policy.outputs.push_back(
          from_file(policy.config_file, fv->items[i], std::move(entry), fmt::format("outputs[{}]", i)));
    }
  }
  if (policy.outputs.empty())
    policy.outputs.push_back(Setting{"text", "default"});
  return policy;
}

bool apply_policy_outputs(Context& ctx, const Policy& policy, const std::string& command, std::string& format,
                          bool& format_given)
{
  if (policy.outputs.empty() || policy.outputs.front().origin == "default" ||
      policy.outputs.front().origin == "--format, -o")
    return true;
  std::vector<std::string> names; // the formats `command` offers
  for (const auto& f : report::formats())
    if (f.serves(command))
      names.emplace_back(f.name);
  diag::DiagnosticBag bag;
  bool ok = true;
  const auto problem = [&](const Setting& entry, const std::string& message, const std::string& expected,
                           const std::string& found, const std::string& guess) {
    ok = false;
    report_problem(ctx, bag, entry, "bad-output", message, expected, found, guess);
  };
  std::string main_format;
  std::set<std::string> paths;
  std::vector<OutputRequest> requests;
  for (const auto& entry : policy.outputs) {
    const auto eq = entry.value.find('=');
    const std::string name = entry.value.substr(0, eq);
    const std::string path = eq == std::string::npos ? std::string() : entry.value.substr(eq + 1);
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      std::string list;
      for (const auto& n : names)
        list += (list.empty() ? "" : ", ") + n;
      problem(entry, fmt::format("'{}' offers no {} output", command, name),
              "FORMAT or FORMAT=PATH, FORMAT one of " + list, name, diag::closest_match(name, names));
    } else if (eq == std::string::npos) {
      if (!main_format.empty())
        problem(entry, fmt::format("a second output to standard output ('{}' and '{}')", main_format, name),
                "at most one FORMAT without a path", name, "");
      main_format = name;
    } else if (path.empty()) {
      problem(entry, fmt::format("'{}=' needs a path ('-' for standard output)", name), "FORMAT=PATH",
              entry.value, "");
    } else if (!paths.insert(path).second) {
      problem(entry, fmt::format("'{}' is named twice: give each output its own path", path),
              "a path not used by another output", path, "");
    } else {
      requests.push_back(OutputRequest{name, path});
    }
  }
  if (!bag.empty())
    ctx.report(bag);
  if (!ok)
    return false;
  if (!main_format.empty()) {
    format = main_format;
    format_given = true;
  }
  ctx.output_requests = std::move(requests);
  return true;
}

std::string describe_policy(const Policy& policy, bool check)
{
  std::string out;
  const auto line = [&out](const std::string& name, const std::string& value, const std::string& origin) {
    out += fmt::format("{} = {}  ({})\n", name, value, origin);
  };
  line("config", policy.config_file.empty() ? "(none)" : policy.config_file, policy.config_origin);
  if (check)
    line("fail_on", policy.fail_on.value, policy.fail_on.origin);
  if (policy.rule_dirs.empty())
    line("rules", "(none)", "default");
  for (const auto& r : policy.rule_dirs)
    line("rules", r.value, r.origin);
  if (policy.params.empty())
    line("params", "(none)", "default");
  for (const auto& p : policy.params)
    line("params", p.value, p.origin);
  if (policy.waivers)
    line("waivers", policy.waivers->value, policy.waivers->origin);
  else
    line("waivers", "(none)", "default");
  line("waiver_warning_days", policy.waiver_warning_days.value, policy.waiver_warning_days.origin);
  const auto list = [&line](const char* name, const std::vector<Setting>& settings) {
    if (settings.empty())
      line(name, "(none)", "default");
    for (const auto& s : settings)
      line(name, s.value, s.origin);
  };
  list("severity", policy.severity);
  list("disable", policy.disable);
  list("enable_only", policy.enable_only);
  list("outputs", policy.outputs);
  return out;
}

bool apply_rule_policy(Context& ctx, const Policy& policy, const engine::Catalog& catalog,
                       advice::Options& options)
{
  diag::DiagnosticBag bag;
  bool ok = true;
  // The names entries are checked against, built only when there are entries.
  const bool named = !policy.severity.empty() || !policy.disable.empty() || !policy.enable_only.empty();
  const std::vector<std::string> ids = named ? catalog.ids() : std::vector<std::string>{};
  std::vector<std::string> names; // ids and categories: what disable / enable_only take
  if (named) {
    names = ids;
    for (const auto& rule : catalog.rules)
      if (std::find(names.begin(), names.end(), rule.category) == names.end())
        names.push_back(rule.category);
  }
  const auto problem = [&](const Setting& entry, const std::string& code, const std::string& message,
                           const std::string& expected, const std::string& found, const std::string& guess) {
    ok = false;
    report_problem(ctx, bag, entry, code, message, expected, found, guess);
  };

  const std::vector<std::string> levels = {"error", "warning", "info"};
  for (const auto& entry : policy.severity) {
    const auto eq = entry.value.find('=');
    const std::string id = entry.value.substr(0, eq);
    const std::string level = eq == std::string::npos ? std::string() : entry.value.substr(eq + 1);
    const engine::Rule* rule = catalog.find(id);
    if (eq == std::string::npos) {
      problem(entry, "bad-severity-override", fmt::format("'{}' is not ID=LEVEL", entry.value),
              "ID=LEVEL, LEVEL one of error, warning, info", entry.value, "");
    } else if (rule == nullptr) {
      problem(entry, "unknown-rule", fmt::format("unknown rule '{}'", id),
              "the id of a rule in the catalog (see 'ghes-topology rules list')", id,
              diag::closest_match(id, ids));
    } else if (rule->kind != engine::RuleKind::finding) {
      problem(entry, "not-a-finding-rule",
              fmt::format("rule '{}' is an {} rule: only finding rules have a severity", id,
                          engine::to_string(rule->kind)),
              "the id of a finding rule", id, "");
    } else if (auto to = engine::parse_severity(level); !to) {
      problem(entry, "bad-severity", fmt::format("unknown severity '{}' for rule '{}'", level, id),
              "one of error, warning, info", level, diag::closest_match(level, levels));
    } else {
      options.severity_overrides.push_back(advice::SeverityOverride{
          id, rule->severity.value_or(engine::Severity::warning), *to, entry.origin});
    }
  }

  // Every rule a name selects: the rule with that id, or every rule of that category.
  const auto selects = [](const engine::Rule& rule, const std::string& name) {
    return rule.id == name || rule.category == name;
  };
  for (const auto* list : {&policy.disable, &policy.enable_only})
    for (const auto& entry : *list)
      if (std::find(names.begin(), names.end(), entry.value) == names.end())
        problem(entry, "unknown-rule", fmt::format("unknown rule or category '{}'", entry.value),
                "the id of a rule or a category in the catalog (see 'ghes-topology rules list')", entry.value,
                diag::closest_match(entry.value, names));
  if (!bag.empty())
    ctx.report(bag);
  if (!ok)
    return false;
  for (const auto& rule : catalog.rules) {
    std::string by;
    if (!policy.enable_only.empty() && std::none_of(policy.enable_only.begin(), policy.enable_only.end(),
                                                    [&](const Setting& s) { return selects(rule, s.value); }))
      by = policy.enable_only.front().origin; // the list as a whole left it out
    for (const auto& s : policy.disable)
      if (by.empty() && selects(rule, s.value))
        by = s.origin;
    if (!by.empty())
      options.disabled_rules.push_back(advice::DisabledRule{rule.id, by});
  }
  std::sort(options.severity_overrides.begin(), options.severity_overrides.end(),
            [](const auto& a, const auto& b) { return a.rule_id < b.rule_id; });
  return true;
}

} // namespace ghes_topology::cli
