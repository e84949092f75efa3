// SPDX-License-Identifier: Apache-2.0
// The constructors the format table names, one per `<format>_renderer.cpp`.
#pragma once

#include "ghes_topology/report/renderer.hpp"

#include <iosfwd>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace ghes_topology::report {

// --- Interface ---

// The terminal report: one section per file, then (for `check`) a summary table.
std::unique_ptr<Renderer> make_text(std::ostream& out, const RenderOptions& options);

// The machine report: one pretty-printed JSON document, keys in a fixed order, streamed
// file by file, ending in a newline.
std::unique_ptr<Renderer> make_json(std::ostream& out, const RenderOptions& options);

// SARIF 2.1.0 (docs/ci.md): one run, `results` streamed file by file, then `tool.driver`
// with one rule per catalog finding rule and per other rule id met (input errors too).
std::unique_ptr<Renderer> make_sarif(std::ostream& out, const RenderOptions& options);

// JUnit XML (docs/ci.md): a `testsuite` per environment file, a `testcase` per finding rule.
std::unique_ptr<Renderer> make_junit(std::ostream& out, const RenderOptions& options);

// GitHub-flavoured Markdown (docs/reports.md): per file the verdict, scores, reasons with
// links to docs.github.com, tipping points, implication checklists, findings, questions and
// a Mermaid diagram; `recommend` of several files starts with a comparison table (the files'
// sections wait in a temporary file until the comparison is written).
std::unique_ptr<Renderer> make_markdown(std::ostream& out, const RenderOptions& options);

// GitHub Actions workflow commands (docs/ci.md): one `::error`/`::warning`/`::notice` line per
// unwaived finding and input error; appends a Markdown summary to `$GITHUB_STEP_SUMMARY` when set.
std::unique_ptr<Renderer> make_github(std::ostream& out, const RenderOptions& options);

// The HTML report (docs/reports.md): one self-contained document with inline CSS and SVG,
// file sections streamed through a temporary file, a comparison when there are several.
std::unique_ptr<Renderer> make_html(std::ostream& out, const RenderOptions& options);

// `value` pretty-printed (two-space indent) as it appears `depth` levels deep in a larger
// document: every line after the first indented by two spaces per level. JSON strings hold
// no raw newline, so this is what dumping the whole document at once would print.
std::string dump_at(const nlohmann::ordered_json& value, int depth);

} // namespace ghes_topology::report
