// SPDX-License-Identifier: Apache-2.0
// Reading and loading the environment files named on the command line, one at a time.
#pragma once

#include "cli/context.hpp"

#include "ghes_topology/diag/source_text.hpp"
#include "ghes_topology/model/value.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ghes_topology::cli {

// Reads (`-` = `ctx.in`) and loads `path` as an environment file, adding its diagnostics
// to `bag` and registering its text in `file_sources` (to quote its lines under them).
// Returns nothing when the file has an error. When `sha256` is given, it receives the SHA-256
// of the text read (UTF-8 BOM dropped, as the loader sees it) once the file could be read.
std::optional<model::Environment> load_input(Context& ctx, const std::string& path,
                                             diag::SourceMap& file_sources, diag::DiagnosticBag& bag,
                                             std::string* sha256 = nullptr);

// Applies the `--set PATH=VALUE` `assignments` to `environment` in order, adding
// diagnostics to `bag`; false when any of them is invalid (the valid ones still apply).
bool apply_overrides(model::Environment& environment, const std::vector<std::string>& assignments,
                     diag::DiagnosticBag& bag);

// "2 of 3 files have problems" / "1 of 1 file has problems".
std::string problems_summary(std::size_t bad, std::size_t total);

// The errors of `bag`, in order (what renderers list as input errors).
std::vector<diag::Diagnostic> errors_of(const diag::DiagnosticBag& bag);

} // namespace ghes_topology::cli
