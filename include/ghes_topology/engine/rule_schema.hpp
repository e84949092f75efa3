// SPDX-License-Identifier: Apache-2.0
// The field table of a rule file, validated by the same loader as environment files.
#pragma once

#include "ghes_topology/model/schema.hpp"

namespace ghes_topology::engine {

// --- Interface ---

// The shape of a rule file (`rules/README.md`). `params` is listed without fields: its keys
// are free-form parameter names, each entry checked against `param_schema()` by the engine.
const model::Schema& rule_schema();

// The shape of one `params:` entry, without `default` (any scalar, checked against `type`).
const model::FieldSpec& param_schema();

} // namespace ghes_topology::engine
