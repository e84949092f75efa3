// SPDX-License-Identifier: Apache-2.0
// SARIF 2.1.0 for code scanning (docs/ci.md): results streamed file by file, the tool and its
// rules after them, so a rule's help link can name the GHES version the files target.
#include "ghes_topology/report/renderer.hpp"

#include "report/formats_internal.hpp"
#include "report/vocabulary.hpp"

#include <algorithm>
#include <map>
#include <ostream>
#include <set>

namespace ghes_topology::report {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* k_schema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char* k_information_uri = "https://github.com/ghes-topology/ghes-topology";
constexpr const char* k_root = "SRCROOT";
constexpr const char* k_fingerprint_key = "ghesTopologyFinding/v1";

const char* level_of(engine::Severity severity)
{
  switch (severity) {
  case engine::Severity::error:
    return "error";
  case engine::Severity::warning:
    return "warning";
  case engine::Severity::info:
    return "note";
  }
  return "note";
}

// A relative path as a URI reference: `/` kept, every byte outside RFC 3986's unreserved
// set percent-encoded.
std::string uri_of(std::string_view path)
{
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      out += '%';
      out += k_hex[u >> 4];
      out += k_hex[u & 0xF];
    }
  }
  return out;
}

// The artifact of an input named `file`: relative paths against SRCROOT (the directory the
// tool ran in), absolute ones as `file://` URIs; nothing for standard input.
std::optional<Json> artifact(const std::string& file)
{
  if (file.empty() || file == "<stdin>" || file.starts_with("--"))
    return std::nullopt;
  if (file.starts_with("/"))
    return Json{{"uri", "file://" + uri_of(file)}};
  std::string_view relative = file;
  while (relative.starts_with("./"))
    relative.remove_prefix(2);
  return Json{{"uri", uri_of(relative)}, {"uriBaseId", k_root}};
}

// `locations` of a result at `where` in the input `file` about `key_path`. A position
// gives a region; a fact set on the command line (no position) keeps the file and gets
// the key path as a logical location.
Json locations(const diag::Location& where, const std::string& file, const std::string& key_path)
{
  Json location = Json::object();
  const bool in_file = where.has_file() && where.file == file;
  if (auto a = artifact(file)) {
    Json physical{{"artifactLocation", *a}};
    if (in_file && where.has_position()) {
      Json region{{"startLine", where.line}, {"startColumn", std::max(where.column, 1)}};
      if (where.end_line > 0) {
        region["endLine"] = where.end_line;
        region["endColumn"] = where.end_column + 1; // SARIF's end column is exclusive
      }
      physical["region"] = region;
    }
    location["physicalLocation"] = physical;
  }
  if (!key_path.empty() && !(in_file && where.has_position()))
    location["logicalLocations"] = Json::array({Json{{"fullyQualifiedName", key_path}, {"kind", "member"}}});
  return Json::array({location});
}

class SarifRenderer final : public Renderer
{
public:
  explicit SarifRenderer(std::ostream& out)
      : m_out(out)
  {}

  [[nodiscard]] Needs needs() const override
  {
    Needs needs;
    needs.rule_list = true;
    return needs;
  }
  void begin(const advice::RunInfo& run) override
  {
    m_run = &run;
    for (const auto& rule : run.rules)
      if (rule.kind == engine::RuleKind::finding)
        m_catalog_ids.insert(rule.id);
    m_out << "{\n  \"$schema\": \"" << k_schema << "\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
          << "      \"results\": [";
  }

  void file(const advice::FileResult& result) override
  {
    if (m_version_state == 0)
      m_version = result.ghes_version, m_version_state = 1;
    else if (m_version != result.ghes_version)
      m_version_state = 2;
    for (const auto& f : result.findings) {
      Json r{{"ruleId", f.rule_id}, {"level", level_of(f.severity)}, {"message", {{"text", f.message}}}};
      r["locations"] = locations(f.where, result.file, f.key_path);
      r["partialFingerprints"] = Json{{k_fingerprint_key, f.fingerprint}};
      if (f.waived) {
        const advice::WaiverUse* w = advice::waiver_of(result, f);
        const std::string reason = w != nullptr ? w->reason : std::string();
        r["suppressions"] = Json::array({Json{{"kind", "inSource"}, {"justification", reason}}});
      }
      Json properties{{"title", f.title}};
      if (!f.remediation.empty())
        properties["remediation"] = f.remediation;
      if (!f.key_path.empty())
        properties["keyPath"] = f.key_path;
      if (f.severity_override) // `level` is the effective severity; the rule's own is kept here
        properties["severityOverride"] =
            Json{{"from", std::string(engine::to_string(f.severity_override->from))},
                 {"to", std::string(engine::to_string(f.severity_override->to))},
                 {"by", f.severity_override->by}};
      r["properties"] = properties;
      note_rule(f.rule_id, f.title, f.severity, f.source.path);
      write_result(r);
    }
  }

  // Kept until `end` (a few small rows per rejected file), so the results do not depend on
  // where the rejected files were among the arguments (and `render` can rebuild them).
  void input_errors(const std::vector<diag::Diagnostic>& errors) override
  {
    m_input_errors.insert(m_input_errors.end(), errors.begin(), errors.end());
  }

  void end(const RunSummary& /*summary*/) override
  {
    for (const auto& d : m_input_errors) {
      Json r{{"ruleId", d.code}, {"level", "error"}, {"message", {{"text", d.message}}}};
      r["locations"] = locations(d.where, d.where.file, d.key_path);
      r["partialFingerprints"] =
          Json{{k_fingerprint_key, advice::fingerprint_of(d.code, d.key_path, d.where.file)}};
      note_rule(d.code, "Input error: " + d.code, engine::Severity::error, "");
      write_result(r);
    }
    const std::string version = m_version_state == 1 ? m_version : std::string();
    Json rules = Json::array();
    for (const auto& rule : m_run->rules) {
      if (rule.kind != engine::RuleKind::finding)
        continue;
      Json j{{"id", rule.id}, {"shortDescription", {{"text", rule.title}}}};
      if (!rule.rationale.empty())
        j["fullDescription"] = Json{{"text", rule.rationale}};
      if (!rule.remediation.empty())
        j["help"] = Json{{"text", rule.remediation}};
      if (!rule.source_path.empty())
        j["helpUri"] = docs_url(rule.source_path, version);
      j["defaultConfiguration"] =
          Json{{"level", level_of(rule.severity.value_or(engine::Severity::warning))}};
      j["properties"] = Json{{"category", rule.category}, {"tags", Json::array({rule.category})}};
      rules.push_back(std::move(j));
    }
    for (const auto& [id, extra] : m_extra_rules) {
      Json j{{"id", id}, {"shortDescription", {{"text", extra.title}}}};
      if (!extra.source_path.empty())
        j["helpUri"] = docs_url(extra.source_path, version);
      j["defaultConfiguration"] = Json{{"level", level_of(extra.severity)}};
      rules.push_back(std::move(j));
    }
    Json driver{{"name", "ghes-topology"},
                {"version", m_run->tool_version},
                {"informationUri", k_information_uri},
                {"rules", rules}};
    Json bases{{k_root,
                {{"description",
                  {{"text", "The directory ghes-topology ran in: input paths are relative to it."}}}}}};
    m_out << (m_results == 0 ? "]" : "\n      ]")
          << ",\n      \"tool\": " << dump_at(Json{{"driver", driver}}, 3)
          << ",\n      \"originalUriBaseIds\": " << dump_at(bases, 3);
    // The policy in force (only when there is one): run.properties, beside the results it shaped.
    Json policy = Json::object();
    if (!m_run->severity_overrides.empty()) {
      Json overrides = Json::array();
      for (const auto& o : m_run->severity_overrides)
        overrides.push_back(Json{{"ruleId", o.rule_id},
                                 {"from", std::string(engine::to_string(o.from))},
                                 {"to", std::string(engine::to_string(o.to))},
                                 {"by", o.by}});
      policy["severityOverrides"] = overrides;
    }
    if (!m_run->disabled_rules.empty()) {
      Json disabled = Json::array();
      for (const auto& d : m_run->disabled_rules)
        disabled.push_back(Json{{"ruleId", d.rule_id}, {"by", d.by}});
      policy["disabledRules"] = disabled;
    }
    if (!policy.empty())
      m_out << ",\n      \"properties\": " << dump_at(policy, 3);
    m_out << "\n    }\n  ]\n}\n";
  }

private:
  struct ExtraRule
  {
    std::string title;
    engine::Severity severity = engine::Severity::warning;
    std::string source_path;
  };

  // Remembers a rule id that is not a catalog finding rule (`waiver-expired`, an input
  // error's code), so `tool.driver.rules` describes every `ruleId`.
  void note_rule(const std::string& id, const std::string& title, engine::Severity severity,
                 const std::string& source_path)
  {
    if (m_catalog_ids.contains(id) || m_extra_rules.contains(id))
      return;
    m_extra_rules.emplace(id, ExtraRule{title, severity, source_path});
  }

  void write_result(const Json& r)
  {
    m_out << (m_results == 0 ? "\n        " : ",\n        ") << dump_at(r, 4);
    ++m_results;
  }

  std::ostream& m_out;
  const advice::RunInfo* m_run = nullptr; // `begin`'s, alive until `end` returns (Renderer)
  std::set<std::string> m_catalog_ids;
  std::map<std::string, ExtraRule> m_extra_rules; // by id: deterministic order
  std::vector<diag::Diagnostic> m_input_errors;
  std::string m_version;
  int m_version_state = 0; // 0 no file yet, 1 every file targets `m_version`, 2 they differ
  std::size_t m_results = 0;
};

} // namespace

std::unique_ptr<Renderer> make_sarif(std::ostream& out, const RenderOptions& /*options*/)
{
  return std::make_unique<SarifRenderer>(out);
}

} // namespace ghes_topology::report
