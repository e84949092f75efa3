// SPDX-License-Identifier: Apache-2.0
// GitHub Actions workflow commands (docs/ci.md): one annotation per unwaived finding and per
// input error, escaped as the runner requires; a Markdown job summary when asked for.
#include "ghes_topology/report/renderer.hpp"

#include "report/escape.hpp"
#include "report/formats_internal.hpp"
#include "report/vocabulary.hpp"

#include "ghes_topology/diag/error.hpp"

#include <fmt/format.h>
#include <fstream>
#include <ostream>

namespace ghes_topology::report {
namespace {

const char* command_of(engine::Severity severity)
{
  switch (severity) {
  case engine::Severity::error:
    return "error";
  case engine::Severity::warning:
    return "warning";
  case engine::Severity::info:
    return "notice";
  }
  return "notice";
}

// `::COMMAND file=...,line=...,col=...,title=TITLE::MESSAGE` with each part escaped. The
// file is `file` (the input); a position is given only when `where` is in that file.
std::string annotation(const char* command, const std::string& file, const diag::Location& where,
                       const std::string& title, const std::string& message)
{
  std::string properties = "file=" + escape_github_property(file);
  if (where.file == file && where.has_position()) {
    properties += fmt::format(",line={},col={}", where.line, where.column);
    if (where.end_line > 0)
      properties += fmt::format(",endLine={},endColumn={}", where.end_line, where.end_column);
  }
  properties += ",title=" + escape_github_property(title);
  return fmt::format("::{} {}::{}\n", command, properties, escape_github_data(message));
}

class GithubRenderer final : public Renderer
{
public:
  GithubRenderer(std::ostream& out, std::string summary_path)
      : m_out(out)
      , m_summary_path(std::move(summary_path))
  {}

  void begin(const advice::RunInfo& run) override
  {
    m_run = &run;
    m_rows = fmt::format("## ghes-topology {}\n\n", advice::to_string(run.command));
    m_rows += "| File | Topology | Errors | Warnings | Info | Waived |\n|---|---|---|---|---|---|\n";
  }

  void file(const advice::FileResult& result) override
  {
    for (const auto& f : result.findings) {
      if (f.waived)
        continue;
      std::string message = f.message;
      if (!f.remediation.empty())
        message += "\nFix: " + f.remediation;
      m_out << annotation(command_of(f.severity), result.file, f.where, f.rule_id + ": " + f.title, message);
    }
    for (const auto& p : result.problems)
      m_out << annotation("error", result.file, {}, p.rule_id + ": could not be evaluated",
                          p.message + " (" + p.code + ")");
  }

  // Kept until `end` (a few small rows per rejected file): annotations of input errors
  // follow those of the assessed files, wherever the rejected files were among the arguments.
  void input_errors(const std::vector<diag::Diagnostic>& errors) override
  {
    for (const auto& d : errors) {
      m_invalid_lines += annotation("error", d.where.file, d.where, "input error: " + d.code, d.message);
      m_invalid += "- " + escape_markdown(d.where.to_string()) + ": " + escape_markdown(d.message) + " (" +
                   escape_markdown(d.code) + ")\n";
    }
  }

  void end(const RunSummary& summary) override
  {
    m_out << m_invalid_lines;
    if (m_summary_path.empty())
      return;
    std::string text = m_rows;
    for (const auto& row : summary.files)
      text +=
          fmt::format("| {} | {} | {} | {} | {} | {} |\n", escape_markdown(row.file),
                      topology_word(row.assessed, "none"), row.errors, row.warnings, row.info, row.waived);
    text += fmt::format("\n{}, {}, {} ({} waived).", counted(summary.errors, "error"),
                        counted(summary.warnings, "warning"), counted(summary.info, "info finding"),
                        summary.waived);
    if (m_run->command == advice::Command::check)
      text += fmt::format(" {} at or above `--fail-on {}`.", counted(summary.failing, "finding"),
                          m_run->fail_on ? severity_word(*m_run->fail_on) : "none");
    text += '\n';
    if (!m_invalid.empty())
      text += fmt::format("\n{} could not be assessed:\n\n{}",
                          counted(static_cast<long long>(summary.invalid_files), "file"), m_invalid);
    text += '\n';
    std::ofstream out(m_summary_path, std::ios::app | std::ios::binary);
    out << text;
    out.flush();
    if (!out)
      throw Error(fmt::format("cannot append the job summary to '{}' (GITHUB_STEP_SUMMARY)", m_summary_path));
  }

private:
  std::ostream& m_out;
  std::string m_summary_path;
  const advice::RunInfo* m_run = nullptr; // `begin`'s, alive until `end` returns (Renderer)
  std::string m_rows;
  std::string m_invalid;       // one Markdown list item per input error
  std::string m_invalid_lines; // one workflow command per input error
};

} // namespace

std::unique_ptr<Renderer> make_github(std::ostream& out, const RenderOptions& options)
{
  return std::make_unique<GithubRenderer>(out, options.step_summary);
}

} // namespace ghes_topology::report
