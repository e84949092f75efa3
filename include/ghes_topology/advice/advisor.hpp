// SPDX-License-Identifier: Apache-2.0
// `recommend` and `check`: from rule outcomes to an Assessment.
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

// Checks the waivers of every input against the catalog: a waiver naming an unknown rule
// is `waiver-unknown-rule` (with did-you-mean), an error. Returns false when any was reported.
bool check_waivers(const engine::Catalog& catalog, const std::vector<Input>& inputs,
                   diag::DiagnosticBag& bag);

// Assesses every input (in order). For `check`, an input without a `plan` must have been
// rejected before (see `cli`).
Assessment assess(const engine::Catalog& catalog, const std::vector<Input>& inputs, const Options& options);

} // namespace ghes_topology::advice
