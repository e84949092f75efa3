// SPDX-License-Identifier: Apache-2.0
// The constructors the format table names, one per `<format>_renderer.cpp`.
#pragma once

#include "ghes_topology/report/renderer.hpp"

#include <iosfwd>
#include <memory>

namespace ghes_topology::report {

// --- Interface ---

// The terminal report: one section per file, then (for `check`) a summary table.
std::unique_ptr<Renderer> make_text(std::ostream& out, const RenderOptions& options);

// The machine report: one pretty-printed JSON document, keys in a fixed order, streamed
// file by file, ending in a newline.
std::unique_ptr<Renderer> make_json(std::ostream& out, const RenderOptions& options);

} // namespace ghes_topology::report
