// SPDX-License-Identifier: Apache-2.0
// The rule catalog as JSON (`rules list --format json`).
#include "ghes_topology/report/catalog.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

namespace ghes_topology::report {

void write_catalog_json(std::ostream& out, const engine::Catalog& catalog)
{
  using Json = nlohmann::ordered_json;
  auto array = Json::array();
  for (const auto& rule : catalog.rules) {
    Json j;
    j["id"] = rule.id;
    j["kind"] = engine::to_string(rule.kind);
    j["severity"] = rule.severity ? Json(engine::to_string(*rule.severity)) : nullptr;
    j["title"] = rule.title;
    j["category"] = rule.category;
    j["source"] = {{"path", rule.source.path},
                   {"section", rule.source.section},
                   {"versions", rule.source.versions.empty() ? Json(nullptr) : Json(rule.source.versions)}};
    j["threshold"] = engine::to_string(rule.threshold);
    j["file"] = rule.file;
    j["origin"] = rule.origin == engine::RuleOrigin::builtin ? "builtin" : "user";
    j["overrides"] = rule.overrides.empty() ? Json(nullptr) : Json(rule.overrides);
    auto params = Json::array();
    for (const auto& p : rule.params)
      params.push_back(p.name);
    j["params"] = params;
    array.push_back(std::move(j));
  }
  out << array.dump(2) << '\n';
}

} // namespace ghes_topology::report
