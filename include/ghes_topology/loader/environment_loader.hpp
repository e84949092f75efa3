// SPDX-License-Identifier: Apache-2.0
// YAML tree -> typed, located values, checked against a field table.
#pragma once

#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/diag/source_text.hpp"
#include "ghes_topology/loader/limits.hpp"
#include "ghes_topology/loader/source_reader.hpp"
#include "ghes_topology/loader/yaml_tree.hpp"
#include "ghes_topology/model/schema.hpp"
#include "ghes_topology/model/value.hpp"

#include <optional>
#include <string>

namespace ghes_topology::loader {

// --- Interface ---

// Checks `node` against `spec` and converts it. Reports every problem found
// (`unknown-key` with "did you mean", `missing-key`, `wrong-type`,
// `out-of-range`, `bad-enum-value`, `bad-date`, `bad-version`, `too-many-items`)
// with the key path rooted at `path` (empty for the document root).
std::optional<model::Value> convert(const YamlNode& node, const model::FieldSpec& spec,
                                    const std::string& path, diag::DiagnosticBag& bag);

// Parses and checks one environment file: YAML, the field table of
// `model::environment_schema()`, `version: 1` (`unsupported-version`), and the
// cross-field checks (unique replica/node names, waiver dates). Registers the text in
// `sources` for caret rendering.
std::optional<model::Environment> load_environment(const SourceInput& input, diag::DiagnosticBag& bag,
                                                   diag::SourceMap& sources, const Limits& limits = {});

} // namespace ghes_topology::loader
