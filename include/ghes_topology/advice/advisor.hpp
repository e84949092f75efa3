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
};

struct Options
{
  Command command = Command::recommend;
  std::optional<engine::Severity> fail_on = engine::Severity::error; // check; empty = none
  std::string today; // YYYY-MM-DD: waivers expiring before it are expired
};

// Checks the waivers of `input` against the catalog: a waiver naming an unknown rule is
// `waiver-unknown-rule` (with did-you-mean), an error. Returns false when any was reported.
bool check_waivers(const engine::Catalog& catalog, const Input& input, diag::DiagnosticBag& bag);

// What is in force for every file of a run with `options` on `catalog`: command, version,
// date, `--fail-on` (check only), `--param` overrides and replaced built-in rules.
RunInfo describe_run(const engine::Catalog& catalog, const Options& options);

// Assesses one input. For `check`, an input without a `plan` must have been rejected before
// (see `cli`). The result holds no reference to the input: the caller may drop it.
FileResult assess_file(const engine::Catalog& catalog, const Input& input, const Options& options);

} // namespace ghes_topology::advice
