// SPDX-License-Identifier: Apache-2.0
// `recommend` and `check`: from rule outcomes to one file's result.
#pragma once

#include "ghes_topology/advice/assessment.hpp"
#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/engine/catalog.hpp"
#include "ghes_topology/model/value.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ghes_topology::advice {

// --- Interface ---

// One environment to assess, with the `--set` assignments already applied to it.
struct Input
{
  const model::Environment* environment = nullptr;
  std::vector<std::string> fact_overrides; // the `--set` assignments, for the report
  // The shared waivers file (`--waivers`, config `waivers`) applied after the file's own
  // waivers, or nullptr. Its scoped waivers that match nothing in this file silence nothing.
  const model::Environment* shared_waivers = nullptr;
};

struct Options
{
  Command command = Command::recommend;
  std::optional<engine::Severity> fail_on = engine::Severity::error; // check; empty = none
  std::string today; // YYYY-MM-DD: waivers expiring before it are expired
  // A waiver expiring within this many days of `today` (inclusive) is an info finding
  // `waiver-expiring`; 0 = never.
  int waiver_warning_days = 14;
  // Policy: finding rules whose findings get another severity (one per rule id), and the
  // rules left out (see `active_catalog`). Both are listed in `RunInfo`.
  std::vector<SeverityOverride> severity_overrides;
  std::vector<DisabledRule> disabled_rules;
  // Whether `FileResult::diagram` is built (only the Markdown and HTML reports read it);
  // when false it stays empty.
  bool diagram = true;
  // Whether `describe_run` fills `RunInfo::rules` (the SARIF and JUnit outputs read it) and
  // `RunInfo::catalog_digest` (the HTML report); when false they stay empty.
  bool rule_list = true;
  bool catalog_digest = true;
};

// Checks the waivers of `input` against the catalog: a waiver naming an unknown rule is
// `waiver-unknown-rule` (with did-you-mean), an error. Returns false when any was reported.
// A waiver with a `key_path` that is not a path of the schema is `waiver-bad-key-path`, one
// that matches nothing in the file `waiver-key-path-not-found` (both with did-you-mean).
bool check_waivers(const engine::Catalog& catalog, const Input& input, diag::DiagnosticBag& bag);

// Checks a shared waivers file: only `version` and `waivers` may be given
// (`shared-waivers-extra-key`), and every waiver must name a rule of the catalog
// (`waiver-unknown-rule`). Key paths are resolved per environment, not here. False on error.
bool check_shared_waivers(const engine::Catalog& catalog, const model::Environment& shared,
                          diag::DiagnosticBag& bag);

// What is in force for every file of a run with `options` on `catalog`: command, version,
// date, `--fail-on` (check only), `--param` overrides, replaced built-in rules, severity
// overrides and disabled rules (from `options`). Give it the whole catalog, not the active one.
RunInfo describe_run(const engine::Catalog& catalog, const Options& options);

// `catalog` without the rules of `options.disabled_rules`: what `assess_file` is given, so a
// disabled rule gives no finding, no evidence (the verdict is scored without it), no
// implication and no question. Waivers are checked against the whole catalog, so a waiver
// of a disabled rule stays valid (and silences nothing).
engine::Catalog active_catalog(const engine::Catalog& catalog, const Options& options);

// Assesses one input. For `check`, an input without a `plan` must have been rejected before
// (see `cli`). The result holds no reference to the input: the caller may drop it.
// `options.severity_overrides` are applied to the findings before waivers, sorting and gating.
FileResult assess_file(const engine::Catalog& catalog, const Input& input, const Options& options);

} // namespace ghes_topology::advice
