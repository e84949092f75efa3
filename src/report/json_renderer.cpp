// SPDX-License-Identifier: Apache-2.0
// The machine report (docs/output-json.md): one JSON document, keys in a fixed order.
#include "ghes_topology/report/renderer.hpp"

#include <nlohmann/json.hpp>

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

const char* waiver_state(advice::WaiverUse::State state)
{
  switch (state) {
  case advice::WaiverUse::State::applied:
    return "applied";
  case advice::WaiverUse::State::expired:
    return "expired";
  case advice::WaiverUse::State::unused:
    return "unused";
  }
  return "unused";
}

Json file_result(const advice::FileResult& file, advice::Command command)
{
  Json j;
  j["file"] = file.file;
  j["name"] = file.name.empty() ? Json(nullptr) : Json(file.name);
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
  for (const auto& f : file.findings)
    findings.push_back(Json{{"severity", std::string(engine::to_string(f.severity))},
                            {"rule", f.rule_id},
                            {"title", f.title},
                            {"message", f.message},
                            {"remediation", f.remediation},
                            {"location", location(f.where)},
                            {"source", source(f.source)},
                            {"waived", f.waived}});
  j["findings"] = findings;
  Json waivers = Json::array();
  for (const auto& u : file.waivers)
    waivers.push_back(Json{{"rule", u.rule_id},
                           {"reason", u.reason},
                           {"owner", u.owner},
                           {"expires", u.expires},
                           {"state", waiver_state(u.state)},
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

} // namespace

std::string render_json(const advice::Assessment& a, const RenderOptions& /*options*/)
{
  Json root;
  root["schema_version"] = k_json_schema_version;
  root["tool"] = Json{{"name", "ghes-topology"}, {"version", a.tool_version}};
  root["command"] = advice::to_string(a.command);
  root["today"] = a.today;
  Json params = Json::array();
  for (const auto& p : a.param_overrides)
    params.push_back(Json{{"name", p.name}, {"value", p.value}, {"default", p.default_value}});
  root["parameter_overrides"] = params;
  Json replacements = Json::array();
  for (const auto& r : a.rule_replacements)
    replacements.push_back(Json{{"rule", r.rule_id}, {"file", r.file}, {"replaces", r.replaces}});
  root["rule_replacements"] = replacements;
  Json files = Json::array();
  for (const auto& file : a.files)
    files.push_back(file_result(file, a.command));
  root["results"] = files;

  int counts[3] = {0, 0, 0};
  int waived = 0;
  for (const auto& file : a.files)
    for (const auto& f : file.findings) {
      if (f.waived)
        ++waived;
      else
        ++counts[static_cast<int>(f.severity)];
    }
  Json summary{
      {"files", a.files.size()},
      {"findings", {{"error", counts[2]}, {"warning", counts[1]}, {"info", counts[0]}, {"waived", waived}}}};
  if (a.command == advice::Command::check) {
    summary["fail_on"] = a.fail_on ? Json(std::string(engine::to_string(*a.fail_on))) : Json("none");
    summary["failing"] = a.failing_findings();
    summary["passed"] = a.failing_findings() == 0 && a.evaluation_errors() == 0;
  }
  root["summary"] = summary;
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

} // namespace ghes_topology::report
