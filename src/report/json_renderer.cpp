// SPDX-License-Identifier: Apache-2.0
// The machine report (docs/output-json.md): one JSON document, keys in a fixed order,
// written file by file: only one file's part of the document exists at a time.
#include "ghes_topology/report/renderer.hpp"

#include "report/formats_internal.hpp"
#include "report/vocabulary.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

namespace ghes_topology::report {
namespace {

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
    if (where.end_line > 0) {
      j["end_line"] = where.end_line;
      j["end_column"] = where.end_column;
    }
  }
  return j;
}

Json topology(const std::optional<engine::Topology>& t)
{
  return t ? Json(std::string(engine::to_string(*t))) : Json(nullptr);
}

Json source(const advice::Citation& c)
{
  return Json{
      {"path", c.path}, {"section", c.section}, {"threshold", std::string(engine::to_string(c.threshold))}};
}

Json effects(const std::vector<engine::Effect>& list)
{
  Json out = Json::array();
  for (const auto& e : list) {
    Json j{{"option", std::string(engine::to_string(e.option))}};
    if (e.blocks)
      j["blocks"] = true;
    else
      j["weight"] = e.weight;
    out.push_back(std::move(j));
  }
  return out;
}

Json facts(const std::vector<engine::FactUse>& list)
{
  Json out = Json::array();
  for (const auto& f : list)
    out.push_back(
        Json{{"path", f.path}, {"value", f.value}, {"known", f.known}, {"location", location(f.where)}});
  return out;
}

Json verdict(const advice::Verdict& v)
{
  Json scores = Json::array();
  for (const auto& s : v.scores)
    scores.push_back(Json{{"option", std::string(engine::to_string(s.option))},
                          {"score", s.score},
                          {"raw", s.raw},
                          {"blocked", s.blocked},
                          {"blocked_by", s.blocked_by}});
  return Json{{"topology", topology(v.topology)},
              {"margin", v.margin},
              {"confidence",
               {{"level", v.confidence.level},
                {"percent", v.confidence.percent},
                {"could_change", v.confidence.could_flip}}},
              {"scores", scores}};
}

Json file_result(const advice::FileResult& file, advice::Command command)
{
  Json j;
  j["file"] = file.file;
  j["name"] = file.name.empty() ? Json(nullptr) : Json(file.name);
  j["ghes_version"] = file.ghes_version.empty() ? Json(nullptr) : Json(file.ghes_version);
  j["topology"] = topology(file.assessed);
  j["fact_overrides"] = file.fact_overrides;
  if (command == advice::Command::recommend && file.verdict) {
    j["verdict"] = verdict(*file.verdict);
    Json reasons = Json::array();
    for (const auto& r : file.reasons)
      reasons.push_back(Json{{"rule", r.rule_id},
                             {"title", r.title},
                             {"message", r.message},
                             {"effects", effects(r.effects)},
                             {"facts", facts(r.facts)},
                             {"source", source(r.source)},
                             {"location", location(r.where)}});
    j["reasons"] = reasons;
    Json tipping = Json::array();
    for (const auto& t : file.tipping_points) {
      Json tp{{"fact", t.fact},
              {"unit", t.unit},
              {"current", t.current},
              {"threshold", t.threshold},
              {"direction", t.threshold > t.current ? "up" : "down"},
              {"becomes", std::string(engine::to_string(t.becomes))}};
      tp["years"] = t.years ? Json(*t.years) : Json(nullptr);
      tipping.push_back(std::move(tp));
    }
    j["tipping_points"] = tipping;
    Json implications = Json::array();
    for (const auto& i : file.implications)
      implications.push_back(Json{{"section", std::string(engine::to_string(i.section))},
                                  {"rule", i.rule_id},
                                  {"text", i.text},
                                  {"source", source(i.source)}});
    j["implications"] = implications;
  }
  Json findings = Json::array();
  for (const auto& f : file.findings) {
    Json finding{{"severity", std::string(engine::to_string(f.severity))},
                 {"rule", f.rule_id},
                 {"title", f.title},
                 {"message", f.message},
                 {"remediation", f.remediation},
                 {"location", location(f.where)},
                 {"key_path", f.key_path.empty() ? Json(nullptr) : Json(f.key_path)},
                 {"fingerprint", f.fingerprint},
                 {"source", source(f.source)},
                 {"waived", f.waived}};
    if (f.severity_override)
      finding["severity_override"] = Json{{"from", std::string(engine::to_string(f.severity_override->from))},
                                          {"to", std::string(engine::to_string(f.severity_override->to))},
                                          {"by", f.severity_override->by}};
    findings.push_back(std::move(finding));
  }
  j["findings"] = findings;
  Json waivers = Json::array();
  for (const auto& u : file.waivers)
    waivers.push_back(Json{{"rule", u.rule_id},
                           {"reason", u.reason},
                           {"owner", u.owner},
                           {"expires", u.expires},
                           {"key_path", u.key_path.empty() ? Json(nullptr) : Json(u.key_path)},
                           {"scope", u.scope.empty() ? Json(nullptr) : Json(u.scope)},
                           {"state", waiver_state_word(u.state)},
                           {"silenced", u.silenced},
                           {"location", location(u.where)}});
  j["waivers"] = waivers;
  Json questions = Json::array();
  for (const auto& q : file.questions)
    questions.push_back(Json{{"fact", q.fact}, {"description", q.description}, {"rules", q.rule_ids}});
  j["questions"] = questions;
  Json problems = Json::array();
  for (const auto& p : file.problems)
    problems.push_back(
        Json{{"rule", p.rule_id}, {"code", p.code}, {"message", p.message}, {"location", location(p.where)}});
  j["evaluation_errors"] = problems;
  return j;
}

class JsonRenderer final : public Renderer
{
public:
  explicit JsonRenderer(std::ostream& out)
      : m_out(out)
  {}

  // Writes the document up to the opening of `results`.
  void begin(const advice::RunInfo& run) override
  {
    m_command = run.command;
    m_fail_on = run.fail_on;
    Json head;
    head["schema_version"] = k_json_schema_version;
    head["tool"] = Json{{"name", "ghes-topology"}, {"version", run.tool_version}};
    head["command"] = advice::to_string(run.command);
    head["today"] = run.today;
    Json params = Json::array();
    for (const auto& p : run.param_overrides) {
      Json param{{"name", p.name}, {"value", p.value}, {"default", p.default_value}};
      if (!p.by.empty()) // only when not `--param`
        param["by"] = p.by;
      params.push_back(std::move(param));
    }
    head["parameter_overrides"] = params;
    Json replacements = Json::array();
    for (const auto& r : run.rule_replacements)
      replacements.push_back(Json{{"rule", r.rule_id}, {"file", r.file}, {"replaces", r.replaces}});
    head["rule_replacements"] = replacements;
    // Only when policy is in force, so a run without it reads as before.
    if (!run.severity_overrides.empty()) {
      Json overrides = Json::array();
      for (const auto& o : run.severity_overrides)
        overrides.push_back(Json{{"rule", o.rule_id},
                                 {"from", std::string(engine::to_string(o.from))},
                                 {"to", std::string(engine::to_string(o.to))},
                                 {"by", o.by}});
      head["severity_overrides"] = overrides;
    }
    if (!run.disabled_rules.empty()) {
      Json disabled = Json::array();
      for (const auto& d : run.disabled_rules)
        disabled.push_back(Json{{"id", d.rule_id}, {"by", d.by}});
      head["disabled_rules"] = disabled;
    }
    std::string text = dump_at(head, 0);
    text.resize(text.size() - 2); // the closing "\n}"
    m_out << text << ",\n  \"results\": [";
  }

  void file(const advice::FileResult& result) override
  {
    m_out << (m_files == 0 ? "\n    " : ",\n    ") << dump_at(file_result(result, m_command), 2);
    ++m_files;
  }

  // Kept until `end` (a few small rows per rejected file): `input_errors` follows `results`.
  void input_errors(const std::vector<diag::Diagnostic>& errors) override
  {
    if (errors.empty())
      return;
    Json list = Json::array();
    for (const auto& d : errors)
      list.push_back(Json{{"code", d.code},
                          {"message", d.message},
                          {"location", location(d.where)},
                          {"key_path", d.key_path.empty() ? Json(nullptr) : Json(d.key_path)}});
    m_input_errors.push_back(Json{{"file", errors.front().where.file}, {"errors", list}});
  }

  void end(const RunSummary& s) override
  {
    m_out << (m_files == 0 ? "]" : "\n  ]");
    m_out << ",\n  \"input_errors\": " << dump_at(m_input_errors, 1);
    Json summary{
        {"files", s.files.size()},
        {"invalid_files", s.invalid_files},
        {"findings", {{"error", s.errors}, {"warning", s.warnings}, {"info", s.info}, {"waived", s.waived}}}};
    if (m_command == advice::Command::check) {
      summary["fail_on"] = m_fail_on ? Json(severity_word(*m_fail_on)) : Json("none");
      summary["failing"] = s.failing;
      summary["passed"] = s.failing == 0 && s.evaluation_errors == 0 && s.invalid_files == 0;
    }
    m_out << ",\n  \"summary\": " << dump_at(summary, 1) << "\n}\n";
  }

private:
  std::ostream& m_out;
  advice::Command m_command = advice::Command::recommend;
  std::optional<engine::Severity> m_fail_on;
  std::size_t m_files = 0;
  Json m_input_errors = Json::array();
};

} // namespace

std::string dump_at(const nlohmann::ordered_json& value, int depth)
{
  const std::string text = value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  const std::string indent(static_cast<std::size_t>(2 * depth), ' ');
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    out += c;
    if (c == '\n')
      out += indent;
  }
  return out;
}

std::unique_ptr<Renderer> make_json(std::ostream& out, const RenderOptions& /*options*/)
{
  return std::make_unique<JsonRenderer>(out);
}

} // namespace ghes_topology::report
