// SPDX-License-Identifier: Apache-2.0
// Loading a YAML document other than an environment file (the config file) with the same
// machinery and messages as environment files.
#pragma once

#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/diag/source_text.hpp"
#include "ghes_topology/loader/limits.hpp"
#include "ghes_topology/loader/source_reader.hpp"
#include "ghes_topology/model/schema.hpp"
#include "ghes_topology/model/value.hpp"

#include <optional>
#include <string>

namespace ghes_topology::loader {

// --- Interface ---

// Parses and checks `input` against `schema` like `load_environment` does against the
// environment schema: YAML (one document), `not-a-mapping` (the message names `what`, e.g.
// "a config file"), `unsupported-version`, then the field table (`unknown-key` with did-you-mean,
// `wrong-type`, ...), every problem with file:line:col and key path. Registers the text in
// `sources`. The root object, or nothing when any error was reported.
std::optional<model::Value> load_with_schema(const SourceInput& input, const model::Schema& schema,
                                             const std::string& what, diag::DiagnosticBag& bag,
                                             diag::SourceMap& sources, const Limits& limits = {});

} // namespace ghes_topology::loader
