// SPDX-License-Identifier: Apache-2.0
// Reading an input file (or stdin) safely: regular files only, bounded size, UTF-8.
#pragma once

#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/loader/limits.hpp"

#include <iosfwd>
#include <optional>
#include <string>

namespace ghes_topology::loader {

// --- Interface ---

// A text read from disk or stdin, with the name diagnostics should use.
struct SourceInput
{
  std::string name; // the path as given, or "<stdin>" for `-`
  std::string text;
};

// Reads `path` (or `stdin` when `path` is "-"). Reports `not-regular-file`,
// `file-unreadable`, `file-too-large` (reading stops at `limits.max_bytes`) and
// `invalid-utf8` (with line:col of the first bad byte) into `bag`.
std::optional<SourceInput> read_source(const std::string& path, std::istream& stdin_stream,
                                       diag::DiagnosticBag& bag, const Limits& limits = {});

} // namespace ghes_topology::loader
