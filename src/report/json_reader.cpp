// SPDX-License-Identifier: Apache-2.0
// A saved JSON result read back into the structures the renderers take (`render`).
#include "ghes_topology/report/json_reader.hpp"

#include "report/vocabulary.hpp"

#include "ghes_topology/diag/error.hpp"

#include <array>
#include <fmt/format.h>
#include <istream>
#include <nlohmann/json.hpp>

namespace ghes_topology::report {
namespace {

using Json = nlohmann::ordered_json;

// A missing or mistyped field: names the JSON path.
struct Malformed
{
  std::string what;
};

const Json& at(const Json& j, const char* key)
{
  if (!j.is_object() || !j.contains(key))
    throw Malformed{fmt::format("no '{}'", key)};
  return j.at(key);
}

std::string text(const Json& j, const char* key)
{
  const Json& v = at(j, key);
  if (v.is_null())
    return {};
  if (!v.is_string())
    throw Malformed{fmt::format("'{}' is not a string", key)};
  return v.get<std::string>();
}

template <typename T>
T number(const Json& j, const char* key)
{
  const Json& v = at(j, key);
  if (!v.is_number())
    throw Malformed{fmt::format("'{}' is not a number", key)};
  return v.get<T>();
}

bool boolean(const Json& j, const char* key)
{
  const Json& v = at(j, key);
  if (!v.is_boolean())
    throw Malformed{fmt::format("'{}' is not true or false", key)};
  return v.get<bool>();
}

std::vector<std::string> strings(const Json& j, const char* key)
{
  std::vector<std::string> out;
  for (const auto& v : at(j, key)) {
    if (!v.is_string())
      throw Malformed{fmt::format("'{}' holds a non-string", key)};
    out.push_back(v.get<std::string>());
  }
  return out;
}

// The enum value among `all` whose `to_string` is `word`.
template <typename E, std::size_t N>
E word_of(const std::array<E, N>& all, const std::string& word, const char* key)
{
  for (const E e : all)
    if (engine::to_string(e) == word)
      return e;
  throw Malformed{fmt::format("'{}' is '{}', not a known value", key, word)};
}

engine::Topology topology(const std::string& word, const char* key)
{
  return word_of(std::array{engine::Topology::standalone, engine::Topology::ha, engine::Topology::cluster},
                 word, key);
}

std::optional<engine::Topology> optional_topology(const Json& j, const char* key)
{
  const std::string word = text(j, key);
  if (word.empty())
    return std::nullopt;
  return topology(word, key);
}

engine::Severity severity(const std::string& word, const char* key)
{
  return word_of(std::array{engine::Severity::info, engine::Severity::warning, engine::Severity::error}, word,
                 key);
}

diag::Location location(const Json& j)
{
  const Json& v = at(j, "location");
  diag::Location where;
  if (v.is_null())
    return where;
  where.file = text(v, "file");
  if (v.contains("line")) {
    where.line = number<int>(v, "line");
    where.column = number<int>(v, "column");
  }
  if (v.contains("end_line")) {
    where.end_line = number<int>(v, "end_line");
    where.end_column = number<int>(v, "end_column");
  }
  return where;
}

advice::Citation citation(const Json& j)
{
  const Json& s = at(j, "source");
  return advice::Citation{text(s, "path"), text(s, "section"),
                          word_of(std::array{engine::Threshold::documented, engine::Threshold::assumption,
                                             engine::Threshold::none},
                                  text(s, "threshold"), "threshold")};
}

std::vector<engine::FactUse> facts(const Json& j)
{
  std::vector<engine::FactUse> out;
  for (const auto& f : at(j, "facts"))
    out.push_back(engine::FactUse{text(f, "path"), text(f, "value"), boolean(f, "known"), location(f)});
  return out;
}

advice::Verdict verdict(const Json& v)
{
  advice::Verdict out;
  out.topology = optional_topology(v, "topology");
  out.margin = number<int>(v, "margin");
  const Json& c = at(v, "confidence");
  out.confidence.level = text(c, "level");
  out.confidence.percent = number<int>(c, "percent");
  out.confidence.could_flip = boolean(c, "could_change");
  for (const auto& s : at(v, "scores"))
    out.scores.push_back(advice::OptionScore{topology(text(s, "option"), "option"), number<double>(s, "raw"),
                                             number<int>(s, "score"), boolean(s, "blocked"),
                                             strings(s, "blocked_by")});
  return out;
}

advice::FileResult file_result(const Json& j, advice::Command command)
{
  advice::FileResult r;
  r.file = text(j, "file");
  r.name = text(j, "name");
  r.ghes_version = text(j, "ghes_version");
  r.assessed = optional_topology(j, "topology");
  r.fact_overrides = strings(j, "fact_overrides");
  if (command == advice::Command::recommend && j.contains("verdict")) {
    r.verdict = verdict(at(j, "verdict"));
    for (const auto& x : at(j, "reasons")) {
      advice::Reason reason;
      reason.rule_id = text(x, "rule");
      reason.title = text(x, "title");
      reason.message = text(x, "message");
      for (const auto& e : at(x, "effects")) {
        engine::Effect effect;
        effect.option = topology(text(e, "option"), "option");
        effect.blocks = e.contains("blocks") && boolean(e, "blocks");
        if (!effect.blocks)
          effect.weight = number<double>(e, "weight");
        reason.effects.push_back(effect);
      }
      reason.facts = facts(x);
      reason.source = citation(x);
      reason.where = location(x);
      r.reasons.push_back(std::move(reason));
    }
    for (const auto& x : at(j, "tipping_points")) {
      advice::TippingPoint t;
      t.fact = text(x, "fact");
      t.unit = text(x, "unit");
      t.current = number<double>(x, "current");
      t.threshold = number<double>(x, "threshold");
      t.becomes = topology(text(x, "becomes"), "becomes");
      if (!at(x, "years").is_null())
        t.years = number<double>(x, "years");
      r.tipping_points.push_back(std::move(t));
    }
    for (const auto& x : at(j, "implications"))
      r.implications.push_back(
          advice::Implication{word_of(std::array{engine::Section::topology, engine::Section::failover,
                                                 engine::Section::backups, engine::Section::monitoring},
                                      text(x, "section"), "section"),
                              text(x, "rule"), text(x, "text"), citation(x)});
  }
  for (const auto& x : at(j, "findings")) {
    advice::Finding f;
    f.severity = severity(text(x, "severity"), "severity");
    f.rule_id = text(x, "rule");
    f.title = text(x, "title");
    f.message = text(x, "message");
    f.remediation = text(x, "remediation");
    f.where = location(x);
    f.key_path = text(x, "key_path");
    f.fingerprint = text(x, "fingerprint");
    f.source = citation(x);
    f.waived = boolean(x, "waived");
    if (x.contains("severity_override")) {
      const Json& o = at(x, "severity_override");
      f.severity_override = advice::SeverityOverride{f.rule_id, severity(text(o, "from"), "from"),
                                                     severity(text(o, "to"), "to"), text(o, "by")};
    }
    r.findings.push_back(std::move(f));
  }
  for (const auto& x : at(j, "waivers")) {
    advice::WaiverUse w;
    w.rule_id = text(x, "rule");
    w.reason = text(x, "reason");
    w.owner = text(x, "owner");
    w.expires = text(x, "expires");
    w.key_path = text(x, "key_path");
    w.scope = text(x, "scope");
    w.where = location(x);
    const std::string state = text(x, "state");
    bool known = false;
    for (const auto s : {advice::WaiverUse::State::applied, advice::WaiverUse::State::expired,
                         advice::WaiverUse::State::unused})
      if (state == waiver_state_word(s)) {
        w.state = s;
        known = true;
      }
    if (!known)
      throw Malformed{fmt::format("'state' is '{}', not a known value", state)};
    w.silenced = number<int>(x, "silenced");
    r.waivers.push_back(std::move(w));
  }
  for (const auto& x : at(j, "questions"))
    r.questions.push_back(advice::Question{text(x, "fact"), text(x, "description"), strings(x, "rules")});
  for (const auto& x : at(j, "evaluation_errors"))
    r.problems.push_back(
        advice::RuleProblem{text(x, "rule"), text(x, "code"), text(x, "message"), location(x)});
  return r;
}

} // namespace

SavedResult read_json_result(std::istream& in, const std::string& name)
{
  const Json doc = Json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    throw Error(fmt::format("{}: not a ghes-topology JSON result: not valid JSON", name));
  try {
    if (!doc.is_object() || !doc.contains("schema_version") || !doc.contains("results"))
      throw Malformed{"no 'schema_version' and 'results'"};
    if (number<int>(doc, "schema_version") != k_json_schema_version)
      throw Malformed{fmt::format("schema_version {} (this ghes-topology reads {})",
                                  doc.at("schema_version").dump(), k_json_schema_version)};
    SavedResult saved;
    advice::RunInfo& run = saved.run;
    const std::string command = text(doc, "command");
    if (command == "check")
      run.command = advice::Command::check;
    else if (command == "recommend")
      run.command = advice::Command::recommend;
    else
      throw Malformed{fmt::format("'command' is '{}', not recommend or check", command)};
    run.tool_version = text(at(doc, "tool"), "version");
    run.today = text(doc, "today");
    if (run.command == advice::Command::check) {
      const std::string fail_on = text(at(doc, "summary"), "fail_on");
      if (fail_on != "none")
        run.fail_on = severity(fail_on, "fail_on");
    }
    for (const auto& p : at(doc, "parameter_overrides"))
      run.param_overrides.push_back(advice::ParamOverride{text(p, "name"), text(p, "value"),
                                                          text(p, "default"),
                                                          p.contains("by") ? text(p, "by") : std::string()});
    for (const auto& r : at(doc, "rule_replacements"))
      run.rule_replacements.push_back(
          advice::RuleReplacement{text(r, "rule"), text(r, "file"), text(r, "replaces")});
    if (doc.contains("severity_overrides"))
      for (const auto& o : at(doc, "severity_overrides"))
        run.severity_overrides.push_back(
            advice::SeverityOverride{text(o, "rule"), severity(text(o, "from"), "from"),
                                     severity(text(o, "to"), "to"), text(o, "by")});
    if (doc.contains("disabled_rules"))
      for (const auto& d : at(doc, "disabled_rules"))
        run.disabled_rules.push_back(advice::DisabledRule{text(d, "id"), text(d, "by")});
    for (const auto& f : at(doc, "results"))
      saved.files.push_back(file_result(f, run.command));
    if (doc.contains("input_errors"))
      for (const auto& file : at(doc, "input_errors")) {
        std::vector<diag::Diagnostic> errors;
        for (const auto& e : at(file, "errors")) {
          diag::Diagnostic d;
          d.code = text(e, "code");
          d.message = text(e, "message");
          d.where = location(e);
          d.key_path = text(e, "key_path");
          errors.push_back(std::move(d));
        }
        saved.rejected.push_back(std::move(errors));
      }
    return saved;
  } catch (const Malformed& m) {
    throw Error(fmt::format("{}: not a ghes-topology JSON result: {}", name, m.what));
  } catch (const nlohmann::json::exception& e) {
    throw Error(fmt::format("{}: not a ghes-topology JSON result: {}", name, e.what()));
  }
}

RunSummary replay(const SavedResult& saved, Renderer& renderer)
{
  RunSummary summary;
  renderer.begin(saved.run);
  for (const auto& f : saved.files) {
    renderer.file(f);
    summary.add(f, saved.run.fail_on);
  }
  for (const auto& errors : saved.rejected) {
    renderer.input_errors(errors);
    ++summary.invalid_files;
  }
  renderer.end(summary);
  return summary;
}

} // namespace ghes_topology::report
