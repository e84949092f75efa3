// SPDX-License-Identifier: Apache-2.0
// GitHub-flavoured Markdown for a pull request, a wiki or `$GITHUB_STEP_SUMMARY`
// (docs/reports.md): one section per file with a Mermaid diagram of its topology.
#include "ghes_topology/report/renderer.hpp"

#include "report/escape.hpp"
#include "report/formats_internal.hpp"
#include "report/mermaid.hpp"
#include "report/spool.hpp"
#include "report/vocabulary.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <ostream>

namespace ghes_topology::report {
namespace {

using advice::FileResult;

// `text` as inline code: a backtick fence longer than any run of backticks in it.
std::string code(std::string_view text)
{
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string clean(text);
  std::replace(clean.begin(), clean.end(), '\n', ' ');
  std::replace(clean.begin(), clean.end(), '|', '/'); // a table cell ends at `|`, even in code
  const std::string fence(longest + 1, '`');
  const bool pad = !clean.empty() && (clean.front() == '`' || clean.back() == '`');
  return fence + (pad ? " " : "") + clean + (pad ? " " : "") + fence;
}

// A URL as a Markdown link destination: bytes that would end or break it percent-encoded.
std::string link_target(std::string_view url)
{
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '(' || c == ')' || c == '<' || c == '>' || c == '"' || c == '\\' ||
        c == '|' || c == '`') {
      out += '%';
      out += k_hex[u >> 4];
      out += k_hex[u & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

// The citation as a link to its page on docs.github.com for the file's GHES version.
std::string citation_link(const advice::Citation& source, const std::string& version)
{
  if (source.path.empty())
    return "";
  std::string text = source.section;
  if (text.empty()) {
    text = source.path;
    if (const auto slash = text.rfind('/'); slash != std::string::npos)
      text.erase(0, slash + 1);
  }
  return fmt::format("[{}]({})", escape_markdown(text), link_target(docs_url(source.path, version)));
}

std::string list_of(const std::vector<std::string>& items, bool as_code)
{
  std::string out;
  for (const auto& i : items)
    out += (out.empty() ? "" : ", ") + (as_code ? code(i) : escape_markdown(i));
  return out;
}

std::string score_cell(const FileSummary::Score& s)
{
  return s.blocked ? "blocked" : std::to_string(s.score);
}

class MarkdownRenderer final : public Renderer
{
public:
  explicit MarkdownRenderer(std::ostream& out)
      : m_out(out)
  {}

  [[nodiscard]] Needs needs() const override { return Needs{true, false}; }

  void begin(const advice::RunInfo& run) override
  {
    m_run = &run;
    // recommend of several files starts with their comparison: the files wait on disk.
    if (run.command == advice::Command::recommend)
      m_spool.emplace();
  }

  void file(const FileResult& file) override
  {
    std::string out;
    title(out, file);
    if (m_run->command == advice::Command::recommend && file.verdict) {
      verdict(out, file);
      reasons(out, file);
      tipping(out, file);
      implications(out, file);
    }
    findings(out, file);
    waivers(out, file);
    questions(out, file);
    problems(out, file);
    diagram(out, file);
    if (m_spool)
      m_spool->write(out);
    else
      m_out << out;
  }

  // The diagnostics are on stderr; the report lists the rejected files in its summary.
  void input_errors(const std::vector<diag::Diagnostic>& errors) override
  {
    for (const auto& d : errors)
      m_invalid += fmt::format("- {}: {} ({})\n", escape_markdown(d.where.to_string()),
                               escape_markdown(d.message), code(d.code));
  }

  void end(const RunSummary& summary) override
  {
    if (m_spool) {
      if (summary.files.size() > 1)
        m_out << comparison(summary);
      m_spool->copy_to(m_out);
    }
    std::string out;
    if (m_run->command == advice::Command::check)
      out += check_summary(summary);
    if (!m_invalid.empty())
      out += fmt::format("## Files that could not be assessed\n\n{}\n", m_invalid);
    m_out << out;
  }

private:
  void title(std::string& out, const FileResult& file) const
  {
    out += fmt::format("# {}\n\n", escape_markdown(file.name.empty() ? file.file : file.name));
    std::string line =
        fmt::format("`ghes-topology {}` of {}", advice::to_string(m_run->command), code(file.file));
    if (!file.ghes_version.empty())
      line += fmt::format(", GHES {}", escape_markdown(file.ghes_version));
    if (m_run->command == advice::Command::check)
      line += fmt::format(", plan: **{}**", topology_word(file.assessed, "unknown"));
    if (!m_run->today.empty())
      line += fmt::format(", {}", m_run->today);
    out += line + ".\n\n";
    std::vector<std::string> overrides;
    for (const auto& set : file.fact_overrides)
      overrides.push_back("--set " + set);
    for (const auto& p : m_run->param_overrides)
      overrides.push_back(fmt::format("--param {}={} (default {}{})", p.name, p.value, p.default_value,
                                      p.by.empty() ? "" : ", set by " + p.by));
    for (const auto& r : m_run->rule_replacements)
      overrides.push_back(
          fmt::format("rule {} from {} replaces the built-in {}", r.rule_id, r.file, r.replaces));
    if (!overrides.empty())
      out += "Overrides: " + list_of(overrides, true) + ".\n\n";
  }

  static void verdict(std::string& out, const FileResult& file)
  {
    const advice::Verdict& v = *file.verdict;
    if (!v.topology) {
      out += "## Verdict: no option is possible\n\nEvery option is blocked (see the scores).\n\n";
    } else {
      out += fmt::format("## Verdict: {}\n\n", option_title(*v.topology));
      std::string runner_up;
      int best_other = -1;
      for (const auto& s : v.scores)
        if (s.option != *v.topology && !s.blocked && s.score > best_other) {
          best_other = s.score;
          runner_up = std::string(engine::to_string(s.option));
        }
      std::string line = fmt::format("**{}**", engine::to_string(*v.topology));
      if (!runner_up.empty() && v.margin == 0)
        line +=
            fmt::format(", tied with {} at {} points (ties go to the simpler option)", runner_up, best_other);
      else if (!runner_up.empty())
        line += fmt::format(", margin **{}** points over {}", v.margin, runner_up);
      else
        line += ", every other option is blocked";
      line += fmt::format("; confidence **{}** ({}%)", v.confidence.level, v.confidence.percent);
      if (v.confidence.could_flip)
        line += "; an unanswered question could change the verdict";
      out += line + ".\n\n";
      for (const auto& i : file.implications)
        if (i.section == engine::Section::topology)
          out += "- " + escape_markdown(i.text) + "\n";
      if (std::any_of(file.implications.begin(), file.implications.end(),
                      [](const auto& i) { return i.section == engine::Section::topology; }))
        out += "\n";
    }
    out += "### Scores\n\n| Option | Score | Status |\n|---|---:|---|\n";
    for (const auto& s : v.scores) {
      std::string status;
      if (s.blocked)
        status = "blocked by " + list_of(s.blocked_by, true);
      else if (v.topology && s.option == *v.topology)
        status = "**verdict**";
      out += fmt::format("| {} | {} | {} |\n", option_title(s.option), s.score, status);
    }
    out += "\n";
  }

  static void reasons(std::string& out, const FileResult& file)
  {
    out += "### Why (strongest first)\n\n";
    if (file.reasons.empty()) {
      out += "No evidence rule applied; every option kept its base score.\n\n";
      return;
    }
    out += "| Rule | Effect | Reason | Source |\n|---|---|---|---|\n";
    for (const auto& r : file.reasons) {
      std::string effects;
      for (const auto& e : r.effects)
        effects += (effects.empty() ? "" : ", ") + effect_text(e);
      out += fmt::format("| {} | {} | {} | {} |\n", code(r.rule_id), escape_markdown(effects),
                         escape_markdown(r.message), citation_link(r.source, file.ghes_version));
    }
    out += "\n";
  }

  static void tipping(std::string& out, const FileResult& file)
  {
    out += "### What would change the verdict\n\n";
    if (file.tipping_points.empty()) {
      out += "No single known number moves the verdict within its valid range.\n\n";
      return;
    }
    for (const auto& t : file.tipping_points) {
      const bool up = t.threshold > t.current;
      std::string line =
          fmt::format("- {} is {}: **{}** at {} or {}", code(t.fact), with_unit(t.current, t.unit),
                      engine::to_string(t.becomes), with_unit(t.threshold, t.unit), up ? "more" : "less");
      if (t.years)
        line += fmt::format(" (at the stated growth, in about {} years)", number(*t.years));
      out += line + "\n";
    }
    out += "\n";
  }

  static void implications(std::string& out, const FileResult& file)
  {
    bool any = false;
    for (const auto section :
         {engine::Section::failover, engine::Section::backups, engine::Section::monitoring}) {
      bool first = true;
      for (const auto& i : file.implications) {
        if (i.section != section)
          continue;
        if (!any)
          out += fmt::format("### Implications for {}\n\n", topology_word(file.assessed, "it"));
        any = true;
        if (first)
          out += fmt::format("#### {}\n\n", section_title(section));
        first = false;
        out += fmt::format("- [ ] {} ({})\n", escape_markdown(i.text), code(i.rule_id));
      }
      if (!first)
        out += "\n";
    }
  }

  static void findings(std::string& out, const FileResult& file)
  {
    int counts[3] = {0, 0, 0};
    int waived = 0;
    for (const auto& f : file.findings) {
      if (f.waived)
        ++waived;
      else
        ++counts[static_cast<int>(f.severity)];
    }
    out += fmt::format("### Findings: {}, {}, {} info{}\n\n", counted(counts[2], "error"),
                       counted(counts[1], "warning"), counts[0],
                       waived > 0 ? fmt::format(", {} waived", waived) : "");
    if (file.findings.empty()) {
      out += "None.\n\n";
      return;
    }
    out += "| Severity | Rule | Where | Finding | Fix | Source |\n|---|---|---|---|---|---|\n";
    for (const auto& f : file.findings) {
      std::string where = f.where.has_position() ? fmt::format("line {}", f.where.line) : std::string();
      if (!f.key_path.empty())
        where += (where.empty() ? "" : ", ") + code(f.key_path);
      out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", f.waived ? "waived" : severity_word(f.severity),
                         code(f.rule_id), where, escape_markdown(f.message), escape_markdown(f.remediation),
                         citation_link(f.source, file.ghes_version));
    }
    out += "\n";
  }

  static void waivers(std::string& out, const FileResult& file)
  {
    if (file.waivers.empty())
      return;
    out += "### Waivers\n\n";
    for (const auto& u : file.waivers) {
      std::string state;
      switch (u.state) {
      case advice::WaiverUse::State::applied:
        state = "applied, silenced " + counted(u.silenced, "finding");
        break;
      case advice::WaiverUse::State::expired:
        state = "**expired**, silences nothing";
        break;
      case advice::WaiverUse::State::unused:
        state = "not needed: the rule did not fire";
        break;
      }
      const std::string scope = u.key_path.empty() ? std::string() : " at " + code(u.key_path);
      out += fmt::format("- {}{} ({}; owner {}, expires {}): {}\n", code(u.rule_id), scope, state,
                         escape_markdown(u.owner), escape_markdown(u.expires), escape_markdown(u.reason));
    }
    out += "\n";
  }

  static void questions(std::string& out, const FileResult& file)
  {
    if (file.questions.empty())
      return;
    out += "### Questions: facts that would make the answer surer\n\n";
    for (const auto& q : file.questions)
      out += fmt::format("- {}{} (needed by {})\n", code(q.fact),
                         q.description.empty() ? "" : ": " + escape_markdown(q.description),
                         list_of(q.rule_ids, true));
    out += "\n";
  }

  static void problems(std::string& out, const FileResult& file)
  {
    if (file.problems.empty())
      return;
    out += "### Rules that could not be evaluated\n\n";
    for (const auto& p : file.problems)
      out += fmt::format("- {}: {} ({}, {})\n", code(p.rule_id), escape_markdown(p.message), code(p.code),
                         escape_markdown(p.where.to_string()));
    out += "\n";
  }

  static void diagram(std::string& out, const FileResult& file)
  {
    if (!file.diagram)
      return;
    out += file.diagram->planned ? "### Planned topology\n\n" : "### Recommended topology\n\n";
    out += "```mermaid\n" + mermaid_flowchart(*file.diagram) + "```\n\n";
    if (!file.diagram->planned && std::any_of(file.diagram->nodes.begin(), file.diagram->nodes.end(),
                                              [](const auto& n) { return n.proposed; }))
      out += "Dashed boxes are proposed: the file does not contain them.\n\n";
  }

  static std::string comparison(const RunSummary& summary)
  {
    std::string out =
        "# Comparison\n\n| File | Verdict | Standalone | HA | Cluster | Margin | Confidence | Errors | "
        "Warnings |\n|---|---|---:|---:|---:|---:|---|---:|---:|\n";
    for (const auto& row : summary.files) {
      std::string cells[3] = {"-", "-", "-"};
      for (const auto& s : row.scores)
        cells[static_cast<int>(s.option)] = score_cell(s);
      std::string file = code(row.file);
      if (!row.name.empty())
        file = escape_markdown(row.name) + " (" + file + ")";
      out += fmt::format(
          "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", file,
          row.has_verdict ? topology_word(row.assessed, "none") : "-", cells[0], cells[1], cells[2],
          row.has_verdict ? std::to_string(row.margin) : "-",
          row.has_verdict ? fmt::format("{} ({}%)", row.confidence_level, row.confidence_percent) : "-",
          row.errors, row.warnings);
    }
    return out + "\n";
  }

  [[nodiscard]] std::string check_summary(const RunSummary& summary) const
  {
    std::string out =
        "## Summary\n\n| File | Plan | Errors | Warnings | Info | Waived |\n|---|---|---:|---:|---:|---:|\n";
    for (const auto& row : summary.files)
      out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", code(row.file),
                         topology_word(row.assessed, "-"), row.errors, row.warnings, row.info, row.waived);
    const std::string gate = m_run->fail_on ? severity_word(*m_run->fail_on) : "none";
    std::string result;
    if (summary.invalid_files > 0)
      result = fmt::format("**Result: INCOMPLETE**: {} could not be assessed; {} at or above `{}`.",
                           counted(static_cast<long long>(summary.invalid_files), "file"),
                           counted(summary.failing, "finding"), gate);
    else if (summary.evaluation_errors > 0)
      result = fmt::format("**Result: INCOMPLETE**: {} failed; {} at or above `{}`.",
                           counted(summary.evaluation_errors, "rule evaluation"),
                           counted(summary.failing, "finding"), gate);
    else if (summary.failing > 0)
      result =
          fmt::format("**Result: FAIL**: {} at or above `{}`.", counted(summary.failing, "finding"), gate);
    else
      result = fmt::format("**Result: pass**: no finding at or above `{}` ({}, {}, {} info in {}).", gate,
                           counted(summary.errors, "error"), counted(summary.warnings, "warning"),
                           summary.info, counted(static_cast<long long>(summary.files.size()), "file"));
    return out + "\n" + result + "\n\n";
  }

  std::ostream& m_out;
  const advice::RunInfo* m_run = nullptr; // `begin`'s, alive until `end` returns (Renderer)
  std::optional<Spool> m_spool;           // recommend: the files' sections until the comparison is out
  std::string m_invalid;                  // one list item per input error (small)
};

} // namespace

std::unique_ptr<Renderer> make_markdown(std::ostream& out, const RenderOptions& /*options*/)
{
  return std::make_unique<MarkdownRenderer>(out);
}

} // namespace ghes_topology::report
