// SPDX-License-Identifier: Apache-2.0
// The HTML report (docs/reports.md): one self-contained document (inline CSS and SVG, no
// script, no external request), written through the Mustache templates src/report/*.mustache
// with every input string escaped by the template engine. File sections are spooled to a
// temporary file as they come, so the comparison of several files can head the document
// without keeping any file's result.
#include "ghes_topology/report/renderer.hpp"

#include "ghes_topology/diag/error.hpp"
#include "report/escape.hpp"
#include "report/formats_internal.hpp"
#include "report/html_templates.hpp"
#include "report/spool.hpp"
#include "report/svg_diagram.hpp"
#include "report/vocabulary.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>
#include <memory>
#include <ostream>

namespace ghes_topology::report {
namespace {

using kainjow::mustache::data;

data strings(const std::vector<std::string>& items)
{
  data out{data::type::list};
  for (const auto& item : items)
    out.push_back(data{item});
  return out;
}

data flag(bool value)
{
  return data{value};
}

std::string severity_class(const advice::Finding& f)
{
  return f.waived ? "waived" : severity_word(f.severity);
}

const char* bar_colour(engine::Topology option)
{
  switch (option) {
  case engine::Topology::standalone:
    return "#8250df";
  case engine::Topology::ha:
    return "#0969da";
  case engine::Topology::cluster:
    return "#1a7f37";
  }
  return "#59636e";
}

// The verdict block and score chart of `recommend`.
data verdict_data(const advice::FileResult& file)
{
  const advice::Verdict& v = *file.verdict;
  data out;
  out.set("none", flag(!v.topology));
  if (v.topology) {
    out.set("topology", std::string(engine::to_string(*v.topology)));
    out.set("topology_title", option_title(*v.topology));
    out.set("confidence_level", v.confidence.level);
    out.set("confidence_percent", std::to_string(v.confidence.percent));
    out.set("could_flip", flag(v.confidence.could_flip));
    std::string runner_up;
    int best_other = -1;
    for (const auto& s : v.scores)
      if (s.option != *v.topology && !s.blocked && s.score > best_other) {
        best_other = s.score;
        runner_up = std::string(engine::to_string(s.option));
      }
    if (runner_up.empty())
      out.set("margin_text", "every other option is blocked");
    else if (v.margin == 0)
      out.set("margin_text",
              fmt::format("tied with {} at {} points: ties go to the simpler option", runner_up, best_other));
    else
      out.set("margin_text", fmt::format("margin {} points over {}", v.margin, runner_up));
    data refinements{data::type::list};
    for (const auto& i : file.implications)
      if (i.section == engine::Section::topology) {
        data r;
        r.set("text", i.text);
        refinements.push_back(r);
      }
    out.set("has_refinements", flag(!refinements.is_empty_list()));
    out.set("refinements", refinements);
  }
  data bars{data::type::list};
  data scores{data::type::list};
  int y = 8;
  for (const auto& s : v.scores) {
    const std::string option(engine::to_string(s.option));
    const bool chosen = v.topology && *v.topology == s.option;
    data bar;
    bar.set("option", option);
    bar.set("blocked", flag(s.blocked));
    bar.set("chosen", flag(chosen));
    bar.set("y", std::to_string(y));
    bar.set("y_end", std::to_string(y + 22));
    bar.set("text_y", std::to_string(y + 16));
    const int width = s.score * 4; // 400 px for 100 points
    bar.set("width", std::to_string(width));
    bar.set("label_x", std::to_string(110 + width + 8));
    bar.set("score", std::to_string(s.score));
    bar.set("colour", bar_colour(s.option));
    bars.push_back(bar);
    y += 34;

    data row;
    row.set("option", option);
    row.set("title", option_title(s.option));
    row.set("score", s.blocked ? std::string("blocked") : std::to_string(s.score));
    row.set("chosen", flag(chosen));
    row.set("blocked_by", strings(s.blocked_by));
    scores.push_back(row);
  }
  out.set("bars", bars);
  out.set("chart_height", std::to_string(y + 4));
  out.set("scores", scores);
  return out;
}

data file_data(const advice::RunInfo& run, const advice::FileResult& file, const std::string& anchor)
{
  data out;
  out.set("anchor", anchor);
  out.set("heading", file.name.empty() ? file.file : file.name);
  out.set("file", file.file);
  if (!file.ghes_version.empty())
    out.set("ghes_version", file.ghes_version);
  out.set("has_sets", flag(!file.fact_overrides.empty()));
  out.set("sets", strings(file.fact_overrides));
  const bool recommend = run.command == advice::Command::recommend;
  out.set("is_recommend", flag(recommend));
  if (recommend && file.verdict) {
    data v = verdict_data(file);
    v.set("anchor", anchor);
    out.set("verdict", v);
  } else if (file.assessed) {
    data planned;
    planned.set("topology", std::string(engine::to_string(*file.assessed)));
    planned.set("topology_title", option_title(*file.assessed));
    out.set("planned", planned);
  }

  if (file.diagram) {
    // check: every unwaived finding marked on the node or link it concerns.
    std::vector<DiagramBadge> badges;
    if (!recommend) {
      int index = 0;
      for (const auto& f : file.findings) {
        ++index;
        if (f.waived)
          continue;
        std::string element = advice::element_for(*file.diagram, f.key_path);
        if (!element.empty())
          badges.push_back(
              {std::move(element), f.severity, f.rule_id, fmt::format("{}-finding-{}", anchor, index)});
      }
    }
    const std::string title = file.diagram->planned ? "Planned topology" : "Recommended topology";
    data d;
    d.set("diagram_title", title);
    // What the diagram holds, for the browser test to count the drawn elements against.
    d.set("expected_nodes", std::to_string(file.diagram->nodes.size()));
    d.set("expected_links", std::to_string(file.diagram->links.size()));
    d.set("diagram_svg", render_diagram_svg(layout_diagram(*file.diagram, badges), anchor,
                                            title + " of " + (file.name.empty() ? file.file : file.name)));
    out.set("diagram", d);
  }

  const std::string& version = file.ghes_version;
  data reasons{data::type::list};
  for (const auto& r : file.reasons) {
    data row;
    row.set("rule_id", r.rule_id);
    row.set("title", r.title);
    row.set("message", r.message);
    std::string effects;
    for (const auto& e : r.effects)
      effects += (effects.empty() ? "" : ", ") + effect_text(e);
    row.set("effects", effects);
    std::vector<std::string> facts;
    for (const auto& f : r.facts)
      if (!f.path.starts_with("params.") && f.path != "topology")
        facts.push_back(f.path + " = " + f.value);
    row.set("has_facts", flag(!facts.empty()));
    row.set("facts", strings(facts));
    if (!r.source.path.empty())
      row.set("url", docs_url(r.source.path, version));
    if (!r.source.section.empty())
      row.set("section", r.source.section);
    reasons.push_back(row);
  }
  out.set("has_reasons", flag(!file.reasons.empty()));
  out.set("reasons", reasons);

  std::vector<std::string> tipping;
  for (const auto& t : file.tipping_points) {
    std::string line = fmt::format("{} is {}: {} at {} or {}", t.fact, with_unit(t.current, t.unit),
                                   engine::to_string(t.becomes), with_unit(t.threshold, t.unit),
                                   t.threshold > t.current ? "more" : "less");
    if (t.years)
      line += fmt::format(" (at the stated growth, in about {} years)", number(*t.years));
    tipping.push_back(line);
  }
  out.set("has_tipping", flag(!tipping.empty()));
  out.set("tipping", strings(tipping));

  data sections{data::type::list};
  for (const auto section :
       {engine::Section::failover, engine::Section::backups, engine::Section::monitoring}) {
    data items{data::type::list};
    for (const auto& i : file.implications) {
      if (i.section != section)
        continue;
      data item;
      item.set("text", i.text);
      item.set("rule_id", i.rule_id);
      if (!i.source.path.empty())
        item.set("url", docs_url(i.source.path, version));
      items.push_back(item);
    }
    if (items.is_empty_list())
      continue;
    data s;
    s.set("title", section_title(section));
    s.set("items", items);
    sections.push_back(s);
  }
  out.set("has_implication_sections", flag(!sections.is_empty_list()));
  out.set("implication_sections", sections);
  out.set("assessed_word", topology_word(file.assessed, "it"));

  int counts[3] = {0, 0, 0};
  int waived = 0;
  data findings{data::type::list};
  int index = 0;
  for (const auto& f : file.findings) {
    if (f.waived)
      ++waived;
    else
      ++counts[static_cast<int>(f.severity)];
    data row;
    row.set("anchor", fmt::format("{}-finding-{}", anchor, ++index));
    row.set("class", severity_class(f));
    row.set("label", f.waived ? std::string("waived") : severity_word(f.severity));
    row.set("rule_id", f.rule_id);
    row.set("title", f.title);
    row.set("message", f.message);
    if (!f.remediation.empty())
      row.set("remediation", f.remediation);
    row.set("location", f.where.to_string());
    if (!f.key_path.empty())
      row.set("key_path", f.key_path);
    if (!f.source.path.empty())
      row.set("url", docs_url(f.source.path, version));
    findings.push_back(row);
  }
  std::string summary =
      fmt::format("{}, {}, {} info", counted(counts[2], "error"), counted(counts[1], "warning"), counts[0]);
  if (waived > 0)
    summary += fmt::format(", {} waived", waived);
  out.set("findings_summary", summary);
  out.set("has_findings", flag(!file.findings.empty()));
  out.set("findings", findings);

  data waivers{data::type::list};
  for (const auto& u : file.waivers) {
    data row;
    row.set("rule_id", u.rule_id);
    if (!u.key_path.empty())
      row.set("key_path", u.key_path);
    row.set("state", waiver_state_word(u.state));
    row.set("owner", u.owner);
    row.set("expires", u.expires);
    row.set("reason", u.reason);
    waivers.push_back(row);
  }
  out.set("has_waivers", flag(!file.waivers.empty()));
  out.set("waivers", waivers);

  data questions{data::type::list};
  for (const auto& q : file.questions) {
    data row;
    row.set("fact", q.fact);
    row.set("description", q.description);
    std::string rules;
    for (const auto& id : q.rule_ids)
      rules += (rules.empty() ? "" : ", ") + id;
    row.set("rules", rules);
    questions.push_back(row);
  }
  out.set("has_questions", flag(!file.questions.empty()));
  out.set("questions", questions);

  data problems{data::type::list};
  for (const auto& p : file.problems) {
    data row;
    row.set("rule_id", p.rule_id);
    row.set("message", p.message);
    row.set("code", p.code);
    problems.push_back(row);
  }
  out.set("has_problems", flag(!file.problems.empty()));
  out.set("problems", problems);
  return out;
}

class HtmlRenderer final : public Renderer
{
public:
  explicit HtmlRenderer(std::ostream& out)
      : m_out(out)
  {}

  [[nodiscard]] Needs needs() const override
  {
    Needs needs;
    needs.diagram = true;
    needs.input_sha256 = true;
    needs.catalog_digest = true;
    return needs;
  }
  void begin(const advice::RunInfo& run) override { m_run = &run; }

  void file(const advice::FileResult& result) override
  {
    const std::string anchor = fmt::format("file-{}", ++m_files);
    m_spool.write(render_template("html_file", file_data(*m_run, result, anchor)));
    if (m_files == 1)
      m_first_name = result.name.empty() ? result.file : result.name;
    data input;
    input.set("file", result.file);
    input.set("sha256", result.input_sha256);
    input.set("has_sha256", flag(!result.input_sha256.empty()));
    input.set("has_sets", flag(!result.fact_overrides.empty()));
    input.set("sets", strings(result.fact_overrides));
    m_inputs.push_back(input);
  }

  void input_errors(const std::vector<diag::Diagnostic>& errors) override
  {
    for (const auto& d : errors) {
      data row;
      row.set("where", d.where.to_string());
      row.set("message", d.message);
      row.set("code", d.code);
      m_invalid.push_back(row);
    }
  }

  void end(const RunSummary& summary) override
  {
    data head;
    head.set("tool_version", m_run->tool_version);
    head.set("command", advice::to_string(m_run->command));
    head.set("today", m_run->today);
    const std::string title = summary.files.size() == 1 ? m_first_name
                              : summary.files.empty()
                                  ? std::string("No environment assessed")
                                  : fmt::format("{} environments compared", summary.files.size());
    head.set("title", title);
    data comparison{data::type::list};
    int index = 0;
    for (const auto& row : summary.files) {
      data r;
      r.set("anchor", fmt::format("file-{}", ++index));
      r.set("file", row.file);
      r.set("name", row.name);
      r.set("topology", topology_word(row.assessed, "none"));
      data scores{data::type::list};
      for (const auto& sc : row.scores) {
        data cell;
        cell.set("score", sc.blocked ? std::string("blocked") : std::to_string(sc.score));
        scores.push_back(cell);
      }
      r.set("scores", scores);
      r.set("margin", row.has_verdict ? std::to_string(row.margin) : std::string());
      r.set("confidence", row.has_verdict
                              ? fmt::format("{} ({}%)", row.confidence_level, row.confidence_percent)
                              : std::string());
      r.set("errors", std::to_string(row.errors));
      r.set("warnings", std::to_string(row.warnings));
      r.set("info", std::to_string(row.info));
      r.set("waived", std::to_string(row.waived));
      comparison.push_back(r);
    }
    head.set("has_comparison", flag(summary.files.size() > 1));
    head.set("has_verdicts", flag(m_run->command == advice::Command::recommend));
    head.set("comparison", comparison);
    m_out << render_template("html_begin", head);
    m_spool.copy_to(m_out);

    data tail;
    tail.set("tool_version", m_run->tool_version);
    tail.set("command", advice::to_string(m_run->command));
    tail.set("catalog_digest", m_run->catalog_digest);
    tail.set("has_catalog_digest", flag(!m_run->catalog_digest.empty()));
    tail.set("today", m_run->today);
    tail.set("inputs", m_inputs);
    data params{data::type::list};
    for (const auto& p : m_run->param_overrides) {
      data row;
      row.set("name", p.name);
      row.set("value", p.value);
      row.set("default_value", p.default_value);
      row.set("by", p.by);
      row.set("has_by", flag(!p.by.empty()));
      params.push_back(row);
    }
    tail.set("has_params", flag(!m_run->param_overrides.empty()));
    tail.set("params", params);
    data replacements{data::type::list};
    for (const auto& r : m_run->rule_replacements) {
      data row;
      row.set("rule_id", r.rule_id);
      row.set("file", r.file);
      row.set("replaces", r.replaces);
      replacements.push_back(row);
    }
    tail.set("replacements", replacements);
    tail.set("has_invalid", flag(!m_invalid.is_empty_list()));
    tail.set("invalid", m_invalid);
    tail.set("totals", fmt::format("{} assessed: {}, {}, {} ({} waived).",
                                   counted(static_cast<long long>(summary.files.size()), "file"),
                                   counted(summary.errors, "error"), counted(summary.warnings, "warning"),
                                   counted(summary.info, "info finding"), summary.waived));
    m_out << render_template("html_end", tail);
  }

private:
  std::ostream& m_out;
  const advice::RunInfo* m_run = nullptr; // `begin`'s, alive until `end` returns (Renderer)
  Spool m_spool;
  int m_files = 0;
  std::string m_first_name;
  data m_inputs{data::type::list};  // one small row per file (provenance)
  data m_invalid{data::type::list}; // one row per input error
};

} // namespace

std::unique_ptr<Renderer> make_html(std::ostream& out, const RenderOptions& /*options*/)
{
  return std::make_unique<HtmlRenderer>(out);
}

} // namespace ghes_topology::report
