// SPDX-License-Identifier: Apache-2.0
// The config file (`.ghes-topology.yaml`) of `recommend` and `check`, its discovery, and the
// effective settings with their origins: flag > environment variable > config file > default.
#pragma once

#include "cli/context.hpp"

#include "ghes_topology/advice/advisor.hpp"
#include "ghes_topology/engine/catalog.hpp"
#include "ghes_topology/model/value.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace CLI {
class App;
}

namespace ghes_topology::cli {

// --- Interface ---

// The file name looked for from the working directory upward.
inline constexpr const char* k_config_name = ".ghes-topology.yaml";

// `--config FILE`, `--no-config`, `--show-config`.
struct ConfigArgs
{
  std::string file;
  bool none = false;
  bool show = false;
};

// What the command line gave for each setting; empty / nullopt = not given.
struct SettingFlags
{
  std::optional<std::string> fail_on; // check only
  std::vector<std::string> rule_dirs; // `--rules` (copied from the catalog options)
  std::vector<std::string> params;    // `--param NAME=VALUE` (likewise)
  std::optional<std::string> waivers;
  std::optional<int> waiver_warning_days;
  std::vector<std::string> severity;    // `--severity ID=LEVEL`
  std::vector<std::string> disable;     // `--disable ID|CATEGORY`
  std::vector<std::string> enable_only; // `--enable-only ID|CATEGORY`
  // What `--format` and `-o` gave, as `outputs` entries: `FORMAT` (the main output, to
  // standard output) or `FORMAT=PATH`; empty when neither was given.
  std::vector<std::string> outputs;
};

// One effective setting value and where it came from: `--fail-on`, `GHES_TOPOLOGY_FAIL_ON`,
// `.ghes-topology.yaml:7`, `default`.
struct Setting
{
  Setting() = default;
  Setting(std::string v, std::string o, diag::Location w = {}, std::string k = {})
      : value(std::move(v))
      , origin(std::move(o))
      , where(std::move(w))
      , key_path(std::move(k))
  {}

  std::string value;
  std::string origin;
  diag::Location where; // the entry in the config file; no position when not from the file
  std::string key_path; // the entry's key path in the config file (`severity[0]`); empty when not from it
};

// The settings in force for a run.
struct Policy
{
  std::string config_file;          // the config file read (as shown), empty when none
  std::string config_origin;        // how it was chosen: `--config`, `GHES_TOPOLOGY_CONFIG`, ...
  Setting fail_on;                  // `error`, `warning`, `info`, `none`
  std::vector<Setting> rule_dirs;   // paths, relative to the working directory
  std::vector<Setting> params;      // `NAME=VALUE`, one origin each
  std::optional<Setting> waivers;   // the shared waivers file's path
  Setting waiver_warning_days;      // a whole number of days
  std::vector<Setting> severity;    // `ID=LEVEL`, one per rule id (not yet checked against the catalog)
  std::vector<Setting> disable;     // rule ids or categories, the whole list from one source
  std::vector<Setting> enable_only; // likewise
  // `FORMAT` or `FORMAT=PATH` each (paths from the file relative to the working directory);
  // the whole list from one source; `text` (default) when none gives any.
  std::vector<Setting> outputs;
};

// Adds `--config FILE`, `--no-config`, `--show-config`, `--waivers FILE`,
// `--waiver-warning-days N`, `--severity ID=LEVEL`, `--disable NAME` and `--enable-only NAME`
// to `command`.
void add_config_options(CLI::App& command, ConfigArgs& config, SettingFlags& flags);

// `.ghes-topology.yaml` in `start` or the nearest folder above it, stopping at the
// repository root (the first folder holding `.git`, which is searched) and at the file
// system root; nothing when there is none.
std::optional<std::filesystem::path> discover_config(const std::filesystem::path& start);

// The effective settings: each from the command line (`flags`), else its environment
// variable, else the config file (`--config`, else `GHES_TOPOLOGY_CONFIG`, else discovery;
// none with `--no-config`), else its default. Reads and checks the config file with the
// loader (field table `model::config_schema()`), and the variables (`GHES_TOPOLOGY_FAIL_ON`,
// `GHES_TOPOLOGY_RULES` separated by ':', `GHES_TOPOLOGY_PARAMS` separated by white space,
// `GHES_TOPOLOGY_WAIVERS`, `GHES_TOPOLOGY_WAIVER_WARNING_DAYS`, `GHES_TOPOLOGY_SEVERITY`,
// `GHES_TOPOLOGY_DISABLE` and `GHES_TOPOLOGY_ENABLE_ONLY` separated by white space).
// Severity overrides are taken per rule id (like parameters), `disable` and `enable_only`
// each as a whole list from the first source giving any (like rule folders). Prints every
// problem to stderr through `ctx`; nothing on error (exit 2).
std::optional<Policy> resolve_policy(Context& ctx, const ConfigArgs& config, const SettingFlags& flags);

// Checks the policy's `severity`, `disable` and `enable_only` against `catalog` (rule ids,
// and categories for the two lists; did-you-mean for a typo, the config file's entries with
// file:line:col) and sets `options.severity_overrides` (finding rules only) and
// `options.disabled_rules`: the rules `enable_only` leaves out, then those `disable` names,
// each with the entry that did it. Prints every problem to stderr; false on error (exit 2).
bool apply_rule_policy(Context& ctx, const Policy& policy, const engine::Catalog& catalog,
                       advice::Options& options);

// The outputs of `command` ("recommend", "check") when they come from the variable
// `GHES_TOPOLOGY_OUTPUTS` or the config key `outputs` (not from `--format` / `-o`, not the
// default): a bare `FORMAT` becomes `format` (the main output, to standard output;
// `format_given` set), each `FORMAT=PATH` a `ctx.output_requests` entry, as `-o FORMAT=PATH`
// would. Checks the format names (did-you-mean), at most one bare format and no path twice;
// prints problems to stderr, false on error (exit 2).
bool apply_policy_outputs(Context& ctx, const Policy& policy, const std::string& command, std::string& format,
                          bool& format_given);

// `--show-config`: one line per effective setting, `NAME = VALUE  (ORIGIN)`.
std::string describe_policy(const Policy& policy, bool check);

} // namespace ghes_topology::cli
