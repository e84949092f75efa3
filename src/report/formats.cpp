// SPDX-License-Identifier: Apache-2.0
// The table of output formats, the run totals and the fan-out to several outputs.
#include "ghes_topology/report/renderer.hpp"

#include "report/formats_internal.hpp"

#include <algorithm>

namespace ghes_topology::report {

const std::vector<Format>& formats()
{
  static const std::vector<Format> table = {
      {"text", "human-readable report for a terminal (colour on a TTY)", {"recommend", "check"}, make_text},
      {"json", "machine-readable report (docs/output-json.md)", {"recommend", "check"}, make_json},
      {"sarif", "SARIF 2.1.0 for code scanning (docs/ci.md)", {"recommend", "check"}, make_sarif},
      {"junit", "JUnit XML for CI test reports (docs/ci.md)", {"check"}, make_junit},
      {"github",
       "GitHub Actions annotations and job summary (docs/ci.md)",
       {"recommend", "check"},
       make_github},
      {"markdown",
       "GitHub-flavoured Markdown report with a Mermaid diagram (docs/reports.md)",
       {"recommend", "check"},
       make_markdown},
      {"html",
       "self-contained HTML report with diagrams, to send (docs/reports.md)",
       {"recommend", "check"},
       make_html},
  };
  return table;
}

const Format* find_format(std::string_view name)
{
  for (const auto& f : formats())
    if (name == f.name)
      return &f;
  return nullptr;
}

bool Format::serves(std::string_view command) const
{
  return std::find(commands.begin(), commands.end(), command) != commands.end();
}

void RunSummary::add(const advice::FileResult& file, const std::optional<engine::Severity>& fail_on)
{
  FileSummary row;
  row.file = file.file;
  row.name = file.name;
  row.assessed = file.assessed;
  if (file.verdict) {
    row.has_verdict = true;
    for (const auto& s : file.verdict->scores)
      row.scores.push_back(FileSummary::Score{s.option, s.score, s.blocked});
    row.margin = file.verdict->margin;
    row.confidence_percent = file.verdict->confidence.percent;
    row.confidence_level = file.verdict->confidence.level;
  }
  evaluation_errors += static_cast<int>(file.problems.size());
  for (const auto& f : file.findings) {
    if (f.waived)
      ++row.waived;
    else if (f.severity == engine::Severity::error)
      ++row.errors;
    else if (f.severity == engine::Severity::warning)
      ++row.warnings;
    else
      ++row.info;
  }
  errors += row.errors;
  warnings += row.warnings;
  info += row.info;
  waived += row.waived;
  failing += advice::failing_findings(file, fail_on);
  files.push_back(std::move(row));
}

void Broadcast::add(std::unique_ptr<Renderer> renderer)
{
  m_renderers.push_back(std::move(renderer));
}

Renderer::Needs Broadcast::needs() const
{
  Needs all;
  for (const auto& r : m_renderers) {
    const Needs one = r->needs();
    all.diagram = all.diagram || one.diagram;
    all.input_sha256 = all.input_sha256 || one.input_sha256;
    all.rule_list = all.rule_list || one.rule_list;
    all.catalog_digest = all.catalog_digest || one.catalog_digest;
  }
  return all;
}

void Broadcast::begin(const advice::RunInfo& run)
{
  for (auto& r : m_renderers)
    r->begin(run);
}

void Broadcast::file(const advice::FileResult& result)
{
  for (auto& r : m_renderers)
    r->file(result);
}

void Broadcast::input_errors(const std::vector<diag::Diagnostic>& errors)
{
  for (auto& r : m_renderers)
    r->input_errors(errors);
}

void Broadcast::end(const RunSummary& summary)
{
  for (auto& r : m_renderers)
    r->end(summary);
}

} // namespace ghes_topology::report
