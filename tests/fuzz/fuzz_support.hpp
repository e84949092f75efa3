// SPDX-License-Identifier: Apache-2.0
// Shared pieces of the libFuzzer targets: the fixed catalog and environment, rendering.
#pragma once

#include "ghes_topology/advice/advisor.hpp"
#include "ghes_topology/engine/catalog.hpp"
#include "ghes_topology/model/value.hpp"

#include <string>

namespace ghes_topology::fuzz {

// The built-in catalog, built once per process.
const engine::Catalog& builtin_catalog();

// examples/small-single-site.yaml, loaded once per process.
const model::Environment& fixed_environment();

// Assesses `environment` with `catalog` for `check` (when it has a plan) and
// `recommend`, rendering each result as text and as JSON; the output is discarded.
void assess_and_render(const engine::Catalog& catalog, const model::Environment& environment);

} // namespace ghes_topology::fuzz
