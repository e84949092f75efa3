// SPDX-License-Identifier: Apache-2.0
// The outputs of `diff`: text for a terminal, JSON (docs/output-diff.schema.json) and
// GitHub-flavoured Markdown for a pull request.
#include "ghes_topology/report/diff_renderer.hpp"

#include "ghes_topology/diag/text.hpp"
#include "ghes_topology/text/layout.hpp"
#include "ghes_topology/text/style.hpp"

#include "report/escape.hpp"
#include "report/vocabulary.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <ostream>

namespace ghes_topology::report {
namespace {

using advice::Change;
using advice::Difference;
using advice::Finding;
using text::Style;

// --- shared words ---

std::string score_cell(const std::optional<advice::OptionScore>& s)
{
  if (!s)
    return "-";
  return s->blocked ? "blocked" : std::to_string(s->score);
}

std::string signed_number(int n)
{
  return n > 0 ? fmt::format("+{}", n) : std::to_string(n);
}

// What the CHANGE column shows: `=`, the signed score change, or the block that came or went.
std::string change_cell(const advice::ScoreChange& s)
{
  if (!s.changed())
    return "=";
  if (s.before && s.after && s.before->blocked != s.after->blocked)
    return s.after->blocked ? "now blocked" : "unblocked";
  return signed_number(s.delta());
}

std::string confidence_text(const advice::Confidence& c)
{
  return fmt::format("{} ({}%)", c.level, c.percent);
}

std::string topology_of(const std::optional<advice::Verdict>& v)
{
  return v ? topology_word(v->topology, "none") : "-";
}

int count_facts(const Difference& d, Change change)
{
  int n = 0;
  for (const auto& f : d.facts)
    n += f.change == change ? 1 : 0;
  return n;
}

int count_findings(const Difference& d, Change change)
{
  int n = 0;
  for (const auto& f : d.findings)
    n += f.change == change ? 1 : 0;
  return n;
}

std::string facts_counts(const Difference& d)
{
  return fmt::format("{} changed, {} added, {} removed", count_facts(d, Change::changed),
                     count_facts(d, Change::added), count_facts(d, Change::removed));
}

std::string findings_counts(const Difference& d)
{
  return fmt::format("{} added, {} changed, {} removed, {} unchanged", count_findings(d, Change::added),
                     count_findings(d, Change::changed), count_findings(d, Change::removed),
                     d.unchanged_findings);
}

std::string basis_text(const Difference& d)
{
  return d.findings_basis == advice::Command::check ? "as check: both files have a plan"
                                                    : "as recommend: not both files have a plan";
}

std::string severity_label(const Finding& f)
{
  return f.waived ? "waived" : severity_word(f.severity);
}

std::string overrides_text(const DiffRun& run)
{
  std::string joined;
  for (const auto& set : run.fact_overrides)
    joined += (joined.empty() ? "" : "; ") + ("--set " + set);
  for (const auto& p : run.param_overrides)
    joined += (joined.empty() ? "" : "; ") +
              fmt::format("--param {}={} (default {})", p.name, p.value, p.default_value);
  for (const auto& r : run.rule_replacements)
    joined += (joined.empty() ? "" : "; ") +
              fmt::format("rule {} from {} replaces the built-in {}", r.rule_id, r.file, r.replaces);
  return joined;
}

// --- text ---

struct TextWriter
{
  const RenderOptions& options;
  std::string out;

  std::string s(std::string_view t, Style style) const { return text::styled(t, style, options.color); }
  void heading(std::string_view t) { out += "\n" + s(t, Style::bold) + "\n"; }
  void para(std::string_view t, std::string_view first, std::string_view rest)
  {
    out += text::wrap(t, options.width, first, rest);
  }
  // `first` + `t` with its spacing kept when it fits (aligned columns), else wrapped like
  // `para`; a line naming a `file:line:col` is kept whole at the default width and wider,
  // as in the recommend/check report.
  void line(std::string_view t, std::string_view first, std::string_view rest)
  {
    if (options.width >= text::k_default_width ||
        text::display_width(first) + text::display_width(t) <= options.width)
      out += std::string(first) + std::string(t) + "\n";
    else
      para(t, first, rest);
  }
};

Style severity_style(const Finding& f)
{
  if (f.waived)
    return Style::dim;
  switch (f.severity) {
  case engine::Severity::error:
    return Style::red;
  case engine::Severity::warning:
    return Style::yellow;
  case engine::Severity::info:
    return Style::cyan;
  }
  return Style::plain;
}

void text_facts(TextWriter& w, const Difference& d)
{
  w.heading("Facts: " + facts_counts(d));
  if (d.facts.empty()) {
    w.out += "  No fact changed.\n";
    return;
  }
  for (const auto& f : d.facts) {
    w.line(w.s(fmt::format("{:<8}", advice::to_string(f.change)), Style::bold) + " " + f.path, "  ",
           "           ");
    if (f.before)
      w.para(fmt::format("{}  ({})", f.before->value, f.before->where.to_string()),
             "           before: ", "                   ");
    if (f.after)
      w.para(fmt::format("{}  ({})", f.after->value, f.after->where.to_string()),
             "           after:  ", "                   ");
  }
}

void text_verdict(TextWriter& w, const Difference& d)
{
  const auto& b = d.before_verdict;
  const auto& a = d.after_verdict;
  if (!d.verdict_changed()) {
    w.out += "\n" + w.s("Verdict: ", Style::bold) + topology_of(a) + " (unchanged)\n";
    if (a)
      w.para(fmt::format("margin {} points, confidence {}", a->margin, confidence_text(a->confidence)), "  ",
             "  ");
    return;
  }
  w.out += "\n" + w.s("Verdict: ", Style::bold) + topology_of(b) + " -> " +
           w.s(topology_of(a), Style::green) +
           (b && a && b->topology == a->topology ? " (same topology)" : "") + "\n";
  if (b && a) {
    w.para(b->margin == a->margin ? fmt::format("margin {} points (unchanged)", a->margin)
                                  : fmt::format("margin {} -> {} points", b->margin, a->margin),
           "  ", "  ");
    const std::string before_confidence = confidence_text(b->confidence);
    const std::string after_confidence = confidence_text(a->confidence);
    w.para(before_confidence == after_confidence
               ? fmt::format("confidence {} (unchanged)", after_confidence)
               : fmt::format("confidence {} -> {}", before_confidence, after_confidence),
           "  ", "  ");
  }
}

void text_scores(TextWriter& w, const Difference& d)
{
  w.heading("Scores");
  text::Table table({"OPTION", "BEFORE", "AFTER", "CHANGE"});
  for (const auto& s : d.scores)
    table.add_row({std::string(engine::to_string(s.option)), score_cell(s.before), score_cell(s.after),
                   change_cell(s)});
  w.out += table.render(w.options.width, "  ");
}

void text_findings(TextWriter& w, const Difference& d)
{
  w.heading("Findings: " + findings_counts(d));
  w.para(fmt::format("({})", basis_text(d)), "  ", "   ");
  if (d.findings.empty()) {
    w.out += "  No finding appeared, changed or disappeared.\n";
    return;
  }
  for (const auto& c : d.findings) {
    const Finding& f = c.finding();
    const Style change_style = c.change == Change::removed ? Style::green : Style::bold;
    w.line(w.s(fmt::format("{:<8}", advice::to_string(c.change)), change_style) + " " +
               w.s(fmt::format("{:<8}", severity_label(f)), severity_style(f)) + " " + f.rule_id + "  " +
               f.where.to_string(),
           "  ", "           ");
    if (c.change == Change::changed) {
      w.para(fmt::format("{}: {}  ({})", severity_label(*c.before), c.before->message,
                         c.before->where.to_string()),
             "           was: ", "                ");
      w.para(fmt::format("{}: {}", severity_label(*c.after), c.after->message),
             "           now: ", "                ");
    } else {
      w.para(f.message, "           ", "           ");
    }
  }
}

void render_diff_text(std::ostream& out, const Difference& d, const DiffRun& run,
                      const RenderOptions& options)
{
  TextWriter w{options, {}};
  w.out += w.s("ghes-topology diff", Style::bold) + "\n";
  w.para(d.before_file + (d.before_name.empty() ? "" : " (" + d.before_name + ")"),
         "  before: ", "          ");
  w.para(d.after_file + (d.after_name.empty() ? "" : " (" + d.after_name + ")"), "  after:  ", "          ");
  if (const std::string overrides = overrides_text(run); !overrides.empty())
    w.para(overrides, "  overrides: ", "             ");
  text_facts(w, d);
  text_verdict(w, d);
  text_scores(w, d);
  text_findings(w, d);
  w.out += "\n";
  const std::string result = diff_result_line(d, run);
  w.para(w.s(result.substr(0, result.find(' ')), d.identical() ? Style::green : Style::yellow) +
             result.substr(result.find(' ')),
         "", "  ");
  // Values, names and messages come from input files: no control character may reach the
  // terminal; the colours are ours.
  out << (options.color == Color::yes ? diag::escape_controls_keep_colors(w.out)
                                      : diag::escape_controls(w.out));
}

// --- JSON ---

using Json = nlohmann::ordered_json;

Json location(const diag::Location& where)
{
  if (!where.has_file())
    return nullptr;
  Json j;
  j["file"] = where.file;
  if (where.has_position()) {
    j["line"] = where.line;
    j["column"] = where.column;
  }
  return j;
}

Json fact_side(const std::optional<advice::Fact>& f)
{
  if (!f)
    return nullptr;
  return Json{{"value", f->value}, {"location", location(f->where)}};
}

Json verdict_side(const std::optional<advice::Verdict>& v)
{
  if (!v)
    return nullptr;
  return Json{{"topology", v->topology ? Json(std::string(engine::to_string(*v->topology))) : Json(nullptr)},
              {"margin", v->margin},
              {"confidence",
               {{"level", v->confidence.level},
                {"percent", v->confidence.percent},
                {"could_change", v->confidence.could_flip}}}};
}

Json score_side(const std::optional<advice::OptionScore>& s)
{
  if (!s)
    return nullptr;
  return Json{{"score", s->score}, {"blocked", s->blocked}, {"blocked_by", s->blocked_by}};
}

Json finding_side(const std::optional<Finding>& f)
{
  if (!f)
    return nullptr;
  return Json{{"severity", std::string(engine::to_string(f->severity))},
              {"message", f->message},
              {"location", location(f->where)},
              {"key_path", f->key_path.empty() ? Json(nullptr) : Json(f->key_path)},
              {"waived", f->waived}};
}

void render_diff_json(std::ostream& out, const Difference& d, const DiffRun& run,
                      const RenderOptions& /*options*/)
{
  Json j;
  j["schema_version"] = k_diff_json_schema_version;
  j["tool"] = Json{{"name", "ghes-topology"}, {"version", run.tool_version}};
  j["command"] = "diff";
  j["today"] = run.today;
  j["fact_overrides"] = run.fact_overrides;
  Json params = Json::array();
  for (const auto& p : run.param_overrides)
    params.push_back(Json{{"name", p.name}, {"value", p.value}, {"default", p.default_value}});
  j["parameter_overrides"] = params;
  Json replacements = Json::array();
  for (const auto& r : run.rule_replacements)
    replacements.push_back(Json{{"rule", r.rule_id}, {"file", r.file}, {"replaces", r.replaces}});
  j["rule_replacements"] = replacements;
  j["before"] =
      Json{{"file", d.before_file}, {"name", d.before_name.empty() ? Json(nullptr) : Json(d.before_name)}};
  j["after"] =
      Json{{"file", d.after_file}, {"name", d.after_name.empty() ? Json(nullptr) : Json(d.after_name)}};
  j["identical"] = d.identical();
  Json facts = Json::array();
  for (const auto& f : d.facts)
    facts.push_back(Json{{"change", advice::to_string(f.change)},
                         {"path", f.path},
                         {"before", fact_side(f.before)},
                         {"after", fact_side(f.after)}});
  j["facts"] = facts;
  j["verdict"] = Json{{"changed", d.verdict_changed()},
                      {"before", verdict_side(d.before_verdict)},
                      {"after", verdict_side(d.after_verdict)}};
  Json scores = Json::array();
  for (const auto& s : d.scores)
    scores.push_back(Json{{"option", std::string(engine::to_string(s.option))},
                          {"changed", s.changed()},
                          {"delta", s.delta()},
                          {"before", score_side(s.before)},
                          {"after", score_side(s.after)}});
  j["scores"] = scores;
  j["findings_basis"] = advice::to_string(d.findings_basis);
  Json findings = Json::array();
  for (const auto& c : d.findings) {
    const Finding& f = c.finding();
    findings.push_back(Json{{"change", advice::to_string(c.change)},
                            {"rule", f.rule_id},
                            {"title", f.title},
                            {"fingerprint", f.fingerprint},
                            {"before", finding_side(c.before)},
                            {"after", finding_side(c.after)}});
  }
  j["findings"] = findings;
  Json summary{{"facts",
                {{"changed", count_facts(d, Change::changed)},
                 {"added", count_facts(d, Change::added)},
                 {"removed", count_facts(d, Change::removed)}}},
               {"findings",
                {{"added", count_findings(d, Change::added)},
                 {"changed", count_findings(d, Change::changed)},
                 {"removed", count_findings(d, Change::removed)},
                 {"unchanged", d.unchanged_findings}}}};
  summary["fail_on_new"] = run.fail_on_new ? Json(severity_word(*run.fail_on_new)) : Json(nullptr);
  summary["new_failing"] = run.fail_on_new ? d.new_at_or_above(*run.fail_on_new) : 0;
  j["summary"] = summary;
  // Invalid UTF-8 from an input becomes U+FFFD, as in the recommend/check JSON.
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

// --- Markdown ---

std::string md(std::string_view t)
{
  return escape_markdown(t);
}

std::string md_fact(const std::optional<advice::Fact>& f)
{
  if (!f)
    return "";
  return fmt::format("{} <sub>{}</sub>", md(f->value), md(f->where.to_string()));
}

void render_diff_markdown(std::ostream& out, const Difference& d, const DiffRun& run,
                          const RenderOptions& /*options*/)
{
  std::string o;
  o += "## ghes-topology diff\n\n";
  o += fmt::format("**Before:** {}{}  \n", md(d.before_file),
                   d.before_name.empty() ? "" : " (" + md(d.before_name) + ")");
  o += fmt::format("**After:** {}{}\n", md(d.after_file),
                   d.after_name.empty() ? "" : " (" + md(d.after_name) + ")");
  if (const std::string overrides = overrides_text(run); !overrides.empty())
    o += "\n**Overrides:** " + md(overrides) + "\n";

  const auto& b = d.before_verdict;
  const auto& a = d.after_verdict;
  o += "\n### Verdict\n\n";
  if (!d.verdict_changed()) {
    o += fmt::format("**{}** (unchanged)", topology_of(a));
    if (a)
      o += fmt::format(": margin {} points, confidence {}", a->margin, confidence_text(a->confidence));
    o += "\n";
  } else {
    o += fmt::format("{} → **{}**\n", topology_of(b), topology_of(a));
    if (b && a)
      o += fmt::format(
          "\n| | Before | After |\n|---|---|---|\n| Margin | {} | {} |\n| Confidence | {} | {} |\n",
          b->margin, a->margin, confidence_text(b->confidence), confidence_text(a->confidence));
  }

  o += "\n### Scores\n\n| Option | Before | After | Change |\n|---|---:|---:|---:|\n";
  for (const auto& s : d.scores)
    o += fmt::format("| {} | {} | {} | {} |\n", engine::to_string(s.option), score_cell(s.before),
                     score_cell(s.after), change_cell(s));

  o += "\n### Facts: " + facts_counts(d) + "\n\n";
  if (d.facts.empty()) {
    o += "No fact changed.\n";
  } else {
    o += "| Change | Fact | Before | After |\n|---|---|---|---|\n";
    for (const auto& f : d.facts)
      o += fmt::format("| {} | `{}` | {} | {} |\n", advice::to_string(f.change), f.path, md_fact(f.before),
                       md_fact(f.after));
  }

  o += fmt::format("\n### Findings: {}\n\n_{}_\n\n", findings_counts(d), md(basis_text(d)));
  if (d.findings.empty()) {
    o += "No finding appeared, changed or disappeared.\n";
  } else {
    o += "| Change | Severity | Rule | Message | Where |\n|---|---|---|---|---|\n";
    for (const auto& c : d.findings) {
      const Finding& f = c.finding();
      std::string severity = severity_label(f);
      std::string message = md(f.message);
      if (c.change == Change::changed) {
        severity = severity_label(*c.before) + " → " + severity_label(*c.after);
        if (c.before->message != c.after->message)
          message = "~~" + md(c.before->message) + "~~<br>" + md(c.after->message);
      }
      o += fmt::format("| {} | {} | `{}` | {} | {} |\n", advice::to_string(c.change), severity, f.rule_id,
                       message, md(f.where.to_string()));
    }
  }
  o += "\n**Result:** " + md(diff_result_line(d, run).substr(std::string_view("Result: ").size())) + "\n";
  out << o;
}

} // namespace

std::string diff_result_line(const Difference& d, const DiffRun& run)
{
  std::string line;
  if (d.identical()) {
    line = "Result: identical - no fact, verdict, score or finding changed";
  } else {
    std::vector<std::string> what;
    if (!d.facts.empty())
      what.emplace_back("facts");
    if (d.verdict_changed())
      what.emplace_back("verdict");
    if (d.scores_changed())
      what.emplace_back("scores");
    if (!d.findings.empty())
      what.emplace_back("findings");
    std::string joined;
    for (const auto& w : what)
      joined += (joined.empty() ? "" : ", ") + w;
    line = "Result: different - " + joined;
  }
  if (run.fail_on_new) {
    const int n = d.new_at_or_above(*run.fail_on_new);
    line += n > 0 ? fmt::format("; {} at or above '{}'", counted(n, "new finding"),
                                severity_word(*run.fail_on_new))
                  : fmt::format("; no new finding at or above '{}'", severity_word(*run.fail_on_new));
  }
  return line;
}

const std::vector<DiffFormat>& diff_formats()
{
  static const std::vector<DiffFormat> table = {
      {"text", "human-readable comparison for a terminal (colour on a TTY)", render_diff_text},
      {"json", "machine-readable comparison (docs/output-diff.schema.json)", render_diff_json},
      {"markdown", "GitHub-flavoured Markdown for a pull request", render_diff_markdown},
  };
  return table;
}

const DiffFormat* find_diff_format(std::string_view name)
{
  for (const auto& f : diff_formats())
    if (name == f.name)
      return &f;
  return nullptr;
}

} // namespace ghes_topology::report
