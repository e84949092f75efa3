// SPDX-License-Identifier: Apache-2.0
// What `recommend` and `check` share: their options and the run from files to report.
#pragma once

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
  std::string fail_on = "error"; // check only
  bool compact = false;          // `--compact`: one line per finding
  engine::CatalogOptions catalog;
};

// Today's date in UTC, YYYY-MM-DD (the default of `--today`).
std::string current_utc_date();

// Whether `text` is a real calendar date written YYYY-MM-DD (what `--today` takes).
bool valid_date(const std::string& text);

// Adds FILE..., `--format`, `--set`, `--today` and the catalog options to `command`.
void add_assess_options(CLI::App& command, AssessArgs& args);

// Loads the catalog, then each file in turn: applies `--set`, assesses it and renders it
// into `ctx.result` (and each `-o FORMAT=PATH` output) before the next. With `-o FORMAT=PATH`
// the `--format` output is written only when `--format` or `-o FILE` is given too. A file
// that is rejected is listed as input errors while the others are still reported (the
// result is written when at least one file was assessed), and the run returns `invalid_input`.
// Returns `findings` when `check` finds something at or above `--fail-on`.
ExitCode run_assessment(Context& ctx, const AssessArgs& args, advice::Command command);

} // namespace ghes_topology::cli
