// SPDX-License-Identifier: Apache-2.0
// What `recommend` and `check` share: their options and the run from files to report.
#pragma once

#include "cli/config.hpp"
#include "cli/context.hpp"

#include "ghes_topology/advice/assessment.hpp"
#include "ghes_topology/engine/catalog.hpp"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ghes_topology::cli {

struct AssessArgs
{
  std::vector<std::string> files;
  std::string format = "text";
  bool format_given = false;     // `--format` was on the command line
  std::vector<std::string> sets; // `--set PATH=VALUE`
  std::string today;             // `--today`; empty = the current UTC date
  bool compact = false;          // `--compact`: one line per finding
  engine::CatalogOptions catalog;
  std::string baseline;         // check: `--baseline FILE`
  bool record_baseline = false; // the `baseline` command: write the findings' baseline instead of a report
  ConfigArgs config;            // `--config`, `--no-config`, `--show-config`
  SettingFlags flags; // the settings the command line gave (`--fail-on` is recorded here when given)
};

// Today's date in UTC, YYYY-MM-DD (the default of `--today`).
std::string current_utc_date();

// Whether `text` is a real calendar date written YYYY-MM-DD (what `--today` takes).
bool valid_date(const std::string& text);

// Adds FILE..., `--format`, `--set`, `--today`, the catalog options and the config options
// to `command`.
void add_assess_options(CLI::App& command, AssessArgs& args);

// For the parse callback: throws `UsageError` ("FILE is required") when no FILE was given
// and `--show-config` was not asked for.
void require_files(const AssessArgs& args);

// Loads the catalog, then each file in turn: applies `--set`, assesses it and renders it
// into `ctx.result` (and each `-o FORMAT=PATH` output) before the next. With `-o FORMAT=PATH`
// the `--format` output is written only when `--format` or `-o FILE` is given too. A file
// that is rejected is listed as input errors while the others are still reported (the
// result is written when at least one file was assessed), and the run returns `invalid_input`.
// Returns `findings` when `check` finds something at or above `--fail-on`. Settings come from
// `resolve_policy` (flag > environment variable > config file > default); with
// `--show-config` only their description is written.

ExitCode run_assessment(Context& ctx, const AssessArgs& args, advice::Command command);

} // namespace ghes_topology::cli
