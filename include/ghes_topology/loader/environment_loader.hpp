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

// Checks `node` against `spec` and converts it, setting `where` and `key_where` of
// every value. Plain scalars resolve per the YAML 1.2 core schema (null -> unknown);
// quoted scalars are strings; a plain scalar's text is taken as written where a
// string, enum, date or version is expected. Reports every problem (`unknown-key`
// and `bad-enum-value` with "did you mean", `missing-key`, `wrong-type`,
// `out-of-range`, `bad-date`, `bad-version`, `too-many-items`) with the key path
// rooted at `path` (empty for the document root); nothing when any was reported.
std::optional<model::Value> convert(const YamlNode& node, const model::FieldSpec& spec,
                                    const std::string& path, diag::DiagnosticBag& bag);

// Parses and checks one environment file: YAML (one document), the field table of
// `model::environment_schema()`, `version: 1` (`unsupported-version`, then nothing
// else is checked), `not-a-mapping`, and the cross-field checks (`duplicate-name` for
// regions, replicas, cluster nodes). Reports all problems of the file in one run.
// Registers the text in `sources` for caret rendering.
std::optional<model::Environment> load_environment(const SourceInput& input, diag::DiagnosticBag& bag,
                                                   diag::SourceMap& sources, const Limits& limits = {});

// Parses and checks one environment document that is a part of the file `name` (a rule
// fixture holds many): `text` is the part, starting at line `first_line` of the file, and
// every location is the file's. Same checks and messages as `load_environment`, but the
// text is not registered: the caller registers the whole file once.
std::optional<model::Environment> load_document(const std::string& name, const std::string& text,
                                                int first_line, diag::DiagnosticBag& bag,
                                                const Limits& limits = {});

// The checks of `load_environment` after parsing, for one already parsed `document`
// (rule fixtures hold several documents per file). `source` names the file.
std::optional<model::Environment> build_environment(const YamlNode& document, const std::string& source,
                                                    diag::DiagnosticBag& bag);

// Applies a command-line override `assignment` ("PATH=VALUE", e.g.
// "developers.total=30000" or "dr.survive=[node, datacenter]") to `environment`.
// PATH names a field of the schema (list items as `plan.replicas[0].latency_ms`);
// VALUE is YAML, checked like the file's own values (an empty VALUE means unknown).
// Missing intermediate mappings are created. The new value's location is the
// synthetic file "--set <assignment>". Reports problems into `bag`; false on error
// (then `environment` is unchanged).
bool apply_override(model::Environment& environment, const std::string& assignment, diag::DiagnosticBag& bag);

} // namespace ghes_topology::loader
