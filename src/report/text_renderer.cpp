// SPDX-License-Identifier: Apache-2.0
// The terminal report for `recommend` and `check`.
#include "ghes_topology/diag/text.hpp"
#include "ghes_topology/report/renderer.hpp"
#include "ghes_topology/text/layout.hpp"
#include "ghes_topology/text/style.hpp"

#include "report/formats_internal.hpp"
#include "report/spool.hpp"
#include "report/vocabulary.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <ostream>

namespace ghes_topology::report {
namespace {

using advice::FileResult;
using engine::Severity;
using engine::Topology;
using text::Style;
using text::Table;
using text::wrap;

Style severity_style(Severity severity)
{
  switch (severity) {
  case Severity::error:
    return Style::red;
  case Severity::warning:
    return Style::yellow;
  case Severity::info:
    return Style::cyan;
  }
  return Style::plain;
}

struct Writer
{
  const RenderOptions& options;
  std::string out;

  std::string s(std::string_view t, Style style) const { return text::styled(t, style, options.color); }

  void heading(std::string_view text) { out += "\n" + s(text, Style::bold) + "\n"; }
  void para(std::string_view text, std::string_view first, std::string_view rest)
  {
    ::ghes_topology::text::wrap_into(out, text, options.width, first, rest);
  }
  // `first` + `text` as it is (its spacing kept) when it fits, else wrapped like `para`.
  // A line that names a `file:line:col` is kept whole at the default width and wider
  // (editors and problem matchers read it); a narrower terminal wraps it.
  void line(std::string_view text, std::string_view first, std::string_view rest)
  {
    if (options.width >= text::k_default_width ||
        text::display_width(first) + text::display_width(text) <= options.width)
      out.append(first).append(text) += '\n';
    else
      para(text, first, rest);
  }
};

void render_overrides(Writer& w, const advice::RunInfo& a, const FileResult& file)
{
  std::vector<std::string> parts;
  for (const auto& set : file.fact_overrides)
    parts.push_back("--set " + set);
  for (const auto& p : a.param_overrides)
    parts.push_back(fmt::format("--param {}={} (default {}{})", p.name, p.value, p.default_value,
                                p.by.empty() ? "" : ", set by " + p.by));
  for (const auto& r : a.rule_replacements)
    parts.push_back(fmt::format("rule {} from {} replaces the built-in {}", r.rule_id, r.file, r.replaces));
  if (parts.empty())
    return;
  std::string joined;
  for (const auto& part : parts)
    joined += (joined.empty() ? "" : "; ") + part;
  w.para(joined, "Overrides: ", "           ");
}

// "error → warning" (ASCII "error -> warning").
std::string severity_change(const Writer& w, const advice::SeverityOverride& o)
{
  return fmt::format("{} {} {}", engine::to_string(o.from),
                     w.options.charset == text::Charset::utf8 ? "\u2192" : "->", engine::to_string(o.to));
}

// The policy in force, one entry a line: severity overrides, then disabled rules grouped by
// what disabled them.
void render_policy(Writer& w, const advice::RunInfo& a)
{
  std::vector<std::string> parts;
  for (const auto& o : a.severity_overrides)
    parts.push_back(fmt::format("severity of {}: {} by {}", o.rule_id, severity_change(w, o), o.by));
  std::vector<std::pair<std::string, std::vector<std::string>>> disabled; // by origin, first seen first
  for (const auto& d : a.disabled_rules) {
    auto it = std::find_if(disabled.begin(), disabled.end(), [&d](const auto& g) { return g.first == d.by; });
    if (it == disabled.end())
      it = disabled.insert(disabled.end(), {d.by, {}});
    it->second.push_back(d.rule_id);
  }
  for (const auto& [by, ids] : disabled) {
    // At most 10 ids a group: `--enable-only` can leave out most of the catalog (the JSON and
    // SARIF outputs list every one).
    constexpr std::size_t k_shown = 10;
    std::string joined;
    for (std::size_t i = 0; i < ids.size() && i < k_shown; ++i)
      joined += (joined.empty() ? "" : ", ") + ids[i];
    if (ids.size() > k_shown)
      joined += fmt::format(" and {} more", ids.size() - k_shown);
    parts.push_back(
        fmt::format("disabled by {} ({}): {}", by, counted(static_cast<int>(ids.size()), "rule"), joined));
  }
  for (std::size_t i = 0; i < parts.size(); ++i)
    w.para(parts[i], i == 0 ? "Policy: " : "        ", "          ");
}

void render_verdict(Writer& w, const FileResult& file)
{
  const advice::Verdict& v = *file.verdict;
  if (!v.topology) {
    w.out += "\n" + w.s("Verdict: no option is possible", Style::red) +
             " - every option is blocked (see Scores).\n";
  } else {
    w.out += "\n" + w.s("Verdict: ", Style::bold) + w.s(option_title(*v.topology), Style::green) + "\n";
    std::string runner_up;
    int best_other = -1;
    for (const auto& s : v.scores)
      if (s.option != *v.topology && !s.blocked && s.score > best_other) {
        best_other = s.score;
        runner_up = std::string(engine::to_string(s.option));
      }
    std::string line = fmt::format("confidence {} ({}%)", v.confidence.level, v.confidence.percent);
    if (!runner_up.empty() && v.margin == 0)
      line +=
          fmt::format(", tied with {} at {} points: ties go to the simpler option (standalone, then ha, then "
                      "cluster; docs/scoring.md)",
                      runner_up, best_other);
    else if (!runner_up.empty())
      line += fmt::format(", margin {} points over {}", v.margin, runner_up);
    else
      line += ", every other option is blocked";
    if (v.confidence.could_flip)
      line += "; an unanswered question could change the verdict";
    w.para(line, "  ", "  ");
    for (const auto& i : file.implications)
      if (i.section == engine::Section::topology)
        w.para(i.text, "  - ", "    ");
  }

  w.heading("Scores");
  std::vector<advice::OptionScore> scores = v.scores;
  std::stable_sort(scores.begin(), scores.end(), [](const auto& a, const auto& b) {
    return !a.blocked && (b.blocked || a.score > b.score);
  });
  for (const auto& s : scores) {
    const std::string name = fmt::format("  {:<11}{:>3}  ", engine::to_string(s.option), s.score);
    if (s.blocked) {
      std::string by;
      for (const auto& id : s.blocked_by)
        by += (by.empty() ? "" : ", ") + id;
      w.para(w.s("blocked", Style::red) + " by " + by, name, std::string(18, ' '));
    } else {
      // 25 cells for 100 points, fewer when the screen is narrower than the bar's line.
      const std::size_t cells = std::min<std::size_t>(25, w.options.width > 18 ? w.options.width - 18 : 1);
      const auto bar = static_cast<std::size_t>(s.score) * cells / 100;
      std::string blocks;
      for (std::size_t i = 0; i < bar; ++i)
        blocks += w.options.charset == text::Charset::utf8 ? "\u2588" : "#";
      if (blocks.empty()) // a score under 4: no bar, and no trailing blanks
        w.out += name.substr(0, name.find_last_not_of(' ') + 1) + "\n";
      else
        w.out += name + w.s(blocks, s.option == v.topology ? Style::green : Style::dim) + "\n";
    }
  }
}

void render_reasons(Writer& w, const FileResult& file)
{
  w.heading("Why (strongest first)");
  if (file.reasons.empty()) {
    w.para("No evidence rule applied; every option kept its base score.", "  ", "  ");
    return;
  }
  for (const auto& r : file.reasons) {
    std::string effects;
    for (const auto& e : r.effects)
      effects += (effects.empty() ? "" : ", ") + effect_text(e);
    w.line(w.s(r.rule_id, Style::bold) + "  " + effects, "  ", "      ");
    w.para(r.message, "      ", "      ");
    for (const auto& f : r.facts) {
      if (f.path.rfind("params.", 0) == 0 || f.path == "topology")
        continue;
      std::string where = f.where.has_position() ? " (" + f.where.to_string() + ")" : "";
      w.para(fmt::format("{} = {}{}", f.path, f.value, where), "      fact: ", "            ");
    }
    w.para(r.source.path + (r.source.section.empty() ? "" : " (" + r.source.section + ")"),
           "      source: ", "              ");
  }
}

void render_tipping(Writer& w, const FileResult& file)
{
  w.heading("What would change it");
  if (file.tipping_points.empty()) {
    w.para("No single known number moves the verdict within its valid range.", "  ", "  ");
    return;
  }
  for (const auto& t : file.tipping_points) {
    const bool up = t.threshold > t.current;
    std::string line =
        fmt::format("{} is {}: {} at {} or {}", t.fact, with_unit(t.current, t.unit),
                    engine::to_string(t.becomes), with_unit(t.threshold, t.unit), up ? "more" : "less");
    if (t.years)
      line += fmt::format(" (at the stated growth, in about {} years)", number(*t.years));
    w.para(line, "  - ", "    ");
  }
}

void render_implications(Writer& w, const FileResult& file)
{
  bool any = false;
  for (const auto section :
       {engine::Section::failover, engine::Section::backups, engine::Section::monitoring}) {
    bool first = true;
    for (const auto& i : file.implications) {
      if (i.section != section)
        continue;
      if (!any)
        w.heading(fmt::format("Implications for {}", topology_word(file.assessed, "it")));
      any = true;
      if (first)
        w.out += "  " + w.s(section_title(section), Style::bold) + "\n";
      first = false;
      w.para(i.text, "  - ", "    ");
    }
  }
}

void render_findings(Writer& w, const FileResult& file)
{
  int counts[3] = {0, 0, 0};
  int waived = 0;
  for (const auto& f : file.findings) {
    if (f.waived)
      ++waived;
    else
      ++counts[static_cast<int>(f.severity)];
  }
  std::string title = fmt::format("Findings: {}, {}, {} info", counted(counts[2], "error"),
                                  counted(counts[1], "warning"), counts[0]);
  if (waived > 0)
    title += fmt::format(", {} waived", waived);
  w.heading(title);
  if (file.findings.empty()) {
    w.out += "  None.\n";
    return;
  }
  for (const auto& f : file.findings) {
    std::string label = f.waived ? "waived" : severity_word(f.severity);
    if (label.size() < 8)
      label.append(8 - label.size(), ' '); // ASCII words: "{:<8}" without a format call
    w.line(w.s(label, f.waived ? Style::dim : severity_style(f.severity)) + " " +
               w.s(f.rule_id, Style::bold) + "  " + f.where.to_string(),
           "  ", "           ");
    w.para(f.message, "           ", "           ");
    if (f.severity_override)
      w.para(fmt::format("{} by {}", severity_change(w, *f.severity_override), f.severity_override->by),
             "           severity: ", "                     ");
    if (!f.remediation.empty())
      w.para(f.remediation, "           fix: ", "                ");
    if (!f.source.path.empty())
      w.para(f.source.path, "           source: ", "                   ");
  }
}

void render_waivers(Writer& w, const FileResult& file)
{
  if (file.waivers.empty())
    return;
  w.heading("Waivers");
  for (const auto& u : file.waivers) {
    std::string state;
    switch (u.state) {
    case advice::WaiverUse::State::applied:
      state = "applied, silenced " + counted(u.silenced, "finding");
      break;
    case advice::WaiverUse::State::expired:
      state = "EXPIRED, silences nothing";
      break;
    case advice::WaiverUse::State::unused:
      state = "not needed: the rule did not fire";
      break;
    }
    const std::string scope = u.key_path.empty() ? std::string() : " at " + u.key_path;
    w.para(fmt::format("{}{} ({}; owner {}, expires {}): {}", u.rule_id, scope, state, u.owner, u.expires,
                       u.reason),
           "  - ", "    ");
  }
}

void render_questions(Writer& w, const FileResult& file)
{
  if (file.questions.empty())
    return;
  w.heading("Questions: facts that would make the answer surer");
  for (const auto& q : file.questions) {
    std::string rules;
    for (const auto& id : q.rule_ids)
      rules += (rules.empty() ? "" : ", ") + id;
    w.para(q.fact + (q.description.empty() ? "" : " - " + q.description), "  - ", "    ");
    w.para("needed by " + rules, "    ", "    ");
  }
}

void render_problems(Writer& w, const FileResult& file)
{
  if (file.problems.empty())
    return;
  w.heading("Rules that could not be evaluated");
  for (const auto& p : file.problems)
    w.para(fmt::format("{}: {} [{}] ({})", p.rule_id, p.message, p.code, p.where.to_string()), "  - ",
           "    ");
}

void render_summary(Writer& w, const advice::RunInfo& run, const RunSummary& summary)
{
  w.heading("Summary");
  Table table({"FILE", "PLAN", "ERRORS", "WARNINGS", "INFO", "WAIVED"});
  for (const auto& row : summary.files)
    table.add_row({row.file, topology_word(row.assessed, "-"), std::to_string(row.errors),
                   std::to_string(row.warnings), std::to_string(row.info), std::to_string(row.waived)});
  w.out += table.render(w.options.width, "  ");
  const int failing = summary.failing;
  const std::string gate = run.fail_on ? severity_word(*run.fail_on) : "none";
  std::string result;
  if (summary.invalid_files > 0)
    result = w.s("Result: INCOMPLETE", Style::red) +
             fmt::format(" - {} could not be assessed (see the errors on stderr); {} at or above '{}'\n",
                         counted(static_cast<long long>(summary.invalid_files), "file"),
                         counted(failing, "finding"), gate);
  else if (summary.evaluation_errors > 0)
    result =
        w.s("Result: INCOMPLETE", Style::red) +
        fmt::format(" - {} failed (see 'Rules that could not be evaluated'); {} at or above '{}'\n",
                    counted(summary.evaluation_errors, "rule evaluation"), counted(failing, "finding"), gate);
  else if (failing > 0)
    result = w.s("Result: FAIL", Style::red) +
             fmt::format(" - {} at or above '{}'\n", counted(failing, "finding"), gate);
  else
    result = w.s("Result: pass", Style::green) +
             fmt::format(" - no finding at or above '{}' ({}, {}, {} info in {})\n", gate,
                         counted(summary.errors, "error"), counted(summary.warnings, "warning"), summary.info,
                         counted(static_cast<long long>(summary.files.size()), "file"));
  w.out += "\n";
  w.line(result.substr(0, result.size() - 1), "", "  ");
}

// `recommend` of several files: one row per file, before the files' reports.
void render_comparison(Writer& w, const RunSummary& summary)
{
  w.out += w.s(fmt::format("Comparison of {} files", summary.files.size()), Style::bold) + "\n";
  for (const auto& row : summary.files) {
    w.line(w.s(row.file, Style::bold) + (row.name.empty() ? "" : " (" + row.name + ")"), "  ", "    ");
    if (row.has_verdict) {
      std::string scores;
      for (const auto& s : row.scores)
        scores += fmt::format("{}{} {}", scores.empty() ? "" : ", ", engine::to_string(s.option),
                              s.blocked ? "blocked" : std::to_string(s.score));
      w.para(fmt::format("verdict {}, margin {}, confidence {} ({}%); scores: {}",
                         topology_word(row.assessed, "none"), row.margin, row.confidence_level,
                         row.confidence_percent, scores),
             "    ", "    ");
    }
    w.para(fmt::format("findings: {}, {}", counted(row.errors, "error"), counted(row.warnings, "warning")),
           "    ", "    ");
  }
  w.out += "\n" + std::string(std::min<std::size_t>(w.options.width, 80), '=') + "\n";
}

class TextRenderer final : public Renderer
{
public:
  TextRenderer(std::ostream& out, const RenderOptions& options)
      : m_out(out)
      , m_options(options)
  {}

  void begin(const advice::RunInfo& run) override
  {
    m_run = &run;
    // recommend of several files starts with their comparison: the reports wait on disk.
    if (run.command == advice::Command::recommend && m_options.layout == TextLayout::report)
      m_spool.emplace();
  }

  void file(const FileResult& file) override
  {
    if (m_options.layout == TextLayout::compact) {
      compact_file(file);
      return;
    }
    Writer w{m_options, {}};
    if (!m_first)
      w.out += "\n" + std::string(std::min<std::size_t>(m_options.width, 80), '=') + "\n";
    m_first = false;
    std::string title = fmt::format("ghes-topology {}: {}", advice::to_string(m_run->command), file.file);
    if (!file.name.empty())
      title += " (" + file.name + ")";
    if (m_run->command == advice::Command::check)
      title += fmt::format(" - plan: {}", topology_word(file.assessed, "unknown"));
    w.line(w.s(title, Style::bold), "", "  ");
    render_overrides(w, *m_run, file);
    render_policy(w, *m_run);
    if (m_run->command == advice::Command::recommend && file.verdict) {
      render_verdict(w, file);
      render_reasons(w, file);
      render_tipping(w, file);
      render_implications(w, file);
    }
    render_findings(w, file);
    render_waivers(w, file);
    render_questions(w, file);
    render_problems(w, file);
    if (diag::may_escape(w.out)) // else `printable` would return a copy of it
      w.out = printable(w.out);
    if (m_spool)
      m_spool->write(w.out);
    else
      m_out << w.out;
  }

  // The diagnostics are on stderr already; the terminal report has no place for them.
  void input_errors(const std::vector<diag::Diagnostic>& /*errors*/) override {}

  void end(const RunSummary& summary) override
  {
    if (m_options.layout == TextLayout::compact) {
      compact_end(summary);
      return;
    }
    if (m_spool) {
      if (summary.files.size() > 1) {
        Writer w{m_options, {}};
        render_comparison(w, summary);
        m_out << printable(w.out);
      }
      m_spool->copy_to(m_out);
    }
    if (m_run->command != advice::Command::check)
      return;
    Writer w{m_options, {}};
    render_summary(w, *m_run, summary);
    m_out << printable(w.out);
  }

private:
  // `--compact`: one line per unwaived finding and per rule that could not be evaluated,
  // in the gcc format of compilers and ShellCheck, for editors' problem matchers.
  void compact_file(const FileResult& file)
  {
    std::string out;
    for (const auto& f : file.findings)
      if (!f.waived)
        out += fmt::format("{}: {}: {} [{}]\n", f.where.to_string(), severity_word(f.severity),
                           one_line(f.message), f.rule_id);
    for (const auto& p : file.problems)
      out += fmt::format("{}: error: rule {} could not be evaluated: {} [{}]\n", p.where.to_string(),
                         p.rule_id, one_line(p.message), p.code);
    m_out << printable(out);
  }

  void compact_end(const RunSummary& summary)
  {
    const std::string gate = m_run->fail_on ? severity_word(*m_run->fail_on) : "none";
    const std::string counts = fmt::format(
        "{}, {}, {} info{} in {}", counted(summary.errors, "error"), counted(summary.warnings, "warning"),
        summary.info, summary.waived > 0 ? fmt::format(", {} waived", summary.waived) : "",
        counted(static_cast<long long>(summary.files.size()), "file"));
    std::string line;
    if (summary.evaluation_errors > 0)
      line = fmt::format("Result: INCOMPLETE - {} failed; {}",
                         counted(summary.evaluation_errors, "rule evaluation"), counts);
    else if (m_run->command != advice::Command::check)
      line = "Findings: " + counts;
    else if (summary.failing > 0)
      line = fmt::format("Result: FAIL - {} at or above '{}' ({})", counted(summary.failing, "finding"), gate,
                         counts);
    else
      line = fmt::format("Result: pass - no finding at or above '{}' ({})", gate, counts);
    m_out << line << '\n';
  }

  static std::string one_line(std::string text)
  {
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
  }

public:
private:
  // Names, messages and values come from input files: no control character from them
  // may reach the terminal; the colours are ours.
  [[nodiscard]] std::string printable(const std::string& text) const
  {
    return m_options.color == Color::yes ? diag::escape_controls_keep_colors(text)
                                         : diag::escape_controls(text);
  }

  std::ostream& m_out;
  RenderOptions m_options;
  const advice::RunInfo* m_run = nullptr; // `begin`'s, alive until `end` returns (Renderer)
  bool m_first = true;
  std::optional<Spool> m_spool; // recommend: the files' reports until the comparison is out
};

} // namespace

std::unique_ptr<Renderer> make_text(std::ostream& out, const RenderOptions& options)
{
  return std::make_unique<TextRenderer>(out, options);
}

} // namespace ghes_topology::report
