// SPDX-License-Identifier: Apache-2.0
// The outputs of `diff` (text, JSON, Markdown), chosen from one table (docs/reports.md#diff).
#pragma once

#include "ghes_topology/advice/assessment.hpp"
#include "ghes_topology/advice/difference.hpp"
#include "ghes_topology/report/renderer.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::report {

// --- Interface ---

// The version of the `diff` JSON output's structure (docs/output-diff.schema.json).
constexpr int k_diff_json_schema_version = 1;

// What a `diff` run states besides the comparison.
struct DiffRun
{
  std::string tool_version;
  std::string today;                       // the date waivers were judged against
  std::vector<std::string> fact_overrides; // `--set`, applied to both files
  std::vector<advice::ParamOverride> param_overrides;
  std::vector<advice::RuleReplacement> rule_replacements;
  std::optional<engine::Severity> fail_on_new; // `--fail-on-new`; empty = not given (or `none`)
  bool fail_on_new_given = false;              // `--fail-on-new` was given (`none` included)
};

// One `diff` output format: a row of `diff_formats()`.
struct DiffFormat
{
  const char* name;        // the `--format` value
  const char* description; // one line for `--help`
  // Writes the whole comparison `difference` of `run` to `out`.
  void (*render)(std::ostream& out, const advice::Difference& difference, const DiffRun& run,
                 const RenderOptions& options);
};

// Every `diff` format, in `--help` order (text first: the default).
const std::vector<DiffFormat>& diff_formats();

// The `diff` format called `name`, or nullptr.
const DiffFormat* find_diff_format(std::string_view name);

// The one-line result of `difference` under `run` ("identical", or "different: facts,
// verdict"), as the text and Markdown outputs end.
std::string diff_result_line(const advice::Difference& difference, const DiffRun& run);

} // namespace ghes_topology::report
