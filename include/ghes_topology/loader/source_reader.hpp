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

// Reads `path` (or `stdin_stream` when `path` is "-"). Regular files, pipes and
// character devices are read up to `limits.max_bytes` + 1 bytes, so /dev/zero stops
// at once. Reports `file-unreadable` (with the system's reason), `not-regular-file`
// (directories, sockets, block devices), `file-too-large`, `binary-input` (a NUL byte)
// and `invalid-utf8` (at the line:col of the first bad byte). A UTF-8 BOM is dropped.
std::optional<SourceInput> read_source(const std::string& path, std::istream& stdin_stream,
                                       diag::DiagnosticBag& bag, const Limits& limits = {});

} // namespace ghes_topology::loader
