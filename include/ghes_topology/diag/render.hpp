// SPDX-License-Identifier: Apache-2.0
// Text rendering of diagnostics: `file:line:col: error: message [code]` + source line + caret.
#pragma once

#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/diag/source_text.hpp"
#include "ghes_topology/text/style.hpp"

#include <string>

namespace ghes_topology::diag {

// --- Interface ---

using Color = text::Color; // whether diagnostics may carry colour escapes

// Renders one diagnostic as a block of lines ending in '\n':
//
//   env.yaml:12:5: error: unknown key 'dns_tll' in 'network' [unknown-key]
//      12 |     dns_tll: 300
//         |     ^~~~~~~
//      = key path: network.dns_tll
//      = expected: one of dns_ttl_seconds, geodns_available, ...
//      = found: dns_tll
//      = help: did you mean 'dns_ttl_seconds'?
//
// The quoted line and caret appear only when `sources` knows the line. Total: any location
// renders and nothing throws. A line past the end of its source (or an unknown source, or an
// empty one) gets no quote; a column before the line's start is clamped to 1, one past its
// end to just after its last character, and a range is cut at the line's end (at least `^`).
// The header line always prints the location as given.
std::string render(const Diagnostic& diagnostic, const SourceMap& sources, Color color = Color::no);

// Renders every diagnostic in `bag`, then a line about dropped diagnostics if any.
std::string render_all(const DiagnosticBag& bag, const SourceMap& sources, Color color = Color::no);

} // namespace ghes_topology::diag
